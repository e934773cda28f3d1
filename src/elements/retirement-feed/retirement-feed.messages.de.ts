import type { Translation } from '../../i18n/localize.js';
import type { en } from './retirement-feed.messages.js';

/** German strings, loaded when an element's language is de. */
export default {
  label: 'Stilllegungen im Isometric-Register',
  countOne: '{count} Stilllegung',
  countOther: '{count} Stilllegungen',
  sumRecentOne: 'Letzte Stilllegung · {amount} CO₂e',
  sumRecentOther: 'Die {count} neuesten Stilllegungen · {amount} CO₂e',
  sumAll: 'Insgesamt · {amount} CO₂e',
  sumWithoutBuffer: '{sum} (ohne Stilllegungen aus dem Pufferpool)',
  sumSource: 'Die Summe der {count} hier aufgeführten Stilllegungen; Stilllegungen aus dem Pufferpool zählen nie mit.',
  retirement: 'Stilllegung',
  moreProjects: '+{count} weitere',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Unbenannter Begünstigter',
  bufferRetirement: 'Pufferpool-Stilllegung',
  bufferNote: 'Aus dem Pufferpool stillgelegt, um eine Umkehrung auszugleichen; kein Käufer kann sie für sich beanspruchen.',
  purposes: 'Zwecke',
  live: 'Live',
  isNew: 'Neu',
  newOne: '{count} neue Stilllegung',
  newOther: '{count} neue Stilllegungen',
  empty: 'Noch keine Stilllegungen.',
  showMore: 'Mehr anzeigen',
  loadingMore: 'Weitere werden geladen…',
  moreFailed: 'Weitere Stilllegungen konnten nicht geladen werden.',
  refreshFailed: 'Neue Stilllegungen konnten nicht abgerufen werden.',
} satisfies Translation<typeof en>;
