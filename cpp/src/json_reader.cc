// Reads JSON text with nlohmann's SAX parser into a RawDocument, keeping the
// byte span of every top-level key and value.
//
// nlohmann's SAX callbacks carry no position, so the parser reads the text
// through CountingIterator, which records how many bytes the lexer has
// taken. When a callback fires, the lexer has just finished the token, and
// the token's span is found from that count (see TokenSpan).

#include <cstring>
#include <iterator>

#include "internal.h"

namespace segform::internal {
namespace {

// An input iterator over the text that stores, in *consumed, the number of
// bytes read so far. nlohmann's iterator input adapter reads each byte once.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* begin, const char* position, size_t* consumed)
      : begin_(begin), position_(position), consumed_(consumed) {}

  reference operator*() const { return *position_; }
  CountingIterator& operator++() {
    ++position_;
    *consumed_ = static_cast<size_t>(position_ - begin_);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator previous = *this;
    ++*this;
    return previous;
  }
  bool operator==(const CountingIterator& other) const {
    return position_ == other.position_;
  }
  bool operator!=(const CountingIterator& other) const {
    return position_ != other.position_;
  }

 private:
  const char* begin_;
  const char* position_;
  size_t* consumed_;
};

// nlohmann's id for "number overflow": a number whose value does not fit in
// a double (1e400), which nlohmann reports as a parse error although the
// text is valid JSON.
constexpr int kNumberOverflowId = 406;


bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsNumberChar(char c) {
  return IsDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' ||
         c == 'E';
}

// Handles nlohmann's SAX events for one JSON text. Members of the top-level
// object are recorded; anything nested deeper is only spanned.
class RawDocumentBuilder {
 public:
  using json = nlohmann::json;

  RawDocumentBuilder(std::string_view text, const size_t* consumed)
      : text_(text), consumed_(consumed) {}

  bool null() { return Scalar(ValueKind::kNull, {}); }
  bool boolean(bool) { return Scalar(ValueKind::kBool, {}); }
  bool number_integer(json::number_integer_t) { return Number(); }
  bool number_unsigned(json::number_unsigned_t) { return Number(); }
  bool number_float(json::number_float_t, const std::string&) {
    return Number();
  }
  bool string(std::string& value) {
    return Scalar(ValueKind::kString, std::move(value));
  }
  bool binary(json::binary_t&) { return true; }  // not produced by JSON text

  bool start_object(std::size_t) { return Open(ValueKind::kObject); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t) { return Open(ValueKind::kArray); }
  bool end_array() { return Close(); }

  bool key(std::string& name) {
    if (depth_ == 1) {
      RawMember member;
      member.key = std::move(name);
      member.key_span = StringSpan();
      document_.members.push_back(std::move(member));
      return true;
    }
    NoteNestedKey(document_, frames_, std::move(name), StringSpan());
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error) {
    (void)last_token;
    error_position_ = position;
    error_text_ = error.what();
    error_id_ = error.id;
    if (error_id_ == kNumberOverflowId) error_span_ = NumberSpan();
    return false;
  }

  RawDocument& document() { return document_; }
  size_t error_position() const { return error_position_; }
  int error_id() const { return error_id_; }
  // The bracket that opened one level too many, when reading stopped there.
  const std::optional<Span>& too_deep_span() const { return too_deep_span_; }
  // The span of the number that overflowed, when error_id() is
  // kNumberOverflowId.
  Span error_span() const { return error_span_; }
  const std::string& error_text() const { return error_text_; }

 private:
  // The span of the string token (key or value) that the lexer just read:
  // it ends with the closing quote, and it starts at the first quote before
  // that which is not escaped. Inside a string a quote is always preceded by
  // an odd number of backslashes, and the opening quote by none.
  Span StringSpan() const {
    const size_t end = *consumed_;
    size_t begin = end - 1;
    while (begin > 0) {
      --begin;
      if (text_[begin] != '"') continue;
      size_t backslashes = 0;
      while (begin - backslashes > 0 && text_[begin - backslashes - 1] == '\\') {
        ++backslashes;
      }
      if (backslashes % 2 == 0) break;
    }
    return {begin, end};
  }

