// Text helpers: UTF-8 checks, line and column numbers, quoting user text in
// messages, and "did you mean" suggestions.

#include <algorithm>
#include <array>
#include <cstring>

#include "internal.h"

namespace segform::internal {

namespace {

// Reads the bytes at text[i] as a WHATWG UTF-8 decoder does. Returns how
// many bytes a whole sequence with this lead byte takes, or 0 for a byte
// that cannot lead one. Sets *valid to how many bytes from the lead byte
// on could still start a valid sequence: a decoder replaces that many with
// one U+FFFD when they are fewer than a whole one, or the byte alone.
size_t ReadUtf8Start(std::string_view text, size_t i, size_t* valid) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  *valid = 1;
  if (lead < 0x80) return 1;
  size_t whole = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    whole = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    whole = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    whole = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  while (*valid < whole && i + *valid < text.size()) {
    const unsigned char next = static_cast<unsigned char>(text[i + *valid]);
    if (next < low || next > high) break;
    low = 0x80;
    high = 0xBF;
    ++*valid;
  }
  return whole;
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Returns eight bytes of the text from offset as a word in the machine's
// byte order, which FirstMarkedByte below requires to be little-endian.
uint64_t LoadWord(std::string_view text, size_t offset) {
  uint64_t word;
  std::memcpy(&word, text.data() + offset, sizeof word);
  return word;
}

constexpr uint64_t kEachByte = 0x0101010101010101;
constexpr uint64_t kHighBits = 0x8080808080808080;

bool IsAsciiWord(uint64_t word) { return (word & kHighBits) == 0; }

// Returns the word with the high bit set in each byte that equals value (a
// byte under 0x80), and possibly in some bytes after one that does. A
// borrow of the subtraction moves only toward later bytes, so the first
// marked byte is always a match.
uint64_t ByteMask(uint64_t word, unsigned char value) {
  const uint64_t flipped = word ^ (kEachByte * value);
  return (flipped - kEachByte) & ~flipped & kHighBits;
}

// Returns the same kind of mask for the bytes under 0x20.
uint64_t ControlByteMask(uint64_t word) {
  return (word - kEachByte * 0x20) & ~word & kHighBits;
}

// Returns the index of the first marked byte of a mask that is not zero.
// On a little-endian machine (x86-64 and WebAssembly both are), the first
// byte in memory is the lowest of the word.
size_t FirstMarkedByte(uint64_t mask) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
                "LoadWord puts the first byte lowest only on little-endian");
  return static_cast<size_t>(__builtin_ctzll(mask)) / 8;
}

// Returns the number of bytes at the start of the text before the first one
// that stop_mask marks. stop_mask maps a word to a mask as ByteMask does,
// with the first marked byte always a stop.
template <typename StopMask>
size_t LengthBeforeStop(std::string_view text, StopMask stop_mask) {
  size_t length = 0;
  while (text.size() - length >= 8) {
    const uint64_t stops = stop_mask(LoadWord(text, length));
    if (stops != 0) return length + FirstMarkedByte(stops);
    length += 8;
  }
  if (length == text.size()) return length;
  // The last bytes go into a word filled up with 'a', which no mask here
  // marks, so they are tested by the same mask as the rest. When the text
  // has eight bytes, the word is its last eight, shifted so that the bytes
  // tested already drop out. Neither way is a memcpy of a variable length,
  // which in WebAssembly is a memory.copy that V8 runs as a call. With the
  // many short strings of a result, those calls took about 2 % of
  // validate() in V8's profile.
  const size_t rest = text.size() - length;  // 1 to 7
  uint64_t word = 0;
  if (text.size() >= 8) {
    word = LoadWord(text, text.size() - 8) >> (8 * (8 - rest));
  } else {
    for (size_t i = rest; i-- > 0;) {
      word = (word << 8) | static_cast<unsigned char>(text[length + i]);
    }
  }
  word |= (kEachByte * 'a') << (8 * rest);
  const uint64_t stops = stop_mask(word);
  return stops != 0 ? length + FirstMarkedByte(stops) : text.size();
}

// The byte that each byte of a name is compared as. Upper-case ASCII
// letters become lower case, and -1 marks '-', '_' and ASCII white space,
// which are dropped. The tests are those of the C locale.
constexpr std::array<int16_t, 256> kComparisonBytes = [] {
  std::array<int16_t, 256> bytes{};
  for (int c = 0; c < 256; ++c) {
    bytes[c] = static_cast<int16_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (c == '_' || c == '-' || c == ' ' || (c >= '\t' && c <= '\r')) {
      bytes[c] = -1;
    }
  }
  return bytes;
}();

// The byte NormalizeForComparison writes for a character beyond ASCII, or
// for a byte that is not valid UTF-8. The names compared with it are ASCII,
// so it matches none of their characters.
constexpr char kOtherCharacter = '\x80';

