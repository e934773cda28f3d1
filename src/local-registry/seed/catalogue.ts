/**
 * The hand-written part of the seed: who the organisations, suppliers and projects are. Quantities,
 * dates and the credit history are simulated from these tables by `simulate.ts`. All names are fictional.
 */
import type { Location, Pathway, ProjectStatus, RetirementPurpose } from '../types.js';
import { isometricId } from './random.js';
import { SAMPLE_IDS } from './sample-ids.js';

/**
 * The instant the seeded history ends; nothing in the data set is later but the one recent retirement
 * (RECENT_RETIREMENT), dated from the clock when the registry starts. Fixed so every run is identical.
 */
export const SEED_BASE_DATE = '2026-06-30T12:00:00Z';

/** The seed of the data set's PRNG. */
export const SEED = 20260630;

export type OrganisationKind = 'buffer_pool' | 'supplier' | 'corporate' | 'subsidiary' | 'marketplace' | 'business' | 'individual';

export interface OrganisationSpec {
  key: string;
  /** Pinned id for the few entities in SAMPLE_IDS; the rest derive theirs from `key`. */
  id?: string;
  name: string;
  domain: string | null;
  kind: OrganisationKind;
}

export const ORGANISATIONS: readonly OrganisationSpec[] = [
  { key: 'buffer-pool', id: SAMPLE_IDS.bufferPoolOrganisation, name: 'Isometric Buffer Pool', domain: 'isometric.com', kind: 'buffer_pool' },
  // Suppliers' organisations.
  { key: 'carbonwerk', id: SAMPLE_IDS.supplierOrganisation, name: 'Carbonwerk Lausitz GmbH', domain: 'carbonwerk.de', kind: 'supplier' },
  { key: 'aerolith', name: 'Aerolith Capture Inc.', domain: 'aerolithcapture.com', kind: 'supplier' },
  { key: 'basalt-bloom', name: 'Basalt & Bloom Ltd', domain: 'basaltandbloom.co.uk', kind: 'supplier' },
  { key: 'tidewater', name: 'Tidewater Alkalinity Co.', domain: 'tidewateralkalinity.ca', kind: 'supplier' },
  { key: 'selva-viva', name: 'Selva Viva Restauração Florestal', domain: 'selvaviva.com.br', kind: 'supplier' },
  { key: 'kiln-stone', name: 'Kiln & Stone Mineral Carbon Pty Ltd', domain: 'kilnandstone.com.au', kind: 'supplier' },
  { key: 'frostline', name: 'Frostline Refrigerant Recovery LLC', domain: 'frostline-recovery.com', kind: 'supplier' },
  // Buyers.
  { key: 'northwind', id: SAMPLE_IDS.organisation, name: 'Northwind Traders', domain: 'northwindtraders.com', kind: 'corporate' },
  { key: 'northwind-cargo', name: 'Northwind Cargo', domain: 'northwindcargo.com', kind: 'subsidiary' },
  { key: 'contoso', name: 'Contoso Ltd.', domain: 'contoso.com', kind: 'corporate' },
  { key: 'contoso-europe', name: 'Contoso Europe B.V.', domain: 'contoso.eu', kind: 'subsidiary' },
  { key: 'globex', name: 'Globex Corporation', domain: 'globex.com', kind: 'corporate' },
  { key: 'initech', name: 'Initech', domain: 'initech.com', kind: 'corporate' },
  { key: 'acme', name: 'Acme Corporation', domain: 'acme.com', kind: 'corporate' },
  { key: 'hooli', name: 'Hooli', domain: 'hooli.xyz', kind: 'corporate' },
  { key: 'vandelay', name: 'Vandelay Industries', domain: 'vandelayindustries.com', kind: 'corporate' },
  { key: 'massive-dynamic', name: 'Massive Dynamic', domain: 'massivedynamic.com', kind: 'corporate' },
  { key: 'stuebbe', name: 'Stübbe & Söhne Logistik GmbH', domain: 'stuebbe-logistik.de', kind: 'corporate' },
  { key: 'mirai', name: '株式会社ミライ物流', domain: 'mirai-butsuryu.co.jp', kind: 'corporate' },
  { key: 'al-waha', name: 'شركة الواحة للطاقة المتجددة', domain: 'alwaha-energy.ae', kind: 'corporate' },
  { key: 'carbonfolio', name: 'Carbonfolio Marketplace', domain: 'carbonfolio.io', kind: 'marketplace' },
  // Small businesses retired for by the marketplace and the demo supplier's Stripe checkout.
  { key: 'bluebird', name: 'Bluebird Coffee Roasters', domain: 'bluebirdroasters.com', kind: 'business' },
  { key: 'fjordlight', name: 'Fjordlight Studio AS', domain: 'fjordlight.no', kind: 'business' },
  { key: 'cafe-lumiere', name: 'Café Lumière', domain: 'cafelumiere.fr', kind: 'business' },
  { key: 'kowalski', name: 'Piekarnia Kowalski', domain: 'piekarnia-kowalski.pl', kind: 'business' },
  { key: 'oakridge', name: 'Oakridge Montessori School', domain: 'oakridgemontessori.org', kind: 'business' },
  { key: 'tanaka-design', name: '田中デザイン事務所', domain: 'tanaka-design.jp', kind: 'business' },
  { key: 'riverside-yoga', name: 'Riverside Yoga Collective', domain: null, kind: 'business' },
  { key: 'pixel-pine', name: 'Pixel & Pine Games', domain: 'pixelandpine.games', kind: 'business' },
  { key: 'mueller-rad', name: 'Müller Fahrradwerkstatt', domain: 'mueller-fahrrad.de', kind: 'business' },
  { key: 'sunnyside', name: 'Sunnyside Dental', domain: 'sunnysidedental.com', kind: 'business' },
  { key: 'greenway', name: 'Greenway Events Ltd', domain: 'greenwayevents.co.uk', kind: 'business' },
  // Individuals: beneficiaries created with a name and no domain.
  { key: 'ana-souza', name: 'Ana Souza', domain: null, kind: 'individual' },
  { key: 'kenji-watanabe', name: '渡辺健二', domain: null, kind: 'individual' },
  { key: 'priya-raman', name: 'Priya Raman', domain: null, kind: 'individual' },
  { key: 'lars-overgaard', name: 'Lars Øvergaard', domain: null, kind: 'individual' },
  { key: 'fatima-al-sayed', name: 'فاطمة السيد', domain: null, kind: 'individual' },
  { key: 'tom-becker', name: 'Tom Becker', domain: null, kind: 'individual' },
  { key: 'zoe-mueller', name: 'Zoë Müller', domain: null, kind: 'individual' },
  { key: 'chidi-okafor', name: 'Chidi Okafor', domain: null, kind: 'individual' },
  { key: 'maria-fernandez', name: 'María José Fernández', domain: null, kind: 'individual' },
  { key: 'wang-fang', name: '王芳', domain: null, kind: 'individual' },
  { key: 'sophie-laurent', name: 'Sophie Laurent', domain: null, kind: 'individual' },
  { key: 'mateo-rossi', name: 'Mateo Rossi', domain: null, kind: 'individual' },
];

