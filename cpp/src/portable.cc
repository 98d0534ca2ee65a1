// How proto3 JSON parsers read integers, and which spellings they all read
// alike. segform accepts a spelling only when Google's protobuf for Python
// (json_format) and @bufbuild/protobuf both accept it and read the same
// value, so that its verdict is right whichever parser the service runs.
// The differential test in tests/differential checks this against both.
//
// The facts behind the rules, as those two parsers behave:
// - JavaScript reads every JSON number as a double. Python reads a number
//   with a fraction or an exponent as a double, and one without as an exact
//   integer. A double that is a whole number in range is then accepted.
// - For an int64 string, Python's int() and JavaScript's BigInt() both allow
//   surrounding white space, a sign and leading zeros. Python rejects any
//   ASCII space and more than 4,300 digits, and also takes underscores and
//   non-ASCII digits; BigInt also takes 0x, 0o and 0b prefixes and reads a
//   blank string as 0. Their white space sets overlap but differ.
// - For an enum, Python also takes digit strings, booleans and fractions,
//   which @bufbuild/protobuf rejects.

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <limits>

#include "internal.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

// In the WebAssembly module, JavaScript's Number() reads the lexeme. This
// keeps musl's strtod and its 128-bit arithmetic, about 7 KB gzipped, out of
// the module. Every JSON number is a valid numeric string for Number().
// ECMAScript allows Number() to round approximately past 20 significant
// digits, so the cases corner-budget-number-*halfway* check that Node and
// Chromium read the same double as strtod.
EM_JS(double, segform_read_double, (const char* lexeme, size_t length),
      { return Number(UTF8ToString(lexeme, length)); });
#endif

namespace segform::internal {
namespace {

// White space that both Python's str.strip() and JavaScript's BigInt() drop
// around an integer string. The ASCII space is not among them: json_format
// rejects any string that contains one.
constexpr char32_t kSharedSpaces[] = {
    0x09,   0x0A,   0x0B,   0x0C,   0x0D,   0xA0,   0x1680, 0x2000,
    0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
    0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
};

// White space that only BigInt() drops: the ASCII space, which json_format
// rejects anywhere in an int64 string, and U+FEFF.
constexpr char32_t kJavaScriptOnlySpaces[] = {0x20, 0xFEFF};

// White space that only Python's int() drops: U+0085.
constexpr char32_t kPythonOnlySpaces[] = {0x85};

// The white space a trim drops besides the shared set.
enum class ExtraSpaces { kNone, kJavaScript, kPython, kEither };

// The first code point of each run of ten decimal digits (category Nd) in
// Unicode 14.0, the version of Python 3.11, whose int() reads every one of
// them, as json_format does for an int64 or enum string. Listed with
// Python's unicodedata module; ASCII's run, at 0x30, is left out.
constexpr uint32_t kOtherDigitZeros[] = {
    0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,
    0xBE6,   0xC66,   0xCE6,   0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,
    0x1040,  0x1090,  0x17E0,  0x1810,  0x1946,  0x19D0,  0x1A80,  0x1A90,
    0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,  0xA900,  0xA9D0,
    0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730,
    0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950,
    0x1FBF0,
};

// Returns the text with each decimal digit of another script replaced by
// its ASCII digit. Returns "" when the text has no such digit, or contains
// a character beyond ASCII that is not a digit.
std::string WithAsciiDigits(std::string_view text) {
  std::string ascii;
  bool replaced = false;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ascii += static_cast<char>(c);
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return "";
    const uint32_t code_point = DecodeUtf8(text, i, length);
    const auto zero =
        std::find_if(std::begin(kOtherDigitZeros), std::end(kOtherDigitZeros),
                     [&](uint32_t first) {
                       return code_point >= first && code_point < first + 10;
                     });
    if (zero == std::end(kOtherDigitZeros)) return "";
    ascii += static_cast<char>('0' + (code_point - *zero));
    replaced = true;
    i += length;
  }
  return replaced ? ascii : "";
}

template <size_t N>
bool Contains(const char32_t (&set)[N], char32_t code_point) {
  return std::find(std::begin(set), std::end(set), code_point) != std::end(set);
}

// Drops the shared white space, and the extra set, from both ends.
std::string_view TrimWith(std::string_view text, ExtraSpaces extra) {
  // Every space of these sets is a byte up to 0x20 or a sequence of bytes
  // from 0x80, so printable ASCII at both ends means there is nothing to do.
  const auto printable = [](char c) { return c > 0x20 && c < 0x7F; };
  if (!text.empty() && printable(text.front()) && printable(text.back())) {
    return text;
  }
  const bool javascript =
      extra == ExtraSpaces::kJavaScript || extra == ExtraSpaces::kEither;
  const bool python =
      extra == ExtraSpaces::kPython || extra == ExtraSpaces::kEither;
  // Each character is decoded once and compared as a code point, so a
  // million spaces cost a million short searches, not a million passes
  // over the tables' bytes.
  const auto is_space = [&](size_t i, size_t length) {
    const char32_t code_point = length == 1
                                    ? static_cast<unsigned char>(text[i])
                                    : DecodeUtf8(text, i, length);
    return Contains(kSharedSpaces, code_point) ||
           (javascript && Contains(kJavaScriptOnlySpaces, code_point)) ||
           (python && Contains(kPythonOnlySpaces, code_point));
  };
  while (!text.empty()) {
    const size_t length = static_cast<unsigned char>(text[0]) < 0x80
                              ? 1
                              : Utf8SequenceLength(text, 0);
    if (length == 0 || !is_space(0, length)) break;
    text.remove_prefix(length);
  }
  while (!text.empty()) {
    // The last character starts at the last byte that is not a
    // continuation byte (10xxxxxx), at most three bytes back.
    size_t start = text.size() - 1;
    while (start > 0 && text.size() - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    const size_t length = text.size() - start;
    const bool whole = length == 1
                           ? static_cast<unsigned char>(text[start]) < 0x80
                           : Utf8SequenceLength(text, start) == length;
    if (!whole || !is_space(start, length)) {
      break;
    }
    text.remove_suffix(length);
  }
  return text;
}

// Returns true for [+-]digits with single underscores between digits, the
// form Python's int() reads and BigInt() rejects.
bool IsPythonUnderscoreInteger(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    text.remove_prefix(1);
  }
  if (text.find('_') == std::string_view::npos) return false;
  bool previous_digit = false;
  for (char c : text) {
    if (c == '_') {
      if (!previous_digit) return false;
      previous_digit = false;
    } else if (c >= '0' && c <= '9') {
      previous_digit = true;
    } else {
      return false;
    }
  }
  return previous_digit;
}

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Reads [+-]digits exactly, with leading zeros; nullopt unless that is the
// whole text. Sets *overflow when the value lies outside int64.
std::optional<int64_t> ReadSignedDigits(std::string_view text, bool* overflow) {
  *overflow = false;
  std::string_view digits = text;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    digits.remove_prefix(1);
  }
  if (!IsDigits(digits)) return std::nullopt;
  bool not_integer = false;
  const std::string lexeme = (negative ? "-" : "") + std::string(digits);
  return ParseInt64Lexeme(lexeme, &not_integer, overflow);
}

