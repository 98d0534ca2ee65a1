// The JSON Schema generated from the declarations: ajv's verdict equals
// segform's on every input whose verdict JSON Schema can express.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';

import { loadSegform, schema } from '../../web/segform.mjs';
import { generateInputs } from '../differential/generator.mjs';
import { loadCases, nativeCli } from './helpers.mjs';

let segform;
let validateWithSchema;

before(async () => {
  segform = await loadSegform();
  // Every strict check on, strictRequired included: the schema declares
  // the properties beside each "required".
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: true,
  });
  validateWithSchema = ajv.compile(schema);
});

// Findings whose cause JSON Schema cannot see: the text itself (syntax,
// encoding, limits), keys that JSON.parse merges, and integers that a
// JavaScript number cannot hold exactly.
const inexpressibleCodes = new Set([
  'json.syntax',
  'json.invalid_utf8',
  'json.byte_order_mark',
  'json.number_overflow',
  'json.too_large',
  'json.too_deep',
  'file.utf16',
  'file.utf32',
  'field.duplicate',
  'json.duplicate_key',
]);

/**
 * Returns whether a number of the JSON text is an integer beyond 2^53,
 * which JSON.parse rounds before ajv validates it. Digits inside strings, which
 * JSON.parse keeps, do not count.
 */
function hasUnsafeInteger(text) {
  const outsideStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const lexemes = outsideStrings.match(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g) ?? [];
  return lexemes.some((lexeme) => {
    const value = Number(lexeme);
    return Number.isInteger(value) && !Number.isSafeInteger(value);
  });
}

/** Returns ajv's verdict, or undefined when the schema cannot judge it. */
function schemaVerdict(text, result) {
  // The schema is of the inputs alone, not of a pipeline request around them.
  if (result.pipelineRequest) return undefined;
  if (result.findings.some(({ code }) => inexpressibleCodes.has(code)))
    return undefined;
  if (hasUnsafeInteger(text)) return undefined;
  return validateWithSchema(JSON.parse(text));
}

test("the schema equals the checker's schema command", () => {
  assert.deepEqual(schema, JSON.parse(execFileSync(nativeCli, ['schema'])));
});

test('ajv agrees with segform on every expressible case', () => {
  let judged = 0;
  for (const { name, bytes } of loadCases()) {
    const result = segform.validateFile(bytes);
    const text = new TextDecoder().decode(bytes);
    const verdict = schemaVerdict(text, result);
    if (verdict === undefined) continue;
    judged += 1;
    assert.equal(
      verdict,
      result.ok,
      `${name}: ${JSON.stringify(validateWithSchema.errors)}`,
    );
  }
  assert.ok(judged >= 40, `only ${judged} cases judged`);
});

test('ajv agrees with segform on generated field values', () => {
  const modelTypes = [
    undefined,
    null,
    'MODEL_TYPE_UNSPECIFIED',
    'CLOUD_HIGH_ACCURACY_1',
    'CLOUD_LOW_ACCURACY_1',
    'MOBILE_TF_LOW_LATENCY_1',
    'FAST',
    0,
    1,
    2,
    3,
    7,
    -1,
    1.5,
    true,
  ];
  const budgets = [
    undefined,
    null,
    0,
    '0',
    1,
    19999,
    20000,
    '20000',
    2000000,
    '2000000',
    2000001,
    '2000001',
    -5,
    '-5',
    1.92e5,
    '192000',
    '192000.5',
    192000.5,
    'abc',
    '',
    true,
    [],
    {},
  ];
  const ids = [
    undefined,
    null,
    '',
    '123',
    'seg_model-1',
    'Seg',
    ' 123',
    'projects/p/models/1',
    5,
  ];
  let judged = 0;
  for (const modelType of modelTypes) {
    for (const budget of budgets) {
      for (const id of ids) {
        for (const names of [
          ['modelType', 'budgetMilliNodeHours', 'baseModelId'],
          ['model_type', 'budget_milli_node_hours', 'base_model_id'],
        ]) {
          const input = {};
          [modelType, budget, id].forEach((value, index) => {
            if (value !== undefined) input[names[index]] = value;
          });
          const text = JSON.stringify(input);
          const result = segform.validate(text);
          const verdict = schemaVerdict(text, result);
          if (verdict === undefined) continue;
          judged += 1;
          assert.equal(
            verdict,
            result.ok,
            `${text}: ${JSON.stringify(validateWithSchema.errors)}`,
          );
        }
      }
    }
  }
  assert.ok(judged > 5000, `only ${judged} inputs judged`);
});

