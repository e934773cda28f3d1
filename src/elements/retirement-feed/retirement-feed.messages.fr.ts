import type { Translation } from '../../i18n/localize.js';
import type { en } from './retirement-feed.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Retraits du registre Isometric',
  countOne: '{count} retrait',
  countOther: '{count} retraits',
  sumRecentOne: 'Dernier retrait · {amount} CO₂e',
  sumRecentOther: 'Les {count} retraits les plus récents · {amount} CO₂e',
  sumAll: 'Au total · {amount} CO₂e',
  sumWithoutBuffer: '{sum} (hors retraits de la réserve tampon)',
  sumSource: 'La somme des {count} retraits listés ici ; les retraits de la réserve tampon n’y sont jamais inclus.',
  retirement: 'Retrait',
  moreProjects: '+{count} autres',
  amount: '{amount} CO₂e',
  amountSmall: '{amount} CO₂e ({kg})',
  unnamed: 'Bénéficiaire sans nom',
  bufferRetirement: 'Retrait de la réserve tampon',
  bufferNote: 'Retiré de la réserve tampon pour compenser une réversion ; aucun acheteur ne peut s’en prévaloir.',
  purposes: 'Objectifs',
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
