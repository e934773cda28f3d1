// The API reference page, built entirely from /custom-elements.json (the elements' JSDoc) and
// /tokens.json (TOKENS): a new attribute, part or event with JSDoc appears here without editing this
// file. Manifest text is data: it is only ever set as text (textContent, text nodes), never as HTML.
import {
  appendRichText,
  createExample,
  customElementsOf,
  describeType,
  h,
  loadElement,
  loadManifest,
  markup,
  moduleUrl,
  PACKAGE,
  sampleAttributes,
} from './samples.js';

const status = document.querySelector('#reference-status');
const toc = document.querySelector('#reference-toc');
const container = document.querySelector('#reference');

/** A table too wide for the page scrolls in a region keyboard users can focus; others stay out of the tab order. */
const scrollers = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth + 1) {
      target.setAttribute('tabindex', '0');
      target.setAttribute('role', 'region');
      target.setAttribute('aria-label', target.dataset.label ?? '');
    } else {
      for (const name of ['tabindex', 'role', 'aria-label']) target.removeAttribute(name);
    }
  }
});

/** A table with a caption, column headers and one row per item; `cells` returns each row's cells. */
function table(caption, headers, items, cells, rowAttribute) {
  const head = h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { text: header, attributes: { scope: 'col' } }))));
  const body = h(
    'tbody',
    {},
    ...items.map((item) => {
      const row = h('tr', rowAttribute ? { attributes: { [rowAttribute.name]: rowAttribute.value(item) } } : {});
      cells(item).forEach((cell, index) => {
        const node = h(index === 0 ? 'th' : 'td', index === 0 ? { attributes: { scope: 'row' } } : {});
        if (cell instanceof Node) node.append(cell);
        else appendRichText(node, cell ?? '—');
        row.append(node);
      });
      return row;
    }),
  );
  const scroller = h('div', { className: 'table-scroll', attributes: { 'data-label': caption } }, h('table', { className: 'api-table' }, h('caption', { text: caption }), head, body));
  scrollers.observe(scroller);
  return scroller;
}

function code(text) {
  return h('code', { text });
}

function codeList(values) {
  const span = h('span', { className: 'code-list' });
  values.forEach((value, index) => {
    if (index > 0) span.append(' | ');
    span.append(code(value));
  });
  return span;
}

function subsection(id, title, ...content) {
  return h('section', { className: 'api-part', attributes: { 'aria-labelledby': id } }, h('h4', { text: title, attributes: { id } }), ...content);
}

function paragraphs(text) {
  return String(text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => appendRichText(h('p'), paragraph));
}

