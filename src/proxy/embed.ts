/**
 * Embeds for places where a page may not add scripts: an `<iframe>` page per element and SVG badges,
 * served by a handler composed in front of the proxy:
 *
 * ```ts
 * const handler = withEmbeds(createProxy(options), { basePath: options.basePath, frameAncestors: ['https://cms.example'] });
 * ```
 *
 * - `{base}/embed/<element>?<attributes>` (`<element>` is the tag without `iso-`, e.g.
 *   `/api/embed/project-card?project-id=prj_…`): a minimal HTML page holding just that element, its
 *   attributes taken from the query string and checked against the element's own (unknown or
 *   malformed ones are refused with 400), under a strict Content-Security-Policy of its own.
 * - `{base}/embed/resize.js`: the page's one script of its own; it posts
 *   `{ type: 'iso-embed-resize', height }` to the framing page whenever the content's height changes.
 * - `{base}/badge/...`: SVG badges (see badge.ts).
 *
 * Everything else goes to the proxy unchanged.
 * @module
 */
import { ID_PREFIXES, isRegistryId, type IdKind } from '../shared/ids.js';
import { sha256, toBase64 } from '../server/digest.js';
import { ELEMENT_ATTRIBUTES, TAG_NAMES, type AttributeSpec, type IsoTagName } from '../generated/elements.js';
import { isBadgePath, serveBadge } from './badge.js';
import { ConfigError } from './config.js';
import { ProxyError, rendered, type ProxyErrorCode } from './errors.js';
import { MAX_TARGET_LENGTH } from './stages/guards.js';
import type { ProxyHandler } from './handler.js';

/** Options for {@link withEmbeds}. */
export interface EmbedOptions {
  /** Where the proxy is mounted: the proxy's own `basePath` (`/api`); default the root. */
  readonly basePath?: string;
  /**
   * The script that defines the elements in embed pages: a path on the proxy's origin or an `https:`
   * URL (a CDN); default `/dist/isometric-widgets.js`. Its origin is added to the page's `script-src`
   * and `connect-src` (the bundle fetches its German and French strings from beside itself).
   */
  readonly embedScriptUrl?: string;
  /** The script's Subresource Integrity value (`sha384-…`, see `npm run sri`), for a pinned versioned URL. */
  readonly embedScriptIntegrity?: string;
  /**
   * Who may frame embed pages, as CSP `frame-ancestors` sources: origins (`https://cms.example`,
   * `https://*.example.org`), `'self'`, or `*` for anyone. Default `'self'` only.
   */
  readonly frameAncestors?: readonly string[];
  /** The elements that may be embedded, as tag names without `iso-` (`project-card`); default all. */
  readonly elements?: readonly string[];
  /** Seconds an embed page may be cached; default 300. */
  readonly embedMaxAge?: number;
  /**
   * Attributes that set a link, a redirect target or a form's starting values (`supplier-terms-url`,
   * `success-url`, `cancel-url`, `allowed-redirect-hosts`, `email`, `quantity`), which an embed refuses
   * by default: anyone could otherwise mint a page on the proxy's origin with their links in it. List
   * the ones your pages need; default none.
   */
  readonly embedUnsafeAttributes?: readonly string[];
  /** Seconds a badge may be cached; default 300. */
  readonly badgeMaxAge?: number;
}

const DEFAULT_SCRIPT = '/dist/isometric-widgets.js';
const DEFAULT_MAX_AGE = 300;
const MAX_VALUE_LENGTH = 512;
const CONTROL = /\p{Cc}/u;
/** Attributes that name a registry record, checked like the API checks ids. */
const ID_ATTRIBUTES: Readonly<Record<string, IdKind>> = {
  'project-id': 'project',
  'retirement-id': 'retirement',
  'organisation-id': 'organisation',
  'beneficiary-id': 'organisation',
  'owner-id': 'organisation',
};
/** Attributes an embed page sets itself. */
const RESERVED = new Set(['endpoint']);
/**
 * Attributes that carry a URL or a host (links and redirect targets) or prefill a form: refused unless
 * `embedUnsafeAttributes` lists them. Any other attribute whose name says URL is refused alike.
 */
export const UNSAFE_EMBED_ATTRIBUTES: readonly string[] = ['supplier-terms-url', 'success-url', 'cancel-url', 'allowed-redirect-hosts', 'email', 'quantity'];
const isUnsafe = (name: string) => UNSAFE_EMBED_ATTRIBUTES.includes(name) || /(?:^|-)(?:url|href|src|hosts?)$/.test(name);
/**
 * The page around the element: transparent, and padded just enough that the element's shadow
 * (`--iso-shadow`: 12px blur, 4px down) is drawn inside the frame rather than cut at its edges.
 */
