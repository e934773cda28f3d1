import type { Translation } from '../../i18n/localize.js';
import type { en } from './retirement-feed.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Retraits de crédits d’élimination du carbone',
  countOne: '{count} retrait',
  countOther: '{count} retraits',
  loadedSum: '{amount} CO₂e dans les {count} affichés',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Bénéficiaire sans nom',
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
