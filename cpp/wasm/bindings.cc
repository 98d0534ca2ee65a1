// Embind bindings of the WebAssembly module. Results cross into JavaScript
// as JSON text, which the module's JavaScript wrapper parses: one string
// per call instead of a handle per value, and nothing to free.
//
// The module is built without C++ exceptions, and nothing here throws for
// bad input, so no exception can reach JavaScript as an abort.

#include <emscripten/bind.h>

#include <string>

#include "segform/segform.h"

namespace {

constexpr auto kReplaceInvalid =
    nlohmann::ordered_json::error_handler_t::replace;

std::string ValidateText(const std::string& text, bool input_is_file,
                         bool ignore_unknown_fields) {
  segform::ValidateOptions options;
  options.input_is_file = input_is_file;
  options.ignore_unknown_fields = ignore_unknown_fields;
  return segform::ResultToJson(segform::Validate(text, options))
      .dump(-1, ' ', false, kReplaceInvalid);
}

// The result for a text of text_bytes bytes over the limit, which the
// JavaScript side reports without copying the text into the module.
std::string OversizeResult(double text_bytes) {
  return segform::ResultToJson(
             segform::OversizeResult(static_cast<size_t>(text_bytes), false))
      .dump(-1, ' ', false, kReplaceInvalid);
}

std::string DescribeLimits() {
  return segform::DescribeLimits().dump(-1, ' ', false, kReplaceInvalid);
}

std::string DescribeInputs() {
  return segform::DescribeMessage(segform::ImageSegmentationInputsDecl())
      .dump(-1, ' ', false, kReplaceInvalid);
}

std::string SchemaOfInputs() {
  return segform::JsonSchema(segform::ImageSegmentationInputsDecl())
      .dump(-1, ' ', false, kReplaceInvalid);
}

std::string Version() { return std::string(segform::kVersion); }

}  // namespace

EMSCRIPTEN_BINDINGS(segform) {
  emscripten::function("validateText", &ValidateText);
  emscripten::function("oversizeResult", &OversizeResult);
  emscripten::function("describeLimits", &DescribeLimits);
  emscripten::function("describeInputs", &DescribeInputs);
  emscripten::function("schemaOfInputs", &SchemaOfInputs);
  emscripten::function("version", &Version);
}
