// npm run bench: prints how fast segform validates the committed corpus
// next to the JSON-Schema stack and @bufbuild/protobuf, and how much the
// page weighs. Figures, not pass/fail: see bench/RESULTS.md for the record.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import Ajv2020 from 'ajv/dist/2020.js';
import { fromJsonString } from '@bufbuild/protobuf';

import { inputsSchema } from '../tests/differential/bufbuild_reference.mjs';
import { loadSegform, schema } from '../web/segform.mjs';

const root = new URL('../', import.meta.url);
const corpusPath = new URL('bench/corpus.json', root);
const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));
const corpusBytes = corpus.reduce(
  (sum, text) => sum + Buffer.byteLength(text),
  0,
);

/** Returns the median over rounds of the time per input, in nanoseconds. */
function medianNanosecondsPerInput(run, rounds = 41) {
  for (let i = 0; i < 5; i += 1) run(); // warm up the JIT
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (let repeat = 0; repeat < 10; repeat += 1) run();
    samples.push(
      Number(process.hrtime.bigint() - start) / (10 * corpus.length),
    );
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const segform = await loadSegform();
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
});
const validateWithSchema = ajv.compile(schema);

const timings = [
  [
    '(a) JSON.parse + ajv (allErrors)',
    () => {
      for (const text of corpus) {
        let value;
        try {
          value = JSON.parse(text);
        } catch {
          continue;
        }
        validateWithSchema(value);
      }
    },
  ],
  [
    '(b) @bufbuild/protobuf fromJsonString',
    () => {
      for (const text of corpus) {
        try {
          fromJsonString(inputsSchema, text);
        } catch {
          // an invalid input throws; that is part of its cost
        }
      }
    },
  ],
  [
    '(c) segform wasm validate(text)',
    () => {
      for (const text of corpus) segform.validate(text);
    },
  ],
].map(([name, run]) => [name, medianNanosecondsPerInput(run)]);

const baseline = timings[0][1];
console.log(
  `corpus: ${corpus.length} inputs, ${corpusBytes} bytes; Node ${process.version}`,
);
console.log('');
console.log('| runner | ns per input | ratio to (a) |');
console.log('| --- | ---: | ---: |');
for (const [name, nanoseconds] of timings) {
  console.log(
    `| ${name} | ${Math.round(nanoseconds)} | ${(nanoseconds / baseline).toFixed(2)} |`,
  );
}

const nativeBench = new URL('build/segform_bench', root);
if (existsSync(nativeBench)) {
  const output = execFileSync(
    nativeBench.pathname,
    [corpusPath.pathname, '--benchmark_min_time=1', '--benchmark_format=json'],
    { encoding: 'utf8' },
  );
  const [result] = JSON.parse(output).benchmarks;
  const nanoseconds =
    (result.cpu_time * { ns: 1, us: 1e3, ms: 1e6 }[result.time_unit]) /
    corpus.length;
  console.log(
    `| (d) native Validate() (Google Benchmark, CPU time) | ${Math.round(nanoseconds)} | ` +
      `${(nanoseconds / baseline).toFixed(2)} |`,
  );
}

// Instructions per input byte, counted by callgrind for Validate() alone
// (the harness that reads the corpus is not collected).
if (existsSync(nativeBench)) {
  const callgrind = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      '--toggle-collect=segform::Validate*',
      nativeBench.pathname,
      corpusPath.pathname,
      '--once',
    ],
    { encoding: 'utf8' },
  );
  const match = /Collected : (\d+)/.exec(callgrind.stderr ?? '');
  console.log(
    match
      ? `\nnative Validate(): ${(Number(match[1]) / corpusBytes).toFixed(0)} instructions per ` +
          'input byte (callgrind)'
      : '\ncallgrind gave no count (is valgrind installed?)',
  );
}

function sizes(path) {
  const bytes = readFileSync(new URL(path, root));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
console.log('');
console.log('| file | bytes | gzipped |');
console.log('| --- | ---: | ---: |');
const firstValidation = [
  'web/index.html',
  'web/style.css',
  'web/gen/app.js',
  'web/gen/segform.wasm',
];
let total = 0;
for (const path of [
  'web/gen/segform.wasm',
  'web/gen/segform.mjs',
  'web/gen/app.js',
  'web/gen/editor.js',
]) {
  const { raw, gzip } = sizes(path);
  console.log(`| ${path} | ${raw} | ${gzip} |`);
}
for (const path of firstValidation) total += sizes(path).gzip;
console.log(
  `| page up to the first validation (${firstValidation.length} files) | | ${total} |`,
);

// Inputs near the size limit whose one long value a rule reads character by
// character. The page validates the whole text on every keystroke, so each
// figure is the least a keystroke costs with such a document loaded.
const limit = segform.limits.maxTextBytes;
const hostile = [
  [
    'budget of spaces before a digit',
    `{"budgetMilliNodeHours":"${' '.repeat(limit - 30)}1"}`,
  ],
  [
    'budget of U+3000 and spaces before a digit',
    `{"budgetMilliNodeHours":"${'\u3000 '.repeat((limit - 30) / 4)}1"}`,
  ],
  ['model type of one long name', `{"modelType":"${'A'.repeat(limit - 20)}"}`],
  [
    'unknown keys',
    `{${Array.from({ length: 60000 }, (_, i) => `"key${i}":${i}`).join(',')}}`,
  ],
];
console.log('');
console.log('| near-limit input | bytes | wasm validate(), ms (median of 5) |');
console.log('| --- | ---: | ---: |');
for (const [name, text] of hostile) {
  const samples = [];
  for (let i = 0; i < 5; i += 1) {
    const start = process.hrtime.bigint();
    segform.validate(text);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${Buffer.byteLength(text)} | ${samples[2].toFixed(1)} |`,
  );
}
