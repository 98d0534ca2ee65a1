// nlohmann's SAX parser as the reference for segform's JSON scanner: both
// must accept the same texts, build the same RawDocument from them, and
// agree on where each of the others goes wrong. The unit tests and the fuzz
// target run every text they see through CompareWithNlohmann.

#ifndef SEGFORM_TESTS_SUPPORT_NLOHMANN_READER_H_
#define SEGFORM_TESTS_SUPPORT_NLOHMANN_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "internal.h"

namespace segform::internal {

// A text as nlohmann reads it.
struct NlohmannReading {
  std::optional<RawDocument> document;  // unset when the text is rejected
  // Rejected texts: the finding code the error maps to, the byte nlohmann
  // stopped at (the text's size at its end), and nlohmann's message.
  std::string error_code;
  size_t error_offset = 0;
  std::string reason;
};

// Reads the text with nlohmann's SAX parser. Up to kMaxOverflowingNumbers
// numbers too large for a double are read as written, as the scanner does.
NlohmannReading ReadWithNlohmann(std::string_view text);

// Returns every field of a document the later stages read, one a line, or
// "rejected".
std::string Describe(const std::optional<RawDocument>& document);

// Returns true for texts both readers take: valid UTF-8, no NUL byte, no
// byte-order mark at the start.
bool IsReadable(std::string_view text);

// Returns an empty string when the scanner agrees with nlohmann on the
// text, or else what differs. For a rejected text, the scanner's error must
// have the same code, its span must contain the offset nlohmann stops at
// (ends included), and nothing before the span may be wrong.
std::string CompareWithNlohmann(std::string_view text);

}  // namespace segform::internal

#endif  // SEGFORM_TESTS_SUPPORT_NLOHMANN_READER_H_
