// The record in which the page keeps its JSON text in localStorage: a line
// that names the format, then the text as it is. localStorage stores any
// string, lone surrogates and NUL included, and Chromium 156 stores about
// 5.2 million UTF-16 units an origin, so any text within the 1 MiB limit
// fits. The first format wrote the text as JSON, which spends six units on
// a control character, so a text of more than about 870,000 did not fit.

/** The first line of a record in the current format, without its newline. */
export const savedTextFormat = 'segform-json-text-2';
const header = `${savedTextFormat}\n`;
// The first format, a JSON object {format, text}, which earlier versions of
// the page wrote and which is still read.
const jsonFormat = 'segform-json-text-1';

/** Returns the record that keeps `text`. */
export function savedRecord(text) {
  return header + text;
}

/**
 * Returns the text a record keeps, or null when it is in no format this
 * page reads (a later version's, say, or not a record at all).
 */
export function readSavedRecord(value) {
  if (value.startsWith(header)) {
    return value.slice(header.length);
  }
  let record;
  try {
    record = JSON.parse(value);
  } catch {
    return null;
  }
  return record?.format === jsonFormat && typeof record.text === 'string'
    ? record.text
    : null;
}
