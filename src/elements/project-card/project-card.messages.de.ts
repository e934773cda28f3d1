import type { Translation } from '../../i18n/localize.js';
import type { en } from './project-card.messages.js';

/** German strings, loaded when an element's language is de. */
export default {
  label: 'Projekt im Isometric-Register',
  supplier: 'von {name}',
  action: 'Art der Klimamaßnahme',
  location: 'Standort',
  protocol: 'Protokoll',
  validator: 'Validierer',
  verifier: 'Verifizierer',
  creditingPeriod: 'Anrechnungszeitraum',
  notAssigned: 'Nicht zugewiesen',
  openEnded: 'offen',
  issued: 'Zum Verkauf ausgegeben',
  retired: 'Von Käufern stillgelegt',
  retiredShare: 'Stillgelegter Anteil',
  noIssuance: 'Noch keine Zertifikate ausgegeben',
  buffer: 'Pufferpool',
  bufferIssued: '{amount} als Reserve gegen Umkehrungen zurückgelegt',
  bufferRetired: '{amount} zum Ausgleich von Umkehrungen stillgelegt',
  sourceProject: 'Projekt {name}',
  issuedSource: 'Alle ausgegebenen Zertifikate abzüglich der dem Pufferpool zugewiesenen.',
  retiredSource: 'Alle stillgelegten Zertifikate abzüglich der zum Ausgleich von Umkehrungen aus dem Pufferpool stillgelegten.',
  shareSource: 'Von Käufern stillgelegte Zertifikate als Anteil der zum Verkauf ausgegebenen, abgerundet.',
  bufferSource: 'Dem Pufferpool zugewiesene Zertifikate decken Umkehrungen ab; sie werden nicht verkauft, und kein Käufer kann eine Stilllegung daraus für sich beanspruchen.',
  documents: 'Projektdokumente',
  noDocuments: 'Keine öffentlichen Dokumente.',
  viewOnRegistry: 'Im Isometric-Register ansehen',
  opensInNewTab: '(öffnet in neuem Tab)',
  exact: 'Genau {amount}.',
} satisfies Translation<typeof en>;