std::string Canonical(int64_t value) { return std::to_string(value); }

// Returns the canonical decimal in double quotes, as a JSON string.
std::string QuotedCanonical(int64_t value) {
  return Format("\"{}\"", {Canonical(value)});
}

IntegerReading NotPortable(std::string disagreement, std::string portable) {
  IntegerReading reading;
  reading.verdict = IntegerReading::Verdict::kNotPortable;
  reading.disagreement = std::move(disagreement);
  reading.portable = std::move(portable);
  return reading;
}

IntegerReading Verdict(IntegerReading::Verdict verdict) {
  IntegerReading reading;
  reading.verdict = verdict;
  return reading;
}

// Returns the value of a 0x, 0o or 0b integer, as BigInt reads it. Sets
// *overflow for one that BigInt reads but int64 cannot hold.
std::optional<int64_t> ReadPrefixedInteger(std::string_view text,
                                           bool* overflow) {
  if (text.size() < 3 || text[0] != '0') return std::nullopt;
  int base = 0;
  if (text[1] == 'x' || text[1] == 'X') base = 16;
  if (text[1] == 'o' || text[1] == 'O') base = 8;
  if (text[1] == 'b' || text[1] == 'B') base = 2;
  if (base == 0) return std::nullopt;
  // Digits only: strtoull would also take a sign, white space or a second
  // "0x", which JavaScript's BigInt rejects. Leading zeros, however many,
  // do not count toward the range.
  const auto digit_of = [](char c) -> uint64_t {
    if (c >= '0' && c <= '9') return static_cast<uint64_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint64_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<uint64_t>(c - 'A' + 10);
    return 16;
  };
  const std::string_view digits = text.substr(2);
  for (const char c : digits) {
    if (digit_of(c) >= static_cast<uint64_t>(base)) return std::nullopt;
  }
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  uint64_t value = 0;
  for (const char c : digits) {
    const uint64_t digit = digit_of(c);
    if (value > (kMax - digit) / static_cast<uint64_t>(base)) {
      *overflow = true;
      return std::nullopt;
    }
    value = value * static_cast<uint64_t>(base) + digit;
  }
  return static_cast<int64_t>(value);
}

