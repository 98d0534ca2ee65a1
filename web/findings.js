// Renders the validator's findings as list items. All text, including keys
// and values from the user or a file, is inserted with textContent only.

import { unsafeToShowRanges } from './gen/declarations.mjs';
import { formatInteger } from './int64.js';

// The characters the validator's messages escape (kUnsafeToShowRanges in
// the C++ declarations): controls, and characters that are invisible or
// reorder the text around them. Lone surrogates too, which have no glyph.
const unsafeCharacter = new RegExp(
  `[${unsafeToShowRanges
    .map(
      ([first, last]) => `\\u{${first.toString(16)}}-\\u{${last.toString(16)}}`,
    )
    .join('')}\\u{d800}-\\u{dfff}]`,
  'gu',
);

const severityLabels = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
};

/** Returns "Error", "Warning" or "Note" for a finding's severity. */
export function severityLabel(severity) {
  return severityLabels[severity] ?? severity;
}

/**
 * Appends a finding's message and, when it has one, its hint, each in a
 * span of the given class. Both are set as text only, since messages quote
 * the user's input. A message has no full stop of its own, so one that
 * only screen readers and the element's text see ends it before the hint,
 * which the page shows on a line of its own.
 */
export function appendMessageAndHint(
  element,
  finding,
  { messageClass, hintClass },
) {
  const message = document.createElement('span');
  message.className = messageClass;
  message.textContent = finding.message;
  element.append(message);
  appendHint(element, finding, hintClass);
}

/**
 * Appends the finding's hint, when it has one, in a span of the given
 * class, after the full stop that ends the message for screen readers.
 * Returns the hint's span, or null.
 */
export function appendHint(element, finding, hintClass) {
  if (!finding.hint) {
    return null;
  }
  // A message that ends in a question mark needs no full stop.
  const stop = document.createElement('span');
  stop.className = 'visually-hidden';
  stop.textContent = finding.message.endsWith('?') ? ' ' : '. ';
  const hint = document.createElement('span');
  hint.className = hintClass;
  hint.textContent = finding.hint;
  element.append(stop, hint);
  return hint;
}

let nextFindingId = 1;

/**
 * Creates the <li> for one finding. `location`, when given, is shown before
 * the message, e.g. "inputs.json:1:56" for a finding in an imported file.
 */
export function createFindingElement(finding, location) {
  const item = document.createElement('li');
  item.id = `finding-${nextFindingId++}`;
  item.className = `finding finding-${finding.severity}`;
  item.dataset.code = finding.code;
  item.dataset.path = finding.path;
  item.dataset.severity = finding.severity;

  const label = document.createElement('span');
  label.className = 'finding-severity';
  label.textContent = `${severityLabel(finding.severity)}: `;
  item.append(label);

  if (location) {
    const where = document.createElement('span');
    where.className = 'finding-location';
    where.textContent = `${location}: `;
    item.append(where);
  }

  appendMessageAndHint(item, finding, {
    messageClass: 'finding-message',
    hintClass: 'finding-hint',
  });
  return item;
}

/** Counts findings by severity. */
function countFindings(findings) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    if (finding.severity in counts) {
      counts[finding.severity] += 1;
    }
  }
  return counts;
}

/**
 * Counts a result's findings by severity, those the findings cap cut
 * included, from its findings.truncated summary, which is not counted.
 */
export function countAllFindings(result) {
  const summary = result.findings.find(
    (finding) => finding.code === 'findings.truncated',
  );
  const counts = countFindings(
    result.findings.filter((finding) => finding !== summary),
  );
  if (summary) {
    counts.error += summary.params.moreErrors;
    counts.warning += summary.params.moreWarnings;
    counts.info += summary.params.moreNotes;
  }
  return counts;
}

/** Formats "1 error", "40,001 errors" and the like. */
export function pluralize(count, singular, plural = `${singular}s`) {
  return `${formatInteger(BigInt(count))} ${count === 1 ? singular : plural}`;
}

/** Summarizes counts as "No problems found." or "2 errors, 1 warning." */
export function describeCounts(counts) {
  const parts = [];
  if (counts.error) {
    parts.push(pluralize(counts.error, 'error'));
  }
  if (counts.warning) {
    parts.push(pluralize(counts.warning, 'warning'));
  }
  if (counts.info) {
    parts.push(pluralize(counts.info, 'note'));
  }
  return parts.length ? `${parts.join(', ')}.` : 'No problems found.';
}

// The characters of Unicode's bidirectional class B, which end a paragraph
// for the bidirectional algorithm (UAX #9).
const paragraphSeparator = /[\n\r\x1c-\x1e\x85\u2029]/;
const paragraphSeparators = /([\n\r\x1c-\x1e\x85\u2029])/;

/**
 * Returns the text cut to `max` UTF-16 code units and an ellipsis, never
 * between the halves of a surrogate pair. A megabyte of text in an option,
 * a row or a label cost Chromium 0.1 to 0.3 s of layout on every render,
 * and its first 200 characters are enough to recognize it.
 */
export function shortened(text, max = 200) {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/**
 * Returns text from the JSON or a file name as the page shows it. Text
 * with bidirectional formatting characters could reorder what is around it
 * (a value could read as its key), so it is set in an isolate, U+2068 ...
 * U+2069, which ends the embeddings and overrides in it. A U+2069 with no
 * opener in the text would close that isolate early, so each gets an
 * opener of its own before the text. An opener the text leaves open would
 * take the closing U+2069, so each gets a U+2069 of its own after the
 * text.
 */
export function isolateBidi(text) {
  if (!/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) {
    return text;
  }
  // A paragraph separator ends every isolate and override before it, so
  // each paragraph of the text gets an isolate of its own.
  if (paragraphSeparator.test(text)) {
    return text
      .split(paragraphSeparators)
      .map((part, index) => (index % 2 === 1 ? part : isolateBidi(part)))
      .join('');
  }
  let open = 0;
  let strayClosers = 0;
  for (const [character] of text.matchAll(/[\u2066-\u2069]/g)) {
    if (character !== '\u2069') {
      open += 1;
    } else if (open > 0) {
      open -= 1;
    } else {
      strayClosers += 1;
    }
  }
  return `${'\u2068'.repeat(1 + strayClosers)}${text}${'\u2069'.repeat(1 + open)}`;
}

/**
 * Returns the text with each character the validator's messages escape
 * written as they write it: \u200B, or \u{E0041} past U+FFFF. With
 * `layout`, tabs and line breaks are left as they are.
 */
export function escapeUnsafe(text, { layout = false } = {}) {
  return text.replace(unsafeCharacter, (character) => {
    if (
      layout &&
      (character === '\t' || character === '\n' || character === '\r')
    ) {
      return character;
    }
    const code = character.codePointAt(0).toString(16).toUpperCase();
    return code.length > 4 ? `\\u{${code}}` : `\\u${code.padStart(4, '0')}`;
  });
}

/**
 * Returns the text in double quotes as the validator's messages quote it,
 * so that a key reads the same in a row as in its finding: '"' and '\'
 * escaped with a backslash, and escapeUnsafe's escapes. The quotes stay
 * outside the isolate of the text (see isolateBidi).
 */
export function quoteForDisplay(text) {
  return `"${isolateBidi(escapeUnsafe(text.replace(/["\\]/g, '\\$&')))}"`;
}

/** Escapes a key as one JSON Pointer reference token (RFC 6901). */
export function escapePointerToken(key) {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
