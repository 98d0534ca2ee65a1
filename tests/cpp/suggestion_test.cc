// ClosestName ("did you mean") against a plain reference: the full edit
// distance table over the normalized names' characters, with the same
// allowance, and swapped neighbours counted as one edit.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "internal.h"

namespace segform::internal {
namespace {

// A name as its characters, each a string of one ASCII byte or of one
// UTF-8 sequence. The names below are valid UTF-8.
using Characters = std::vector<std::string>;

Characters Split(std::string_view name) {
  Characters characters;
  for (size_t i = 0; i < name.size();) {
    size_t length = 1;
    while (i + length < name.size() &&
           (static_cast<unsigned char>(name[i + length]) & 0xC0) == 0x80) {
      ++length;
    }
    characters.emplace_back(name.substr(i, length));
    i += length;
  }
  return characters;
}

std::string Join(const Characters& characters) {
  std::string name;
  for (const std::string& character : characters) name += character;
  return name;
}

// The name's characters with case, '-', '_' and ASCII white space dropped.
Characters Normalize(std::string_view name) {
  Characters out;
  for (std::string character : Split(name)) {
    const char c = character[0];
    if (c == '_' || c == '-' || c == ' ' || (c >= '\t' && c <= '\r')) continue;
    if (c >= 'A' && c <= 'Z') character[0] = static_cast<char>(c - 'A' + 'a');
    out.push_back(character);
  }
  return out;
}

// The optimal string alignment distance, from the whole table: inserts,
// deletes, replacements, and swaps of two neighbouring characters.
size_t FullEditDistance(const Characters& a, const Characters& b) {
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
  const Characters normalized_name = Normalize(name);
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
  // Characters beyond ASCII of two, three and four bytes (a Cyrillic
  // letter, a zero-width space, an emoji) count as one character each.
  const Characters kAlphabet = Split(
      "abdeilmnotyABCDHLMNT_-1 \xC3\xA9\xD0\xA1\xE2\x80\x8B\xE4\xB8\x80"
      "\xF0\x9F\x98\x80");
  std::mt19937 random(20261204);
  size_t suggested = 0;
  for (int round = 0; round < 20000; ++round) {
    // A candidate with up to five random edits (an insert, a delete, a swap
    // of neighbours or a replacement), or a random string.
    Characters characters = Split(kCandidates[random() % kCandidates.size()]);
    if (round % 10 == 0) characters.clear();
    for (int edit = static_cast<int>(random() % 6); edit > 0; --edit) {
      const size_t at = characters.empty() ? 0 : random() % characters.size();
      const std::string& c = kAlphabet[random() % kAlphabet.size()];
      switch (random() % 4) {
        case 0:
          characters.insert(characters.begin() + static_cast<long>(at), c);
          break;
        case 1:
          if (!characters.empty()) {
            characters.erase(characters.begin() + static_cast<long>(at));
          }
          break;
        case 2:
          if (at + 1 < characters.size()) {
            std::swap(characters[at], characters[at + 1]);
          }
          break;
        default:
          if (!characters.empty()) characters[at] = c;
      }
    }
    // Separators that the comparison drops, enough to take the key past
    // the length cut-off unless the cut-off counts the normalized name.
    if (round % 7 == 0) {
      const size_t at = characters.empty() ? 0 : random() % characters.size();
      characters.insert(characters.begin() + static_cast<long>(at),
                        std::string(20 + random() % 100, "_- "[random() % 3]));
    }
    const std::string name = Join(characters);
    const std::string_view expected = ReferenceClosestName(name, kCandidates);
    EXPECT_EQ(ClosestName(name, kCandidates), expected)
        << testing::PrintToString(name);
    if (!expected.empty()) ++suggested;
  }
  // Both outcomes must be well represented for the comparison to mean much.
  EXPECT_GT(suggested, 5000u);
  EXPECT_LT(suggested, 19000u);
}

// One character beyond ASCII is one edit, whatever its length in UTF-8. A
// three-byte character once counted as three edits, more than allowed.
TEST(ClosestName, CountsCharactersNotBytes) {
  const std::vector<std::string_view> kCandidates = {"modelType",
                                                     "baseModelId"};
  // Each literal ends before a letter that would extend its hex escape.
  for (const char* name : {"m\xC3\xB6"
                           "delType",
                           "m\xE4\xB8\x80"
                           "delType",
                           "model\xE2\x80\x8B"
                           "Type",
                           "modelType\xE3\x80\x80", "modelType\xF0\x9F\x98\x80",
                           // A byte that is not UTF-8 counts as one too.
                           "model\xFF"
                           "Type"}) {
    EXPECT_EQ(ClosestName(name, kCandidates), "modelType") << name;
  }
  // Two characters are beyond the one edit allowed in "baseModelI".
  EXPECT_EQ(ClosestName("base\xE4\xB8\x80\xE4\xB8\x80"
                        "odelI",
                        kCandidates),
            "");
}

}  // namespace
}  // namespace segform::internal
