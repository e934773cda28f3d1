/** Page-wide settings for every element; an element's own `endpoint` attribute wins. */
export interface KitConfig {
  /** Base URL of the isometric-widgets proxy, e.g. `https://example.com/api`. */
  endpoint?: string;
  /** How long a successful response is reused, in milliseconds. */
  cacheTtl: number;
  /** The fetch used for every request; tests and exotic hosts may replace it. */
  fetch?: typeof fetch;
}

const DEFAULT_TTL_MS = 60_000;

/** Name of the `<meta>` a page uses to state its proxy endpoint once. */
export const ENDPOINT_META = 'iso-endpoint';

const config: KitConfig = { cacheTtl: DEFAULT_TTL_MS };

/** Sets page-wide defaults: `configure({ endpoint: 'https://example.com/api' })`. */
export function configure(options: Partial<KitConfig>): void {
  Object.assign(config, options);
}

/** The current page-wide configuration (read-only view). */
export function currentConfig(): Readonly<KitConfig> {
  return config;
}

/**
 * The endpoint an element talks to: its own attribute, else `configure()`, else
 * `<meta name="iso-endpoint" content="…">`, resolved against the page URL.
 */
export function resolveEndpoint(own?: string | null): string | undefined {
  const raw =
    own?.trim() ||
    config.endpoint ||
    document.querySelector<HTMLMetaElement>(`meta[name="${ENDPOINT_META}"]`)?.content.trim();
  if (!raw) return undefined;
  try {
    return new URL(raw, document.baseURI).href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}
