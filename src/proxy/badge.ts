/**
 * SVG badges for places that take an image but no script: a CMS, an email, a README. Each badge is
 * rendered from the proxy's own answer (so its allowlist, scope, rate limits and cache apply):
 *
 * - `{base}/badge/organisations/{id}/retired.svg`: the tonnes retired *for* an organisation: every page
 *   of `GET /retirements?beneficiary_org_id={id}`, buffer-pool retirements left out (src/shared/claims.ts),
 *   and its name from `GET /organisations/{id}` when allowed. Never what it owned and retired for others.
 *   Labelled by kind of climate action when there are few enough retirements to look up each one's
 *   batches and projects (`BADGE_KIND_LOOKUPS`); otherwise, or when a lookup fails, "CO₂e retired".
 * - `{base}/badge/projects/{id}/retired.svg`: a project's tonnes retired by buyers (the buffer pool's
 *   retirements aside) and their share of the credits issued for sale (`GET /projects/{id}`),
 *   labelled by the project's kind of climate action.
 *
 * Malformed ids and any query string are refused with 400 JSON before the proxy is asked; an unknown
 * id is a 404 "not found" badge; when the registry is unavailable a 5xx "unavailable" badge that is
 * never cached; other refusals of the proxy (403, 429) are passed on as they are.
 * @module
 */
import { claimWording, climateAction, isClaimFor, kilograms, partsWording, projectFigures, retirementParts, type ClaimWording, type ClimateAction, type QuantityRef } from '../shared/claims.js';
import { ID_PREFIXES, isRegistryId, type IdKind } from '../shared/ids.js';
import { notModified } from '../server/conditional.js';
import { sha256, toHex } from '../server/digest.js';
import { isObject } from '../server/json.js';
import { ProxyError } from './errors.js';
import type { ClientInfo, ProxyHandler } from './handler.js';

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

/** Characters XML 1.0 does not allow (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F), and C1 controls: dropped. */
const NOT_XML = /(?![\t\n\r])\p{Cc}|[\ud800-\udfff\ufffe\uffff]/gu;

/** Text for XML character data and attribute values; characters XML cannot carry are dropped, so a badge stays well-formed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

/**
 * The badge's words for each `ClaimWording`: the English of the common catalog's `claim.*` strings
 * (a test keeps them equal). "CO₂e retired" is true of every credit.
 */
export const BADGE_WORDING: Readonly<Record<ClaimWording, string>> = {
  'removed-durably': 'CO₂e permanently removed',
  removed: 'CO₂e removed',
  destroyed: 'CO₂e destroyed',
  retired: 'CO₂e retired',
};

/** The English of the common catalog's `action.*` strings, for a badge's title. */
export const BADGE_ACTIONS: Readonly<Record<ClimateAction | 'mixed', string>> = {
  'durable-removal': 'Durable carbon removal',
  'shorter-removal': 'Carbon removal, shorter durability',
  destruction: 'Emission destruction',
  unknown: 'Other climate action',
  mixed: 'Several kinds of climate action',
};

/**
 * Retirements an organisation badge looks up (batches, then projects) to know their kind: about
 * 2 × this many requests at most. With more, the badge says "CO₂e retired".
 */
export const BADGE_KIND_LOOKUPS = 12;

/** Requests an organisation badge has in flight at once. */
const BADGE_CONCURRENCY = 4;

/** Pages of 50 retirements an organisation badge reads at most (10,000 retirements); with more it is "unavailable" rather than short. */
const BADGE_MAX_PAGES = 200;

