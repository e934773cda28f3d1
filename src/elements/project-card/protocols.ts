import { humanize } from '../../data/format.js';

/**
 * Published titles of the Isometric protocols the kit knows, by `protocol_slug`. The API gives only
 * the slug. Titles are names of Isometric's (English) protocol documents, so they stay in English in
 * every language, the way a book keeps its title: a reader must be able to find the document the card
 * names, and a translated title would name a document that does not exist. Own keys only (`Object.hasOwn`).
 */
const PROTOCOL_TITLES: Readonly<Record<string, string>> = {
  biochar: 'Biochar Production and Storage',
  'biochar-production-and-storage': 'Biochar Production and Storage',
  'bio-oil-geological-storage': 'Bio-oil Geological Storage',
  'subsurface-biomass': 'Subsurface Biomass Carbon Removal and Storage',
  'direct-air-capture': 'Direct Air Capture',
  'enhanced-weathering-in-agriculture': 'Enhanced Weathering in Agriculture',
  'ocean-alkalinity-enhancement': 'Ocean Alkalinity Enhancement',
  'macroalgae-sinking': 'Macroalgae Sinking',
  reforestation: 'Reforestation',
  'carbon-mineralization-of-alkaline-tailings': 'Carbon Mineralization of Alkaline Tailings',
  'in-situ-carbon-mineralization': 'In-situ Carbon Mineralization',
  'refrigerant-destruction': 'Refrigerant Destruction',
};

/**
 * A readable name for a protocol slug: its published title when the kit knows it, else the slug
 * humanised the way unknown enum values are (`soil-carbon-v2` → "Soil carbon v2"): no invented
 * capitalisation, visibly derived from the slug. The card keeps the slug itself in a `title`.
 */
export function protocolName(slug: string): string {
  return Object.hasOwn(PROTOCOL_TITLES, slug) ? PROTOCOL_TITLES[slug]! : humanize(slug);
}
