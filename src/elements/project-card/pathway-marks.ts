import { svg, type SVGTemplateResult } from 'lit';

/** A small pictogram per pathway (drawn on the accent colour); new pathways get the generic mark. */
const MARKS: Record<string, SVGTemplateResult> = {
  biomass_carbon_removal_and_storage: svg`<path d="M12 3c-4 3-6 6-6 9a6 6 0 0 0 12 0c0-3-2-6-6-9Zm0 6v10" />`,
  direct_air_capture: svg`<path d="M4 8h11a3 3 0 1 0-3-3M4 12h15a3 3 0 1 1-3 3M4 16h7" />`,
  enhanced_weathering: svg`<path d="M4 18 9 8l4 6 3-4 4 8Z" />`,
  carbon_mineralization: svg`<path d="m12 3 7 4v10l-7 4-7-4V7Z M12 3v18 M5 7l14 10 M19 7 5 17" />`,
  reforestation: svg`<path d="M12 3 6 12h3l-3 5h12l-3-5h3Zm0 14v4" />`,
  marine: svg`<path d="M3 10c3-2 6 2 9 0s6 2 9 0M3 15c3-2 6 2 9 0s6 2 9 0" />`,
  superpollutants: svg`<circle cx="9" cy="10" r="4" /><circle cx="16" cy="14" r="3" /><circle cx="10" cy="17" r="2" />`,
};

const GENERIC = svg`<circle cx="12" cy="12" r="7" />`;

/** The decorative mark of a pathway; its text label is rendered beside it. */
export function pathwayMark(pathway: unknown): { icon: SVGTemplateResult } {
  // Own keys only: a pathway named "constructor" or "__proto__" must not reach Object.prototype.
  const mark = typeof pathway === 'string' && Object.hasOwn(MARKS, pathway) ? MARKS[pathway]! : GENERIC;
  return {
    icon: svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${mark}</svg>`,
  };
}
