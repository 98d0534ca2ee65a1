// The page's integer formatting, which replaces toLocaleString('en-US')
// because that call is slow the first time in a page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

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
    ['9007199254740993.0', '"9007199254740993"'],
    ['9007199254740993e0', '"9007199254740993"'],
    ['90071992547409930e-1', '"9007199254740993"'],
    ['-0.9007199254740993e16', '"-9007199254740993"'],
    ['9007199254740993.5', '9007199254740993.5'],
    ['1.5e1', '1.5e1'],
    ['0.0e5', '0.0e5'],
    ['1e400', '1e400'],
    ['12a', '"12a"'],
    // Thousands or a fraction: as a string, the validator offers both.
    ['20.000', '"20.000"'],
    ['-250.500', '"-250.500"'],
    ['1.000.000', '"1.000.000"'],
    ['1.0000', '1.0000'],
    ['0.500', '0.500'],
    ['0.000', '0.000'],
    ['1234.000', '1234.000'],
    // A value typed with the quotes a hint writes it in is that string.
    ['"200000"', '"200000"'],
    [' "12a" ', '"12a"'],
    ['"2\\u00300"', '"200"'],
    ['"5', '"\\"5"'],
    ['"5" "6"', '"\\"5\\" \\"6\\""'],
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

// However a whole number is spelled as a JSON number, one beyond 2^53 is
// written as its exact digits, and a safe one is left as typed.
test('whole numbers in any spelling keep their value', () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }),
      fc.integer({ min: 0, max: 5 }),
      fc.constantFrom('plain', 'fraction', 'exponent', 'scaled'),
      (value, shift, spelling) => {
        const digits = (value < 0n ? -value : value).toString();
        const sign = value < 0n ? '-' : '';
        const text = {
          plain: `${sign}${digits}`,
          fraction: `${sign}${digits}.${'0'.repeat(shift + 1)}`,
          // Zeros after a 0 would be leading zeros, which JSON forbids.
          exponent: `${sign}${digits}${value === 0n ? '' : '0'.repeat(shift)}e-${shift}`,
          scaled: `${sign}0.${digits}e${digits.length}`,
        }[spelling];
        const token = int64TextToJsonToken(text);
        const safe =
          value <= BigInt(Number.MAX_SAFE_INTEGER) &&
          value >= -BigInt(Number.MAX_SAFE_INTEGER);
        // One to three digits and three zeros after a full stop may mean
        // thousands, so that text stays a string for the validator.
        const mayBeThousands =
          spelling === 'fraction' &&
          digits.length <= 3 &&
          value !== 0n &&
          shift === 2;
        let expected = safe ? text : JSON.stringify(value.toString());
        if (mayBeThousands) expected = JSON.stringify(text);
        assert.equal(token, expected);
      },
    ),
  );
});