// Returns the length of the character beyond ASCII at name[i]: a UTF-8
// sequence, or one byte that is not valid UTF-8.
size_t OtherCharacterLength(std::string_view name, size_t i) {
  return std::max<size_t>(1, Utf8SequenceLength(name, i));
}

// Writes the name with case, '-', '_' and ASCII white space dropped to out,
// and returns the length written. Each other character is one byte, so that
// an edit distance counts characters. out needs room for that length and one
// more byte, which a dropped last character is written to.
size_t NormalizeForComparison(std::string_view name, char* out) {
  size_t length = 0;
  size_t i = 0;
  while (i < name.size()) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      out[length++] = kOtherCharacter;
      i += OtherCharacterLength(name, i);
      continue;
    }
    const int16_t mapped = kComparisonBytes[c];
    out[length] = static_cast<char>(mapped);
    length += mapped >= 0;
    ++i;
  }
  return length;
}

// NormalizeForComparison for a name known to be ASCII, as the names offered
// as suggestions are: a lookup a byte, with no test for other characters.
size_t NormalizeAscii(std::string_view name, char* out) {
  size_t length = 0;
  for (const char c : name) {
    const int16_t mapped = kComparisonBytes[static_cast<unsigned char>(c)];
    out[length] = static_cast<char>(mapped);
    length += mapped >= 0;
  }
  return length;
}

// Returns the length NormalizeForComparison gives the name.
size_t NormalizedLength(std::string_view name) {
  size_t length = 0;
  size_t i = 0;
  while (i < name.size()) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      ++length;
      i += OtherCharacterLength(name, i);
      continue;
    }
    length += kComparisonBytes[c] >= 0;
    ++i;
  }
  return length;
}

// The character counts of a name, a, by the low five bits of each byte,
// which give a lower bound of the edit distance from a to other names. An
// insertion or a deletion changes one count and the length by one each. A
// substitution changes two counts and not the length, and a swap changes
// neither. So the distance is at least half the sum of the count
// differences and the length difference. Merged characters only lower it.
class CharacterCounts {
 public:
  explicit CharacterCounts(std::string_view a) : size_(a.size()) {
    for (const char c : a) ++counts_[static_cast<unsigned char>(c) & 31];
  }

  // Normalizes the ASCII name b as NormalizeAscii does, into out, and
  // returns the normalized name and the lower bound of its distance from a.
  // The summed differences are kept up to date a character at a time, which
  // costs less than normalizing first and summing 32 counts after: the
  // sum goes down while b takes a character a has left over, and up after.
  std::pair<std::string_view, size_t> NormalizeAndBound(std::string_view b,
                                                        char* out) const {
    int16_t counts[32];
    std::memcpy(counts, counts_, sizeof counts);
    size_t differences = size_;
    size_t length = 0;
    for (const char c : b) {
      const int16_t mapped = kComparisonBytes[static_cast<unsigned char>(c)];
      if (mapped < 0) continue;
      out[length++] = static_cast<char>(mapped);
      int16_t& count = counts[mapped & 31];
      differences = count > 0 ? differences - 1 : differences + 1;
      --count;
    }
    const size_t length_difference =
        length > size_ ? length - size_ : size_ - length;
    return {std::string_view(out, length),
            (differences + length_difference + 1) / 2};
  }

 private:
  // No count overflows int16_t, because ClosestName compares no name longer
  // than twice the longest candidate and 8 more, and candidates are short.
  int16_t counts_[32] = {};
  size_t size_;
};

// Returns the edit distance of a and b when it is at most limit, and
// limit + 1 otherwise. An edit inserts, deletes or replaces a character, or
// swaps two neighbours, so "parnet" is one edit from "parent" (the optimal
// string alignment distance). Only the cells within limit of the diagonal
// can hold a distance that small, so each row computes just that band, and
// the search stops at a row whose band is all over the limit.
size_t EditDistanceWithin(std::string_view a, std::string_view b,
                          size_t limit) {
  const size_t over = limit + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) >
      limit) {
    return over;
  }
  // A shared start or end never adds to the distance, and a typo in a name
  // usually leaves most of both, so only the middle goes into the table.
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  // Three rows of the table, the one before the previous for swaps. Names
  // are short, so they fit on the stack.
  constexpr size_t kStackColumns = 64;
  size_t stack_rows[3][kStackColumns + 1];
  std::vector<size_t> heap_rows;
  size_t* earlier = stack_rows[0];
  size_t* previous = stack_rows[1];
  size_t* current = stack_rows[2];
  if (b.size() > kStackColumns) {
    heap_rows.resize(3 * (b.size() + 1));
    earlier = heap_rows.data();
    previous = earlier + b.size() + 1;
    current = previous + b.size() + 1;
  }
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = std::min(j, over);
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t first = i > limit ? i - limit : 1;
    const size_t last = std::min(b.size(), i + limit);
    current[first - 1] = first == 1 ? std::min(i, over) : over;
    size_t row_minimum = current[first - 1];
    for (size_t j = first; j <= last; ++j) {
      const size_t substitution =
          previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, substitution, over});
      // Row i - 2 computed its band up to j - 2, which lies within it.
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], earlier[j - 2] + 1);
      }
      row_minimum = std::min(row_minimum, current[j]);
    }
    // The next row reads one cell past this band, which lies outside it.
    if (last < b.size()) current[last + 1] = over;
    if (row_minimum >= over) return over;
    std::swap(earlier, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

// Returns the length of the UTF-8 sequence starting at text[i], or 0 when
// the bytes there are not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF included).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  size_t valid = 0;
  const size_t whole = ReadUtf8Start(text, i, &valid);
  return whole != 0 && valid == whole ? whole : 0;
}

