import { defineMessages } from '../../i18n/localize.js';

/** The English strings, the source of every translation. */
export const en = {
  label: 'Carbon removal project',
  supplier: 'by {name}',
  location: 'Location',
  protocol: 'Protocol',
  validator: 'Validator',
  verifier: 'Verifier',
  creditingPeriod: 'Crediting period',
  notAssigned: 'Not assigned',
  openEnded: 'open',
  issued: 'Credits issued',
  retired: 'Credits retired',
  retiredShare: 'Retired share',
  noIssuance: 'No credits issued yet',
  documents: 'Project documents',
  noDocuments: 'No public documents.',
  viewOnRegistry: 'View on the Isometric Registry',
  opensInNewTab: '(opens in a new tab)',
};

export const messages = defineMessages(en, (language) => (language === 'de' ? import('./project-card.messages.de.js') : import('./project-card.messages.fr.js')));