/** The id of a catalogue organisation. */
export function organisationId(key: string): string {
  const spec = ORGANISATIONS.find((o) => o.key === key);
  if (!spec) throw new Error(`unknown organisation ${key}`);
  return spec.id ?? isometricId('org', key);
}

export interface StripeSpec {
  creditPrice: string;
  verificationPrice: string;
  currency: string;
}

export interface SupplierSpec {
  key: string;
  id?: string;
  /** Key of the supplier's organisation in ORGANISATIONS. */
  organisation: string;
  shortDescription: string | null;
  longDescription: string | null;
  location: Location | null;
  /** Stripe Connect set-up; `null` for a supplier that has none (`GET /stripe/configuration` is 404). */
  stripe: StripeSpec | null;
}

export const SUPPLIERS: readonly SupplierSpec[] = [
  {
    key: 'carbonwerk',
    id: SAMPLE_IDS.supplier,
    organisation: 'carbonwerk',
    shortDescription: 'Biochar from forestry and sawmill residues, made in the Lausitz and worked into farmland in Brandenburg.',
    longDescription:
      'Carbonwerk Lausitz turns residues from sustainably managed pine forests and regional sawmills into biochar in two continuous pyrolysis kilns. ' +
      'The biochar is blended into compost and applied to arable soils within 80 km of the plant, where it stores carbon for centuries and improves water retention. ' +
      'Process heat supplies a district heating network in Cottbus.',
    location: { country_code: 'DEU', country_name: 'Germany', latitude: 51.7563, longitude: 14.3329 },
    stripe: { creditPrice: '120.00', verificationPrice: '15.00', currency: 'usd' },
  },
  {
    key: 'aerolith',
    organisation: 'aerolith',
    shortDescription: 'Modular direct air capture with permanent geological storage.',
    longDescription:
      'Aerolith builds solid-sorbent direct air capture modules powered by geothermal and wind energy. Captured CO₂ is compressed and injected into saline aquifers or basalt formations, where it is monitored for decades.',
    location: { country_code: 'USA', country_name: 'United States', latitude: 41.5868, longitude: -109.2029 },
    stripe: { creditPrice: '580.00', verificationPrice: '15.00', currency: 'usd' },
  },
  {
    key: 'basalt-bloom',
    organisation: 'basalt-bloom',
    shortDescription: 'Enhanced rock weathering on working farms in Scotland and East Africa.',
    longDescription:
      'Basalt & Bloom spreads finely ground basalt from local quarries on cropland. As the rock weathers, it converts CO₂ into dissolved bicarbonate that is carried to the ocean, while returning nutrients to the soil. Every field is sampled before and after spreading.',
    location: { country_code: 'GBR', country_name: 'United Kingdom', latitude: 57.4778, longitude: -4.2247 },
    stripe: { creditPrice: '310.00', verificationPrice: '15.00', currency: 'gbp' },
  },
  {
    key: 'tidewater',
    organisation: 'tidewater',
    shortDescription: 'Ocean alkalinity enhancement through existing coastal outfalls.',
    longDescription:
      'Tidewater adds mineral alkalinity to treated wastewater before it reaches the sea, raising the ocean’s capacity to take up CO₂. Sensors and water sampling along the Bay of Fundy track the added alkalinity and its effects on marine life.',
    location: { country_code: 'CAN', country_name: 'Canada', latitude: 44.6488, longitude: -63.5752 },
    stripe: { creditPrice: '395.00', verificationPrice: '15.00', currency: 'cad' },
  },
  {
    key: 'selva-viva',
    organisation: 'selva-viva',
    shortDescription: 'Restoring native Atlantic Forest on degraded pasture.',
    longDescription:
      'Selva Viva works with landowners and local nurseries to replant native species on degraded cattle pasture, reconnecting fragments of the Mata Atlântica. Planting plots are remeasured every year and monitored by satellite in between.',
    location: { country_code: 'BRA', country_name: 'Brazil', latitude: -22.9068, longitude: -43.1729 },
    stripe: { creditPrice: '45.00', verificationPrice: '15.00', currency: 'usd' },
  },
  {
    key: 'kiln-stone',
    organisation: 'kiln-stone',
    shortDescription: 'Mineralising CO₂ in alkaline mine tailings.',
    longDescription:
      'Kiln & Stone reacts concentrated CO₂ with ultramafic mine tailings in the Pilbara, locking it into stable carbonate minerals. The process reuses existing tailings storage and is verified by solid-phase sampling.',
    location: { country_code: 'AUS', country_name: 'Australia', latitude: -31.9523, longitude: 115.8613 },
    stripe: { creditPrice: '260.00', verificationPrice: '15.00', currency: 'aud' },
  },
  {
    key: 'frostline',
    organisation: 'frostline',
    shortDescription: 'Recovers and destroys end-of-life refrigerants.',
    longDescription: null,
    location: null,
    stripe: null,
  },
];

