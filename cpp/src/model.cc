// Canonical proto3 JSON output of ImageSegmentationInputs.

#include <charconv>

#include "internal.h"

namespace segform {
namespace {

// Appends the text as a JSON string, escaped as nlohmann's dump() escapes
// it: the short escapes where JSON has them, \u00xx for other control
// characters, everything else as it is. A byte that is not part of valid
// UTF-8 is written as U+FFFD, one for each such byte.
void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII other than the quote and the backslash goes out as it
    // is, so a run of it is appended at once.
    const std::string_view rest = text.substr(i);
    const size_t plain = internal::AsciiPrefixLength(
        rest.substr(0, internal::PlainStringLength(rest)));
    out.append(rest.substr(0, plain));
    i += plain;
    if (i == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = internal::Utf8SequenceLength(text, i);
      if (length == 0) {
        out.append("\xEF\xBF\xBD");
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    ++i;
    const std::string_view escape =
        internal::ShortJsonEscape(static_cast<char>(c));
    if (!escape.empty()) {
      out.append(escape);
    } else {
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  out.push_back('"');
}

// Writes an object's members one by one, in nlohmann's dump() layout.
class ObjectWriter {
 public:
  ObjectWriter(int indent, std::string& out) : indent_(indent), out_(out) {
    out_.push_back('{');
  }

  // Starts a member and returns the text to append its value to.
  std::string& Member(std::string_view key) {
    if (count_++ > 0) out_.push_back(',');
    if (indent_ >= 0) {
      out_.push_back('\n');
      out_.append(static_cast<size_t>(indent_), ' ');
    }
    AppendJsonString(key, out_);
    out_.append(indent_ >= 0 ? ": " : ":");
    return out_;
  }

  void Close() {
    if (indent_ >= 0 && count_ > 0) out_.push_back('\n');
    out_.push_back('}');
  }

 private:
  int indent_;
  std::string& out_;
  int count_ = 0;
};

}  // namespace

nlohmann::ordered_json ImageSegmentationInputs::ToJson() const {
  // Parses what ToJsonText writes, so both forms come from one writer.
  return nlohmann::ordered_json::parse(ToJsonText());
}

std::string ImageSegmentationInputs::ToJsonText(int indent) const {
  // Field names and order come from the declaration. proto3 JSON leaves out
  // fields at their zero value, which the service reads as unset. The
  // message has one field of each kind, so the kind determines which member
  // contains a field's value.
  std::string text;
  text.reserve(160);
  ObjectWriter object(indent, text);
  for (const FieldDecl& field : ImageSegmentationInputsDecl().fields) {
    switch (field.kind) {
      case FieldKind::kEnum:
        if (model_type.value_or(0) != 0) {
          const EnumValueDecl* known =
              field.enum_type->FindByNumber(*model_type);
          // An enum number without a name is written as the number.
          if (known != nullptr) {
            AppendJsonString(known->name, object.Member(field.json_name));
          } else {
            object.Member(field.json_name).append(std::to_string(*model_type));
          }
        }
        break;
      case FieldKind::kInt64:
        // proto3 JSON writes int64 as a string, since JSON numbers are
        // often read as doubles, which hold integers exactly only up to
        // 2^53. Digits need no escaping.
        if (budget_milli_node_hours.value_or(0) != 0) {
          char digits[24];
          const auto written = std::to_chars(digits, digits + sizeof digits,
                                             *budget_milli_node_hours);
          std::string& out = object.Member(field.json_name);
          out.push_back('"');
          out.append(digits, written.ptr);
          out.push_back('"');
        }
        break;
      case FieldKind::kString:
        if (!base_model_id.value_or("").empty()) {
          AppendJsonString(*base_model_id, object.Member(field.json_name));
        }
        break;
      case FieldKind::kMessage:  // the message has no message field
        break;
    }
  }
  object.Close();
  return text;
}

}  // namespace segform
