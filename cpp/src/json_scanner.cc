// The JSON reader: one pass over the text, straight into a RawDocument with
// every span known from the position it reads at.
//
// It accepts exactly the texts nlohmann's strict parser accepts (RFC 8259,
// with segform's limits on depth and on numbers too large for a double), and
// for any other text it reports where reading stopped and why. nlohmann's
// SAX parser took about 100 instructions per input byte here (callgrind, on
// the benchmark corpus), four times the budget of the whole validation, and
// it made up about a sixth of the WebAssembly module. It stays the reference:
// the unit tests and the fuzz target read every text they see with both, and
// compare the documents, and the error offsets (see
// tests/support/nlohmann_reader.h).
//
// An error is placed at the first byte that no JSON text could continue
// with: the bad byte inside a token, the start of a whole token that cannot
// stand where it is, or the end of the text.

#include <cmath>

#include "internal.h"

namespace segform::internal {

std::string TooDeepMessage() {
  return Format("objects and arrays are nested more than {} levels deep",
                {std::to_string(kMaxNestingDepth)});
}

namespace {

constexpr std::string_view kSyntaxCode = "json.syntax";
constexpr std::string_view kEndsEarlyHint =
    "Close every string, object and array that is still open.";
constexpr std::string_view kNotANumberHint =
    "Write numbers as plain decimal digits, with no prefix, separator or "
    "unit, or put text in double quotes.";
constexpr std::string_view kThousandsHint =
    "JSON numbers have no thousands separators. Write the digits without "
    "commas.";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// A character of a bare word such as true, True or NaN. A literal followed
// by one of these is never valid JSON, so the word is reported whole.
bool IsWordChar(char c) { return IsLetter(c) || IsDigit(c); }

bool IsNumberChar(char c) {
  return IsDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

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

// Returns how a control character is written inside a JSON string.
std::string EscapedControl(unsigned char c) {
  const std::string_view escape = ShortJsonEscape(static_cast<char>(c));
  return escape.empty() ? "\\u" + HexDigits(c, 4) : std::string(escape);
}

class Scanner {
 public:
  Scanner(std::string_view text, RawDocument& document, JsonError* error)
      : text_(text), document_(document), error_(error) {}

  // Reads the whole text. Returns false, after filling in the error, where
  // nlohmann's parser would report an error or where a limit is reached.
  bool Scan() {
    // Room for the members of a typical input, which has three or four.
    document_.members.reserve(4);
    SkipWhiteSpace();
    if (AtEnd()) {
      return Fail({position_, position_},
                  position_ == 0
                      ? "invalid JSON: the text is empty"
                      : "invalid JSON: the text has only white space",
                  "Write the training inputs as a JSON object, for example "
                  "{}.");
    }
    if (!Value(0, &document_.top)) return false;
    SkipWhiteSpace();
    if (AtEnd()) return true;
    return Unexpected("the end of the text after the JSON value",
                      "Remove what follows the end of the JSON value.");
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

  // Records the error and returns false, for the callers to pass up.
  SEGFORM_COLD bool Fail(Span span, std::string message, std::string_view hint,
                         std::string_view code = kSyntaxCode) {
    if (error_ != nullptr) {
      error_->code = code;
      error_->span = span;
      error_->message = std::move(message);
      error_->hint = std::string(hint);
    }
    return false;
  }

  // Reports the byte at `at` as one that no JSON text has there. At the end
  // of the text, reports that the text ends early. The hint is then to
  // close what is open, after finishing the token when the hint is about
  // that token ("1." needs its digits, and nothing else may be open).
  SEGFORM_COLD bool FailAt(size_t at, std::string_view problem,
                           std::string_view hint) {
    if (error_ == nullptr) return false;
    if (at >= text_.size()) {
      std::string ends_hint(kEndsEarlyHint);
      if (!hint.empty()) {
        ends_hint = closer_ == 0 ? std::string(hint)
                                 : Format("{} Then c{}",
                                          {hint, kEndsEarlyHint.substr(1)});
      }
      return Fail({text_.size(), text_.size()},
                  Format("invalid JSON: {}; the text ends here", {problem}),
                  ends_hint);
    }
    const size_t length = std::max<size_t>(1, Utf8SequenceLength(text_, at));
    return Fail({at, at + length}, Format("invalid JSON: {}", {problem}), hint);
  }

  // Reports the token at the current position, which cannot stand there.
  // expected names what could, and context_hint is what to do when the
  // token itself suggests nothing better.
  SEGFORM_COLD bool Unexpected(std::string_view expected,
                               std::string_view context_hint = {}) {
    if (error_ == nullptr) return false;
    const std::string problem = Format("expected {}", {expected});
    if (AtEnd()) return FailAt(position_, problem, {});
    const Span token = TokenAt(position_);
    const std::string_view found =
        text_.substr(token.begin, token.end - token.begin);
    // Where a value belongs, a word cut off by the end of the text is most
    // likely still being typed, as "tr" on its way to true. After the
    // top-level value, a whole "true" is not.
    const bool cut_off =
        expected == "a value" && token.end == text_.size() &&
        (std::string_view("true").substr(0, found.size()) == found ||
         std::string_view("false").substr(0, found.size()) == found ||
         std::string_view("null").substr(0, found.size()) == found);
    Fail(token, Format("invalid JSON: {}; found {}", {problem, Shown(found)}),
         cut_off ? kEndsEarlyHint : HintFor(found, context_hint));
    error_->expected = std::string(expected);
    // At most 40 bytes of the token, cut before a whole character.
    size_t cut = std::min<size_t>(found.size(), 40);
    while (cut < found.size() && (found[cut] & 0xC0) == 0x80) --cut;
    error_->found = std::string(found.substr(0, cut));
    return false;
  }

  // Returns how a message names a token: a string by its kind, a number as
  // written, one ASCII character in single quotes, anything else quoted.
  static std::string Shown(std::string_view found) {
    if (found[0] == '"') return "a string";
    if ((IsDigit(found[0]) || found[0] == '-') &&
        found.find_first_of("0123456789") != std::string_view::npos) {
      return found.size() <= 30
                 ? Format("the number {}", {found})
                 : Format("the number {}...", {found.substr(0, 27)});
    }
    if (found.size() == 1 && found[0] > 0x20 && found[0] < 0x7F &&
        found[0] != '\'') {
      return Format("'{}'", {found});
    }
    return QuoteForMessage(found, 30);
  }

  // Returns the span of the token that starts at `at`: a string up to its
  // closing quote, a number, a bare word, or else one character.
  Span TokenAt(size_t at) const {
    size_t end = at + 1;
    const char first = text_[at];
    const auto continues_number = [&](size_t i) {
      const char c = text_[i];
      return IsDigit(c) || c == '.' || c == 'e' || c == 'E' ||
             ((c == '+' || c == '-') &&
              (text_[i - 1] == 'e' || text_[i - 1] == 'E'));
    };
    if (first == '"') {
      while (end < text_.size() && text_[end] != '"') {
        end += text_[end] == '\\' ? 2 : 1;
      }
      end = std::min(end + 1, text_.size());
    } else if (IsDigit(first) || first == '-') {
      while (end < text_.size() && continues_number(end)) ++end;
    } else if (IsLetter(first)) {
      // A word runs on through a number written right after it, as in
      // true1.5, which a JSON reader takes for two tokens.
      while (end < text_.size() &&
             (IsLetter(text_[end]) || continues_number(end))) {
        ++end;
      }
    } else {
      end = at + std::max<size_t>(1, Utf8SequenceLength(text_, at));
    }
    return {at, end};
  }

  // Returns true when the last byte before `at` that is not white space is
  // a comma.
  bool CommaBefore(size_t at) const {
    while (at > 0 && std::string_view(" \t\r\n").find(text_[at - 1]) !=
                         std::string_view::npos) {
      --at;
    }
    return at > 0 && text_[at - 1] == ',';
  }

  // Returns true for the Unicode spaces that copying from a document or a
  // web page brings along, which JSON does not count as white space.
  static bool IsForeignSpace(std::string_view character) {
    // A vertical tab or form feed is white space to many readers, not JSON.
    if (character.size() == 1)
      return character[0] == '\v' || character[0] == '\f';
    const uint32_t code_point = DecodeUtf8(character, 0, character.size());
    return code_point == 0xA0 ||
           (code_point >= 0x2000 && code_point <= 0x200B) ||
           code_point == 0x2028 || code_point == 0x2029 ||
           code_point == 0x202F || code_point == 0x205F ||
           code_point == 0x3000 || code_point == 0xFEFF;
  }

  // Returns what to do about an unexpected token. Mistakes that the token
  // shows by itself come first, then the caller's hint for the place.
  std::string_view HintFor(std::string_view found,
                           std::string_view context_hint) const {
    const char first = found[0];
    if (first == '}' || first == ']') {
      if (closer_ == 0)
        return "Remove it, since no object or array is open here.";
      if (closer_ != first) {
        return closer_ == '}'
                   ? "It does not close the innermost open object. Close "
                     "that with } first."
                   : "It does not close the innermost open array. Close "
                     "that with ] first.";
      }
      if (CommaBefore(position_)) {
        return "Remove the comma before it, since JSON has no trailing "
               "commas.";
      }
    }
    if (first == '\'') return "Write strings and keys in double quotes.";
    if (first == '/' || first == '#') return "JSON has no comments. Remove it.";
    if (first == '+') return "JSON numbers have no plus sign. Remove it.";
    if (first == '.') return "Write a 0 before the decimal point, as in 0.5.";
    if (found == "\xE2\x80\x9C" || found == "\xE2\x80\x9D" ||
        found == "\xE2\x80\x98" || found == "\xE2\x80\x99") {
      return "Write straight double quotes (\") instead of curly ones.";
    }
    if (IsForeignSpace(found)) {
      return "Replace it with an ordinary space. Between tokens JSON allows "
             "only spaces, tabs and line breaks.";
    }
    if (!context_hint.empty()) return context_hint;
    for (std::string_view word : {"true", "false", "null"}) {
      // true1.5 is true and a number with nothing between them.
      if (found.size() > word.size() && found.substr(0, word.size()) == word &&
          !IsLetter(found[word.size()])) {
        return "Put a comma between the two values.";
      }
    }
    if (IsLetter(first) && found != "true" && found != "false" &&
        found != "null") {
      return "Put text in double quotes. The only bare words in JSON are "
             "true, false and null, in lower case.";
    }
    return "Fix the JSON syntax at this position.";
  }

  // Reads the value at the current position. depth counts the objects and
  // arrays around it. target receives the value when it is the top-level
  // value or a member of the top-level object, and is null deeper down.
  bool Value(int depth, RawValue* target) {
    if (AtEnd()) return Unexpected("a value");
    const size_t begin = position_;
    switch (Peek()) {
      case '{':
        return Object(depth, target);
      case '[':
        return Array(depth, target);
      case '"': {
        std::string_view content;
        if (!String(target != nullptr ? &content : nullptr)) return false;
        Store(target, ValueKind::kString, content, begin);
        // A top-level member's string is in the document; a deeper one is
        // noted only when it is a placeholder (see NoteNestedString).
        if (target == nullptr && !frames_.empty()) {
          NoteNestedString(document_, frames_, text_, {begin, position_});
        }
        return true;
      }
      case 't':
        return Literal("true", ValueKind::kBool, target);
      case 'f':
        return Literal("false", ValueKind::kBool, target);
      case 'n':
        return Literal("null", ValueKind::kNull, target);
      default:
        if (Peek() == '-' || IsDigit(Peek())) return Number(target);
        return Unexpected("a value");
    }
  }

  void Store(RawValue* target, ValueKind kind, std::string_view text,
             size_t begin) {
    if (target == nullptr) return;
    target->kind = kind;
    target->text = text;
    target->span = {begin, position_};
  }

  // Reads true, false or null. Any other word, such as tru or nulls, is
  // reported whole.
  bool Literal(std::string_view word, ValueKind kind, RawValue* target) {
    const size_t begin = position_;
    if (text_.substr(begin, word.size()) != word ||
        (begin + word.size() < text_.size() &&
         IsWordChar(text_[begin + word.size()]))) {
      return Unexpected("a value");
    }
    position_ += word.size();
    // A null's text is empty; true and false keep their word.
    Store(target, kind, kind == ValueKind::kNull ? std::string_view() : word,
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
    if (Peek() == '-') ++position_;
    if (AtEnd() || !IsDigit(Peek())) {
      return FailAt(position_, "expected a digit after '-'",
                    "Write the number's digits after the minus sign.");
    }
    if (Peek() == '0') {
      ++position_;
      if (!AtEnd() && IsDigit(Peek())) {
        // The span runs to the end of the number nlohmann reads next.
        while (!AtEnd() && IsNumberChar(Peek())) ++position_;
        return Fail({begin, position_},
                    "invalid JSON: a number cannot start with 0 followed by "
                    "more digits",
                    AfterThousandsSeparator(begin)
                        ? kThousandsHint
                        : "Remove the leading zeros.");
      }
    } else {
      Digits();
    }

    bool may_overflow = false;
    bool is_integer = true;
    if (!AtEnd() && Peek() == '.') {
      is_integer = false;
      ++position_;
      if (!Digits()) {
        return FailAt(position_, "expected a digit after the decimal point",
                      "Write digits after the point, or remove the point.");
      }
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      is_integer = false;
      ++position_;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++position_;
      if (!Digits()) {
        return FailAt(position_, "expected a digit in the exponent",
                      "Write the exponent's digits after the e.");
      }
      may_overflow = true;
    }

    const std::string_view lexeme = text_.substr(begin, position_ - begin);
    // nlohmann rejects a number beyond the range of a double. segform reads
    // kMaxOverflowingNumbers of them, so that a field can report one, and
    // stops at the next. Without an exponent, a number needs over 300
    // digits to reach that range, so only the rare lexemes that can are
    // read as a double here.
    if (may_overflow || lexeme.size() > 300) {
      if (std::isinf(ParseJsonDouble(lexeme)) &&
          ++overflowing_numbers_ > kMaxOverflowingNumbers) {
        return Fail({begin, position_},
                    Format("the text has more than {} numbers too large "
                           "for a double; segform stops reading here",
                           {std::to_string(kMaxOverflowingNumbers)}),
                    "Write large integers as strings of digits.",
                    "json.number_overflow");
      }
    }

    // A letter or a second point right after a number makes it something
    // else: 0x1F, 1_000, 10k, 1.2.3. The whole run is shown. nlohmann reports
    // an overflowing number first, so this check comes after that one.
    if (!AtEnd() && (IsWordChar(Peek()) || Peek() == '.')) {
      while (!AtEnd() && (IsWordChar(Peek()) || Peek() == '.')) ++position_;
      if (error_ == nullptr) return false;
      return Fail({begin, position_},
                  Format("invalid JSON: {} is not a JSON number",
                         {Quoted(text_.substr(begin, position_ - begin))}),
                  kNotANumberHint);
    }

    const size_t digit_count = lexeme.size() - (lexeme[0] == '-' ? 1 : 0);
    if (is_integer && digit_count > kMaxPythonDigits) {
      document_.long_integers.push_back({begin, position_});
    }
    Store(target, ValueKind::kNumber, lexeme, begin);
    return true;
  }

  // Reads a string token and, when content is not null, its unescaped
  // content. The text is valid UTF-8 already; raw control characters,
  // unknown escapes and unpaired surrogates are errors, as in nlohmann.
  bool String(std::string_view* content) {
    ++position_;  // the opening quote
    const size_t start = position_;
    size_t run = position_;
    // The content with its escapes undone, once the first escape is read.
    // While it is empty, the content is a view of the text itself, since
    // every escape adds at least one byte to it.
    std::string unescaped;
    while (!AtEnd()) {
      // Skip the plain bytes up to the next quote, backslash or control
      // character.
      position_ += PlainStringLength(text_.substr(position_));
      if (AtEnd()) break;
      const char c = Peek();
      if (c == '"') {
        if (content != nullptr && unescaped.empty()) {
          *content = text_.substr(start, position_ - start);
        } else if (content != nullptr) {
          unescaped.append(text_.substr(run, position_ - run));
          *content = document_.Keep(std::move(unescaped));
        }
        ++position_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return ControlCharacter(static_cast<unsigned char>(c));
      }
      // What is left is a backslash.
      if (content != nullptr)
        unescaped.append(text_.substr(run, position_ - run));
      if (!Escape(content != nullptr ? &unescaped : nullptr)) return false;
      run = position_;
    }
    return FailAt(position_, "the string is not closed", {});
  }

  SEGFORM_COLD bool ControlCharacter(unsigned char c) {
    if (error_ == nullptr) return false;
    const std::string escaped = EscapedControl(c);
    return FailAt(position_,
                  Format("a control character (U+{}) must be escaped inside "
                         "a string",
                         {HexDigits(c, 4)}),
                  c == '\n' || c == '\r'
                      ? "Write a line break as \\n, or close the string "
                        "before the line ends."
                      : Format("Write it as {}.", {escaped}));
  }

  // Reads the escape at the current backslash.
  bool Escape(std::string* content) {
    const size_t kind_at = position_ + 1;
    if (kind_at >= text_.size()) {
      return FailAt(kind_at, "the string is not closed", {});
    }
    char plain = 0;
    switch (text_[kind_at]) {
      case '"':
        plain = '"';
        break;
      case '\\':
        plain = '\\';
        break;
      case '/':
        plain = '/';
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case 'n':
        plain = '\n';
        break;
      case 'r':
        plain = '\r';
        break;
      case 't':
        plain = '\t';
        break;
      case 'u':
        return UnicodeEscape(content);
      default: {
        if (error_ == nullptr) return false;
        const size_t length =
            std::max<size_t>(1, Utf8SequenceLength(text_, kind_at));
        return FailAt(kind_at,
                      Format("a backslash followed by {} is not a JSON "
                             "escape",
                             {Quoted(text_.substr(kind_at, length))}),
                      "Write a backslash as \\\\. The escapes are \\\", "
                      "\\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\u with four "
                      "hex digits.");
      }
    }
    if (content != nullptr) content->push_back(plain);
    position_ += 2;
    return true;
  }

  // Reads the four hex digits of the \u escape whose backslash is at
  // `at`. Returns the code unit, or -1 after reporting the first byte that
  // is not a hex digit.
  long CodeUnit(size_t at) {
    long unit = 0;
    for (size_t i = at + 2; i < at + 6; ++i) {
      const int digit = i < text_.size() ? HexValue(text_[i]) : -1;
      if (digit < 0) {
        FailAt(i, "\\u must be followed by four hex digits",
               "Write the code point as four hex digits, as in \\u00E9.");
        return -1;
      }
      unit = unit * 16 + digit;
    }
    return unit;
  }

  bool UnicodeEscape(std::string* content) {
    const size_t begin = position_;
    const long unit = CodeUnit(begin);
    if (unit < 0) return false;
    position_ += 6;
    uint32_t code_point = static_cast<uint32_t>(unit);
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return LoneSurrogate(begin,
                           "the second half of a surrogate pair, "
                           "without the first before it");
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      // A high surrogate must be followed by an escaped low one.
      if (text_.substr(position_, 2) != "\\u") {
        // A backslash after it starts some other escape, shown with it,
        // up to the end of the character after the backslash.
        size_t length = 6;
        if (!AtEnd() && Peek() == '\\') {
          const size_t after = position_ + 1;
          length =
              7 + (after < text_.size()
                       ? std::max<size_t>(1, Utf8SequenceLength(text_, after))
                       : 0);
        }
        return LoneSurrogate(begin,
                             "the first half of a surrogate pair, "
                             "without the second after it",
                             length);
      }
      const long low = CodeUnit(position_);
      if (low < 0) return false;
      if (low < 0xDC00 || low > 0xDFFF) {
        return LoneSurrogate(begin,
                             "the first half of a surrogate pair, "
                             "and the escape after it is not the "
                             "second half",
                             12);
      }
      position_ += 6;
      code_point = 0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) +
                   (static_cast<uint32_t>(low) - 0xDC00);
    }
    if (content != nullptr) AppendUtf8(code_point, *content);
    return true;
  }

  // Reports the \u escape at `begin` as half of a surrogate pair. The span
  // is `length` bytes long, to take in an escape after it.
  SEGFORM_COLD bool LoneSurrogate(size_t begin, std::string_view description,
                                  size_t length = 6) {
    if (error_ == nullptr) return false;
    return Fail(
        {begin, std::min(begin + length, text_.size())},
        Format("invalid JSON: {} is {}", {text_.substr(begin, 6), description}),
        "Write the character itself, or both halves of its UTF-16 "
        "surrogate pair.");
  }

  // Returns true when the number at `at` comes right after a comma that
  // follows a digit, as the 000 of 192,000.
  bool AfterThousandsSeparator(size_t at) const {
    return at >= 2 && text_[at - 1] == ',' && IsDigit(text_[at - 2]);
  }

  SEGFORM_COLD bool TooDeep() {
    return Fail({position_, position_ + 1}, TooDeepMessage(), kTooDeepHint,
                "json.too_deep");
  }

  bool Object(int depth, RawValue* target) {
    if (depth == kMaxNestingDepth) return TooDeep();
    const int level = depth + 1;
    const char outer = Open(ValueKind::kObject, level, target);
    SkipWhiteSpace();
    if (!AtEnd() && Peek() == '}') return Close(level, target, outer);
    for (bool first = true;; first = false) {
      SkipWhiteSpace();
      if (AtEnd() || Peek() != '"') {
        std::string_view hint;
        if (!AtEnd() && IsLetter(Peek())) {
          hint = "Put the key in double quotes.";
        } else if (!AtEnd() && Peek() == ':') {
          hint = "Write the key in double quotes before the colon.";
        } else if (!AtEnd() && Peek() == ',') {
          hint = "Remove the extra comma.";
        } else if (!AtEnd() && IsDigit(Peek()) &&
                   AfterThousandsSeparator(position_)) {
          hint = kThousandsHint;
        }
        return Unexpected(
            first ? "a key in double quotes, or '}'" : "a key in double quotes",
            hint);
      }
      RawValue* member_target = nullptr;
      if (!Key(level, member_target)) return false;
      SkipWhiteSpace();
      if (AtEnd() || Peek() != ':') {
        return Unexpected("':' after the key",
                          "Put a colon between the key and its value.");
      }
      ++position_;
      SkipWhiteSpace();
      if (!AtEnd() && (Peek() == '}' || Peek() == ',')) {
        return Unexpected("a value", "Write a value after the colon.");
      }
      if (!Value(level, member_target)) return false;
      SkipWhiteSpace();
      if (!AtEnd() && Peek() == '}') return Close(level, target, outer);
      if (AtEnd() || Peek() != ',') {
        // A string may be the next member's key. Another value cannot be.
        const bool key_follows = !AtEnd() && Peek() == '"';
        return Unexpected("',' or '}' after the member",
                          key_follows ? "Put a comma between the members."
                          : ValueStartsHere()
                              ? "A member has one value after its key. "
                                "Remove this one, or put a comma and a key "
                                "before it."
                              : std::string_view());
      }
      ++position_;
    }
  }

  // Reads a key of an object at the given level. A key of the top-level
  // object starts a member, which receives the value. A deeper key is
  // checked against the keys before it in its object.
  bool Key(int level, RawValue*& member_target) {
    const size_t begin = position_;
    std::string_view key;
    if (!String(&key)) return false;
    const Span span{begin, position_};
    if (level == 1) {
      RawMember& member = document_.members.emplace_back();
      member.key = key;
      member.key_span = span;
      member_target = &member.value;
      return true;
    }
    NoteNestedKey(document_, frames_, key, span);
    return true;
  }

  bool Array(int depth, RawValue* target) {
    if (depth == kMaxNestingDepth) return TooDeep();
    const int level = depth + 1;
    const char outer = Open(ValueKind::kArray, level, target);
    SkipWhiteSpace();
    if (!AtEnd() && Peek() == ']') return Close(level, target, outer);
    for (;;) {
      SkipWhiteSpace();
      ++frames_.back().index;
      if (!AtEnd() && Peek() == ',') {
        return Unexpected("a value", "Remove the extra comma.");
      }
      if (!Value(level, nullptr)) return false;
      SkipWhiteSpace();
      if (!AtEnd() && Peek() == ']') return Close(level, target, outer);
      if (AtEnd() || Peek() != ',') {
        return Unexpected("',' or ']' after the element",
                          ValueStartsHere()
                              ? "Put a comma between the elements."
                              : std::string_view());
      }
      ++position_;
    }
  }

  // Returns true when a JSON value starts at the current position: a
  // quote, a bracket, a digit, a minus sign before a digit, or true, false
  // or null. Another word gets the hint about bare words instead.
  bool ValueStartsHere() const {
    if (AtEnd()) return false;
    const char c = Peek();
    if (c == '"' || c == '{' || c == '[' || IsDigit(c)) return true;
    if (c == '-') {
      return position_ + 1 < text_.size() && IsDigit(text_[position_ + 1]);
    }
    // "nullable" is a bare word, and "true1" a value that a comma is
    // missing after.
    const std::string_view rest = text_.substr(position_);
    for (std::string_view word : {"true", "false", "null"}) {
      if (rest.substr(0, word.size()) == word &&
          (rest.size() == word.size() || !IsLetter(rest[word.size()]))) {
        return true;
      }
    }
    return false;
  }

  // Starts an object or array at its opening bracket. Returns the closing
  // bracket of the container around it, which Close makes current again.
  char Open(ValueKind kind, int level, RawValue* target) {
    const char outer = closer_;
    closer_ = kind == ValueKind::kObject ? '}' : ']';
    if (target != nullptr) {
      target->kind = kind;
      target->span = {position_, position_ + 1};
    }
    // Containers below the top-level members, and a top-level array, get a
    // frame for the JSON Pointer of a duplicate key inside them.
    if (level >= 2 || kind == ValueKind::kArray) {
      frames_.emplace_back();
      frames_.back().is_array = kind == ValueKind::kArray;
    }
    ++position_;
    return outer;
  }

  // Ends an object or array at its closing bracket, and makes outer the
  // innermost open one's closing bracket again.
  bool Close(int level, RawValue* target, char outer) {
    closer_ = outer;
    ++position_;
    // At level 1 the container is the top-level value.
    if (level >= 2 || document_.top.kind == ValueKind::kArray) {
      frames_.pop_back();
    }
    if (target != nullptr) target->span.end = position_;
    return true;
  }

  std::string_view text_;
  RawDocument& document_;
  JsonError* error_;
  size_t position_ = 0;
  int overflowing_numbers_ = 0;
  std::vector<NestedFrame> frames_;
  // The bracket that closes the innermost open object or array, or 0 at
  // the top level, for the hints about brackets.
  char closer_ = 0;
};

}  // namespace

std::optional<RawDocument> ScanJsonText(std::string_view text,
                                        JsonError* error) {
  RawDocument document;
  Scanner scanner(text, document, error);
  if (!scanner.Scan()) return std::nullopt;
  return document;
}

}  // namespace segform::internal
