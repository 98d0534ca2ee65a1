// Puts every Unicode scalar value into an int64 string in four places
// ("<c>192000", "192000<c>", "<c>" and "1<c>") and prints, per place, the
// code points where the two references read budgetMilliNodeHours differently
// or both accept, as ranges. This pins down which whitespace each reference
// trims around a decimal string and which characters count as digits.
//
//   node tests/differential/scan_int64_strings.mjs
//
// Scans about 4.4 million inputs; it took about 2 minutes on a 2-core
// machine, most of it in the Python reference.

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

function* scalarValues() {
  for (let code = 0; code <= 0x10ffff; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    yield code;
  }
}

function showVerdict(result) {
  return result.ok ? `accept ${canonicalValues(result.values)}` : 'reject';
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
  return ranges
    .map(([first, last]) => (first === last ? showCode(first) : `${showCode(first)}-${showCode(last)}`))
    .join(', ');
}

async function scanPlace(google, makeString) {
  // "google verdict | bufbuild verdict" -> code points
  const classes = new Map();
  let batch = [];
  const flush = async () => {
    const inputs = batch.map((code) =>
      utf8(member('budgetMilliNodeHours', JSON.stringify(makeString(String.fromCodePoint(code))))),
    );
    const googleResults = await google.parseAll(inputs);
    batch.forEach((code, index) => {
      const key = `google ${showVerdict(googleResults[index])} | bufbuild ${showVerdict(parseWithBufbuild(inputs[index]))}`;
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
        if (key === 'google reject | bufbuild reject') {
          console.log(`- both reject: ${codes.length} code points`);
          continue;
        }
        const shown = codes.length > 300 ? `${codes.length} code points, e.g. ${showRanges(codes.slice(0, 40))}` : showRanges(codes);
        console.log(`- ${key}: ${shown}`);
      }
      console.log();
    }
  } finally {
    await google.close();
  }
}

await main();
