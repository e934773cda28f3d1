import { defineMessages } from '../../i18n/localize.js';

/** The English strings, the source of every translation. */
export const en = {
  label: 'Carbon removal impact',
  removed: 'CO₂e permanently removed',
  active: 'Active balance',
  amount: '{amount} CO₂e',
  bySupplier: 'Retired credits by supplier',
  byProject: 'Retired credits by project',
  supplier: 'Supplier',
  project: 'Project',
  retired: 'Retired',
  activeColumn: 'Active',
};

export const messages = defineMessages(en, (language) => (language === 'de' ? import('./impact-counter.messages.de.js') : import('./impact-counter.messages.fr.js')));
