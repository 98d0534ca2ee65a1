// Text helpers: UTF-8 checks, line and column numbers, quoting user text in
// messages, and "did you mean" suggestions.

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "internal.h"

namespace segform::internal {
namespace {

// Returns the length of the UTF-8 sequence starting at text[i], or 0 when
// the bytes there are not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF included).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) {
    return static_cast<unsigned char>(text[k]);
  };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string NormalizeForComparison(std::string_view name) {
  std::string normalized;
  for (char c : name) {
    if (c == '_' || c == '-' || std::isspace(static_cast<unsigned char>(c))) {
      continue;
    }
    normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return normalized;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string MemberPointer(std::string_view key) {
  // RFC 6901: '~' becomes "~0" and '/' becomes "~1".
  std::string pointer = "/";
  for (char c : key) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
  return pointer;
}

std::string QuoteForMessage(std::string_view text, size_t max_code_points) {
  std::string quoted = "\"";
  size_t code_points = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (code_points == max_code_points) {
      quoted += "...";
      break;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = Utf8SequenceLength(text, i);
    char escaped[8];
    if (length == 0) {
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      quoted += escaped;
      length = 1;
    } else if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(escaped, sizeof escaped, "\\u%04X", c);
      quoted += escaped;
    } else {
      quoted.append(text.substr(i, length));
    }
    i += length;
    ++code_points;
  }
  quoted += '"';
  return quoted;
}

std::string_view ClosestName(std::string_view name,
                             const std::vector<std::string_view>& candidates) {
  const std::string wanted = NormalizeForComparison(name);
  std::string_view best;
  size_t best_distance = std::string_view::npos;
  for (std::string_view candidate : candidates) {
    const size_t distance =
        EditDistance(wanted, NormalizeForComparison(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // Allow about one edit per five characters, so a typo or two is forgiven
  // but an unrelated name gets no suggestion.
  const size_t allowed = std::max<size_t>(1, wanted.size() / 5);
  return best_distance <= allowed ? best : std::string_view();
}

Finding& FindingSink::Add(Severity severity, std::string code,
                          std::string path, Span span, std::string message,
                          std::string hint) {
  if (line_starts_.empty()) {
    // Lines end at "\n", "\r\n" or a lone "\r".
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') {
        continue;
      }
      if (text_[i] == '\n' || text_[i] == '\r') line_starts_.push_back(i + 1);
    }
  }
  const size_t offset = std::min(span.begin, text_.size());
  const auto next_line =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line_start = *(next_line - 1);
  size_t column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    if (!IsContinuationByte(text_[i])) ++column;
  }

  Finding finding;
  finding.severity = severity;
  finding.code = std::move(code);
  finding.path = std::move(path);
  finding.line = static_cast<int>(next_line - line_starts_.begin());
  finding.column = static_cast<int>(column);
  finding.begin = span.begin;
  finding.end = std::max(span.begin, span.end);
  finding.message = std::move(message);
  finding.hint = std::move(hint);
  findings_.push_back(std::move(finding));
  return findings_.back();
}

bool FindingSink::has_error() const {
  return std::any_of(findings_.begin(), findings_.end(), [](const Finding& f) {
    return f.severity == Severity::kError;
  });
}

}  // namespace segform::internal