  // The span of the number the lexer just read. The lexer reads one byte
  // past a number to find its end, unless the number ends the text, and a
  // number always ends with a digit.
  Span NumberSpan() const {
    size_t end = *consumed_;
    if (end > 0 && !IsDigit(text_[end - 1])) --end;
    size_t begin = end;
    while (begin > 0 && IsNumberChar(text_[begin - 1])) --begin;
    return {begin, end};
  }

  // The span of a literal (true, false, null) or a bracket just read: the
  // lexer reads exactly its bytes.
  Span LiteralSpan(size_t length) const {
    return {*consumed_ - length, *consumed_};
  }

  bool Number() {
    const Span span = NumberSpan();
    return Store(ValueKind::kNumber,
                 std::string(text_.substr(span.begin, span.end - span.begin)),
                 span);
  }

  bool Scalar(ValueKind kind, std::string value) {
    Span span;
    if (kind == ValueKind::kString) {
      span = StringSpan();
    } else if (kind == ValueKind::kNull) {
      span = LiteralSpan(4);
    } else {
      // true or false: the last byte read is the final 'e'.
      const bool is_true = *consumed_ >= 4 &&
                           text_.compare(*consumed_ - 4, 4, "true") == 0;
      span = LiteralSpan(is_true ? 4 : 5);
      value = is_true ? "true" : "false";
    }
    return Store(kind, std::move(value), span);
  }

  bool Store(ValueKind kind, std::string value, Span span) {
    CountArrayElement();
    RawValue* target = CurrentTarget();
    if (target != nullptr) {
      target->kind = kind;
      target->text = std::move(value);
      target->span = span;
    }
    return true;
  }

  bool Open(ValueKind kind) {
    if (depth_ == kMaxNestingDepth) {
      // Stop reading: a deeper value could exhaust memory or a reader's
      // stack, wherever it sits.
      too_deep_span_ = LiteralSpan(1);
      return false;
    }
    CountArrayElement();
    RawValue* target = CurrentTarget();
    if (target != nullptr) {
      target->kind = kind;
      target->span = LiteralSpan(1);
    }
    ++depth_;
    if (depth_ >= 2) {
      frames_.emplace_back();
      frames_.back().is_array = kind == ValueKind::kArray;
    }
    return true;
  }

  // Counts a value that starts inside an array, for the pointer's index.
  void CountArrayElement() {
    if (depth_ >= 2 && frames_.back().is_array) ++frames_.back().index;
  }

  bool Close() {
    if (depth_ >= 2) frames_.pop_back();
    --depth_;
    // The value just closed is the top-level value or one of its members.
    RawValue* closed = nullptr;
    if (depth_ == 0) {
      closed = &document_.top;
    } else if (depth_ == 1 && !document_.members.empty()) {
      closed = &document_.members.back().value;
    }
    if (closed != nullptr) closed->span.end = *consumed_;
    return true;
  }

  // The value a scalar or an opening bracket at the current depth belongs
  // to, or nullptr when it is nested deeper than a top-level member.
  RawValue* CurrentTarget() {
    if (depth_ == 0) return &document_.top;
    if (depth_ == 1 && !document_.members.empty()) {
      return &document_.members.back().value;
    }
    return nullptr;
  }

  std::string_view text_;
  const size_t* consumed_;
  int depth_ = 0;
  RawDocument document_;
  size_t error_position_ = 0;
  std::string error_text_;
  int error_id_ = 0;
  Span error_span_;
  std::optional<Span> too_deep_span_;

