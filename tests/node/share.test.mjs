// Share links: the length of a link that is too long is counted without
// encoding the text, and must be the length the link would have had.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { maxLinkLength, shareLink, sharedState } from '../../web/share.js';

const pageUrl = 'http://127.0.0.1:8080/';

/** Returns the link built the plain way, whatever its length. */
function fullLink(text) {
  const bytes = Buffer.from(text, 'utf8');
  return `${pageUrl}#state=${bytes.length}.${bytes.toString('base64url')}`;
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

// The byte count at the start of the state separates a link cut short, at any
// length, from a link of a shorter text.
test('cut link is detected', () => {
  const text =
    '{\n  "budgetMilliNodeHours": "250000",\n  "baseModelId": "m1"\n}\n';
  const { url } = shareLink(pageUrl, text);
  const fragment = url.slice(url.indexOf('#'));
  const start = '#state='.length + String(Buffer.byteLength(text)).length + 1;
  for (let end = start; end < fragment.length; end += 1) {
    const shared = sharedState(fragment.slice(0, end));
    assert.match(shared.error, /^the link is cut or changed/, `cut at ${end}`);
  }
  // A changed character, a space or padding is no base64url of the page.
  for (const changed of [
    `${fragment.slice(0, -1)}%`,
    `${fragment.slice(0, start)} ${fragment.slice(start)}`,
    `${fragment}=`,
  ]) {
    assert.match(sharedState(changed).error, /^the link is cut or changed/);
  }
});

test('empty text link opens empty text', () => {
  const { url } = shareLink(pageUrl, '');
  assert.equal(url, `${pageUrl}#state=0.`);
  assert.deepEqual(sharedState('#state=0.'), { text: '' });
});

// Links made before the count was added still open.
test('link without count still opens', () => {
  const encoded = Buffer.from('{"a": 1}').toString('base64url');
  assert.deepEqual(sharedState(`#state=${encoded}`), { text: '{"a": 1}' });
});

// A link made elsewhere once opened a text past the size limit, which the
// page then saved and kept.
test('link past the size limit is refused', () => {
  const limit = 1048576;
  const link = (bytes) => {
    const text = `{"x": "${'a'.repeat(bytes - 9)}"}`;
    return `#state=${bytes}.${Buffer.from(text).toString('base64url')}`;
  };
  assert.equal(sharedState(link(limit), limit).text.length, limit);
  assert.deepEqual(sharedState(link(limit + 1), limit), {
    error:
      'its text is 1,048,577 bytes, more than the 1 MiB this page checks ' +
      'and saves',
  });
});