/** Ratios of the carbon-removal figures to the net removal, per supplier batch. */
export interface CarbonProfile {
  emissions: number;
  counterfactuals: number;
  losses: number;
}

export interface IssuancePlan {
  /** Date of the first issuance. */
  first: string;
  everyMonths: number;
  count: number;
  minTonnes: number;
  maxTonnes: number;
  /** Share of each issuance allocated to the buffer pool. */
  bufferShare: number;
  /** `null`: the project reports no carbon-removal data on its batches. */
  carbon: CarbonProfile | null;
}

export interface ProjectSpec {
  key: string;
  id?: string;
  name: string;
  supplier: string;
  status: ProjectStatus;
  pathway: Pathway;
  protocolSlug: string;
  processKey: string;
  /** The process code in serial numbers (`ISO-1-BCHAR-DEU-…`). */
  serialCode: string;
  countryCode: string;
  location: Location | null;
  validator: string | null;
  verifier: string | null;
  crediting: [start: string, end: string] | null;
  ccpApproved: boolean;
  /** When the project was created: `GET /suppliers/{id}/projects` lists newest first. */
  createdAt: string;
  /** Overrides the registry page url (the hostile fixture). */
  url?: string;
  issuances: IssuancePlan | null;
  documents: readonly string[];
}

const BIOCHAR = { protocolSlug: 'biochar-production-and-storage', processKey: 'biochar_soil_application', serialCode: 'BCHAR' } as const;
const WEATHERING = { protocolSlug: 'enhanced-weathering-in-agriculture', serialCode: 'EWAGR' } as const;

const VALIDATED_DOCUMENTS = [
  'Project Design Document',
  'Validation Report',
  'Monitoring Plan',
  'Life Cycle Assessment',
  'Environmental and Social Safeguards',
] as const;

