// Executable models of how the two reference parsers read
// AutoMlImageSegmentationInputs. The first models Google's protobuf for
// Python 4.21.12 (Debian's python3-protobuf: json_format.Parse on CPython
// 3.11's json and int()), the second @bufbuild/protobuf 2.17.0
// (fromJsonString on Node 20). They were written from the parsers' sources
// and from scan_int64_strings.mjs, and check_models.mjs compares them with
// the real parsers. Each model returns {ok: true, values} or
// {ok: false, error}. Where the two differ, segform must reject.

const fieldsByKey = new Map([
  ['modelType', 'modelType'],
  ['model_type', 'modelType'],
  ['budgetMilliNodeHours', 'budgetMilliNodeHours'],
  ['budget_milli_node_hours', 'budgetMilliNodeHours'],
  ['baseModelId', 'baseModelId'],
  ['base_model_id', 'baseModelId'],
]);

const modelTypeNumbers = new Map([
  ['MODEL_TYPE_UNSPECIFIED', 0],
  ['CLOUD_HIGH_ACCURACY_1', 1],
  ['CLOUD_LOW_ACCURACY_1', 2],
  ['MOBILE_TF_LOW_LATENCY_1', 3],
]);

const int32Min = -(2n ** 31n);
const int32Max = 2n ** 31n - 1n;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

class Reject extends Error {}

function reject(reason) {
  throw new Reject(reason);
}

// ---------------------------------------------------------------------------
// JSON text. Both references take RFC 8259 JSON with the same whitespace,
// escapes and number grammar. Python's json module also takes the bare words
// NaN, Infinity and -Infinity. Numbers keep their lexeme, because Python
// reads an integer lexeme exactly and JavaScript rounds it to a double.

const jsonWhitespace = new Set([' ', '\t', '\n', '\r']);
const numberPattern = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
// Both references reject every array or object inside the top-level value,
// so the cap changes no verdict. It only keeps this parser's recursion short.
const maxDepth = 64;

class JsonReader {
  constructor(text, allowPythonConstants) {
    this.text = text;
    this.position = 0;
    this.allowPythonConstants = allowPythonConstants;
  }

  readDocument() {
    const value = this.readValue(0);
    this.skipWhitespace();
    if (this.position !== this.text.length)
      reject('content after the JSON value');
    return value;
  }

  skipWhitespace() {
    while (jsonWhitespace.has(this.text[this.position])) this.position += 1;
  }

  startsWith(word) {
    if (!this.text.startsWith(word, this.position)) return false;
    this.position += word.length;
    return true;
  }

  readValue(depth) {
    if (depth > maxDepth) reject('nested too deep');
    this.skipWhitespace();
    const character = this.text[this.position];
    if (character === '{') return this.readObject(depth);
    if (character === '[') return this.readArray(depth);
    if (character === '"') return { type: 'string', value: this.readString() };
    if (this.startsWith('true')) return { type: 'bool', value: true };
    if (this.startsWith('false')) return { type: 'bool', value: false };
    if (this.startsWith('null')) return { type: 'null' };
    if (this.allowPythonConstants) {
      if (this.startsWith('NaN'))
        return { type: 'number', double: NaN, integerLexeme: null };
      if (this.startsWith('Infinity'))
        return { type: 'number', double: Infinity, integerLexeme: null };
      if (this.startsWith('-Infinity'))
        return { type: 'number', double: -Infinity, integerLexeme: null };
    }
    numberPattern.lastIndex = this.position;
    const match = numberPattern.exec(this.text);
    if (match === null) reject('invalid JSON value');
    this.position = numberPattern.lastIndex;
    const isInteger = match[1] === undefined && match[2] === undefined;
    return {
      type: 'number',
      double: Number(match[0]),
      integerLexeme: isInteger ? match[0] : null,
    };
  }

