// Runs every named corner input (corners.mjs) through the two reference
// parsers and segform's parse probe, and prints a Markdown table: how each
// reads the input, whether the references agree, and whether segform follows
// the rule in rule.mjs. Needs build/segform_parse_probe.
//
//   node tests/differential/characterize.mjs [--reasons]
//
// --reasons adds, below the table, each parser's reject reason per input.

import { parseWithBufbuild } from './bufbuild_reference.mjs';
import { corners } from './corners.mjs';
import { startGoogleReference } from './google_client.mjs';
import { startSegformProbe } from './probe_client.mjs';
import { strictParserObjection } from './reference_models.mjs';
import { followsRule, sameVerdict } from './rule.mjs';

// Inputs longer than this are shown cut, with their length.
const maxShownCharacters = 48;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function escapeCharacter(character) {
  const code = character.codePointAt(0);
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  if (character === '|') return '\\|';
  if (character === '`') return "'";
  // Controls, separators other than the space, format characters and
  // unpaired surrogates are invisible or ambiguous in a table cell.
  if (/[\p{Cc}\p{Z}\p{Cf}\p{Cs}]/u.test(character) && character !== ' ') {
    return `\\u{${code.toString(16).toUpperCase()}}`;
  }
  return character;
}

function cut(text, length, unit = 'bytes') {
  if (length <= maxShownCharacters) return text;
  return `${text.slice(0, maxShownCharacters)}…(${length} ${unit})`;
}

/** Returns a one-line, printable form of raw input bytes for a table cell. */
function showInput(bytes) {
  let text;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // Invalid UTF-8: printable ASCII as is, every other byte as \xNN.
    const printable = Array.from(
      bytes.slice(0, maxShownCharacters * 2),
      (byte) =>
        byte >= 0x20 && byte < 0x7f
          ? escapeCharacter(String.fromCharCode(byte))
          : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join('');
    return cut(printable, bytes.length);
  }
  const characters = Array.from(text.slice(0, maxShownCharacters * 2));
  return cut(characters.map(escapeCharacter).join(''), bytes.length);
}

/** Returns "accept {values}" or "reject" for a table cell. */
function showResult(result) {
  if (!result.ok) return 'reject';
  const parts = Object.entries(result.values).map(([key, value]) => {
    const shortKey = {
      modelType: 'type',
      budgetMilliNodeHours: 'budget',
      baseModelId: 'id',
    }[key];
    if (typeof value !== 'string') return `${shortKey}=${value}`;
    const characters = Array.from(value);
    const printable = characters
      .slice(0, maxShownCharacters * 2)
      .map(escapeCharacter)
      .join('');
    return `${shortKey}="${cut(printable, characters.length, 'characters')}"`;
  });
  return parts.length === 0 ? 'accept {}' : `accept ${parts.join(' ')}`;
}

function reason(result) {
  if (result.ok) return 'accepted';
  return result.error ?? result.codes.join(', ');
}

async function main() {
  const printReasons = process.argv.includes('--reasons');
  const google = startGoogleReference();
  const probe = startSegformProbe();
  const inputs = corners.map((corner) => corner.bytes);
  let googleResults;
  let probeResults;
  try {
    [googleResults, probeResults] = await Promise.all([
      google.parseAll(inputs),
      probe.parseAll(inputs),
    ]);
  } finally {
    await Promise.all([google.close(), probe.close()]);
  }
  const bufbuildResults = inputs.map((bytes) => parseWithBufbuild(bytes));

  const rows = [];
  let disagreements = 0;
  let breaks = 0;
  console.log('| name | input | google | bufbuild | agree | segform | rule |');
  console.log('|---|---|---|---|---|---|---|');
  corners.forEach((corner, index) => {
    const googleResult = googleResults[index];
    const bufbuildResult = bufbuildResults[index];
    const segformResult = probeResults[index];
    const agree = sameVerdict(googleResult, bufbuildResult);
    const follows = followsRule(
      googleResult,
      bufbuildResult,
      segformResult,
      strictParserObjection(corner.bytes),
    );
    if (!agree) disagreements += 1;
    if (!follows) breaks += 1;
    const cells = [
      corner.name.replaceAll('|', '\\|'),
      `\`${showInput(corner.bytes)}\``,
      showResult(googleResult),
      showResult(bufbuildResult),
      agree ? 'yes' : '**NO**',
      showResult(segformResult),
      follows ? 'ok' : '**BREAKS**',
    ];
    console.log(`| ${cells.join(' | ')} |`);
    rows.push({ corner, googleResult, bufbuildResult, segformResult });
  });
  console.log();
  console.log(
    `${corners.length} inputs: references disagree on ${disagreements}, ` +
      `segform breaks the rule on ${breaks}.`,
  );

  if (printReasons) {
    console.log();
    for (const {
      corner,
      googleResult,
      bufbuildResult,
      segformResult,
    } of rows) {
      console.log(`- ${corner.name}`);
      console.log(`  - google: ${reason(googleResult)}`);
      console.log(`  - bufbuild: ${reason(bufbuildResult)}`);
      console.log(`  - segform: ${reason(segformResult)}`);
    }
  }
}

await main();