  // An object or array nested in a top-level member.
  std::vector<NestedFrame> frames_;
};

// Turns nlohmann's parse error text into a short reason. Its opening
// "[json.exception.parse_error.101] parse error at line 1, column 2: " is
// dropped because segform reports the position itself. So is the input it
// quotes after "last read: ", which can run back over earlier tokens (and
// over a placeholder put in for an overflowing number).
std::string SyntaxReason(const std::string& exception_text) {
  std::string reason = exception_text;
  const size_t colon = reason.find(": ");
  if (colon != std::string::npos) reason = reason.substr(colon + 2);
  const size_t last_read = reason.find("; last read: '");
  if (last_read != std::string::npos) {
    // The quoted token may itself contain "; expected ", so only a short
    // final clause is taken for nlohmann's own.
    const size_t expected = reason.rfind("'; expected ");
    std::string tail;
    if (expected != std::string::npos && expected > last_read &&
        reason.size() - expected < 48) {
      tail = reason.substr(expected + 1);
    }
    reason = reason.substr(0, last_read) + tail;
  }
  // Escape whatever could still come from the input.
  const std::string escaped = QuoteForMessage(reason, 200);
  return escaped.substr(1, escaped.size() - 2);
}

std::string SyntaxHint(const std::string& reason) {
  // "unexpected end of input" contains "expected end of input", so it is
  // tested first.
  if (reason.find("unexpected end of input") != std::string::npos) {
    return "The text ends early: close every string, object and array.";
  }
  if (reason.find("expected end of input") != std::string::npos) {
    return "Remove what follows the end of the JSON object.";
  }
  return "Fix the JSON syntax at this position.";
}

void ReportSyntaxError(std::string_view text,
                       const RawDocumentBuilder& builder, FindingSink& sink) {
  if (builder.too_deep_span()) {
    Finding& finding = sink.Add(
        Severity::kError, "json.too_deep", "", *builder.too_deep_span(),
        "objects and arrays are nested more than " +
            std::to_string(kMaxNestingDepth) + " levels deep",
        "Flatten the value; no field of this message needs nesting.");
    finding.params.Set("max", kMaxNestingDepth);
    return;
  }
  // nlohmann's position counts the offending byte itself.
  size_t offset = builder.error_position();
  if (offset > 0) --offset;
  offset = std::min(offset, text.size());
  if (builder.error_id() == kNumberOverflowId) {
    const Span span = builder.error_span();
    sink.Add(Severity::kError, "json.number_overflow", "", span,
             "the text has more than " + std::to_string(kMaxOverflowingNumbers) +
                 " numbers too large for a double; segform stops reading here",
             "Write large integers as strings of digits.");
    return;
  }
  const std::string reason = SyntaxReason(builder.error_text());
  // The span covers the whole character at the offset, never part of one.
  const size_t length = offset < text.size()
                            ? std::max<size_t>(1, Utf8SequenceLength(text, offset))
                            : 0;
  Finding& finding =
      sink.Add(Severity::kError, "json.syntax", "", {offset, offset + length},
               "invalid JSON: " + reason, SyntaxHint(reason));
  finding.params.Set("offset", offset);
}

void RestoreOverflowedNumbers(
    const std::vector<std::pair<size_t, std::string>>& overflowed,
    RawDocument& document) {
  const auto restore = [&](RawValue& value) {
    for (const auto& [begin, lexeme] : overflowed) {
      if (value.kind == ValueKind::kNumber && value.span.begin == begin) {
        value.text = lexeme;
        value.span.end = begin + lexeme.size();
      }
    }
  };
  restore(document.top);
  for (RawMember& member : document.members) restore(member.value);
}

}  // namespace

void NoteNestedKey(RawDocument& document, std::vector<NestedFrame>& frames,
                   std::string key, Span key_span) {
  NestedFrame& object = frames.back();
  if (!object.keys.insert(key).second) {
    // The pointer runs from the top-level member through the enclosing
    // frames to this object.
    // NOTE: inside a top-level array there is no member, so the pointer
    // leaves out the element's index ("/a", not "/0/a"). Such a text is
    // reported as not an object anyway.
    std::string pointer;
    if (!document.members.empty()) {
      pointer = MemberPointer(document.members.back().key);
    }
    for (size_t i = 0; i + 1 < frames.size(); ++i) {
      pointer += frames[i].is_array ? "/" + std::to_string(frames[i].index)
                                    : MemberPointer(frames[i].key);
    }
    document.nested_duplicates.push_back(
        {key, pointer + MemberPointer(key), key_span});
  }
  object.key = std::move(key);
}

