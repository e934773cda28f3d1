import type { Translation } from '../../i18n/localize.js';
import type { en } from './project-card.messages.js';

/** German strings, loaded when an element's language is de. */
export default {
  label: 'CO₂-Entnahmeprojekt',
  supplier: 'von {name}',
  location: 'Standort',
  protocol: 'Protokoll',
  validator: 'Validierer',
  verifier: 'Verifizierer',
  creditingPeriod: 'Anrechnungszeitraum',
  notAssigned: 'Nicht zugewiesen',
  openEnded: 'offen',
  issued: 'Ausgegebene Zertifikate',
  retired: 'Stillgelegte Zertifikate',
  retiredShare: 'Stillgelegter Anteil',
  noIssuance: 'Noch keine Zertifikate ausgegeben',
  documents: 'Projektdokumente',
  noDocuments: 'Keine öffentlichen Dokumente.',
  viewOnRegistry: 'Im Isometric-Register ansehen',
  opensInNewTab: '(öffnet in neuem Tab)',
} satisfies Translation<typeof en>;
