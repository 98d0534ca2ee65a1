// Reads one base64 line per input from standard input and writes one JSON
// line per input with the verdict of segform's parse stage and the values
// it read. The parse stage covers JSON syntax, field names, JSON types and
// value spellings, but no range or format rules. The differential test
// compares this with the reference proto3 JSON parsers.
//
// Output: {"ok":true,"values":{...}} or {"ok":false,"codes":[...]}. Values
// leave out fields at their proto3 zero value, as the references do: the
// enum as its number, the int64 as a decimal string.

#include <iostream>
#include <string>

#include "internal.h"
#include "segform/segform.h"

namespace {

std::string DecodeBase64(const std::string& line) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  unsigned int buffer = 0;
  int bits = 0;
  for (char c : line) {
    const size_t value = kAlphabet.find(c);
    if (value == std::string::npos) continue;  // '=' padding, '\r'
    buffer = (buffer << 6) | static_cast<unsigned int>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return bytes;
}

nlohmann::json ProbeParse(const std::string& text,
                          const segform::ValidateOptions& options) {
  using namespace segform;
  internal::FindingSink sink(text);
  const std::optional<internal::RawDocument> document =
      internal::ReadJsonText(text, sink);
  internal::FieldValues fields;
  if (document && document->top.kind != internal::ValueKind::kObject) {
    sink.Add(Severity::kError, "message.not_object", "", document->top.span,
             "not an object");
  } else if (document) {
    fields = internal::ReadFields(ImageSegmentationInputsDecl(), *document,
                                  options, false, sink);
  }
  if (sink.has_error()) {
    nlohmann::json codes = nlohmann::json::array();
    for (const Finding& finding : sink.Take()) {
      if (finding.severity == Severity::kError) codes.push_back(finding.code);
    }
    return {{"ok", false}, {"codes", codes}};
  }
  nlohmann::json values = nlohmann::json::object();
  for (const internal::FieldValue& value : fields.first) {
    const std::string name(value.decl->json_name);
    if (value.decl->kind == FieldKind::kEnum && value.number.value_or(0) != 0) {
      values[name] = *value.number;
    } else if (value.decl->kind == FieldKind::kInt64 &&
               value.number.value_or(0) != 0) {
      values[name] = std::to_string(*value.number);
    } else if (value.decl->kind == FieldKind::kString &&
               !value.string.value_or("").empty()) {
      values[name] = *value.string;
    }
  }
  return {{"ok", true}, {"values", values}};
}

}  // namespace

// With --ignore-unknown-fields, unknown fields are read as the option of
// that name reads them.
int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  segform::ValidateOptions options;
  options.ignore_unknown_fields =
      argc > 1 && std::string(argv[1]) == "--ignore-unknown-fields";
  std::string line;
  while (std::getline(std::cin, line)) {
    std::cout << ProbeParse(DecodeBase64(line), options)
                     .dump(-1, ' ', false,
                           nlohmann::json::error_handler_t::replace)
              << '\n'
              << std::flush;
  }
  return 0;
}