export const PROJECTS: readonly ProjectSpec[] = [
  {
    key: 'lausitz',
    id: SAMPLE_IDS.project,
    name: 'Lausitz Biochar Works',
    supplier: 'carbonwerk',
    status: 'validated',
    pathway: 'biomass_carbon_removal_and_storage',
    ...BIOCHAR,
    countryCode: 'DEU',
    location: { country_code: 'DEU', country_name: 'Germany', latitude: 51.8112, longitude: 14.2489 },
    validator: 'Aster Verification GmbH',
    verifier: 'Northfield Assurance Ltd',
    crediting: ['2024-01-01', '2028-12-31'],
    ccpApproved: true,
    createdAt: '2023-06-12T09:14:00Z',
    issuances: { first: '2024-04-20', everyMonths: 3, count: 9, minTonnes: 500, maxTonnes: 1400, bufferShare: 0.03, carbon: { emissions: 0.11, counterfactuals: 0.02, losses: 0.04 } },
    documents: [...VALIDATED_DOCUMENTS, 'Verification Report Q4 2025', 'Biochar Permanence Assessment'],
  },
  {
    key: 'emsland',
    name: 'Emsland Biochar Kiln 2',
    supplier: 'carbonwerk',
    status: 'validated',
    pathway: 'biomass_carbon_removal_and_storage',
    ...BIOCHAR,
    countryCode: 'DEU',
    location: { country_code: 'DEU', country_name: 'Germany', latitude: 52.7739, longitude: 7.3529 },
    validator: 'Aster Verification GmbH',
    verifier: 'Clearstone Verification Services',
    crediting: ['2025-01-01', '2029-12-31'],
    ccpApproved: true,
    createdAt: '2024-07-03T13:40:00Z',
    issuances: { first: '2025-02-15', everyMonths: 3, count: 6, minTonnes: 250, maxTonnes: 800, bufferShare: 0.03, carbon: { emissions: 0.13, counterfactuals: 0.02, losses: 0.05 } },
    documents: ['Project Design Document', 'Validation Report', 'Monitoring Plan'],
  },
  {
    key: 'pomerania',
    name: 'Pomerania Bio-oil Injection',
    supplier: 'carbonwerk',
    status: 'under_validation',
    pathway: 'biomass_carbon_removal_and_storage',
    protocolSlug: 'bio-oil-geological-storage',
    processKey: 'bio_oil_injection',
    serialCode: 'BIOIL',
    countryCode: 'POL',
    location: { country_code: 'POL', country_name: 'Poland', latitude: 54.1757, longitude: 15.5831 },
    validator: 'Meridian Climate Audits LLP',
    verifier: null,
    crediting: null,
    ccpApproved: false,
    createdAt: '2025-09-01T08:00:00Z',
    issuances: null,
    documents: ['Project Design Document (draft for validation)'],
  },
  {
    key: 'helios',
    name: 'Project Helios DAC',
    supplier: 'aerolith',
    status: 'validated',
    pathway: 'direct_air_capture',
    protocolSlug: 'direct-air-capture',
    processKey: 'dac_geological_storage',
    serialCode: 'DACCS',
    countryCode: 'USA',
    location: { country_code: 'USA', country_name: 'United States', latitude: 41.6221, longitude: -109.1682 },
    validator: 'Northfield Assurance Ltd',
    verifier: 'Meridian Climate Audits LLP',
    crediting: ['2024-07-01', '2034-06-30'],
    ccpApproved: false,
    createdAt: '2023-11-20T17:05:00Z',
    issuances: { first: '2024-09-30', everyMonths: 3, count: 7, minTonnes: 30, maxTonnes: 160, bufferShare: 0.02, carbon: { emissions: 0.18, counterfactuals: 0, losses: 0.01 } },
    documents: [...VALIDATED_DOCUMENTS, 'Storage Site Characterisation'],
  },
  {
    key: 'reykjanes',
    name: 'Reykjanes Direct Air Capture Hub',
    supplier: 'aerolith',
    status: 'validated',
    pathway: 'direct_air_capture',
    protocolSlug: 'direct-air-capture',
    processKey: 'dac_mineral_storage',
    serialCode: 'DACMS',
    countryCode: 'ISL',
    location: { country_code: 'ISL', country_name: 'Iceland', latitude: 63.8792, longitude: -22.4486 },
    validator: 'Tandem Earth Auditors',
    verifier: 'Northfield Assurance Ltd',
    crediting: ['2025-04-01', '2035-03-31'],
    ccpApproved: false,
    createdAt: '2024-10-10T10:10:00Z',
    issuances: { first: '2025-06-30', everyMonths: 3, count: 5, minTonnes: 15, maxTonnes: 90, bufferShare: 0.02, carbon: { emissions: 0.09, counterfactuals: 0, losses: 0.01 } },
    documents: ['Project Design Document', 'Validation Report'],
  },
  {
    key: 'highlands',
    name: 'Highlands Basalt Spreading',
    supplier: 'basalt-bloom',
    status: 'validated',
    pathway: 'enhanced_weathering',
    ...WEATHERING,
    processKey: 'ew_basalt_cropland',
    countryCode: 'GBR',
    location: { country_code: 'GBR', country_name: 'United Kingdom', latitude: 57.3017, longitude: -4.4521 },
    validator: 'Clearstone Verification Services',
    verifier: 'Aster Verification GmbH',
    crediting: ['2024-03-01', '2029-02-28'],
    ccpApproved: true,
    createdAt: '2023-03-15T11:30:00Z',
    issuances: { first: '2024-05-31', everyMonths: 6, count: 5, minTonnes: 900, maxTonnes: 3000, bufferShare: 0.1, carbon: { emissions: 0.08, counterfactuals: 0.05, losses: 0.12 } },
    documents: [...VALIDATED_DOCUMENTS, 'Soil Sampling Protocol'],
  },
  {
    key: 'rift',
    name: 'Rift Valley Rock Weathering',
    supplier: 'basalt-bloom',
    status: 'validated',
    pathway: 'enhanced_weathering',
    ...WEATHERING,
    processKey: 'ew_basalt_smallholder',
    countryCode: 'KEN',
    location: { country_code: 'KEN', country_name: 'Kenya', latitude: -0.3031, longitude: 36.08 },
    validator: 'Tandem Earth Auditors',
    verifier: 'Clearstone Verification Services',
    crediting: ['2025-01-01', '2029-12-31'],
    ccpApproved: true,
    createdAt: '2024-05-22T06:45:00Z',
    issuances: { first: '2025-03-31', everyMonths: 4, count: 4, minTonnes: 600, maxTonnes: 2000, bufferShare: 0.1, carbon: { emissions: 0.07, counterfactuals: 0.06, losses: 0.1 } },
    documents: ['Project Design Document', 'Validation Report', 'Community Benefit-Sharing Agreement'],
  },
  {
    key: 'mato-grosso',
    name: 'Mato Grosso Wollastonite Trial',
    supplier: 'basalt-bloom',
    status: 'validation_unsuccessful',
    pathway: 'enhanced_weathering',
    ...WEATHERING,
    processKey: 'ew_wollastonite_cropland',
    countryCode: 'BRA',
    location: { country_code: 'BRA', country_name: 'Brazil', latitude: -12.9817, longitude: -55.9196 },
    validator: 'Meridian Climate Audits LLP',
    verifier: null,
    crediting: null,
    ccpApproved: false,
    createdAt: '2024-02-08T14:20:00Z',
    issuances: null,
    documents: ['Project Design Document', 'Validation Findings'],
  },
  {
    key: 'fundy',
    id: SAMPLE_IDS.projectWithDocuments,
    name: 'Bay of Fundy Ocean Alkalinity Enhancement',
    supplier: 'tidewater',
    status: 'validated',
    pathway: 'marine',
    protocolSlug: 'ocean-alkalinity-enhancement',
    processKey: 'oae_coastal_outfall',
    serialCode: 'OAECO',
    countryCode: 'CAN',
    location: { country_code: 'CAN', country_name: 'Canada', latitude: 45.2733, longitude: -66.0633 },
    validator: 'Northfield Assurance Ltd',
    verifier: 'Tandem Earth Auditors',
    crediting: ['2024-09-01', '2029-08-31'],
    ccpApproved: false,
    createdAt: '2023-09-05T15:55:00Z',
    issuances: { first: '2024-11-30', everyMonths: 3, count: 7, minTonnes: 120, maxTonnes: 650, bufferShare: 0.1, carbon: { emissions: 0.06, counterfactuals: 0.03, losses: 0.08 } },
    documents: [
      ...VALIDATED_DOCUMENTS,
      'Marine Environmental Impact Assessment',
      'Ocean Model Uncertainty Analysis',
      'Verification Report Q1 2025',
      'Verification Report Q2 2025',
      'Verification Report Q3 2025',
      'Verification Report Q4 2025',
      'Water Sampling Data Summary',
    ],
  },
  {
    key: 'sargasso',
    name: 'Sargasso Kelp Sinking Pilot',
    supplier: 'tidewater',
    status: 'draft',
    pathway: 'marine',
    protocolSlug: 'macroalgae-sinking',
    processKey: 'macroalgae_deep_ocean_sinking',
    serialCode: 'MACRO',
    countryCode: 'BMU',
    location: null,
    validator: null,
    verifier: null,
    crediting: null,
    ccpApproved: false,
    createdAt: '2026-02-14T12:00:00Z',
    issuances: null,
    documents: [],
  },
  {
    key: 'mata-atlantica',
    name: 'Mata Atlântica Restoration Corridor',
    supplier: 'selva-viva',
    status: 'validated',
    pathway: 'reforestation',
    protocolSlug: 'reforestation',
    processKey: 'native_species_reforestation',
    serialCode: 'REFOR',
    countryCode: 'BRA',
    location: { country_code: 'BRA', country_name: 'Brazil', latitude: -22.5512, longitude: -42.6981 },
    validator: 'Clearstone Verification Services',
    verifier: 'Meridian Climate Audits LLP',
    crediting: ['2023-01-01', '2062-12-31'],
    ccpApproved: true,
    createdAt: '2022-11-14T18:25:00Z',
    issuances: { first: '2024-06-28', everyMonths: 6, count: 5, minTonnes: 3000, maxTonnes: 9000, bufferShare: 0.2, carbon: { emissions: 0.03, counterfactuals: 0.15, losses: 0.05 } },
    documents: [...VALIDATED_DOCUMENTS, 'Biodiversity Baseline Survey', 'Wildfire Reversal Report 2025'],
  },
  {
    key: 'cerrado',
    name: 'Cerrado Native Forest Corridors',
    supplier: 'selva-viva',
    status: 'cancelled',
    pathway: 'reforestation',
    protocolSlug: 'reforestation',
    processKey: 'native_species_reforestation',
    serialCode: 'REFOR',
    countryCode: 'BRA',
    location: { country_code: 'BRA', country_name: 'Brazil', latitude: -15.7939, longitude: -47.8828 },
    validator: 'Clearstone Verification Services',
    verifier: null,
    crediting: null,
    ccpApproved: false,
    createdAt: '2023-08-30T09:00:00Z',
    issuances: null,
    documents: ['Project Design Document'],
  },
  {
    key: 'pilbara',
    name: 'Pilbara Tailings Mineralisation',
    supplier: 'kiln-stone',
    status: 'validated',
    pathway: 'carbon_mineralization',
    protocolSlug: 'carbon-mineralization-of-alkaline-tailings',
    processKey: 'mineralization_mine_tailings',
    serialCode: 'MINRL',
    countryCode: 'AUS',
    location: { country_code: 'AUS', country_name: 'Australia', latitude: -21.1922, longitude: 118.7025 },
    validator: 'Meridian Climate Audits LLP',
    verifier: 'Aster Verification GmbH',
    crediting: ['2024-06-01', '2034-05-31'],
    ccpApproved: false,
    createdAt: '2023-12-01T02:30:00Z',
    issuances: { first: '2024-08-31', everyMonths: 3, count: 8, minTonnes: 300, maxTonnes: 950, bufferShare: 0.02, carbon: { emissions: 0.14, counterfactuals: 0, losses: 0.02 } },
    documents: [...VALIDATED_DOCUMENTS],
  },
  {
    key: 'hajar',
    name: 'Hajar Peridotite Carbon Storage',
    supplier: 'kiln-stone',
    status: 'preview',
    pathway: 'carbon_mineralization',
    protocolSlug: 'in-situ-carbon-mineralization',
    processKey: 'mineralization_in_situ_peridotite',
    serialCode: 'INSIT',
    countryCode: 'OMN',
    location: { country_code: 'OMN', country_name: 'Oman', latitude: 23.1022, longitude: 57.6014 },
    validator: null,
    verifier: null,
    crediting: null,
    ccpApproved: false,
    createdAt: '2025-11-18T07:00:00Z',
    issuances: null,
    documents: ['Project Concept Note'],
  },
  {
    key: 'great-lakes',
    id: SAMPLE_IDS.destructionProject,
    name: 'Great Lakes Refrigerant Destruction',
    supplier: 'frostline',
    status: 'validated',
    pathway: 'superpollutants',
    protocolSlug: 'refrigerant-destruction',
    processKey: 'hfc_refrigerant_destruction',
    serialCode: 'HFCDS',
    countryCode: 'USA',
    location: { country_code: 'USA', country_name: 'United States', latitude: 41.8781, longitude: -87.6298 },
    validator: 'Tandem Earth Auditors',
    verifier: 'Northfield Assurance Ltd',
    crediting: ['2024-05-01', '2031-04-30'],
    ccpApproved: false,
    createdAt: '2024-01-17T16:00:00Z',
    // Destruction is not reversible: no buffer pool and no per-batch removal data.
    issuances: { first: '2024-07-31', everyMonths: 3, count: 8, minTonnes: 1500, maxTonnes: 5000, bufferShare: 0, carbon: null },
    documents: ['Project Design Document', 'Validation Report', 'Chain of Custody Procedure'],
  },
  {
    key: 'hostile',
    id: SAMPLE_IDS.hostileProject,
    name: '<img src=x onerror=alert(1)> Test Kiln',
    supplier: 'kiln-stone',
    status: 'preview',
    pathway: 'biomass_carbon_removal_and_storage',
    ...BIOCHAR,
    countryCode: 'AUS',
    location: { country_code: 'AUS', country_name: 'Australia', latitude: -33.8688, longitude: 151.2093 },
    validator: null,
    verifier: null,
    crediting: null,
    ccpApproved: false,
    createdAt: '2025-12-24T23:59:00Z',
    url: 'javascript:alert(1)',
    issuances: null,
    documents: [],
  },
];

