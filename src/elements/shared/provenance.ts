import { css, html, nothing, type TemplateResult } from 'lit';
import { formatDate, safeHttpUrl } from '../../data/format.js';
import { common } from '../../i18n/common.js';
import type { LocaleController } from '../../i18n/localize.js';

/** A registry record a figure was computed from. */
export interface ProvenanceSource {
  /** What the record is, in the element's language (`Project Lausitz Biochar Works`). */
  label: string;
  /** Its id, shown so a reader can look it up. */
  id?: string;
  /** Its page on the registry, when the API gave an http(s) `url`; anything else is not linked. */
  url?: unknown;
}

/**
 * Where a figure comes from: the registry records it was computed from (linked where the API gives
 * an http(s) `url`) and when they were fetched. The figure names it with `aria-describedby` and is
 * focusable, so the note shows on hover and focus (and is read out); it is always shown in print.
 * `id` must be unique in the element's shadow root. A figure over many records lists the first few
 * and gives their `total`: the note counts all of them and ends the list with "…".
 */
export function renderProvenance(
  id: string,
  sources: readonly ProvenanceSource[],
  asOf: Date | undefined,
  i18n: LocaleController,
  extra?: string,
  total: number = sources.length,
): TemplateResult {
  const when = asOf ? html` <span class="provenance__as-of">${i18n.t(common, 'provenance.asOf', { time: formatDate(asOf.toISOString(), i18n.locale) })}</span>` : nothing;
  return html`<span class="provenance" part="provenance" id=${id} role="note"
    >${i18n.t(common, 'provenance.source', { count: Math.max(total, sources.length) })}
    ${sources.map((source, index) => {
      const href = safeHttpUrl(source.url);
      const text = html`<bdi dir="auto">${source.label}</bdi>${source.id ? html` <code>${source.id}</code>` : nothing}`;
      return html`${index > 0 ? '; ' : ''}${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${text}</a>` : text}`;
    })}${total > sources.length ? '; …' : ''}.${extra ? html` <span class="provenance__extra">${extra}</span>` : nothing}${when}</span
  >`;
}

/**
 * The figure that carries a provenance note: focusable, described by the note, which it shows on
 * hover and focus. Wrap the figure's value in an element with class `has-provenance`, `tabindex="0"`
 * and `aria-describedby` naming the note.
 */
export const provenanceStyles = css`
  .has-provenance {
    position: relative;
    border-radius: 2px;
  }
  .has-provenance:focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  .provenance {
    display: none;
    margin-block-start: 0.25rem;
    font-size: 0.8125rem;
    font-weight: 400;
    line-height: 1.4;
    color: var(--_color-text-muted);
    overflow-wrap: anywhere;
    text-align: start;
  }
  .has-provenance:hover .provenance,
  .has-provenance:focus-within .provenance,
  .has-provenance:focus .provenance {
    display: block;
  }
  /* The extra sentence may name API text (an organisation); it takes its direction from its own text. */
  .provenance__extra {
    unicode-bidi: plaintext;
  }
  /* Each source is one box: a link that wrapped across lines would have its centre between them. */
  .provenance a {
    display: inline-block;
    max-inline-size: 100%;
  }
  .provenance code {
    font-size: 0.9em;
  }
  @media print {
    .provenance {
      display: block;
    }
  }
`;
