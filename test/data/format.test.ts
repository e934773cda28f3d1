import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiText, formatClaim, formatCredits, formatRelative, humanize, kgsToTonnesString, quantityKgs, safeHttpUrl, sharePercent } from '../../src/data/format.js';
import { describeIdProblem, isRegistryId } from '../../src/data/ids.js';

describe('credit formatting', () => {
  test('tonnes are exact decimal strings of integer kilograms, also past 2^53', () => {
    assert.equal(kgsToTonnesString(1n), '0.001');
    assert.equal(kgsToTonnesString(1_234_567n), '1234.567');
    assert.equal(kgsToTonnesString(-1500n), '-1.500');
    assert.equal(kgsToTonnesString(123_456_789_012_345_678_901n), '123456789012345678.901');
  });

  test('formats in the locale without float drift', () => {
    assert.equal(formatCredits(1_234_567n, 'en-US'), '1,234.567\u00a0t');
    assert.equal(formatCredits(1_234_567n, 'de-DE'), '1.234,567\u00a0t');
    assert.equal(formatCredits(100n, 'en-US', 'kg'), '100\u00a0kg');
    // 9007199254740993 kg is not representable as a double; the string path keeps every digit.
    assert.equal(formatCredits(9_007_199_254_740_993n, 'en-US'), '9,007,199,254,740.993\u00a0t');
  });

  test('claims round by magnitude and always down, with the exact figure beside them', () => {
    const cases: [bigint, string, string][] = [
      [9_999n, '9.999\u00a0t', '9.999\u00a0t'],
      [10_000n, '10\u00a0t', '10\u00a0t'],
      [948_577n, '948.5\u00a0t', '948.577\u00a0t'],
      [999_999n, '999.9\u00a0t', '999.999\u00a0t'],
      [1_974_212n, '1,974\u00a0t', '1,974.212\u00a0t'],
      [999_999_999n, '999,999\u00a0t', '999,999.999\u00a0t'],
      [1_000_000_000n, '1\u00a0Mt', '1,000,000\u00a0t'],
      [988_199_999_999n, '988.1\u00a0Mt', '988,199,999.999\u00a0t'],
      [1_299_999_999_999n, '1.2\u00a0Gt', '1,299,999,999.999\u00a0t'],
    ];
    for (const [kgs, text, exact] of cases) assert.deepEqual(formatClaim(kgs, 'en-US'), { text, exact, rounded: text !== exact }, String(kgs));
    assert.equal(formatClaim(988_199_999_999n, 'de-DE').text, '988,1\u00a0Mt');
    // Kilograms stay exact.
    assert.deepEqual(formatClaim(1_974_212n, 'en-US', 'kg'), { text: '1,974,212\u00a0kg', exact: '1,974,212\u00a0kg', rounded: false });
  });

  test('reads credit_kgs first, credits as a fallback, and nothing unreadable', () => {
    assert.equal(quantityKgs({ credits: 1.5, credit_kgs: 1500 }), 1500n);
    assert.equal(quantityKgs({ credits: 0.3 } as never), 300n);
    assert.equal(quantityKgs({ credits: Number.POSITIVE_INFINITY, credit_kgs: Number.POSITIVE_INFINITY }), 0n);
    assert.equal(quantityKgs(null), 0n);
  });

  test('shares are tenths of a percent and undefined for an empty whole', () => {
    assert.equal(sharePercent(1n, 3n), 33.3);
    assert.equal(sharePercent(5n, 0n), undefined);
  });
});

describe('text from the API', () => {
  test('only absolute http(s) links are followed', () => {
    assert.equal(safeHttpUrl('https://registry.isometric.com/p/1'), 'https://registry.isometric.com/p/1');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', '//evil.example/x', 'JaVaScRiPt:alert(1)', 42, null]) {
      assert.equal(safeHttpUrl(bad), undefined, String(bad));
    }
  });

  test('apiText lets only non-empty strings through', () => {
    assert.equal(apiText('Kiln'), 'Kiln');
    assert.equal(apiText(''), undefined);
    assert.equal(apiText({ _$litType$: 1 }), undefined);
  });

  test('unknown enum values get a readable label', () => {
    assert.equal(humanize('ocean_alkalinity_boost'), 'Ocean alkalinity boost');
  });

  test('relative dates use Intl.RelativeTimeFormat in the locale', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    assert.equal(formatRelative('2026-11-23T12:00:00Z', 'en', now), '3 days ago');
    assert.equal(formatRelative('2026-11-23T12:00:00Z', 'de', now), 'vor 3 Tagen');
  });
});

describe('ids', () => {
  test('match prefix, alphabet and length', () => {
    assert.equal(isRegistryId('project', 'prj_1CTWZQGKE1S0VAXA'), true);
    assert.equal(isRegistryId('project', 'org_1CTWZQGKE1S0VAXA'), false);
    assert.equal(isRegistryId('project', 'prj_1ctwzqgke1s0vaxa'), false);
    assert.equal(isRegistryId('project', 'prj_1CTW'), false);
    assert.equal(isRegistryId('project', `prj_${'A'.repeat(34)}`), false);
  });

  test('problems name the attribute for the console and carry parameters for translation', () => {
    assert.equal(describeIdProblem('project-id', 'project', 'prj_1CTWZQGKE1S0VAXA'), undefined);
    assert.deepEqual(describeIdProblem('project-id', 'project', ' '), {
      code: 'required',
      params: { attribute: 'project-id' },
      message: 'The "project-id" attribute is required.',
    });
    assert.equal(describeIdProblem('project-id', 'project', 'x')?.code, 'invalid-id');
  });
});
