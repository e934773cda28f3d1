/** Fired by `<iso-retirement-feed>` when the user activates a retirement (click, Enter or Space). */
export class IsoRetirementSelectEvent extends Event {
  static readonly type = 'iso-retirement-select';
  readonly detail: Readonly<{ retirementId: string }>;

  constructor(retirementId: string) {
    super(IsoRetirementSelectEvent.type, { bubbles: true, composed: true });
    this.detail = { retirementId };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-retirement-select': IsoRetirementSelectEvent;
  }
}
