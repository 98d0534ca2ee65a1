// Embind bindings of the WebAssembly module.
//
// validate() is called on every keystroke, so its arguments and result are
// plain numbers: JavaScript writes the text into a buffer the module keeps
// (inputBuffer), and reads the result where the module encoded it (see
// result_buffer.h). No string, object or handle crosses Embind per call.
// The declarations the page needs besides the validator (fields, schema,
// limits) are generated at build time into web/gen/declarations.mjs.
//
// The module is built without C++ exceptions, and nothing here throws for
// bad input, so no exception can reach JavaScript as an abort.

#include <emscripten/bind.h>

#include <algorithm>
#include <string>

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

// Validates the first `bytes` bytes of the input buffer and returns the
// address of the encoded result's header.
uintptr_t ValidateInput(size_t bytes, bool input_is_file,
                        bool ignore_unknown_fields) {
  segform::ValidateOptions options;
  options.input_is_file = input_is_file;
  options.ignore_unknown_fields = ignore_unknown_fields;
  const std::string_view text(input.data(), std::min(bytes, input.size()));
  return result_buffer.Encode(segform::Validate(text, options));
}

// The result for a text of text_bytes bytes over the limit, which the
// JavaScript side reports without copying the text into the module.
uintptr_t OversizeResult(double text_bytes) {
  return result_buffer.Encode(
      segform::OversizeResult(static_cast<uint64_t>(text_bytes), false));
}

}  // namespace

EMSCRIPTEN_BINDINGS(segform) {
  emscripten::function("inputBuffer", &InputBuffer);
  emscripten::function("validate", &ValidateInput);
  emscripten::function("oversizeResult", &OversizeResult);
}
