// The record in which the page keeps its text between visits.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import {
  readSavedRecord,
  savedRecord,
  savedTextFormat,
} from '../../web/saved-text.js';

test('record gives its text back', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      assert.equal(readSavedRecord(savedRecord(text)), text);
    }),
  );
  for (const text of [
    '',
    '\n',
    '\u0000\u0001',
    '\ud800',
    `${savedTextFormat}\n`,
  ]) {
    assert.equal(readSavedRecord(savedRecord(text)), text);
  }
});

test('control characters take one unit', () => {
  // 900,000 control characters are within the 1 MiB limit. The first
  // format spent 5.4 million units on them, past Chromium's quota.
  const text = '\u0001'.repeat(900_000);
  assert.equal(
    savedRecord(text).length,
    text.length + savedTextFormat.length + 1,
  );
});

test('first format still read', () => {
  const text = '{"budgetMilliNodeHours": "250000"}\n';
  assert.equal(
    readSavedRecord(JSON.stringify({ format: 'segform-json-text-1', text })),
    text,
  );
});

test('other formats not read', () => {
  for (const value of [
    '',
    'segform-json-text-2',
    'segform-json-text-3\n{}',
    `${savedTextFormat}\r\n{}`,
    JSON.stringify({ format: 'segform-json-text-9', text: '{}' }),
    JSON.stringify({ format: 'segform-json-text-1', text: 1 }),
    JSON.stringify({ format: 'segform-json-text-1' }),
    '{"format":"segform-json-text-1","text":"',
    'null',
    '[]',
  ]) {
    assert.equal(readSavedRecord(value), null, JSON.stringify(value));
  }
});