/** Runs `task` over `items`, at most `limit` at once. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Tonnes of CO₂e for a badge: `3,791 t`, `12.3 t`, `0.45 t`; kilograms below one tonne would read oddly next to tonnes elsewhere. */
export function formatTonnes(kg: number): string {
  const tonnes = kg / 1000;
  const digits = tonnes >= 1000 ? 0 : tonnes >= 10 ? 1 : tonnes > 0 && tonnes < 1 ? 3 : 2;
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(tonnes)} t`;
}

/** A share in percent (`retiredShare` of `projectFigures`) as `45 %`, `2.5 %`; undefined when nothing was issued. */
function formatShare(share: number | undefined): string | undefined {
  if (share === undefined) return undefined;
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
    svgResponse(request, 404, { label: BADGE_WORDING.retired, value: 'not found', title: `No ${what} ${id} in the Isometric Registry.`, color: COLORS.missing }, `public, max-age=${NOT_FOUND_MAX_AGE}`);
  const unavailable = (status: number): Promise<Response> =>
    svgResponse(request, status >= 500 ? status : 502, { label: BADGE_WORDING.retired, value: 'unavailable', title: 'The Isometric Registry could not be reached.', color: COLORS.unavailable }, 'no-store');

  if (route.collection === 'organisations') {
    const [retirements, organisation] = await Promise.all([retirementsFor(id, ask), ask(`/organisations/${id}`)]);
    if (organisation.status === 404 || (retirements instanceof Response && retirements.status === 404)) return notFound('organisation');
    if (retirements instanceof Response) return retirements.status >= 500 ? unavailable(retirements.status) : retirements;
    if (retirements === undefined) return unavailable(502);
    const details: unknown = organisation.ok ? await organisation.json().catch(() => undefined) : undefined;
    // The API answers an unknown organisation with `200 null` as well as with a 404.
    if (organisation.ok && details === null) return notFound('organisation');
    const name = isObject(details) && typeof details['name'] === 'string' ? details['name'].trim().slice(0, 120) : '';
    const claimed = retirements.filter((retirement) => isClaimFor(retirement, id));
    const retired = claimed.reduce((sum, retirement) => sum + kilograms(retirement['credit_batch_size_total'] as QuantityRef | undefined), 0n);
    const { action, wording } = await kindOf(claimed, ask);
    const value = formatTonnes(Number(retired));
    const kind = action && action !== 'unknown' ? ` (${BADGE_ACTIONS[action].toLowerCase()})` : '';
    const count = `${claimed.length} ${claimed.length === 1 ? 'retirement' : 'retirements'}`;
    const title = `${value} of CO₂e retired for ${name || `organisation ${id}`}${kind}, from ${count} with it as beneficiary, in the Isometric Registry.`;
    return svgResponse(request, 200, { label: BADGE_WORDING[wording], value, title, color: COLORS.value }, cache);
  }

  const answer = await ask(`/projects/${id}`);
  if (answer.status === 404) return notFound('project');
  if (answer.status >= 500) return unavailable(answer.status);
  if (!answer.ok) return answer;
  const project: unknown = await answer.json().catch(() => undefined);
  // The API answers an unknown project with `200 null`, as it may answer any: the same "not found" as a 404.
  if (project === null) return notFound('project');
  if (!isObject(project)) return unavailable(502);
  // Buyers' figures: the buffer pool's issuance and retirements are not anybody's claim.
  const figures = projectFigures(project);
  const share = formatShare(figures.retiredShare);
  const action = climateAction(project['pathway'], project['process_key']);
  const name = typeof project['name'] === 'string' ? project['name'].trim().slice(0, 120) : `Project ${id}`;
  const retired = formatTonnes(Number(figures.retiredOrdinary));
  const value = `${retired}${share ? ` · ${share}` : ''}`;
  const kind = action === 'unknown' ? '' : ` (${BADGE_ACTIONS[action].toLowerCase()})`;
  const title = `${name}: ${retired} of CO₂e retired by buyers${kind}${share ? `, ${share} of the ${formatTonnes(Number(figures.issuedOrdinary))} issued for sale` : ''}, buffer pool aside, in the Isometric Registry.`;
  return svgResponse(request, 200, { label: BADGE_WORDING[claimWording(action)], value, title, color: COLORS.value }, cache);
}

type Ask = (path: string) => Promise<Response>;
type Json = Record<string, unknown>;

/**
 * Every retirement with `id` as beneficiary, all pages; the proxy's refusal or failure as it came;
 * undefined for an answer that cannot be read or a list that does not end.
 */
async function retirementsFor(id: string, ask: Ask): Promise<Json[] | Response | undefined> {
  const all: Json[] = [];
  const cursors = new Set<string>();
  let after = '';
  for (let page = 0; page < BADGE_MAX_PAGES; page++) {
    const answer = await ask(`/retirements?beneficiary_org_id=${id}&first=50${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    if (!answer.ok) return answer;
    const body: unknown = await answer.json().catch(() => undefined);
    const nodes = isObject(body) ? body['nodes'] : undefined;
    if (!Array.isArray(nodes)) return undefined;
    for (const node of nodes) if (isObject(node)) all.push(node);
    const info = isObject(body) && isObject(body['page_info']) ? body['page_info'] : undefined;
    const next = info?.['has_next_page'] === true && typeof info['end_cursor'] === 'string' ? info['end_cursor'] : undefined;
    if (!next) return all;
    if (nodes.length === 0 || cursors.has(next)) return undefined;
    cursors.add(next);
    after = next;
  }
  return undefined;
}

/** The JSON of a successful answer, else undefined. */
async function json(answer: Promise<Response>): Promise<unknown> {
  const response = await answer.catch(() => undefined);
  return response?.ok ? response.json().catch(() => undefined) : undefined;
}

/**
 * The kind of climate action of `retirements` and the wording it allows, from each one's batches and
 * their projects, when there are at most `BADGE_KIND_LOOKUPS`; otherwise, or when any lookup fails,
 * the safe "retired".
 */
async function kindOf(retirements: readonly Json[], ask: Ask): Promise<{ action: ClimateAction | 'mixed' | undefined; wording: ClaimWording }> {
  const unknown = { action: undefined, wording: 'retired' } as const;
  if (retirements.length === 0 || retirements.length > BADGE_KIND_LOOKUPS || !retirements.every((r) => isRegistryId('retirement', r['id']))) return unknown;
  const lists = await mapLimited(retirements, BADGE_CONCURRENCY, async (retirement) => {
    const body = await json(ask(`/retirements/${retirement['id'] as string}/credit_batches`));
    const nodes = isObject(body) ? body['nodes'] : undefined;
    return Array.isArray(nodes) ? nodes.filter(isObject) : undefined;
  });
  if (lists.some((list) => list === undefined)) return unknown;
  const projectIds = [...new Set(lists.flatMap((list) => (list ?? []).map((batch) => batch['project_id'])))].filter((pid): pid is string => isRegistryId('project', pid));
  const projects = new Map(
    await mapLimited(projectIds, BADGE_CONCURRENCY, async (projectId) => {
      const project = await json(ask(`/projects/${projectId}`));
      return [projectId, isObject(project) ? climateAction(project['pathway'], project['process_key']) : undefined] as const;
    }),
  );
  const parts = retirements.flatMap((retirement, index) => retirementParts(retirement, lists[index], (projectId) => projects.get(projectId)));
  return partsWording(parts);
}
