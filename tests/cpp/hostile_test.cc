// Hostile inputs: each gets a clear finding, quickly, with its source
// excerpt, and validation works normally afterwards. The Node tests run the
// same inputs through wasm.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>

#include "test_util.h"

namespace segform {
namespace {

const std::string kValid =
    R"({"modelType":"CLOUD_HIGH_ACCURACY_1","budgetMilliNodeHours":"250000",)"
    R"("baseModelId":"seg_model"})";

struct HostileRow {
  const char* name;
  std::function<std::string()> make;
  const char* code;  // a finding this input must produce
};

const HostileRow kHostileRows[] = {
    {"10 MiB of text", [] { return std::string(10 << 20, ' '); },
     "json.too_large"},
    {"nesting a million deep", [] { return std::string(1'000'000, '['); },
     "json.too_deep"},
    {"100,000 keys",
     [] {
       std::string text = "{";
       for (int i = 0; i < 100'000; ++i) {
         text += (i ? ",\"" : "\"") + std::to_string(i) + "\":0";
       }
       return text + "}";
     },
     "findings.truncated"},
    // Each member of a request was once compared with every other member.
    {"100,000 members of a pipeline request",
     [] {
       std::string text = "{\"trainingTaskInputs\":{}";
       for (int i = 0; i < 100'000; ++i) {
         text += ",\"" + std::to_string(i) + "\":0";
       }
       return text + "}";
     },
     "findings.truncated"},
    {"100,000 members of a create request's pipeline",
     [] {
       std::string text =
           "{\"parent\":\"projects/p/locations/l\",\"trainingPipeline\":{"
           "\"trainingTaskInputs\":{}";
       for (int i = 0; i < 100'000; ++i) {
         text += ",\"" + std::to_string(i) + "\":0";
       }
       return text + "}}";
     },
     "findings.truncated"},
    // Each nested duplicate once copied its whole pointer, the long key
    // included, as it was read: gigabytes before the cap could cut them.
    {"16,000 nested duplicates under a long key",
     [] {
       std::string text = "{\"" + std::string(900'000, 'k') + "\":{\"b\":1";
       for (int i = 0; i < 16'000; ++i) text += ",\"b\":1";
       return text + "}}";
     },
     "json.duplicate_key"},
    {"60,000 placeholders in a request",
     [] {
       std::string text = "{\"trainingTaskInputs\":{},\"labels\":[[";
       for (int i = 0; i < 60'000; ++i) text += "\"REPLACE_WITH_X\",";
       return text + "1]]}";
     },
     "findings.truncated"},
    // A request's note comes first, at its trainingTaskInputs key near the
    // end, and the cap, which tested offsets against the largest kept,
    // once cut nothing before it: each placeholder under a deep path built
    // its whole pointer, gigabytes in all.
    {"25,000 placeholders under a deep path",
     [] {
       const std::string key(8'000, 'k');
       std::string text = "{\"displayName\":\"d\",\"inputDataConfig\":";
       for (int i = 0; i < 60; ++i) text += "{\"" + key + "\":";
       text += "[";
       for (int i = 0; i < 25'000; ++i) text += "\"REPLACE_WITH_\",";
       text += "1]";
       for (int i = 0; i < 60; ++i) text += "}";
       return text + ",\"trainingTaskInputs\":{}}";
     },
     "findings.truncated"},
    // The same with errors: a misplaced field last once kept every
    // duplicate key before it.
    {"20,000 duplicates before a late error",
     [] {
       const std::string key(8'000, 'k');
       std::string text = "{\"trainingTaskInputs\":{},\"inputDataConfig\":";
       for (int i = 0; i < 60; ++i) text += "{\"" + key + "\":";
       text += "{\"b\":1";
       for (int i = 0; i < 20'000; ++i) text += ",\"b\":1";
       text += "}";
       for (int i = 0; i < 60; ++i) text += "}";
       return text + ",\"modelType\":1}";
     },
     "json.duplicate_key"},
    // Each unknown member close to a member set last looked through every
    // member for how that one is written.
    {"40,000 members close to a member set last",
     [] {
       const std::string name = "displayName";
       const char separators[] = {'-', '_', ' '};
       std::string text = "{";
       for (int i = 1; i <= 40'000; ++i) {
         std::string key;
         int code = i;
         for (const char c : name) {
           key += c;
           if (code % 4 != 0) key += separators[code % 4 - 1];
           code /= 4;
         }
         text += "\"" + key + "\":0,";
       }
       return text + "\"displayName\":\"x\",\"trainingTaskInputs\":{}}";
     },
     "findings.truncated"},
    // Each copy of the inputs once counted UTF-16 units from the text's
    // start: seconds for thousands of copies.
    {"15,000 copies of a request's inputs",
     [] {
       std::string text = "{";
       for (int i = 0; i < 15'000; ++i) {
         text += R"("trainingTaskInputs":{"budgetMilliNodeHours":"5",)"
                 R"("x":{"a":1,"a":2}},)";
       }
       return text + "\"displayName\":\"x\"}";
     },
     "findings.truncated"},
    {"10,000 copies of a create request's pipeline",
     [] {
       std::string text = "{";
       for (int i = 0; i < 10'000; ++i) {
         text += R"("trainingPipeline":{"trainingTaskInputs":)"
                 R"({"budgetMilliNodeHours":"5"},"trainingTaskInputs":{}},)";
       }
       return text + "\"parent\":\"x\"}";
     },
     "findings.truncated"},
    // Each level of a chain of nested pipelines once scanned all that it
    // contains again: a second for this megabyte.
    {"60 nested pipelines around 90,000 keys",
     [] {
       std::string text = "{\"parent\":\"p\"";
       for (int i = 0; i < 60; ++i) text += ",\"trainingPipeline\":{\"x\":0";
       text += ",\"trainingTaskInputs\":{}";
       for (int i = 0; i < 90'000; ++i) {
         text += ",\"k" + std::to_string(i) + "\":0";
       }
       return text + std::string(60, '}') + "}";
     },
     "pipeline.missing_inputs"},
    // Each of the hundred members reported, close to a name set last,
    // once looked through every member for how that one is written.
    {"35,000 members close to trainingTaskInputs set last",
     [] {
       std::string text = "{";
       for (int i = 0; i < 35'000; ++i) {
         text += "\"trainingTaskInput" + std::to_string(i) + "\":1,";
       }
       return text + "\"trainingTaskInputs\":{}}";
     },
     "findings.truncated"},
    // Each later setting of a field once counted the settings before it:
    // two seconds for this megabyte.
    {"a field set 74,000 times",
     [] {
       std::string text = "{";
       for (int i = 0; i < 74'000; ++i) text += "\"modelType\":1,";
       return text + "\"modelType\":1}";
     },
     "field.duplicate"},
    {"string just under the size limit",
     [] {
       return "{\"baseModelId\":\"" + std::string(kMaxTextBytes - 18, 'a') +
              "\"}";
     },
     "base_model_id.invalid"},
    // Each space was once compared with every entry of the white-space
    // tables, several times over: 0.2 s a validation, on every keystroke.
    {"budget of a million spaces before a digit",
     [] {
       return "{\"budgetMilliNodeHours\":\"" +
              std::string(kMaxTextBytes - 30, ' ') + "1\"}";
     },
     "budget.not_portable"},
    {"NUL bytes", [] { return std::string("{\"a\":1}\0\0\0", 10); },
     "json.syntax"},
};

TEST(Hostile, EveryInputGetsAFindingQuickly) {
  for (const HostileRow& row : kHostileRows) {
    SCOPED_TRACE(row.name);
    const std::string text = row.make();
    const auto start = std::chrono::steady_clock::now();
    const ValidationResult result = Validate(text);
    // The checker's --show-source prints an excerpt of every finding, and
    // the 100,000 keys are on one line of more than a megabyte.
    for (const Finding& finding : result.findings) {
      EXPECT_FALSE(SourceExcerpt(text, finding).empty());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    EXPECT_NE(testing::FindCode(result, row.code), nullptr);
    // A guard against hangs, not a speed target.
    EXPECT_LT(seconds, 2.0);
    EXPECT_TRUE(Validate(kValid).ok());
  }
}

TEST(Hostile, EveryPrefixOfAValidInputIsHandled) {
  for (size_t length = 0; length < kValid.size(); ++length) {
    SCOPED_TRACE(length);
    const ValidationResult result = Validate(kValid.substr(0, length));
    ASSERT_FALSE(result.findings.empty());
    EXPECT_FALSE(result.ok());
  }
  EXPECT_TRUE(Validate(kValid).ok());
}

// kValid is one line of ASCII, so the column is the offset plus one. 0xFF
// never appears in UTF-8, and 0x80 only after a lead byte.
TEST(Hostile, InvalidUtf8AtEveryPositionIsLocated) {
  for (const char byte : {'\xFF', '\x80'}) {
    for (size_t i = 0; i <= kValid.size(); ++i) {
      SCOPED_TRACE(::testing::Message()
                   << "byte " << int(byte & 0xFF) << " at " << i);
      std::string text = kValid;
      text.insert(i, 1, byte);
      const ValidationResult result = Validate(text);
      ASSERT_EQ(result.findings.size(), 1u);
      EXPECT_EQ(result.findings[0].code, "json.invalid_utf8");
      EXPECT_EQ(result.findings[0].begin, i);
      EXPECT_EQ(result.findings[0].line, 1);
      EXPECT_EQ(result.findings[0].column, static_cast<int>(i) + 1);
    }
  }
}

}  // namespace
}  // namespace segform