std::optional<RawDocument> ReadJsonText(std::string_view text,
                                        FindingSink& sink) {
  const size_t invalid = FindInvalidUtf8(text);
  if (invalid != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X",
                  static_cast<unsigned char>(text[invalid]));
    Finding& finding = sink.Add(
        Severity::kError, "json.invalid_utf8", "", {invalid, invalid + 1},
        std::string("the text is not valid UTF-8: byte ") + byte +
            " cannot appear here",
        "Save the file as UTF-8, or retype the character at this position.");
    finding.params.Set("byte", byte);
    finding.params.Set("offset", invalid);
    return std::nullopt;
  }
  // nlohmann treats a NUL byte as the end of the input, so text after one
  // would be ignored silently. JSON allows no raw NUL anywhere.
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    sink.Add(Severity::kError, "json.syntax", "", {nul, nul + 1},
             "invalid JSON: a NUL byte (U+0000) cannot appear in JSON text",
             "Remove the NUL byte; inside a string write it as \\u0000.");
    return std::nullopt;
  }
  // nlohmann skips a UTF-8 byte-order mark silently; JSON text handed over
  // as a string must not start with one.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    sink.Add(Severity::kError, "json.byte_order_mark", "", {0, 3},
             "invalid JSON: the text starts with a UTF-8 byte-order mark",
             "Remove the byte-order mark (U+FEFF) from the start.");
    return std::nullopt;
  }

  // The one-pass scanner reads almost every text. Only a text it does not
  // accept goes to nlohmann's parser, which reports the error (or, should
  // the two ever disagree, reads the text after all).
  std::optional<RawDocument> document = ScanJsonText(text);
  if (!document) document = ParseJsonTextWithNlohmann(text, sink);
  if (!document) return std::nullopt;
  for (const NestedDuplicate& duplicate : document->nested_duplicates) {
    sink.Add(Severity::kError, "json.duplicate_key", duplicate.path,
             duplicate.key_span,
             "the key " + QuoteForMessage(duplicate.key) +
                 " is set twice in this object",
             "Keep one of the two and remove the other.");
  }
  return document;
}

std::optional<RawDocument> ParseJsonTextWithNlohmann(std::string_view text,
                                                     FindingSink& sink) {
  // A number that overflows a double is replaced by "1" padded with spaces,
  // which keeps every offset, and the text is read again. Its lexeme is put
  // back into the document afterwards.
  std::string repaired_text;
  std::vector<std::pair<size_t, std::string>> overflowed;  // begin, lexeme
  std::string_view view = text;
  for (;;) {
    size_t consumed = 0;
    RawDocumentBuilder builder(view, &consumed);
    const char* data = view.data();
    const CountingIterator first(data, data, &consumed);
    const CountingIterator last(data, data + view.size(), &consumed);
    const bool parsed = nlohmann::json::sax_parse(
        first, last, &builder, nlohmann::json::input_format_t::json,
        /*strict=*/true, /*ignore_comments=*/false);
    if (parsed) {
      RestoreOverflowedNumbers(overflowed, builder.document());
      return std::move(builder.document());
    }
    if (builder.error_id() == kNumberOverflowId &&
        overflowed.size() < static_cast<size_t>(kMaxOverflowingNumbers)) {
      const Span span = builder.error_span();
      if (repaired_text.empty()) repaired_text = std::string(text);
      overflowed.emplace_back(
          span.begin, std::string(text.substr(span.begin, span.end - span.begin)));
      repaired_text.replace(span.begin, span.end - span.begin,
                            "1" + std::string(span.end - span.begin - 1, ' '));
      view = repaired_text;
      continue;
    }
    ReportSyntaxError(text, builder, sink);
    return std::nullopt;
  }
}


}  // namespace segform::internal