  readObject(depth) {
    this.position += 1;
    const members = [];
    this.skipWhitespace();
    if (this.startsWith('}')) return { type: 'object', members };
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') reject('expected a key');
      const key = this.readString();
      this.skipWhitespace();
      if (!this.startsWith(':')) reject("expected ':'");
      members.push([key, this.readValue(depth + 1)]);
      this.skipWhitespace();
      if (this.startsWith('}')) break;
      if (!this.startsWith(',')) reject("expected ',' or '}'");
    }
    // Both references reject a repeated key at any depth.
    const keys = new Set();
    for (const [key] of members) {
      if (keys.has(key)) reject(`duplicate key ${key}`);
      keys.add(key);
    }
    return { type: 'object', members };
  }

  readArray(depth) {
    this.position += 1;
    const items = [];
    this.skipWhitespace();
    if (this.startsWith(']')) return { type: 'array', items };
    for (;;) {
      items.push(this.readValue(depth + 1));
      this.skipWhitespace();
      if (this.startsWith(']')) break;
      if (!this.startsWith(',')) reject("expected ',' or ']'");
    }
    return { type: 'array', items };
  }

  // Returns the unescaped content. Lone surrogates from \u escapes stay in
  // the string, as both JSON parsers keep them.
  readString() {
    const escapes = {
      '"': '"',
      '\\': '\\',
      '/': '/',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
    };
    let value = '';
    this.position += 1;
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined) reject('unterminated string');
      if (character === '"') break;
      if (character < ' ') reject('control character in a string');
      if (character !== '\\') {
        value += character;
        this.position += 1;
        continue;
      }
      const escape = this.text[this.position + 1];
      if (escape in escapes) {
        value += escapes[escape];
        this.position += 2;
      } else if (
        escape === 'u' &&
        /^[0-9a-fA-F]{4}$/.test(
          this.text.slice(this.position + 2, this.position + 6),
        )
      ) {
        value += String.fromCharCode(
          parseInt(this.text.slice(this.position + 2, this.position + 6), 16),
        );
        this.position += 6;
      } else {
        reject('invalid escape');
      }
    }
    this.position += 1;
    return value;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes) {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return reject('invalid UTF-8');
  }
}

function collectValues(fields) {
  const values = {};
  if (fields.modelType !== 0n) values.modelType = Number(fields.modelType);
  if (fields.budgetMilliNodeHours !== 0n) {
    values.budgetMilliNodeHours = String(fields.budgetMilliNodeHours);
  }
  if (fields.baseModelId !== '') values.baseModelId = fields.baseModelId;
  return values;
}

function runModel(bytes, readMessage) {
  try {
    return { ok: true, values: collectValues(readMessage(decodeUtf8(bytes))) };
  } catch (error) {
    if (error instanceof Reject) return { ok: false, error: error.message };
    throw error;
  }
}

function emptyFields() {
  return { modelType: 0n, budgetMilliNodeHours: 0n, baseModelId: '' };
}

function checkRange(value, min, max) {
  if (value < min || value > max) reject('out of range');
  return value;
}

function isWellFormed(text) {
  return !/\p{Cs}/u.test(text);
}

// ---------------------------------------------------------------------------
// Google's protobuf for Python.

// Whitespace that CPython 3.11's int() strips from both ends of a string, as
// found by scan_int64_strings.mjs. It leaves U+001C-U+001F in place, although
// str.isspace() is true for them.
const pythonIntSpace =
  '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
// The code point of digit zero of each run of ten decimal digits (category
// Nd) in Unicode 14.0, the version of CPython 3.11's unicodedata. int()
// reads all of them. The table is fixed because Node's \p{Nd} follows a
// newer Unicode version with more digits.
const pythonDigitZeros = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66,
  0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810,
  0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
  0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30,
  0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
  0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
  0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140,
  0x1e2f0, 0x1e950, 0x1fbf0,
];
const pythonDigit = `[${pythonDigitZeros
  .map((zero) => `\\u{${zero.toString(16)}}-\\u{${(zero + 9).toString(16)}}`)
  .join('')}]`;
const pythonIntPattern = new RegExp(
  `^${pythonIntSpace}*([+-]?)(${pythonDigit}(?:_?${pythonDigit})*)${pythonIntSpace}*$`,
  'u',
);
// CPython's int() raises ValueError for a string of more than 4300 digits
// (sys.get_int_max_str_digits()).
const pythonMaxIntDigits = 4300;

/** Returns the value of a digit from pythonDigitZeros. */
function digitValue(character) {
  const code = character.codePointAt(0);
  const zero = pythonDigitZeros.findLast((start) => start <= code);
  return code - zero;
}

