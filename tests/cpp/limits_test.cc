// Input limits (text size, nesting depth), UTF-16 offsets and the option
// that turns unknown fields into warnings.

#include <gtest/gtest.h>

#include <limits>

#include "test_util.h"

namespace segform {
namespace {

std::string PaddedTo(size_t size) {
  std::string text = R"({"budgetMilliNodeHours":"192000"})";
  text.append(size - text.size(), ' ');
  return text;
}

TEST(SizeLimit, AcceptsExactlyOneMebibyte) {
  const ValidationResult result = Validate(PaddedTo(kMaxTextBytes));
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.findings.empty());
}

TEST(SizeLimit, RejectsOneByteMore) {
  const ValidationResult result = Validate(PaddedTo(kMaxTextBytes + 1));
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& finding = result.findings[0];
  EXPECT_EQ(finding.code, "json.too_large");
  EXPECT_EQ(finding.line, 1);
  EXPECT_EQ(finding.column, 1);
  EXPECT_EQ(finding.params.ToJson()["size"], kMaxTextBytes + 1);
  EXPECT_EQ(finding.params.ToJson()["max"], kMaxTextBytes);
}

TEST(SizeLimit, FileByteOrderMarkDoesNotCount) {
  ValidateOptions options;
  options.input_is_file = true;
  const ValidationResult result =
      Validate("\xEF\xBB\xBF" + PaddedTo(kMaxTextBytes), options);
  EXPECT_TRUE(result.ok());
}

// A size past the largest int64 once wrapped to a negative size param.
TEST(SizeLimit, OversizeParamNeverNegative) {
  const ValidationResult result =
      OversizeResult(std::numeric_limits<uint64_t>::max());
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& finding = result.findings[0];
  EXPECT_EQ(finding.params.ToJson()["size"],
            std::numeric_limits<int64_t>::max());
  EXPECT_NE(finding.message.find("18,446,744,073,709,551,615 bytes"),
            std::string::npos);
}

// A wide file's finding spans its first code unit: a UTF-32 mark is four
// bytes, and was once cut to two.
TEST(WideFile, SpansFirstCodeUnit) {
  ValidateOptions options;
  options.input_is_file = true;
  const std::pair<std::string, size_t> files[] = {
      {std::string("\xFF\xFE{\0}\0", 6), 2},
      {std::string("\xFF\xFE\0\0{\0\0\0}\0\0\0", 12), 4},
  };
  for (const auto& [bytes, end] : files) {
    const ValidationResult result = Validate(bytes, options);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].begin, 0u);
    EXPECT_EQ(result.findings[0].end, end);
  }
}

std::string NestedInUnknownField(int levels) {
  // The top-level object is the first level.
  return R"({"x":)" + std::string(levels - 1, '[') +
         std::string(levels - 1, ']') + "}";
}

TEST(DepthLimit, AcceptsSixtyFourLevels) {
  const ValidationResult result = Validate(NestedInUnknownField(64));
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "field.unknown");
}

TEST(DepthLimit, RejectsSixtyFifthLevelAtItsBracket) {
  const ValidationResult result = Validate(NestedInUnknownField(65));
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& finding = result.findings[0];
  EXPECT_EQ(finding.code, "json.too_deep");
  // {"x": is 5 bytes, then 63 brackets of the levels 2 to 64.
  EXPECT_EQ(finding.begin, 5u + 63u);
  EXPECT_EQ(finding.column, 5 + 63 + 1);
  EXPECT_EQ(finding.params.ToJson()["max"], kMaxNestingDepth);
}

TEST(DepthLimit, MillionLevelsEndQuickly) {
  const ValidationResult result = Validate(std::string(1'000'000, '['));
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "json.too_deep");
}

TEST(Utf16Offsets, CountSurrogatePairsAsTwo) {
  // "😀" is 4 bytes and 2 UTF-16 units; "é" is 2 bytes and 1 unit.
  const ValidationResult result =
      Validate("{\"a\":\"\xF0\x9F\x98\x80\xC3\xA9\",\"b\":1}");
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].begin, 1u);
  EXPECT_EQ(result.findings[0].utf16_begin, 1u);
  EXPECT_EQ(result.findings[0].utf16_end, 4u);
  EXPECT_EQ(result.findings[1].begin, 14u);
  EXPECT_EQ(result.findings[1].end, 17u);
  EXPECT_EQ(result.findings[1].utf16_begin, 11u);
  EXPECT_EQ(result.findings[1].utf16_end, 14u);
}

// Bytes that are not UTF-8 count as the U+FFFD a WHATWG decoder such as
// TextDecoder shows for them: one for a stray continuation byte, one for a
// lead byte and the continuation bytes that could have completed it.
TEST(Utf16Offsets, CountInvalidBytesAsReplacement) {
  const struct {
    std::string bytes;
    size_t utf16_length;
  } rows[] = {
      {"\x80", 1},         {"\xF0", 1},
      {"\xF0\x9F\x98", 1},  // a four-byte sequence cut short
      {"\xE0\x80", 1},      // E0 takes A0 to BF next: E0 is replaced alone
      {"\xFF", 1},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(::testing::PrintToString(row.bytes));
    const std::string text = "{\"baseModelId\": \"a" + row.bytes + "\"}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    const Finding& finding = result.findings[0];
    EXPECT_EQ(finding.code, "json.invalid_utf8");
    EXPECT_EQ(finding.begin, 18u);
    EXPECT_EQ(finding.utf16_begin, 18u);
    EXPECT_EQ(finding.utf16_end - finding.utf16_begin, row.utf16_length);
  }
}

