// ClosestName ("did you mean") against a plain reference: the full edit
// distance table over the normalized names, with the same allowance, and
// swapped neighbours counted as one edit.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "internal.h"

namespace segform::internal {
namespace {

std::string Normalize(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '_' || c == '-' || c == ' ' || (c >= '\t' && c <= '\r')) continue;
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// The optimal string alignment distance, from the whole table: inserts,
// deletes, replacements, and swaps of two neighbouring characters.
size_t FullEditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> table(a.size() + 1,
                                         std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) table[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) table[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      table[i][j] =
          std::min({table[i - 1][j] + 1, table[i][j - 1] + 1,
                    table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        table[i][j] = std::min(table[i][j], table[i - 2][j - 2] + 1);
      }
    }
  }
  return table[a.size()][b.size()];
}

std::string_view ReferenceClosestName(
    std::string_view name, const std::vector<std::string_view>& candidates) {
  size_t longest = 0;
  for (std::string_view candidate : candidates) {
    longest = std::max(longest, candidate.size());
  }
  const std::string normalized_name = Normalize(name);
  if (normalized_name.size() > 2 * longest + 8) return {};
  const size_t allowed = std::max<size_t>(1, normalized_name.size() / 5);
  std::string_view best;
  size_t best_distance = std::string_view::npos;
  for (std::string_view candidate : candidates) {
    const size_t distance =
        FullEditDistance(normalized_name, Normalize(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best_distance <= allowed ? best : std::string_view();
}

TEST(ClosestName, MatchesFullTableOnRandomTypos) {
  const std::vector<std::string_view> kCandidates = {"modelType",
                                                     "budgetMilliNodeHours",
                                                     "baseModelId",
                                                     "model_type",
                                                     "budget_milli_node_hours",
                                                     "base_model_id",
                                                     "CLOUD_HIGH_ACCURACY_1",
                                                     "CLOUD_LOW_ACCURACY_1",
                                                     "MOBILE_TF_LOW_LATENCY_1"};
  const std::string kAlphabet = "abdeilmnotyABCDHLMNT_-1 ";
  std::mt19937 random(20261204);
  size_t suggested = 0;
  for (int round = 0; round < 20000; ++round) {
    // A candidate with up to five random edits (an insert, a delete, a swap
    // of neighbours or a replacement), or a random string.
    std::string name(kCandidates[random() % kCandidates.size()]);
    if (round % 10 == 0) name.clear();
    for (int edit = static_cast<int>(random() % 6); edit > 0; --edit) {
      const size_t at = name.empty() ? 0 : random() % name.size();
      const char c = kAlphabet[random() % kAlphabet.size()];
      switch (random() % 4) {
        case 0:
          name.insert(name.begin() + static_cast<long>(at), c);
          break;
        case 1:
          if (!name.empty()) name.erase(at, 1);
          break;
        case 2:
          if (at + 1 < name.size()) std::swap(name[at], name[at + 1]);
          break;
        default:
          if (!name.empty()) name[at] = c;
      }
    }
    // Separators that the comparison drops, enough to take the key past
    // the length cut-off unless the cut-off counts the normalized name.
    if (round % 7 == 0) {
      const size_t at = name.empty() ? 0 : random() % name.size();
      name.insert(at, 20 + random() % 100, "_- "[random() % 3]);
    }
    const std::string_view expected = ReferenceClosestName(name, kCandidates);
    EXPECT_EQ(ClosestName(name, kCandidates), expected) << name;
    if (!expected.empty()) ++suggested;
  }
  // Both outcomes must be well represented for the comparison to mean much.
  EXPECT_GT(suggested, 5000u);
  EXPECT_LT(suggested, 19000u);
}

}  // namespace
}  // namespace segform::internal