export interface OrderSpec {
  buyer: string;
  supplier: string;
  id?: string;
  /** Fixed contract date; otherwise drawn at random. */
  contractDate?: string;
}

export const ORDERS: readonly OrderSpec[] = [
  { buyer: 'northwind', supplier: 'carbonwerk', id: SAMPLE_IDS.order, contractDate: '2024-05-15' },
  { buyer: 'northwind', supplier: 'basalt-bloom', contractDate: '2024-06-03' },
  { buyer: 'northwind', supplier: 'frostline', contractDate: '2024-08-20' },
  { buyer: 'northwind', supplier: 'selva-viva' },
  { buyer: 'northwind', supplier: 'aerolith' },
  { buyer: 'northwind', supplier: 'carbonwerk' },
  { buyer: 'contoso', supplier: 'kiln-stone', contractDate: '2024-09-01' },
  { buyer: 'contoso', supplier: 'aerolith' },
  { buyer: 'contoso', supplier: 'tidewater' },
  { buyer: 'globex', supplier: 'frostline' },
  { buyer: 'globex', supplier: 'selva-viva' },
  { buyer: 'initech', supplier: 'basalt-bloom' },
  { buyer: 'acme', supplier: 'kiln-stone' },
  { buyer: 'acme', supplier: 'carbonwerk' },
  { buyer: 'hooli', supplier: 'aerolith' },
  { buyer: 'hooli', supplier: 'tidewater' },
  { buyer: 'vandelay', supplier: 'selva-viva' },
  { buyer: 'massive-dynamic', supplier: 'aerolith' },
  { buyer: 'massive-dynamic', supplier: 'basalt-bloom' },
  { buyer: 'stuebbe', supplier: 'carbonwerk' },
  { buyer: 'mirai', supplier: 'kiln-stone', contractDate: '2024-10-07' },
  { buyer: 'mirai', supplier: 'frostline' },
  { buyer: 'al-waha', supplier: 'frostline', contractDate: '2024-09-16' },
  { buyer: 'carbonfolio', supplier: 'carbonwerk', contractDate: '2024-05-02' },
  { buyer: 'carbonfolio', supplier: 'basalt-bloom' },
  { buyer: 'carbonfolio', supplier: 'tidewater', contractDate: '2025-01-20' },
  { buyer: 'carbonfolio', supplier: 'selva-viva' },
  { buyer: 'carbonfolio', supplier: 'kiln-stone' },
];

