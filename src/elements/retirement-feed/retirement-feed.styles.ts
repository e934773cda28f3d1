import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The narrow layout, scoped by `prefix`: used under `.feed--compact` (the `compact` attribute) and
 * inside a container query, so both ways of asking for it give the same result.
 */
function narrowLayout(prefix: string): CSSResult {
  const scope = unsafeCSS(prefix);
  return css`
    ${scope} .entry:not(.entry--dense) {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'select' 'meta' 'purposes' 'note';
      padding: 0.6rem 0.7rem;
    }
    ${scope} .entry:not(.entry--dense) .entry__select {
      flex-direction: column;
      align-items: flex-start;
      gap: 0;
    }
    ${scope} .entry--buffer:not(.entry--dense) {
      grid-template-areas: 'select' 'buffer' 'meta' 'purposes' 'note';
    }
    ${scope} .entry__meta {
      justify-self: start;
    }
    ${scope} .entry__note {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
      line-clamp: 3;
      overflow: hidden;
    }
  `;
}

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_feed-padding: var(--iso-retirement-feed-padding, var(--_space));
    --_feed-gap: var(--iso-retirement-feed-gap, calc(var(--_space) * 0.75));
    --_feed-highlight: var(--iso-retirement-feed-highlight, var(--_color-highlight));
    --_feed-max-height: var(--iso-retirement-feed-max-height, none);
  }
  .feed {
    display: grid;
    gap: var(--_feed-gap);
    padding: var(--_feed-padding);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    box-shadow: var(--_shadow);
    overflow-wrap: anywhere;
    min-inline-size: 0;
  }
  .feed__header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1rem;
  }
  .feed__count {
    margin: 0;
    font-size: 1.1em;
    font-weight: 650;
    min-block-size: 1.5em;
    min-inline-size: 6rem;
  }
  /* Always a line of its own under the count, so the header keeps its height whatever the sum says. */
  .feed__sum {
    order: 1;
    flex-basis: 100%;
    margin: 0;
    color: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
    min-block-size: 1.5em;
    min-inline-size: 8rem;
  }
  .feed__live {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_color-accent);
  }
  .feed__live::before {
    content: '';
    inline-size: 0.55em;
    block-size: 0.55em;
    border-radius: 50%;
    background: currentColor;
  }
  .feed__list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_feed-gap);
    max-block-size: var(--_feed-max-height);
    overflow-y: auto;
  }
  .entry {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'select meta'
      'purposes purposes'
      'note note';
    gap: 0.3rem 1rem;
    align-items: center;
    padding: 0.75rem 0.9rem;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_color-surface);
    cursor: pointer;
    min-inline-size: 0;
  }
  .entry:hover {
    border-color: var(--_color-accent);
  }
  .entry--skeleton {
    cursor: default;
  }
  .entry--new {
    border-inline-start: 4px solid var(--_color-accent);
    animation: iso-arrive 6s ease-out both;
  }
  @keyframes iso-arrive {
    from {
      background: var(--_feed-highlight);
    }
    to {
      background: var(--_color-surface);
    }
  }
  .entry__select {
    grid-area: select;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.1rem 0.75rem;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    color: inherit;
    text-align: start;
    cursor: pointer;
    border-radius: 4px;
  }
  .entry__name {
    font-weight: 650;
    unicode-bidi: plaintext;
    min-inline-size: 0;
    min-block-size: 1.5em;
  }
  .entry__amount {
    color: var(--_color-accent);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    min-block-size: 1.5em;
  }
  .entry__meta {
    grid-area: meta;
    justify-self: end;
    margin: 0;
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-size: 0.85em;
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  /* A buffer-pool retirement: set apart from buyers' claims, its amount not in the accent colour. */
  .entry--buffer {
    grid-template-areas:
      'select meta'
      'buffer buffer'
      'purposes purposes'
      'note note';
    border-style: dashed;
  }
  .entry--buffer .entry__amount {
    color: var(--_color-text-muted);
  }
  .entry__buffer-badge {
    font-size: 0.8em;
    font-weight: 650;
    padding: 0 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_color-border);
    background: var(--_color-surface-raised);
    color: var(--_color-text);
    white-space: nowrap;
  }
  .entry__buffer-note {
    grid-area: buffer;
    margin: 0;
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
  .entry__badge {
    font-size: 0.9em;
    font-weight: 650;
    padding: 0 0.45em;
    border-radius: 999px;
    background: var(--_color-accent);
    color: var(--_color-accent-contrast);
  }
  .entry__purposes {
    grid-area: purposes;
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    font-size: 0.8em;
    min-block-size: 1.5em;
  }
  .entry__purposes li {
    padding: 0 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_color-border);
    background: var(--_color-surface-raised);
  }
  .entry__note {
    grid-area: note;
    margin: 0;
    font-size: 0.9em;
    color: var(--_color-text-muted);
    unicode-bidi: plaintext;
    white-space: pre-line;
  }
  /* What was retired: its kind of climate action and projects, looked up once the entry is seen; the line is held meanwhile. */
  /* One line, so an entry keeps its height when the line fills in; the whole text is its title. */
  .entry__what {
    flex-basis: 100%;
    min-inline-size: 0;
    max-inline-size: 100%;
    min-block-size: 1.5em;
    font-size: 0.85em;
    color: var(--_color-text-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .entry__action {
    font-weight: 600;
    color: var(--_color-text);
  }
  .entry__projects bdi {
    unicode-bidi: isolate;
  }
  /* compact: a dense list for sidebars, two lines per entry, divided by rules instead of cards. */
  .feed--compact .feed__list {
    gap: 0;
  }
  .entry--dense {
    display: block;
    padding: 0.35rem 0.25rem;
    border: 0;
    border-block-end: 1px solid var(--_color-border);
    border-radius: 0;
    background: none;
  }
  .entry--dense.entry--new {
    border-inline-start: 4px solid var(--_color-accent);
    padding-inline-start: 0.5rem;
  }
  .entry--dense:last-child {
    border-block-end: 0;
  }
  .entry--dense .entry__select {
    display: grid;
    gap: 0;
    inline-size: 100%;
  }
  /* Centred, not on the baseline: an empty box (a line still being looked up) would sit on it and grow the line. */
  .entry__line {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    min-inline-size: 0;
    line-height: 1.4;
  }
  .entry__line > :first-child {
    flex: 1 1 auto;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .entry__line--sub {
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
  .entry--dense .entry__name,
  .entry--dense .entry__amount,
  .entry--dense .entry__what {
    min-block-size: 1.4em;
  }
  .entry--dense .entry__what {
    flex-basis: auto;
    font-size: 1em;
  }
  .entry--dense .entry__date,
  .entry--dense .entry__buffer-badge {
    flex: none;
    white-space: nowrap;
  }
  .feed__empty {
    margin: 0;
    color: var(--_color-text-muted);
  }
  .feed__empty[hidden] {
    display: none;
  }
  .feed__footer {
    display: flex;
    justify-content: center;
  }
  .feed__more,
  .inline-error__retry {
    font: inherit;
    cursor: pointer;
    border: 1px solid var(--_color-accent);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_color-surface);
    color: var(--_color-accent);
    padding: 0.35em 0.9em;
  }
  .feed__more--skeleton {
    border-color: var(--_color-border);
    cursor: default;
  }
  .feed__more[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .skeleton--text {
    inline-size: 12rem;
  }
  .skeleton--short {
    inline-size: 6rem;
  }
  .skeleton--long {
    inline-size: 100%;
  }
  /* Only holds the width: the purpose chip around it is the visible block. */
  .skeleton--pill {
    inline-size: 5rem;
    background: none;
  }
  ${narrowLayout('.feed--compact')}
  @container (max-width: 28rem) {
    ${narrowLayout('')}
  }
  @media (prefers-reduced-motion: reduce) {
    .entry--new {
      animation: none;
      background: var(--_feed-highlight);
    }
  }
  /* Windows high contrast: the live dot keeps its colour (a background, which forced colours drop), the badge an outline. */
  @media (forced-colors: active) {
    .feed__live::before {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .entry__badge {
      border: 1px solid CanvasText;
    }
  }
`;
