// segform: checks the training inputs of a Vertex AI AutoML image
// segmentation job, written as proto3 JSON, and writes them back in the
// canonical form the API itself writes.
//
//   segform::ValidationResult result = segform::Validate(text);
//   for (const segform::Finding& finding : result.findings) { ... }
//   if (result.ok()) Send(result.canonical_json);
//
// Nothing here throws for bad input: every problem becomes a Finding. The
// library keeps no state between calls, so any function may be called from
// several threads at once.

#ifndef SEGFORM_SEGFORM_H_
#define SEGFORM_SEGFORM_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segform/declarations.h"

namespace segform {

inline constexpr std::string_view kVersion = "0.1.0";

// Limits that keep hostile input from exhausting time, memory or the stack.
// The WebAssembly module exports them, so that JavaScript can refuse an
// oversized text before copying it into the module's memory.
inline constexpr size_t kMaxTextBytes = 1'048'576;  // UTF-8 bytes, inclusive
inline constexpr int kMaxNestingDepth = 64;  // objects and arrays, any field
inline constexpr size_t kMaxFindings = 100;  // then one findings.truncated

enum class Severity { kError, kWarning, kInfo };

// Returns "error", "warning" or "info".
std::string_view SeverityName(Severity severity);

// A value of a finding's params: a string, an integer, or a list of names.
struct ParamValue {
  // The WebAssembly result writes the kind as this number.
  enum class Kind { kString = 0, kInteger = 1, kNameList = 2 };
  Kind kind = Kind::kString;
  std::string text;     // kString
  int64_t integer = 0;  // kInteger
  std::vector<std::string_view>
      names;  // kNameList: names from the declarations
};

// The params a finding can have, named by kParamNames in the same
// alphabetical order. The module sends a param's name as its index there,
// so the page has every name it can receive.
enum class Param : uint8_t {
  kActual,
  kAllowed,
  kByte,
  kCanonical,
  kDefault,
  kEffective,
  kEncoding,
  kExpected,
  kFirst,
  kFound,
  kKey,
  kMax,
  kMin,
  kModelType,
  kMore,
  kMoreErrors,
  kMoreNotes,
  kMoreWarnings,
  kOffset,
  kPortable,
  kReadAs,
  kSecond,
  kSize,
  kSuggestion,
};
inline constexpr std::string_view kParamNames[] = {
    "actual",     "allowed",   "byte",         "canonical",  "default",
    "effective",  "encoding",  "expected",     "first",      "found",
    "key",        "max",       "min",          "modelType",  "more",
    "moreErrors", "moreNotes", "moreWarnings", "offset",     "portable",
    "readAs",     "second",    "size",         "suggestion",
};
static_assert(std::size(kParamNames) ==
                  static_cast<size_t>(Param::kSuggestion) + 1,
              "each Param needs its name in kParamNames");

// Returns the param's name, such as "actual" for Param::kActual.
inline std::string_view ParamName(Param param) {
  return kParamNames[static_cast<size_t>(param)];
}

// The values a finding's message is built from, by name, in the order they
// were set, for programs that act on findings without reading the message.
class FindingParams {
 public:
  using Entry = std::pair<Param, ParamValue>;

  // Each sets the param's value, replacing one set before.
  void Set(Param param, std::string_view text);
  void Set(Param param, int64_t integer);
  void Set(Param param, std::vector<std::string_view> names);

  // Returns the param's value, or nullptr.
  const ParamValue* Find(Param param) const;
  bool contains(Param param) const { return Find(param) != nullptr; }

  bool empty() const { return entries_.empty(); }
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

  // The params as a JSON object, as FindingsToJson writes them.
  nlohmann::ordered_json ToJson() const;

 private:
  ParamValue& Slot(Param param, ParamValue::Kind kind);

