// Helpers for int64 fields: turning what the user typed into a JSON token,
// and exact decimal arithmetic on the validated integer for display.

// The number grammar of RFC 8259, section 6.
const jsonNumberPattern =
  /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

const integerPattern = /^-?[0-9]+$/;
// One group of thousands after a full stop, or a fraction of three digits.
// No one groups thousands after a leading 0, so 0.500 is a fraction.
const fullStopGroupPattern = /^-?[1-9][0-9]{0,2}\.[0-9]{3}$/;

// A JSON number's parts: sign, whole digits, fraction digits, exponent.
const numberPartsPattern =
  /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

// Past this many digits before the point a number is far beyond int64, and
// its exact value is not worked out.
const maxWholeDigits = 40;

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Returns the exact value of a JSON number as a BigInt when it is a whole
 * number of at most maxWholeDigits digits ("1.5e1" is 15n), or null.
 */
function exactWholeValue(number) {
  const [, sign, whole, fraction = '', exponent = '0'] =
    numberPartsPattern.exec(number);
  // The significant digits, and where the point falls among them.
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leadingZeros).replace(/0+$/, '');
  point -= leadingZeros;
  if (digits === '') {
    return 0n;
  }
  if (point > maxWholeDigits || digits.length > point) {
    return null;
  }
  const value = BigInt(digits.padEnd(point, '0'));
  return sign === '-' ? -value : value;
}

/**
 * Converts the text of an int64 field into the JSON token to validate, or
 * undefined when the text is empty or blank, because an empty field is unset.
 * Spaces around the text are dropped, as a form field's are.
 *
 * Text that is a JSON number is written as a number, so the validator applies
 * proto3 JSON's number rules (2e5 is 200000). A whole number beyond 2^53 is
 * written as a string of digits instead, as proto3 JSON writes int64, since
 * a reader that takes JSON numbers as doubles would round it. Any other text
 * is written as a JSON string (a JSON string typed with its quotes, as it
 * is), so the validator reports it: the page never
 * drops a value it cannot read, and it never keeps an earlier one in its
 * place. So is a number of one to three digits, a full stop and three
 * digits ("20.000"), which may mean thousands: as a string, the validator
 * offers both readings, where as a number it would be read as 20.
 */
export function int64TextToJsonToken(text) {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (!jsonNumberPattern.test(trimmed) || fullStopGroupPattern.test(trimmed)) {
    return jsonStringValue(trimmed) ?? JSON.stringify(trimmed);
  }
  // "9007199254740993.0" and "9007199254740993e0" are whole numbers beyond
  // 2^53 too, and are written as their digits.
  const value = exactWholeValue(trimmed);
  if (value !== null && (value > maxSafe || value < -maxSafe)) {
    return JSON.stringify(
      integerPattern.test(trimmed) ? trimmed : value.toString(),
    );
  }
  return trimmed;
}

/**
 * Returns the text as a JSON string token when it is one, such as a value
 * copied with its quotes from a hint (Write "200000"), or null. The page's
 * hints quote values as JSON writes them, and the quotes are not part of
 * the value.
 */
function jsonStringValue(text) {
  if (!text.startsWith('"')) {
    return null;
  }
  try {
    const value = JSON.parse(text);
    return typeof value === 'string' ? JSON.stringify(value) : null;
  } catch {
    return null;
  }
}

/**
 * Parses a validated decimal integer string into a BigInt, or returns null
 * when the string is not a plain integer (for example "2e" or "true").
 */
export function parseInteger(text) {
  if (typeof text !== 'string' || !integerPattern.test(text)) {
    return null;
  }
  return BigInt(text);
}

/**
 * Formats a BigInt with thousands separators, e.g. 192000n as "192,000", as
 * toLocaleString('en-US') does. The first toLocaleString call of a page
 * loads the browser's number formats, which took about 20 ms in Chromium.
 */
export function formatInteger(value) {
  const digits = (value < 0n ? -value : value).toString();
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) {
    grouped += `,${digits.slice(i, i + 3)}`;
  }
  return value < 0n ? `-${grouped}` : grouped;
}

/**
 * Formats numerator / denominator (BigInts, denominator > 0) in decimal with
 * thousands separators. The result is exact when the quotient has at most
 * maxFractionDigits decimals. Otherwise it is rounded half up, and `exact`
 * is false so the caller can say "about".
 * @returns {{text: string, exact: boolean}}
 */
export function formatQuotient(numerator, denominator, maxFractionDigits = 6) {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const scale = 10n ** BigInt(maxFractionDigits);
  const exact = (magnitude * scale) % denominator === 0n;
  const scaled = (magnitude * scale * 2n + denominator) / (2n * denominator);
  const whole = scaled / scale;
  const fraction = (scaled % scale)
    .toString()
    .padStart(maxFractionDigits, '0')
    .replace(/0+$/, '');
  const sign = negative && scaled !== 0n ? '-' : '';
  const text = sign + formatInteger(whole) + (fraction ? `.${fraction}` : '');
  return { text, exact };
}
