// Exact int64 reading of JSON number lexemes.

#include <gtest/gtest.h>

#include <limits>

#include "internal.h"

namespace segform::internal {
namespace {

struct LexemeRow {
  const char* lexeme;
  std::optional<int64_t> value;
  bool not_integer;
  bool overflow;
};

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

const LexemeRow kRows[] = {
    {"0", 0, false, false},
    {"-0", 0, false, false},
    {"192000", 192000, false, false},
    {"1.92e5", 192000, false, false},
    {"1.92E+5", 192000, false, false},
    {"192000.0", 192000, false, false},
    {"19200000e-2", 192000, false, false},
    {"2e5", 200000, false, false},
    {"0.0e10", 0, false, false},
    {"192000.5", std::nullopt, true, false},
    {"1e-1", std::nullopt, true, false},
    {"1e-400", std::nullopt, true, false},
    {"9223372036854775807", kMax, false, false},
    {"-9223372036854775808", kMin, false, false},
    {"9223372036854775808", std::nullopt, false, true},
    {"-9223372036854775809", std::nullopt, false, true},
    {"9007199254740993", 9007199254740993, false, false},  // 2^53 + 1
    {"1e19", std::nullopt, false, true},
    {"1e400", std::nullopt, false, true},
    {"1e999999999999999999999", std::nullopt, false, true},
    {"", std::nullopt, true, false},
    {"-", std::nullopt, true, false},
    {"2e", std::nullopt, true, false},
    {"12a", std::nullopt, true, false},
};

TEST(ParseInt64Lexeme, ReadsEveryRowExactly) {
  for (const LexemeRow& row : kRows) {
    SCOPED_TRACE(row.lexeme);
    bool not_integer = false;
    bool overflow = false;
    const std::optional<int64_t> value =
        ParseInt64Lexeme(row.lexeme, &not_integer, &overflow);
    EXPECT_EQ(value, row.value);
    EXPECT_EQ(not_integer, row.not_integer);
    EXPECT_EQ(overflow, row.overflow);
  }
}

TEST(ParseInt64Lexeme, LongFractionWithLargeExponentIsExact) {
  // 0.000...192e(N + 3) with N zeros is 192000, for N past a million.
  const size_t zeros = 1'100'000;
  const std::string lexeme =
      "0." + std::string(zeros, '0') + "192e" + std::to_string(zeros + 6);
  bool not_integer = false;
  bool overflow = false;
  EXPECT_EQ(ParseInt64Lexeme(lexeme, &not_integer, &overflow), 192000);
  EXPECT_FALSE(not_integer);
  EXPECT_FALSE(overflow);
}

}  // namespace
}  // namespace segform::internal
