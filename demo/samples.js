// The demo's view of the public API: elements, attributes and their types come from
// /custom-elements.json (generated from the elements' JSDoc), and sample values from the tables below,
// keyed by attribute name, so an element that uses one of these attributes gets a working example
// without touching the API reference, the embed builder or test/e2e/i18n.test.ts, which all use this module.

/**
 * Values that make an element load real data from the local registry. The ids are SAMPLE_IDS from
 * src/local-registry/seed/sample-ids.ts (named in SAMPLE_ID_KEYS); test/e2e/reference.test.ts checks
 * that they match.
 */
export const SAMPLE_VALUES = Object.freeze({
  'project-id': 'prj_1VJRKMRFEEBVY39C',
  'organisation-id': 'org_13A3ZT7HN04698J6',
  'retirement-id': 'ret_1W6RDV74J4SJ1KN4',
  'beneficiary-id': 'org_13A3ZT7HN04698J6',
});

/** The SAMPLE_IDS entry each sample value is. */
export const SAMPLE_ID_KEYS = Object.freeze({
  'project-id': 'project',
  'organisation-id': 'organisation',
  'retirement-id': 'retirementTwoProjects',
  'beneficiary-id': 'organisation',
});

/** Values that show more of an element: with these and every boolean attribute on, it shows all it can. */
export const SHOWCASE_VALUES = Object.freeze({
  breakdown: 'supplier',
  presets: '1,5,10',
  'page-size': '5',
});

/** Where the built element modules are served, and the package name they are imported by. */
export const DIST = '/dist/';
export const PACKAGE = 'isometric-widgets';

/** Fetches the custom elements manifest. */
export async function loadManifest(url = '/custom-elements.json') {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** The manifest's custom elements, each with the name of its module (`project-card` for `iso-project-card`). */
export function customElementsOf(manifest) {
  const modules = Array.isArray(manifest?.modules) ? manifest.modules : [];
  return modules.flatMap((module) =>
    (Array.isArray(module.declarations) ? module.declarations : [])
      .filter((declaration) => declaration.customElement && typeof declaration.tagName === 'string')
      .map((declaration) => ({ ...declaration, moduleName: moduleNameOf(module.path, declaration.tagName) })),
  );
}

function moduleNameOf(path, tagName) {
  const file = typeof path === 'string' ? path.split('/').pop() : undefined;
  return file ? file.replace(/\.[cm]?[jt]s$/, '') : tagName.replace(/^iso-/, '');
}

/** URL of an element's built module (each element is its own entry point). */
export function moduleUrl(element) {
  return new URL(`${DIST}${element.moduleName}.js`, document.baseURI).href;
}

/** Loads (and so defines) an element; rejects when there is no built module for it. */
export function loadElement(element) {
  return import(moduleUrl(element));
}

/**
 * What a manifest type text allows: `'light' | 'dark' | undefined` is an enum with values `light` and
 * `dark` that may be unset; `boolean` and `number` are themselves; anything else is free text.
 */
export function describeType(text) {
  const members = String(text ?? '')
    .split('|')
    .map((member) => member.trim())
    .filter(Boolean);
  const nullable = members.some((member) => member === 'null' || member === 'undefined');
  const rest = members.filter((member) => member !== 'null' && member !== 'undefined');
  const literal = /^(?:'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?)$/;
  if (rest.length > 0 && rest.every((member) => literal.test(member))) {
    return { kind: 'enum', values: rest.map((member) => member.replace(/^['"]|['"]$/g, '')), nullable, text: members.join(' | ') };
  }
  if (rest.length === 1 && rest[0] === 'boolean') return { kind: 'boolean', nullable, text: 'boolean' };
  if (rest.length === 1 && rest[0] === 'number') return { kind: 'number', nullable, text: members.join(' | ') };
  return { kind: 'string', nullable, text: members.join(' | ') };
}

/** A manifest default (`'t'`, `"a"`, `3`, `null`) as the attribute value it stands for; undefined when there is none. */
export function defaultValue(attribute) {
  const text = attribute?.default;
  if (typeof text !== 'string' || text === 'null' || text === 'undefined') return undefined;
  return text.replace(/^'(.*)'$|^"(.*)"$/, (_match, single, double) => single ?? double);
}

/**
 * Attributes for a working example of `element`: the sample values of the attributes it has, and with
 * `showcase`, also the showcase values and every boolean attribute on. Booleans are `''` (present).
 */
export function sampleAttributes(element, { showcase = false } = {}) {
  const attributes = {};
  for (const attribute of element.attributes ?? []) {
    const name = attribute.name;
    if (!name) continue;
    if (Object.hasOwn(SAMPLE_VALUES, name)) attributes[name] = SAMPLE_VALUES[name];
    else if (showcase && Object.hasOwn(SHOWCASE_VALUES, name)) attributes[name] = SHOWCASE_VALUES[name];
    else if (showcase && describeType(attribute.type?.text).kind === 'boolean') attributes[name] = '';
  }
  return attributes;
}

/** Creates the element with the given attributes (not yet in the document). */
export function createExample(element, attributes) {
  const node = document.createElement(element.tagName);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** The HTML of an element with attributes; values are escaped for a double-quoted attribute. */
export function markup(tagName, attributes) {
  const list = Object.entries(attributes).map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`));
  return `<${tagName}${list.join('')}></${tagName}>`;
}

export function escapeAttribute(value) {
  return String(value).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/**
 * Appends `text` to `parent` with `code spans` in backticks as <code> elements: manifest text is data,
 * so it only ever becomes text nodes.
 */
export function appendRichText(parent, text) {
  String(text ?? '')
    .split('`')
    .forEach((piece, index) => {
      if (piece === '') return;
      if (index % 2 === 1) {
        const code = document.createElement('code');
        code.textContent = piece;
        parent.append(code);
      } else {
        parent.append(piece);
      }
    });
  return parent;
}

/** Creates an element with optional class and text. */
export function h(tag, { className, text, attributes } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}
