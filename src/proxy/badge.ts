/**
 * SVG badges for places that take an image but no script: a CMS, an email, a README. Each badge is
 * rendered from the proxy's own answer (so its allowlist, scope, rate limits and cache apply):
 *
 * - `{base}/badge/organisations/{id}/retired.svg`: the tonnes an organisation has retired
 *   (`GET /organisations/{id}/credit_balance`, and its name from `GET /organisations/{id}` when allowed).
 * - `{base}/badge/projects/{id}/retired.svg`: a project's retired tonnes and share of its issued credits
 *   (`GET /projects/{id}`).
 *
 * Malformed ids and any query string are refused with 400 JSON before the proxy is asked; an unknown
 * id is a 404 "not found" badge; when the registry is unavailable a 5xx "unavailable" badge that is
 * never cached; other refusals of the proxy (403, 429) are passed on as they are.
 * @module
 */
import { ID_PREFIXES, isRegistryId, type IdKind } from '../shared/ids.js';
import type { components } from '../generated/registry-schema.js';
import { notModified } from '../server/conditional.js';
import { sha256, toHex } from '../server/digest.js';
import { isObject } from '../server/json.js';
import { ProxyError } from './errors.js';
import type { ClientInfo, ProxyHandler } from './handler.js';

type Schemas = components['schemas'];
type Quantity = Schemas['CreditQuantity'];

/** Badge settings; see `withEmbeds`. */
export interface BadgeOptions {
  /** Seconds browsers and CDNs may cache a badge; default 300. */
  readonly maxAge: number;
}

const SVG_TYPE = 'image/svg+xml; charset=utf-8';
const NOT_FOUND_MAX_AGE = 60;
const COLORS = { label: '#3d4a44', value: '#0b6e4f', missing: '#8a6d00', unavailable: '#9f1d14' } as const;

/** What a badge shows: `label | value`, with a longer sentence for `<title>` and screen readers. */
export interface Badge {
  readonly label: string;
  readonly value: string;
  readonly title: string;
  readonly color: string;
}

/** Text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Verdana-ish advance widths at 11px, close enough for layout; `textLength` makes the text fit exactly. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[il.,:;'|!·\s]/.test(char) ? 3.6 : /[mwMW%@]/.test(char) ? 10 : /[A-Z0-9]/.test(char) ? 7.6 : 6.6;
  return Math.ceil(width);
}

/** A flat two-part badge, 20px high, like the ones READMEs are full of. */
export function renderBadge(badge: Badge): string {
  const pad = 6;
  const labelText = textWidth(badge.label);
  const valueText = textWidth(badge.value);
  const labelWidth = labelText + pad * 2;
  const valueWidth = valueText + pad * 2;
  const width = labelWidth + valueWidth;
  const label = escapeXml(badge.label);
  const value = escapeXml(badge.value);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${escapeXml(badge.title)}">
<title>${escapeXml(badge.title)}</title>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="${COLORS.label}"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${badge.color}"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,'DejaVu Sans',sans-serif" font-size="11" aria-hidden="true">
<text x="${labelWidth / 2}" y="14" textLength="${labelText}" lengthAdjust="spacingAndGlyphs">${label}</text>
<text x="${labelWidth + valueWidth / 2}" y="14" textLength="${valueText}" lengthAdjust="spacingAndGlyphs">${value}</text>
</g>
</svg>
`;
}

function kilograms(quantity: Quantity | null | undefined): number | undefined {
  if (!quantity) return undefined;
  if (typeof quantity.credit_kgs === 'number' && Number.isFinite(quantity.credit_kgs)) return quantity.credit_kgs;
  if (typeof quantity.credits === 'number' && Number.isFinite(quantity.credits)) return quantity.credits * 1000;
  return undefined;
}

/** Tonnes of CO₂e for a badge: `3,791 t`, `12.3 t`, `0.45 t`; kilograms below one tonne would read oddly next to tonnes elsewhere. */
export function formatTonnes(kg: number): string {
  const tonnes = kg / 1000;
  const digits = tonnes >= 1000 ? 0 : tonnes >= 10 ? 1 : tonnes > 0 && tonnes < 1 ? 3 : 2;
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(tonnes)} t`;
}

