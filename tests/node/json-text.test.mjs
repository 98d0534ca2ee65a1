// The page's edits of the JSON text (web/json-text.js), on member spans from
// the real WebAssembly module. Removing a field must remove every member it
// has, under either name, and leave the other members as they were.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';

import {
  applyEdits,
  fieldEdits,
  memberSpans,
  removalEdits,
} from '../../web/json-text.js';
import { loadSegform } from '../../web/segform.mjs';

let segform;

before(async () => {
  segform = await loadSegform();
});

// Members under both spellings of each field and one unknown key, with
// values of several JSON types.
const members = {
  modelType: '"CLOUD_LOW_ACCURACY_1"',
  model_type: '2',
  budgetMilliNodeHours: '"30000"',
  budget_milli_node_hours: '40000',
  baseModelId: '"a"',
  base_model_id: '"b"',
  extra: '{"q": [1, "}"]}',
};
const protoNames = {
  modelType: 'model_type',
  budgetMilliNodeHours: 'budget_milli_node_hours',
  baseModelId: 'base_model_id',
};
const layout = fc.constantFrom('', ' ', '\n  ', '\t');

/** An object text of one to six members, with the keys in order. */
const objectText = fc
  .array(
    fc.record({
      key: fc.constantFrom(...Object.keys(members)),
      before: layout,
      after: layout,
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => ({
    keys: parts.map((part) => part.key),
    text: `{${parts
      .map(
        ({ key, before, after }) =>
          `${before}"${key}":${after}${members[key]}${before}`,
      )
      .join(',')}}`,
  }));

/** Returns the top-level keys of a JSON object text, duplicates kept. */
function keysOf(text) {
  const result = segform.validate(text);
  assert.ok(result.objectSpan, `not an object: ${text}`);
  return result.fieldSpans.map((span) => span.key);
}

test('removing a field drops all its members', () => {
  fc.assert(
    fc.property(
      objectText,
      fc.constantFrom(...Object.keys(protoNames)),
      ({ keys, text }, field) => {
        const edits = fieldEdits(
          text,
          memberSpans(segform.validate(text)),
          field,
          undefined,
        );
        const sorted = [...edits].sort((a, b) => a.from - b.from);
        for (let i = 1; i < sorted.length; i += 1) {
          assert.ok(
            sorted[i - 1].to <= sorted[i].from,
            `edits overlap in ${text}`,
          );
        }
        const remaining = keys.filter(
          (key) => key !== field && key !== protoNames[field],
        );
        assert.deepEqual(keysOf(applyEdits(text, edits)), remaining);
      },
    ),
    { numRuns: 2000, seed: 5 },
  );
});

test('setting a field sets all its members', () => {
  fc.assert(
    fc.property(
      objectText,
      fc.constantFrom(...Object.keys(protoNames)),
      ({ keys, text }, field) => {
        const token = '"7"';
        const edited = applyEdits(
          text,
          fieldEdits(text, memberSpans(segform.validate(text)), field, token),
        );
        const result = segform.validate(edited);
        // Every member of the field, under either name, has the new value,
        // and the other members keep theirs.
        for (const span of result.fieldSpans) {
          const value = edited.slice(span.valueBegin, span.valueEnd);
          if (span.key === field || span.key === protoNames[field]) {
            assert.equal(value, token, edited);
          } else {
            assert.equal(value, members[span.key], edited);
          }
        }
        const hadField = keys.some(
          (key) => key === field || key === protoNames[field],
        );
        const count = keys.length + (hadField ? 0 : 1);
        assert.equal(result.fieldSpans.length, count, edited);
      },
    ),
  );
});

test('removing neighbours leaves valid text', () => {
  const text =
    '{"modelType": "CLOUD_HIGH_ACCURACY_1", "model_type": "CLOUD_LOW_ACCURACY_1",' +
    ' "budgetMilliNodeHours": "30000"}';
  const spans = memberSpans(segform.validate(text));
  const edits = fieldEdits(text, spans, 'modelType', undefined);
  assert.equal(edits.length, 1);
  assert.equal(applyEdits(text, edits), '{"budgetMilliNodeHours": "30000"}');

  const twice =
    '{"modelType": "CLOUD_HIGH_ACCURACY_1", "modelType": "CLOUD_LOW_ACCURACY_1"}';
  const twiceSpans = memberSpans(segform.validate(twice));
  assert.equal(
    applyEdits(twice, fieldEdits(twice, twiceSpans, 'modelType', undefined)),
    '{}',
  );
});

test('removing one unknown key keeps the rest', () => {
  const text = '{\n  "extra": 1,\n  "modelType": 2,\n  "other": 3\n}';
  const spans = memberSpans(segform.validate(text));
  const [extra, other] = [0, 2];
  assert.equal(
    applyEdits(text, removalEdits(spans, [extra])),
    '{\n  "modelType": 2,\n  "other": 3\n}',
  );
  assert.equal(
    applyEdits(text, removalEdits(spans, [other])),
    '{\n  "extra": 1,\n  "modelType": 2\n}',
  );
  assert.equal(
    applyEdits(text, removalEdits(spans, [extra, other])),
    '{\n  "modelType": 2\n}',
  );
});

test('field added to empty object is indented', () => {
  const rows = [
    // Nested two levels deep in a request indented by two spaces.
    [
      '{\n  "trainingPipeline": {\n    "trainingTaskInputs": {\n    }\n  }\n}',
      '{\n  "trainingPipeline": {\n    "trainingTaskInputs": {\n      "modelType": 2\n    }\n  }\n}',
    ],
    // Indented by four, after a nested object indented more on an earlier line.
    [
      '{"labels": {\n        "a": 1},\n    "trainingTaskInputs": {\n    }\n}',
      '{"labels": {\n        "a": 1},\n    "trainingTaskInputs": {\n        "modelType": 2\n    }\n}',
    ],
    // Indented by tabs.
    [
      '{\n\t"trainingTaskInputs": {\n\t}\n}',
      '{\n\t"trainingTaskInputs": {\n\t\t"modelType": 2\n\t}\n}',
    ],
    // The object alone, across lines, and on one line.
    ['{\n}', '{\n  "modelType": 2\n}'],
    ['{}', '{"modelType": 2}'],
    // The text's own line end, CRLF or CR, not an LF.
    ['{\r\n}', '{\r\n  "modelType": 2\r\n}'],
    ['{\r}', '{\r  "modelType": 2\r}'],
  ];
  for (const [text, expected] of rows) {
    const spans = memberSpans(segform.validate(text));
    assert.equal(
      applyEdits(text, fieldEdits(text, spans, 'modelType', '2')),
      expected,
      text,
    );
  }
});

test('field added after others matches them', () => {
  const rows = [
    // A member right after the brace: a space after the comma, as after
    // the colon, and none when the colon has none.
    [
      '{"modelType": 2}',
      'budgetMilliNodeHours',
      'budget_milli_node_hours',
      '{"modelType": 2, "budgetMilliNodeHours": "30000"}',
    ],
    [
      '{"modelType":2}',
      'budgetMilliNodeHours',
      'budget_milli_node_hours',
      '{"modelType":2,"budgetMilliNodeHours":"30000"}',
    ],
    // Fields written under their proto names: the new one is too.
    [
      '{"model_type": 2}',
      'budgetMilliNodeHours',
      'budget_milli_node_hours',
      '{"model_type": 2, "budget_milli_node_hours": "30000"}',
    ],
    // An unknown key in snake case does not decide the fields' spelling.
    [
      '{"some_key": 1}',
      'budgetMilliNodeHours',
      'budget_milli_node_hours',
      '{"some_key": 1, "budgetMilliNodeHours": "30000"}',
    ],
  ];
  for (const [text, jsonName, protoName, expected] of rows) {
    const spans = memberSpans(segform.validate(text));
    assert.equal(
      applyEdits(text, fieldEdits(text, spans, jsonName, '"30000"', protoName)),
      expected,
      text,
    );
  }
});
