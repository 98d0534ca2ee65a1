// Share links: the length of a link that is too long is counted without
// encoding the text, and must be the length the link would have had.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { maxLinkLength, shareLink, sharedState } from '../../web/share.js';

const pageUrl = 'http://127.0.0.1:8080/';

/** Returns the link built the plain way, whatever its length. */
function fullLink(text) {
  return `${pageUrl}#state=${Buffer.from(text, 'utf8').toString('base64url')}`;
}

test('link length is counted exactly', () => {
  // Lengths around the limit, with one-, two- and three-byte characters, so
  // that each remainder of the bytes modulo three is covered.
  for (const character of ['a', '\u00e9', '\u20ac']) {
    const around = Math.floor(
      ((maxLinkLength - fullLink('').length) * 3) /
        (4 * Buffer.byteLength(character)),
    );
    for (let count = around - 3; count <= around + 3; count += 1) {
      const text = character.repeat(count);
      const expected = fullLink(text);
      const link = shareLink(`${pageUrl}#old`, text);
      if (expected.length > maxLinkLength) {
        assert.deepEqual(
          link,
          { length: expected.length },
          `${count} x ${character}`,
        );
      } else {
        assert.deepEqual(link, { url: expected }, `${count} x ${character}`);
      }
    }
  }
});

test('link round trip keeps text', () => {
  // A byte-order mark at the start stays too: the text is an error with it.
  for (const text of [
    '{\n  "baseModelId": "\u00e9\u{1F600}"\n}\n',
    '\ufeff{"baseModelId":"a"}',
  ]) {
    const { url } = shareLink(pageUrl, text);
    assert.deepEqual(sharedState(url.slice(url.indexOf('#'))), { text });
  }
});
