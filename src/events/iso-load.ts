/** Fired by a data element when its data has loaded and rendered. */
export class IsoLoadEvent extends Event {
  static readonly type = 'iso-load';
  readonly detail: Readonly<{ source: string }>;

  constructor(source: string) {
    super(IsoLoadEvent.type, { bubbles: true, composed: true });
    this.detail = { source };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-load': IsoLoadEvent;
  }
}