size_t FindInvalidUtf8(std::string_view text, size_t ascii_prefix) {
  size_t i = std::min(ascii_prefix, text.size());
  while (i < text.size()) {
    if (text.size() - i >= 8 && IsAsciiWord(LoadWord(text, i))) {
      i += 8;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string MemberPointer(std::string_view key) {
  // RFC 6901: '~' becomes "~0" and '/' becomes "~1".
  std::string pointer;
  pointer.reserve(1 + key.size());
  pointer.push_back('/');
  // A plain loop: find_first_of calls memchr once for every character.
  if (std::none_of(key.begin(), key.end(),
                   [](char c) { return c == '~' || c == '/'; })) {
    return pointer.append(key);
  }
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

bool IsUnsafeToShow(uint32_t code_point) {
  for (const auto& [first, last] : kUnsafeToShowRanges) {
    if (code_point >= first && code_point <= last) return true;
  }
  return false;
}

uint32_t DecodeUtf8(std::string_view text, size_t i, size_t length) {
  const auto byte = [&](size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(text[i + k]));
  };
  switch (length) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    case 3:
      return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) |
             (byte(2) & 0x3F);
    default:
      return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) |
             ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
  }
}

std::string Format(std::string_view pattern,
                   std::initializer_list<FormatValue> values) {
  // A quoted value takes its quotes and at most kMaxQuotedCharacters
  // characters, more with escapes: the size is only for the one reservation.
  size_t size = pattern.size();
  for (const FormatValue& value : values) {
    size += value.quoted ? std::min(value.text.size(), kMaxQuotedCharacters) + 5
                         : value.text.size();
  }
  std::string text;
  text.reserve(size);
  const FormatValue* next = values.begin();
  size_t start = 0;
  for (size_t hole = pattern.find("{}"); hole != std::string_view::npos;
       hole = pattern.find("{}", start)) {
    text.append(pattern, start, hole - start);
    // A hole without a value shows as a mark that the tests look for.
    if (next == values.end()) {
      text += "{missing}";
    } else if (next->quoted) {
      AppendQuotedForMessage(next->text, kMaxQuotedCharacters, text);
      ++next;
    } else {
      text += next->text;
      ++next;
    }
    start = hole + 2;
  }
  text.append(pattern, start);
  return text;
}

std::string WithThousands(std::string_view digits) {
  const size_t sign = !digits.empty() && digits[0] == '-' ? 1 : 0;
  const size_t count = digits.size() - sign;
  std::string text;
  text.reserve(digits.size() + (count == 0 ? 0 : (count - 1) / 3));
  text.append(digits.substr(0, sign));
  for (size_t i = 0; i < count; ++i) {
    if (i > 0 && (count - i) % 3 == 0) text += ',';
    text += digits[sign + i];
  }
  return text;
}

std::string WithThousands(int64_t number) {
  // Written backwards into a buffer long enough for INT64_MIN with its
  // commas, and copied out once. Inserting each comma into a string moved
  // its tail and took a sixth of the instructions of a budget finding.
  char buffer[32];
  char* const end = buffer + sizeof buffer;
  char* first = end;
  uint64_t magnitude = number < 0 ? 0 - static_cast<uint64_t>(number)
                                  : static_cast<uint64_t>(number);
  for (int digit = 0; digit == 0 || magnitude != 0; ++digit) {
    if (digit > 0 && digit % 3 == 0) *--first = ',';
    *--first = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  }
  if (number < 0) *--first = '-';
  return std::string(first, end);
}

std::string_view ShortJsonEscape(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return {};
  }
}

std::string HexDigits(uint32_t number, int min_digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string digits;
  do {
    digits.insert(digits.begin(), kHex[number & 0xF]);
    number >>= 4;
  } while (number != 0);
  if (digits.size() < static_cast<size_t>(min_digits)) {
    digits.insert(0, static_cast<size_t>(min_digits) - digits.size(), '0');
  }
  return digits;
}

