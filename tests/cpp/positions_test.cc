// Spans, lines and columns of findings, for every kind of token.

#include <gtest/gtest.h>

#include <random>

#include "internal.h"
#include "test_util.h"

namespace segform {
namespace {

struct SpanRow {
  const char* name;
  std::string text;
  const char* code;
  size_t begin;
  size_t end;
};

// Each text has one finding; begin and end are byte offsets of its token.
const SpanRow kSpanRows[] = {
    {"string with escaped quote", R"({"baseModelId":"a\"b"})",
     "base_model_id.invalid", 15, 21},
    {"string ending in backslash", R"({"baseModelId":"a\\"})",
     "base_model_id.invalid", 15, 20},
    {"number followed by brace", R"({"budgetMilliNodeHours":5})",
     "budget.out_of_range", 24, 25},
    {"number followed by space", R"({"budgetMilliNodeHours":-1.5e3 })",
     "budget.negative", 24, 30},
    {"number too large for double", R"({"budgetMilliNodeHours":1e400})",
     "budget.int64_overflow", 24, 29},
    {"true", R"({"budgetMilliNodeHours":true})", "field.wrong_type", 24, 28},
    {"false", R"({"budgetMilliNodeHours":false})", "field.wrong_type", 24, 29},
    {"nested object", R"({"modelType":{"a":[1,{}]}})", "field.wrong_type", 13,
     25},
    {"array", R"({"modelType":[ ]})", "field.wrong_type", 13, 16},
    {"unknown key", R"({ "extra" : 1})", "field.unknown", 2, 9},
    {"top-level number", "  42 ", "message.not_object", 2, 4},
};

TEST(Spans, CoverTheOffendingToken) {
  for (const SpanRow& row : kSpanRows) {
    SCOPED_TRACE(row.name);
    const ValidationResult result = Validate(row.text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, row.code);
    EXPECT_EQ(result.findings[0].begin, row.begin);
    EXPECT_EQ(result.findings[0].end, row.end);
  }
}

TEST(Positions, CountLinesForEveryLineEnd) {
  for (const char* line_end : {"\n", "\r\n", "\r"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(line_end)));
    const std::string text = std::string("{") + line_end + line_end +
                             "  \"extra\": 1" + line_end + "}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].line, 3);
    EXPECT_EQ(result.findings[0].column, 3);
  }
}

TEST(Positions, CountCodePointsAndTabsAsOneColumn) {
  // "é" is 2 bytes and "😀" 4 bytes; each is one column, as is the tab.
  const ValidationResult result =
      Validate("{\"baseModelId\":\"\xC3\xA9\xF0\x9F\x98\x80\",\t\"x\":1}");
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[1].code, "field.unknown");
  EXPECT_EQ(result.findings[1].column, 22);
  EXPECT_EQ(result.findings[1].begin, 25u);
}

TEST(Positions, SyntaxErrorAfterNonAscii) {
  const ValidationResult result = Validate("{\"baseModelId\":\"\xC3\xA9\" x}");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "json.syntax");
  EXPECT_EQ(result.findings[0].line, 1);
  EXPECT_EQ(result.findings[0].column, 20);
}

TEST(Positions, FileByteOrderMarkIsNotCounted) {
  ValidateOptions options;
  options.input_is_file = true;
  const ValidationResult result = Validate("\xEF\xBB\xBF{\"x\":1}", options);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].column, 2);
  EXPECT_EQ(result.findings[0].begin, 1u);
  EXPECT_EQ(result.skipped_prefix, 3u);
}

TEST(Positions, SecondByteOrderMarkIsNamed) {
  ValidateOptions options;
  options.input_is_file = true;
  const ValidationResult file = Validate("\xEF\xBB\xBF\xEF\xBB\xBF{}", options);
  ASSERT_EQ(file.findings.size(), 1u);
  EXPECT_EQ(file.findings[0].code, "json.byte_order_mark");
  EXPECT_EQ(file.findings[0].begin, 0u);
  EXPECT_EQ(file.findings[0].column, 1);
  EXPECT_NE(file.findings[0].message.find("a second UTF-8 byte-order mark"),
            std::string::npos);
  EXPECT_NE(file.findings[0].hint.find("Remove the second"), std::string::npos);
  // Text that is not a file may not start with even one.
  const ValidationResult text = Validate("\xEF\xBB\xBF{}");
  ASSERT_EQ(text.findings.size(), 1u);
  EXPECT_NE(
      text.findings[0].message.find("starts with a UTF-8 byte-order mark"),
      std::string::npos);
}

// Counts the line, column and UTF-16 offset of a byte offset one byte at a
// time, as a reference for the word-at-a-time counting in the library.
struct NaivePosition {
  int line = 1;
  int column = 1;
  size_t utf16 = 0;
};

