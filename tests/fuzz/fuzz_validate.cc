// libFuzzer target over the whole text -> findings path: validation as text
// and as a file, both unknown-field modes, the JSON result, and the source
// excerpt of every finding. It also checks that segform's JSON scanner and
// nlohmann's parser read the text alike. Built with
// -fsanitize=fuzzer,address,undefined (see scripts/fuzz.sh); a crash, a
// hang, a sanitizer report or a disagreement fails it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "internal.h"
#include "nlohmann_reader.h"
#include "segform/segform.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The scanner and nlohmann's parser must read the text alike.
  if (!segform::internal::CompareWithNlohmann(text).empty()) __builtin_trap();
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
