import type { Translation } from '../../i18n/localize.js';
import type { en } from './retirement-feed.messages.js';

/** German strings, loaded when an element's language is de. */
export default {
  label: 'Stilllegungen im Isometric-Register',
  countOne: '{count} Stilllegung',
  countOther: '{count} Stilllegungen',
  loadedSum: '{amount} CO₂e in den {count} angezeigten',
  loadedSumWithoutBuffer: '{amount} CO₂e in den {count} angezeigten, ohne Stilllegungen aus dem Pufferpool',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Unbenannter Begünstigter',
  bufferRetirement: 'Pufferpool-Stilllegung',
  bufferNote: 'Aus dem Pufferpool stillgelegt, um eine Umkehrung auszugleichen; kein Käufer kann sie für sich beanspruchen.',
  purposes: 'Zwecke',
  certificate: 'Zertifikat',
  opensInNewTab: '(öffnet in neuem Tab)',
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