  std::vector<Entry> entries_;
};

// One problem found in the input. The code is the stable contract; the
// message and hint are for people and may be reworded.
struct Finding {
  Severity severity = Severity::kError;
  std::string code;        // e.g. "budget.out_of_range"
  std::string path;        // JSON Pointer (RFC 6901) of the value or key
  int line = 0;            // 1-based; 0 when the input had no text position
  int column = 0;          // 1-based, in Unicode code points
  size_t begin = 0;        // byte offset of the offending token's first byte
  size_t end = 0;          // byte offset just past the token
  size_t utf16_begin = 0;  // the same two offsets in UTF-16 code units, as
  size_t utf16_end = 0;    // JavaScript strings and editors count them
  std::string message;     // what was found and what was expected
  std::string hint;        // what to do; empty when there is nothing to do
  FindingParams params;
};

// The enum values of ModelType, numbered as in the .proto file.
enum class ModelType : int {
  kUnspecified = 0,
  kCloudHighAccuracy1 = 1,
  kCloudLowAccuracy1 = 2,
  kMobileTfLowLatency1 = 3,
};

// AutoMlImageSegmentationInputs with field presence: a field that the input
// did not set (or set to null) is std::nullopt. model_type is the enum
// number, so a value this version has no name for can still be carried.
struct ImageSegmentationInputs {
  std::optional<int> model_type;
  std::optional<int64_t> budget_milli_node_hours;
  std::optional<std::string> base_model_id;

  // Writes proto3 JSON as the API does: lowerCamelCase names in declaration
  // order, int64 as a decimal string, the enum by name, and fields at their
  // proto3 zero value left out. indent < 0 writes one line.
  std::string ToJsonText(int indent = -1) const;
  nlohmann::ordered_json ToJson() const;
};

// Controls how input is read.
struct ValidateOptions {
  // The text is the content of a file: a UTF-8 byte-order mark at its start
  // is dropped (positions count from after it), and a UTF-16 file is
  // reported as such instead of as a syntax error.
  bool input_is_file = false;
  // Report unknown fields as warnings instead of errors, like the
  // ignore_unknown_fields option of proto3 JSON parsers. They are left out
  // of the canonical JSON.
  bool ignore_unknown_fields = false;
};

// A key of the input that is not a field of the message, kept so that a
// form can show it and write it back.
struct UnknownField {
  std::string key;
  std::string value_json;  // the value exactly as written in the input
};

// The position of a member of the checked object in the text, in UTF-16
// code units, so that an editor can change one value and keep the rest.
struct MemberSpan {
  std::string key;
  // The declared JSON name, or empty for an unknown key. It views the
  // declaration, which lives as long as the program.
  std::string_view field;
  size_t key_begin = 0;
  size_t key_end = 0;
  size_t value_begin = 0;
  size_t value_end = 0;
};

struct [[nodiscard]] ValidationResult {
  std::vector<Finding> findings;  // in input order, then rule order
  // The values read, when the text was a JSON object. Set even when a rule
  // failed, so that a form can show what the input held.
  std::optional<ImageSegmentationInputs> inputs;
  // For each field present and not null, its value as a form field shows
  // it: the enum name, the integer in decimal, the string. A value that
  // could not be read is shown as written. The name views the declaration.
  std::vector<std::pair<std::string_view, std::string>> form_values;
  // The first kMaxFindings unknown keys of the checked object, in input
  // order, and the number of them all. Like the findings, the list is
  // capped so that a form showing it keeps up with 50,000 unknown keys.
  std::vector<UnknownField> unknown_fields;
  size_t unknown_field_count = 0;
  // The canonical JSON, indented by two spaces and ending in a newline, as
  // the page exports it; empty when there is an error. For a pipeline
  // request, it is the JSON of the inputs. It is empty when the inputs have
  // an error, or when the request has a second trainingTaskInputs or an
  // input field beside them. Other errors of the request leave it set.
  std::string canonical_json;
  // Bytes dropped from the start of a file before reading (a UTF-8
  // byte-order mark); byte offsets in findings count from after them.
  size_t skipped_prefix = 0;
  // The members of the checked object and the object's own span ('{' to
  // just past '}'), in UTF-16 units; set when the text parsed as an object.
  std::vector<MemberSpan> member_spans;
  std::optional<std::pair<size_t, size_t>> object_span;
  // The text was a training pipeline request, and the inputs checked are
  // its trainingTaskInputs, at this JSON Pointer ("" for plain inputs).
  bool pipeline_request = false;
  std::string inputs_path;

