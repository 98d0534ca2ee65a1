// The findings cap: which findings FindingSink keeps past kMaxFindings, and
// that skipping the ones CutByCap names changes nothing in the result.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "internal.h"

namespace segform::internal {
namespace {

struct Planned {
  Severity severity;
  size_t begin;
  std::string code;  // unique, to tell the findings apart
  std::string path;
  bool on_field;  // whether the path is that of a field of the inputs
};

struct PlannedPath {
  std::string path;
  bool on_field_in_request;
  bool on_field_in_inputs;  // in a text that MarkTextAsInputs marks
};

const std::vector<PlannedPath> kPaths = {
    {"", false, false},
    {"/trainingTaskInputs", false, false},
    {"/trainingTaskInputs/budgetMilliNodeHours", true, true},
    {"/training_task_inputs/model_type", true, true},
    {"/trainingPipeline/trainingTaskInputs/baseModelId", true, true},
    {"/trainingTaskInputs/k", false, false},
    {"/trainingTaskInputs/modelTypes", false, false},
    {"/trainingTaskInputs/modelType/0", false, false},
    {"/budgetMilliNodeHours", false, true},
    {"/trainingPipeline/budgetMilliNodeHours", false, false},
};
constexpr size_t kUnknownKeyPath = 5;

// Returns the codes the cap keeps, by its definition. Findings rank errors
// first, then those on a field, then by offset, then by the order they
// were added. The first kMaxFindings of that ranking are kept
// and shown in text order.
std::vector<std::string> ExpectedCodes(const std::vector<Planned>& planned) {
  std::vector<size_t> order(planned.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto rank = [&](size_t i) {
    return std::make_tuple(planned[i].severity != Severity::kError,
                           !planned[i].on_field, planned[i].begin, i);
  };
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return rank(a) < rank(b); });
  std::vector<size_t> kept(
      order.begin(), order.begin() + std::min(order.size(), kMaxFindings));
  std::sort(kept.begin(), kept.end(), [&](size_t a, size_t b) {
    return std::make_pair(planned[a].begin, a) <
           std::make_pair(planned[b].begin, b);
  });
  std::vector<std::string> codes;
  for (size_t i : kept) codes.push_back(planned[i].code);
  return codes;
}

// Adds the planned findings, asking CutByCap first when ask_first is true.
std::vector<Finding> AddAll(const std::string& text,
                            const std::vector<Planned>& planned, bool ask_first,
                            bool text_is_inputs) {
  FindingSink sink(text);
  if (text_is_inputs) sink.MarkTextAsInputs();
  for (const Planned& finding : planned) {
    const Span span{finding.begin, finding.begin + 1};
    if (ask_first && sink.CutByCap(finding.severity, span, finding.path)) {
      continue;
    }
    sink.Add(finding.severity, finding.code, finding.path, span, "message");
  }
  return sink.Take();
}

TEST(FindingSink, CapRanksErrorsThenFields) {
  const std::string text(400, ' ');
  std::mt19937 random(20261205);
  for (int round = 0; round < 400; ++round) {
    const bool text_is_inputs = round % 2 == 0;
    // Runs of findings in text order, as the field reader adds them, and
    // some out of order, as the rules add them after the fields.
    std::vector<Planned> planned;
    const size_t count = random() % 260;
    size_t begin = 0;
    for (size_t i = 0; i < count; ++i) {
      begin = random() % 8 == 0
                  ? random() % text.size()
                  : std::min(begin + random() % 3, text.size() - 1);
      const Severity severity =
          random() % 3 == 0
              ? Severity::kError
              : (random() % 2 == 0 ? Severity::kWarning : Severity::kInfo);
      // Most findings are not on a field, as when many keys are unknown.
      const PlannedPath& path =
          kPaths[random() % 3 == 0 ? random() % kPaths.size()
                                   : kUnknownKeyPath];
      planned.push_back({severity, begin, "c" + std::to_string(i), path.path,
                         text_is_inputs ? path.on_field_in_inputs
                                        : path.on_field_in_request});
    }
    SCOPED_TRACE(round);

    const std::vector<std::string> expected = ExpectedCodes(planned);
    for (const bool ask_first : {false, true}) {
      SCOPED_TRACE(ask_first ? "CutByCap first" : "Add only");
      const std::vector<Finding> findings =
          AddAll(text, planned, ask_first, text_is_inputs);
      std::vector<std::string> codes;
      const Finding* summary = nullptr;
      for (const Finding& finding : findings) {
        if (finding.code == "findings.truncated") {
          ASSERT_EQ(summary, nullptr);
          summary = &finding;
        } else {
          codes.push_back(finding.code);
        }
      }
      EXPECT_EQ(codes, expected);
      EXPECT_TRUE(std::is_sorted(findings.begin(), findings.end(),
                                 [](const Finding& a, const Finding& b) {
                                   return a.begin < b.begin;
                                 }));
      if (count <= kMaxFindings) {
        EXPECT_EQ(summary, nullptr);
        continue;
      }
      ASSERT_NE(summary, nullptr);
      EXPECT_EQ(summary->params.ToJson()["more"], count - kMaxFindings);
      // The summary is at the offset of the first finding it counts.
      size_t first_cut = text.size();
      for (const Planned& finding : planned) {
        if (std::find(expected.begin(), expected.end(), finding.code) ==
            expected.end()) {
          first_cut = std::min(first_cut, finding.begin);
        }
      }
      EXPECT_EQ(summary->begin, first_cut);
    }
  }
}

// An error that the cap cuts still counts: has_error() decides whether the
// canonical JSON is written.
TEST(FindingSink, ErrorCutByCapStillCounts) {
  const std::string text(300, ' ');
  FindingSink sink(text);
  for (size_t i = 0; i < kMaxFindings; ++i) {
    sink.Add(Severity::kError, "e", "", Span{i, i + 1}, "message");
  }
  EXPECT_TRUE(sink.CutByCapOffField(Severity::kError, Span{200, 201}));
  EXPECT_TRUE(sink.CutByCapOffField(Severity::kWarning, Span{0, 1}));
  EXPECT_FALSE(sink.CutByCapOffField(Severity::kError, Span{50, 51}));
  EXPECT_TRUE(sink.has_error());
  const std::vector<Finding> findings = sink.Take();
  ASSERT_EQ(findings.size(), kMaxFindings + 1);
  // The cut warning was at offset 0, so the summary is there, after the
  // error kept at that offset.
  const Finding& summary = findings[1];
  EXPECT_EQ(summary.code, "findings.truncated");
  EXPECT_EQ(summary.begin, 0u);
  EXPECT_EQ(summary.params.ToJson()["more"], 2);
}

}  // namespace
}  // namespace segform::internal
