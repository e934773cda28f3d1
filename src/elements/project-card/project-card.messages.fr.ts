import type { Translation } from '../../i18n/localize.js';
import type { en } from './project-card.messages.js';

/** French strings, loaded when an element's language is fr. */
export default {
  label: 'Projet du registre Isometric',
  supplier: 'par {name}',
  action: 'Action climatique',
  location: 'Lieu',
  protocol: 'Protocole',
  validator: 'Validateur',
  verifier: 'Vérificateur',
  creditingPeriod: 'Période de comptabilisation',
  notAssigned: 'Non attribué',
  openEnded: 'ouverte',
  issued: 'Émis pour la vente',
  retired: 'Retirés par les acheteurs',
  retiredShare: 'Part retirée',
  noIssuance: 'Aucun crédit émis pour l’instant',
  buffer: 'Réserve tampon',
  bufferIssued: '{amount} mis en réserve contre les réversions',
  bufferRetired: '{amount} retirés pour compenser des réversions',
  sourceProject: 'Projet {name}',
  issuedSource: 'Tous les crédits émis, moins ceux attribués à la réserve tampon.',
  retiredSource: 'Tous les crédits retirés, moins ceux retirés de la réserve tampon pour compenser des réversions.',
  shareSource: 'Crédits retirés par les acheteurs, en part des crédits émis pour la vente, arrondie à l’inférieur.',
  bufferSource: 'Les crédits attribués à la réserve tampon couvrent les réversions ; ils ne sont pas vendus, et aucun acheteur ne peut se prévaloir d’un retrait de la réserve.',
  documents: 'Documents du projet',
  noDocuments: 'Aucun document public.',
  viewOnRegistry: 'Voir dans le registre Isometric',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',
  exact: 'Exactement {amount}.',
} satisfies Translation<typeof en>;
