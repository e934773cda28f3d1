import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

// The arrows of the layout (docs/contributing.md): elements → data → shared; proxy and local registry
// → server → shared. Each folder names what it may not import; src/generated (written by tools) and
// src/shared's tests are outside these rules. Paths are matched as written: no folder below src/proxy,
// src/server or src/local-registry is named like a top-level folder of src/, so `../` depth is enough.
const STYLE_MAP = {
  name: 'lit/directives/style-map.js',
  message: 'styleMap writes a style attribute, which a strict CSP blocks. Use styleProps() from src/elements/shared/style-props.js.',
};
const NODE = { regex: '^node:', message: 'Node APIs are server-side: browser and shared code must run in a page and at the edge.' };
const SERVER_SIDE = { regex: '^\\.\\.?/(\\.\\./)*(proxy|server|local-registry)/', message: 'Browser code may not import server code (src/proxy, src/server, src/local-registry).' };
const BROWSER_SIDE = { regex: '^\\.\\.?/(\\.\\./)*(elements|data|i18n|events|themes)/', message: 'Server code may not import browser code (src/elements, src/data, src/i18n, src/events, src/themes).' };
const LIT = { regex: '^(lit|@lit/)', message: 'Lit is for elements: server and shared code render no DOM.' };
const boundary = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: [STYLE_MAP], patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/registry-schema.ts', 'custom-elements.json', '.cache/', '.tmp/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/elements/**/*.ts', 'src/data/**/*.ts', 'src/index.ts', 'src/autoloader.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/elements/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [STYLE_MAP] }],
    },
  },
  boundary(['src/elements/**/*.ts', 'src/events/**/*.ts', 'src/i18n/**/*.ts', 'src/themes/**/*.ts', 'src/*.ts'], NODE, SERVER_SIDE),
  boundary(['src/data/**/*.ts'], NODE, SERVER_SIDE, { regex: '^(\\.\\./)+elements/', message: 'The data layer may not import elements: elements → data → shared.' }),
  boundary(['src/shared/**/*.ts'], NODE, LIT, { regex: '^\\.\\./', message: 'src/shared imports nothing outside itself: both sides use it.' }),
  boundary(['src/server/**/*.ts'], LIT, BROWSER_SIDE, { regex: '^(\\.\\./)+(proxy|local-registry)/', message: 'src/server is below the proxy and the local registry: it may not import them.' }),
  boundary(['src/proxy/**/*.ts'], LIT, BROWSER_SIDE, { regex: '^(\\.\\./)+local-registry/', message: 'The proxy may not import the local registry: it only knows the upstream by URL.' }),
  boundary(['src/local-registry/**/*.ts'], LIT, BROWSER_SIDE, { regex: '^(\\.\\./)+proxy/', message: 'The local registry may not import the proxy: shared HTTP helpers live in src/server.' }),
);
