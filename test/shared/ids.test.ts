import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exampleId, hasIdPrefix, ID_PREFIXES, isRegistryId, type IdKind } from '../../src/shared/ids.js';

describe('shared ids', () => {
  test('an id is its kind\u2019s prefix, an underscore and 16\u201333 upper-case alphanumerics', () => {
    assert.equal(isRegistryId('project', 'prj_1CTWZQGKE1S0VAXA'), true);
    assert.equal(isRegistryId('project', `prj_${'A'.repeat(33)}`), true);
    assert.equal(isRegistryId('project', `prj_${'A'.repeat(34)}`), false);
    assert.equal(isRegistryId('project', `prj_${'A'.repeat(15)}`), false);
    assert.equal(isRegistryId('project', 'org_1CTWZQGKE1S0VAXA'), false);
    assert.equal(isRegistryId('project', 'prj_1ctwzqgke1s0vaxa'), false);
    assert.equal(isRegistryId('project', 'prj-1CTWZQGKE1S0VAXA'), false);
    assert.equal(isRegistryId('project', 'prj_1CTWZQGKE1S0VAXA\n'), false);
    assert.equal(isRegistryId('project', ' prj_1CTWZQGKE1S0VAXA'), false);
    assert.equal(isRegistryId('project', 42), false);
    assert.equal(isRegistryId('project', null), false);
  });

  test('the proxy\u2019s check by prefix agrees with the check by kind, for every kind', () => {
    for (const [kind, prefix] of Object.entries(ID_PREFIXES) as [IdKind, (typeof ID_PREFIXES)[IdKind]][]) {
      const id = exampleId(prefix);
      assert.equal(id, `${prefix}_1CTWZQGKE1S0VAXA`);
      assert.equal(isRegistryId(kind, id), true, kind);
      assert.equal(hasIdPrefix(prefix, id), true, kind);
      // The proxy's former rule, written out: ^prefix_[0-9A-Z]{16,33}$.
      const proxyRule = new RegExp(`^${prefix}_[0-9A-Z]{16,33}$`);
      for (const value of [id, `${prefix}_`, `${prefix}_${'9'.repeat(16)}`, `${prefix}_${'9'.repeat(34)}`, `${prefix}_ABC/DEF1234567890`, `x${id}`]) {
        assert.equal(hasIdPrefix(prefix, value), proxyRule.test(value), value);
      }
    }
  });

  test('prefixes are three lower-case letters and distinct', () => {
    const prefixes = Object.values(ID_PREFIXES);
    for (const prefix of prefixes) assert.match(prefix, /^[a-z]{3}$/);
    assert.equal(new Set(prefixes).size, prefixes.length);
  });
});
