// Exact integer reading of JSON number lexemes. The value is computed from
// the decimal digits, never through double, so no digit can change.

#include <cstdint>
#include <limits>

#include "internal.h"

namespace segform::internal {

std::optional<int64_t> ParseInt64Lexeme(std::string_view lexeme,
                                        bool* not_integer, bool* overflow) {
  *not_integer = false;
  *overflow = false;
  size_t i = 0;
  const bool negative = i < lexeme.size() && lexeme[i] == '-';
  if (negative) ++i;

  // Split the lexeme into its significant digits and a power of ten.
  std::string digits;
  int64_t scale = 0;
  bool any_digit = false;
  for (; i < lexeme.size() && lexeme[i] >= '0' && lexeme[i] <= '9'; ++i) {
    digits += lexeme[i];
    any_digit = true;
  }
  if (i < lexeme.size() && lexeme[i] == '.') {
    for (++i; i < lexeme.size() && lexeme[i] >= '0' && lexeme[i] <= '9'; ++i) {
      digits += lexeme[i];
      --scale;
    }
  }
  if (i < lexeme.size() && (lexeme[i] == 'e' || lexeme[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < lexeme.size() && lexeme[i] == '-';
    if (i < lexeme.size() && (lexeme[i] == '-' || lexeme[i] == '+')) ++i;
    // Saturate at 10^15: the digits can never be that many, so a larger
    // exponent decides the result the same way, and int64 cannot overflow.
    int64_t exponent = 0;
    const size_t exponent_start = i;
    for (; i < lexeme.size() && lexeme[i] >= '0' && lexeme[i] <= '9'; ++i) {
      if (exponent < 1'000'000'000'000'000) {
        exponent = exponent * 10 + (lexeme[i] - '0');
      }
    }
    if (i == exponent_start) any_digit = false;  // "2e" has no exponent
    scale += negative_exponent ? -exponent : exponent;
  }
  if (!any_digit || i != lexeme.size()) {
    *not_integer = true;
    return std::nullopt;
  }

  const size_t first_nonzero = digits.find_first_not_of('0');
  if (first_nonzero == std::string::npos) return 0;
  digits.erase(0, first_nonzero);
  if (scale < 0) {
    // The digits after the decimal point must all be zero.
    const size_t dropped = static_cast<size_t>(-scale);
    if (dropped >= digits.size() ||
        digits.find_first_not_of('0', digits.size() - dropped) !=
            std::string::npos) {
      *not_integer = true;
      return std::nullopt;
    }
    digits.erase(digits.size() - dropped);
    scale = 0;
  }
  if (static_cast<int64_t>(digits.size()) + scale > 19) {
    *overflow = true;
    return std::nullopt;
  }
  digits.append(static_cast<size_t>(scale), '0');

  // Accumulate the magnitude; int64's minimum is one larger than its maximum.
  const uint64_t limit =
      static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) +
      (negative ? 1 : 0);
  uint64_t magnitude = 0;
  for (char c : digits) {
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) {
      *overflow = true;
      return std::nullopt;
    }
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) return static_cast<int64_t>(magnitude);
  if (magnitude == limit) return std::numeric_limits<int64_t>::min();
  return -static_cast<int64_t>(magnitude);
}

}  // namespace segform::internal
