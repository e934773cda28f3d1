// The embed builder: a form generated from /custom-elements.json (attributes: enums become selects,
// booleans checkboxes, numbers number inputs) and /tokens.json (TOKENS, the theme contract), a live
// preview, and snippets for an HTML page, an npm build and React. Styles reach the preview only through
// the CSSOM (style.setProperty), which the demo's Content-Security-Policy allows.
import {
  appendRichText,
  createExample,
  customElementsOf,
  defaultValue,
  describeType,
  h,
  loadElement,
  loadManifest,
  markup,
  PACKAGE,
  sampleAttributes,
} from './samples.js';

const ENDPOINT_EXAMPLE = 'https://your-site.example/api';
// The package on a public npm CDN, latest of the major version (docs/embedding.md); pin an exact
// version with an integrity attribute for production.
const CDN = `https://cdn.jsdelivr.net/npm/${PACKAGE}@0/dist`;

const ui = {
  status: document.querySelector('#builder-status'),
  root: document.querySelector('#builder'),
  form: document.querySelector('#builder-form'),
  select: document.querySelector('#builder-element'),
  summary: document.querySelector('#builder-element-summary'),
  attributes: document.querySelector('#builder-attributes'),
  colors: document.querySelector('#builder-colors'),
  tokens: document.querySelector('#builder-tokens'),
  properties: document.querySelector('#builder-properties'),
  reset: document.querySelector('#builder-reset-theme'),
  preview: document.querySelector('#builder-preview'),
  /** The same widget in the other scheme. */
  other: document.querySelector('#builder-preview-other'),
  snippets: {
    html: document.querySelector('#snippet-html'),
    npm: document.querySelector('#snippet-npm'),
    react: document.querySelector('#snippet-react'),
  },
};

const state = {
  elements: [],
  tokens: [],
  /** The chosen element's manifest declaration. */
  element: undefined,
  /** The preview element. */
  node: undefined,
  /** The preview in the other scheme: the same attributes and styles, the opposite theme. */
  other: undefined,
  /** Attribute values by name: a string (`''` for a boolean that is on), absent when unset. */
  attributes: new Map(),
  /** Custom properties the person changed, by name. */
  styles: new Map(),
};

/** The attributes the element documents, in manifest order. */
function documentedAttributes(element) {
  return (element?.attributes ?? []).filter((attribute) => typeof attribute.name === 'string' && attribute.name);
}

const WORDS = { id: 'ID', url: 'URL', urls: 'URLs', api: 'API', css: 'CSS' };

/**
 * A field's label in words, from its attribute or custom property name: `project-id` → "Project ID",
 * `--iso-color-accent-contrast` → "Accent contrast colour", `--iso-project-card-padding` → "Padding".
 * The name itself is shown as code in the field's hint.
 */
