// The one-pass scanner must accept exactly the texts nlohmann's parser
// accepts and build the same document from them, since ReadJsonText uses
// the scanner for every text it accepts and nlohmann only for the rest.

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "internal.h"
#include "test_util.h"

namespace segform::internal {
namespace {

// Writes everything the later stages read from a document, one item a line.
std::string Describe(const std::optional<RawDocument>& document) {
  if (!document) return "rejected";
  std::ostringstream out;
  const auto value = [&](const RawValue& raw) {
    out << static_cast<int>(raw.kind) << " [" << raw.span.begin << ","
        << raw.span.end << ") " << raw.text.size() << ":" << raw.text;
  };
  out << "top ";
  value(document->top);
  for (const RawMember& member : document->members) {
    out << "\nmember [" << member.key_span.begin << "," << member.key_span.end
        << ") " << member.key.size() << ":" << member.key << " = ";
    value(member.value);
  }
  for (const NestedDuplicate& duplicate : document->nested_duplicates) {
    out << "\nduplicate " << duplicate.path << " [" << duplicate.key_span.begin
        << "," << duplicate.key_span.end << ") " << duplicate.key;
  }
  return out.str();
}

// The readers' shared precondition: valid UTF-8, no NUL, no byte-order mark.
bool IsReadable(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos &&
         text.find('\0') == std::string_view::npos &&
         text.substr(0, 3) != "\xEF\xBB\xBF";
}

void ExpectSameReading(std::string_view text) {
  if (!IsReadable(text)) return;
  FindingSink sink(text);
  EXPECT_EQ(Describe(ScanJsonText(text)),
            Describe(ParseJsonTextWithNlohmann(text, sink)))
      << "text: " << text;
}

TEST(ScannerTest, TrickyTextsReadAsNlohmannReadsThem) {
  const char* const kTexts[] = {
      "{}", "[]", " {\"a\" : 1 } ", "{\"a\":1,}", "{,}", "[1,]", "[,1]",
      "{\"a\" 1}", "{\"a\":}", "{\"a\":1 \"b\":2}", "{\"a\":1}x", "{\"a\":1}{",
      "0", "-0", "01", "-", "1.", ".5", "1e", "1e+", "1E-2", "-0.0e00",
      "1e400", "-1e400", "[1e400,2e400]", "123456789012345678901234567890",
      "true", "tru", "truex", "false", "null", "nul", "NULL", "\"a\"",
      "\"\\u0041\\u00e9\\u20ac\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"",
      "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\ud83dx\"", "\"\\u12\"",
      "\"\\uZZZZ\"", "\"\\x\"", "\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"", "\"a\tb\"",
      "\"\\u0000\"", "\"é😀\"", "{\"k\\\"ey\":\"v\\\\\"}",
      "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":[{\"b\":1},{\"c\":1,\"c\":2}]}",
      "[{\"b\":1,\"b\":2}]", "{\"a~/b\":{\"x\":{\"y\":1,\"y\":1}}}",
      "{\"a\":1,\"a\":2}", "{\"a\":[1,[2,[3]]],\"b\":{\"c\":[]}}",
      "\n\r\t {\"a\":\"b\"}\n", "\f{}", "{\"a\":1}\f", "", "   ", "[", "{",
      "{\"a\"", "{\"a\":\"b", "\"abc",
  };
  for (const char* text : kTexts) ExpectSameReading(text);
}

TEST(ScannerTest, NestingLimitMatches) {
  for (const int depth : {kMaxNestingDepth - 1, kMaxNestingDepth,
                          kMaxNestingDepth + 1}) {
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

  const ValidationResult fraction = Validate(R"({"budgetMilliNodeHours":2.5e4})");
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

}  // namespace
}  // namespace segform::internal
