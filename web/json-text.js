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
    return members.map((member) => removalEdit(text, spans, member));
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

/** Returns the edit that removes one member and the comma that joins it. */
export function removalEdit(text, spans, member) {
  const all = spans.fieldSpans;
  const position = all.indexOf(member);
  if (position > 0) {
    // From the end of the previous value: its comma and this member's layout.
    return { from: all[position - 1].valueEnd, to: member.valueEnd, insert: '' };
  }
  if (all.length > 1) {
    return { from: member.keyBegin, to: all[1].keyBegin, insert: '' };
  }
  // The only member: what follows its value (the layout before '}') stays.
  return { from: spans.objectSpan.begin + 1, to: member.valueEnd, insert: '' };
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

/** Applies edits (sorted or not, never overlapping) to a string. */
export function applyEdits(text, edits) {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) {
    result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to);
  }
  return result;
}
