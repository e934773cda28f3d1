import { defineMessages } from '../../i18n/localize.js';

/** The English strings, the source of every translation. */
export const en = {
  label: 'Isometric Registry project',
  supplier: 'by {name}',
  action: 'Climate action',
  location: 'Location',
  protocol: 'Protocol',
  validator: 'Validator',
  verifier: 'Verifier',
  creditingPeriod: 'Crediting period',
  notAssigned: 'Not assigned',
  openEnded: 'open',
  issued: 'Issued for sale',
  retired: 'Retired by buyers',
  retiredShare: 'Retired share',
  noIssuance: 'No credits issued yet',
  buffer: 'Buffer pool',
  bufferIssued: '{amount} allocated against reversals',
  bufferRetired: '{amount} retired to compensate reversals',
  sourceProject: 'Project {name}',
  issuedSource: 'All credits issued, less those allocated to the buffer pool.',
  retiredSource: 'All credits retired, less those retired from the buffer pool to compensate reversals.',
  shareSource: 'Credits retired by buyers as a share of credits issued for sale, rounded down.',
  bufferSource: 'Credits allocated to the buffer pool cover reversals; they are not sold, and no buyer may claim a retirement from it.',
  documents: 'Project documents',
  noDocuments: 'No public documents.',
  viewOnRegistry: 'View on the Isometric Registry',
  opensInNewTab: '(opens in a new tab)',
  /** The exact figure behind a rounded one, in its provenance note. */
  exact: 'Exactly {amount}.',
};

export const messages = defineMessages(en, (language) => (language === 'de' ? import('./project-card.messages.de.js') : language === 'fr' ? import('./project-card.messages.fr.js') : import('./project-card.messages.ar.js')));
