#include "result_buffer.h"

namespace segform::wasm {

uintptr_t ResultBuffer::Encode(const ValidationResult& result) {
  words_.clear();
  strings_used_ = 0;
  // Enough for a result with a few findings, so that Word() rarely grows
  // the vector. Both buffers keep their capacity from call to call.
  words_.reserve(256);

  Word(result.ok());
  Offset(result.error_count());
  Offset(result.skipped_prefix);
  Word(result.pipeline_request);
  String(result.inputs_path);
  String(result.canonical_json);

  Offset(result.findings.size());
  for (const Finding& finding : result.findings) {
    Word(static_cast<uint32_t>(finding.severity));
    String(finding.code);
    String(finding.path);
    Offset(static_cast<size_t>(finding.line));
    Offset(static_cast<size_t>(finding.column));
    Offset(finding.begin);
    Offset(finding.end);
    Offset(finding.utf16_begin);
    Offset(finding.utf16_end);
    String(finding.message);
    String(finding.hint);
    Params(finding.params);
  }

  Offset(result.form_values.size());
  for (const auto& [name, value] : result.form_values) {
    KnownName(name, DeclaredNames());
    // An enum field's value is the enum name, unless the number has none.
    KnownName(value, DeclaredNames());
  }

  Offset(result.unknown_field_count);
  Offset(result.unknown_fields.size());
  for (const UnknownField& field : result.unknown_fields) {
    String(field.key);
    String(field.value_json);
  }

  Offset(result.member_spans.size());
  for (const MemberSpan& member : result.member_spans) {
    // Most keys are a field's JSON name, and then need no string.
    KnownName(member.key, DeclaredNames());
    Offset(IndexOf(DeclaredNames(), member.field));
    Offset(member.key_begin);
    Offset(member.key_end);
    Offset(member.value_begin);
    Offset(member.value_end);
  }

  Word(result.object_span.has_value());
  if (result.object_span) {
    Offset(result.object_span->first);
    Offset(result.object_span->second);
  }

  header_[0] =
      static_cast<uint32_t>(reinterpret_cast<uintptr_t>(words_.data()));
  header_[1] = static_cast<uint32_t>(words_.size());
  header_[2] =
      static_cast<uint32_t>(reinterpret_cast<uintptr_t>(strings_.data()));
  header_[3] = static_cast<uint32_t>(strings_used_);
  return reinterpret_cast<uintptr_t>(header_);
}

// Appends the text and its length in UTF-16 code units, which JavaScript
// needs to cut the decoded area apart. Bytes that are not valid UTF-8 are
// written as U+FFFD, so the count matches what TextDecoder produces.
void ResultBuffer::String(std::string_view text) {
  // Nearly every string is valid UTF-8, and is appended in one piece after
  // a pass that counts its units. Only an invalid one is rebuilt.
  size_t i = internal::AsciiPrefixLength(text);
  uint32_t units = static_cast<uint32_t>(i);
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++units;
      ++i;
      continue;
    }
    const size_t length = internal::Utf8SequenceLength(text, i);
    if (length == 0) break;
    units += length == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
    i += length;
  }
  AppendBytes(text.substr(0, i));
  while (i < text.size()) {
    const size_t length = internal::Utf8SequenceLength(text, i);
    if (length == 0) {
      AppendBytes("\xEF\xBF\xBD");
      ++units;
      ++i;
      continue;
    }
    AppendBytes(text.substr(i, length));
    units += length == 4 ? 2 : 1;
    i += length;
  }
  Word(units);
}

const std::vector<std::string_view>& ResultBuffer::DeclaredNames() {
  static const std::vector<std::string_view> names =
      ImageSegmentationInputsDecl().DeclaredNames();
  return names;
}

void ResultBuffer::Params(const FindingParams& params) {
  const size_t count_at = words_.size();
  Word(0);
  for (const auto& [param, value] : params) {
    ++words_[count_at];
    Word(static_cast<uint32_t>(param));
    Word(static_cast<uint32_t>(value.kind));
    switch (value.kind) {
      case ParamValue::Kind::kString:
        String(value.text);
        break;
      case ParamValue::Kind::kInteger: {
        const uint64_t bits = static_cast<uint64_t>(value.integer);
        Word(static_cast<uint32_t>(bits));
        Word(static_cast<uint32_t>(bits >> 32));
        break;
      }
      case ParamValue::Kind::kNameList:
        Offset(value.names.size());
        for (std::string_view element : value.names) {
          KnownName(element, DeclaredNames());
        }
        break;
    }
  }
}

}  // namespace segform::wasm
