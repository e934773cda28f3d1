import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
// @ts-expect-error: a plain-JS build script without type declarations.
import { browserFacingSpec, outputUrl, renderTypes, specUrl } from '../../scripts/generate-types.js';
// @ts-expect-error: a plain-JS build script without type declarations.
import { countryCodeTable } from '../../scripts/generate-countries.js';

test('src/generated/registry-schema.ts is what `npm run generate` produces from the spec', async () => {
  const committed = await readFile(outputUrl, 'utf8');
  assert.equal(committed, await renderTypes(), 'stale: run `npm run generate` and commit the result');
});

test('src/generated/countries.ts is what `npm run generate:countries` produces, and holds the codes the registry uses', async () => {
  const { default: { codes: COUNTRY_CODES } } = await import('../../src/generated/countries.js');
  assert.equal(COUNTRY_CODES, countryCodeTable(), 'stale: run `npm run generate:countries` and commit the result');
  const table = new Map<string, string>();
  for (let i = 0; i < COUNTRY_CODES.length; i += 5) table.set(COUNTRY_CODES.slice(i, i + 3), COUNTRY_CODES.slice(i + 3, i + 5));
  assert.equal(table.size, COUNTRY_CODES.length / 5, 'one entry per alpha-3 code');
  for (const [alpha3, alpha2] of [['GBR', 'GB'], ['DEU', 'DE'], ['USA', 'US'], ['AUT', 'AT'], ['KEN', 'KE'], ['CHE', 'CH']] as const) assert.equal(table.get(alpha3), alpha2, alpha3);
  for (const alpha2 of table.values()) assert.notEqual(new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(alpha2), undefined, `Intl has no name for ${alpha2}`);
});

const sharedSpec = new URL('../../../shared/openapi/isometric-registry-v0.json', import.meta.url);

// The shared contract sits beside the repository on the team's machines and in CI; a lone clone has none.
test('the spec copy in openapi/ matches the shared contract', { skip: existsSync(sharedSpec) ? false : 'no ../shared beside this repository' }, async () => {
  assert.deepEqual(JSON.parse(await readFile(specUrl, 'utf8')), JSON.parse(await readFile(sharedSpec, 'utf8')));
});

test('the browser-facing spec demands no client secret or bearer token', async () => {
  const spec = JSON.parse(await readFile(specUrl, 'utf8'));
  const browser = browserFacingSpec(spec);
  let operations = 0;
  for (const item of Object.values(browser.paths) as Record<string, { parameters?: { in: string; name: string }[]; security?: unknown }>[]) {
    for (const operation of Object.values(item)) {
      operations += 1;
      assert.equal(operation.security, undefined);
      assert.ok(!(operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'x-client-secret'));
    }
  }
  assert.equal(operations, 41);
  // The original keeps its header: the transform works on a copy.
  assert.ok(JSON.stringify(spec).includes('x-client-secret'));
});
