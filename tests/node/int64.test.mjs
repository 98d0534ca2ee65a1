// The page's integer formatting, which replaces toLocaleString('en-US')
// because that call is slow the first time in a page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatInteger } from '../../web/int64.js';

test('formatInteger matches toLocaleString en-US', () => {
  const values = [0n, 9223372036854775807n, -9223372036854775808n];
  for (let digits = 1; digits <= 20; digits += 1) {
    const nines = 10n ** BigInt(digits) - 1n;
    values.push(nines, -nines, nines + 1n, 10n ** BigInt(digits) / 3n);
  }
  for (const value of values) {
    assert.equal(formatInteger(value), value.toLocaleString('en-US'), String(value));
  }
});
