// A one-pass JSON reader for the common case: valid text, read straight into
// a RawDocument with every span known from the position it reads at.
//
// Measured with callgrind on the benchmark corpus, nlohmann's SAX parser
// (json_reader.cc) takes about 100 instructions per input byte, four times
// the budget of the whole validation. Its lexer copies every token into a
// buffer byte by byte, and the spans have to be found again from a counting
// iterator. This reader accepts
// exactly the texts nlohmann's strict parser accepts (RFC 8259, with
// segform's limits on depth and on numbers too large for a double) and
// builds the same document. For anything else it gives up, and the
// nlohmann path reads the text again to report the error, so both the
// accepted set and the error messages stay nlohmann's. The unit tests and
// the fuzz target compare the two readers on every input they see.

#include <cmath>

#include "internal.h"

namespace segform::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

class Scanner {
 public:
  Scanner(std::string_view text, RawDocument& document)
      : text_(text), document_(document) {}

  // Reads the whole text. Returns false where nlohmann's parser would
  // report an error, or where the nlohmann path stops at a limit.
  bool Scan() {
    SkipWhiteSpace();
    if (!Value(0, &document_.top)) return false;
    SkipWhiteSpace();
    return position_ == text_.size();
  }

 private:
  bool AtEnd() const { return position_ >= text_.size(); }
  char Peek() const { return text_[position_]; }

  void SkipWhiteSpace() {
    while (!AtEnd()) {
      const char c = Peek();
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++position_;
    }
  }

  // Reads the value at the current position. depth counts the objects and
  // arrays around it. target receives the value when it is the top-level
  // value or a member of the top-level object, and is null deeper down.
  bool Value(int depth, RawValue* target) {
    if (AtEnd()) return false;
    const size_t begin = position_;
    switch (Peek()) {
      case '{':
        return Object(depth, target);
      case '[':
        return Array(depth, target);
      case '"': {
        std::string content;
        if (!String(target != nullptr ? &content : nullptr)) return false;
        Store(target, ValueKind::kString, std::move(content), begin);
        return true;
      }
      case 't':
        return Literal("true", ValueKind::kBool, target);
      case 'f':
        return Literal("false", ValueKind::kBool, target);
      case 'n':
        return Literal("null", ValueKind::kNull, target);
      default:
        return Number(target);
    }
  }

  void Store(RawValue* target, ValueKind kind, std::string text,
             size_t begin) {
    if (target == nullptr) return;
    target->kind = kind;
    target->text = std::move(text);
    target->span = {begin, position_};
  }

  bool Literal(std::string_view word, ValueKind kind, RawValue* target) {
    if (text_.substr(position_, word.size()) != word) return false;
    const size_t begin = position_;
    position_ += word.size();
    // A null's text is empty; true and false keep their word.
    Store(target, kind, kind == ValueKind::kNull ? std::string() : std::string(word),
          begin);
    return true;
  }

  bool Digits() {
    const size_t begin = position_;
    while (!AtEnd() && IsDigit(Peek())) ++position_;
    return position_ > begin;
  }

  // Reads a number by the JSON grammar, keeping its lexeme.
  bool Number(RawValue* target) {
    const size_t begin = position_;
    if (!AtEnd() && Peek() == '-') ++position_;
    if (AtEnd()) return false;
    if (Peek() == '0') {
      ++position_;
    } else if (!Digits()) {
      return false;
    }

    bool may_overflow = false;
    if (!AtEnd() && Peek() == '.') {
      ++position_;
      if (!Digits()) return false;
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++position_;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++position_;
      if (!Digits()) return false;
      may_overflow = true;
    }

    const std::string_view lexeme = text_.substr(begin, position_ - begin);
    // nlohmann rejects a number beyond the range of a double, and the
    // nlohmann path accepts only kMaxOverflowingNumbers of them. Without an
    // exponent, a number needs over 300 digits to reach that range, so
    // strtod runs only for the rare lexemes that can.
    if (may_overflow || lexeme.size() > 300) {
      if (std::isinf(ParseJsonDouble(lexeme)) &&
          ++overflowing_numbers_ > kMaxOverflowingNumbers) {
        return false;
      }
    }

    Store(target, ValueKind::kNumber, std::string(lexeme), begin);
    return true;
  }

  // Reads a string token and, when content is not null, its unescaped
  // content. The text is valid UTF-8 already; raw control characters,
  // unknown escapes and unpaired surrogates are errors, as in nlohmann.
  bool String(std::string* content) {
    ++position_;  // the opening quote
    size_t run = position_;
    while (!AtEnd()) {
      const char c = Peek();
      if (c == '"') {
        if (content != nullptr) content->append(text_.substr(run, position_ - run));
        ++position_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        ++position_;
        continue;
      }
      if (content != nullptr) content->append(text_.substr(run, position_ - run));
      if (!Escape(content)) return false;
      run = position_;
    }
    return false;
  }