/** Models int(text) on a str. */
function pythonIntFromString(text) {
  const match = pythonIntPattern.exec(text);
  if (match === null) reject(`int() cannot read ${JSON.stringify(text)}`);
  const digits = Array.from(match[2]).filter((character) => character !== '_');
  if (digits.length > pythonMaxIntDigits) reject('more than 4300 digits');
  const magnitude = BigInt(digits.map(digitValue).join(''));
  return match[1] === '-' ? -magnitude : magnitude;
}

/** Models int(x) on a value from json.loads. */
function pythonInt(node) {
  if (node.type === 'bool') return node.value ? 1n : 0n;
  if (node.type === 'string') return pythonIntFromString(node.value);
  if (node.type !== 'number') return reject(`int() of a ${node.type}`);
  if (node.integerLexeme !== null) return BigInt(node.integerLexeme);
  if (!Number.isFinite(node.double)) reject('int() of NaN or infinity');
  return BigInt(Math.trunc(node.double));
}

/**
 * Models enum_type.values_by_number.get(number) of the C++-backed
 * descriptors (api_implementation.Type() == 'cpp'). Returns the number of
 * the declared value it finds, or null. The key is cut to its low 32 bits
 * when it fits int64, every key below -2^63 finds the value 0, and no key
 * from 2^63 up finds anything. NOTE: this was measured on 200,000 random
 * keys, not read from the C++ source.
 */
function pythonValuesByNumber(number) {
  if (number < int64Min) return 0n;
  if (number > int64Max) return null;
  const key = BigInt.asIntN(32, number);
  return key >= 0n && key <= 3n ? key : null;
}

function googleEnum(node) {
  if (node.type === 'string' && modelTypeNumbers.has(node.value)) {
    return BigInt(modelTypeNumbers.get(node.value));
  }
  if (node.type === 'object' || node.type === 'array')
    reject('unhashable enum value');
  // Any other value goes through int(), which truncates a float. A number
  // that finds a declared value reads as that value's number, so some values
  // outside int32 read as 0 to 3. Other numbers are kept as they are,
  // because proto3 enums are open, and must fit int32.
  const number = pythonInt(node);
  const declared = pythonValuesByNumber(number);
  if (declared !== null) return declared;
  return checkRange(number, int32Min, int32Max);
}

function googleInt64(node) {
  if (node.type === 'bool') reject('bool for an integer');
  if (
    node.type === 'number' &&
    node.integerLexeme === null &&
    !Number.isInteger(node.double)
  ) {
    reject('float that is not an integer');
  }
  if (node.type === 'string' && node.value.includes(' '))
    reject('space in an integer string');
  return checkRange(pythonInt(node), int64Min, int64Max);
}

function googleString(node) {
  if (node.type !== 'string') reject('not a string');
  if (!isWellFormed(node.value)) reject('unpaired surrogate');
  return node.value;
}

const googleConverters = {
  modelType: googleEnum,
  budgetMilliNodeHours: googleInt64,
  baseModelId: googleString,
};

function googleReadMessage(text) {
  // A leading U+FEFF is a reject: json.loads reports it, and it is no JSON
  // whitespace.
  const document = new JsonReader(text, true).readDocument();
  const fields = emptyFields();
  // json_format iterates the top-level value with `for name in js`, so an
  // empty list and an empty string read as an empty message. A non-empty
  // list or string fails on its first item, which names no field. A number,
  // bool or null fails because it is not iterable.
  if (document.type === 'array' && document.items.length === 0) return fields;
  if (document.type === 'string' && document.value === '') return fields;
  if (document.type !== 'object') reject('top-level value is not an object');
  // Duplicates were rejected, so each spelling of a name appears once. But a
  // field may come under both its JSON name and its proto name. The later
  // member then wins, and null clears the field.
  for (const [key, node] of document.members) {
    const field = fieldsByKey.get(key);
    if (field === undefined) reject(`unknown field ${key}`);
    fields[field] =
      node.type === 'null'
        ? emptyFields()[field]
        : googleConverters[field](node);
  }
  return fields;
}

/** Models json_format.Parse of Google's protobuf for Python on raw bytes. */
export function modelGoogle(bytes) {
  return runModel(bytes, googleReadMessage);
}

// ---------------------------------------------------------------------------
// @bufbuild/protobuf.