TEST(InvalidUtf8, NamesSurrogateWrittenAsThreeBytes) {
  const struct {
    std::string bytes;
    std::string found;
    std::string message_part;
  } rows[] = {
      {"\xED\xA0\x80", "U+D800", "without its other half"},
      {"\xED\xBF\xBF", "U+DFFF", "without its other half"},
      // A low half first is no pair.
      {"\xED\xB8\x80\xED\xA0\xBD", "U+DE00", "without its other half"},
      // Both halves in order: CESU-8's form of U+1F600.
      {"\xED\xA0\xBD\xED\xB8\x80", "U+1F600", "(CESU-8)"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.found);
    const ValidationResult result =
        Validate("{\"baseModelId\": \"a" + row.bytes + "\"}");
    ASSERT_EQ(result.findings.size(), 1u);
    const Finding& finding = result.findings[0];
    EXPECT_EQ(finding.code, "json.invalid_utf8");
    EXPECT_EQ(finding.begin, 18u);
    EXPECT_EQ(finding.end, 19u);
    EXPECT_EQ(finding.column, 19);
    ASSERT_NE(finding.params.Find(Param::kFound), nullptr);
    EXPECT_EQ(finding.params.Find(Param::kFound)->text, row.found);
    EXPECT_EQ(finding.params.Find(Param::kByte)->text, "0xED");
    EXPECT_NE(finding.message.find(row.found), std::string::npos);
    EXPECT_NE(finding.message.find(row.message_part), std::string::npos)
        << finding.message;
  }
  // Other invalid bytes name the byte alone.
  const ValidationResult other = Validate("{\"baseModelId\": \"a\xED\x80\"}");
  ASSERT_EQ(other.findings.size(), 1u);
  EXPECT_EQ(other.findings[0].params.Find(Param::kFound), nullptr);
  EXPECT_NE(other.findings[0].message.find("byte 0xED"), std::string::npos);
}

TEST(Utf16Offsets, SpanAValueAcrossLines) {
  const ValidationResult result =
      Validate("{\r\n  \"baseModelId\": \"\xE6\x97\xA5\"\r\n}");
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& finding = result.findings[0];
  EXPECT_EQ(finding.line, 2);
  EXPECT_EQ(finding.column, 18);
  EXPECT_EQ(finding.begin, 20u);
  EXPECT_EQ(finding.end, 25u);
  EXPECT_EQ(finding.utf16_begin, 20u);
  EXPECT_EQ(finding.utf16_end, 23u);
}

TEST(IgnoreUnknownFields, TurnsUnknownFieldsIntoWarnings) {
  ValidateOptions options;
  options.ignore_unknown_fields = true;
  const ValidationResult result = Validate(
      R"({"modelType":"CLOUD_HIGH_ACCURACY_1","multiLabel":true})", options);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "field.unknown");
  EXPECT_EQ(result.findings[0].severity, Severity::kWarning);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(nlohmann::json::parse(result.canonical_json),
            nlohmann::json({{"modelType", "CLOUD_HIGH_ACCURACY_1"}}));
}

TEST(IgnoreUnknownFields, KeepsOtherErrors) {
  ValidateOptions options;
  options.ignore_unknown_fields = true;
  const ValidationResult result =
      Validate(R"({"x":1,"budgetMilliNodeHours":"5"})", options);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.error_count(), 1u);
}

// Python's json_format reads a key in square brackets as an extension's
// name and rejects it, ignore_unknown_fields or not. Other keys with
// brackets are ignored by both parsers.
TEST(IgnoreUnknownFields, RejectsExtensionNames) {
  ValidateOptions options;
  options.ignore_unknown_fields = true;
  const struct {
    const char* key;
    bool is_extension;
  } rows[] = {
      {"[foo.bar]", true}, {"[]", true},  {"[a_B.9]", true}, {"[a]\\n", true},
      {"[a-b]", false},    {"[a", false}, {"a]", false},     {"[a]x", false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.key);
    const ValidationResult result = Validate(
        R"({"modelType":2,")" + std::string(row.key) + R"(":1})", options);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, row.is_extension
                                           ? "field.unknown_not_portable"
                                           : "field.unknown");
    EXPECT_EQ(result.findings[0].column, 16);  // the key
    EXPECT_EQ(result.ok(), !row.is_extension);
  }
}

// Python's json module rejects an integer of more than 4,300 digits
// anywhere in the text, so an unknown field that contains one cannot be
// ignored.
// A fraction or an exponent makes it a float, which it reads.
TEST(IgnoreUnknownFields, RejectsOverlongIntegers) {
  ValidateOptions options;
  options.ignore_unknown_fields = true;
  const std::string too_long = std::string(4301, '7');
  const ValidationResult nested =
      Validate(R"({"modelType":2,"x":{"y":[)" + too_long + "]}}", options);
  ASSERT_EQ(nested.findings.size(), 1u);
  EXPECT_EQ(nested.findings[0].code, "field.unknown_not_portable");
  EXPECT_EQ(nested.findings[0].path, "/x");
  EXPECT_EQ(nested.findings[0].begin, 25u);  // the number itself
  EXPECT_EQ(nested.findings[0].end, 25u + 4301u);
  EXPECT_FALSE(nested.ok());

  for (const std::string number :
       {std::string(4300, '7'), "-" + std::string(4300, '7'), too_long + ".0",
        too_long + "e0"}) {
    SCOPED_TRACE(number.substr(number.size() - 3));
    const ValidationResult result =
        Validate(R"({"modelType":2,"x":)" + number + "}", options);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "field.unknown");
    EXPECT_TRUE(result.ok());
  }
}

}  // namespace
}  // namespace segform
