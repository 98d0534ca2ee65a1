// Generates inputs (generator.mjs) and runs them through both references and
// segform's parse probe. Prints the time of each step and how often the
// references disagree. Then prints the inputs on which segform breaks the
// rule in rule.mjs, grouped by kind of break. Needs build/segform_parse_probe.
//
//   node tests/differential/run_generated.mjs [--seed N] [--count N] [--show N]
//
// --show sets how many inputs to print per kind of break (default 10), and
// --disagreements how many per kind of disagreement between the references
// (default 0).
// Exits with status 1 when segform breaks the rule on any input.

import { parseArgs } from 'node:util';

import { parseWithBufbuild } from './bufbuild_reference.mjs';
import { generateInputs } from './generator.mjs';
import { startGoogleReference } from './google_client.mjs';
import { startSegformProbe } from './probe_client.mjs';
import { strictParserObjection } from './reference_models.mjs';
import {
  canonicalValues,
  expectedResult,
  followsRule,
  sameVerdict,
} from './rule.mjs';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Returns the input as a JSON string when it is UTF-8, else as base64. */
function showInput(bytes) {
  let text;
  try {
    text = JSON.stringify(strictUtf8.decode(bytes));
  } catch {
    text = `base64 ${Buffer.from(bytes).toString('base64')}`;
  }
  return text.length > 300
    ? `${text.slice(0, 300)}… (${bytes.length} bytes)`
    : text;
}

function showResult(result) {
  return result.ok ? `accept ${canonicalValues(result.values)}` : 'reject';
}

/** Names the way the references disagree, or returns null when they agree. */
function disagreementKind(google, bufbuild) {
  if (sameVerdict(google, bufbuild)) return null;
  if (google.ok && bufbuild.ok) return 'references read different values';
  return google.ok ? 'only google accepts' : 'only bufbuild accepts';
}

function printExamples(title, list, limit) {
  console.log();
  console.log(`## ${title}: ${list.length}`);
  for (const {
    bytes,
    googleResult,
    bufbuildResult,
    segformResult,
  } of list.slice(0, limit)) {
    console.log(`- input ${showInput(bytes)}`);
    console.log(
      `  google ${showResult(googleResult)}; bufbuild ${showResult(bufbuildResult)}; ` +
        `segform ${showResult(segformResult)}`,
    );
  }
}

/** Names the way segform's result differs from the expected one. */
function breakKind(google, bufbuild, segform, objection) {
  const expected = expectedResult(google, bufbuild, objection);
  if (expected.ok && !segform.ok)
    return 'segform rejects, both references accept the same values';
  if (expected.ok) return 'segform reads other values than both references';
  if (google.ok && bufbuild.ok && objection !== null)
    return `segform accepts, protobuf's C++ and Java parsers reject: ${objection}`;
  if (google.ok && bufbuild.ok)
    return 'segform accepts, references read different values';
  if (google.ok || bufbuild.ok)
    return 'segform accepts, only one reference accepts';
  return 'segform accepts, both references reject';
}

function milliseconds(start) {
  return `${Math.round(performance.now() - start)} ms`;
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '20000' },
      show: { type: 'string', default: '10' },
      disagreements: { type: 'string', default: '0' },
    },
  });
  const seed = Number(options.seed);
  const count = Number(options.count);
  const show = Number(options.show);
  const showDisagreements = Number(options.disagreements);

  const totalStart = performance.now();
  let start = performance.now();
  const inputs = generateInputs(seed, count);
  const totalBytes = inputs.reduce((sum, bytes) => sum + bytes.length, 0);
  console.log(
    `generated ${inputs.length} inputs (${totalBytes} bytes, seed ${seed}) in ${milliseconds(start)}`,
  );

  const google = startGoogleReference();
  const probe = startSegformProbe();
  let googleResults;
  let probeResults;
  let bufbuildResults;
  try {
    // The two child processes work in parallel while Node runs bufbuild.
    start = performance.now();
    const googleDone = google.parseAll(inputs).then((results) => {
      console.log(`google reference: ${milliseconds(start)}`);
      return results;
    });
    const probeDone = probe.parseAll(inputs).then((results) => {
      console.log(`segform probe: ${milliseconds(start)}`);
      return results;
    });
    const bufbuildStart = performance.now();
    bufbuildResults = inputs.map((bytes) => parseWithBufbuild(bytes));
    console.log(
      `bufbuild reference: ${milliseconds(bufbuildStart)} (in this process)`,
    );
    [googleResults, probeResults] = await Promise.all([googleDone, probeDone]);
  } finally {
    await Promise.all([google.close(), probe.close()]);
  }
  console.log(`total: ${milliseconds(totalStart)}`);

  let bothAccept = 0;
  let disagreementCount = 0;
  const disagreements = new Map();
  const breaks = new Map();
  const addTo = (groups, kind, entry) => {
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(entry);
  };
  inputs.forEach((bytes, index) => {
    const googleResult = googleResults[index];
    const bufbuildResult = bufbuildResults[index];
    const segformResult = probeResults[index];
    const entry = { bytes, googleResult, bufbuildResult, segformResult };
    if (googleResult.ok && bufbuildResult.ok) bothAccept += 1;
    const disagreement = disagreementKind(googleResult, bufbuildResult);
    if (disagreement !== null) {
      disagreementCount += 1;
      addTo(disagreements, disagreement, entry);
    }
    const objection = strictParserObjection(bytes);
    if (!followsRule(googleResult, bufbuildResult, segformResult, objection)) {
      addTo(
        breaks,
        breakKind(googleResult, bufbuildResult, segformResult, objection),
        entry,
      );
    }
  });

  const breakCount = [...breaks.values()].reduce(
    (sum, list) => sum + list.length,
    0,
  );
  console.log();
  console.log(
    `${inputs.length} inputs: both references accept ${bothAccept}, ` +
      `they disagree on ${disagreementCount}, segform breaks the rule on ${breakCount}.`,
  );
  if (showDisagreements > 0) {
    for (const [kind, list] of disagreements)
      printExamples(kind, list, showDisagreements);
  }
  for (const [kind, list] of breaks) printExamples(kind, list, show);
  process.exitCode = breakCount === 0 ? 0 : 1;
}

await main();
