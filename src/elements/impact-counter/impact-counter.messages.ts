import { defineMessages } from '../../i18n/localize.js';

/**
 * The English strings, the source of every translation. The headline's wording and the kinds of
 * climate action are the common catalog's `claim.*` and `action.*` strings (src/shared/claims.ts).
 */
export const en = {
  label: 'Climate impact of retired credits',
  active: 'Held, not retired',
  forOthers: 'Also retired for other organisations',
  amount: '{amount} CO₂e',
  bySupplier: 'Retired credits by supplier',
  byProject: 'Retired credits by project',
  byAction: 'Retired credits by kind of climate action',
  supplier: 'Supplier',
  project: 'Project',
  action: 'Kind of climate action',
  retired: 'Retired',
  unattributed: 'Not broken down',
  retirement: 'Retirement',
  sources: '{count} retirement(s) for {name}.',
  /** The exact figure behind a rounded one, in its provenance note. */
  exact: 'Exactly {amount}.',
};

export const messages = defineMessages(en, (language) => (language === 'de' ? import('./impact-counter.messages.de.js') : language === 'fr' ? import('./impact-counter.messages.fr.js') : import('./impact-counter.messages.ar.js')));
