// Compares the models in reference_models.mjs with the real reference
// parsers on the named corners and on generated inputs, and prints every
// input where a model reads differently from its parser. No output past the
// summary means the models account for every difference seen.
//
//   node tests/differential/check_models.mjs [--seed N] [--count N]
//
// Exits with status 1 when a model differs from its parser.

import { parseArgs } from 'node:util';

import { parseWithBufbuild } from './bufbuild_reference.mjs';
import { corners } from './corners.mjs';
import { generateInputs } from './generator.mjs';
import { startGoogleReference } from './google_client.mjs';
import { modelBufbuild, modelGoogle } from './reference_models.mjs';
import { canonicalValues, sameVerdict } from './rule.mjs';

// Mismatches printed per parser.
const maxShown = 20;

function showResult(result) {
  return result.ok
    ? `accept ${canonicalValues(result.values)}`
    : `reject (${result.error})`;
}

function showInput(bytes) {
  const text = Buffer.from(bytes).toString('base64');
  return text.length > 200
    ? `${text.slice(0, 200)}… (${bytes.length} bytes)`
    : text;
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '20000' },
    },
  });
  const inputs = [
    ...corners.map((corner) => corner.bytes),
    ...generateInputs(Number(options.seed), Number(options.count)),
  ];
  const google = startGoogleReference();
  let googleResults;
  try {
    googleResults = await google.parseAll(inputs);
  } finally {
    await google.close();
  }

  let mismatches = 0;
  const report = (parser, index, actual, modelled) => {
    mismatches += 1;
    if (mismatches > maxShown) return;
    console.log(`- ${parser}, input (base64) ${showInput(inputs[index])}`);
    console.log(
      `  parser ${showResult(actual)}; model ${showResult(modelled)}`,
    );
  };
  inputs.forEach((bytes, index) => {
    const googleModel = modelGoogle(bytes);
    if (!sameVerdict(googleResults[index], googleModel)) {
      report('google', index, googleResults[index], googleModel);
    }
    const bufbuildResult = parseWithBufbuild(bytes);
    const bufbuildModel = modelBufbuild(bytes);
    if (!sameVerdict(bufbuildResult, bufbuildModel)) {
      report('bufbuild', index, bufbuildResult, bufbuildModel);
    }
  });
  console.log(
    `${inputs.length} inputs: the models differ from their parsers on ${mismatches}.`,
  );
  process.exitCode = mismatches === 0 ? 0 : 1;
}

await main();
