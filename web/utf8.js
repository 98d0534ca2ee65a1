// Lengths of a text other than its UTF-16 code units: in UTF-8 bytes, which
// the page's size limit counts, and in code points, which messages call
// characters.

/**
 * Returns the length of the text in UTF-8 bytes, a lone surrogate in three,
 * as the page copies it into the module.
 */
export function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
    } else if (
      (unit & 0xfc00) === 0xd800 &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      // Two code units, four bytes.
      bytes += 2;
      i += 1;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

/** Returns the number of code points in the text, a lone surrogate as one. */
export function codePointCount(text) {
  let count = text.length;
  for (let i = 0; i + 1 < text.length; i += 1) {
    if (
      (text.charCodeAt(i) & 0xfc00) === 0xd800 &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}
