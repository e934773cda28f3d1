import type { Translation } from '../../i18n/localize.js';
import type { en } from './impact-counter.messages.js';

/** German strings, loaded when an element's language is de. */
export default {
  label: 'Klimawirkung stillgelegter Zertifikate',
  active: 'Gehalten, nicht stillgelegt',
  forOthers: 'Zusätzlich für andere Organisationen stillgelegt',
  amount: '{amount} CO₂e',
  bySupplier: 'Stillgelegte Zertifikate nach Lieferant',
  byProject: 'Stillgelegte Zertifikate nach Projekt',
  byAction: 'Stillgelegte Zertifikate nach Art der Klimaschutzmaßnahme',
  supplier: 'Lieferant',
  project: 'Projekt',
  action: 'Art der Klimaschutzmaßnahme',
  retired: 'Stillgelegt',
  unattributed: 'Nicht aufgeschlüsselt',
  retirement: 'Stilllegung',
  sources: '{count} Stilllegung(en) für {name}.',
  exact: 'Genau {amount}.',
} satisfies Translation<typeof en>;
