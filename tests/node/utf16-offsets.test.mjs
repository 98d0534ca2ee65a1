// The UTF-16 offsets of a finding on bytes that are not valid UTF-8 must
// index the text JavaScript's TextDecoder makes of those bytes, which puts
// one U+FFFD in place of each bad sequence. An editor shows that text.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';

import { loadSegform } from '../../web/segform.mjs';

let segform;

before(async () => {
  segform = await loadSegform();
});

const decoder = new TextDecoder();
const encoder = new TextEncoder();

test('offsets of invalid UTF-8 match TextDecoder', () => {
  // Some valid text, then bytes of any kind, mostly high ones, in a string.
  const arbitrary = fc.record({
    before: fc.string({ unit: 'grapheme', maxLength: 6 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6, min: 0x80, max: 0xff }),
    after: fc.uint8Array({ maxLength: 3, min: 0x20, max: 0xff }),
  });
  fc.assert(
    fc.property(arbitrary, ({ before: text, bytes, after }) => {
      const head = encoder.encode(
        `{"baseModelId": "${JSON.stringify(text).slice(1, -1)}`,
      );
      const input = new Uint8Array([
        ...head,
        ...bytes,
        ...after,
        ...encoder.encode('"}'),
      ]);
      const result = segform.validateFile(input);
      const finding = result.findings.find(
        (found) => found.code === 'json.invalid_utf8',
      );
      if (finding === undefined) return; // the random bytes were valid UTF-8
      assert.equal(
        finding.utf16Begin,
        decoder.decode(input.subarray(0, finding.begin)).length,
      );
      assert.equal(
        finding.utf16End,
        decoder.decode(input.subarray(0, finding.end)).length,
      );
    }),
    { numRuns: 2000, seed: 5 },
  );
});