NaivePosition CountNaively(const std::string& text, size_t offset) {
  NaivePosition position;
  for (size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool continuation = (c & 0xC0) == 0x80;
    if (!continuation) position.utf16 += c >= 0xF0 ? 2 : 1;
    if (c == '\n' ||
        (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) {
      ++position.line;
      position.column = 1;
    } else if (!continuation && c != '\r') {
      ++position.column;
    }
  }
  return position;
}

// Unknown keys at random places, between random runs of white space, line
// ends and non-ASCII keys, so that findings fall at every distance from an
// 8-byte boundary and from the last line end.
TEST(Positions, MatchByteByByteCountOnRandomLayouts) {
  const char* const kGaps[] = {" ",  "\n",       "\r\n",   "\r",
                               "\t", "        ", "\n\n\n", "\r\r\n"};
  const char* const kKeys[] = {"a", "éé",     "😀",      "abcdefghijklmno",
                               "ü", "字字字", "x\u00e9"};
  std::mt19937 random(20261204);
  for (int round = 0; round < 500; ++round) {
    std::string text = "{";
    const int members = 1 + static_cast<int>(random() % 6);
    for (int i = 0; i < members; ++i) {
      if (i > 0) text += ",";
      for (int gap = static_cast<int>(random() % 4); gap > 0; --gap) {
        text += kGaps[random() % std::size(kGaps)];
      }
      text += "\"k" + std::to_string(i) + kKeys[random() % std::size(kKeys)] +
              "\":" + std::string(random() % 12, ' ') + "1";
    }
    text += "}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), static_cast<size_t>(members)) << text;
    for (const Finding& finding : result.findings) {
      const NaivePosition begin = CountNaively(text, finding.begin);
      EXPECT_EQ(finding.line, begin.line) << text;
      EXPECT_EQ(finding.column, begin.column) << text;
      EXPECT_EQ(finding.utf16_begin, begin.utf16) << text;
      EXPECT_EQ(finding.utf16_end, CountNaively(text, finding.end).utf16)
          << text;
    }
  }
}

// Findings come out by offset, and those at one offset in the order they
// were added, whatever order the stages add them in.
TEST(Positions, FindingsSortByOffsetKeepingTies) {
  const std::string text = "0123456789";
  internal::FindingSink sink(text);
  const size_t offsets[] = {7, 2, 7, 0, 2, 9, 7};
  for (size_t i = 0; i < std::size(offsets); ++i) {
    sink.Add(Severity::kError, "test." + std::to_string(i), "",
             {offsets[i], offsets[i] + 1}, "finding " + std::to_string(i));
  }
  std::vector<std::string> codes;
  for (const Finding& finding : sink.Take()) codes.push_back(finding.code);
  EXPECT_EQ(codes,
            (std::vector<std::string>{"test.3", "test.1", "test.4", "test.0",
                                      "test.2", "test.6", "test.5"}));
}

TEST(InvalidUtf8, RejectsOverlongAndSurrogateForms) {
  for (const char* bytes : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                            "\xF4\x90\x80\x80", "\xC3"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(bytes)));
    const ValidationResult result =
        Validate(std::string("{\"baseModelId\":\"") + bytes + "\"}");
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "json.invalid_utf8");
  }
}

TEST(SourceExcerpt, PutsCaretAndTildesUnderToken) {
  const std::string text = "{\n\t\"modelType\": \"FAST\"\n}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(SourceExcerpt(text, result.findings[0]),
            "\t\"modelType\": \"FAST\"\n\t             ^~~~~~\n");
}

TEST(SourceExcerpt, HidesControlCharacters) {
  // A raw ESC inside a string is a syntax error at the ESC itself.
  const std::string text = "{\"a\":\"\x1b\"}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(SourceExcerpt(text, result.findings[0]),
            "{\"a\":\"?\"}\n      ^\n");
}

TEST(SourceExcerpt, MarksEndOfText) {
  const std::string text = "{\"a\":1,";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(SourceExcerpt(text, result.findings[0]), "{\"a\":1,\n       ^\n");
}

TEST(SourceExcerpt, CountsWideAndCombiningCharacters) {
  // Each CJK character takes two columns; a combining accent takes none.
  const std::string text =
      "{\"baseModelId\":\"\xE6\x97\xA5"
      "e\xCC\x81\",\"x\":1}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 2u);
  const std::string excerpt = SourceExcerpt(text, result.findings[1]);
  const std::string marks = excerpt.substr(excerpt.find('\n') + 1);
  EXPECT_EQ(marks, std::string(21, ' ') + "^~~\n");
}

TEST(Spans, SyntaxErrorCoversWholeCharacter) {
  const ValidationResult result = Validate("{\"a\":1}\xF0\x9F\x98\x80");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].begin, 7u);
  EXPECT_EQ(result.findings[0].end, 11u);
  EXPECT_EQ(result.findings[0].utf16_end - result.findings[0].utf16_begin, 2u);
}

TEST(SourceExcerpt, CutsLongLinesAroundTheFinding) {
  const std::string text =
      "{\"baseModelId\":\"" + std::string(300, 'A') + "\",\"x\":1}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 2u);
  const std::string excerpt = SourceExcerpt(text, result.findings[1]);
  const size_t newline = excerpt.find('\n');
  EXPECT_EQ(excerpt.rfind("...", 0), 0u);
  EXPECT_LE(newline, 130u);
  EXPECT_EQ(excerpt.find('^', newline) - newline, excerpt.find("\"x\"") + 1);
}

// Characters of two to four bytes before the finding, on a line longer than
// the excerpt: the excerpt starts 60 characters before the caret, whatever
// their size in bytes, and the caret line counts the emoji's two columns.
TEST(SourceExcerpt, CountsCharactersNotBytes) {
  const std::string group = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // é € 😀
  std::string value;
  for (int i = 0; i < 100; ++i) value += group;
  const std::string text = "{\"baseModelId\":\"" + value + "\",\"x\":1}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 2u);
  // The 60 characters before the key are the value's last 58 (an emoji and
  // 19 groups), its closing quote and the comma: 2 + 19 * 4 + 2 columns.
  std::string visible = "\xF0\x9F\x98\x80";
  for (int i = 0; i < 19; ++i) visible += group;
  EXPECT_EQ(
      SourceExcerpt(text, result.findings[1]),
      "..." + visible + "\",\"x\":1}\n" + std::string(3 + 80, ' ') + "^~~\n");
}

}  // namespace
}  // namespace segform
