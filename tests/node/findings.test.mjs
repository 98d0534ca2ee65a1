// Tests of web/findings.js that need no page: how text from the JSON is set
// apart from the bidirectional formatting characters in it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isolateBidi, pluralize } from '../../web/findings.js';

/**
 * Returns the index of the U+2069 that closes the isolate opened at index
 * 0, as the Unicode bidirectional algorithm pairs them (UAX #9, BD9): a
 * closer with no opener left is ignored. Returns -1 when none closes it.
 */
function closerOfFirstIsolate(text) {
  const units = [...text];
  const open = [];
  for (let i = 0; i < units.length; i += 1) {
    if (units[i] >= '\u2066' && units[i] <= '\u2068') {
      open.push(i);
    } else if (units[i] === '\u2069' && open.length > 0 && open.pop() === 0) {
      return i;
    }
  }
  return -1;
}

test('isolate wraps the whole text', () => {
  assert.equal(isolateBidi('plain key'), 'plain key');
  assert.equal(isolateBidi('\u202eyek'), '\u2068\u202eyek\u2069');
  // Every mix of openers, closers and an override ends up inside one
  // isolate that the last character closes.
  const pieces = ['\u2066', '\u2067', '\u2068', '\u2069', '\u202e', 'a'];
  const mixes = [''];
  for (let length = 1; length <= 4; length += 1) {
    for (const mix of mixes.filter((text) => text.length === length - 1)) {
      for (const piece of pieces) mixes.push(mix + piece);
    }
  }
  for (const mix of mixes) {
    const shown = isolateBidi(`${mix}x`);
    if (shown === `${mix}x`) {
      continue;
    }
    assert.equal(
      closerOfFirstIsolate(shown),
      [...shown].length - 1,
      JSON.stringify(mix),
    );
  }
});

// A paragraph separator ends an isolate, so each paragraph of the text is
// isolated on its own, and the last one still closes the text's overrides.
test('isolate is kept per paragraph', () => {
  assert.equal(
    isolateBidi('a.json\u2029\u202e'),
    'a.json\u2029\u2068\u202e\u2069',
  );
  for (const separator of ['\n', '\r', '\x1c', '\x85', '\u2029']) {
    const shown = isolateBidi(`\u202ea${separator}\u2067b${separator}c`);
    const paragraphs = shown.split(separator);
    assert.equal(paragraphs.length, 3);
    for (const paragraph of paragraphs.filter((part) => part !== 'c')) {
      assert.equal(
        closerOfFirstIsolate(paragraph),
        [...paragraph].length - 1,
        JSON.stringify(paragraph),
      );
    }
  }
});

test('counts are grouped by thousands', () => {
  assert.equal(pluralize(1, 'error'), '1 error');
  assert.equal(pluralize(40001, 'error'), '40,001 errors');
  assert.equal(pluralize(1000000, 'note'), '1,000,000 notes');
});