// StrWhiteSpaceChar of ECMAScript's StringToBigInt: WhiteSpace (tab, vertical
// tab, form feed, U+FEFF and category Zs) and LineTerminator.
const ecmaSpace =
  '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const ecmaBigIntPattern = new RegExp(
  `^${ecmaSpace}*(?:([+-]?[0-9]+)|0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+))?${ecmaSpace}*$`,
);

/** Models BigInt(text) on a string: whitespace alone reads as 0. */
function ecmaBigIntFromString(text) {
  const match = ecmaBigIntPattern.exec(text);
  if (match === null) reject(`BigInt() cannot read ${JSON.stringify(text)}`);
  if (match[1] !== undefined) return BigInt(match[1].replace(/^\+/, ''));
  if (match[2] !== undefined) return BigInt(`0x${match[2]}`);
  if (match[3] !== undefined) return BigInt(`0o${match[3]}`);
  if (match[4] !== undefined) return BigInt(`0b${match[4]}`);
  return 0n;
}

function bufbuildEnum(node) {
  if (node.type === 'string' && modelTypeNumbers.has(node.value)) {
    return BigInt(modelTypeNumbers.get(node.value));
  }
  // JSON.parse rounds every number to a double first.
  if (node.type !== 'number' || !Number.isInteger(node.double))
    reject('not an enum value');
  return checkRange(BigInt(node.double), int32Min, int32Max);
}

function bufbuildInt64(node) {
  if (node.type === 'number') {
    if (!Number.isInteger(node.double)) reject('not an integer');
    return checkRange(BigInt(node.double), int64Min, int64Max);
  }
  if (node.type === 'string' && node.value !== '') {
    return checkRange(ecmaBigIntFromString(node.value), int64Min, int64Max);
  }
  return reject('not an int64 value');
}

function bufbuildString(node) {
  if (node.type !== 'string') reject('not a string');
  if (!isWellFormed(node.value)) reject('invalid UTF-16');
  return node.value;
}

const bufbuildConverters = {
  modelType: bufbuildEnum,
  budgetMilliNodeHours: bufbuildInt64,
  baseModelId: bufbuildString,
};

function bufbuildReadMessage(text) {
  const document = new JsonReader(text, false).readDocument();
  if (document.type !== 'object') reject('top-level value is not an object');
  const fields = emptyFields();
  const seen = new Set();
  for (const [key, node] of document.members) {
    const field = fieldsByKey.get(key);
    if (field === undefined) reject(`unknown field ${key}`);
    // One field under both its names is an error, even when one is null.
    if (seen.has(field)) reject(`${field} set multiple times`);
    seen.add(field);
    fields[field] =
      node.type === 'null'
        ? emptyFields()[field]
        : bufbuildConverters[field](node);
  }
  return fields;
}

/** Models fromJsonString of @bufbuild/protobuf on raw bytes. */
export function modelBufbuild(bytes) {
  return runModel(bytes, bufbuildReadMessage);
}

// ---------------------------------------------------------------------------
// protobuf's C++ parser (json/internal/parser.cc, from version 22) and Java
// parser (JsonFormat), read from their sources, not run here. Both reject
// two kinds of int64 spelling that the references accept alike, so segform
// rejects them too.

// Every character either reference drops around an int64 string. The C++
// parser rejects ASCII white space anywhere in a quoted int64, and its
// integer and float readings take no other; Java's Long.parseLong and
// BigDecimal take none.
const int64StringSpace =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Returns why protobuf's C++ or Java parser rejects the budget of a text,
 * or null. The reasons are white space in an int64 string, and a number
 * with a fraction or exponent beyond 2^53, because the C++ parser reads it
 * as a double and takes one only up to 2^53.
 */
export function strictParserObjection(bytes) {
  let document;
  try {
    document = new JsonReader(decodeUtf8(bytes), false).readDocument();
  } catch (error) {
    if (error instanceof Reject) return null;
    throw error;
  }
  if (document.type !== 'object') return null;
  for (const [key, node] of document.members) {
    if (fieldsByKey.get(key) !== 'budgetMilliNodeHours') continue;
    if (node.type === 'string' && int64StringSpace.test(node.value)) {
      return 'white space in an int64 string';
    }
    if (
      node.type === 'number' &&
      node.integerLexeme === null &&
      Math.abs(node.double) > 2 ** 53
    ) {
      return 'a fraction or exponent beyond 2^53';
    }
  }
  return null;
}