function humanLabel(name, tagName) {
  let rest = name.replace(/^--/, '').replace(/^iso-/, '');
  const own = tagName?.replace(/^iso-/, '');
  if (own && rest.startsWith(`${own}-`)) rest = rest.slice(own.length + 1);
  let words = rest.split('-').filter(Boolean);
  const colour = name.startsWith('--') && words[0] === 'color' && words.length > 1;
  if (colour) words = [...words.slice(1), 'colour'];
  words = words.map((word) => WORDS[word] ?? word);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A label in words, with the name people will type in their code in the hint (`hint(…, name)`). */
function fieldLabel(id, name, tagName) {
  return h('label', { attributes: { for: id } }, humanLabel(name, tagName));
}

function fieldId(kind, name) {
  return `${kind}-${name.replace(/[^\w-]/g, '')}`;
}

function hint(id, description, extra, name) {
  const node = h('p', { className: 'field__hint', attributes: { id } });
  if (name) node.append(h('code', { text: name }), description ? ': ' : '');
  appendRichText(node, description ?? '');
  if (extra) appendRichText(node, `${description ? ' ' : ''}${extra}`);
  return node;
}

function attributeField(attribute) {
  const name = attribute.name;
  const id = fieldId('attribute', name);
  const type = describeType(attribute.type?.text);
  const fallback = defaultValue(attribute);
  const value = state.attributes.get(name);
  const label = fieldLabel(id, name);
  const describedBy = `${id}-hint`;
  const common = { id, name, 'data-attribute': name, 'aria-describedby': describedBy };
  const typeNote = `Type: \`${type.text || 'string'}\`${fallback !== undefined ? `; default \`${fallback}\`` : ''}.`;

  if (type.kind === 'boolean') {
    const input = h('input', { attributes: { ...common, type: 'checkbox' } });
    input.checked = value !== undefined;
    return h('div', { className: 'field field--check' }, input, label, hint(describedBy, attribute.description, typeNote, name));
  }
  let control;
  if (type.kind === 'enum') {
    control = h('select', { attributes: common });
    control.append(h('option', { text: fallback !== undefined ? `(default: ${fallback})` : '(not set)', attributes: { value: '' } }));
    for (const option of type.values) control.append(h('option', { text: option, attributes: { value: option } }));
  } else {
    const attributes = { ...common, type: type.kind === 'number' ? 'number' : 'text', autocomplete: 'off', spellcheck: 'false' };
    if (fallback !== undefined) attributes.placeholder = fallback;
    control = h('input', { attributes });
  }
  control.value = value ?? '';
  return h('div', { className: 'field' }, label, control, hint(describedBy, attribute.description, typeNote, name));
}

/**
 * Light or dark: what the preview shows now, so unchanged colour fields show its real colours. Without
 * a theme, elements follow the page's color-scheme, and this page declares light.
 */
function scheme() {
  const theme = state.attributes.get('theme');
  return theme === 'dark' ? 'dark' : 'light';
}

/** The theme of the second preview: the other scheme. */
function otherTheme() {
  return scheme() === 'dark' ? 'light' : 'dark';
}

function tokenField(token) {
  const id = fieldId('token', token.name.replace(/^--iso-/, ''));
  const describedBy = `${id}-hint`;
  const color = token.group === 'color';
  const attributes = { id, 'data-property': token.name, 'aria-describedby': describedBy };
  const input = h('input', { attributes: color ? { ...attributes, type: 'color' } : { ...attributes, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: token.light } });
  input.value = state.styles.get(token.name) ?? (color ? token[scheme()] : '');
  const note = color ? `Light \`${token.light}\`, dark \`${token.dark}\`.` : `Default \`${token.light}\`.`;
  return h('div', { className: color ? 'field field--color' : 'field' }, fieldLabel(id, token.name), input, hint(describedBy, token.description, note, token.name));
}

function propertyField(property) {
  const id = fieldId('property', property.name.replace(/^--/, ''));
  const describedBy = `${id}-hint`;
  const input = h('input', { attributes: { id, type: 'text', autocomplete: 'off', spellcheck: 'false', 'data-property': property.name, 'aria-describedby': describedBy } });
  input.value = state.styles.get(property.name) ?? '';
  return h('div', { className: 'field' }, fieldLabel(id, property.name, state.element?.tagName), input, hint(describedBy, property.description, undefined, property.name));
}

/** Replaces everything in a fieldset after its legend (and an optional lead paragraph). */
function refill(fieldset, fields) {
  for (const child of [...fieldset.children]) {
    if (child.tagName !== 'LEGEND' && !child.matches('p.field__hint:not([id])')) child.remove();
  }
  fieldset.append(...fields);
  fieldset.hidden = fields.length === 0;
}

function syncColorFields() {
  for (const input of ui.colors.querySelectorAll('input[type="color"]')) {
    const token = state.tokens.find((candidate) => candidate.name === input.dataset.property);
    if (token && !state.styles.has(token.name)) input.value = token[scheme()];
  }
}

// ---- snippets ----

function jsString(value) {
  return `'${String(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

function componentName(element) {
  const base = typeof element.name === 'string' && /^Iso[A-Z]/.test(element.name) ? element.name.slice(3) : element.moduleName.replace(/(^|-)(\w)/g, (_m, _dash, c) => c.toUpperCase());
  return /^[A-Z]\w*$/.test(base) ? base : 'Widget';
}

function currentAttributes() {
  const entries = [];
  for (const attribute of documentedAttributes(state.element)) {
    if (state.attributes.has(attribute.name)) entries.push([attribute.name, state.attributes.get(attribute.name)]);
  }
  return entries;
}

function htmlSnippet(element, attributes, styles) {
  const lines = [`<meta name="iso-endpoint" content="${ENDPOINT_EXAMPLE}">`, `<script type="module" src="${CDN}/${element.moduleName}.js"></script>`];
  if (styles.length > 0) {
    lines.push('<style>', `  ${element.tagName} {`, ...styles.map(([name, value]) => `    ${name}: ${value};`), '  }', '</style>');
  }
  lines.push(markup(element.tagName, Object.fromEntries(attributes)));
  return lines.join('\n');
}

function npmSnippet(element, attributes, styles) {
  const lines = [
    `// npm install ${PACKAGE}`,
    `import '${PACKAGE}/${element.moduleName}.js';`,
    `import { configure } from '${PACKAGE}';`,
    '',
    `// Once per page; or put <meta name="iso-endpoint" content="${ENDPOINT_EXAMPLE}"> in its <head>.`,
    `configure({ endpoint: ${jsString(ENDPOINT_EXAMPLE)} });`,
    '',
    `const widget = document.createElement(${jsString(element.tagName)});`,
    ...attributes.map(([name, value]) => (value === '' ? `widget.toggleAttribute(${jsString(name)}, true);` : `widget.setAttribute(${jsString(name)}, ${jsString(value)});`)),
    ...styles.map(([name, value]) => `widget.style.setProperty(${jsString(name)}, ${jsString(value)});`),
    `document.querySelector('#widget')?.append(widget);`,
  ];
  return lines.join('\n');
}

