// The page's count of a text's UTF-8 bytes, which its size limit uses.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { codePointCount, utf8Length } from '../../web/utf8.js';

test('utf8Length counts as Node encodes', () => {
  // Node writes a lone surrogate as U+FFFD, three bytes, as the page does.
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'));
    }),
  );
  for (const text of ['', 'a', '\u00e9', '\u4e2d', '\u{1f600}', '\ud800x']) {
    assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'), text);
  }
});

test('codePointCount counts a lone surrogate as one', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      assert.equal(codePointCount(text), [...text].length);
    }),
  );
});
