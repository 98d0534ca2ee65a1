// The JSON scanner must accept exactly the texts nlohmann's parser accepts,
// build the same document from them, and stop where nlohmann stops in the
// others (tests/support/nlohmann_reader.h defines how closely).

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "internal.h"
#include "nlohmann_reader.h"
#include "test_util.h"

namespace segform::internal {
namespace {

void ExpectSameReading(std::string_view text) {
  EXPECT_EQ(CompareWithNlohmann(text), "") << "text: " << text;
}

TEST(ScannerTest, TrickyTextsReadAsNlohmannReadsThem) {
  const char* const kTexts[] = {
      "{}",
      "[]",
      " {\"a\" : 1 } ",
      "{\"a\":1,}",
      "{,}",
      "[1,]",
      "[,1]",
      "{\"a\" 1}",
      "{\"a\":}",
      "{\"a\":1 \"b\":2}",
      "{\"a\":1}x",
      "{\"a\":1}{",
      "0",
      "-0",
      "01",
      "-",
      "1.",
      ".5",
      "1e",
      "1e+",
      "1E-2",
      "-0.0e00",
      "1e400",
      "-1e400",
      "[1e400,2e400]",
      "123456789012345678901234567890",
      "true",
      "tru",
      "truex",
      "false",
      "null",
      "nul",
      "NULL",
      "\"a\"",
      "\"\\u0041\\u00e9\\u20ac\"",
      "\"\\ud83d\\ude00\"",
      "\"\\ud83d\"",
      "\"\\ude00\"",
      "\"\\ud83d\\u0041\"",
      "\"\\ud83dx\"",
      "\"\\u12\"",
      "\"\\uZZZZ\"",
      "\"\\x\"",
      "\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"",
      "\"a\tb\"",
      "\"\\u0000\"",
      "\"é😀\"",
      "{\"k\\\"ey\":\"v\\\\\"}",
      "{\"a\":{\"b\":1,\"b\":2}}",
      "{\"a\":[{\"b\":1},{\"c\":1,\"c\":2}]}",
      "[{\"b\":1,\"b\":2}]",
      "{\"a~/b\":{\"x\":{\"y\":1,\"y\":1}}}",
      "{\"a\":1,\"a\":2}",
      "{\"a\":[1,[2,[3]]],\"b\":{\"c\":[]}}",
      "\n\r\t {\"a\":\"b\"}\n",
      "\f{}",
      "{\"a\":1}\f",
      "",
      "   ",
      "[",
      "{",
      "{\"a\"",
      "{\"a\":\"b",
      "\"abc",
  };
  for (const char* text : kTexts) ExpectSameReading(text);
}

// Each error names what was expected and what was found, at the span a
// person would fix, with a hint for the usual hand-written mistakes.
TEST(ScannerTest, ErrorsSayWhatWasExpected) {
  struct Row {
    const char* text;
    size_t begin;
    size_t end;
    const char* message;
    const char* hint;
  };
  const Row kRows[] = {
      {"", 0, 0, "the text is empty", "JSON object"},
      {"  \n", 3, 3, "the text has only white space", "JSON object"},
      {"{\"a\":1,}", 7, 8, "expected a key in double quotes; found '}'",
       "no trailing commas"},
      {"[1, ]", 4, 5, "expected a value; found ']'", "no trailing commas"},
      {"[{\"a\":1,]", 8, 9, "found ']'", "innermost open object"},
      {"{\"a\":[1,2}", 9, 10, "expected ',' or ']' after the element",
       "innermost open array"},
      {"{\"a\":1}}", 7, 8, "after the JSON value; found '}'",
       "no object or array is open"},
      {"{'a':1}", 1, 2, "found \"'\"", "double quotes"},
      {"{\xE2\x80\x9C"
       "a\xE2\x80\x9D:1}",
       1, 4, "found \"\xE2\x80\x9C\"", "straight double quotes"},
      {"[1,\xC2\xA0 2]", 3, 5, "expected a value", "ordinary space"},
      // Once the generic hint: a form feed is white space to other readers.
      {"{\"a\":1,\f\"b\":2}", 7, 8, "found \"\\u000C\"", "ordinary space"},
      {"{a:1}", 1, 2, "expected a key in double quotes, or '}'; found 'a'",
       "Put the key in double quotes"},
      {"{\"a\" 1}", 5, 6, "expected ':' after the key; found the number 1",
       "colon between the key and its value"},
      {"{\"a\":}", 5, 6, "expected a value; found '}'",
       "value after the colon"},
      {"{\"a\":,\"b\":1}", 5, 6, "found ','", "value after the colon"},
      // A token cut by the end of the text keeps its own hint, and only
      // what is open is to be closed.
      {"1.", 2, 2, "digit after the decimal point; the text ends here",
       "Write digits after the point"},
      {"1e", 2, 2, "digit in the exponent", "digits after the e."},
      {"[1e", 3, 3, "digit in the exponent",
       "digits after the e. Then close every string"},
      {"{:1}", 1, 2, "found ':'", "key in double quotes before the colon"},
      {"{,}", 1, 2, "found ','", "extra comma"},
      {"[1,,2]", 3, 4, "expected a value; found ','", "extra comma"},
      {"{\"a\":1 \"b\":2}", 7, 10,
       "expected ',' or '}' after the member; "
       "found a string",
       "comma between the members"},
      // A second value after a key: a string may be the next key, which
      // the hint above covers, and another value cannot be.
      {"{\"a\":1 2-3}", 7, 8, "found the number 2", "one value after its key"},
      {"{\"a\":1 true}", 7, 11, "found \"true\"", "one value after its key"},
      {"{\"a\":1 {}}", 7, 8, "found '{'", "put a comma and a key before it"},
      {"{\"a\":1 -5}", 7, 9, "found the number -5", "one value after its key"},
      {"{\"a\":1 nope}", 7, 11, "found \"nope\"", "true, false and null"},
      {"[1 nope]", 3, 7, "found \"nope\"", "true, false and null"},
      {"{\"a\":1 nullable}", 7, 15, "found \"nullable\"",
       "true, false and null"},
      {"[1 trueish]", 3, 10, "found \"trueish\"", "true, false and null"},
      {"{\"a\":1 false}", 7, 12, "found \"false\"", "one value after its key"},
      {"[1 2]", 3, 4, "expected ',' or ']' after the element",
       "comma between the elements"},
      {"[1 true]", 3, 7, "found \"true\"", "comma between the elements"},
      {"[true-]", 5, 6, "found '-'", "Fix the JSON syntax"},
      {"[\\]", 1, 2, "found '\\'", "Fix the JSON syntax"},
      {"{\"a\":True}", 5, 9, "expected a value; found \"True\"",
       "true, false and null"},
      {"[tru]", 1, 4, "found \"tru\"", "true, false and null"},
      {"[nulls]", 1, 6, "found \"nulls\"", "true, false and null"},
      {"[true1.5]", 1, 8, "found \"true1.5\"", "comma between the two"},
      {"{\"a\":tr", 5, 7, "found \"tr\"", "still open"},
      {"{} x", 3, 4, "expected the end of the text after the JSON value",
       "Remove what follows"},
      {"{} // note", 3, 4, "after the JSON value; found '/'", "no comments"},
      {"[# note\n]", 1, 2, "found '#'", "no comments"},
      {"[+1]", 1, 2, "found '+'", "no plus sign"},
      {"[.5]", 1, 2, "found '.'", "0 before the decimal point"},
      {"[0192]", 1, 5, "cannot start with 0 followed by more digits",
       "leading zeros"},
      {"[192,000]", 5, 8, "cannot start with 0", "thousands separators"},
      {"{\"b\":192,000}", 9, 12,
       "expected a key in double quotes; found "
       "the number 000",
       "thousands separators"},
      {"[0x1F]", 1, 5, "\"0x1F\" is not a JSON number", "decimal digits"},
      {"[1_000]", 1, 6, "\"1_000\" is not a JSON number", "decimal digits"},
      {"[1.2.3]", 1, 6, "\"1.2.3\" is not a JSON number", "decimal digits"},
      {"[-0.5e]", 6, 7, "expected a digit in the exponent", "exponent"},
      {"[-x]", 2, 3, "expected a digit after '-'", "minus sign"},
      {"[1.]", 3, 4, "expected a digit after the decimal point", "point"},
      {"[\"a\nb\"]", 3, 4, "control character (U+000A)", "line break as \\n"},
      {"[\"a\r\nb\"]", 3, 4, "control character (U+000D)", "line break as \\n"},
      {"[\"a\x01\"]", 3, 4, "control character (U+0001)", "\\u0001"},
      {"[\"\\q\"]", 3, 4, "a backslash followed by \"q\" is not a JSON escape",
       "\\\\"},
      {"[\"\\u12G4\"]", 6, 7, "\\u must be followed by four hex digits",
       "\\u00E9"},
      {"[\"\\uDC00\"]", 2, 8, "\\uDC00 is the second half", "surrogate pair"},
      {"[\"\\uD800x\"]", 2, 8, "\\uD800 is the first half", "surrogate pair"},
      {"[\"\\uD800\\n\"]", 2, 10, "\\uD800 is the first half",
       "surrogate pair"},
      {"[\"\\uD800\\u0041\"]", 2, 14, "the escape after it is not the second",
       "surrogate pair"},
      {"[\"abc", 5, 5, "the string is not closed; the text ends here",
       "still open"},
      {"{\"a\":", 5, 5, "expected a value; the text ends here", "still open"},
  };
  for (const Row& row : kRows) {
    JsonError error;
    EXPECT_FALSE(ScanJsonText(row.text, &error).has_value()) << row.text;
    EXPECT_EQ(error.code, "json.syntax") << row.text;
    EXPECT_EQ(error.span.begin, row.begin) << row.text;
    EXPECT_EQ(error.span.end, row.end) << row.text;
    EXPECT_NE(error.message.find(row.message), std::string::npos)
        << row.text << " gave: " << error.message;
    EXPECT_EQ(error.message.rfind("invalid JSON: ", 0), 0u) << error.message;
    EXPECT_NE(error.hint.find(row.hint), std::string::npos)
        << row.text << " gave: " << error.hint;
    // A token that cannot stand where it is comes with what could.
    if (error.message.find("; found ") != std::string::npos) {
      EXPECT_NE(error.message.find("expected " + error.expected + ";"),
                std::string::npos)
          << row.text;
      EXPECT_EQ(error.found,
                std::string_view(row.text).substr(
                    error.span.begin, error.span.end - error.span.begin))
          << row.text;
    }
    ExpectSameReading(row.text);
  }
}

// The pointer of a key set twice names every array index on the way to it,
// a top-level array's included.
// The token in params.found is cut to 40 bytes, never inside a character,
// so that every JSON writer can write it.
// The span of a lone high surrogate takes in the escape after it, up to
// the end of that escape's character, which may be more than one byte.
TEST(ScannerTest, LoneSurrogateSpanEndsOnCharacter) {
  for (const std::string after : {"n", "\xC3\xA9", "\xE2\x82\xAC"}) {
    const std::string text = "{\"a\": \"\\ud800\\" + after + "\"}";
    JsonError error;
    ASSERT_FALSE(ScanJsonText(text, &error).has_value());
    EXPECT_EQ(error.span.begin, 7u);
    EXPECT_EQ(error.span.end, 7 + 7 + after.size()) << after;
  }
}

TEST(ScannerTest, FoundTokenIsCutBeforeWholeCharacter) {
  for (size_t before = 0; before < 4; ++before) {
    const std::string text =
        "[1 \"" + std::string(before, 'a') + std::string(20, '\xC3') + "\"]";
    std::string valid = text;
    for (size_t i = 0; i < valid.size(); ++i) {
      if (valid[i] == '\xC3') valid.insert(++i, 1, '\xA9');  // é
    }
    JsonError error;
    ASSERT_FALSE(ScanJsonText(valid, &error).has_value());
    EXPECT_LE(error.found.size(), 40u);
    EXPECT_EQ(FindInvalidUtf8(error.found), std::string_view::npos) << before;
  }
}

TEST(ScannerTest, NestedDuplicatePointersHaveIndexes) {
  const std::pair<const char*, const char*> kRows[] = {
      {"{\"a\":[1,{\"b\":1,\"b\":2}]}", "/a/1/b"},
      {"[1,{\"b\":1,\"b\":2}]", "/1/b"},
      {"[[],[{\"c\":{},\"c\":[]}]]", "/1/0/c"},
      {"{\"a~/\":{\"x\":{\"y\":1,\"y\":1}}}", "/a~0~1/x/y"},
  };
  for (const auto& [text, pointer] : kRows) {
    const std::optional<RawDocument> document = ScanJsonText(text);
    ASSERT_TRUE(document.has_value()) << text;
    ASSERT_EQ(document->nested_duplicates.size(), 1u) << text;
    EXPECT_EQ(NestedDuplicatePointer(*document, document->nested_duplicates[0]),
              pointer)
        << text;
    ExpectSameReading(text);
  }
}

TEST(ScannerTest, NestingLimitMatches) {
  for (const int depth :
       {kMaxNestingDepth - 1, kMaxNestingDepth, kMaxNestingDepth + 1}) {
    ExpectSameReading(std::string(depth, '[') + std::string(depth, ']'));
    std::string objects;
    for (int i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}');
    ExpectSameReading(objects);
  }
}

TEST(ScannerTest, OverflowingNumberLimitMatches) {
  for (const int count : {kMaxOverflowingNumbers, kMaxOverflowingNumbers + 1}) {
    std::string text = "{\"budgetMilliNodeHours\":1e999,\"x\":[";
    for (int i = 0; i < count - 1; ++i) text += (i ? ",-1e999" : "-1e999");
    ExpectSameReading(text + "]}");
    ExpectSameReading("[" + std::string(400, '9') + "]");
  }
}

// Sets LC_NUMERIC to a locale whose decimal point is a comma, built with
// localedef from Debian's locales package, and puts back "C" when it ends.
class CommaDecimalLocale {
 public:
  CommaDecimalLocale() {
    const std::string folder = ::testing::TempDir() + "segform-locale";
    std::filesystem::create_directories(folder);
    const std::string command =
        "localedef -i de_DE -f UTF-8 " + folder + "/de_DE.UTF-8";
    built_ = std::system(command.c_str()) == 0;
    // glibc reads LOCPATH on every setlocale call.
    setenv("LOCPATH", folder.c_str(), 1);
    set_ = built_ && std::setlocale(LC_NUMERIC, "de_DE.UTF-8") != nullptr;
  }
  ~CommaDecimalLocale() {
    std::setlocale(LC_NUMERIC, "C");
    unsetenv("LOCPATH");
  }
  bool built() const { return built_; }
  bool set() const { return set_; }

