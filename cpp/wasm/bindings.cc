// The WebAssembly module's functions for JavaScript.
//
// validate() is called on every keystroke, so its arguments and result are
// plain numbers: JavaScript writes the text into a buffer the module keeps
// (inputBuffer), and reads the result where the module encoded it (see
// result_buffer.h). It is a plain export, segform_validate below, and the
// functions called once in a while are Embind's. The declarations the page
// needs besides the validator (fields, schema, limits) are generated at
// build time into web/gen/declarations.mjs.
//
// The module is built without C++ exceptions, and nothing here throws for
// bad input, so no exception can reach JavaScript as an abort.

#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "call_arena.h"
#include "result_buffer.h"
#include "segform/segform.h"

namespace {

// The text of the next validate() call. It keeps its capacity, so editing a
// document of a given size does not allocate this buffer again.
std::string input;
segform::wasm::ResultBuffer result_buffer;

// Returns the address of a buffer of at least `bytes` bytes for the text.
uintptr_t InputBuffer(size_t bytes) {
  if (input.size() < bytes) input.resize(bytes);
  return reinterpret_cast<uintptr_t>(input.data());
}

// The result for a text of text_bytes bytes over the limit, which the
// JavaScript side reports without copying the text into the module.
uintptr_t OversizeResult(double text_bytes) {
  return result_buffer.Encode(
      segform::OversizeResult(static_cast<uint64_t>(text_bytes), false));
}

}  // namespace

// Validates the first `bytes` bytes of the input buffer and returns the
// address of the encoded result's header. Bit 0 of `options` is
// ValidateOptions::input_is_file, and bit 1 ignore_unknown_fields.
//
// JavaScript calls this as Module._segform_validate, a plain export, because
// Embind's wrapper cost about 200 ns a call in Node, measured on the
// benchmark's corpus: a twentieth of validate()'s time.
extern "C" EMSCRIPTEN_KEEPALIVE uintptr_t segform_validate(size_t bytes,
                                                           uint32_t options) {
  segform::ValidateOptions validate_options;
  validate_options.input_is_file = (options & 1) != 0;
  validate_options.ignore_unknown_fields = (options & 2) != 0;
  const std::string_view text(input.data(), std::min(bytes, input.size()));
  // The result's blocks come from the call's region and go back to it when
  // the result is destroyed. The window closes before encoding, so the
  // result buffer, which lives from call to call, grows through malloc.
  segform::wasm::CallArena::Open();
  const segform::ValidationResult result =
      segform::Validate(text, validate_options);
  segform::wasm::CallArena::Close();
  return result_buffer.Encode(result);
}

EMSCRIPTEN_BINDINGS(segform) {
  emscripten::function("inputBuffer", &InputBuffer);
  emscripten::function("oversizeResult", &OversizeResult);
}