/** Tonnes per order, by supplier: direct air capture sells little, forests a lot. */
export const ORDER_TONNES: Readonly<Record<string, [min: number, max: number]>> = {
  carbonwerk: [250, 1200],
  aerolith: [20, 120],
  'basalt-bloom': [300, 2200],
  tidewater: [60, 400],
  'selva-viva': [1000, 5000],
  'kiln-stone': [120, 800],
  frostline: [600, 4000],
};

export type NoteLanguage = 'en' | 'de' | 'ja' | 'ar';

export interface RetirementOwnerSpec {
  organisation: string;
  /** Relative share of the seeded retirements. */
  weight: number;
  /** Who the owner retires for: itself (and subsidiaries), or customers. */
  beneficiaries: 'self' | 'customers';
  purposes: readonly RetirementPurpose[];
  language?: NoteLanguage;
  tonnes: [min: number, max: number];
}

export const RETIREMENT_OWNERS: readonly RetirementOwnerSpec[] = [
  { organisation: 'northwind', weight: 20, beneficiaries: 'self', purposes: ['corporate_targets', 'public_environmental_claims', 'insetting'], tonnes: [5, 250] },
  { organisation: 'carbonfolio', weight: 24, beneficiaries: 'customers', purposes: ['public_environmental_claims', 'other', 'corporate_targets'], tonnes: [0.1, 25] },
  { organisation: 'carbonwerk', weight: 18, beneficiaries: 'customers', purposes: ['public_environmental_claims', 'other'], tonnes: [0.05, 12] },
  { organisation: 'contoso', weight: 7, beneficiaries: 'self', purposes: ['corporate_targets', 'public_environmental_claims'], tonnes: [2, 120] },
  { organisation: 'globex', weight: 5, beneficiaries: 'self', purposes: ['corporate_targets', 'insetting'], tonnes: [10, 400] },
  { organisation: 'hooli', weight: 4, beneficiaries: 'self', purposes: ['public_environmental_claims', 'corporate_targets'], tonnes: [1, 40] },
  { organisation: 'initech', weight: 3, beneficiaries: 'self', purposes: ['corporate_targets'], tonnes: [5, 150] },
  { organisation: 'acme', weight: 4, beneficiaries: 'self', purposes: ['corporate_targets', 'regulatory_requirement'], tonnes: [5, 120] },
  { organisation: 'vandelay', weight: 3, beneficiaries: 'self', purposes: ['corporate_targets', 'other'], tonnes: [20, 300] },
  { organisation: 'massive-dynamic', weight: 3, beneficiaries: 'self', purposes: ['corporate_targets', 'public_environmental_claims'], tonnes: [2, 60] },
  { organisation: 'stuebbe', weight: 3, beneficiaries: 'self', purposes: ['insetting', 'corporate_targets'], language: 'de', tonnes: [5, 90] },
  { organisation: 'mirai', weight: 3, beneficiaries: 'self', purposes: ['regulatory_requirement', 'corporate_targets'], language: 'ja', tonnes: [3, 80] },
  { organisation: 'al-waha', weight: 2, beneficiaries: 'self', purposes: ['regulatory_requirement', 'public_environmental_claims'], language: 'ar', tonnes: [10, 200] },
  { organisation: 'northwind-cargo', weight: 1, beneficiaries: 'self', purposes: ['insetting'], tonnes: [2, 40] },
  { organisation: 'contoso-europe', weight: 1, beneficiaries: 'self', purposes: ['corporate_targets'], tonnes: [1, 30] },
];

