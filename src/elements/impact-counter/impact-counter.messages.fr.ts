import type { Translation } from '../../i18n/localize.js';
import type { en } from './impact-counter.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Impact climatique des crédits retirés',
  active: 'Détenus, non retirés',
  forOthers: 'Retirés en outre pour d’autres organisations',
  amount: '{amount} CO₂e',
  bySupplier: 'Crédits retirés par fournisseur',
  byProject: 'Crédits retirés par projet',
  byAction: 'Crédits retirés par type d’action climatique',
  supplier: 'Fournisseur',
  project: 'Projet',
  action: 'Type d’action climatique',
  retired: 'Retirés',
  unattributed: 'Non ventilé',
  retirement: 'Retrait',
  sources: '{count} retrait(s) pour {name}.',
  exact: 'Exactement {amount}.',
} satisfies Translation<typeof en>;
