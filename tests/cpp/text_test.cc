// The text helpers that messages are built with: Format and
// QuoteForMessage.

#include <gtest/gtest.h>

#include <string>

#include "internal.h"

namespace segform::internal {
namespace {

TEST(Format, FillsHolesInOrder) {
  EXPECT_EQ(Format("{} must be between {} and {}", {"budget", "1", "2"}),
            "budget must be between 1 and 2");
}

TEST(Format, KeepsBracesInValues) {
  EXPECT_EQ(Format("got {}", {"{}"}), "got {}");
}

TEST(Format, DropsHolesWithoutValues) {
  EXPECT_EQ(Format("{} and {}", {"one"}), "one and ");
}

TEST(Format, CopiesPatternWithoutHoles) {
  EXPECT_EQ(Format("no holes", {"unused"}), "no holes");
}

TEST(QuoteForMessage, QuotesPlainText) {
  EXPECT_EQ(QuoteForMessage("modelType"), "\"modelType\"");
}

TEST(QuoteForMessage, KeepsTextAtTheLimit) {
  const std::string forty(40, 'a');
  EXPECT_EQ(QuoteForMessage(forty), "\"" + forty + "\"");
}

TEST(QuoteForMessage, CutsTextPastTheLimit) {
  const std::string forty_one(41, 'a');
  EXPECT_EQ(QuoteForMessage(forty_one), "\"" + std::string(40, 'a') + "...\"");
}

TEST(QuoteForMessage, CutsRunAfterEscape) {
  // The escaped quote counts as one character, so two of "cdef" fit.
  EXPECT_EQ(QuoteForMessage("ab\"cdef", 5), "\"ab\\\"cd...\"");
}

TEST(QuoteForMessage, EscapesControlsAndInvalidBytes) {
  EXPECT_EQ(QuoteForMessage(std::string("a\x01" "b\xFF", 4)),
            "\"a\\u0001b\\xFF\"");
}

TEST(QuoteForMessage, CutsBeforeEscapeThatDoesNotFit) {
  EXPECT_EQ(QuoteForMessage("abc\x01", 5), "\"abc...\"");
}

}  // namespace
}  // namespace segform::internal
