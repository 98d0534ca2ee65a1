// The WebAssembly module under Node: the shared cases, agreement with the
// native checker, loading from any working directory, and staying usable
// after bad input.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, test, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';

import { loadSegform, membersOf } from '../../web/segform.mjs';
import {
  casesDir,
  loadCases,
  nativeCli,
  repoRoot,
  runNativeCheck,
  summarize,
} from './helpers.mjs';

const cases = loadCases();
let segform;

before(async () => {
  segform = await loadSegform();
});

describe('shared cases', () => {
  test('the corpus holds every case kind', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} cases`);
  });

  for (const { name, bytes, expect } of cases) {
    test(`${name}: file bytes give the expected findings`, () => {
      const result = segform.validateFile(bytes);
      assert.deepEqual(summarize(result.findings), expect.findings);
      assert.equal(result.ok, expect.ok);
      if (expect.canonical) {
        assert.deepEqual(JSON.parse(result.canonicalJson), expect.canonical);
      } else {
        assert.equal(result.canonicalJson, '');
      }
    });

    test(`${name}: text gives the expected findings`, () => {
      const textExpect = expect.asText ?? expect;
      const result = segform.validate(bytes);
      assert.deepEqual(summarize(result.findings), textExpect.findings);
      assert.equal(result.ok, textExpect.ok);
    });
  }
});

describe('agreement with the native checker', () => {
  test('every case gets the same findings, messages included', () => {
    const files = cases.map(({ name }) => `${casesDir}${name}.in`);
    const reports = runNativeCheck(...files);
    assert.equal(reports.length, cases.length);
    reports.forEach((report, index) => {
      const result = segform.validateFile(cases[index].bytes);
      assert.deepEqual(result.findings, report.findings, cases[index].name);
      assert.equal(result.ok, report.ok, cases[index].name);
    });
  });

  test("the declarations equal the checker's fields command", () => {
    const native = JSON.parse(execFileSync(nativeCli, ['fields']));
    assert.deepEqual(segform.inputs, native);
  });

  test('a JavaScript string and its UTF-8 bytes give the same result', () => {
    const text =
      '{\n\t"baseModelId": "modèle",\r\n"budgetMilliNodeHours": 5000}';
    assert.deepEqual(
      segform.validate(text),
      segform.validate(new TextEncoder().encode(text)),
    );
  });
});

describe('limits and options', () => {
  test('the limits come from the C++ declarations', () => {
    assert.deepEqual(segform.limits, {
      maxTextBytes: 1048576,
      maxNestingDepth: 64,
      maxFindings: 100,
    });
  });

  test('10 MiB of text is refused without being copied into the module', () => {
    const memoryBefore = segform.memoryBytes();
    const text = `{"baseModelId":"${'x'.repeat(10 * 1024 * 1024)}"}`;
    for (const result of [
      segform.validate(text),
      segform.validateFile(new TextEncoder().encode(text)),
    ]) {
      assert.equal(result.findings.length, 1);
      assert.equal(result.findings[0].code, 'json.too_large');
      assert.equal(result.findings[0].params.size, text.length);
    }
    assert.equal(segform.memoryBytes(), memoryBefore);
    assert.equal(segform.validate('{}').ok, true);
  });

  test('an ArrayBuffer over the limit is refused without being copied', () => {
    const memoryBefore = segform.memoryBytes();
    const result = segform.validateFile(
      new Uint8Array(50 * 2 ** 20).fill(32).buffer,
    );
    assert.equal(result.findings[0].code, 'json.too_large');
    assert.equal(segform.memoryBytes(), memoryBefore);
    assert.equal(
      segform.validateFile(new TextEncoder().encode('{}').buffer).ok,
      true,
    );
  });

  test('a byte-order mark in any byte view is dropped from a file', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('{}'),
    ]);
    for (const view of [bytes, new Int8Array(bytes.buffer), bytes.buffer]) {
      const result = segform.validateFile(view);
      assert.equal(result.ok, true);
      assert.equal(result.skippedPrefix, 3);
    }
  });

  test('file string offsets include mark', () => {
    const text = '\ufeff{"a": 1, "modelType": 1}';
    const result = segform.validateFile(text);
    assert.equal(result.skippedPrefix, 3);
    const [unknown] = result.findings;
    assert.equal(text.slice(unknown.utf16Begin, unknown.utf16End), '"a"');
    // Byte offsets count from after the mark.
    assert.equal(unknown.begin, 1);
    const [, modelType] = result.fieldSpans;
    assert.equal(
      text.slice(modelType.keyBegin, modelType.valueEnd),
      '"modelType": 1',
    );
    assert.equal(
      text.slice(result.objectSpan.begin, result.objectSpan.end),
      text.slice(1),
    );
    // The same text as bytes gives offsets into the text decoded without it.
    const fromBytes = segform.validateFile(new TextEncoder().encode(text));
    assert.equal(fromBytes.findings[0].utf16Begin, 1);
  });

  // Every finding of a string with a mark indexes the string as given,
  // the one of a text too large included.
  test('oversize string offsets include mark', () => {
    const text = `\ufeff${' '.repeat(segform.limits.maxTextBytes + 1)}`;
    for (const input of [text, `\ufeff${'é'.repeat(600_000)}`]) {
      const result = segform.validateFile(input);
      assert.equal(result.findings[0].code, 'json.too_large');
      assert.equal(result.skippedPrefix, 3);
      assert.equal(result.findings[0].utf16Begin, 1);
    }
  });

  test('the size limit is inclusive and counts UTF-8 bytes', () => {
    const base = '{"baseModelId":"é"}'; // é is two bytes
    const exact =
      base + ' '.repeat(segform.limits.maxTextBytes - (base.length + 1));
    assert.equal(
      segform.validate(exact).findings[0].code,
      'base_model_id.invalid',
    );
    assert.equal(
      segform.validate(`${exact} `).findings[0].code,
      'json.too_large',
    );
    const withBom = `\ufeff${exact}`;
    assert.equal(
      segform.validateFile(withBom).findings[0].code,
      'base_model_id.invalid',
    );
  });

  test('bytes file mark not counted', () => {
    // The mark and exactly the limit: the text is within the limit once the
    // mark is dropped.
    const base = '{"baseModelId":"x!"}';
    const exact = base.padEnd(segform.limits.maxTextBytes, ' ');
    const bytes = new TextEncoder().encode(`\ufeff${exact}`);
    assert.equal(bytes.length, segform.limits.maxTextBytes + 3);
    assert.equal(
      segform.validateFile(bytes).findings[0].code,
      'base_model_id.invalid',
    );
    assert.equal(
      segform.validate(bytes.subarray(3)).findings[0].code,
      'base_model_id.invalid',
    );
  });

  test('oversize size per character class', () => {
    // The last and first characters of each UTF-8 length, a pair and a
    // lone half, each repeated past the limit.
    for (const character of [
      '\u007f',
      '\u0080',
      '\u07ff',
      '\u0800',
      '\uffff',
      '\u{1f600}',
      '\ud800',
    ]) {
      for (const repeat of [400_000, 1_100_000]) {
        const text = character.repeat(repeat);
        const size = new TextEncoder().encode(text).length;
        if (size <= segform.limits.maxTextBytes) continue;
        const [finding] = segform.validate(text).findings;
        assert.equal(finding.code, 'json.too_large', character);
        assert.equal(finding.params.size, size, character);
      }
    }
  });

  test('string oversize only in bytes', () => {
    // 400,000 units under the limit, 1,200,018 bytes over it.
    const text = `{"baseModelId":"${'\u5b57'.repeat(400000)}"}`;
    for (const result of [
      segform.validate(text),
      segform.validateFile(`\ufeff${text}`),
    ]) {
      assert.equal(result.findings[0].code, 'json.too_large');
      assert.equal(
        result.findings[0].params.size,
        new TextEncoder().encode(text).length,
      );
    }
    assert.equal(segform.validate('{}').ok, true);
  });

  test('bytes are copied after the memory grows for them', async () => {
    // A new module starts with 2 MiB; the second input makes it grow while
    // the input buffer is reserved.
    const fresh = await loadSegform();
    const object = (size) =>
      new TextEncoder().encode(
        '{"modelType":"CLOUD_HIGH_ACCURACY_1"'.padEnd(size - 1, ' ') + '}',
      );
    const before = fresh.memoryBytes();
    assert.equal(fresh.validate(object(900_000)).ok, true);
    assert.equal(fresh.validateFile(object(1_048_576)).ok, true);
    assert.ok(fresh.memoryBytes() > before);
  });

  test('views and buffers over 4 GiB are reported as too large', () => {
    // V8 maps these zero-filled buffers lazily, so they cost no real memory.
    const doubles = segform.validate(new Float64Array(2 ** 29 + 1));
    assert.equal(doubles.findings[0].code, 'json.too_large');
    assert.equal(doubles.findings[0].params.size, 2 ** 32 + 8);
    const bytes = segform.validateFile(new ArrayBuffer(2 ** 32));
    assert.equal(bytes.findings[0].params.size, 2 ** 32);
    assert.match(bytes.findings[0].message, /^the text is 4,294,967,296 bytes/);
  });

  test('shared and other-realm buffers are read as bytes', () => {
    const text = '{"modelType":"CLOUD_LOW_ACCURACY_1"}';
    const shared = new SharedArrayBuffer(text.length);
    new Uint8Array(shared).set(new TextEncoder().encode(text));
    assert.equal(
      segform.validate(shared).formValues.modelType,
      'CLOUD_LOW_ACCURACY_1',
    );
    const foreign = runInNewContext('new Uint8Array(codes).buffer', {
      codes: [...text].map((character) => character.charCodeAt(0)),
    });
    assert.equal(foreign instanceof ArrayBuffer, false);
    assert.equal(
      segform.validate(foreign).formValues.modelType,
      'CLOUD_LOW_ACCURACY_1',
    );
    // Views too: such a DataView once met the typed arrays' getter, which
    // threw the engine's own TypeError.
    const views = runInNewContext(
      '[new DataView(new Uint8Array(codes).buffer), new Uint8Array(codes)]',
      { codes: [...text].map((character) => character.charCodeAt(0)) },
    );
    assert.equal(views[0] instanceof DataView, false);
    for (const view of views) {
      assert.equal(
        segform.validate(view).formValues.modelType,
        'CLOUD_LOW_ACCURACY_1',
      );
    }
  });

  test('null options mean the defaults', () => {
    assert.equal(
      segform.validate('{"x": 1}', null).findings[0].severity,
      'error',
    );
    assert.equal(
      segform.validateFile(new Uint8Array([0x7b, 0x7d]), null).ok,
      true,
    );
  });

  test('a million levels of nesting end in one finding', () => {
    const result = segform.validate('['.repeat(1000000));
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].code, 'json.too_deep');
  });

  test('ignoreUnknownFields turns unknown fields into warnings', () => {
    const text = '{"modelType":"CLOUD_HIGH_ACCURACY_1","multiLabel":true}';
    assert.equal(segform.validate(text).ok, false);
    const lenient = segform.validate(text, { ignoreUnknownFields: true });
    assert.equal(lenient.ok, true);
    assert.equal(lenient.findings[0].severity, 'warning');
    assert.deepEqual(JSON.parse(lenient.canonicalJson), {
      modelType: 'CLOUD_HIGH_ACCURACY_1',
    });
  });

  test('UTF-16 offsets index the JavaScript string', () => {
    const text = '{"a":"😀é","b":1}';
    const result = segform.validate(text);
    const second = result.findings[1];
    assert.equal(text.slice(second.utf16Begin, second.utf16End), '"b"');
  });
});

describe('member spans', () => {
  test('fieldSpans index the JavaScript string', () => {
    const text = '{\n  "x": "é😀",\n  "model_type": "CLOUD_LOW_ACCURACY_1"\n}';
    const result = segform.validate(text);
    const [unknown, modelType] = result.fieldSpans;
    assert.equal(unknown.field, null);
    assert.equal(text.slice(unknown.valueBegin, unknown.valueEnd), '"é😀"');
    assert.equal(modelType.field, 'modelType');
    assert.equal(
      text.slice(modelType.keyBegin, modelType.keyEnd),
      '"model_type"',
    );
    assert.equal(
      text.slice(modelType.valueBegin, modelType.valueEnd),
      '"CLOUD_LOW_ACCURACY_1"',
    );
    assert.deepEqual(result.objectSpan, { begin: 0, end: text.length });
  });

  test('a pipeline request gives the spans inside its trainingTaskInputs', () => {
    const text =
      '{"displayName":"é","trainingTaskInputs":{"budgetMilliNodeHours":"50000"}}';
    const result = segform.validate(text);
    assert.equal(result.pipelineRequest, true);
    const [budget] = result.fieldSpans;
    assert.equal(text.slice(budget.valueBegin, budget.valueEnd), '"50000"');
    assert.equal(
      text.slice(result.objectSpan.begin, result.objectSpan.end),
      '{"budgetMilliNodeHours":"50000"}',
    );
  });

  test('members match fieldSpans', () => {
    // A few members come as objects, many as columns.
    const many = Array.from({ length: 100 }, (_, i) => `, "k${i}": ${i}`).join(
      '',
    );
    const withMany = `\ufeff{"a\\u00e9": 1, "modelType": 2, "\u{1f600}": [3], "model_type": 4${many}}`;
    const withFew = withMany.replace(many, '');
    const rows = [withFew, withMany].flatMap((input) => [
      // Offsets index the string validated: here the one without the mark.
      { input: input.slice(1), result: segform.validate(input.slice(1)) },
      // validateFile() keeps the mark in the string and drops it from the bytes.
      { input, result: segform.validateFile(input) },
    ]);
    assert.equal(rows[0].result.members, undefined);
    assert.notEqual(rows[2].result.members, undefined);

    for (const { input, result } of rows) {
      const members = membersOf(result);
      const count = input.length < 100 ? 4 : 104;
      assert.equal(members.count, count);
      assert.deepEqual(members.indicesOf('modelType'), [1, 3]);
      assert.deepEqual(
        members.indicesOf(null).slice(0, 3),
        [0, 2, 4].slice(0, count - 2),
      );
      assert.deepEqual(members.indicesOf('baseModelId'), []);
      // fieldSpans is built from the same columns when it is read.
      assert.deepEqual(
        result.fieldSpans,
        Array.from({ length: count }, (_, i) => ({
          key: members.key(i),
          field: members.field(i),
          keyBegin: members.keyBegin(i),
          keyEnd: members.keyEnd(i),
          valueBegin: members.valueBegin(i),
          valueEnd: members.valueEnd(i),
        })),
      );
      assert.deepEqual(
        result.fieldSpans.slice(0, 4).map((span) => span.key),
        ['a\u00e9', 'modelType', '\u{1f600}', 'model_type'],
      );
      assert.equal(
        input.slice(members.keyBegin(2), members.keyEnd(2)),
        '"\u{1f600}"',
      );
      // An index that is no member's throws in both forms. The columns
      // once gave "" or a neighbour's offsets, and the objects a TypeError.
      const badIndices = [
        [count, String(count)],
        [-1, '-1'],
        [1.5, '1.5'],
        ['1', 'the string "1"'],
        [1n, 'the BigInt 1'],
        [NaN, 'NaN'],
        [[1], 'an array'],
        // Neither converts to a string without throwing.
        [Object.create(null), 'an object'],
        [
          {
            toString: () => {
              throw new Error('no');
            },
          },
          'an object',
        ],
        [undefined, 'undefined'],
      ];
      for (const [index, text] of badIndices) {
        for (const read of ['key', 'field', 'keyBegin', 'valueEnd']) {
          assert.throws(() => members[read](index), {
            name: 'RangeError',
            message: `segform: a member index is an integer from 0 to ${count - 1}; got ${text}`,
          });
        }
      }
    }
  });

  test('a result without members has no index', () => {
    for (const text of ['{}', '[]', 'nope']) {
      // Anything but a result is a TypeError that names the argument. It
      // was once the engine's own error on reading a property of it.
      for (const [value, named] of [
        [{}, 'an object'],
        [null, 'null'],
        [undefined, 'undefined'],
        ['{}', 'the string "{}"'],
        [{ members: 1 }, 'an object'],
      ]) {
        assert.throws(() => membersOf(value), {
          name: 'TypeError',
          message:
            'segform: membersOf takes a result of validate() or ' +
            `validateFile(); got ${named}`,
        });
      }
      assert.throws(() => membersOf(segform.validate(text)).key(0), {
        name: 'RangeError',
        message:
          "segform: the result has no members, so 0 is no member's index",
      });
    }
  });

  // A result of many members builds fieldSpans when read, and can still be
  // changed as a smaller result's plain property can.
  test('fieldSpans of many members can be replaced', () => {
    const keys = Array.from({ length: 70 }, (_, i) => `"k${i}": ${i}`);
    const result = segform.validate(`{${keys.join(', ')}}`);
    assert.equal(result.fieldSpans.length, 70);
    result.fieldSpans = [];
    assert.deepEqual(result.fieldSpans, []);
    delete result.fieldSpans;
    assert.equal('fieldSpans' in result, false);
  });

  test('no spans when the text is not an object', () => {
    const result = segform.validate('[1]');
    assert.deepEqual(result.fieldSpans, []);
    assert.equal(result.objectSpan, null);
  });
});

describe('loading', () => {
  test('loads from disk beside its file, from another working directory', () => {
    // The module must not depend on the working directory or on fetch().
    const moduleUrl = pathToFileURL(`${repoRoot}web/segform.mjs`).href;
    const caseFile = `${casesDir}c08-budget-below-default-type-range.in`;
    const script = `
      import { readFileSync } from 'node:fs';
      const { loadSegform } = await import(${JSON.stringify(moduleUrl)});
      const segform = await loadSegform();
      const result = segform.validateFile(readFileSync(${JSON.stringify(caseFile)}));
      process.stdout.write(JSON.stringify(result.findings));
    `;
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        cwd: tmpdir(),
        encoding: 'utf8',
      },
    );
    const [native] = runNativeCheck(caseFile);
    assert.deepEqual(JSON.parse(output), native.findings);
    assert.equal(native.findings[0].code, 'budget.out_of_range');
  });
});

describe('robustness', () => {
  test('a parse error leaves the module working, with no memory growth', () => {
    // Twenty cycles of a syntax error followed by a valid input.
    const good = '{"modelType":"CLOUD_HIGH_ACCURACY_1"}';
    for (let i = 0; i < 5; i += 1) {
      segform.validate('Alright');
      segform.validate(good);
    }
    const memoryBefore = segform.memoryBytes();
    for (let cycle = 0; cycle < 20; cycle += 1) {
      const bad = segform.validate('Alright');
      assert.equal(bad.findings.length, 1);
      assert.equal(bad.findings[0].code, 'json.syntax');
      assert.equal(bad.findings[0].line, 1);
      assert.equal(bad.findings[0].column, 1);
      assert.equal(segform.validate(good).ok, true);
    }
    assert.equal(segform.memoryBytes(), memoryBefore);
  });

  test('hostile inputs return findings instead of aborting', () => {
    const hostile = [
      '['.repeat(100000),
      '{"a":'.repeat(50000),
      `{"baseModelId":"${'x'.repeat(200000)}"}`,
      `{"budgetMilliNodeHours":1${'0'.repeat(5000)}}`,
      `{"budgetMilliNodeHours":1e${'9'.repeat(400)}}`,
      '\u0000',
      '{"modelType":"\ud800"}',
      `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
    ];
    for (const text of hostile) {
      const result = segform.validate(text);
      assert.equal(result.ok, false, text.slice(0, 40));
      assert.ok(result.findings.length >= 1);
    }
    assert.equal(segform.validate('{}').ok, true);
  });

  test('lone surrogate is located invalid UTF-8', () => {
    // Short and long strings take different copying paths into the module.
    for (const head of [
      '{"baseModelId":"',
      `{"baseModelId":"${'\u00e9'.repeat(2000)}`,
    ]) {
      for (const surrogate of ['\ud800', '\udfff']) {
        const text = `${head}${surrogate}\ud83d\ude00"}`;
        for (const result of [
          segform.validate(text),
          segform.validateFile(text),
        ]) {
          assert.equal(result.findings.length, 1);
          const [finding] = result.findings;
          assert.equal(finding.code, 'json.invalid_utf8');
          assert.equal(
            finding.params.found,
            `U+${surrogate.charCodeAt(0).toString(16).toUpperCase()}`,
          );
          assert.equal(finding.utf16Begin, head.length);
          assert.equal(finding.utf16End, head.length + 1);
          assert.equal(finding.column, head.length + 1);
        }
      }
    }
    // A well-formed pair stays valid text.
    const pair = segform.validate('{"baseModelId":"\ud83d\ude00"}');
    assert.deepEqual(
      pair.findings.map((finding) => finding.code),
      ['base_model_id.invalid'],
    );
  });

  test('many findings are capped and stay fast', () => {
    // 60,000 keys stay under the 1 MiB limit.
    const keys = Array.from({ length: 60000 }, () => '"modelType":null');
    const result = segform.validate(`{${keys.join(',')}}`);
    assert.equal(result.findings.length, 101);
    assert.equal(result.findings[100].code, 'findings.truncated');
    assert.equal(result.findings[100].params.more, 59999 - 100);
    // Every repeated key is an error, the ones the cap cut too.
    assert.equal(result.findings[100].params.moreErrors, 59999 - 100);
    assert.equal(result.errorCount, 59999);
  });

  test('unknown fields capped and counted', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `"k${i}":${i}`);
    const result = segform.validate(`{${keys.join(',')},"modelType":1}`);
    assert.equal(result.unknownFieldCount, 150);
    assert.equal(result.unknownFields.length, segform.limits.maxFindings);
    assert.deepEqual(result.unknownFields.at(-1), {
      key: 'k99',
      valueJson: '99',
    });
    // The spans still cover every member, for edits of the text.
    assert.equal(result.fieldSpans.length, 151);
  });

  test('the cap keeps an error written after 120 warnings', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `"k${i}":0`);
    const text = `{${keys.join(',')},"budgetMilliNodeHours":"-5"}`;
    const result = segform.validate(text, { ignoreUnknownFields: true });
    assert.equal(result.ok, false);
    assert.equal(result.errorCount, 1);
    assert.equal(result.findings.length, 101);
    assert.equal(result.findings[99].code, 'findings.truncated');
    assert.equal(result.findings[99].params.more, 21);
    assert.equal(result.findings[100].code, 'budget.negative');
  });

  test('declarations cannot be changed', async () => {
    assert.throws(() => {
      segform.limits.maxTextBytes = 5;
    }, TypeError);
    assert.throws(() => {
      segform.inputs.fields[0].jsonName = 'x';
    }, TypeError);
    // A second API, loaded after, reads the same limits.
    const other = await loadSegform();
    assert.equal(other.limits.maxTextBytes, 1048576);
    assert.equal(
      other.validate(`{"a":"${'x'.repeat(1048576)}"}`).findings[0].code,
      'json.too_large',
    );
  });

  test('hostile inputs each get a finding within 2 s, natively named', () => {
    const valid =
      '{"modelType":"CLOUD_HIGH_ACCURACY_1","budgetMilliNodeHours":"250000"}';
    const keys = Array.from({ length: 100000 }, (_, i) => `"${i}":0`).join(',');
    // A value under 60 objects, each with a key of 8,000 characters.
    const longKey = 'k'.repeat(8000);
    const deep = (value) =>
      `${`{"${longKey}":`.repeat(60)}${value}${'}'.repeat(60)}`;
    // Keys that read as displayName once separators are dropped.
    const closeToDisplayName = Array.from({ length: 40000 }, (_, index) => {
      let key = '';
      let code = index + 1;
      for (const character of 'displayName') {
        key += character;
        if (code % 4 !== 0) key += '-_ '[(code % 4) - 1];
        code = Math.floor(code / 4);
      }
      return `"${key}":0`;
    });
    const rows = [
      ['10 MiB of text', ' '.repeat(10 << 20), 'json.too_large'],
      ['nesting a million deep', '['.repeat(1000000), 'json.too_deep'],
      ['100,000 keys', `{${keys}}`, 'findings.truncated'],
      [
        '100,000 members of a pipeline request',
        `{"trainingTaskInputs":{},${keys}}`,
        'findings.truncated',
      ],
      [
        "100,000 members of a create request's pipeline",
        `{"parent":"projects/p/locations/l","trainingPipeline":{"trainingTaskInputs":{},${keys}}}`,
        'findings.truncated',
      ],
      [
        '16,000 nested duplicates under a long key',
        `{"${'k'.repeat(900000)}":{"b":1${',"b":1'.repeat(16000)}}}`,
        'json.duplicate_key',
      ],
      [
        '60,000 placeholders in a request',
        `{"trainingTaskInputs":{},"labels":[[${'"REPLACE_WITH_X",'.repeat(60000)}1]]}`,
        'findings.truncated',
      ],
      [
        '25,000 placeholders under a deep path',
        `{"displayName":"d","inputDataConfig":${deep(`[${'"REPLACE_WITH_",'.repeat(25000)}1]`)},"trainingTaskInputs":{}}`,
        'findings.truncated',
      ],
      [
        '20,000 duplicates before a late error',
        `{"trainingTaskInputs":{},"inputDataConfig":${deep(`{"b":1${',"b":1'.repeat(20000)}}`)},"modelType":1}`,
        'json.duplicate_key',
      ],
      [
        '40,000 members close to a member set last',
        `{${closeToDisplayName.join(',')},"displayName":"x","trainingTaskInputs":{}}`,
        'findings.truncated',
      ],
      [
        "15,000 copies of a request's inputs",
        `{${'"trainingTaskInputs":{"budgetMilliNodeHours":"5","x":{"a":1,"a":2}},'.repeat(15000)}"displayName":"x"}`,
        'findings.truncated',
      ],
      [
        "10,000 copies of a create request's pipeline",
        `{${'"trainingPipeline":{"trainingTaskInputs":{"budgetMilliNodeHours":"5"},"trainingTaskInputs":{}},'.repeat(10000)}"parent":"x"}`,
        'findings.truncated',
      ],
      [
        '60 nested pipelines around 90,000 keys',
        `{"parent":"p"${',"trainingPipeline":{"x":0'.repeat(60)},"trainingTaskInputs":{}${Array.from({ length: 90000 }, (_, i) => `,"k${i}":0`).join('')}${'}'.repeat(61)}`,
        'pipeline.missing_inputs',
      ],
      [
        '35,000 members close to trainingTaskInputs set last',
        `{${Array.from({ length: 35000 }, (_, i) => `"trainingTaskInput${i}":1,`).join('')}"trainingTaskInputs":{}}`,
        'findings.truncated',
      ],
      [
        'a field set 74,000 times',
        `{${'"modelType":1,'.repeat(74000)}"modelType":1}`,
        'field.duplicate',
      ],
      [
        'string just under the limit',
        `{"baseModelId":"${'a'.repeat(1048576 - 18)}"}`,
        'base_model_id.invalid',
      ],
      [
        'budget of a million spaces before a digit',
        `{"budgetMilliNodeHours":"${' '.repeat(1048576 - 30)}1"}`,
        'budget.not_portable',
      ],
      ['NUL bytes', '{"a":1}\u0000\u0000', 'json.syntax'],
    ];
    for (const [name, text, code] of rows) {
      const start = performance.now();
      const result = segform.validate(text);
      // A guard against hangs, not a speed target.
      assert.ok(performance.now() - start < 2000, `${name} took too long`);
      assert.ok(
        result.findings.some((finding) => finding.code === code),
        name,
      );
      assert.equal(
        segform.validate(valid).ok,
        true,
        `${name}: module still works`,
      );
    }
  });

  test('every prefix and every invalid byte position is handled', () => {
    const valid = new TextEncoder().encode(
      '{"modelType":"CLOUD_HIGH_ACCURACY_1","baseModelId":"m"}',
    );
    for (let length = 0; length < valid.length; length += 1) {
      assert.equal(
        segform.validate(valid.subarray(0, length)).ok,
        false,
        `prefix ${length}`,
      );
    }
    for (let i = 0; i <= valid.length; i += 1) {
      const bytes = new Uint8Array([
        ...valid.subarray(0, i),
        0xff,
        ...valid.subarray(i),
      ]);
      const [finding] = segform.validate(bytes).findings;
      assert.equal(finding.code, 'json.invalid_utf8');
      assert.equal(finding.begin, i);
    }
    assert.equal(segform.validate(valid).ok, true);
  });

  test('non-string input raises a TypeError, not an abort', () => {
    assert.throws(() => segform.validate(42), TypeError);
    assert.throws(() => segform.validate({ length: 3 }), TypeError);
    assert.equal(segform.validate('{}').ok, true);
  });

  // Only a real buffer or view is read. An object that merely has a
  // buffer's tag and byteLength once got the module's previous input
  // validated, since nothing was copied over it.
  test('look-alike buffers are refused', () => {
    segform.validate('{"baseModelId":"previous_value"}');
    const message = /^segform: validate\(\) takes a string or UTF-8 bytes$/;
    for (const fake of [
      { [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 32 },
      { [Symbol.toStringTag]: 'SharedArrayBuffer', byteLength: 32 },
      new Proxy(new ArrayBuffer(4), {}),
    ]) {
      assert.throws(() => segform.validate(fake), {
        name: 'TypeError',
        message,
      });
    }
    // A view's own properties cannot stand in for its slots.
    const view = new TextEncoder().encode('{"x": 1}');
    Object.defineProperty(view, 'buffer', { value: { length: 0 } });
    Object.defineProperty(view, 'byteLength', { value: 32 });
    assert.deepEqual(
      segform.validate(view).findings.map((finding) => finding.code),
      ['field.unknown'],
    );
  });

  // The glue once also printed the reason, twice, to standard error.
  test('a bad module rejects quietly', () => {
    const script = `
      import { loadSegform } from ${JSON.stringify(
        pathToFileURL(`${repoRoot}/web/segform.mjs`).href,
      )};
      loadSegform({ wasmBinary: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5]) })
        .then(() => console.log('started'), (error) => console.log(error.message));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module'], {
      input: script,
      encoding: 'utf8',
    });
    assert.equal(
      run.stdout,
      'segform: the module failed to start: CompileError: ' +
        'WebAssembly.instantiate(): expected section length @+9\n',
    );
    assert.equal(run.stderr, '');
  });

  test('a misspelt option raises TypeError', () => {
    assert.throws(() => segform.validate('{}', { ignoreUnknownField: true }), {
      name: 'TypeError',
      message:
        /^segform: validate\(\) has no option "ignoreUnknownField"; its one option is ignoreUnknownFields$/,
    });
  });

  test('an inherited option is checked as it is read', async () => {
    // An option is read through the prototype chain, so its name is checked
    // there too.
    assert.throws(
      () =>
        segform.validate(
          '{"x": 1}',
          Object.create({ ignoreUnknownField: true }),
        ),
      {
        name: 'TypeError',
        message: /^segform: validate\(\) has no option "ignoreUnknownField";/,
      },
    );
    await assert.rejects(
      loadSegform(Object.create({ wasmbinary: new Uint8Array() })),
      {
        name: 'TypeError',
        message: /^segform: loadSegform\(\) has no option "wasmbinary";/,
      },
    );
    const inherited = segform.validate(
      '{"x": 1}',
      Object.create({ ignoreUnknownFields: true }),
    );
    assert.equal(inherited.ok, true);
    assert.equal(inherited.findings[0].severity, 'warning');
    const bare = Object.assign(Object.create(null), {
      ignoreUnknownFields: true,
    });
    assert.equal(segform.validate('{"x": 1}', bare).ok, true);

    // A class defines its getters on its prototype, where they are not
    // enumerable, and they are read all the same.
    class MisspeltGetter {
      get ignoreUnknownField() {
        return true;
      }
    }
    assert.throws(() => segform.validate('{"x": 1}', new MisspeltGetter()), {
      name: 'TypeError',
      message: /^segform: validate\(\) has no option "ignoreUnknownField";/,
    });
    const hidden = Object.defineProperty({}, 'wasmbinary', { value: 1 });
    await assert.rejects(loadSegform(hidden), {
      name: 'TypeError',
      message: /^segform: loadSegform\(\) has no option "wasmbinary";/,
    });
    class Getter {
      get ignoreUnknownFields() {
        return true;
      }
    }
    assert.equal(segform.validate('{"x": 1}', new Getter()).ok, true);
    // A class's methods are no options. They were once reported as
    // misspelt ones.
    class WithMethod {
      constructor() {
        this.ignoreUnknownFields = true;
      }
      describe() {
        return 'options';
      }
    }
    assert.equal(segform.validate('{"x": 1}', new WithMethod()).ok, true);

    // A chain a proxy makes endless is checked to a depth, not for ever.
    const endless = new Proxy({}, { getPrototypeOf: () => endless });
    assert.equal(segform.validate('{}', endless).ok, true);
    // Another realm's Object.prototype is no options object's, even with a
    // name added to it.
    const foreign = runInNewContext(
      'Object.prototype.added = 1; ({ ignoreUnknownFields: true })',
    );
    assert.equal(segform.validate('{"x": 1}', foreign).ok, true);
  });

  test('options not an object raise TypeError', async () => {
    const map = new Map([['ignoreUnknownFields', true]]);
    for (const options of [5, true, 'abc', ['ignoreUnknownFields'], map]) {
      assert.throws(() => segform.validate('{"x": 1}', options), {
        name: 'TypeError',
        message:
          /^segform: validate\(\) takes its options as an object, such as \{ ignoreUnknownFields: true \}$/,
      });
    }
    assert.equal(segform.validate('{"x": 1}', null).ok, false);
    for (const options of [5, 'abc', new Date(0)]) {
      await assert.rejects(loadSegform(options), {
        name: 'TypeError',
        message: /^segform: loadSegform\(\) takes its options as an object/,
      });
    }
    await assert.rejects(loadSegform({ wasmbinary: new Uint8Array() }), {
      name: 'TypeError',
      message:
        /^segform: loadSegform\(\) has no option "wasmbinary"; its one option is wasmBinary$/,
    });
    // An object that calls itself an ArrayBuffer is not one.
    const impostor = { [Symbol.toStringTag]: 'ArrayBuffer' };
    for (const wasmBinary of ['abc', 5, [0, 97, 115, 109], impostor]) {
      await assert.rejects(loadSegform({ wasmBinary }), {
        name: 'TypeError',
        message:
          /^segform: loadSegform\(\) takes wasmBinary as an ArrayBuffer or a typed array$/,
      });
    }
  });

  test('wasmBinary as any view of the bytes', async () => {
    const bytes = await readFile(
      new URL('../../web/gen/segform.wasm', import.meta.url),
    );
    // The module's bytes at an offset, as other views see them. A
    // Uint16Array and a DataView once lost or dropped them.
    const buffer = new ArrayBuffer(bytes.length + 16);
    new Uint8Array(buffer).set(bytes, 8);
    const views = [
      new Uint8Array(buffer, 8, bytes.length),
      new DataView(buffer, 8, bytes.length),
      buffer.slice(8, 8 + bytes.length),
    ];
    // A Uint16Array covers an even number of bytes only.
    if (bytes.length % 2 === 0) {
      views.push(new Uint16Array(buffer, 8, bytes.length / 2));
    }
    // An ArrayBuffer from another realm fails instanceof, and was refused.
    const foreign = runInNewContext('new ArrayBuffer(size)', {
      size: bytes.length,
    });
    new Uint8Array(foreign).set(bytes);
    views.push(foreign);
    for (const wasmBinary of views) {
      const loaded = await loadSegform({ wasmBinary });
      assert.equal(loaded.validate('{"budgetMilliNodeHours": 5}').ok, false);
    }
  });

  test('bad options raise TypeError', async () => {
    // "false" is a string, which would read as true, and null is neither.
    for (const value of ['false', 1, {}, null]) {
      assert.throws(
        () => segform.validate('{}', { ignoreUnknownFields: value }),
        {
          name: 'TypeError',
          message:
            /^segform: validate\(\) takes ignoreUnknownFields as true or false$/,
        },
      );
    }
    assert.equal(
      segform.validate('{"x": 1}', { ignoreUnknownFields: undefined }).ok,
      false,
    );
    const bytes = new TextEncoder().encode('{}');
    const view = new DataView(bytes.buffer);
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    for (const input of [bytes, bytes.buffer, view]) {
      assert.throws(() => segform.validateFile(input), {
        name: 'TypeError',
        message: /^segform: validateFile\(\) cannot read a detached buffer$/,
      });
    }
    // A view past the end of its resized buffer once read as empty text:
    // the engine reports a typed array's offset and length there as 0.
    const resizable = new ArrayBuffer(16, { maxByteLength: 64 });
    new Uint8Array(resizable).set(new TextEncoder().encode('{"x": 1}'));
    const fixed = new Uint8Array(resizable, 8, 8);
    const fixedView = new DataView(resizable, 8, 8);
    const tracking = new Uint8Array(resizable);
    resizable.resize(8);
    for (const input of [fixed, fixedView]) {
      assert.throws(() => segform.validate(input), {
        name: 'TypeError',
        message:
          /^segform: validate\(\) cannot read a view past the end of its resized buffer$/,
      });
    }
    // A view that follows the buffer's length reads what is there.
    assert.deepEqual(
      segform.validate(tracking).findings.map((finding) => finding.code),
      ['field.unknown'],
    );
    // Each entry point names itself.
    assert.throws(() => segform.validateFile(null), {
      name: 'TypeError',
      message: /^segform: validateFile\(\) takes a string or UTF-8 bytes$/,
    });
    assert.throws(() => segform.validate(7), {
      name: 'TypeError',
      message: /^segform: validate\(\) takes a string or UTF-8 bytes$/,
    });
    assert.equal(segform.validate('{}').ok, true);
    assert.equal((await loadSegform(null)).validate('{}').ok, true);
  });
});
