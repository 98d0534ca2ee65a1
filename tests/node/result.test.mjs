// The WebAssembly module returns its results through a binary encoding of
// its own (cpp/wasm/result_buffer.h). These tests check that the objects it
// decodes are exactly what JSON.parse makes of the native library's JSON
// form of the same result, for every case, every benchmark input and inputs
// chosen to stress the encoding.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { loadSegform } from '../../web/segform.mjs';
import { casesDir, loadCases, repoRoot } from './helpers.mjs';

const probe = `${repoRoot}build/segform_result_probe`;
const cases = loadCases();
const corpus = JSON.parse(readFileSync(`${repoRoot}bench/corpus.json`, 'utf8'));

// Inputs whose strings, numbers and spans exercise every part of the layout.
const stressInputs = [
  '{"modelType": "CLOUD_LOW_ACCURACY_1", "budgetMilliNodeHours": "20000"}',
  '{"baseModelId": "modèle-ü", "ключ": "значение", "😀": "😀😀"}',
  '{"budgetMilliNodeHours": "9223372036854775807"}',
  '{"budgetMilliNodeHours": -9223372036854775808}',
  '{"budgetMilliNodeHours": 1.5, "modelType": 2.0}',
  '{"modelType": -1}',
  '{"budgetMilliNodeHours": 1e400}',
  '{"a": [1, {"b": [true, false, null]}], "a": 2}',
  '{"trainingTaskDefinition": "x", "trainingTaskInputs": {"modelType": 9}}',
  '{"trainingTaskInputs": [1]}',
  '[1, 2]',
  '{"x": "\\u0000\\u202e\\t"}',
  '{"model\\u0054ype": "CLOUD_HIGH_ACCURACY_1"}',
  '\ufeff{}',
  '',
  '{',
  `{"x": "${'y'.repeat(5000)}"}`,
  `{${Array.from({ length: 150 }, (_, i) => `"k${i}": ${i}`).join(', ')}}`,
];

let segform;
let folder;

before(async () => {
  segform = await loadSegform();
  folder = mkdtempSync(join(tmpdir(), 'segform-result-'));
});

after(() => rmSync(folder, { recursive: true, force: true }));

/** Returns the native results of the files, read as files or as text. */
function nativeResults(files, { asText }) {
  const output = execFileSync(
    probe,
    [...(asText ? ['--text'] : []), ...files],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(output);
}

/** Writes each text to a file of its own and returns the paths. */
function writeInputs(prefix, texts) {
  return texts.map((text, index) => {
    const path = join(folder, `${prefix}-${index}.json`);
    writeFileSync(path, text);
    return path;
  });
}

describe('decoded results equal the native JSON form', () => {
  test('every case, read as a file', () => {
    const native = nativeResults(
      cases.map(({ name }) => `${casesDir}${name}.in`),
      { asText: false },
    );
    cases.forEach(({ name, bytes }, index) => {
      assert.deepEqual(segform.validateFile(bytes), native[index], name);
    });
  });

  test('every case, read as text', () => {
    const native = nativeResults(
      cases.map(({ name }) => `${casesDir}${name}.in`),
      { asText: true },
    );
    cases.forEach(({ name, bytes }, index) => {
      assert.deepEqual(segform.validate(bytes), native[index], name);
    });
  });

  test('every benchmark input, passed as a string', () => {
    const native = nativeResults(writeInputs('corpus', corpus), {
      asText: true,
    });
    corpus.forEach((text, index) => {
      assert.deepEqual(segform.validate(text), native[index], text);
    });
  });

  test('inputs that stress the encoding', () => {
    const native = nativeResults(writeInputs('stress', stressInputs), {
      asText: true,
    });
    stressInputs.forEach((text, index) => {
      assert.deepEqual(
        segform.validate(text),
        native[index],
        text.slice(0, 80),
      );
    });
  });

  // The module serves each call's memory from a region of 128 KiB (see
  // cpp/wasm/call_arena.h). A call on one of the large texts here
  // allocates more than that, so it takes blocks from malloc too, and the
  // small calls between them reuse the region.
  test('results stay exact when a call outgrows the call arena', () => {
    const manyKeys = (count, salt) =>
      `{${Array.from(
        { length: count },
        (_, i) =>
          `"unknown_key_${salt}_${String(i).padStart(6, '0')}": ` +
          `"value of key ${i} ${'z'.repeat(i % 50)}"`,
      ).join(', ')}, "modelType": "CLOUD_${salt}"}`;
    const texts = [
      manyKeys(3000, 'A'),
      stressInputs[0],
      manyKeys(5000, 'B'),
      stressInputs[4],
      stressInputs[1],
      manyKeys(2000, 'C'),
      stressInputs[0],
    ];
    const native = nativeResults(writeInputs('arena', texts), {
      asText: true,
    });
    texts.forEach((text, index) => {
      assert.deepEqual(segform.validate(text), native[index], `text ${index}`);
    });
  });

  test('a result after a larger one keeps no stale data', () => {
    const [large, small] = [stressInputs.at(-1), stressInputs[0]];
    const native = nativeResults(writeInputs('order', [large, small]), {
      asText: true,
    });
    assert.deepEqual(segform.validate(large), native[0]);
    assert.deepEqual(segform.validate(small), native[1]);
  });
});
