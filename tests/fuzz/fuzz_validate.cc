// libFuzzer target over the whole text -> findings path: validation as text
// and as a file, both unknown-field modes, the JSON result, and the source
// excerpt of every finding. It also checks that the one-pass scanner and
// nlohmann's parser read the text alike. Built with
// -fsanitize=fuzzer,address,undefined (see scripts/fuzz.sh); a crash, a
// hang, a sanitizer report or a disagreement fails it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "internal.h"
#include "segform/segform.h"

namespace {

bool SameValue(const segform::internal::RawValue& a,
               const segform::internal::RawValue& b) {
  return a.kind == b.kind && a.text == b.text && a.span.begin == b.span.begin &&
         a.span.end == b.span.end;
}

// Traps unless both readers reject the text or read the same document.
void CheckReadersAgree(std::string_view text) {
  using namespace segform::internal;
  if (FindInvalidUtf8(text) != std::string_view::npos ||
      text.find('\0') != std::string_view::npos ||
      text.substr(0, 3) == "\xEF\xBB\xBF") {
    return;
  }
  FindingSink sink(text);
  const std::optional<RawDocument> scanned = ScanJsonText(text);
  const std::optional<RawDocument> parsed =
      ParseJsonTextWithNlohmann(text, sink);
  if (scanned.has_value() != parsed.has_value()) __builtin_trap();
  if (!scanned) return;
  bool same = SameValue(scanned->top, parsed->top) &&
              scanned->members.size() == parsed->members.size() &&
              scanned->nested_duplicates.size() ==
                  parsed->nested_duplicates.size();
  for (size_t i = 0; same && i < scanned->members.size(); ++i) {
    const RawMember& a = scanned->members[i];
    const RawMember& b = parsed->members[i];
    same = a.key == b.key && a.key_span.begin == b.key_span.begin &&
           a.key_span.end == b.key_span.end && SameValue(a.value, b.value);
  }
  for (size_t i = 0; same && i < scanned->nested_duplicates.size(); ++i) {
    const NestedDuplicate& a = scanned->nested_duplicates[i];
    const NestedDuplicate& b = parsed->nested_duplicates[i];
    same = a.key == b.key && a.path == b.path &&
           a.key_span.begin == b.key_span.begin &&
           a.key_span.end == b.key_span.end;
  }
  if (!same) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckReadersAgree(text);
  for (const bool input_is_file : {false, true}) {
    segform::ValidateOptions options;
    options.input_is_file = input_is_file;
    options.ignore_unknown_fields = size % 2 == 1;
    const segform::ValidationResult result = segform::Validate(text, options);
    // Every report must serialize; invalid UTF-8 there would throw.
    (void)segform::ResultToJson(result).dump();
    const std::string_view checked = text.substr(result.skipped_prefix);
    for (const segform::Finding& finding : result.findings) {
      (void)segform::SourceExcerpt(checked, finding);
    }
    if (result.ok() && !result.canonical_json.empty()) {
      // The canonical output must read back as valid and unchanged.
      const segform::ValidationResult again =
          segform::Validate(result.canonical_json);
      if (!again.ok() || again.canonical_json != result.canonical_json) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