test('the budget range pattern matches exactly 0 and 20,000 to 2,000,000', () => {
  const budget = schema.allOf.find((part) => part.else).else.properties
    .budgetMilliNodeHours;
  const pattern = new RegExp(
    budget.anyOf.find((part) => part.type === 'string').pattern,
  );
  for (let value = 0; value <= 2_100_000; value += 1) {
    const expected = value === 0 || (value >= 20_000 && value <= 2_000_000);
    if (pattern.test(String(value)) !== expected)
      assert.fail(`pattern is wrong for ${value}`);
  }
  // The spellings every parser reads alike are in the pattern too; white
  // space, which protobuf's C++ and Java parsers reject, is not.
  assert.equal(pattern.test('020000'), true);
  assert.equal(pattern.test('+20000'), true);
  assert.equal(pattern.test('-0'), true);
  assert.equal(pattern.test('\t20000\n'), false);
  assert.equal(pattern.test(' 20000'), false);
  assert.equal(pattern.test('-20000'), false);
  assert.equal(pattern.test('20_000'), false);
});

// The limit of 4,300 digits was a search for too many digits at every
// position of the string: 8 s in ajv for a megabyte of runs of 4,300
// digits. The limit on digits is exact at its edge.
test('budget patterns take linear time', { timeout: 10_000 }, () => {
  const run = `${'7'.repeat(4300)}x`;
  const hostile = run.repeat(Math.floor(1_000_000 / run.length));
  for (const name of ['budgetMilliNodeHours', 'budget_milli_node_hours']) {
    assert.equal(validateWithSchema({ [name]: hostile }), false, name);
  }
  const pattern = new RegExp(
    schema.$defs.budgetMilliNodeHours.anyOf.find(
      (part) => part.type === 'string',
    ).pattern,
    'u',
  );
  assert.equal(pattern.test(`${'0'.repeat(4299)}7`), true);
  assert.equal(pattern.test(`${'0'.repeat(4300)}7`), false);
  assert.equal(pattern.test(`-${'0'.repeat(4300)}`), true);
  assert.equal(pattern.test(`-${'0'.repeat(4301)}`), false);
});

test('ajv agrees with segform on inputs of the differential generator', () => {
  let judged = 0;
  for (const bytes of generateInputs(2, 5000)) {
    const result = segform.validate(bytes);
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
        bytes,
      );
      JSON.parse(text);
    } catch {
      continue; // not JSON, or not UTF-8: nothing for a schema to judge
    }
    const verdict = schemaVerdict(text, result);
    if (verdict === undefined) continue;
    judged += 1;
    assert.equal(
      verdict,
      result.ok,
      `${text.slice(0, 200)}: ${JSON.stringify(validateWithSchema.errors)}`,
    );
  }
  assert.ok(judged > 1000, `only ${judged} inputs judged`);
});

test('page bundle leaves the schema out', async () => {
  // The page never reads the schema, and its declarations are pure calls,
  // so esbuild drops it from web/gen/app.js: 5 KB of script a first load
  // would otherwise fetch.
  const { readFile } = await import('node:fs/promises');
  const bundle = await readFile(
    new URL('../../web/gen/app.js', import.meta.url),
    'utf8',
  );
  assert.ok(
    bundle.includes('budgetMilliNodeHours'),
    'the bundle has the declarations',
  );
  assert.equal(
    bundle.includes(schema.$schema),
    false,
    'the bundle has the schema',
  );
});
