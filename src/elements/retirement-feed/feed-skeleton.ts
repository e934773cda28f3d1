import { html, type TemplateResult } from 'lit';
import { skeletonLine as line } from '../shared/status.js';
import { MAX_PAGE_SIZE } from './feed-list.js';

/** The header while the first page loads; `loading` is the status line assistive technology hears. */
export function renderSkeletonHeader(loading: string): TemplateResult {
  return html`<header class="feed__header" part="header">
    <p class="feed__count" part="count">${line('skeleton--short')}</p>
    <p class="feed__sum" part="sum">${line()}</p>
    <span class="visually-hidden" role="status">${loading}</span>
  </header>`;
}

/**
 * A page of typical entries (name and amount, what was retired, date, two purposes, a one-line
 * note; in the compact list two lines) and the "Show more" button a first page usually has, with
 * blocks in place of text, so the loaded list takes their place without moving the page.
 */
export function renderSkeletonList(pageSize: number, compact = false): TemplateResult {
  const size = Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE ? pageSize : 1;
  const entry = compact
    ? html`<li class="entry entry--dense entry--skeleton" part="entry">
        <span class="entry__select">
          <span class="entry__line"><span class="entry__name">${line()}</span><span class="entry__amount">${line('skeleton--short')}</span></span>
          <span class="entry__line entry__line--sub"><span class="entry__what">${line()}</span><span class="entry__date">${line('skeleton--short')}</span></span>
        </span>
      </li>`
    : html`<li class="entry entry--skeleton" part="entry">
        <span class="entry__select">
          <span class="entry__name">${line()}</span>
          <span class="entry__amount">${line('skeleton--short')}</span>
          <span class="entry__what">${line()}</span>
        </span>
        <p class="entry__meta"><span class="entry__date">${line('skeleton--short')}</span></p>
        <ul class="entry__purposes" role="list">
          <li>${line('skeleton--pill')}</li>
          <li>${line('skeleton--pill')}</li>
        </ul>
        <p class="entry__note">${line('skeleton--long')}</p>
      </li>`;
  return html`<ul class="feed__list" part="list" role="list" aria-hidden="true">
      ${Array.from({ length: size }, () => entry)}
    </ul>
    <div class="feed__footer" aria-hidden="true">
      <span class="feed__more feed__more--skeleton">${line('skeleton--short')}</span>
    </div>`;
}
