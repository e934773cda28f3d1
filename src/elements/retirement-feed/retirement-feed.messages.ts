import { defineMessages } from '../../i18n/localize.js';

/** The English strings, the source of every translation. */
export const en = {
  label: 'Carbon removal retirements',
  countOne: '{count} retirement',
  countOther: '{count} retirements',
  loadedSum: '{amount} CO₂e in the {count} shown',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Unnamed beneficiary',
  purposes: 'Purposes',
  certificate: 'Certificate',
  opensInNewTab: '(opens in a new tab)',
  live: 'Live',
  isNew: 'New',
  newOne: '{count} new retirement',
  newOther: '{count} new retirements',
  empty: 'No retirements yet.',
  showMore: 'Show more',
  loadingMore: 'Loading more…',
  moreFailed: 'Could not load more retirements.',
  refreshFailed: 'Could not check for new retirements.',
};

export const messages = defineMessages(en, (language) => (language === 'de' ? import('./retirement-feed.messages.de.js') : import('./retirement-feed.messages.fr.js')));
