// The reference JSON reader: nlohmann's SAX parser, reading into the
// RawDocument that segform's scanner builds. See nlohmann_reader.h.

#include "nlohmann_reader.h"

#include <algorithm>
#include <iterator>
#include <sstream>

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
  return IsDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
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
      member.key = document_.Keep(std::move(name));
      member.key_span = StringSpan();
      document_.members.push_back(std::move(member));
      return true;
    }
    // The frames keep views of their keys, so the key goes to the store.
    NoteNestedKey(document_, frames_, document_.Keep(std::move(name)),
                  StringSpan());
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
      while (begin - backslashes > 0 &&
             text_[begin - backslashes - 1] == '\\') {
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
      const bool is_true =
          *consumed_ >= 4 && text_.compare(*consumed_ - 4, 4, "true") == 0;
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
      target->text = document_.Keep(std::move(value));
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
    if (depth_ >= 2 || kind == ValueKind::kArray) {
      frames_.emplace_back();
      frames_.back().is_array = kind == ValueKind::kArray;
    }
    return true;
  }

  // Counts a value that starts inside an array, for the pointer's index.
  void CountArrayElement() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  bool Close() {
    if (depth_ >= 2 || document_.top.kind == ValueKind::kArray) {
      frames_.pop_back();
    }
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

void RestoreOverflowedNumbers(
    const std::vector<std::pair<size_t, std::string>>& overflowed,
    RawDocument& document) {
  const auto restore = [&](RawValue& value) {
    for (const auto& [begin, lexeme] : overflowed) {
      if (value.kind == ValueKind::kNumber && value.span.begin == begin) {
        value.text = document.Keep(lexeme);
        value.span.end = begin + lexeme.size();
      }
    }
  };
  restore(document.top);
  for (RawMember& member : document.members) restore(member.value);
}

}  // namespace

NlohmannReading ReadWithNlohmann(std::string_view text) {
  NlohmannReading reading;
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
      reading.document = std::move(builder.document());
      return reading;
    }
    if (builder.error_id() == kNumberOverflowId &&
        overflowed.size() < static_cast<size_t>(kMaxOverflowingNumbers)) {
      const Span span = builder.error_span();
      if (repaired_text.empty()) repaired_text = std::string(text);
      overflowed.emplace_back(
          span.begin,
          std::string(text.substr(span.begin, span.end - span.begin)));
      repaired_text.replace(span.begin, span.end - span.begin,
                            "1" + std::string(span.end - span.begin - 1, ' '));
      view = repaired_text;
      continue;
    }
    if (builder.too_deep_span()) {
      reading.error_code = "json.too_deep";
      reading.error_offset = builder.too_deep_span()->begin;
    } else if (builder.error_id() == kNumberOverflowId) {
      reading.error_code = "json.number_overflow";
      reading.error_offset = builder.error_span().begin;
    } else {
      // nlohmann's position counts the byte it stopped at, or one past the
      // end of the text.
      reading.error_code = "json.syntax";
      reading.error_offset =
          std::min(builder.error_position() - (builder.error_position() > 0),
                   text.size());
    }
    reading.reason = builder.error_text();
    return reading;
  }
}

std::string Describe(const std::optional<RawDocument>& document) {
  if (!document) return "rejected";
  std::ostringstream out;
  const auto value = [&](const RawValue& raw) {
    out << static_cast<int>(raw.kind) << " [" << raw.span.begin << ","
        << raw.span.end << ") " << raw.text.size() << ":" << raw.text;
  };
  out << "top ";
  value(document->top);
  for (const RawMember& member : document->members) {
    out << "\nmember [" << member.key_span.begin << "," << member.key_span.end
        << ") " << member.key.size() << ":" << member.key << " = ";
    value(member.value);
  }
  for (const NestedDuplicate& duplicate : document->nested_duplicates) {
    out << "\nduplicate " << NestedDuplicatePointer(*document, duplicate)
        << " [" << duplicate.key_span.begin << "," << duplicate.key_span.end
        << ") " << duplicate.key;
  }
  return out.str();
}

bool IsReadable(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos &&
         text.find('\0') == std::string_view::npos &&
         text.substr(0, 3) != "\xEF\xBB\xBF";
}

std::string CompareWithNlohmann(std::string_view text) {
  if (!IsReadable(text)) return {};
  JsonError error;
  const std::optional<RawDocument> scanned = ScanJsonText(text, &error);
  const NlohmannReading reference = ReadWithNlohmann(text);
  const std::string scanned_text = Describe(scanned);
  const std::string reference_text = Describe(reference.document);
  if (scanned_text != reference_text) {
    return "scanner read:\n" + scanned_text + "\nnlohmann read:\n" +
           reference_text;
  }
  if (scanned) return {};

  const std::string where =
      "scanner: " + std::string(error.code) + " at " +
      std::to_string(error.span.begin) + " (" + error.message +
      "); nlohmann: " + reference.error_code + " at " +
      std::to_string(reference.error_offset) + " (" + reference.reason + ")";
  if (error.code != reference.error_code) return "different errors, " + where;
  // nlohmann stops at the bad byte, or for a token that cannot stand
  // where it is, somewhere in that token. The scanner's span covers either.
  if (reference.error_offset < error.span.begin ||
      reference.error_offset > error.span.end) {
    return "nlohmann stops outside the scanner's span, " + where;
  }
  // Nothing before the scanner's offset may be wrong: nlohmann reads the
  // text up to there to its end.
  if (error.code == "json.syntax") {
    const std::string_view prefix = text.substr(0, error.span.begin);
    const NlohmannReading before = ReadWithNlohmann(prefix);
    if (!before.document && before.error_code == "json.syntax" &&
        before.error_offset < prefix.size()) {
      return "the text is wrong before the scanner's offset, " + where;
    }
  }
  return {};
}

}  // namespace segform::internal
