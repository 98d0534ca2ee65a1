// Puts every Unicode scalar value into an int64 string in four places
// ("<c>192000", "192000<c>", "<c>" and "1<c>") and parses
// budgetMilliNodeHours with both references. Prints per place the code points
// where both accept, where only one accepts, and where the values differ.
// This pins down which whitespace each reference trims around a decimal
// string and which characters count as digits.
//
//   node tests/differential/scan_int64_strings.mjs
//
// Scans about 4.4 million inputs: 3 minutes 12 seconds on this project's
// 2-core machine, most of it in the Python reference.

import { parseWithBufbuild } from './bufbuild_reference.mjs';
import { startGoogleReference } from './google_client.mjs';
import { member, utf8 } from './corners.mjs';
import { canonicalValues } from './rule.mjs';

const places = [
  ['leading', (c) => `${c}192000`],
  ['trailing', (c) => `192000${c}`],
  ['alone', (c) => c],
  ['after a digit', (c) => `1${c}`],
];

// Inputs sent to the Python process per round trip, to bound memory.
const batchSize = 50000;

// Maximum number of ranges printed per group.
const maxShownRanges = 80;

function* scalarValues() {
  for (let code = 0; code <= 0x10ffff; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    yield code;
  }
}

function classify(google, bufbuild) {
  if (google.ok && bufbuild.ok) {
    return canonicalValues(google.values) === canonicalValues(bufbuild.values)
      ? 'both accept, same values'
      : 'both accept, different values';
  }
  if (google.ok) return 'only google accepts';
  if (bufbuild.ok) return 'only bufbuild accepts';
  return 'both reject';
}

function showCode(code) {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Returns "U+0009-U+000D, U+0020" for a sorted list of code points. */
function showRanges(codes) {
  const ranges = [];
  for (const code of codes) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  const listed = ranges
    .slice(0, maxShownRanges)
    .map(([first, last]) =>
      first === last ? showCode(first) : `${showCode(first)}-${showCode(last)}`,
    )
    .join(', ');
  const more = ranges.length - maxShownRanges;
  return more > 0 ? `${listed}, and ${more} more ranges` : listed;
}

async function scanPlace(google, makeString) {
  // group name -> code points
  const classes = new Map();
  let batch = [];
  const flush = async () => {
    const inputs = batch.map((code) =>
      utf8(
        member(
          'budgetMilliNodeHours',
          JSON.stringify(makeString(String.fromCodePoint(code))),
        ),
      ),
    );
    const googleResults = await google.parseAll(inputs);
    batch.forEach((code, index) => {
      const key = classify(
        googleResults[index],
        parseWithBufbuild(inputs[index]),
      );
      if (!classes.has(key)) classes.set(key, []);
      classes.get(key).push(code);
    });
    batch = [];
  };
  for (const code of scalarValues()) {
    batch.push(code);
    if (batch.length === batchSize) await flush();
  }
  await flush();
  return classes;
}

async function main() {
  const google = startGoogleReference();
  try {
    for (const [placeName, makeString] of places) {
      const classes = await scanPlace(google, makeString);
      console.log(`## ${placeName}: ${JSON.stringify(makeString('<c>'))}`);
      for (const [key, codes] of classes) {
        // Both rejecting is the common case and needs no listing.
        const listed = key === 'both reject' ? '' : `: ${showRanges(codes)}`;
        console.log(`- ${key} (${codes.length})${listed}`);
      }
      console.log();
    }
  } finally {
    await google.close();
  }
}

await main();
