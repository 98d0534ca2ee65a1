// The page's integer formatting, which replaces toLocaleString('en-US')
// because that call is slow the first time in a page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatInteger, int64TextToJsonToken } from '../../web/int64.js';

test('int64 field text becomes the JSON token a reader reads exactly', () => {
  const rows = [
    ['', undefined],
    ['   ', undefined],
    ['250000', '250000'],
    [' 250000\t', '250000'],
    ['2e5', '2e5'],
    ['9007199254740991', '9007199254740991'],
    ['9007199254740993', '"9007199254740993"'],
    ['-9007199254740993', '"-9007199254740993"'],
    ['99999999999999999999', '"99999999999999999999"'],
    ['12a', '"12a"'],
    ['"5"', '"\\"5\\""'],
  ];
  for (const [text, token] of rows) {
    assert.equal(int64TextToJsonToken(text), token, JSON.stringify(text));
  }
});

test('formatInteger matches toLocaleString en-US', () => {
  const values = [0n, 9223372036854775807n, -9223372036854775808n];
  for (let digits = 1; digits <= 20; digits += 1) {
    const nines = 10n ** BigInt(digits) - 1n;
    values.push(nines, -nines, nines + 1n, 10n ** BigInt(digits) / 3n);
  }
  for (const value of values) {
    assert.equal(
      formatInteger(value),
      value.toLocaleString('en-US'),
      String(value),
    );
  }
});
