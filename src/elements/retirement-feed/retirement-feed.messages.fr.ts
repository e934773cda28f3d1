import type { Translation } from '../../i18n/localize.js';
import type { en } from './retirement-feed.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Retraits du registre Isometric',
  countOne: '{count} retrait',
  countOther: '{count} retraits',
  loadedSum: '{amount} CO₂e dans les {count} affichés',
  loadedSumWithoutBuffer: '{amount} CO₂e dans les {count} affichés, hors retraits de la réserve tampon',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Bénéficiaire sans nom',
  bufferRetirement: 'Retrait de la réserve tampon',
  bufferNote: 'Retiré de la réserve tampon pour compenser une réversion ; aucun acheteur ne peut s’en prévaloir.',
  purposes: 'Objectifs',
  certificate: 'Certificat',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',
  live: 'En direct',
  isNew: 'Nouveau',
  newOne: '{count} nouveau retrait',
  newOther: '{count} nouveaux retraits',
  empty: 'Aucun retrait pour l’instant.',
  showMore: 'Afficher plus',
  loadingMore: 'Chargement de la suite…',
  moreFailed: 'Impossible de charger plus de retraits.',
  refreshFailed: 'Impossible de vérifier les nouveaux retraits.',
} satisfies Translation<typeof en>;
