// The module's memory over a long session: it starts small, and once the
// largest inputs have been seen, a million more calls neither grow the
// linear memory nor leave Embind handles behind.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadSegform } from '../../web/segform.mjs';
import { loadCases, repoRoot } from './helpers.mjs';

const mebibyte = 1024 * 1024;

/** Returns a JSON object text of about `bytes` UTF-8 bytes. */
function documentOfSize(bytes, fill) {
  const start = '{"modelType": "CLOUD_HIGH_ACCURACY_1", "notes": "';
  const end = '"}';
  const fillBytes = Buffer.byteLength(fill);
  return (
    start +
    fill.repeat(Math.floor((bytes - start.length - end.length) / fillBytes)) +
    end
  );
}

test(
  'memory stays flat over a million calls',
  { timeout: 300_000 },
  async () => {
    const segform = await loadSegform();
    assert.ok(
      segform.memoryBytes() <= 2 * mebibyte,
      `the module starts with ${segform.memoryBytes()} bytes of linear memory`,
    );

    const small = [
      ...JSON.parse(readFileSync(`${repoRoot}bench/corpus.json`, 'utf8')),
      ...loadCases().map(({ bytes }) => bytes),
    ];
    const large = [
      documentOfSize(mebibyte, 'a'),
      documentOfSize(mebibyte, 'é'),
      documentOfSize(100_000, '😀'),
      `{${Array.from({ length: 5000 }, (_, i) => `"key${i}": ${i}`).join(', ')}}`,
    ];
    for (const text of large) {
      assert.ok(Buffer.byteLength(text) <= segform.limits.maxTextBytes);
    }

    // Warm-up: 1,000 calls with a large input every 100, mixed as in the run
    // below. Where malloc places a large input's blocks depends on the small
    // inputs before it. With large inputs only at the start, the run took one
    // more step of memory (1.6 MiB) once, and then no more.
    for (let call = 0; call < 1000; call += 1) {
      segform.validate(
        call % 100 === 0
          ? large[(call / 100) % large.length]
          : small[call % small.length],
      );
    }
    const warmMemory = segform.memoryBytes();
    const warmHandles = segform.handleCount();

    // A large input every 10,000 calls keeps the run to seconds.
    let findings = 0;
    for (let call = 0; call < 1_000_000; call += 1) {
      const input =
        call % 10_000 === 0
          ? large[(call / 10_000) % large.length]
          : small[call % small.length];
      findings += segform.validate(input).findings.length;
    }

    assert.ok(findings > 0);
    assert.equal(segform.memoryBytes(), warmMemory);
    assert.equal(segform.handleCount(), warmHandles);
    assert.equal(segform.handleCount(), 0);
  },
);
