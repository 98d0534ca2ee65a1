// Edits of the JSON text that change one top-level member and keep the rest
// as the user wrote it (formatting, order, unknown keys). Offsets are UTF-16
// code units, as in the validator's fieldSpans and in CodeMirror.

/**
 * Returns {objectSpan, fieldSpans} from a validator result, or null when the
 * text was not a JSON object. The validator reports where each member's key
 * and value sit, so the page never parses the JSON text itself.
 */
export function memberSpans(result) {
  if (!result.objectSpan) return null;
  return { objectSpan: result.objectSpan, fieldSpans: result.fieldSpans };
}

/**
 * Returns the edits ({from, to, insert}[]) that give the field `jsonName` the
 * JSON value `token`, or remove it when `token` is undefined. A field set
 * more than once has all its members changed or removed alike.
 */
export function fieldEdits(text, spans, jsonName, token) {
  const members = spans.fieldSpans.filter((span) => span.field === jsonName);
  if (token === undefined) {
    return removalEdits(spans, members);
  }
  if (members.length > 0) {
    return members.map((member) => ({
      from: member.valueBegin,
      to: member.valueEnd,
      insert: token,
    }));
  }
  return [insertionEdit(text, spans, JSON.stringify(jsonName), token)];
}

/**
 * Returns the edits that remove the given members (some of
 * spans.fieldSpans) and the commas that join them. Neighbouring members
 * go in one edit, since two edits of their own would overlap.
 */
export function removalEdits(spans, members) {
  const all = spans.fieldSpans;
  const removed = new Set(members);
  const edits = [];
  for (let first = 0; first < all.length; first += 1) {
    if (!removed.has(all[first])) continue;
    let last = first;
    while (last + 1 < all.length && removed.has(all[last + 1])) last += 1;
    if (first > 0) {
      // From the end of the value before, so that its comma goes too.
      edits.push({ from: all[first - 1].valueEnd, to: all[last].valueEnd, insert: '' });
    } else if (last + 1 < all.length) {
      edits.push({ from: all[0].keyBegin, to: all[last + 1].keyBegin, insert: '' });
    } else {
      // When every member goes, the layout after the last value stays.
      edits.push({ from: spans.objectSpan.begin + 1, to: all[last].valueEnd, insert: '' });
    }
    first = last;
  }
  return edits;
}

// Adds a member after the last one, copying the last member's indentation
// and the spacing around its colon.
function insertionEdit(text, spans, keyJson, token) {
  const all = spans.fieldSpans;
  if (all.length === 0) {
    const inner = text.slice(spans.objectSpan.begin + 1, spans.objectSpan.end - 1);
    const lead = inner.includes('\n') ? '\n  ' : '';
    return { from: spans.objectSpan.begin + 1, to: spans.objectSpan.begin + 1,
      insert: `${lead}${keyJson}: ${token}` };
  }
  const last = all[all.length - 1];
  let leadBegin = last.keyBegin;
  while (leadBegin > 0 && ' \t\r\n'.includes(text[leadBegin - 1])) {
    leadBegin -= 1;
  }
  const lead = text.slice(leadBegin, last.keyBegin);
  const colon = text.slice(last.keyEnd, last.valueBegin);
  return { from: last.valueEnd, to: last.valueEnd, insert: `,${lead}${keyJson}${colon}${token}` };
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
