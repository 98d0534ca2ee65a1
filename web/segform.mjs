// Loads segform's WebAssembly module and returns its API as plain
// JavaScript values. Works in the browser and in Node (20 or later).

import createSegformModule from './gen/segform.mjs';

// TextEncoder turns a lone UTF-16 surrogate into U+FFFD, as the page's text
// would be saved; Embind's own string conversion would garble it.
const utf8Encoder = new TextEncoder();

/** Returns the length of a string in UTF-8 bytes, without encoding it. */
function utf8Length(text) {
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      length += 1;
    } else if (unit < 0x800) {
      length += 2;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length &&
               (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4; // a surrogate pair
      i += 1;
    } else {
      length += 3; // the rest of the BMP, and a lone surrogate as U+FFFD
    }
  }
  return length;
}

function startsWithBom(bytes) {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

const isNode =
  typeof process !== 'undefined' && Boolean(process.versions?.node);

/**
 * Loads the module. In Node the .wasm file is read from beside this file,
 * whatever the working directory, since the browser build cannot fetch a
 * file path there.
 * @param {{wasmBinary?: Uint8Array}} [options]
 */
export async function loadSegform(options = {}) {
  let { wasmBinary } = options;
  if (!wasmBinary && isNode) {
    const { readFile } = await import('node:fs/promises');
    wasmBinary = await readFile(new URL('./gen/segform.wasm', import.meta.url));
  }
  const module = await createSegformModule(wasmBinary ? { wasmBinary } : {});
  const limits = JSON.parse(module.describeLimits());

  // Validates a string or UTF-8 bytes. A text over the size limit is
  // reported from its size alone and never copied into the module.
  function run(input, inputIsFile, { ignoreUnknownFields = false } = {}) {
    // Any buffer or typed array is read as its bytes.
    if (input instanceof ArrayBuffer) input = new Uint8Array(input);
    if (ArrayBuffer.isView(input) && !(input instanceof Uint8Array)) {
      input = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    let size;
    let skippedPrefix = 0;
    if (typeof input === 'string') {
      skippedPrefix = inputIsFile && input.startsWith('\ufeff') ? 3 : 0;
      size = utf8Length(input) - skippedPrefix;
    } else if (ArrayBuffer.isView(input)) {
      skippedPrefix = inputIsFile && startsWithBom(input) ? 3 : 0;
      size = input.byteLength - skippedPrefix;
    }
    if (size > limits.maxTextBytes) {
      return { ...JSON.parse(module.oversizeResult(size)), skippedPrefix };
    }
    if (typeof input === 'string') input = utf8Encoder.encode(input);
    return JSON.parse(module.validateText(input, inputIsFile, ignoreUnknownFields));
  }

  return {
    version: module.version(),
    /** The message's declared fields, from the C++ declarations. */
    inputs: JSON.parse(module.describeInputs()),
    /** A JSON Schema (draft 2020-12) of the message, from the declarations. */
    schema: JSON.parse(module.schemaOfInputs()),
    /** The input limits: maxTextBytes, maxNestingDepth, maxFindings. */
    limits,
    /**
     * Validates JSON text (a string, or UTF-8 bytes as a Uint8Array).
     * Returns {ok, errorCount, findings, canonicalJson, formValues,
     * unknownFields, skippedPrefix}.
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
  };
}