  // The errors that the findings cap left out (see findings.truncated).
  size_t cut_error_count = 0;

  bool ok() const;  // true when the input has no error
  // Returns the number of errors in the input, those cut by the cap too.
  size_t error_count() const;
};

// Parses proto3 JSON text and checks every rule, returning all findings.
ValidationResult Validate(std::string_view text,
                          const ValidateOptions& options = {});

// Reads an nlohmann::json value as the message. The findings carry paths but
// no text positions (line and column are 0), and member_spans and
// object_span are empty. A value that JSON text cannot hold (NaN, infinity,
// a binary or discarded value) is a json.syntax error at its path. One
// nested deeper than kMaxNestingDepth is a json.too_deep error. Either is
// then the only finding, as a syntax error in text is. The value
// itself no longer shows what text would: a key set twice, a number's
// spelling. Strings that are not valid UTF-8 are read with U+FFFD in place
// of the invalid bytes.
ValidationResult ValidateJson(const nlohmann::json& value);

// The four conversions of the API's generated clients (from_json, to_json,
// from_dict, to_dict). The From functions return std::nullopt when the
// input has an error; call Validate for the findings.
std::optional<ImageSegmentationInputs> FromJsonText(std::string_view text);
std::optional<ImageSegmentationInputs> FromJson(const nlohmann::json& value);
inline std::string ToJsonText(const ImageSegmentationInputs& inputs) {
  return inputs.ToJsonText();
}
inline nlohmann::ordered_json ToJson(const ImageSegmentationInputs& inputs) {
  return inputs.ToJson();
}

// Returns the line of text the finding points at, as a compiler shows it.
// The first line is the source, cut to about 120 characters around the
// finding. The second has a caret under the column and tildes under the
// rest of the token. Both end in a newline, and control characters and
// invalid bytes show as '?'. Returns "" when the finding has no position.
// text is the text the finding's offsets count in: the validated text past
// the result's skipped_prefix.
std::string SourceExcerpt(std::string_view text, const Finding& finding);

// The findings as a JSON array, one object per finding, as the checker's
// --format json and the WebAssembly module write them.
nlohmann::ordered_json FindingsToJson(const std::vector<Finding>& findings);

// The whole result as JSON (camelCase keys), as the WebAssembly module
// returns it to JavaScript.
nlohmann::ordered_json ResultToJson(const ValidationResult& result);

// The result of a text over kMaxTextBytes, built from its size alone so that
// a caller need not copy or even read the whole text first. When only a
// lower bound of the size is known (the bytes read from a stream so far),
// text_bytes is that bound and the message reads "at least". It reports
// whatever size it is given, so the caller compares with kMaxTextBytes. The
// size param, an int64, stops at the largest int64.
ValidationResult OversizeResult(uint64_t text_bytes,
                                bool size_is_lower_bound = false);

// The input limits as JSON: maxTextBytes, maxNestingDepth, maxFindings.
nlohmann::ordered_json DescribeLimits();

// A JSON Schema (draft 2020-12) of the message, generated from its
// declaration, which must be complete as the library's own are: each enum
// field has its enum, and each range names a field of the message. It expresses
// the field names, JSON types, enum values, the base model ID form and the
// conditional budget range, but not duplicate keys, exact int64 values beyond
// 2^53 or the non-portable spellings.
nlohmann::ordered_json JsonSchema(const MessageDecl& message);

// A message declaration as JSON, for the page's form and the docs.
nlohmann::ordered_json DescribeMessage(const MessageDecl& message);

}  // namespace segform

#endif  // SEGFORM_SEGFORM_H_
