import { defineMessages } from '../../i18n/localize.js';

/** The English strings, the source of every translation. */
export const en = {
  label: 'Isometric Registry retirements',
  countOne: '{count} retirement',
  countOther: '{count} retirements',
  sumRecentOne: 'Latest retirement · {amount} CO₂e',
  sumRecentOther: '{count} most recent retirements · {amount} CO₂e',
  sumAll: 'In total · {amount} CO₂e',
  sumWithoutBuffer: '{sum} (buffer retirements not counted)',
  sumSource: 'The sum of the {count} retirements listed here; buffer retirements are never included.',
  retirement: 'Retirement',
  moreProjects: '+{count} more',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Unnamed beneficiary',
  bufferRetirement: 'Buffer retirement',
  bufferNote: 'Retired from the buffer pool to compensate a reversal; no buyer may claim it.',
  purposes: 'Purposes',
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
