// Each rule at the edge of what it allows: the first value past a limit and
// the last one within it. Tests that used values far from an edge let a
// limit move by one unnoticed, as mutating the rules showed.

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "test_util.h"

namespace segform {
namespace {

using testing::CodesOf;
using testing::FindCode;

// Returns the codes of the text's findings, in order.
std::vector<std::string> CodesOfText(const std::string& text) {
  return CodesOf(Validate(text));
}

TEST(Boundaries, NegativeBudgetAtMinusOne) {
  for (const char* type :
       {"CLOUD_HIGH_ACCURACY_1", "CLOUD_LOW_ACCURACY_1",
        "MOBILE_TF_LOW_LATENCY_1", "MODEL_TYPE_UNSPECIFIED"}) {
    SCOPED_TRACE(type);
    const ValidationResult result =
        Validate(std::string(R"({"modelType":")") + type +
                 R"(","budgetMilliNodeHours":"-1"})");
    const Finding* negative = FindCode(result, "budget.negative");
    ASSERT_NE(negative, nullptr);
    EXPECT_EQ(negative->params.ToJson()["actual"], "-1");
    EXPECT_FALSE(result.ok());
  }
}

TEST(Boundaries, SurrogatePairLowHalfEnds) {
  for (const char* pair : {R"(\ud83d\udc00)", R"(\ud83d\udfff)",
                           R"(\ud800\udc00)", R"(\udbff\udfff)"}) {
    SCOPED_TRACE(pair);
    const ValidationResult result =
        Validate(std::string(R"({"x":")") + pair + R"("})");
    EXPECT_EQ(FindCode(result, "json.syntax"), nullptr);
    EXPECT_NE(FindCode(result, "field.unknown"), nullptr);
  }
}

TEST(Boundaries, ControlCharacterEscapeLimit) {
  // U+001F is the last character that must be escaped, and a space the
  // first that need not.
  EXPECT_EQ(CodesOfText("{\"x\":\"a\x1F"
                        "b\"}"),
            std::vector<std::string>{"json.syntax"});
  EXPECT_EQ(CodesOfText("{\"x\":\"a b\"}"),
            std::vector<std::string>{"field.unknown"});
}

TEST(Boundaries, OverlongUtf8Edges) {
  // The last overlong form of each length, and the first valid character
  // of that length.
  const std::pair<std::string, bool> keys[] = {
      {"\xC1\x81", false},         {"\xC2\x80", true},
      {"\xE0\x9F\xBF", false},     {"\xE0\xA0\x80", true},
      {"\xF0\x8F\xBF\xBF", false}, {"\xF0\x90\x80\x80", true},
      {"\xED\xA0\x80", false},     {"\xED\x9F\xBF", true},
      {"\xF4\x90\x80\x80", false}, {"\xF4\x8F\xBF\xBF", true},
  };
  for (const auto& [bytes, valid] : keys) {
    SCOPED_TRACE(::testing::PrintToString(bytes));
    const std::vector<std::string> codes =
        CodesOfText("{\"x" + bytes + "\":1}");
    EXPECT_EQ(codes, std::vector<std::string>{valid ? "field.unknown"
                                                    : "json.invalid_utf8"});
  }
}

TEST(Boundaries, BigEndianWideFiles) {
  ValidateOptions options;
  options.input_is_file = true;
  const std::pair<std::string, std::string> files[] = {
      {std::string("\xFE\xFF\0{\0}", 6), "file.utf16"},
      {std::string("\0{\0}", 4), "file.utf16"},
      {std::string("\0\0\xFE\xFF\0\0\0{\0\0\0}", 12), "file.utf32"},
      {std::string("\0\0\0{\0\0\0}", 8), "file.utf32"},
  };
  for (const auto& [bytes, code] : files) {
    SCOPED_TRACE(code);
    const ValidationResult result = Validate(bytes, options);
    EXPECT_EQ(CodesOf(result), std::vector<std::string>{code});
  }
}

TEST(Boundaries, BudgetParamValues) {
  const ValidationResult overflow =
      Validate(R"({"budgetMilliNodeHours":"99999999999999999999"})");
  const Finding* too_big = FindCode(overflow, "budget.int64_overflow");
  ASSERT_NE(too_big, nullptr);
  EXPECT_EQ(too_big->params.ToJson()["actual"], "99999999999999999999");

  const ValidationResult signed_zeros =
      Validate(R"({"budgetMilliNodeHours":"+0192000"})");
  const Finding* note = FindCode(signed_zeros, "budget.non_canonical");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->params.ToJson()["actual"], "+0192000");
  EXPECT_EQ(note->params.ToJson()["canonical"], "192000");
}

// Each class of spelling in the README's portability table, with the code
// and the portable form its hint gives.
TEST(Boundaries, PortableFormPerSpellingClass) {
  const std::pair<std::string, std::string> budgets[] = {
      {R"("\ufeff192000")", R"("192000")"},
      {R"("192000\u2028")", R"("192000")"},
      {R"("192000\u2029")", R"("192000")"},
      {R"("0O57")", R"("47")"},
      {"\"\xF0\x9F\xAF\xB1\xF0\x9F\xAF\xB9\xF0\x9F\xAF\xB2\xF0\x9F\xAF\xB0"
       "\xF0\x9F\xAF\xB0\xF0\x9F\xAF\xB0\"",
       R"("192000")"},
  };
  for (const auto& [budget, portable] : budgets) {
    SCOPED_TRACE(budget);
    const ValidationResult result =
        Validate(R"({"budgetMilliNodeHours":)" + budget + "}");
    const Finding* finding = FindCode(result, "budget.not_portable");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->params.ToJson()["portable"], portable);
  }
}

TEST(Boundaries, EnumDigitStringInt32Max) {
  EXPECT_EQ(CodesOfText(R"({"modelType":"2147483647"})"),
            std::vector<std::string>{"model_type.not_portable"});
  EXPECT_EQ(CodesOfText(R"({"modelType":"2147483648"})"),
            std::vector<std::string>{"model_type.unknown_name"});
}

TEST(Boundaries, PythonIntegerDigitLimit) {
  // Python's json module reads integers of up to 4,300 digits.
  const auto request = [](size_t digits) {
    return R"({"trainingTaskInputs":{},"labels":{"a":)" +
           std::string(digits, '1') + "}}";
  };
  EXPECT_EQ(FindCode(Validate(request(4300)), "pipeline.not_portable"),
            nullptr);
  EXPECT_NE(FindCode(Validate(request(4301)), "pipeline.not_portable"),
            nullptr);
}

TEST(Boundaries, NumberOverflowCount) {
  // Numbers of 310 digits, past the range of a double without an exponent.
  const auto text = [](int count) {
    std::string members;
    for (int i = 0; i < count; ++i) {
      members += ",\"n" + std::to_string(i) + "\":" + std::string(310, '9');
    }
    return "{\"trainingTaskInputs\":{}" + members + "}";
  };
  EXPECT_EQ(FindCode(Validate(text(16)), "json.number_overflow"), nullptr);
  EXPECT_NE(FindCode(Validate(text(17)), "json.number_overflow"), nullptr);
}

TEST(Boundaries, TruncatedSingularFinding) {
  std::string text = "{";
  for (int i = 0; i < 101; ++i) {
    text += (i > 0 ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  }
  const ValidationResult result = Validate(text + "}");
  const Finding* summary = FindCode(result, "findings.truncated");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->message.rfind("1 more finding not shown", 0), 0u)
      << summary->message;
}

}  // namespace
}  // namespace segform
