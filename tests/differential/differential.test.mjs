// The differential test: segform's parse stage (native, through
// build/segform_parse_probe) against Google's protobuf for Python and
// @bufbuild/protobuf, on the named corners and on 20,000 generated inputs.
// The rule: segform accepts a text exactly when both references accept it
// and read the same values, and then reads those values.
//
// SEGFORM_DIFF_SEED and SEGFORM_DIFF_COUNT change the generated inputs.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseWithBufbuild } from './bufbuild_reference.mjs';
import { corners } from './corners.mjs';
import { generateInputs } from './generator.mjs';
import { startGoogleReference } from './google_client.mjs';
import { startSegformProbe } from './probe_client.mjs';
import { canonicalValues, followsRule, sameVerdict } from './rule.mjs';

const seed = Number(process.env.SEGFORM_DIFF_SEED ?? 1);
const count = Number(process.env.SEGFORM_DIFF_COUNT ?? 20000);

/** Runs the inputs through the three parsers; returns one row per input. */
async function runAll(inputs) {
  const google = startGoogleReference();
  const probe = startSegformProbe();
  try {
    const googleDone = google.parseAll(inputs);
    const probeDone = probe.parseAll(inputs);
    const bufbuildResults = inputs.map(parseWithBufbuild);
    const [googleResults, probeResults] = await Promise.all([
      googleDone,
      probeDone,
    ]);
    return inputs.map((bytes, index) => ({
      bytes,
      google: googleResults[index],
      bufbuild: bufbuildResults[index],
      segform: probeResults[index],
    }));
  } finally {
    await Promise.all([google.close(), probe.close()]);
  }
}

function describeRow({ name, bytes, google, bufbuild, segform }) {
  const show = (result) =>
    result.ok ? `accept ${canonicalValues(result.values)}` : 'reject';
  const input = Buffer.from(bytes).toString('utf8').slice(0, 200);
  return (
    `${name ?? ''} ${JSON.stringify(input)}: google ${show(google)}, ` +
    `bufbuild ${show(bufbuild)}, segform ${show(segform)}`
  );
}

function assertFollowsRule(rows) {
  const breaks = rows.filter(
    (row) => !followsRule(row.google, row.bufbuild, row.segform),
  );
  assert.equal(
    breaks.length,
    0,
    `segform breaks the rule on ${breaks.length} inputs, e.g.\n` +
      breaks.slice(0, 10).map(describeRow).join('\n'),
  );
}

test('named corners follow the rule', { timeout: 60000 }, async () => {
  const rows = (await runAll(corners.map((corner) => corner.bytes))).map(
    (row, index) => ({ ...row, name: corners[index].name }),
  );
  assert.ok(rows.length >= 150, `only ${rows.length} corners`);
  assertFollowsRule(rows);
  // The corners are there because the references part ways on some.
  assert.ok(rows.some((row) => !sameVerdict(row.google, row.bufbuild)));
});

test(
  `${count} generated inputs (seed ${seed}) follow the rule`,
  { timeout: 120000 },
  async () => {
    const inputs = generateInputs(seed, count);
    assert.ok(
      inputs.length >= 20000 || count < 20000,
      `only ${inputs.length} inputs`,
    );
    const rows = await runAll(inputs);
    assertFollowsRule(rows);
    // The generator must reach every kind of verdict to test anything.
    const bothAccept = rows.filter(
      (row) => row.google.ok && row.bufbuild.ok,
    ).length;
    const disagree = rows.filter(
      (row) => !sameVerdict(row.google, row.bufbuild),
    ).length;
    assert.ok(
      bothAccept > count / 10,
      `only ${bothAccept} inputs both references accept`,
    );
    assert.ok(
      disagree > count / 100,
      `only ${disagree} inputs the references disagree on`,
    );
  },
);
