import { humanize } from '../data/format.js';
import type { LocaleController } from './localize.js';
import { defineMessages } from './localize.js';

/** Strings every element shares: states, units and the API's enum labels. */
export const common = defineMessages({
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    errorTitle: 'Could not load data from the registry.',
    notFound: 'Not found in the registry.',
    invalidInput: 'This widget is set up incorrectly.',
    notConfigured: 'This widget has no registry endpoint.',
    'pathway.biomass_carbon_removal_and_storage': 'Biomass carbon removal and storage',
    'pathway.direct_air_capture': 'Direct air capture',
    'pathway.enhanced_weathering': 'Enhanced weathering',
    'pathway.carbon_mineralization': 'Carbon mineralization',
    'pathway.reforestation': 'Reforestation',
    'pathway.marine': 'Marine carbon removal',
    'pathway.superpollutants': 'Superpollutants',
    'status.draft': 'Draft',
    'status.preview': 'Preview',
    'status.under_validation': 'Under validation',
    'status.validated': 'Validated',
    'status.validation_unsuccessful': 'Validation unsuccessful',
    'status.cancelled': 'Cancelled',
    'purpose.corporate_targets': 'Corporate targets',
    'purpose.public_environmental_claims': 'Public environmental claims',
    'purpose.insetting': 'Insetting',
    'purpose.regulatory_requirement': 'Regulatory requirement',
    'purpose.other': 'Other',
  },
  de: {
    loading: 'Wird geladen…',
    retry: 'Erneut versuchen',
    errorTitle: 'Die Daten konnten nicht aus dem Register geladen werden.',
    notFound: 'Im Register nicht gefunden.',
    invalidInput: 'Dieses Widget ist falsch eingerichtet.',
    notConfigured: 'Diesem Widget fehlt der Register-Endpunkt.',
    'pathway.biomass_carbon_removal_and_storage': 'Biomasse-Kohlenstoffentnahme und -speicherung',
    'pathway.direct_air_capture': 'Direkte CO₂-Abscheidung aus der Luft',
    'pathway.enhanced_weathering': 'Beschleunigte Verwitterung',
    'pathway.carbon_mineralization': 'Kohlenstoffmineralisierung',
    'pathway.reforestation': 'Wiederaufforstung',
    'pathway.marine': 'Marine Kohlenstoffentnahme',
    'pathway.superpollutants': 'Superschadstoffe',
    'status.draft': 'Entwurf',
    'status.preview': 'Vorschau',
    'status.under_validation': 'In Validierung',
    'status.validated': 'Validiert',
    'status.validation_unsuccessful': 'Validierung nicht erfolgreich',
    'status.cancelled': 'Abgebrochen',
    'purpose.corporate_targets': 'Unternehmensziele',
    'purpose.public_environmental_claims': 'Öffentliche Umweltaussagen',
    'purpose.insetting': 'Insetting',
    'purpose.regulatory_requirement': 'Regulatorische Anforderung',
    'purpose.other': 'Sonstiges',
  },
  fr: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    errorTitle: 'Impossible de charger les données du registre.',
    notFound: 'Introuvable dans le registre.',
    invalidInput: 'Ce widget est mal configuré.',
    notConfigured: 'Ce widget n’a pas de point d’accès au registre.',
    'pathway.biomass_carbon_removal_and_storage': 'Élimination et stockage du carbone de la biomasse',
    'pathway.direct_air_capture': 'Captage direct dans l’air',
    'pathway.enhanced_weathering': 'Altération forcée',
    'pathway.carbon_mineralization': 'Minéralisation du carbone',
    'pathway.reforestation': 'Reboisement',
    'pathway.marine': 'Élimination marine du carbone',
    'pathway.superpollutants': 'Superpolluants',
    'status.draft': 'Brouillon',
    'status.preview': 'Aperçu',
    'status.under_validation': 'En cours de validation',
    'status.validated': 'Validé',
    'status.validation_unsuccessful': 'Validation non réussie',
    'status.cancelled': 'Annulé',
    'purpose.corporate_targets': 'Objectifs d’entreprise',
    'purpose.public_environmental_claims': 'Allégations environnementales publiques',
    'purpose.insetting': 'Insetting',
    'purpose.regulatory_requirement': 'Exigence réglementaire',
    'purpose.other': 'Autre',
  },
});

type CommonKey = keyof (typeof common)['en'];

/** The label of an API enum value (`pathway`, `status`, `purpose`), humanised when the value is new to us. */
export function enumLabel(i18n: LocaleController, group: 'pathway' | 'status' | 'purpose', value: string): string {
  const key = `${group}.${value}`;
  return key in common.en ? i18n.t(common, key as CommonKey) : humanize(value);
}
