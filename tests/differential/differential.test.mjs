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
import { strictParserObjection } from './reference_models.mjs';
import { startGoogleReference } from './google_client.mjs';
import { startSegformProbe } from './probe_client.mjs';
import {
  canonicalValues,
  followsRule,
  sameAccept,
  sameVerdict,
} from './rule.mjs';

const seed = Number(process.env.SEGFORM_DIFF_SEED ?? 1);
const count = Number(process.env.SEGFORM_DIFF_COUNT ?? 20000);

/**
 * Runs the inputs through the three parsers, all with the same options;
 * returns one row per input.
 * @param {Uint8Array[]} inputs
 * @param {{ignoreUnknownFields?: boolean}} [options]
 */
async function runAll(inputs, options = {}) {
  const google = startGoogleReference(options);
  const probe = startSegformProbe(options);
  try {
    const googleDone = google.parseAll(inputs);
    const probeDone = probe.parseAll(inputs);
    const bufbuildResults = inputs.map((bytes) =>
      parseWithBufbuild(bytes, options),
    );
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
    (row) =>
      !followsRule(
        row.google,
        row.bufbuild,
        row.segform,
        strictParserObjection(row.bytes),
      ),
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

// With unknown fields ignored, both references skip unknown fields, and
// @bufbuild/protobuf also skips enum strings it does not know. The rule is
// the same, except for errors segform keeps inside an ignored field where
// both references skip it, as the README lists: nesting past segform's limit
// of 64 levels, a lone surrogate escape, and more than 16 numbers too large
// for a double.
test(
  `${count} generated inputs follow the rule with unknown fields ignored`,
  { timeout: 120000 },
  async () => {
    const inputs = [
      ...corners.map((corner) => corner.bytes),
      ...generateInputs(seed, count),
    ];
    const rows = await runAll(inputs, { ignoreUnknownFields: true });
    const surrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
    const keptError = (row) =>
      sameAccept(row.google, row.bufbuild) &&
      !row.segform.ok &&
      (row.segform.codes.includes('json.number_overflow') ||
        row.segform.codes.includes('json.too_deep') ||
        (row.segform.codes.every((code) => code === 'json.syntax') &&
          surrogateEscape.test(Buffer.from(row.bytes).toString('utf8'))));
    assertFollowsRule(rows.filter((row) => !keptError(row)));
    // The option must change what is accepted, or this tests nothing.
    const defaultRows = await runAll(inputs);
    const accepted = (list) => list.filter((row) => row.segform.ok).length;
    assert.ok(
      accepted(rows) > accepted(defaultRows) + inputs.length / 100,
      `${accepted(rows)} accepted with the option, ` +
        `${accepted(defaultRows)} without`,
    );
  },
);