function jsxAttribute(name, value) {
  if (value === '') return name;
  return /["{}]/.test(value) ? `${name}={${jsString(value)}}` : `${name}="${value}"`;
}

function wrapperProp(element, name, value) {
  const attribute = documentedAttributes(element).find((candidate) => candidate.name === name);
  const prop = attribute?.fieldName ?? name.replace(/-(\w)/g, (_match, letter) => letter.toUpperCase());
  if (value === '') return prop;
  return describeType(attribute?.type?.text).kind === 'number' && Number.isFinite(Number(value)) ? `${prop}={${Number(value)}}` : jsxAttribute(prop, value);
}

function reactSnippet(element, attributes, styles) {
  const props = attributes.map(([name, value]) => jsxAttribute(name, value));
  const style = styles.length > 0 ? `style={{ ${styles.map(([name, value]) => `${jsString(name)}: ${jsString(value)}`).join(', ')} }}` : undefined;
  if (style) props.push(style);
  const tag = props.length === 0 ? `    <${element.tagName} />` : [`    <${element.tagName}`, ...props.map((prop) => `      ${prop}`), '    />'].join('\n');
  const lines = [
    `// npm install ${PACKAGE}. React 19 passes attributes to custom elements as written;`,
    `// the page names its proxy once: <meta name="iso-endpoint" content="${ENDPOINT_EXAMPLE}">.`,
    `import '${PACKAGE}/${element.moduleName}.js';`,
    '',
    `export function ${componentName(element)}() {`,
    '  return (',
    tag,
    '  );',
    '}',
  ];
  if (typeof element.name === 'string' && /^[A-Z]\w*$/.test(element.name)) {
    const wrapperProps = [...attributes.map(([name, value]) => wrapperProp(element, name, value)), ...(style ? [style] : [])];
    lines.push(
      '',
      '// Or the typed wrapper, with properties as props:',
      `// import { ${element.name} } from '${PACKAGE}/react';`,
      `// <${element.name}${wrapperProps.map((prop) => ` ${prop}`).join('')} />`,
    );
  }
  return lines.join('\n');
}

function renderSnippets() {
  const element = state.element;
  if (!element) return;
  const attributes = currentAttributes();
  const styles = [...state.styles];
  ui.snippets.html.textContent = htmlSnippet(element, attributes, styles);
  ui.snippets.npm.textContent = npmSnippet(element, attributes, styles);
  ui.snippets.react.textContent = reactSnippet(element, attributes, styles);
}

// ---- preview ----

async function showPreview(element) {
  ui.preview.replaceChildren(h('p', { className: 'field__hint', text: `Loading <${element.tagName}>…` }));
  try {
    await loadElement(element);
  } catch {
    ui.preview.replaceChildren(h('p', { text: `<${element.tagName}> has no built module; run npm run build:client.` }));
    return;
  }
  if (state.element !== element) return;
  const node = createExample(element, Object.fromEntries(currentAttributes()));
  const other = createExample(element, { ...Object.fromEntries(currentAttributes()), theme: otherTheme() });
  for (const [name, value] of state.styles) {
    node.style.setProperty(name, value);
    other.style.setProperty(name, value);
  }
  state.node = node;
  state.other = other;
  ui.preview.replaceChildren(node);
  ui.other.replaceChildren(other);
}

function setAttribute(name, value) {
  if (value === undefined) state.attributes.delete(name);
  else state.attributes.set(name, value);
  if (!state.node) return;
  if (value === undefined) state.node.removeAttribute(name);
  else state.node.setAttribute(name, value);
  if (name === 'theme') state.other?.setAttribute('theme', otherTheme());
  else if (value === undefined) state.other?.removeAttribute(name);
  else state.other?.setAttribute(name, value);
}

function setStyle(name, value) {
  if (value === undefined) state.styles.delete(name);
  else state.styles.set(name, value);
  if (!state.node) return;
  for (const node of [state.node, state.other]) {
    if (!node) continue;
    if (value === undefined) node.style.removeProperty(name);
    else node.style.setProperty(name, value);
  }
}

// ---- choosing an element ----

function choose(element) {
  // Global tokens carry over to the next element; the previous element's own properties do not.
  for (const name of [...state.styles.keys()]) {
    if (!state.tokens.some((token) => token.name === name)) state.styles.delete(name);
  }
  state.element = element;
  state.node = undefined;
  state.other = undefined;
  ui.other.replaceChildren();
  state.attributes = new Map(Object.entries(sampleAttributes(element)));
  ui.select.value = element.tagName;
  ui.summary.replaceChildren();
  appendRichText(ui.summary, element.summary ?? '');
  refill(ui.attributes, documentedAttributes(element).map(attributeField));
  // The element's own custom properties; the global tokens it also lists have their own fields above.
  refill(ui.properties, (element.cssProperties ?? []).filter((property) => property.name && !state.tokens.some((token) => token.name === property.name)).map(propertyField));
  syncColorFields();
  renderSnippets();
  if (location.hash !== `#${element.tagName}`) history.replaceState(null, '', `#${element.tagName}`);
  void showPreview(element);
}

function onEdit(event) {
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  if (target.dataset.attribute) {
    const name = target.dataset.attribute;
    const value = target instanceof HTMLInputElement && target.type === 'checkbox' ? (target.checked ? '' : undefined) : target.value.trim() === '' ? undefined : target.value.trim();
    setAttribute(name, value);
    if (name === 'theme') syncColorFields();
  } else if (target.dataset.property) {
    setStyle(target.dataset.property, target.value.trim() === '' ? undefined : target.value.trim());
  } else {
    return;
  }
  renderSnippets();
}

function resetTheme() {
  for (const name of [...state.styles.keys()]) setStyle(name, undefined);
  for (const input of ui.form.querySelectorAll('input[data-property]')) {
    if (input.type !== 'color') input.value = '';
  }
  syncColorFields();
  renderSnippets();
}

// ---- copying ----

/** Says `text` in the status beside `button` (role=status: announced, and seen where the person looks). */
function announce(button, text) {
  const status = document.getElementById(`${button.dataset.copy}-status`);
  if (!status) return;
  for (const other of document.querySelectorAll('.snippet__status')) if (other !== status) other.textContent = '';
  // Emptied first, so the same message is announced again on a second copy.
  status.textContent = '';
  requestAnimationFrame(() => {
    status.textContent = text;
  });
}

async function copy(button) {
  const code = document.getElementById(button.dataset.copy);
  if (!code) return;
  const label = code.closest('.snippet')?.querySelector('h4')?.textContent ?? 'snippet';
  try {
    await navigator.clipboard.writeText(code.textContent);
    announce(button, `Copied the ${label} snippet.`);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    announce(button, `Could not copy by itself: the ${label} snippet is selected; press Ctrl+C (⌘C on a Mac).`);
  }
}

// ---- start ----

async function main() {
  try {
    const [manifest, tokens] = await Promise.all([
      loadManifest(),
      fetch('/tokens.json').then((response) => (response.ok ? response.json() : { tokens: [] })),
    ]);
    state.elements = customElementsOf(manifest);
    state.tokens = Array.isArray(tokens.tokens) ? tokens.tokens : [];
    if (state.elements.length === 0) throw new Error('the manifest has no custom elements');
    for (const element of state.elements) ui.select.append(h('option', { text: `<${element.tagName}>`, attributes: { value: element.tagName } }));
    refill(ui.colors, state.tokens.filter((token) => token.group === 'color').map(tokenField));
    refill(ui.tokens, state.tokens.filter((token) => token.group !== 'color').map(tokenField));

    ui.select.addEventListener('change', () => {
      const element = state.elements.find((candidate) => candidate.tagName === ui.select.value);
      if (element) choose(element);
    });
    ui.form.addEventListener('input', onEdit);
    ui.form.addEventListener('change', onEdit);
    ui.form.addEventListener('submit', (event) => event.preventDefault());
    ui.reset.addEventListener('click', resetTheme);
    for (const button of document.querySelectorAll('button[data-copy]')) button.addEventListener('click', () => void copy(button));

    const wanted = decodeURIComponent(location.hash.slice(1));
    choose(state.elements.find((element) => element.tagName === wanted) ?? state.elements[0]);
    ui.root.hidden = false;
    ui.status.textContent = `${state.elements.length} elements and ${state.tokens.length} theme tokens, from custom-elements.json and tokens.json.`;
    ui.root.dataset.ready = '';
  } catch (error) {
    ui.status.textContent = `Could not build the form: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void main();
