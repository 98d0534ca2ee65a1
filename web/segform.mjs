// Loads segform's WebAssembly module and returns its API as plain
// JavaScript values. Works in the browser and in Node (20 or later).

import {
  declaredNames,
  inputs,
  limits,
  paramNames,
  version,
} from './gen/declarations.mjs';
import createSegformModule from './gen/segform.mjs';

/**
 * A JSON Schema (draft 2020-12) of the message, from the declarations. It
 * is a named export, not a property of the loaded API, so that the page's
 * bundle, which has no use for it, leaves it out.
 */
export { schema } from './gen/declarations.mjs';

const utf8Encoder = new TextEncoder();

/**
 * Rewrites the U+FFFD that TextEncoder wrote for each lone UTF-16 surrogate
 * of `text`, copied to heap[at...], as the surrogate's own three bytes
 * (0xED, then two continuation bytes). The module reports those as invalid
 * UTF-8 at that character. A U+FFFD would instead pass as valid, and an
 * exported file would hold a character the user never typed.
 */
function writeLoneSurrogates(text, heap, at) {
  let byte = at;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      byte += 1;
    } else if (unit < 0x800) {
      byte += 2;
    } else if (
      (unit & 0xfc00) === 0xd800 &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      byte += 4; // a surrogate pair
      i += 1;
    } else {
      if ((unit & 0xf800) === 0xd800) {
        heap[byte] = 0xed;
        heap[byte + 1] = 0x80 | ((unit >> 6) & 0x3f);
        heap[byte + 2] = 0x80 | (unit & 0x3f);
      }
      byte += 3;
    }
  }
}

/** Returns the length of a string in UTF-8 bytes, without encoding it. */
function utf8Length(text) {
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      length += 1;
    } else if (unit < 0x800) {
      length += 2;
    } else if (
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      length += 4; // a surrogate pair
      i += 1;
    } else {
      length += 3; // the rest of the BMP, and a lone surrogate
    }
  }
  return length;
}

/**
 * Returns the buffer, offset and length of a typed array, DataView,
 * ArrayBuffer or SharedArrayBuffer, or throws a TypeError for anything else.
 */
function bufferOf(input, functionName) {
  if (ArrayBuffer.isView(input)) {
    // The prototype's getters read the view's internal slots, which an own
    // property named buffer or byteLength cannot replace.
    // A DataView made in another realm (an iframe, a vm context) fails
    // instanceof, so its kind is the one whose getter accepts it.
    let isDataView = true;
    let buffer;
    try {
      buffer = dataViewGetters.buffer.call(input);
    } catch {
      isDataView = false;
      buffer = typedArrayGetters.buffer.call(input);
    }
    const getters = isDataView ? dataViewGetters : typedArrayGetters;
    try {
      // A typed array past the end of its resized buffer reports an offset
      // and length of 0, so it is checked, as the iterator does.
      if (!isDataView) typedArrayValues.call(input);
      return {
        buffer,
        byteOffset: getters.byteOffset.call(input),
        byteLength: getters.byteLength.call(input),
      };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      // V8's message calls both cases detached.
      throw new TypeError(
        `segform: ${functionName}() cannot read ${
          isDetached(buffer)
            ? 'a detached buffer'
            : 'a view past the end of its resized buffer'
        }`,
      );
    }
  }
  // The buffers' byteLength getters accept only real buffers, and also
  // those made in another realm (an iframe, a vm context), where instanceof
  // fails. A look-alike object with the right tag is not one.
  for (const getByteLength of bufferByteLengthGetters) {
    let byteLength;
    try {
      byteLength = getByteLength.call(input);
    } catch {
      continue;
    }
    return { buffer: input, byteOffset: 0, byteLength };
  }
  throw new TypeError(
    `segform: ${functionName}() takes a string or UTF-8 bytes`,
  );
}