  // Reads the escape at the current backslash.
  bool Escape(std::string* content) {
    if (position_ + 1 >= text_.size()) return false;
    const char kind = text_[position_ + 1];
    char plain = 0;
    switch (kind) {
      case '"': plain = '"'; break;
      case '\\': plain = '\\'; break;
      case '/': plain = '/'; break;
      case 'b': plain = '\b'; break;
      case 'f': plain = '\f'; break;
      case 'n': plain = '\n'; break;
      case 'r': plain = '\r'; break;
      case 't': plain = '\t'; break;
      case 'u': return UnicodeEscape(content);
      default: return false;
    }
    if (content != nullptr) content->push_back(plain);
    position_ += 2;
    return true;
  }

  // Reads the four hex digits of a \u escape at text_[at], or returns -1.
  long CodeUnitAt(size_t at) const {
    if (at + 4 > text_.size()) return -1;
    long unit = 0;
    for (size_t i = at; i < at + 4; ++i) {
      const int digit = HexValue(text_[i]);
      if (digit < 0) return -1;
      unit = unit * 16 + digit;
    }
    return unit;
  }

  bool UnicodeEscape(std::string* content) {
    const long unit = CodeUnitAt(position_ + 2);
    if (unit < 0) return false;
    position_ += 6;
    uint32_t code_point = static_cast<uint32_t>(unit);
    if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a lone low half
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      // A high surrogate must be followed by an escaped low one.
      if (text_.substr(position_, 2) != "\\u") return false;
      const long low = CodeUnitAt(position_ + 2);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      position_ += 6;
      code_point = 0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) +
                   (static_cast<uint32_t>(low) - 0xDC00);
    }
    if (content != nullptr) AppendUtf8(code_point, *content);
    return true;
  }

  bool Object(int depth, RawValue* target) {
    if (depth == kMaxNestingDepth) return false;
    const int level = depth + 1;
    Open(ValueKind::kObject, level, target);
    SkipWhiteSpace();
    if (!AtEnd() && Peek() == '}') return Close(level, target);
    for (;;) {
      SkipWhiteSpace();
      if (AtEnd() || Peek() != '"') return false;
      RawValue* member_target = nullptr;
      if (!Key(level, member_target)) return false;
      SkipWhiteSpace();
      if (AtEnd() || Peek() != ':') return false;
      ++position_;
      SkipWhiteSpace();
      if (!Value(level, member_target)) return false;
      SkipWhiteSpace();
      if (AtEnd()) return false;
      if (Peek() == '}') return Close(level, target);
      if (Peek() != ',') return false;
      ++position_;
    }
  }

  // Reads a key of an object at the given level. A key of the top-level
  // object starts a member, which receives the value. A deeper key is
  // checked against the keys before it in its object.
  bool Key(int level, RawValue*& member_target) {
    const size_t begin = position_;
    std::string key;
    if (!String(&key)) return false;
    const Span span{begin, position_};
    if (level == 1) {
      RawMember& member = document_.members.emplace_back();
      member.key = std::move(key);
      member.key_span = span;
      member_target = &member.value;
      return true;
    }
    NoteNestedKey(document_, frames_, std::move(key), span);
    return true;
  }

  bool Array(int depth, RawValue* target) {
    if (depth == kMaxNestingDepth) return false;
    const int level = depth + 1;
    Open(ValueKind::kArray, level, target);
    SkipWhiteSpace();
    if (!AtEnd() && Peek() == ']') return Close(level, target);
    for (;;) {
      SkipWhiteSpace();
      if (level >= 2) ++frames_.back().index;
      if (!Value(level, nullptr)) return false;
      SkipWhiteSpace();
      if (AtEnd()) return false;
      if (Peek() == ']') return Close(level, target);
      if (Peek() != ',') return false;
      ++position_;
    }
  }

  // Starts an object or array at its opening bracket.
  void Open(ValueKind kind, int level, RawValue* target) {
    if (target != nullptr) {
      target->kind = kind;
      target->span = {position_, position_ + 1};
    }
    if (level >= 2) {
      frames_.emplace_back();
      frames_.back().is_array = kind == ValueKind::kArray;
    }
    ++position_;
  }

  // Ends an object or array at its closing bracket.
  bool Close(int level, RawValue* target) {
    ++position_;
    if (level >= 2) frames_.pop_back();
    if (target != nullptr) target->span.end = position_;
    return true;
  }

  std::string_view text_;
  RawDocument& document_;
  size_t position_ = 0;
  int overflowing_numbers_ = 0;
  std::vector<NestedFrame> frames_;
};

}  // namespace

std::optional<RawDocument> ScanJsonText(std::string_view text) {
  RawDocument document;
  Scanner scanner(text, document);
  if (!scanner.Scan()) return std::nullopt;
  return document;
}

}  // namespace segform::internal
