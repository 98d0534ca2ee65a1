// Loads segform's WebAssembly module and returns its API as plain
// JavaScript values. Works in the browser and in Node (20 or later).

import createSegformModule from './gen/segform.mjs';

// TextEncoder turns a lone UTF-16 surrogate into U+FFFD, as the page's text
// would be saved; Embind's own string conversion would garble it.
const utf8Encoder = new TextEncoder();

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
  return {
    version: module.version(),
    /** The message's declared fields, from the C++ declarations. */
    inputs: JSON.parse(module.describeInputs()),
    /**
     * Validates JSON text (a string, or UTF-8 bytes as a Uint8Array).
     * Returns {ok, errorCount, findings, canonicalJson, formValues,
     * unknownFields, skippedPrefix}.
     */
    validate(text) {
      const bytes = typeof text === 'string' ? utf8Encoder.encode(text) : text;
      return JSON.parse(module.validateText(bytes, false));
    },
    /**
     * Validates the bytes of a file: a UTF-8 byte-order mark is dropped and
     * UTF-16 is reported as such.
     */
    validateFile(bytes) {
      const data = typeof bytes === 'string' ? utf8Encoder.encode(bytes) : bytes;
      return JSON.parse(module.validateText(data, true));
    },
    /** Returns the size of the module's linear memory, in bytes. */
    memoryBytes() {
      return module.HEAP8.buffer.byteLength;
    },
  };
}
