import type { Translation } from '../../i18n/localize.js';
import type { en } from './impact-counter.messages.js';

/** German strings, loaded when an element's language is de. */
export default {
  label: 'Wirkung der CO₂-Entnahme',
  removed: 'CO₂e dauerhaft entfernt',
  active: 'Aktiver Bestand',
  amount: '{amount} CO₂e',
  bySupplier: 'Stillgelegte Zertifikate nach Lieferant',
  byProject: 'Stillgelegte Zertifikate nach Projekt',
  supplier: 'Lieferant',
  project: 'Projekt',
  retired: 'Stillgelegt',
  activeColumn: 'Aktiv',
} satisfies Translation<typeof en>;
