// Edits of the JSON text that change one top-level member and keep the rest
// as the user wrote it (formatting, order, unknown keys). Offsets are UTF-16
// code units, as in the validator's member spans and in CodeMirror.

import { membersOf } from './segform.mjs';

/**
 * Returns {objectSpan, members} from a validator result, or null when the
 * text was not a JSON object. The validator reports where each member's key
 * and value sit (members, a MemberSpans of web/segform.mjs), so the page
 * never parses the JSON text itself. Members are named by their index.
 */
export function memberSpans(result) {
  if (!result.objectSpan) return null;
  return { objectSpan: result.objectSpan, members: membersOf(result) };
}

/**
 * Returns the edits ({from, to, insert}[]) that give the field `jsonName` the
 * JSON value `token`, or remove it when `token` is undefined. A field set
 * more than once has all its members changed or removed alike.
 */
export function fieldEdits(text, spans, jsonName, token, protoName = jsonName) {
  const { members } = spans;
  const indices = members.indicesOf(jsonName);
  if (token === undefined) {
    return removalEdits(spans, indices);
  }
  if (indices.length > 0) {
    return indices.map((i) => ({
      from: members.valueBegin(i),
      to: members.valueEnd(i),
      insert: token,
    }));
  }
  // A new member takes the spelling the others are written in: the proto
  // name when a field is written so.
  const { count } = members;
  let spelling = jsonName;
  for (let i = 0; i < count; i += 1) {
    const field = members.field(i);
    if (field !== null && members.key(i) !== field) {
      spelling = protoName;
      break;
    }
  }
  return [insertionEdit(text, spans, JSON.stringify(spelling), token)];
}

/**
 * Returns the edits that remove the members at the given indices and the
 * commas that join them. Neighbouring members go in one edit, since two
 * edits of their own would overlap.
 */
export function removalEdits(spans, indices) {
  const { members } = spans;
  const last = members.count - 1;
  const removed = new Set(indices);
  const edits = [];
  for (const first of [...removed].sort((a, b) => a - b)) {
    if (removed.has(first - 1)) continue; // part of the run before
    let end = first;
    while (end < last && removed.has(end + 1)) end += 1;
    if (first > 0) {
      // From the end of the value before, so that its comma goes too.
      edits.push({
        from: members.valueEnd(first - 1),
        to: members.valueEnd(end),
        insert: '',
      });
    } else if (end < last) {
      edits.push({
        from: members.keyBegin(0),
        to: members.keyBegin(end + 1),
        insert: '',
      });
    } else {
      // When every member goes, the layout after the last value stays.
      edits.push({
        from: spans.objectSpan.begin + 1,
        to: members.valueEnd(end),
        insert: '',
      });
    }
  }
  return edits;
}

// Adds a member after the last one, copying the last member's indentation
// and the spacing around its colon.
function insertionEdit(text, spans, keyJson, token) {
  const { members } = spans;
  if (members.count === 0) {
    const open = spans.objectSpan.begin;
    const inner = text.slice(open + 1, spans.objectSpan.end - 1);
    // A member goes on a line of its own, with the text's line end, when
    // the braces are on two lines.
    const lineEnd = /\r\n?|\n/.exec(inner)?.[0];
    const lead = lineEnd ? `${lineEnd}${memberIndent(text, open)}` : '';
    return {
      from: open + 1,
      to: open + 1,
      insert: `${lead}${keyJson}: ${token}`,
    };
  }
  const last = members.count - 1;
  let leadBegin = members.keyBegin(last);
  while (leadBegin > 0 && ' \t\r\n'.includes(text[leadBegin - 1])) {
    leadBegin -= 1;
  }
  const colon = text.slice(members.keyEnd(last), members.valueBegin(last));
  // A member right after the brace or comma gives no spacing to copy, so a
  // space follows the comma when one follows the colon.
  const lead =
    text.slice(leadBegin, members.keyBegin(last)) ||
    (colon.includes(' ') ? ' ' : '');
  return {
    from: members.valueEnd(last),
    to: members.valueEnd(last),
    insert: `,${lead}${keyJson}${colon}${token}`,
  };
}

/**
 * Returns the indentation for a member of the empty object that opens at
 * `open`: that of the brace's line, and one step more. The step is what the
 * brace's line adds to the nearest line above it that is indented less,
 * or else the text's first indentation, or two spaces.
 */
function memberIndent(text, open) {
  const indentOf = (start, end) => /^[ \t]*/.exec(text.slice(start, end))[0];
  const lineStart =
    Math.max(
      text.lastIndexOf('\n', open - 1),
      text.lastIndexOf('\r', open - 1),
    ) + 1;
  const base = indentOf(lineStart, open);
  // A few hundred lines up reach the parent in any usual layout, and keep
  // a long list of siblings from being read line by line.
  let end = lineStart - 1;
  for (let lines = 0; base !== '' && end > 0 && lines < 500; lines += 1) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const indent = indentOf(start, end);
    if (
      indent.length < base.length &&
      base.startsWith(indent) &&
      text.slice(start + indent.length, end).trim() !== ''
    ) {
      return base + base.slice(indent.length);
    }
    end = start - 1;
  }
  const step = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return base + step;
}

/**
 * Returns the text with CRLF and lone CR line ends turned into LF, the only
 * line end the editor keeps.
 */
export function withLfLineEnds(text) {
  return text.replace(/\r\n?/g, '\n');
}

/** Applies edits (sorted or not, never overlapping) to a string. */
export function applyEdits(text, edits) {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) {
    result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to);
  }
  return result;
}
