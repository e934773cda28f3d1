// The short names a page may type for a token (`--iso-accent`, `--iso-surface`): each names a token of
// the contract, the shipped styles read it, and the theming documentation lists it. Names users type
// are contracts: a rename has to keep the old spelling working.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { TOKENS } from '../../src/themes/token-docs.js';
import { TOKEN_ALIASES, themeStyles } from '../../src/themes/tokens.js';

describe('theme token aliases', () => {
  test('--iso-accent and --iso-surface stay aliases of the accent and surface tokens', () => {
    assert.deepEqual(TOKEN_ALIASES, { '--iso-accent': '--iso-color-accent', '--iso-surface': '--iso-color-surface' });
    for (const target of Object.values(TOKEN_ALIASES)) assert.ok(TOKENS.some((token) => token.name === target), `${target} is a token`);
  });

  test('the styles read each alias after its long name', () => {
    const css = themeStyles.cssText;
    for (const [alias, target] of Object.entries(TOKEN_ALIASES)) assert.ok(css.includes(`var(${target},var(${alias}))`), `${alias} is read as the fallback of ${target}`);
  });

  test('the theming documentation and the token descriptions name each alias', async () => {
    const docs = await readFile(new URL('../../docs/theming.md', import.meta.url), 'utf8');
    for (const [alias, target] of Object.entries(TOKEN_ALIASES)) {
      assert.ok(docs.includes(`\`${alias}\``), `docs/theming.md names ${alias}`);
      assert.ok(TOKENS.find((token) => token.name === target)!.description.includes(alias), `the description of ${target} names ${alias}`);
    }
  });
});