// Returns true when the double nearest to the value is the value itself.
bool IsExactDouble(int64_t value) {
  const double rounded = static_cast<double>(value);
  if (rounded >= 9223372036854775808.0) return false;  // 2^63
  return static_cast<int64_t>(rounded) == value;
}

}  // namespace

IntegerReading ReadIntegerNumber(std::string_view lexeme, int64_t min,
                                 int64_t max) {
  bool not_integer = false;
  bool overflow = false;
  const std::optional<int64_t> exact =
      ParseInt64Lexeme(lexeme, &not_integer, &overflow);
  const bool fraction_or_exponent =
      lexeme.find_first_of(".eE") != std::string_view::npos;

  if (!fraction_or_exponent) {
    // Python reads the exact integer, JavaScript its nearest double.
    if (overflow || *exact < min || *exact > max) {
      return Verdict(IntegerReading::Verdict::kOverflow);
    }
    if (!IsExactDouble(*exact)) {
      const double rounded = static_cast<double>(*exact);
      std::string read_as = "a value past the int64 range";
      if (rounded < 9223372036854775808.0) {
        read_as = Canonical(static_cast<int64_t>(rounded));
      }
      return NotPortable(
          Format("parsers that read JSON numbers as doubles read {}",
                 {read_as}),
          QuotedCanonical(*exact));
    }
    IntegerReading reading;
    reading.value = *exact;
    return reading;
  }

  // Both parsers read the nearest double. nlohmann has checked the lexeme.
  const double value = ParseJsonDouble(lexeme);
  if (!std::isfinite(value)) {
    return Verdict(IntegerReading::Verdict::kOverflow);
  }
  if (value != std::floor(value)) {
    return Verdict(IntegerReading::Verdict::kNotInteger);
  }
  // The double next above max is max + 1 for int32 and 2^63 for int64.
  if (value < static_cast<double>(min) ||
      value >= static_cast<double>(max) + 1.0) {
    return Verdict(IntegerReading::Verdict::kOverflow);
  }
  // protobuf's C++ parser reads such a number as a double and takes it
  // for an integer field only within 2^53 (json/internal/parser.cc).
  if (std::fabs(value) > 9007199254740992.0) {
    return NotPortable(
        "protobuf's C++ parser reads a number with a fraction or exponent "
        "as a double, and takes one only up to 2^53",
        QuotedCanonical(exact ? *exact : static_cast<int64_t>(value)));
  }
  IntegerReading reading;
  reading.value = static_cast<int64_t>(value);
  reading.exact = exact.has_value() && *exact == reading.value;
  return reading;
}

IntegerReading ReadInt64String(std::string_view text) {
  const std::string_view core = TrimWith(text, ExtraSpaces::kNone);
  bool overflow = false;
  const std::optional<int64_t> value = ReadSignedDigits(core, &overflow);
  const size_t digit_count =
      core.size() - (!core.empty() && (core[0] == '-' || core[0] == '+'));
  // Beyond int64 is what is wrong with a long string of digits whichever
  // parser reads it. Within, only leading zeros can make more than 4,300.
  if (overflow) return Verdict(IntegerReading::Verdict::kOverflow);
  if (value && digit_count > kMaxPythonDigits) {
    return NotPortable("Python's parser reads at most 4,300 digits",
                       QuotedCanonical(*value));
  }
  // Both references drop the shared white space, but protobuf's C++
  // parser (json/internal/parser.cc) rejects any in a quoted int64, as
  // Java's JsonFormat does (Long.parseLong, then BigDecimal).
  if (value && core.size() != text.size()) {
    return NotPortable(
        "protobuf's C++ and Java parsers reject white space in an int64 "
        "string",
        QuotedCanonical(*value));
  }
  if (value) {
    IntegerReading reading;
    reading.value = *value;
    reading.canonical = Canonical(*value) == core;
    return reading;
  }

  // Spellings that only one parser takes get the portable one when it can
  // be worked out: one-sided white space, underscores between digits, and
  // the 0x, 0o and 0b prefixes.
  if (!text.empty() && TrimWith(text, ExtraSpaces::kJavaScript).empty()) {
    return NotPortable(
        "JavaScript reads a blank string as 0, Python rejects it", "");
  }
  const auto spaces_differ =
      [&](ExtraSpaces extra) -> std::optional<IntegerReading> {
    bool one_sided_overflow = false;
    const std::optional<int64_t> one_sided =
        ReadSignedDigits(TrimWith(text, extra), &one_sided_overflow);
    if (one_sided_overflow) return Verdict(IntegerReading::Verdict::kOverflow);
    if (!one_sided) return std::nullopt;
    return NotPortable("parsers treat the white space around it differently",
                       QuotedCanonical(*one_sided));
  };
  if (auto reading = spaces_differ(ExtraSpaces::kJavaScript)) return *reading;
  if (auto reading = spaces_differ(ExtraSpaces::kPython)) return *reading;
  if (IsPythonUnderscoreInteger(core)) {
    std::string digits;
    for (char c : core) {
      if (c != '_') digits += c;
    }
    bool underscore_overflow = false;
    if (std::optional<int64_t> without_underscores =
            ReadSignedDigits(digits, &underscore_overflow)) {
      return NotPortable("only Python reads underscores between digits",
                         QuotedCanonical(*without_underscores));
    }
  }
  // Digits of other scripts, such as "٢٠٠٠٠٠" or full-width ones.
  const std::string ascii_digits = WithAsciiDigits(core);
  if (!ascii_digits.empty()) {
    bool other_overflow = false;
    if (std::optional<int64_t> value =
            ReadSignedDigits(ascii_digits, &other_overflow)) {
      return NotPortable("only Python reads digits other than 0 to 9",
                         QuotedCanonical(*value));
    }
    if (other_overflow) return Verdict(IntegerReading::Verdict::kOverflow);
  }
  const std::string_view javascript_core =
      TrimWith(text, ExtraSpaces::kJavaScript);
  bool prefixed_overflow = false;
  if (std::optional<int64_t> prefixed =
          ReadPrefixedInteger(javascript_core, &prefixed_overflow)) {
    return NotPortable("only JavaScript reads 0x, 0o and 0b prefixes",
                       QuotedCanonical(*prefixed));
  }
  // Beyond int64, both parsers reject it, and that is what is wrong.
  if (prefixed_overflow) return Verdict(IntegerReading::Verdict::kOverflow);
  return Verdict(IntegerReading::Verdict::kNotInteger);
}

