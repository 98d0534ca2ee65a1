// Writes bench/corpus.json: 240 realistic inputs of 50 to 200 bytes, valid
// and invalid, from a fixed seed. Run once; the corpus is committed so that
// every run of the benchmark measures the same inputs.

import { writeFileSync } from 'node:fs';

import fc from 'fast-check';

const modelTypes = [
  '"CLOUD_HIGH_ACCURACY_1"',
  '"CLOUD_LOW_ACCURACY_1"',
  '"MOBILE_TF_LOW_LATENCY_1"',
  '"MODEL_TYPE_UNSPECIFIED"',
  '"cloud-high-accuracy-1"',
  '1',
  '7',
];
const budgets = [
  '"192000"',
  '"250000"',
  '"5000"',
  '20000',
  '2000000',
  '"2000001"',
  '1.92e5',
  '"abc"',
  '"-5"',
  '0',
  '"9007199254740993"',
  'null',
];
const ids = [
  '"123456789"',
  '"seg_model-1"',
  '""',
  '" 12"',
  '"projects/p/locations/l/models/9"',
];
const keys = [
  ['modelType', 'budgetMilliNodeHours', 'baseModelId'],
  ['model_type', 'budget_milli_node_hours', 'base_model_id'],
  ['modelType', 'budgetMiliNodeHours', 'baseModelId'],
];

const inputArbitrary = fc
  .record({
    names: fc.constantFrom(...keys),
    type: fc.option(fc.constantFrom(...modelTypes), { nil: undefined }),
    budget: fc.option(fc.constantFrom(...budgets), { nil: undefined }),
    id: fc.option(fc.constantFrom(...ids), { nil: undefined }),
    pretty: fc.boolean(),
    extra: fc.constantFrom(
      undefined,
      undefined,
      undefined,
      '"multiLabel": true',
    ),
  })
  .map(({ names, type, budget, id, pretty, extra }) => {
    const members = [];
    [type, budget, id].forEach((value, index) => {
      if (value !== undefined) members.push(`"${names[index]}": ${value}`);
    });
    if (extra) members.push(extra);
    return pretty
      ? `{\n  ${members.join(',\n  ')}\n}\n`
      : `{${members.join(',')}}`;
  })
  .filter((text) => text.length >= 50 && text.length <= 200);

const corpus = fc.sample(inputArbitrary, { seed: 20261204, numRuns: 240 });
writeFileSync(
  new URL('./corpus.json', import.meta.url),
  `${JSON.stringify(corpus, null, 1)}\n`,
);
console.log(`wrote ${corpus.length} inputs`);