 private:
  bool built_ = false;
  bool set_ = false;
};

// A program that embeds segform may set such a locale, and strtod then
// stops at the '.' of "1.5e400". Numbers must read as in the C locale.
TEST(ScannerTest, CommaDecimalLocaleReadsNumbersAlike) {
  const CommaDecimalLocale locale;
  ASSERT_TRUE(locale.built()) << "localedef could not build de_DE.UTF-8";
  ASSERT_TRUE(locale.set());
  ASSERT_STREQ(std::localeconv()->decimal_point, ",");

  std::string overflowing = "[";
  for (int i = 0; i <= kMaxOverflowingNumbers; ++i) {
    overflowing += i == 0 ? "1.5e400" : ",1.5e400";
  }
  overflowing += "]";
  ExpectSameReading(overflowing);
  const ValidationResult too_many = Validate(overflowing);
  ASSERT_EQ(too_many.findings.size(), 1u);
  EXPECT_EQ(too_many.findings[0].code, "json.number_overflow");

  const ValidationResult huge = Validate(R"({"budgetMilliNodeHours":1.5e400})");
  ASSERT_EQ(huge.findings.size(), 1u);
  EXPECT_EQ(huge.findings[0].code, "budget.int64_overflow");

  const ValidationResult fraction =
      Validate(R"({"budgetMilliNodeHours":2.5e4})");
  EXPECT_TRUE(fraction.ok());
  ASSERT_TRUE(fraction.inputs.has_value());
  EXPECT_EQ(fraction.inputs->budget_milli_node_hours, 25000);
}

// Every case, every prefix of it, and every position overwritten by each
// byte that means something to a JSON reader.
TEST(ScannerTest, CasesAndTheirMutationsReadAlike) {
  const std::string kReplacements = "\"\\{}[],:0-e.u \nxt";
  size_t checked = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(SEGFORM_CASES_DIR)) {
    if (entry.path().extension() != ".in") continue;
    std::string text = segform::testing::ReadBytes(entry.path().string());
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.erase(0, 3);
    if (text.size() > 400) continue;
    for (size_t length = 0; length <= text.size(); ++length) {
      ExpectSameReading(std::string_view(text).substr(0, length));
    }
    for (size_t i = 0; i < text.size(); ++i) {
      for (const char replacement : kReplacements) {
        std::string mutated = text;
        mutated[i] = replacement;
        ExpectSameReading(mutated);
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 40u);
}

// KeySet is an open-addressing table that grows as it fills. Every key of
// many is found again after the growths, a key differing in its last byte
// is not taken for another, and the empty key is a key like any other.
TEST(KeySet, FindsKeysAfterGrowth) {
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("key" + std::to_string(i));
  keys.push_back("");
  KeySet set;
  for (const std::string& key : keys) EXPECT_TRUE(set.Insert(key)) << key;
  for (const std::string& key : keys) EXPECT_FALSE(set.Insert(key)) << key;
  EXPECT_FALSE(set.Insert(std::string_view()));
  const std::string near = "key4999x";
  EXPECT_TRUE(set.Insert(near));
}

}  // namespace
}  // namespace segform::internal
