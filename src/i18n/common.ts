import { humanize } from '../data/format.js';
import { PROBLEM_MESSAGES } from '../data/problems.js';
import type { LocaleController } from './localize.js';
import { defineMessages } from './localize.js';

/** The English strings, the source of every translation. */
export const commonEn = {
  'problem.required': PROBLEM_MESSAGES.required,
  'problem.invalid-id': PROBLEM_MESSAGES['invalid-id'],
  'problem.one-of': PROBLEM_MESSAGES['one-of'],
  'problem.range': PROBLEM_MESSAGES.range,
  'problem.tonnes': PROBLEM_MESSAGES.tonnes,
  'problem.minimum': PROBLEM_MESSAGES.minimum,
  'problem.maximum': PROBLEM_MESSAGES.maximum,
  'problem.not-below': PROBLEM_MESSAGES['not-below'],
  'problem.list-one-of': PROBLEM_MESSAGES['list-one-of'],
  'problem.list-empty': PROBLEM_MESSAGES['list-empty'],
  'problem.host': PROBLEM_MESSAGES.host,
  'problem.url': PROBLEM_MESSAGES.url,
  'detail.unavailable': 'The registry could not be reached. Please try again in a moment.',
  'detail.invalid-response': 'The registry sent an answer this widget cannot read.',
  'detail.rejected': 'The registry refused the request.',
  'detail.rejected-status': 'The registry refused the request (HTTP {status}).',
  'detail.invalid-input': 'The browser console says which attribute is wrong.',
  'detail.not-configured': 'Add <meta name="iso-endpoint" content="https://…/api"> to the page, or an endpoint attribute.',
  loading: 'Loading…',
  retry: 'Try again',
  errorTitle: 'Could not load data from the registry.',
  notFound: 'Not found in the registry.',
  invalidInput: 'This widget is set up incorrectly.',
  notConfigured: 'This widget has no registry endpoint.',
  'provenance.source': 'From {count} registry record(s):',
  'provenance.asOf': 'As of {time}.',
  'action.durable-removal': 'Durable carbon removal',
  'action.shorter-removal': 'Carbon removal, shorter durability',
  'action.destruction': 'Emission destruction',
  'action.unknown': 'Other climate action',
  'action.mixed': 'Several kinds of climate action',
  'claim.removed-durably': 'CO₂e permanently removed',
  'claim.removed': 'CO₂e removed',
  'claim.destroyed': 'CO₂e destroyed',
  'claim.retired': 'CO₂e retired',
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
};

/** Strings every element shares: states, units and the API's enum labels. */
export const common = defineMessages(commonEn, (language) => (language === 'de' ? import('./common.de.js') : language === 'fr' ? import('./common.fr.js') : import('./common.ar.js')));

type CommonKey = keyof (typeof common)['en'];

/** The label of an API enum value (`pathway`, `status`, `purpose`), humanised when the value is new to us. */
export function enumLabel(i18n: LocaleController, group: 'pathway' | 'status' | 'purpose', value: string): string {
  const key = `${group}.${value}`;
  return key in common.en ? i18n.t(common, key as CommonKey) : humanize(value);
}
