import type { Translation } from '../../i18n/localize.js';
import type { en } from './impact-counter.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Impact de l’élimination du carbone',
  removed: 'CO₂e éliminées de façon permanente',
  active: 'Solde actif',
  amount: '{amount} CO₂e',
  bySupplier: 'Crédits retirés par fournisseur',
  byProject: 'Crédits retirés par projet',
  supplier: 'Fournisseur',
  project: 'Projet',
  retired: 'Retirés',
  activeColumn: 'Actifs',
} satisfies Translation<typeof en>;
