import type { Translation } from '../../i18n/localize.js';
import type { en } from './project-card.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Projet d’élimination du carbone',
  supplier: 'par {name}',
  location: 'Lieu',
  protocol: 'Protocole',
  validator: 'Validateur',
  verifier: 'Vérificateur',
  creditingPeriod: 'Période de comptabilisation',
  notAssigned: 'Non attribué',
  openEnded: 'ouverte',
  issued: 'Crédits émis',
  retired: 'Crédits retirés',
  retiredShare: 'Part retirée',
  noIssuance: 'Aucun crédit émis pour l’instant',
  documents: 'Documents du projet',
  noDocuments: 'Aucun document public.',
  viewOnRegistry: 'Voir dans le registre Isometric',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',
} satisfies Translation<typeof en>;
