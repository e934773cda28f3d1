import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fillTemplate } from '../../src/shared/template.js';

describe('fillTemplate', () => {
  test('fills named parameters, numbers too, and leaves unknown ones as written', () => {
    assert.equal(fillTemplate('From {min} to {max}.', { min: '1 t', max: 5 }), 'From 1 t to 5.');
    assert.equal(fillTemplate('{a}{a} {b}', { a: 'x' }), 'xx {b}');
    assert.equal(fillTemplate('no parameters', { a: 'x' }), 'no parameters');
  });

  test('does not read inherited properties or treat replacement patterns specially', () => {
    assert.equal(fillTemplate('{toString} {constructor}', {}), '{toString} {constructor}');
    assert.equal(fillTemplate('{v}', { v: '$& $1 $$' }), '$& $1 $$');
  });
});