/** Subsidiaries a corporate sometimes retires for, and transfers credits to. */
export const SUBSIDIARIES: Readonly<Record<string, string>> = {
  northwind: 'northwind-cargo',
  contoso: 'contoso-europe',
};

/** Pairs (from, to) the seed draws its transfers from; the first one is SAMPLE_IDS.transfer. */
export const TRANSFER_PAIRS: readonly [from: string, to: string][] = [
  ['northwind', 'northwind-cargo'],
  ['contoso', 'contoso-europe'],
  ['globex', 'initech'],
  ['hooli', 'massive-dynamic'],
  ['acme', 'vandelay'],
  ['carbonfolio', 'bluebird'],
  ['northwind', 'northwind-cargo'],
  ['contoso', 'contoso-europe'],
  ['mirai', 'tanaka-design'],
  ['vandelay', 'acme'],
];

/**
 * A hostile fixture: markup in a note. It belongs to one old retirement (SAMPLE_IDS.retirementHostileNote,
 * shown on demo/hostile-data.html), never to a drawn one, so showcase pages do not meet it.
 */
export const HOSTILE_NOTE = 'Retired for <b>Project Launch</b> & "Friends" (see <a href="https://example.com">details</a>)';

/** Notes in several scripts, so widgets meet long text, right-to-left text, umlauts and emoji. */
export const RETIREMENT_NOTES: Readonly<Record<NoteLanguage, readonly string[]>> = {
  en: [
    'Offsetting residual emissions from our 2025 company offsite.',
    'Q3 2025 retirement for customer orders shipped carbon-neutral.',
    'Annual removal commitment, tranche 1 of 4.',
    'Retired on behalf of our employees for Earth Day.',
    'Neutralising business travel emissions, H2 2024.',
    'Removal credits for the spring product launch event.',
    'Part of our 2030 net-zero roadmap.',
    'Scope 1 & 2 residuals, calendar year 2024.',
    'Retired at customer checkout (order #48213).',
    'Birthday gift for my dad 🎂🌳 happy 60th!',
    '🌱 Thanks to everyone who chose carbon removal at checkout this month! 🌍',
    'Team hackathon 🚀 neutralised.',
    'Compensation des émissions résiduelles de notre café, merci à nos clients fidèles ☕',
    'Retiro de créditos para la conferencia anual en Málaga.',
    'Restauração em nome da nossa família. Obrigada!',
    '为2025年度员工差旅排放进行碳移除抵消。',
    'This retirement covers the residual Scope 1 and Scope 2 emissions of our European warehouse network for the 2025 financial year, after efficiency measures and renewable power purchase agreements, as set out in our published climate transition plan.',
    'Credits retired to meet the durable removal share of our supplier engagement programme. Volumes were checked against the monitoring reports for each reporting period, and the remaining balance will be retired in quarterly tranches until the end of 2026.',
  ],
  de: [
    'Kompensation der Restemissionen unserer Lkw-Flotte für das Geschäftsjahr 2025 – Stilllegung gemäß Nachhaltigkeitsbericht, Abschnitt „Klimaschutz“.',
    'Für unsere Kundinnen und Kunden: CO₂-Entnahme für alle Lieferungen im Frühjahr. Grüße aus Köln!',
    'Stilllegung für die Betriebsversammlung in München; Übernachtungen und Anreise einbezogen.',
  ],
  ja: [
    '2025年度の物流拠点における残余排出量の相殺のため、炭素除去クレジットを償却しました。',
    '社員研修旅行（京都）に伴う排出量のオフセット。',
    '配送車両の電動化までの移行期間における排出量の除去。',
  ],
  ar: [
    'تم سحب هذه الأرصدة لتعويض الانبعاثات المتبقية من عمليات الشركة لعام ٢٠٢٥.',
    'مساهمة في تحقيق هدف الحياد الكربوني لمؤتمرنا السنوي في دبي.',
  ],
};