/** `detail: { a, b }` or `detail.url` in an event's description: the shape of its detail. */
function detailShape(event) {
  const description = String(event.description ?? '');
  const object = /detail:\s*(\{[^}`]*\})/.exec(description);
  if (object) return object[1];
  const fields = [...new Set([...description.matchAll(/detail\.(\w+)/g)].map((match) => match[1]))];
  return fields.length > 0 ? `{ ${fields.join(', ')} }` : undefined;
}

function typeCell(type) {
  const described = describeType(type?.text);
  return type?.text ? code(described.text || type.text) : '—';
}

function valuesCell(type) {
  const described = describeType(type?.text);
  if (described.kind === 'enum') return codeList(described.values);
  if (described.kind === 'boolean') return 'present or absent';
  return '—';
}

function defaultCell(attribute) {
  return attribute.default !== undefined ? code(attribute.default) : '—';
}

function renderAttributes(element, prefix) {
  const attributes = (element.attributes ?? []).filter((attribute) => attribute.name);
  if (attributes.length === 0) return undefined;
  return subsection(
    `${prefix}-attributes`,
    'Attributes',
    table(
      `Attributes of <${element.tagName}>`,
      ['Attribute', 'Type', 'Default', 'Values', 'Description'],
      attributes,
      (attribute) => [code(attribute.name), typeCell(attribute.type), defaultCell(attribute), valuesCell(attribute.type), attribute.description],
      { name: 'data-attribute', value: (attribute) => attribute.name },
    ),
  );
}

function renderProperties(element, prefix) {
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && (member.privacy === undefined || member.privacy === 'public'));
  if (fields.length === 0) return undefined;
  return subsection(
    `${prefix}-properties`,
    'Properties',
    table(
      `Properties of <${element.tagName}>`,
      ['Property', 'Attribute', 'Type', 'Default', 'Description'],
      fields,
      (field) => [
        code(field.name),
        field.attribute ? code(field.attribute) : 'none (property only)',
        typeCell(field.type),
        field.default !== undefined ? code(field.default) : '—',
        [field.description, field.reflects ? 'Reflects to its attribute.' : ''].filter(Boolean).join(' '),
      ],
      { name: 'data-property', value: (field) => field.name },
    ),
  );
}

function renderMethods(element, prefix) {
  const methods = (element.members ?? []).filter((member) => member.kind === 'method' && !member.static && (member.privacy === undefined || member.privacy === 'public'));
  if (methods.length === 0) return undefined;
  return subsection(
    `${prefix}-methods`,
    'Methods',
    table(
      `Methods of <${element.tagName}>`,
      ['Method', 'Parameters', 'Returns', 'Description'],
      methods,
      (method) => [
        code(`${method.name}()`),
        (method.parameters ?? []).length > 0 ? code((method.parameters ?? []).map((parameter) => `${parameter.name}${parameter.type?.text ? `: ${parameter.type.text}` : ''}`).join(', ')) : '—',
        method.return?.type?.text ? code(method.return.type.text) : '—',
        method.description,
      ],
    ),
  );
}

function renderEvents(element, prefix) {
  const events = (element.events ?? []).filter((event) => event.name);
  if (events.length === 0) return undefined;
  return subsection(
    `${prefix}-events`,
    'Events',
    table(
      `Events of <${element.tagName}>`,
      ['Event', 'Detail', 'Description'],
      events,
      (event) => {
        const shape = detailShape(event);
        const detail = h('span');
        if (shape) detail.append(code(`event.detail: ${shape}`));
        if (event.type?.text) detail.append(shape ? ' ' : '', code(event.type.text));
        return [code(event.name), shape || event.type?.text ? detail : '—', event.description];
      },
      { name: 'data-event', value: (event) => event.name },
    ),
  );
}

function renderSimple(element, prefix, key, title, column, label) {
  const items = element[key] ?? [];
  if (items.length === 0) return undefined;
  return subsection(
    `${prefix}-${key}`,
    title,
    table(
      `${title} of <${element.tagName}>`,
      [column, 'Description'],
      items,
      (item) => [item.name ? code(item.name) : label, item.description],
      { name: `data-${key === 'cssParts' ? 'part' : key === 'cssProperties' ? 'css-property' : 'slot'}`, value: (item) => item.name ?? '' },
    ),
  );
}

function renderExample(element, prefix) {
  const attributes = sampleAttributes(element);
  // The example sits under an <h4>, so a heading inside the element goes one level deeper.
  if ((element.attributes ?? []).some((attribute) => attribute.name === 'heading-level')) attributes['heading-level'] = '5';
  const stage = h('div', { className: 'example__stage', attributes: { 'data-example': element.tagName } });
  const note = h('p', { className: 'example__note', attributes: { role: 'status' } });
  const snippet = h('pre', {}, code(markup(element.tagName, attributes)));
  const builder = h('a', { text: `Open <${element.tagName}> in the embed builder`, attributes: { href: `/builder.html#${element.tagName}` } });
  loadElement(element).then(
    () => stage.append(createExample(element, attributes)),
    () => {
      note.textContent = `No built module at ${moduleUrl(element)}: run npm run build:client to see a live example.`;
      stage.dataset.missing = '';
    },
  );
  return subsection(`${prefix}-example`, 'Live example', snippet, stage, note, h('p', {}, builder));
}

function renderElement(element) {
  const tag = element.tagName;
  const prefix = `api-${tag}`;
  const section = h('section', { className: 'api-element', attributes: { id: tag, 'aria-labelledby': `${prefix}-title`, 'data-element': tag } });
  const title = h('h3', { attributes: { id: `${prefix}-title` } }, code(`<${tag}>`));
  const importLine = h(
    'p',
    { className: 'api-import' },
    'Load it with ',
    code(`<script type="module" src="…/${element.moduleName}.js">`),
    ' or ',
    code(`import '${PACKAGE}/${element.moduleName}.js'`),
    element.name ? ' · class ' : '',
    element.name ? code(element.name) : '',
  );
  section.append(
    title,
    appendRichText(h('p', { className: 'lede api-summary' }), element.summary ?? ''),
    ...paragraphs(element.description),
    importLine,
    ...[
      renderAttributes(element, prefix),
      renderProperties(element, prefix),
      renderMethods(element, prefix),
      renderEvents(element, prefix),
      renderSimple(element, prefix, 'slots', 'Slots', 'Slot', '(default)'),
      renderSimple(element, prefix, 'cssParts', 'CSS parts', 'Part'),
      renderSimple(element, prefix, 'cssProperties', 'CSS custom properties', 'Custom property'),
      renderExample(element, prefix),
    ].filter(Boolean),
  );
  return section;
}

async function renderTokens() {
  const response = await fetch('/tokens.json');
  if (!response.ok) return undefined;
  const { tokens } = await response.json();
  const section = h('section', { className: 'api-element', attributes: { id: 'theme-tokens', 'aria-labelledby': 'theme-tokens-title' } });
  section.append(
    h('h3', { text: 'Theme tokens shared by every element', attributes: { id: 'theme-tokens-title' } }),
    appendRichText(
      h('p', { className: 'lede' }),
      'Set these `--iso-*` custom properties on the page or on one element to theme every widget; each element’s own custom properties above default to them. Light values apply with `theme="light"`, dark ones with `theme="dark"` or, without `theme`, when the visitor prefers a dark scheme.',
    ),
    table(
      'Global theme tokens',
      ['Custom property', 'Group', 'Light', 'Dark', 'Description'],
      tokens,
      (token) => [code(token.name), token.group, code(token.light), code(token.dark), token.description],
      { name: 'data-token', value: (token) => token.name },
    ),
  );
  return section;
}

async function main() {
  try {
    const elements = customElementsOf(await loadManifest());
    const list = h('ul');
    for (const element of elements) {
      list.append(h('li', {}, h('a', { attributes: { href: `#${element.tagName}` } }, code(`<${element.tagName}>`)), ' ', appendRichText(h('span'), element.summary ?? '')));
      container.append(renderElement(element));
    }
    list.append(h('li', {}, h('a', { text: 'Theme tokens', attributes: { href: '#theme-tokens' } })));
    toc.append(list);
    toc.hidden = false;
    const tokens = await renderTokens();
    if (tokens) container.append(tokens);
    status.textContent = `${elements.length} elements, from custom-elements.json.`;
    container.dataset.ready = '';
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  } catch (error) {
    status.textContent = `Could not build the reference: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void main();