function getterOf(prototype, name) {
  return Object.getOwnPropertyDescriptor(prototype, name).get;
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayGetters = {
  buffer: getterOf(typedArrayPrototype, 'buffer'),
  byteOffset: getterOf(typedArrayPrototype, 'byteOffset'),
  byteLength: getterOf(typedArrayPrototype, 'byteLength'),
};
const typedArrayValues = typedArrayPrototype.values;
const dataViewGetters = {
  buffer: getterOf(DataView.prototype, 'buffer'),
  byteOffset: getterOf(DataView.prototype, 'byteOffset'),
  byteLength: getterOf(DataView.prototype, 'byteLength'),
};
const bufferByteLengthGetters = [
  getterOf(ArrayBuffer.prototype, 'byteLength'),
  ...(typeof SharedArrayBuffer === 'function'
    ? [getterOf(SharedArrayBuffer.prototype, 'byteLength')]
    : []),
];

/**
 * Returns a Uint8Array over the bytes, or throws segform's TypeError for a
 * buffer that was transferred away (detached), where the engine's own
 * message would name no argument.
 */
function viewBytes(buffer, byteOffset, byteLength, functionName) {
  try {
    return new Uint8Array(buffer, byteOffset, byteLength);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new TypeError(
      `segform: ${functionName}() cannot read a detached buffer`,
    );
  }
}

/** Returns whether the buffer was transferred away (detached). */
function isDetached(buffer) {
  try {
    // Only a detached buffer rejects an empty view at its start.
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function startsWithBom(bytes) {
  return (
    bytes.length >= 3 &&
    bytes[0] === 0xef &&
    bytes[1] === 0xbb &&
    bytes[2] === 0xbf
  );
}

// ignoreBOM keeps a U+FEFF at the start of the string area, which the
// lengths in the words count.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const severityNames = ['error', 'warning', 'info'];

// Above this many members, a result builds its fieldSpans when it is read.
const lazyMemberCount = 64;

/**
 * Reads a result the module encoded in its memory, in the layout written
 * down in cpp/wasm/result_buffer.h, and returns it as plain objects, the
 * same ones JSON.parse would build from segform's JSON form of a result.
 */
class ResultReader {
  constructor(module, header) {
    const heap = module.HEAPU32;
    const at = header >>> 2;
    const stringsAt = heap[at + 2];
    this.words = heap;
    this.next = heap[at] >>> 2;
    // Every string of the result is decoded in one call and cut apart by
    // the UTF-16 lengths in the words.
    this.strings = utf8Decoder.decode(
      module.HEAPU8.subarray(stringsAt, stringsAt + heap[at + 3]),
    );
    this.nextString = 0;
  }

  word() {
    const word = this.words[this.next];
    this.next += 1;
    return word;
  }

  string() {
    const start = this.nextString;
    this.nextString = start + this.word();
    return this.strings.slice(start, this.nextString);
  }

  // Reads a name from declaredNames (see result_buffer.h), sent as its index
  // there, or as the list's length followed by the name as a string.
  knownName(names) {
    const index = this.word();
    return index < names.length ? names[index] : this.string();
  }

  // A 64-bit integer, rounded once to the nearest double.
  integer() {
    const low = this.word();
    return (this.word() | 0) * 4294967296 + low;
  }

  // A finding's params, by kind: 0 a string, 1 an integer, 2 a list of
  // names (ParamValue::Kind in cpp/include/segform/segform.h).
  params() {
    const params = {};
    for (let count = this.word(); count > 0; count -= 1) {
      const name = paramNames[this.word()];
      const kind = this.word();
      if (kind === 0) {
        params[name] = this.string();
      } else if (kind === 1) {
        params[name] = this.integer();
      } else {
        const names = new Array(this.word());
        for (let i = 0; i < names.length; i += 1)
          names[i] = this.knownName(declaredNames);
        params[name] = names;
      }
    }
    return params;
  }

  finding() {
    const severity = severityNames[this.word()];
    const code = this.string();
    const path = this.string();
    const line = this.word();
    const column = this.word();
    const begin = this.word();
    const end = this.word();
    const utf16Begin = this.word();
    const utf16End = this.word();
    const message = this.string();
    const hint = this.string();
    const finding = {
      severity,
      code,
      path,
      line,
      column,
      begin,
      end,
      utf16Begin,
      utf16End,
      message,
    };
    if (hint !== '') finding.hint = hint;
    finding.params = this.params();
    return finding;
  }

  result() {
    // The words come in the layout's order, and the object is built in the
    // order of segform's JSON form.
    const ok = this.word() === 1;
    const errorCount = this.word();
    const skippedPrefix = this.word();
    const pipelineRequest = this.word() === 1;
    const inputsPath = this.string();
    const canonicalJson = this.string();

    const findings = new Array(this.word());
    for (let i = 0; i < findings.length; i += 1) findings[i] = this.finding();

    const formValues = {};
    for (let count = this.word(); count > 0; count -= 1) {
      const name = this.knownName(declaredNames);
      formValues[name] = this.knownName(declaredNames);
    }

    const unknownFieldCount = this.word();
    const unknownFields = new Array(this.word());
    for (let i = 0; i < unknownFields.length; i += 1) {
      const key = this.string();
      unknownFields[i] = { key, valueJson: this.string() };
    }

    const count = this.word();
    // A text of many members gets its spans as columns, and fieldSpans, one
    // object per member, is built only when it is read. The page reads the
    // columns, because 96,000 objects per keystroke cost about as much as
    // validating the megabyte that contains their keys (measured in Node).
    // A text of a few members gets the objects at once, which costs less.
    const members = count > lazyMemberCount ? this.memberSpans(count) : null;
    const fieldSpans = members === null ? this.fieldSpanObjects(count) : null;

    let objectSpan = null;
    if (this.word() === 1) {
      objectSpan = { begin: this.word(), end: this.word() };
    }
    const result = {
      ok,
      errorCount,
      findings,
      canonicalJson,
      formValues,
      unknownFields,
      unknownFieldCount,
      skippedPrefix,
      pipelineRequest,
      inputsPath,
      fieldSpans,
      objectSpan,
    };
    if (members !== null) {
      let built = null;
      // Writable and configurable, as the plain property of a smaller
      // result is.
      Object.defineProperty(result, 'fieldSpans', {
        enumerable: true,
        configurable: true,
        get: () => {
          built ??= members.toArray();
          return built;
        },
        set: (value) => {
          built = value;
        },
      });
      Object.defineProperty(result, 'members', { value: members });
    }
    return result;
  }

  fieldSpanObjects(count) {
    const fieldSpans = new Array(count);
    for (let i = 0; i < count; i += 1) {
      const key = this.knownName(declaredNames);
      const field = declaredNames[this.word()] ?? null;
      fieldSpans[i] = {
        key,
        field,
        keyBegin: this.word(),
        keyEnd: this.word(),
        valueBegin: this.word(),
        valueEnd: this.word(),
      };
    }
    return fieldSpans;
  }

  // Reads the member spans into a MemberSpans, without an object or a
  // string per member.
  memberSpans(count) {
    const members = new MemberSpans(count, this.strings);
    const { names, fields, offsets } = members;
    for (let i = 0; i < count; i += 1) {
      const name = this.word();
      if (name < declaredNames.length) {
        names[2 * i] = name;
      } else {
        // A key that is no declared name: where it sits in the strings.
        const length = this.word();
        names[2 * i] = -1 - this.nextString;
        names[2 * i + 1] = length;
        this.nextString += length;
      }
      fields[i] = this.word();
      for (let j = 0; j < 4; j += 1) offsets[4 * i + j] = this.word();
    }
    return members;
  }
}

/**
 * Returns the members of a result's checked object as a MemberSpans: the
 * result's own columns for a text of many members, or a view of its
 * fieldSpans.
 */
export function membersOf(result) {
  const members = result?.members;
  if (members instanceof MemberSpans) return members;
  if (!Array.isArray(result?.fieldSpans)) {
    throw new TypeError(
      'segform: membersOf takes a result of validate() or validateFile(); ' +
        `got ${describeIndex(result)}`,
    );
  }
  return new SpanObjects(result.fieldSpans);
}

/**
 * Returns i when it is the index of one of `count` members, and throws a
 * RangeError otherwise, so that a bad index gets no plausible value.
 */
function memberIndex(i, count) {
  if (Number.isInteger(i) && i >= 0 && i < count) return i;
  throw new RangeError(
    count === 0
      ? `segform: the result has no members, so ${describeIndex(i)} is no member's index`
      : `segform: a member index is an integer from 0 to ${count - 1}; got ${describeIndex(i)}`,
  );
}

/** Describes a value given as an index, without converting it. */
function describeIndex(i) {
  if (typeof i === 'number') return String(i);
  if (typeof i === 'bigint') return `the BigInt ${i}`;
  if (typeof i === 'string') return `the string ${JSON.stringify(i)}`;
  if (i === null) return 'null';
  if (Array.isArray(i)) return 'an array';
  return typeof i === 'object' ? 'an object' : typeof i;
}

/** The MemberSpans interface over fieldSpans objects. */
class SpanObjects {
  constructor(spans) {
    this.spans = spans;
    this.count = spans.length;
  }

  span(i) {
    return this.spans[memberIndex(i, this.count)];
  }

  key(i) {
    return this.span(i).key;
  }

  field(i) {
    return this.span(i).field;
  }

  keyBegin(i) {
    return this.span(i).keyBegin;
  }

  keyEnd(i) {
    return this.span(i).keyEnd;
  }

  valueBegin(i) {
    return this.span(i).valueBegin;
  }

  valueEnd(i) {
    return this.span(i).valueEnd;
  }

  indicesOf(field) {
    const indices = [];
    this.spans.forEach((span, i) => {
      if (span.field === field) indices.push(i);
    });
    return indices;
  }
}

/**
 * The members of the checked object, as columns: each member's key, the
 * declared field it sets (null for an unknown key), and where its key and
 * value sit in the text, in UTF-16 units.
 */
class MemberSpans {
  constructor(count, strings) {
    this.count = count;
    // Per member: its key's index in declaredNames, or -1 - (its start in
    // strings) followed by its length.
    this.names = new Int32Array(2 * count);
    // Per member: its field's index in declaredNames; the list's length
    // means none.
    this.fields = new Int32Array(count);
    // Per member: keyBegin, keyEnd, valueBegin, valueEnd.
    this.offsets = new Uint32Array(4 * count);
    this.strings = strings;
  }

  key(i) {
    const name = this.names[2 * memberIndex(i, this.count)];
    if (name >= 0) return declaredNames[name];
    const start = -1 - name;
    return this.strings.slice(start, start + this.names[2 * i + 1]);
  }

  field(i) {
    return declaredNames[this.fields[memberIndex(i, this.count)]] ?? null;
  }

  keyBegin(i) {
    return this.offsets[4 * memberIndex(i, this.count)];
  }

  keyEnd(i) {
    return this.offsets[4 * memberIndex(i, this.count) + 1];
  }

  valueBegin(i) {
    return this.offsets[4 * memberIndex(i, this.count) + 2];
  }

  valueEnd(i) {
    return this.offsets[4 * memberIndex(i, this.count) + 3];
  }

  /** Returns the indices of the members that set `field` (null: unknown keys). */
  indicesOf(field) {
    const target =
      field === null ? declaredNames.length : declaredNames.indexOf(field);
    const indices = [];
    if (target < 0) return indices;
    for (let i = 0; i < this.count; i += 1) {
      if (this.fields[i] === target) indices.push(i);
    }
    return indices;
  }

  /** Returns the members as {key, field, keyBegin, keyEnd, valueBegin, valueEnd}. */
  toArray() {
    const spans = new Array(this.count);
    for (let i = 0; i < this.count; i += 1) {
      spans[i] = {
        key: this.key(i),
        field: this.field(i),
        keyBegin: this.keyBegin(i),
        keyEnd: this.keyEnd(i),
        valueBegin: this.valueBegin(i),
        valueEnd: this.valueEnd(i),
      };
    }
    return spans;
  }
}

function decodeResult(module, header) {
  return new ResultReader(module, header).result();
}

/** Adds `units` to every UTF-16 offset of a result. */
function shiftUtf16Offsets(result, units) {
  for (const finding of result.findings) {
    finding.utf16Begin += units;
    finding.utf16End += units;
  }
  if (result.members) {
    const { offsets } = result.members;
    for (let i = 0; i < offsets.length; i += 1) offsets[i] += units;
  } else {
    for (const span of result.fieldSpans) {
      span.keyBegin += units;
      span.keyEnd += units;
      span.valueBegin += units;
      span.valueEnd += units;
    }
  }
  if (result.objectSpan) {
    result.objectSpan.begin += units;
    result.objectSpan.end += units;
  }
}

const isNode =
  typeof process !== 'undefined' && Boolean(process.versions?.node);

/**
 * The maximum number of objects in an options object's prototype chain
 * whose names checkOptions checks, since a proxy can make the chain endless.
 */
const maxOptionsChain = 32;

/**
 * Throws segform's TypeError unless `options` is absent or an object whose
 * one option, if any, is `optionName`. An option is read through the
 * prototype chain, so the names checked are the object's own and those it
 * inherits, up to a realm's Object.prototype, which has no prototype of its
 * own. Names that are not enumerable count too, because a class defines its
 * getters so. Methods a prototype defines, `constructor` among them, are
 * passed over. A misspelt option would otherwise be dropped without a sign.
 */
function checkOptions(options, functionName, optionName, example) {
  if (options == null) return;
  // A number or true would read as an object with no options, and a string
  // as one whose names are its indices. A built-in object such as a Map or
  // a Date keeps its entries where no option is read.
  if (
    typeof options !== 'object' ||
    Object.prototype.toString.call(options) !== '[object Object]'
  ) {
    throw new TypeError(
      `segform: ${functionName}() takes its options as an object, such as ${example}`,
    );
  }
  let object = options;
  for (let depth = 0; depth < maxOptionsChain; depth += 1) {
    for (const name of Object.getOwnPropertyNames(object)) {
      if (name !== optionName && !(depth > 0 && isMethod(object, name))) {
        throw new TypeError(
          `segform: ${functionName}() has no option "${name}"; its one option is ${optionName}`,
        );
      }
    }
    object = Object.getPrototypeOf(object);
    if (object === null || Object.getPrototypeOf(object) === null) return;
  }
}

/** Returns whether `object`'s own property `name` is a function. */
function isMethod(object, name) {
  const descriptor = Object.getOwnPropertyDescriptor(object, name);
  return typeof descriptor?.value === 'function';
}

// ArrayBuffer's byteLength getter, which throws for anything but an
// ArrayBuffer, from any realm.
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(
  ArrayBuffer.prototype,
  'byteLength',
).get;

/**
 * Returns whether value is an ArrayBuffer, from this realm or another.
 * instanceof checks for this realm's only.
 */
function isArrayBuffer(value) {
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the module. In Node the .wasm file is read from beside this file,
 * whatever the working directory, since the browser build cannot fetch a
 * file path there.
 * @param {{wasmBinary?: ArrayBuffer | ArrayBufferView}} [options]
 */
export async function loadSegform(options) {
  checkOptions(options, 'loadSegform', 'wasmBinary', '{ wasmBinary }');
  let { wasmBinary } = options ?? {};
  // The glue would report a string, say, as an empty module.
  if (
    wasmBinary !== undefined &&
    !isArrayBuffer(wasmBinary) &&
    !ArrayBuffer.isView(wasmBinary)
  ) {
    throw new TypeError(
      'segform: loadSegform() takes wasmBinary as an ArrayBuffer or a typed array',
    );
  }
  // The glue copies a view element by element, so a Uint16Array would lose
  // half its bytes, and a DataView would read as empty.
  if (ArrayBuffer.isView(wasmBinary) && !(wasmBinary instanceof Uint8Array)) {
    wasmBinary = new Uint8Array(
      wasmBinary.buffer,
      wasmBinary.byteOffset,
      wasmBinary.byteLength,
    );
  }
  if (!wasmBinary && isNode) {
    const { readFile } = await import('node:fs/promises');
    wasmBinary = await readFile(new URL('./gen/segform.wasm', import.meta.url));
  }
  // Emscripten's glue prints why the module failed to start, and rejects
  // with the same reason wrapped in "Aborted(...)" and advice for its
  // developers. The reason alone goes into the rejection. What the module
  // prints once started still goes to the console.
  let started = false;
  let module;
  try {
    module = await createSegformModule({
      ...(wasmBinary ? { wasmBinary } : {}),
      printErr(line) {
        if (started) console.error(line);
      },
    });
  } catch (error) {
    const reason = String(error?.message ?? error)
      .replace(/\s*Build with -s ASSERTIONS=1 for more info\.*/, '')
      .replace(/\.+$/, '')
      .replace(/^Aborted\((.*)\)$/s, '$1');
    throw new Error(`segform: the module failed to start: ${reason}`, {
      cause: error,
    });
  }
  started = true;

  // The module keeps one input buffer. Its address changes only when
  // inputBuffer() enlarges it, so the address is requested only then.
  let inputAt = 0;
  let inputCapacity = 0;
  function reserveInput(bytes) {
    if (bytes > inputCapacity) {
      inputAt = module.inputBuffer(bytes);
      inputCapacity = bytes;
    }
    return inputAt;
  }

  // Copies a string into the input buffer as UTF-8, with lone surrogates in
  // three bytes each, and returns its length in bytes, or -1 when it needs
  // more than capacity bytes.
  function writeString(text, capacity) {
    const written = encodeString(text, capacity);
    if (written >= 0 && !text.isWellFormed()) {
      writeLoneSurrogates(text, module.HEAPU8, inputAt);
    }
    return written;
  }

  function encodeString(text, capacity) {
    const at = reserveInput(capacity);
    const heap = module.HEAPU8;
    if (text.length > 1024) {
      const { read, written } = utf8Encoder.encodeInto(
        text,
        heap.subarray(at, at + capacity),
      );
      return read === text.length ? written : -1;
    }
    // A short text is copied unit by unit while it is ASCII, which costs
    // less than setting up encodeInto. The encoder takes over from the
    // first other character.
    let i = 0;
    for (; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) break;
      heap[at + i] = unit;
    }
    if (i === text.length) return i;
    const rest = heap.subarray(at + i, at + capacity);
    return i + utf8Encoder.encodeInto(text.slice(i), rest).written;
  }

  // Validates a string or UTF-8 bytes. A text over the size limit is
  // reported from its size alone, and no more of it than the limit is
  // copied into the module.
  function run(input, inputIsFile, options) {
    const functionName = inputIsFile ? 'validateFile' : 'validate';
    checkOptions(
      options,
      functionName,
      'ignoreUnknownFields',
      '{ ignoreUnknownFields: true }',
    );
    const ignoreUnknownFields =
      options?.ignoreUnknownFields === undefined
        ? false
        : options.ignoreUnknownFields;
    // A string such as "false" would read as true, so only booleans are
    // taken, and null is no more false than it is true.
    if (typeof ignoreUnknownFields !== 'boolean') {
      throw new TypeError(
        `segform: ${functionName}() takes ignoreUnknownFields as true or false`,
      );
    }
    let bytes;
    // The UTF-16 offsets of a string index the string as given: past its
    // byte-order mark, when the module dropped one.
    let markUnits = 0;
    if (typeof input === 'string') {
      const skippedPrefix = inputIsFile && input.startsWith('\ufeff') ? 3 : 0;
      // UTF-8 takes one to three bytes per UTF-16 code unit. A string of
      // more units than the limit has bytes is refused before it is copied.
      // A shorter one is copied into room for the limit and a little more,
      // and counted only when it does not fit, which saves reading a
      // megabyte twice on every keystroke.
      const limit = limits.maxTextBytes + skippedPrefix;
      const markOf = skippedPrefix > 0 ? 1 : 0;
      if (input.length > limit) {
        return oversize(
          utf8Length(input) - skippedPrefix,
          skippedPrefix,
          markOf,
        );
      }
      const capacity = Math.min(input.length * 3, limit + 3);
      const written = writeString(input, capacity);
      if (written < 0 || written > limit) {
        return oversize(
          utf8Length(input) - skippedPrefix,
          skippedPrefix,
          markOf,
        );
      }
      bytes = written;
      markUnits = markOf;
    } else {
      // Any typed array, DataView or buffer is read as its bytes. The size
      // is checked before the bytes are viewed as a Uint8Array, which fails
      // for views of more than 4 GiB.
      const { buffer, byteOffset, byteLength } = bufferOf(input, functionName);
      const head = viewBytes(
        buffer,
        byteOffset,
        Math.min(3, byteLength),
        functionName,
      );
      const skippedPrefix = inputIsFile && startsWithBom(head) ? 3 : 0;
      if (byteLength - skippedPrefix > limits.maxTextBytes) {
        return oversize(byteLength - skippedPrefix, skippedPrefix);
      }
      // Reserving may grow the module's memory, which replaces HEAPU8, so
      // the view is read after it.
      const at = reserveInput(byteLength);
      module.HEAPU8.set(
        viewBytes(buffer, byteOffset, byteLength, functionName),
        at,
      );
      bytes = byteLength;
    }
    // The options go as bits: 1 for a file, 2 to ignore unknown fields
    // (segform_validate in cpp/wasm/bindings.cc).
    const result = decodeResult(
      module,
      module._segform_validate(
        bytes,
        (inputIsFile ? 1 : 0) | (ignoreUnknownFields ? 2 : 0),
      ),
    );
    if (markUnits > 0) shiftUtf16Offsets(result, markUnits);
    return result;
  }

  // markUnits, as in run(), shifts the finding past a string's mark.
  function oversize(size, skippedPrefix, markUnits = 0) {
    const result = {
      ...decodeResult(module, module.oversizeResult(size)),
      skippedPrefix,
    };
    if (markUnits > 0) shiftUtf16Offsets(result, markUnits);
    return result;
  }

  return {
    version,
    /** The message's declared fields, from the C++ declarations. */
    inputs,
    /** The input limits: maxTextBytes, maxNestingDepth, maxFindings. */
    limits,
    /**
     * Validates JSON text: a string, or UTF-8 bytes in any typed array,
     * DataView or buffer. Returns {ok, errorCount, findings, canonicalJson,
     * formValues, unknownFields (the first limits.maxFindings),
     * unknownFieldCount, skippedPrefix, pipelineRequest, inputsPath,
     * fieldSpans, objectSpan}.
     * @param {{ignoreUnknownFields?: boolean}} [options]
     */
    validate(text, options) {
      return run(text, false, options);
    },
    /**
     * Validates the content of a file: a UTF-8 byte-order mark is dropped
     * and UTF-16 or UTF-32 is reported as such.
     * @param {{ignoreUnknownFields?: boolean}} [options]
     */
    validateFile(bytes, options) {
      return run(bytes, true, options);
    },
    /** Returns the size of the module's linear memory, in bytes. */
    memoryBytes() {
      return module.HEAP8.buffer.byteLength;
    },
    /** Returns the number of Embind value handles alive, for leak checks. */
    handleCount() {
      return module.count_emval_handles();
    },
  };
}
