// The project rule for segform's parse stage: accept a text exactly when both
// reference parsers accept it and read the same values, and protobuf's C++
// and Java parsers would too, and then read those values. Results have the
// shape {ok: true, values} or {ok: false, ...}.

/** Returns values as JSON text with the keys sorted, for comparison. */
export function canonicalValues(values) {
  const sorted = {};
  for (const key of Object.keys(values).sort()) sorted[key] = values[key];
  return JSON.stringify(sorted);
}

/** Returns true when both results accept and read the same values. */
export function sameAccept(first, second) {
  return (
    first.ok &&
    second.ok &&
    canonicalValues(first.values) === canonicalValues(second.values)
  );
}

/** Returns true when both results reject, or both accept the same values. */
export function sameVerdict(first, second) {
  if (!first.ok && !second.ok) return true;
  return sameAccept(first, second);
}

/**
 * Returns the result the rule expects of segform: the references' shared
 * values when they accept alike and protobuf's C++ and Java parsers raise
 * no objection (see strictParserObjection), otherwise a reject.
 */
export function expectedResult(google, bufbuild, objection = null) {
  if (sameAccept(google, bufbuild) && objection === null) {
    return { ok: true, values: google.values };
  }
  return { ok: false };
}

/** Returns true when segform's result is the one the rule expects. */
export function followsRule(google, bufbuild, segform, objection = null) {
  return sameVerdict(expectedResult(google, bufbuild, objection), segform);
}