const PAGE_STYLE = 'html,body{margin:0;padding:0;background:transparent}body{padding:8px 12px 16px}';
const RESIZE_SCRIPT = `// isometric-widgets embed: tells the framing page how tall this page's content is.
const root = document.documentElement;
let last = -1;
new ResizeObserver(() => {
  const height = Math.ceil(root.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  window.parent.postMessage({ type: 'iso-embed-resize', height }, '*');
}).observe(root);
`;

/** Text for HTML character data and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function normaliseBase(raw: string | undefined): string {
  const base = (raw ?? '').replace(/\/+$/, '');
  if (base !== '' && !/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(base)) throw new ConfigError(`basePath must be a path like /api, got "${raw}".`);
  return base;
}

/** A CSP source expression that cannot break out of its directive. */
function checkAncestor(source: string): string {
  if (source === "'self'" || source === "'none'" || source === '*') return source;
  if (/^https?:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(source)) return source;
  throw new ConfigError(`frameAncestors entries must be origins like https://cms.example, 'self' or *; got "${source}".`);
}

function scriptSource(raw: string): { url: string; origin?: string } {
  if (raw.startsWith('/') && !raw.startsWith('//')) return { url: raw };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`embedScriptUrl must be a path on this origin or an https URL, got "${raw}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))) {
    throw new ConfigError(`embedScriptUrl must be https (or http on localhost), got "${raw}".`);
  }
  return { url: url.href, origin: url.origin };
}

function maxAge(value: number | undefined, name: string): number {
  const seconds = value ?? DEFAULT_MAX_AGE;
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new ConfigError(`${name} must be a whole number of seconds, got ${value}.`);
  return seconds;
}


/** One query parameter checked against the element's attribute, or the reason it is refused. */
function checkAttribute(tag: IsoTagName, name: string, value: string, spec: AttributeSpec | undefined, unsafe: ReadonlySet<string>): { error: ProxyErrorCode; message: string } | undefined {
  const invalid = (rule: string) => ({ error: 'invalid_parameter' as const, message: `Attribute "${name}" of <${tag}> ${rule}.` });
  if (!spec || RESERVED.has(name)) {
    return { error: 'unknown_parameter', message: `<${tag}> has no attribute "${name.slice(0, 64)}" that an embed may set.` };
  }
  if (isUnsafe(name) && !unsafe.has(name)) {
    return { error: 'unknown_parameter', message: `Attribute "${name}" sets a link, a redirect or a prefilled field, which an embed does not take unless the proxy allows it (embedUnsafeAttributes).` };
  }
  if (value.length > MAX_VALUE_LENGTH || CONTROL.test(value)) return invalid(`must be at most ${MAX_VALUE_LENGTH} printable characters`);
  const kind = ID_ATTRIBUTES[name];
  if (kind) return isRegistryId(kind, value) ? undefined : { error: 'invalid_id', message: `Attribute "${name}" must be an id like ${ID_PREFIXES[kind]}_1CTWZQGKE1S0VAXA.` };
  switch (spec.kind) {
    case 'boolean':
      return value === '' || value === name ? undefined : invalid('is a flag: give it without a value (or leave it out)');
    case 'number':
      return /^-?\d{1,9}(?:\.\d{1,6})?$/.test(value) ? undefined : invalid('must be a number');
    case 'enum':
      return spec.values.includes(value) ? undefined : invalid(`must be one of ${spec.values.join(', ')}`);
    case 'string':
      if (name === 'locale') {
        try {
          Intl.getCanonicalLocales(value);
          return value.length <= 35 ? undefined : invalid('must be a BCP 47 language tag like en-GB');
        } catch {
          return invalid('must be a BCP 47 language tag like en-GB');
        }
      }
      return undefined;
  }
}

/**
 * Puts the embed and badge routes in front of `proxy`. Options are checked here, once.
 * @throws {ConfigError} when an option is invalid.
 */
export function withEmbeds(proxy: ProxyHandler, options: EmbedOptions = {}): ProxyHandler {
  const base = normaliseBase(options.basePath);
  const script = scriptSource(options.embedScriptUrl ?? DEFAULT_SCRIPT);
  const integrity = options.embedScriptIntegrity;
  if (integrity !== undefined && !/^sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}$/.test(integrity)) {
    throw new ConfigError(`embedScriptIntegrity must be an SRI value like sha384-…, got "${integrity}".`);
  }
  const ancestors = (options.frameAncestors ?? ["'self'"]).map(checkAncestor);
  if (ancestors.length === 0) throw new ConfigError("frameAncestors must name at least one source; use ['\\'none\\''] to forbid framing.");
  const names = new Map<string, IsoTagName>(TAG_NAMES.map((tag) => [tag.slice('iso-'.length), tag]));
  const allowed = new Set(options.elements ?? names.keys());
  for (const name of allowed) if (!names.has(name)) throw new ConfigError(`elements lists "${name}", which is not an element of the kit (${[...names.keys()].join(', ')}).`);
  const embedMaxAge = maxAge(options.embedMaxAge, 'embedMaxAge');
  const unsafe = new Set(options.embedUnsafeAttributes ?? []);
  for (const name of unsafe) if (!isUnsafe(name)) throw new ConfigError(`embedUnsafeAttributes lists "${name}", which embeds take anyway (it lists ${UNSAFE_EMBED_ATTRIBUTES.join(', ')}).`);
  const badgeMaxAge = maxAge(options.badgeMaxAge, 'badgeMaxAge');
  const styleHash = sha256(PAGE_STYLE).then(toBase64);

  async function page(request: Request, tag: IsoTagName, url: URL): Promise<Response> {
    const specs = ELEMENT_ATTRIBUTES[tag];
    const seen = new Set<string>();
    const attributes: string[] = [];
    let locale: string | undefined;
    for (const [name, value] of url.searchParams) {
      if (seen.has(name)) throw new ProxyError('duplicate_parameter', `Attribute "${name.slice(0, 64)}" is given more than once.`);
      seen.add(name);
      const problem = checkAttribute(tag, name, value, Object.hasOwn(specs, name) ? specs[name] : undefined, unsafe);
      if (problem) throw new ProxyError(problem.error, problem.message);
      if (name === 'locale') locale = value;
      attributes.push(specs[name]?.kind === 'boolean' ? name : `${name}="${escapeHtml(value)}"`);
    }
    const csp = [
      "default-src 'none'",
      `script-src 'self'${script.origin ? ` ${script.origin}` : ''}`,
      `style-src 'sha256-${await styleHash}'`,
      // The bundle fetches its German and French strings from next to itself.
      `connect-src 'self'${script.origin ? ` ${script.origin}` : ''}`,
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${ancestors.join(' ')}`,
    ].join('; ');
    const sri = integrity ? ` integrity="${escapeHtml(integrity)}" crossorigin="anonymous"` : '';
    const html = `<!doctype html>
<html${locale ? ` lang="${escapeHtml(locale)}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="iso-endpoint" content="${escapeHtml(base || '/')}">
<title>${tag}</title>
<style>${PAGE_STYLE}</style>
<script type="module" src="${escapeHtml(script.url)}"${sri}></script>
<script type="module" src="${escapeHtml(`${base}/embed/resize.js`)}"></script>
</head>
<body>
<${tag}${attributes.map((attribute) => ` ${attribute}`).join('')}></${tag}>
</body>
</html>
`;
    return new Response(request.method === 'HEAD' ? null : html, {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        'cache-control': `public, max-age=${embedMaxAge}`,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
      },
    });
  }

  function resizeScript(request: Request): Response {
    return new Response(request.method === 'HEAD' ? null : RESIZE_SCRIPT, {
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': `public, max-age=${embedMaxAge}`, 'x-content-type-options': 'nosniff' },
    });
  }

  async function embed(request: Request, path: string, url: URL): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new ProxyError('method_not_allowed', `${request.method} is not allowed on an embed.`, { headers: { allow: 'GET, HEAD' } });
    }
    const name = path.slice('/embed/'.length);
    if (name === 'resize.js') {
      if (url.search !== '') throw new ProxyError('unknown_parameter', 'resize.js takes no query parameters.');
      return resizeScript(request);
    }
    const tag = names.get(name);
    if (!tag || !allowed.has(name)) {
      throw new ProxyError('not_found', `No embed is served at ${url.pathname}; embeds: ${[...allowed].map((n) => `${base}/embed/${n}`).join(', ')}.`);
    }
    return page(request, tag, url);
  }

  return async (request, info) => {
    const url = new URL(request.url);
    const path = base === '' ? url.pathname : url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : undefined;
    if (path === undefined || !(path.startsWith('/embed/') || isBadgePath(path))) return proxy(request, info);
    return rendered(async () => {
      if (url.pathname.length + url.search.length > MAX_TARGET_LENGTH) {
        throw new ProxyError('uri_too_long', `The request target must be at most ${MAX_TARGET_LENGTH} characters.`);
      }
      if (path.startsWith('/embed/')) return embed(request, path, url);
      return serveBadge(request, path, proxy, base, { maxAge: badgeMaxAge }, info);
    });
  };
}
