/** The local registry: an offline stand-in for the Isometric Registry API, with seeded data. */
export { createLocalRegistry, DEFAULT_BASE_PATH, LOCAL_DEFAULTS, type LocalRegistry, type LocalRegistryOptions } from './registry.js';
export { createDataSet, SAMPLE_IDS, SEED_BASE_DATE, type RegistryDataSet, type SampleIds } from './data.js';
