// Runs every case in tests/cases through the native library: each NAME.in
// contains the input bytes and NAME.expect.json the findings expected when the
// bytes are read as a file and, under "asText", when they are handed to
// Validate() as text. The Node and browser tests read the same files.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "test_util.h"

namespace segform {
namespace {

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(SEGFORM_CASES_DIR)) {
    if (entry.path().extension() == ".in") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

nlohmann::json Summarize(const ValidationResult& result) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& finding : result.findings) {
    nlohmann::json summary = {{"severity", SeverityName(finding.severity)},
                              {"code", finding.code},
                              {"path", finding.path},
                              {"line", finding.line},
                              {"column", finding.column}};
    // Params are part of the contract, so a finding with any pins them.
    if (!finding.params.empty()) summary["params"] = finding.params.ToJson();
    findings.push_back(std::move(summary));
  }
  return findings;
}

class CaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::string input() const {
    return testing::ReadBytes(std::string(SEGFORM_CASES_DIR) + "/" +
                              GetParam() + ".in");
  }
  nlohmann::json expected() const {
    return nlohmann::json::parse(testing::ReadBytes(
        std::string(SEGFORM_CASES_DIR) + "/" + GetParam() + ".expect.json"));
  }
};

TEST_P(CaseTest, FileReadingGivesExpectedFindings) {
  const nlohmann::json expect = expected();
  ValidateOptions options;
  options.input_is_file = true;
  const ValidationResult result = Validate(input(), options);

  EXPECT_EQ(Summarize(result), expect["findings"]);
  EXPECT_EQ(result.ok(), expect["ok"].get<bool>());
  if (expect.contains("canonical")) {
    ASSERT_FALSE(result.canonical_json.empty());
    EXPECT_EQ(nlohmann::json::parse(result.canonical_json),
              expect["canonical"]);
  } else {
    EXPECT_EQ(result.canonical_json, "");
  }
}

TEST_P(CaseTest, TextValidationGivesExpectedFindings) {
  const nlohmann::json expect = expected();
  const nlohmann::json& text_expect =
      expect.contains("asText") ? expect["asText"] : expect;
  const ValidationResult result = Validate(input());

  EXPECT_EQ(Summarize(result), text_expect["findings"]);
  EXPECT_EQ(result.ok(), text_expect["ok"].get<bool>());
}

TEST_P(CaseTest, FindingsHaveMessagesAndValidSpans) {
  const std::string text = input();
  ValidateOptions options;
  options.input_is_file = true;
  const ValidationResult result = Validate(text, options);
  for (const Finding& finding : result.findings) {
    SCOPED_TRACE(finding.code);
    EXPECT_FALSE(finding.message.empty());
    // Format writes "{missing}" for a hole it has no value for, which no
    // case holds, so finding it means a pattern with too few values.
    EXPECT_EQ(finding.message.find("{missing}"), std::string::npos);
    EXPECT_EQ(finding.hint.find("{missing}"), std::string::npos);
    EXPECT_LE(finding.begin, finding.end);
    EXPECT_LE(finding.end, text.size() - result.skipped_prefix);
    EXPECT_GE(finding.line, 1);
    EXPECT_GE(finding.column, 1);
    // Every report must itself be valid UTF-8, whatever the input held.
    EXPECT_NO_THROW((void)FindingsToJson(result.findings).dump());
  }
}

std::string TestNameOf(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTest, ::testing::ValuesIn(CaseNames()),
                         TestNameOf);

TEST(Cases, CorpusIsNotEmpty) { EXPECT_GE(CaseNames().size(), 40u); }

// Every Param has a name in kParamNames by construction. The cases use each
// of them, so the list contains none that no finding sets. Two findings need
// inputs too large for a case file: one over the size limit, and one with
// more findings than are kept.
TEST(Cases, UseEveryParam) {
  std::set<std::string_view> used;
  std::string many_unknown_keys = "{";
  for (int i = 0; i < 150; ++i) {
    many_unknown_keys += "\"k" + std::to_string(i) + "\": 1,";
  }
  many_unknown_keys.back() = '}';
  for (const ValidationResult& result :
       {Validate(many_unknown_keys),
        OversizeResult(kMaxTextBytes + 1, false)}) {
    for (const Finding& finding : result.findings) {
      for (const auto& [param, value] : finding.params)
        used.insert(ParamName(param));
    }
  }
  for (const std::string& name : CaseNames()) {
    const std::string text =
        testing::ReadBytes(std::string(SEGFORM_CASES_DIR) + "/" + name + ".in");
    for (const bool input_is_file : {false, true}) {
      ValidateOptions options;
      options.input_is_file = input_is_file;
      for (const Finding& finding : Validate(text, options).findings) {
        for (const auto& [param, value] : finding.params)
          used.insert(ParamName(param));
      }
    }
  }
  const std::set<std::string_view> listed(std::begin(kParamNames),
                                          std::end(kParamNames));
  EXPECT_EQ(used, listed);
}

}  // namespace
}  // namespace segform