std::string QuoteForMessage(std::string_view text, size_t max_characters) {
  std::string quoted;
  quoted.reserve(std::min(text.size(), max_characters) + 5);
  AppendQuotedForMessage(text, max_characters, quoted);
  return quoted;
}

void AppendQuotedForMessage(std::string_view text, size_t max_characters,
                            std::string& quoted) {
  quoted += '"';
  size_t shown = 0;  // characters of the quoted content, escapes included
  size_t i = 0;
  while (i < text.size()) {
    // A run of characters shown as they are, nearly every character of a
    // key or value, is appended at once. One byte past the room left is
    // enough to know that the run is cut.
    const size_t room = max_characters - shown;
    const size_t run = ShownAsIsLength(text.substr(i, room + 1));
    if (run > room) {
      quoted.append(text, i, room);
      quoted += "...";
      break;
    }
    if (run > 0) {
      quoted.append(text, i, run);
      shown += run;
      i += run;
      continue;
    }
    size_t length = Utf8SequenceLength(text, i);
    std::string piece;
    if (length == 0) {
      piece = "\\x" + HexDigits(static_cast<unsigned char>(text[i]), 2);
      length = 1;
    } else {
      const uint32_t code_point = DecodeUtf8(text, i, length);
      if (code_point == '"' || code_point == '\\') {
        piece = {'\\', static_cast<char>(code_point)};
      } else if (IsUnsafeToShow(code_point)) {
        // Past U+FFFF, four digits would not be enough, so the digits go in
        // braces, as in JavaScript: \u{E0041}.
        piece = code_point > 0xFFFF ? "\\u{" + HexDigits(code_point, 4) + "}"
                                    : "\\u" + HexDigits(code_point, 4);
      } else {
        piece = std::string(text.substr(i, length));
      }
    }
    // An escape counts each character it is written with, and any other
    // piece, one UTF-8 sequence, counts as one character.
    const size_t piece_characters = piece[0] == '\\' ? piece.size() : 1;
    if (shown + piece_characters > max_characters) {
      quoted += "...";
      break;
    }
    quoted += piece;
    shown += piece_characters;
    i += length;
  }
  quoted += '"';
}

