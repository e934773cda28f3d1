import type { RegistryErrorKind } from '../data/errors.js';

/** Fired by a data element when loading failed; the element shows the error itself. */
export class IsoErrorEvent extends Event {
  static readonly type = 'iso-error';
  readonly detail: Readonly<{ kind: RegistryErrorKind; message: string; status: number | undefined }>;

  constructor(kind: RegistryErrorKind, message: string, status: number | undefined) {
    super(IsoErrorEvent.type, { bubbles: true, composed: true });
    this.detail = { kind, message, status };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-error': IsoErrorEvent;
  }
}
