import { defineMessages } from '../../i18n/localize.js';

/** The English strings, the source of every translation. */
export const en = {
  label: 'Isometric Registry retirements',
  countOne: '{count} retirement',
  countOther: '{count} retirements',
  loadedSum: '{amount} CO₂e in the {count} shown',
  loadedSumWithoutBuffer: '{amount} CO₂e in the {count} shown, buffer retirements not counted',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Unnamed beneficiary',
  bufferRetirement: 'Buffer retirement',
  bufferNote: 'Retired from the buffer pool to compensate a reversal; no buyer may claim it.',
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

export const messages = defineMessages(en, (language) => (language === 'de' ? import('./retirement-feed.messages.de.js') : language === 'fr' ? import('./retirement-feed.messages.fr.js') : import('./retirement-feed.messages.ar.js')));