std::string_view ClosestName(std::string_view name,
                             const std::vector<std::string_view>& candidates) {
  // No name can be close when the lengths alone differ by more than the
  // edits allowed below. The lengths are those of the normalized names,
  // and the name's is counted before anything is copied, which keeps huge
  // keys from costing more than one pass.
  size_t longest = 0;
  for (std::string_view candidate : candidates) {
    longest = std::max(longest, candidate.size());
  }
  const size_t normalized_size = NormalizedLength(name);
  if (normalized_size > 2 * longest + 8) return {};

  // The name and one candidate at a time, normalized, share one buffer,
  // which is on the stack for names of the usual length. Normalizing
  // writes up to one byte past what it keeps.
  char stack_buffer[128];
  std::string heap_buffer;
  char* buffer = stack_buffer;
  if (normalized_size + longest + 2 > sizeof stack_buffer) {
    heap_buffer.resize(normalized_size + longest + 2);
    buffer = heap_buffer.data();
  }
  const std::string_view wanted(buffer, NormalizeForComparison(name, buffer));
  char* const candidate_buffer = buffer + normalized_size + 1;
  // Allow about one edit per five characters, so a typo or two is forgiven
  // but an unrelated name gets no suggestion.
  const size_t allowed = std::max<size_t>(1, wanted.size() / 5);
  const CharacterCounts wanted_counts(wanted);
  std::string_view best;
  size_t best_distance = std::string_view::npos;
  for (std::string_view candidate : candidates) {
    const auto [normalized, bound] =
        wanted_counts.NormalizeAndBound(candidate, candidate_buffer);
    if (bound > allowed) continue;
    const size_t distance = EditDistanceWithin(wanted, normalized, allowed);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best_distance <= allowed ? best : std::string_view();
}

bool SameNameLoosely(std::string_view a, std::string_view b) {
  // Every character beyond ASCII normalizes to the same byte, which would
  // make two different ones equal.
  if (!IsAsciiBefore(a, a.size()) || !IsAsciiBefore(b, b.size())) return false;
  std::string normalized_a(a.size() + 1, '\0');
  std::string normalized_b(b.size() + 1, '\0');
  normalized_a.resize(NormalizeAscii(a, normalized_a.data()));
  normalized_b.resize(NormalizeAscii(b, normalized_b.data()));
  return normalized_a == normalized_b;
}

std::string UnusualCharacterNote(std::string_view noun, std::string_view text) {
  size_t characters = 0;
  size_t i = 0;
  while (i < text.size()) {
    ++characters;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    const size_t length = c < 0x80 ? 1 : Utf8SequenceLength(text, i);
    // A byte that is not UTF-8 is reported as invalid UTF-8 already.
    if (length == 0) return "";
    return Format(
        " The {} has U+{} at character {}, which is not a printable ASCII "
        "character.",
        {noun, HexDigits(DecodeUtf8(text, i, length), 4),
         std::to_string(characters)});
  }
  return "";
}

bool IsPlaceholderAt(std::string_view text, Span span) {
  // The plain spelling, which the page writes, is compared at once.
  const std::string_view content =
      text.substr(span.begin + 1, span.end - span.begin - 1);
  if (content.substr(0, kPlaceholderPrefix.size()) == kPlaceholderPrefix) {
    return true;
  }
  // Otherwise the first characters are decoded one at a time. The prefix
  // is ASCII letters and '_', which only a \u escape can also spell.
  size_t at = 0;
  for (const char wanted : kPlaceholderPrefix) {
    if (at >= content.size()) return false;
    if (content[at] != '\\') {
      if (content[at] != wanted) return false;
      ++at;
      continue;
    }
    if (at + 6 > content.size() || content[at + 1] != 'u') return false;
    uint32_t code_unit = 0;
    for (size_t i = at + 2; i < at + 6; ++i) {
      const char c = content[i];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return false;
      code_unit = code_unit * 16 + static_cast<uint32_t>(digit);
    }
    if (code_unit != static_cast<unsigned char>(wanted)) return false;
    at += 6;
  }
  return true;
}

std::string SpelledLikeKey(std::string_view key, std::string_view json_name) {
  const bool has_capital = std::any_of(
      key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (has_capital || key.find('_') == std::string_view::npos) {
    return std::string(json_name);
  }
  std::string snake;
  snake.reserve(json_name.size() + 4);
  for (const char c : json_name) {
    if (c >= 'A' && c <= 'Z') {
      snake += '_';
      snake += static_cast<char>(c - 'A' + 'a');
    } else {
      snake += c;
    }
  }
  return snake;
}

Finding& FindingSink::Add(Severity severity, std::string code, std::string path,
                          Span span, std::string message, std::string hint) {
  // Most inputs have a few findings: room for four at once saves the
  // first two reallocations.
  if (findings_.empty()) findings_.reserve(4);
  // Findings are not always added in text order: a request's note comes
  // first at a key near the end. CutByCap then cuts nothing, since its
  // test is against the largest offset kept. Cutting to the cap as
  // findings pile up keeps that offset, and the memory, in bounds. The
  // findings kept are the same as those one cut at the end keeps. The new
  // finding is added after the cut, so the reference returned stays valid.
  if (findings_.size() >= 2 * kMaxFindings) {
    first_cut_begin_ = std::min(first_cut_begin_, CutToCap());
    CountKept();
  }
  Finding finding;
  finding.severity = severity;
  finding.code = std::move(code);
  finding.path = std::move(path);
  finding.begin = std::min(span.begin, text_.size());
  finding.end = std::min(std::max(span.begin, span.end), text_.size());
  finding.message = std::move(message);
  finding.hint = std::move(hint);
  findings_.push_back(std::move(finding));
  // Until kMaxFindings are kept, CutByCap cuts nothing and needs no counts,
  // which saves ranking the findings of most texts.
  if (findings_.size() == kMaxFindings) {
    CountKept();
  } else if (findings_.size() > kMaxFindings) {
    const Finding& added = findings_.back();
    const size_t rank = RankOf(added.severity, added.path);
    ++kept_count_[rank];
    last_kept_begin_[rank] = std::max(last_kept_begin_[rank], added.begin);
  }
  return findings_.back();
}

bool FindingSink::CutByCap(Severity severity, Span span,
                           std::string_view path) {
  if (findings_.size() < kMaxFindings) return false;
  return CutByRank(severity, span, RankOf(severity, path));
}

bool FindingSink::CutByCapOffField(Severity severity, Span span) {
  if (findings_.size() < kMaxFindings) return false;
  return CutByRank(severity, span, RankOf(severity, ""));
}

bool FindingSink::CutByRank(Severity severity, Span span, size_t rank) {
  // A finding ranks after every finding of an earlier rank. Within a rank,
  // findings rank by offset, and at one offset the one added first ranks
  // first. When kMaxFindings of those kept so far rank before this one,
  // the cap cuts it, whatever is added later.
  const size_t begin = std::min(span.begin, text_.size());
  size_t before = 0;
  for (size_t i = 0; i < rank; ++i) before += kept_count_[i];
  const bool cut =
      before >= kMaxFindings || (before + kept_count_[rank] >= kMaxFindings &&
                                 begin >= last_kept_begin_[rank]);
  if (!cut) return false;
  ++cut_[static_cast<size_t>(severity)];
  first_cut_begin_ = std::min(first_cut_begin_, begin);
  return true;
}

size_t FindingSink::RankOf(Severity severity, std::string_view path) const {
  const size_t errors_first = severity == Severity::kError ? 0 : 2;
  return errors_first + (IsOnField(path) ? 0 : 1);
}

bool FindingSink::IsOnField(std::string_view path) const {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return false;
  // Field names need no escaping in a JSON Pointer.
  if (ImageSegmentationInputsDecl().FindField(path.substr(slash + 1)) ==
      nullptr) {
    return false;
  }
  const std::string_view parent = path.substr(0, slash);
  if (parent.empty()) return text_is_inputs_;
  return RequestMemberName(parent.substr(parent.rfind('/') + 1)) ==
         kPipelineInputsKey;
}

void FindingSink::CountKept() {
  kept_count_ = {};
  last_kept_begin_ = {};
  for (const Finding& kept : findings_) {
    const size_t rank = RankOf(kept.severity, kept.path);
    ++kept_count_[rank];
    last_kept_begin_[rank] = std::max(last_kept_begin_[rank], kept.begin);
  }
}

void FindingSink::CountCut(const SeverityCounts& counts, size_t first_begin) {
  for (size_t i = 0; i < cut_.size(); ++i) cut_[i] += counts[i];
  first_cut_begin_ =
      std::min(first_cut_begin_, std::min(first_begin, text_.size()));
}

size_t FindingSink::CutToCap() {
  // Each finding's rank as an (offset, index) pair, with the rank in the
  // top two bits: an offset is under kMaxTextBytes, so they are free. The
  // pairs sort with the instance of std::sort that Take uses, which keeps
  // the module from carrying a second one.
  constexpr size_t kRankShift = 8 * sizeof(size_t) - 2;
  std::vector<std::pair<size_t, size_t>> ranks(findings_.size());
  for (size_t i = 0; i < findings_.size(); ++i) {
    const size_t rank = RankOf(findings_[i].severity, findings_[i].path);
    ranks[i] = {findings_[i].begin | (rank << kRankShift), i};
  }
  std::sort(ranks.begin(), ranks.end());
  std::vector<char> kept(findings_.size(), false);
  for (size_t i = 0; i < kMaxFindings; ++i) kept[ranks[i].second] = true;
  size_t first_cut = std::string_view::npos;
  size_t next = 0;
  for (size_t i = 0; i < findings_.size(); ++i) {
    if (!kept[i]) {
      first_cut = std::min(first_cut, findings_[i].begin);
      ++cut_[static_cast<size_t>(findings_[i].severity)];
      continue;
    }
    if (next != i) findings_[next] = std::move(findings_[i]);
    ++next;
  }
  findings_.resize(next);
  return first_cut;
}

std::vector<Finding> FindingSink::Take() {
  // The cap applies first, so that its summary is sorted with the rest.
  const auto total = [](const SeverityCounts& counts) {
    return counts[0] + counts[1] + counts[2];
  };
  if (findings_.size() > kMaxFindings || total(cut_) > 0) {
    size_t first_cut = first_cut_begin_;
    if (findings_.size() > kMaxFindings) {
      first_cut = std::min(first_cut, CutToCap());
    }
    const size_t more = total(cut_);
    // What was cut, by severity, such as "50 errors, 1 warning".
    static constexpr std::string_view kNames[] = {"error", "warning", "note"};
    std::string by_severity;
    for (size_t i = 0; i < cut_.size(); ++i) {
      if (cut_[i] == 0) continue;
      if (!by_severity.empty()) by_severity += ", ";
      by_severity +=
          Format("{} {}{}", {WithThousands(static_cast<int64_t>(cut_[i])),
                             kNames[i], cut_[i] == 1 ? "" : "s"});
    }
    Finding summary;
    summary.severity = Severity::kInfo;
    summary.code = kTruncatedCode;
    summary.begin = first_cut;
    summary.end = first_cut;
    summary.message = Format("{} more finding{} not shown: {}",
                             {WithThousands(static_cast<int64_t>(more)),
                              more == 1 ? "" : "s", by_severity});
    // The summary sits where the first cut finding was, which can be
    // before the findings shown, so its hint names no place.
    summary.hint = "Fix the findings shown and check again.";
    summary.params.Set(Param::kMore, more);
    summary.params.Set(Param::kMoreErrors, cut_[0]);
    summary.params.Set(Param::kMoreWarnings, cut_[1]);
    summary.params.Set(Param::kMoreNotes, cut_[2]);
    findings_.push_back(std::move(summary));
  }

  // Findings at one offset keep the order they were added in. Sorting
  // (offset, index) pairs and moving each finding once costs less than a
  // stable sort of the findings, in time and in the module's code.
  const auto by_offset = [](const Finding& a, const Finding& b) {
    return a.begin < b.begin;
  };
  if (!std::is_sorted(findings_.begin(), findings_.end(), by_offset)) {
    std::vector<std::pair<size_t, size_t>> order(findings_.size());
    for (size_t i = 0; i < findings_.size(); ++i) {
      order[i] = {findings_[i].begin, i};
    }
    std::sort(order.begin(), order.end());
    std::vector<Finding> sorted;
    sorted.reserve(findings_.size());
    for (const auto& [offset, index] : order) {
      sorted.push_back(std::move(findings_[index]));
    }
    findings_ = std::move(sorted);
  }

  // One pass over the text gives every sorted finding its line and column.
  // Lines end at "\n", "\r\n" or a lone "\r"; columns count code points.
  int line = 1;
  int column = 1;
  size_t offset = 0;
  for (Finding& finding : findings_) {
    while (offset < finding.begin) {
      // ASCII bytes other than line breaks are a column each, so a word's
      // bytes up to its first other byte are counted at once.
      if (finding.begin - offset >= 8) {
        const uint64_t word = LoadWord(text_, offset);
        const uint64_t others =
            (word & kHighBits) | ByteMask(word, '\n') | ByteMask(word, '\r');
        const size_t plain = others == 0 ? 8 : FirstMarkedByte(others);
        column += static_cast<int>(plain);
        offset += plain;
        if (plain == 8) continue;
      }
      const char c = text_[offset];
      if (c == '\n' || (c == '\r' && !(offset + 1 < text_.size() &&
                                       text_[offset + 1] == '\n'))) {
        ++line;
        column = 1;
      } else if (!IsContinuationByte(c) && c != '\r') {
        ++column;
      }
      ++offset;
    }
    finding.line = line;
    finding.column = column;
  }
  SetUtf16Offsets();
  return std::move(findings_);
}

void FindingSink::SetUtf16Offsets() {
  size_t last = 0;
  for (Finding& finding : findings_) {
    finding.utf16_begin = finding.begin;
    finding.utf16_end = finding.end;
    last = std::max(last, finding.end);
  }
  // Most texts are ASCII, and need no list of offsets to convert.
  if (last <= ascii_prefix_) return;
  std::vector<size_t*> offsets;
  offsets.reserve(2 * findings_.size());
  for (Finding& finding : findings_) {
    offsets.push_back(&finding.utf16_begin);
    offsets.push_back(&finding.utf16_end);
  }
  ConvertToUtf16Offsets(text_, offsets);
}

size_t AsciiPrefixLength(std::string_view text) {
  return LengthBeforeStop(text, [](uint64_t word) { return word & kHighBits; });
}

size_t ShownAsIsLength(std::string_view text) {
  return LengthBeforeStop(text, [](uint64_t word) {
    return (word & kHighBits) | ControlByteMask(word) | ByteMask(word, '"') |
           ByteMask(word, '\\') | ByteMask(word, 0x7F);
  });
}

size_t PlainStringLength(std::string_view text) {
  return LengthBeforeStop(text, [](uint64_t word) {
    return ByteMask(word, '"') | ByteMask(word, '\\') | ControlByteMask(word);
  });
}

bool IsAsciiBefore(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return AsciiPrefixLength(text.substr(0, offset)) == offset;
}

void ConvertToUtf16Offsets(std::string_view text,
                           std::vector<size_t*>& offsets) {
  size_t last = 0;
  for (const size_t* offset : offsets) last = std::max(last, *offset);
  if (IsAsciiBefore(text, last)) return;

  // The offsets are visited in order, so one pass over the text maps them
  // all. A code point takes two UTF-16 units when its UTF-8 form takes four
  // bytes. They sort as (offset, index) pairs with the instance of std::sort
  // that FindingSink::Take uses, which keeps the module from carrying a
  // second one.
  std::vector<std::pair<size_t, size_t>> order(offsets.size());
  for (size_t i = 0; i < offsets.size(); ++i) order[i] = {*offsets[i], i};
  std::sort(order.begin(), order.end());
  size_t byte = 0;
  size_t unit = 0;
  for (const auto& [offset, index] : order) {
    const size_t target = std::min(offset, text.size());
    while (byte < target) {
      // Eight ASCII bytes at a time are eight units.
      if (target - byte >= 8 && IsAsciiWord(LoadWord(text, byte))) {
        byte += 8;
        unit += 8;
        continue;
      }
      if (static_cast<unsigned char>(text[byte]) < 0x80) {
        ++byte;
        ++unit;
        continue;
      }
      // Bytes that are not valid UTF-8 count as the U+FFFD that a decoder
      // such as JavaScript's TextDecoder puts in their place.
      size_t valid = 0;
      const size_t whole = ReadUtf8Start(text, byte, &valid);
      const bool is_valid = whole != 0 && valid == whole;
      unit += is_valid && whole == 4 ? 2 : 1;
      byte += valid;
    }
    *offsets[index] = unit;
  }
}

bool FindingSink::has_error() const {
  return cut_error_count() > 0 ||
         std::any_of(findings_.begin(), findings_.end(), [](const Finding& f) {
           return f.severity == Severity::kError;
         });
}

}  // namespace segform::internal

namespace segform {
namespace {

// Returns how many terminal columns a code point takes: 0 for combining
// marks, 2 for East Asian wide and emoji ranges, 1 otherwise. An estimate
// after Unicode's East Asian Width property, enough to line up a caret.
int DisplayWidth(uint32_t code_point) {
  static constexpr std::pair<uint32_t, uint32_t> kCombining[] = {
      {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
      {0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200D},
      {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
  };
  static constexpr std::pair<uint32_t, uint32_t> kWide[] = {
      {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
      {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
      {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},
      {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
      {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
  };
  for (const auto& [first, last] : kCombining) {
    if (code_point >= first && code_point <= last) return 0;
  }
  for (const auto& [first, last] : kWide) {
    if (code_point >= first && code_point <= last) return 2;
  }
  return 1;
}

}  // namespace

std::string SourceExcerpt(std::string_view text, const Finding& finding) {
  using internal::DecodeUtf8;
  using internal::IsUnsafeToShow;
  using internal::Utf8SequenceLength;
  if (finding.line == 0 || finding.begin > text.size()) return {};
  const size_t begin = finding.begin;
  const auto is_line_end = [&](size_t i) {
    return text[i] == '\n' || text[i] == '\r';
  };

  // Show at most kWidth characters, starting about half of them before the
  // caret. Only the bytes that can be shown are read, so a finding on a
  // line of a megabyte costs no more than one on a short line. Before the
  // caret, that is four bytes for each character shown, and three more to
  // find where a character starts.
  constexpr size_t kWidth = 120;
  constexpr size_t kBytesBefore = 4 * (kWidth / 2) + 3;
  size_t start = begin;
  while (start > 0 && begin - start < kBytesBefore && !is_line_end(start - 1)) {
    --start;
  }
  const bool line_starts_before = start > 0 && !is_line_end(start - 1);
  // A byte that is not a UTF-8 continuation byte starts a character
  // however the line is read from its start, because no valid sequence
  // contains one and an invalid byte is a character of its own.
  while (start < begin && internal::IsContinuationByte(text[start])) {
    ++start;
  }

  // Each code point becomes one shown character, so the caret line can
  // mirror the text column for column (tabs stay tabs).
  struct Shown {
    std::string_view text;
    size_t offset;
    int width;  // terminal columns
  };
  std::vector<Shown> shown;
  size_t caret = std::string_view::npos;  // the index of the caret's character
  size_t i = start;
  while (i < text.size() && !is_line_end(i)) {
    if (caret == std::string_view::npos && i >= begin) caret = shown.size();
    // One character past the last one shown means the line goes on.
    if (caret != std::string_view::npos &&
        shown.size() > std::max(caret, kWidth / 2) + kWidth / 2) {
      break;
    }
    size_t length = Utf8SequenceLength(text, i);
    std::string_view piece;
    int width = 1;
    if (length == 0) {
      piece = "?";
      length = 1;
    } else if (text[i] == '\t') {
      piece = "\t";
    } else if (IsUnsafeToShow(DecodeUtf8(text, i, length))) {
      piece = "?";
    } else {
      piece = text.substr(i, length);
      width = DisplayWidth(DecodeUtf8(text, i, length));
    }
    shown.push_back({piece, i, width});
    i += length;
  }
  if (caret == std::string_view::npos) caret = shown.size();
  const size_t underline_end = std::min(std::max(finding.end, begin + 1), i);

  const size_t first = caret > kWidth / 2 ? caret - kWidth / 2 : 0;
  const size_t last = std::min(shown.size(), first + kWidth);
  const bool cut_before = first > 0 || line_starts_before;
  std::string source = cut_before ? "..." : "";
  std::string marks = cut_before ? "   " : "";
  for (size_t k = first; k < last; ++k) {
    source += shown[k].text;
    const size_t offset = shown[k].offset;
    const size_t width = static_cast<size_t>(shown[k].width);
    if (offset == begin) {
      marks += '^';
      marks.append(width > 0 ? width - 1 : 0, '~');
    } else if (offset > begin && offset < underline_end) {
      marks.append(width, '~');
    } else if (offset < begin) {
      if (shown[k].text == "\t") {
        marks += '\t';
      } else {
        marks.append(width, ' ');
      }
    }
  }
  if (caret >= last) marks += '^';  // the finding is at the end of the line
  if (last < shown.size()) source += "...";
  return source + "\n" + marks + "\n";
}

}  // namespace segform