std::string NonNegativeInt64StringPattern(std::string_view magnitudes) {
  const std::string max_digits = std::to_string(kMaxPythonDigits);
  const std::string zero = "[+-]?0{1," + max_digits + "}";
  const std::string positive = "\\+?0*(" + std::string(magnitudes) + ")";
  // The lookahead keeps Python's limit on digits, leading zeros included.
  // It is tried at the start only, so its cost is bounded by the limit: a
  // search for too many digits anywhere cost the limit at every position,
  // seconds for a megabyte in ajv.
  const std::string digit_limit = "(?=[+-]?[0-9]{1," + max_digits + "}$)";
  return "^" + digit_limit + "(" + zero + "|" + positive + ")$";
}

std::optional<int64_t> ReadPythonInt64String(std::string_view text,
                                             bool* below_int64) {
  if (below_int64 != nullptr) *below_int64 = false;
  // For an enum, json_format passes the string to int(), which drops the
  // ASCII space and U+0085 besides the shared white space, in any mix, and
  // reads at most 4,300 digits.
  std::string_view core = text;
  for (size_t before = std::string_view::npos; core.size() != before;) {
    before = core.size();
    core = TrimWith(core, ExtraSpaces::kPython);
    while (!core.empty() && core.front() == ' ') core.remove_prefix(1);
    while (!core.empty() && core.back() == ' ') core.remove_suffix(1);
  }
  // int() reads the digits of other scripts too, and underscores between
  // digits of any script ("0_3", and Arabic-Indic 0, _, 3, are 3).
  const std::string ascii_digits = WithAsciiDigits(core);
  if (!ascii_digits.empty()) core = ascii_digits;
  std::string without_underscores;
  if (IsPythonUnderscoreInteger(core)) {
    for (const char c : core) {
      if (c != '_') without_underscores += c;
    }
    core = without_underscores;
  }
  const size_t digits =
      core.size() - (!core.empty() && (core[0] == '-' || core[0] == '+'));
  if (digits > kMaxPythonDigits) return std::nullopt;
  bool overflow = false;
  const std::optional<int64_t> value = ReadSignedDigits(core, &overflow);
  if (overflow && below_int64 != nullptr) *below_int64 = core[0] == '-';
  return value;
}

std::optional<int64_t> ReadPythonIntegerString(std::string_view text) {
  const std::optional<int64_t> value = ReadPythonInt64String(text);
  if (!value || *value < std::numeric_limits<int32_t>::min() ||
      *value > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return value;
}

double ParseJsonDouble(std::string_view lexeme) {
#ifdef __EMSCRIPTEN__
  return segform_read_double(lexeme.data(), lexeme.size());
#else
  std::string text(lexeme);
  const std::string_view decimal_point = std::localeconv()->decimal_point;
  if (decimal_point != ".") {
    const size_t dot = text.find('.');
    if (dot != std::string::npos) text.replace(dot, 1, decimal_point);
  }
  return std::strtod(text.c_str(), nullptr);
#endif
}

}  // namespace segform::internal