function formatShare(retired: number, issued: number): string | undefined {
  if (!(issued > 0)) return undefined;
  const share = (retired / issued) * 100;
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: share < 10 ? 1 : 0 }).format(share)} %`;
}

/** A badge's entity tag: the first half of its SHA-256, in hex. */
async function etagOf(body: string): Promise<string> {
  return `"${toHex((await sha256(body)).slice(0, 16))}"`;
}

async function svgResponse(request: Request, status: number, badge: Badge, cacheControl: string): Promise<Response> {
  const body = renderBadge(badge);
  const etag = await etagOf(body);
  const headers: Record<string, string> = {
    'content-type': SVG_TYPE,
    'cache-control': cacheControl,
    etag,
    'x-content-type-options': 'nosniff',
    // Opened on its own, the SVG is a document: it may run nothing and load nothing.
    'content-security-policy': "default-src 'none'",
    // An <img> on any site, a mail client or a README proxy may show it.
    'cross-origin-resource-policy': 'cross-origin',
    'access-control-allow-origin': '*',
  };
  const unchanged = status === 200 ? notModified(request, etag, headers) : undefined;
  if (unchanged) return unchanged;
  return new Response(request.method === 'HEAD' ? null : body, { status, headers });
}

interface Route {
  readonly kind: IdKind;
  readonly collection: 'organisations' | 'projects';
}

const ROUTES: Record<string, Route> = {
  organisations: { kind: 'organisation', collection: 'organisations' },
  projects: { kind: 'project', collection: 'projects' },
};

/** The badge paths this module answers, after the proxy's base path: `/badge/...`. */
export function isBadgePath(path: string): boolean {
  return path === '/badge' || path.startsWith('/badge/');
}

/**
 * Answers a `/badge/...` request (`path` is below the proxy's base path) by asking `proxy` for the data;
 * a request it refuses itself throws a `ProxyError`.
 * `base` is the proxy's base path, so the internal requests go through the same routing as a browser's.
 */
export async function serveBadge(request: Request, path: string, proxy: ProxyHandler, base: string, options: BadgeOptions, info?: ClientInfo): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new ProxyError('method_not_allowed', `${request.method} is not allowed on a badge.`, { headers: { allow: 'GET, HEAD' } });
  }
  const url = new URL(request.url);
  const match = /^\/badge\/([a-z_]+)\/([^/]+)\/retired\.svg$/.exec(path);
  const route = match ? ROUTES[match[1] as string] : undefined;
  if (!match || !route) throw new ProxyError('not_found', `No badge is served at ${url.pathname}; try ${base}/badge/projects/{id}/retired.svg or ${base}/badge/organisations/{id}/retired.svg.`);
  const id = match[2] as string;
  if (!isRegistryId(route.kind, id)) throw new ProxyError('invalid_id', `"${(match[2] ?? '').slice(0, 64)}" is not a ${route.kind} id like ${ID_PREFIXES[route.kind]}_1CTWZQGKE1S0VAXA.`);
  if (url.search !== '') {
    const name = [...url.searchParams.keys()][0] ?? url.search.slice(1);
    throw new ProxyError('unknown_parameter', `Query parameter "${name.slice(0, 64)}" is not accepted by a badge.`);
  }

  const ask = (path: string) => proxy(new Request(new URL(`${base}${path}`, url), { headers: { accept: 'application/json' } }), info);
  const cache = `public, max-age=${options.maxAge}, stale-while-revalidate=${options.maxAge * 12}`;
  const notFound = (what: string): Promise<Response> =>
    svgResponse(request, 404, { label: 'CO₂ removed', value: 'not found', title: `No ${what} ${id} in the Isometric Registry.`, color: COLORS.missing }, `public, max-age=${NOT_FOUND_MAX_AGE}`);
  const unavailable = (status: number): Promise<Response> =>
    svgResponse(request, status >= 500 ? status : 502, { label: 'CO₂ removed', value: 'unavailable', title: 'The Isometric Registry could not be reached.', color: COLORS.unavailable }, 'no-store');

  if (route.collection === 'organisations') {
    const [balance, organisation] = await Promise.all([ask(`/organisations/${id}/credit_balance`), ask(`/organisations/${id}`)]);
    if (balance.status === 404) return notFound('organisation');
    if (balance.status >= 500) return unavailable(balance.status);
    if (!balance.ok) return balance;
    const body: unknown = await balance.json().catch(() => undefined);
    const total = isObject(body) && isObject(body['total']) ? body['total'] : undefined;
    const retired = kilograms(total?.['retired_credits_total'] as Quantity | undefined);
    if (retired === undefined) return unavailable(502);
    const details: unknown = organisation.ok ? await organisation.json().catch(() => undefined) : undefined;
    if (details === null) return notFound('organisation');
    const name = isObject(details) && typeof details['name'] === 'string' ? details['name'].trim().slice(0, 120) : '';
    const value = formatTonnes(retired);
    return svgResponse(request, 200, { label: 'CO₂ removed', value, title: `${name || `Organisation ${id}`} has retired ${value} of carbon removal credits (CO₂e) in the Isometric Registry.`, color: COLORS.value }, cache);
  }

  const answer = await ask(`/projects/${id}`);
  if (answer.status === 404) return notFound('project');
  if (answer.status >= 500) return unavailable(answer.status);
  if (!answer.ok) return answer;
  const project: unknown = await answer.json().catch(() => undefined);
  // The API answers an unknown project with `200 null`, as it may answer any: the same "not found" as a 404.
  if (project === null) return notFound('project');
  if (!isObject(project)) return unavailable(502);
  const retired = kilograms(project['retired_credits_total'] as Quantity | undefined) ?? 0;
  const issued = kilograms(project['issued_credits_total'] as Quantity | undefined) ?? 0;
  const share = formatShare(retired, issued);
  const name = typeof project['name'] === 'string' ? project['name'].trim().slice(0, 120) : `Project ${id}`;
  const value = `${formatTonnes(retired)}${share ? ` · ${share}` : ''}`;
  const title = `${name}: ${formatTonnes(retired)} of carbon removal credits (CO₂e) retired${share ? `, ${share} of the ${formatTonnes(issued)} issued` : ''}, in the Isometric Registry.`;
  return svgResponse(request, 200, { label: 'retired', value, title, color: COLORS.value }, cache);
}