export const DELIVERY_NOTES: readonly (string | null)[] = [
  'Delivered with care.',
  'Delivery under the framework agreement, tranche as scheduled.',
  'Partial delivery; the remainder follows the next issuance.',
  'Lieferung gemäß Rahmenvertrag.',
  null,
  null,
];

/** The retirements pinned in SAMPLE_IDS, placed at fixed dates among the simulated ones. */
export interface FeaturedRetirementSpec {
  id: string;
  at: string;
  owner: string;
  beneficiary: string;
  tonnes: number;
  purposes: RetirementPurpose[];
  notes: string | null;
  /** Take the credits from this many different projects (always of one supplier). */
  projects: 1 | 2;
  /** Key of the supplier to take the credits from; default the one the owner holds most of. */
  supplier?: string;
}

export const FEATURED_RETIREMENTS: readonly FeaturedRetirementSpec[] = [
  {
    id: SAMPLE_IDS.retirementArabicNote,
    at: '2025-12-03T07:45:00Z',
    owner: 'al-waha',
    beneficiary: 'al-waha',
    tonnes: 30,
    purposes: ['regulatory_requirement', 'public_environmental_claims'],
    notes: 'إزالة الكربون لتعويض انبعاثات محطة الواحة الشمسية خلال مرحلة البناء، وفق خطة الاستدامة للشركة 🌞',
    projects: 1,
  },
  {
    id: SAMPLE_IDS.retirementJapaneseNote,
    at: '2026-01-20T03:15:00Z',
    owner: 'mirai',
    beneficiary: 'mirai',
    tonnes: 12,
    purposes: ['regulatory_requirement', 'corporate_targets', 'public_environmental_claims'],
    notes: '株式会社ミライ物流は、2025年度の国内配送で発生した排出量の一部を恒久的な炭素除去で相殺しました。',
    projects: 1,
  },
  {
    id: SAMPLE_IDS.retirementLongNote,
    at: '2026-02-10T16:20:00Z',
    owner: 'contoso',
    beneficiary: 'contoso',
    tonnes: 60,
    purposes: ['corporate_targets'],
    notes:
      'Contoso retires these removal credits against the residual emissions of its 2025 data-centre operations, after efficiency upgrades and renewable supply contracts. The volume matches the gap in our sustainability report and was reviewed by our auditors.',
    projects: 1,
  },
  {
    id: SAMPLE_IDS.retirement,
    at: '2026-03-02T09:30:00Z',
    owner: 'northwind',
    beneficiary: 'northwind',
    tonnes: 85,
    purposes: ['corporate_targets', 'public_environmental_claims'],
    notes: 'FY2025 Scope 3 neutralisation, tranche 2 of 4.',
    projects: 1,
  },
  {
    id: SAMPLE_IDS.retirementTwoProjects,
    at: '2026-05-12T14:00:00Z',
    owner: 'northwind',
    beneficiary: 'northwind',
    tonnes: 140,
    purposes: ['corporate_targets'],
    notes: 'Durable removal portfolio, H1 2026: retired across two projects.',
    projects: 2,
  },
  {
    id: SAMPLE_IDS.retirementHostileNote,
    at: '2024-11-05T10:00:00Z',
    owner: 'carbonfolio',
    beneficiary: 'pixel-pine',
    tonnes: 0.5,
    purposes: ['other'],
    notes: HOSTILE_NOTE,
    projects: 1,
  },
];

/**
 * The retirement the simulator dates a few minutes before the registry starts, so a "live" feed opens
 * on something recent: a marketplace retiring for a customer (owner ≠ beneficiary).
 */
export const RECENT_RETIREMENT: FeaturedRetirementSpec & { minutesAgo: number } = {
  id: SAMPLE_IDS.recentRetirement,
  at: SEED_BASE_DATE,
  minutesAgo: 4,
  owner: 'carbonfolio',
  beneficiary: 'bluebird',
  tonnes: 2.5,
  purposes: ['public_environmental_claims'],
  notes: 'Carbon removal for every bag of beans sold this week. Thank you for roasting with us ☕',
  projects: 1,
};

/** Buffer-pool refunds: (project key, date); the first one is SAMPLE_IDS.refund. */
export const REFUNDS: readonly { project: string; at: string; notes: string }[] = [
  { project: 'highlands', at: '2025-09-15T10:00:00Z', notes: 'Buffer release after the 2024 field cohort passed its 12-month weathering re-measurement.' },
  { project: 'fundy', at: '2026-02-02T10:00:00Z', notes: 'Buffer release: downstream alkalinity monitoring confirmed the modelled uptake for Q4 2024.' },
  { project: 'lausitz', at: '2026-05-04T10:00:00Z', notes: 'Buffer release following the biochar permanence re-assessment.' },
];

/** A reversal the buffer pool compensated for, by retiring buffer credits of the project. */
export const REVERSAL = {
  project: 'mata-atlantica',
  at: '2025-10-15T12:00:00Z',
  tonnes: 450,
  notes: 'Reversal compensation: wildfire in September 2025 affected 38 ha of planted area; buffer pool credits retired to cover the lost carbon.',
} as const;
