// Reads the members of a JSON object as the fields of a declared message,
// following the proto3 JSON mapping. A field may be named by its JSON name
// or its proto name, and null means absent. An enum is its name or its
// number, and an int64 is a JSON number or a string of decimal digits.

#include <algorithm>
#include <cmath>
#include <limits>

#include "internal.h"

namespace segform::internal {

std::string_view KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return "a boolean";
    case ValueKind::kNumber:
      return "a number";
    case ValueKind::kString:
      return "a string";
    case ValueKind::kObject:
      return "an object";
    case ValueKind::kArray:
      return "an array";
  }
  return "a value";
}

std::string EnumNameHint(const FieldDecl& field) {
  std::string label(field.label);
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z')
    label[0] += 'a' - 'A';
  return Format("Write a {} name, e.g. \"{}\".",
                {label, field.service_default});
}

CloseName ClaimCloseName(
    std::string_view key, std::string_view name, std::string_view set_key,
    std::map<std::string_view, std::string_view>& suggested) {
  CloseName close;
  if (name.empty()) return close;
  if (!set_key.empty()) {
    close.set_already = set_key;
    return close;
  }
  const auto [earlier, inserted] = suggested.emplace(name, key);
  if (!inserted) close.suggested_for = earlier->second;
  close.spelled = SpelledLikeKey(key, name);
  return close;
}

bool DescribeCloseName(std::string_view subject, std::string_view key,
                       const CloseName& close, std::string& message,
                       std::string& hint) {
  if (!close.suggested_for.empty()) {
    // The earlier key may have been offered the field in its other
    // spelling, so the message names the field, not a spelling.
    message = Format(
        "{}; it is close to \"{}\", but that field is suggested for {} "
        "already",
        {subject, close.spelled, Quoted(close.suggested_for)});
    hint = Format("Rename only one of the two to \"{}\", and remove the other.",
                  {close.spelled});
  } else if (!close.spelled.empty()) {
    message = Format("{}; did you mean \"{}\"?", {subject, close.spelled});
    hint = Format("Rename it to \"{}\".", {close.spelled});
  } else if (!close.set_already.empty()) {
    // The key that sets it may come before this one or after it.
    message = Format("{}; it is close to {}, which is set too",
                     {subject, Quoted(close.set_already)});
    hint = Format(
        "Remove it if {} has the value you want. Otherwise move its value "
        "there, then remove it.",
        {Quoted(close.set_already)});
  } else {
    return false;
  }
  hint += UnusualCharacterNote("key", key);
  return true;
}

bool IsSnakeCaseOf(std::string_view key, std::string_view json_name) {
  size_t at = 0;
  for (const char c : json_name) {
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && (at == key.size() || key[at++] != '_')) return false;
    const char lower = upper ? static_cast<char>(c - 'A' + 'a') : c;
    if (at == key.size() || key[at++] != lower) return false;
  }
  return at == key.size();
}

std::string_view RequestMemberName(std::string_view key) {
  for (const std::string_view name : TrainingPipelineFieldNames()) {
    if (key == name || IsSnakeCaseOf(key, name)) return name;
  }
  return {};
}

std::string JoinNames(const std::vector<std::string_view>& names) {
  size_t size = 0;
  for (std::string_view name : names) size += name.size() + 2;
  std::string joined;
  joined.reserve(size);
  for (std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

namespace {

std::string_view ExpectedType(const FieldDecl& field) {
  switch (field.kind) {
    case FieldKind::kEnum:
      return "an enum name (a string) or an int32 enum number";
    case FieldKind::kInt64:
      return "an integer, as a string of digits or a JSON number";
    case FieldKind::kString:
      return "a string";
    case FieldKind::kMessage:
      return "an object";
  }
  return "a value";
}

// The hint for a value that is read as 0, which proto3 takes as not set.
constexpr std::string_view kZeroHint =
    "Leave the field out, which is what a 0 means, or write the value you "
    "mean.";

std::vector<std::string_view> FieldNames(const MessageDecl& message) {
  std::vector<std::string_view> names;
  names.reserve(message.fields.size());
  for (const FieldDecl& field : message.fields)
    names.push_back(field.json_name);
  return names;
}

// Reports a key that is not a field, with the name closest to it among
// the candidates: the fields' JSON names, and the keys of the requests
// around the inputs when those are candidates too (see ReadFields). A
// proto name compares as equal to its JSON name, since the comparison
// drops case and underscores, so a key close to the proto name gets the
// JSON name. set[i] is the key field i is set under, as written, or empty;
// see ClaimCloseName for `suggested`. top_level is false for the inputs in
// a request.
SEGFORM_COLD void ReportUnknownField(
    const MessageDecl& message, const RawMember& member, Severity severity,
    const std::vector<std::string_view>& candidates,
    const std::vector<std::string_view>& set,
    std::map<std::string_view, std::string_view>& suggested, bool top_level,
    FindingSink& sink) {
  if (sink.CutByCapOffField(severity, member.key_span)) return;
  const std::string_view name = ClosestName(member.key, candidates);
  std::string_view set_key;
  if (const FieldDecl* field = message.FindField(name)) {
    set_key = set[static_cast<size_t>(field - message.fields.data())];
  }
  const CloseName close = ClaimCloseName(member.key, name, set_key, suggested);
  std::vector<std::string_view> names = FieldNames(message);
  const std::string subject = Format("unknown field {}", {Quoted(member.key)});
  std::string message_text;
  std::string hint;
  const bool request_key =
      name == kCreatePipelineKey || name == kPipelineInputsKey;
  if (request_key && close.suggested_for.empty()) {
    const std::string_view what =
        name == kCreatePipelineKey
            ? "a CreateTrainingPipelineRequest's pipeline"
            : "a training pipeline request's inputs";
    message_text = Format("{}; did you mean \"{}\", the key of {}?",
                          {subject, close.spelled, what});
    hint = Format("Rename it to \"{}\" to check the request's inputs.{}",
                  {close.spelled, UnusualCharacterNote("key", member.key)});
  } else if (!DescribeCloseName(subject, member.key, close, message_text,
                                hint)) {
    message_text =
        Format("{}; {} has only {}", {subject, message.name, JoinNames(names)});
    const std::string_view request_member = RequestMemberName(member.key);
    if (top_level && member.key == kCreateParentKey) {
      // The location a CreateTrainingPipelineRequest creates its pipeline
      // in, beside inputs that belong in its pipeline.
      hint =
          "It is a member of a CreateTrainingPipelineRequest. If this is one, "
          "put the pipeline in its \"trainingPipeline\", with the training "
          "inputs in the pipeline's \"trainingTaskInputs\"; otherwise remove "
          "it.";
    } else if (request_member.empty()) {
      hint = "Remove it, or move it to the message it belongs to.";
    } else if (top_level) {
      // Beside the inputs: the text may be a request whose inputs are not
      // in their member yet.
      hint = Format(
          "It is a member of a training pipeline request. If this is one, "
          "put the training inputs in its \"{}\"; otherwise remove it.",
          {SpelledLikeKey(member.key, kPipelineInputsKey)});
    } else if (request_member == kPipelineInputsKey) {
      hint =
          "The inputs are nested twice: move their members up into the outer "
          "trainingTaskInputs.";
    } else {
      // The request may have the member already, so removing it is the
      // other way out.
      hint =
          "It is a member of the training pipeline request, not of its "
          "inputs: move it out of trainingTaskInputs, beside them, or remove "
          "it.";
    }
  }
  Finding& finding =
      sink.Add(severity, "field.unknown", MemberPointer(member.key),
               member.key_span, std::move(message_text), std::move(hint));
  finding.params.Set(Param::kKey, member.key);
  if (close.suggested_for.empty() && !close.spelled.empty()) {
    finding.params.Set(Param::kSuggestion, close.spelled);
  }
  finding.params.Set(Param::kAllowed, std::move(names));
}

// Returns true for a key that Python's json_format reads as the name of an
// extension. That is square brackets around letters, digits, '.' and '_',
// perhaps followed by one line feed, which its pattern's '$' allows.
bool IsExtensionName(std::string_view key) {
  if (!key.empty() && key.back() == '\n') key.remove_suffix(1);
  if (key.size() < 2 || key.front() != '[' || key.back() != ']') return false;
  for (const char c : key.substr(1, key.size() - 2)) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

// Returns the first integer of more than kMaxPythonDigits digits inside the
// span, or nullptr when there is none.
const Span* LongIntegerIn(const RawDocument& document, Span span) {
  const auto found = std::lower_bound(
      document.long_integers.begin(), document.long_integers.end(), span.begin,
      [](const Span& number, size_t begin) { return number.begin < begin; });
  if (found == document.long_integers.end() || found->begin >= span.end) {
    return nullptr;
  }
  return &*found;
}

// With unknown fields ignored, reports an unknown member that Python's
// parser rejects all the same, as an error, and returns true. It returns
// false for a member that both parsers ignore.
SEGFORM_COLD bool ReportUnignorableField(const MessageDecl& message,
                                         const RawDocument& document,
                                         const RawMember& member,
                                         FindingSink& sink) {
  if (IsExtensionName(member.key)) {
    if (sink.CutByCapOffField(Severity::kError, member.key_span)) return true;
    Finding& finding = sink.Add(
        Severity::kError, "field.unknown_not_portable",
        MemberPointer(member.key), member.key_span,
        Format("unknown field {} names an extension, which {} does not "
               "have; Python's parser rejects it even when it ignores "
               "unknown fields",
               {Quoted(member.key), message.name}),
        "Remove it, or rename it without the square brackets.");
    finding.params.Set(Param::kKey, member.key);
    return true;
  }
  if (const Span* number = LongIntegerIn(document, member.value.span)) {
    if (sink.CutByCapOffField(Severity::kError, *number)) return true;
    Finding& finding = sink.Add(
        Severity::kError, "field.unknown_not_portable",
        MemberPointer(member.key), *number,
        Format("unknown field {} holds an integer of more than {} digits, "
               "which Python's parser rejects even when it ignores unknown "
               "fields",
               {Quoted(member.key),
                WithThousands(static_cast<int64_t>(kMaxPythonDigits))}),
        "Remove the field, or write the number as a string.");
    finding.params.Set(Param::kKey, member.key);
    return true;
  }
  return false;
}

// Returns the text without the spaces and tabs around it.
std::string_view WithoutSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Returns the text without the spaces and tabs around it, and without a
// plus sign before it, none of which is part of the value meant.
std::string_view WithoutSpacesAndPlus(std::string_view text) {
  text = WithoutSpaces(text);
  if (!text.empty() && text.front() == '+' &&
      (text.size() == 1 || text[1] != '-')) {
    text.remove_prefix(1);
  }
  return text;
}

// The value of a string written as a JSON number with a fraction or an
// exponent ("2e5", "2.0"), which both parsers reject in an int64 string.
struct NumberFormValue {
  enum class Kind { kWhole, kNotWhole, kOverflow };
  Kind kind = Kind::kNotWhole;
  int64_t value = 0;  // kWhole
};

// Reads a string written as a JSON number with a fraction or an exponent,
// exactly, in decimal: no double rounds "9.2e18" or "9223372036854775807.0".
// Returns std::nullopt for any other text.
std::optional<NumberFormValue> ReadNumberForm(std::string_view text) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && IsAsciiDigit(text[i])) ++i;
    return text.substr(start, i - start);
  };
  // The string is rejected whatever it holds, so the grammar is looser than
  // JSON's where the value meant is plain: leading zeros ("002e5"), no
  // digit before the point (".5e6") or none after it ("2.e5").
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  const std::string_view whole_part = digits();
  std::string_view fraction;
  bool fraction_or_exponent = false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction = digits();
    fraction_or_exponent = true;
  }
  if (whole_part.empty() && fraction.empty()) return std::nullopt;
  // The exponent saturates far past any that an int64 can take, so that
  // "1e99999999999999999999" reads as too large, not as wrapped around. The
  // cap is also past the number of digits a text within the size limit can
  // hold, which the exponent may have to make up for ("0.000...2e1040006").
  constexpr int64_t kExponentCap = int64_t{1} << 40;
  static_assert(kExponentCap > static_cast<int64_t>(kMaxTextBytes) + 19);
  int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool exponent_negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::string_view exponent_digits = digits();
    if (exponent_digits.empty()) return std::nullopt;
    for (const char c : exponent_digits) {
      exponent = std::min(kExponentCap, exponent * 10 + (c - '0'));
    }
    if (exponent_negative) exponent = -exponent;
    fraction_or_exponent = true;
  }
  if (i != text.size() || !fraction_or_exponent) return std::nullopt;

  // The value is `significant` times ten to the power `scale`.
  std::string significant(whole_part);
  significant.append(fraction);
  int64_t scale = exponent - static_cast<int64_t>(fraction.size());
  const size_t first_nonzero = significant.find_first_not_of('0');
  if (first_nonzero == std::string::npos) {
    return NumberFormValue{NumberFormValue::Kind::kWhole, 0};
  }
  significant.erase(0, first_nonzero);
  while (significant.back() == '0') {
    significant.pop_back();
    ++scale;
  }
  NumberFormValue result;
  if (scale < 0) return result;  // a fraction remains
  // An int64 has at most 19 digits.
  if (static_cast<int64_t>(significant.size()) + scale > 19) {
    result.kind = NumberFormValue::Kind::kOverflow;
    return result;
  }
  significant.append(static_cast<size_t>(scale), '0');
  if (negative) significant.insert(significant.begin(), '-');
  const IntegerReading reading = ReadInt64String(significant);
  if (reading.verdict != IntegerReading::Verdict::kAccepted) {
    result.kind = NumberFormValue::Kind::kOverflow;
    return result;
  }
  result.kind = NumberFormValue::Kind::kWhole;
  result.value = reading.value;
  return result;
}

// Returns what to write for a value of the wrong type: a value of the
// field's type, from its declaration, rather than the type once more.
std::string WrongTypeHint(const FieldDecl& field) {
  switch (field.kind) {
    case FieldKind::kEnum:
      return EnumNameHint(field);
    case FieldKind::kInt64:
      return Format(
          "Write a whole number, such as \"{}\", or leave the field "
          "out for the default.",
          {field.service_default});
    case FieldKind::kString:
      return "Write text in double quotes, or leave the field out.";
    case FieldKind::kMessage:
      break;
  }
  return "Write an object, { } with the fields in it.";
}

SEGFORM_COLD void ReportWrongType(const FieldDecl& field,
                                  const RawMember& member, FindingSink& sink) {
  // Digits meant as a string field's text, such as a model ID written as a
  // number, need only their quotes, so the hint writes them out. Other
  // numbers would not be IDs, so they get the plain hint.
  const std::string_view text = member.value.text;
  const bool quotable = field.kind == FieldKind::kString &&
                        member.value.kind == ValueKind::kNumber &&
                        !text.empty() && text.size() <= 19 &&
                        std::all_of(text.begin(), text.end(), IsAsciiDigit);
  Finding& finding = sink.Add(
      Severity::kError, "field.wrong_type", MemberPointer(member.key),
      member.value.span,
      Format("{} must be {}; got {}", {field.json_name, ExpectedType(field),
                                       KindName(member.value.kind)}),
      quotable ? Format("Write it in double quotes: \"{}\".", {text})
               : WrongTypeHint(field));
  finding.params.Set(Param::kExpected, ExpectedType(field));
  finding.params.Set(Param::kActual, KindName(member.value.kind));
}

SEGFORM_COLD void ReportNotPortable(const FieldDecl& field,
                                    const RawMember& member,
                                    const std::string& disagreement,
                                    const std::string& portable,
                                    FindingSink& sink) {
  Finding& finding = sink.Add(
      Severity::kError, Code(field, "not_portable"), MemberPointer(member.key),
      member.value.span,
      Format("{} {} is not portable: {}",
             {field.json_name, ShowValue(member.value), disagreement}),
      // A 0, however spelled, means not set, as the zero warning states
      // for a 0 written plainly. Another portable value may be out of the
      // field's range, which CheckBudget reports beside this.
      portable == "\"0\"" ? std::string(kZeroHint)
      : !portable.empty() ? Format("Write {} instead.", {portable})
      : field.kind == FieldKind::kEnum
          ? EnumNameHint(field)
          : Format("Write whole digits only, e.g. \"{}\".",
                   {field.service_default}));
  finding.params.Set(Param::kActual, member.value.text);
  if (!portable.empty()) finding.params.Set(Param::kPortable, portable);
}

// Returns what to write instead of a number every parser rounds to value.
// An enum value is written by its name, as everywhere else, and a number
// with no name gets a name to write instead, since it is an error of its
// own. A value of 0 is proto3's "not set", which another finding reports,
// so the hint agrees with that one instead of requesting a 0.
std::string InexactNumberHint(const FieldDecl& field, int64_t value) {
  if (value == 0) return std::string(kZeroHint);
  if (field.enum_type != nullptr) {
    if (const EnumValueDecl* named = field.enum_type->FindByNumber(value)) {
      return Format("Write \"{}\" to say what is read.", {named->name});
    }
    return EnumNameHint(field);
  }
  return Format("Write {} to say what is read.", {std::to_string(value)});
}

// Warns that every parser reads a number other than the one written, as
// 1e-400 is read as 0 and 192000.0000000000000001 as 192000.
SEGFORM_COLD void ReportInexactNumber(const FieldDecl& field,
                                      const RawMember& member, int64_t value,
                                      FindingSink& sink) {
  Finding& finding = sink.Add(
      Severity::kWarning, Code(field, "inexact_number"),
      MemberPointer(member.key), member.value.span,
      Format("{} {} is read as {} by every parser, which rounds it to a "
             "double",
             {field.json_name, ShowValue(member.value), std::to_string(value)}),
      InexactNumberHint(field, value));
  finding.params.Set(Param::kActual, member.value.text);
  finding.params.Set(Param::kReadAs, std::to_string(value));
}

// Returns the enum value's name in quotes, or "" when the enum has no value
// with that number or the number is 0, whose name should not be set. Both
// parsers read an unknown number alike, but segform reports it as unknown.
std::string PortableEnumSpelling(const EnumDecl& enum_type, int64_t number) {
  const EnumValueDecl* known = enum_type.FindByNumber(number);
  if (known == nullptr || number == 0) return "";
  return Format("\"{}\"", {known->name});
}

SEGFORM_COLD void ReportEnumNumberOutsideInt32(const FieldDecl& field,
                                               const RawMember& member,
                                               FindingSink& sink) {
  Finding& finding =
      sink.Add(Severity::kError, Code(field, "unknown_number"),
               MemberPointer(member.key), member.value.span,
               Format("{} {} is outside the int32 range of enum numbers",
                      {field.json_name, ShowValue(member.value)}),
               EnumNameHint(field));
  finding.params.Set(Param::kActual, member.value.text);
}

void ReadEnumNumber(const FieldDecl& field, const RawMember& member,
                    FieldValue& value, FindingSink& sink) {
  // proto3 enums are open: any int32 number parses, known or not.
  const IntegerReading reading =
      ReadIntegerNumber(member.value.text, std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max());
  switch (reading.verdict) {
    case IntegerReading::Verdict::kAccepted:
      value.number = reading.value;
      if (!reading.exact) {
        ReportInexactNumber(field, member, reading.value, sink);
      }
      return;
    case IntegerReading::Verdict::kNotInteger: {
      // Python reads the number as a double and takes its whole part,
      // toward zero: "1.5" and "15e-1" are 1, "-2.5" is -2. A double of
      // 2^63 or more has no int64 whole part, and is left unread.
      const double read = ParseJsonDouble(member.value.text);
      if (std::fabs(read) < 0x1p63) {
        value.lenient_number = static_cast<int64_t>(read);
      }
      ReportNotPortable(
          field, member,
          "Python reads a fraction as its whole part, "
          "JavaScript rejects it",
          value.lenient_number
              ? PortableEnumSpelling(*field.enum_type, *value.lenient_number)
              : "",
          sink);
      return;
    }
    case IntegerReading::Verdict::kOverflow:
    case IntegerReading::Verdict::kNotPortable:
      ReportEnumNumberOutsideInt32(field, member, sink);
      return;
  }
}

// Returns the low 32 bits of an int64, as a signed number.
int64_t WrapToInt32(int64_t number) {
  return static_cast<int32_t>(static_cast<uint32_t>(number));
}

// Reports an enum string that names no value, with the closest name.
SEGFORM_COLD void ReportUnknownEnumName(const FieldDecl& field,
                                        const RawMember& member,
                                        FieldValue& value, FindingSink& sink) {
  const EnumDecl& enum_type = *field.enum_type;
  const RawValue& raw = member.value;
  std::vector<std::string_view> names;
  names.reserve(enum_type.values.size());
  for (const EnumValueDecl& known : enum_type.values)
    names.push_back(known.name);
  const std::string_view suggestion = ClosestName(raw.text, names);
  std::string message =
      Format("{} must be one of {}; got {}",
             {field.json_name, JoinNames(names), Quoted(raw.text)});
  // The reason for a close name that is not the name: case or separators,
  // or else a character beyond ASCII, which may look like a letter of the
  // name or not show at all.
  std::string hint;
  if (suggestion.empty()) {
    hint = "Choose one of the names; they are case-sensitive.";
  } else if (WithoutSpaces(raw.text) == suggestion) {
    hint =
        Format("Did you mean {}? Remove the spaces around it.", {suggestion});
  } else if (const std::string note = UnusualCharacterNote("name", raw.text);
             !note.empty()) {
    hint = Format("Did you mean {}?{}", {suggestion, note});
  } else if (SameNameLoosely(raw.text, suggestion)) {
    hint = Format(
        "Did you mean {}? Names are case-sensitive and use underscores, with "
        "no spaces.",
        {suggestion});
  } else {
    hint = Format("Did you mean {}?", {suggestion});
  }
  Finding& finding = sink.Add(Severity::kError, Code(field, "unknown_name"),
                              MemberPointer(member.key), raw.span,
                              std::move(message), std::move(hint));
  finding.params.Set(Param::kExpected, names);
  finding.params.Set(Param::kActual, raw.text);
  if (!suggestion.empty()) {
    finding.params.Set(Param::kSuggestion, suggestion);
    value.lenient_number = enum_type.FindByName(suggestion)->number;
  }
}

// With unknown fields ignored, @bufbuild/protobuf skips an enum string it
// does not know (a string of digits included), which leaves the field at 0.
void ReadEnum(const FieldDecl& field, const RawMember& member,
              bool ignore_unknown_fields, FieldValue& value,
              FindingSink& sink) {
  const EnumDecl& enum_type = *field.enum_type;
  const RawValue& raw = member.value;
  if (raw.kind == ValueKind::kNumber) {
    ReadEnumNumber(field, member, value, sink);
    return;
  }
  if (raw.kind == ValueKind::kBool) {
    const bool is_true = raw.span.end - raw.span.begin == 4;
    value.lenient_number = is_true ? 1 : 0;
    ReportNotPortable(field, member,
                      "Python reads true as 1 and false as 0, JavaScript "
                      "rejects booleans",
                      is_true ? PortableEnumSpelling(enum_type, 1) : "", sink);
    return;
  }
  if (raw.kind != ValueKind::kString) {
    ReportWrongType(field, member, sink);
    return;
  }
  if (const EnumValueDecl* known = enum_type.FindByName(raw.text)) {
    value.number = known->number;
    return;
  }
  if (ignore_unknown_fields) {
    // Python (protobuf 4.21.12's C++ extension, which the differential test
    // runs) sets an enum field to 0 from a multiple of 2^32 within int64, and
    // from any integer below int64. JavaScript skips the string. Both then
    // read the field as not set, and CheckModelType warns as for a 0.
    bool below_int64 = false;
    const std::optional<int64_t> number =
        ReadPythonInt64String(raw.text, &below_int64);
    if (below_int64 || (number && WrapToInt32(*number) == 0)) {
      value.number = 0;
      return;
    }
  }
  if (const std::optional<int64_t> number = ReadPythonIntegerString(raw.text)) {
    value.lenient_number = number;
    ReportNotPortable(field, member,
                      ignore_unknown_fields
                          ? "Python reads a string of digits as the number, "
                            "JavaScript skips it when unknown fields are "
                            "ignored"
                          : "Python reads a string of digits as the number, "
                            "JavaScript rejects it",
                      PortableEnumSpelling(enum_type, *number), sink);
    return;
  }
  ReportUnknownEnumName(field, member, value, sink);
}

// The separators people group digits with: a comma, a full stop, an
// apostrophe (typed, or turned into U+2019 by a word processor), a space,
// and the no-break, narrow no-break and thin spaces.
constexpr std::string_view kGroupSeparators[] = {
    ",",           ".", "'", "\xE2\x80\x99", " ", "\xC2\xA0", "\xE2\x80\xAF",
    "\xE2\x80\x89"};

// A text read as digits grouped by threes.
struct Grouping {
  // The digits, or "" when the text is not grouped digits.
  std::string digits;
  // Set for one group after a full stop ("20.000"), which may also be a
  // fraction. The user decides which of the two is meant.
  bool may_be_fraction = false;
};

// Reads text as digits grouped by threes with one of kGroupSeparators
// throughout ("200,000", "-1 000 000", "1.000.000"), with at most 19 digits
// in all. Spaces around the number and a plus sign are allowed, and left
// out of the digits.
Grouping GroupedDigits(std::string_view text) {
  // The hint leaves out the spaces around the number and a plus sign.
  text = WithoutSpacesAndPlus(text);
  std::string digits;
  if (!text.empty() && text[0] == '-') {
    digits += '-';
    text.remove_prefix(1);
  }
  size_t lead = 0;
  while (lead < text.size() && lead < 4 && IsAsciiDigit(text[lead])) ++lead;
  if (lead == 0 || lead > 3) return {};
  const bool lone_zero = lead == 1 && text[0] == '0';
  digits.append(text.substr(0, lead));
  text.remove_prefix(lead);
  std::string_view separator;
  for (const std::string_view candidate : kGroupSeparators) {
    if (text.substr(0, candidate.size()) == candidate) separator = candidate;
  }
  if (separator.empty()) return {};
  size_t groups = 0;
  while (!text.empty()) {
    if (text.substr(0, separator.size()) != separator) return {};
    text.remove_prefix(separator.size());
    if (text.size() < 3 || !IsAsciiDigit(text[0]) || !IsAsciiDigit(text[1]) ||
        !IsAsciiDigit(text[2])) {
      return {};
    }
    digits.append(text.substr(0, 3));
    text.remove_prefix(3);
    ++groups;
  }
  const size_t count = digits.size() - (digits[0] == '-');
  if (count > 19) return {};
  // No one groups thousands after a lone 0, so "0.500" and "0,500" are
  // fractions.
  if (lone_zero && groups == 1 && (separator == "." || separator == ",")) {
    return {};
  }
  return {std::move(digits), separator == "." && groups == 1};
}

// The hint for a text that may be a fraction or one group after a full stop
// ("20.000", "1.500"), given its grouped digits and their value. The hint
// offers both readings, since either may be meant.
std::string FractionOrGroupHint(const std::string& digits, int64_t grouped) {
  if (grouped == 0) return std::string(kZeroHint);
  const std::string_view fraction =
      std::string_view(digits).substr(digits.size() - 3);
  if (fraction != "000") {
    return Format(
        "If the full stop separates thousands, write \"{}\"; otherwise write "
        "whole digits only.",
        {std::to_string(grouped)});
  }
  const int64_t whole =
      ReadInt64String(std::string_view(digits).substr(0, digits.size() - 3))
          .value;
  return Format(
      "If the full stop separates thousands, write \"{}\"; if it is a "
      "decimal point, write \"{}\".",
      {std::to_string(grouped), std::to_string(whole)});
}

SEGFORM_COLD void ReportOverflow(const FieldDecl& field,
                                 const RawMember& member, FindingSink& sink) {
  const RawValue& raw = member.value;
  Finding& finding = sink.Add(
      Severity::kError, Code(field, "int64_overflow"),
      MemberPointer(member.key), raw.span,
      Format("{} must fit in a signed 64-bit integer; got {}",
             {field.json_name, ShowValue(raw)}),
      field.range ? Format("Write a value such as \"{}\", the default.",
                           {field.service_default})
                  : "Use a value between -9223372036854775808 and "
                    "9223372036854775807.");
  finding.params.Set(Param::kActual, raw.text);
}

SEGFORM_COLD void ReportNonCanonicalInt64(const FieldDecl& field,
                                          const RawMember& member,
                                          int64_t number, FindingSink& sink) {
  const RawValue& raw = member.value;
  const std::string canonical = std::to_string(number);
  Finding& finding =
      sink.Add(Severity::kInfo, Code(field, "non_canonical"),
               MemberPointer(member.key), raw.span,
               Format("{} {} is read as {}; the API writes \"{}\"",
                      {field.json_name, ShowValue(raw), canonical, canonical}));
  finding.params.Set(Param::kActual, raw.text);
  finding.params.Set(Param::kCanonical, canonical);
}

// Reports an int64 value that the parsers do not read as an integer, and
// sets the value that the hint writes out as the value's lenient_number.
SEGFORM_COLD void ReportNotInteger(const FieldDecl& field,
                                   const RawMember& member, FieldValue& value,
                                   FindingSink& sink) {
  const RawValue& raw = member.value;
  // "200,000" is a whole number, so a message that said it must be one
  // would contradict itself. Digits grouped with separators are named as
  // the problem.
  const Grouping grouping =
      raw.kind == ValueKind::kString ? GroupedDigits(raw.text) : Grouping();
  const std::string& digits = grouping.digits;
  const bool grouped = !digits.empty() && !grouping.may_be_fraction;
  // "2e5", "2.0" or " +2e5": a whole number that both parsers reject in a
  // string, whose value the hint can write out. That value is checked as
  // well. One past the int64 range ("2e50") gets the range's error, as the
  // same number outside a string does.
  const std::optional<NumberFormValue> number_form =
      raw.kind == ValueKind::kString && digits.empty()
          ? ReadNumberForm(WithoutSpacesAndPlus(raw.text))
          : std::nullopt;
  if (number_form && number_form->kind == NumberFormValue::Kind::kOverflow) {
    ReportOverflow(field, member, sink);
    return;
  }
  const std::optional<int64_t> whole =
      number_form && number_form->kind == NumberFormValue::Kind::kWhole
          ? std::optional<int64_t>(number_form->value)
          : std::nullopt;
  std::string message;
  if (grouped) {
    message = Format("{} must be written without separators; got {}",
                     {field.json_name, ShowValue(raw)});
  } else if (whole) {
    message = Format("{} in a string must be plain digits; got {}",
                     {field.json_name, ShowValue(raw)});
  } else {
    message = Format("{} must be a whole number; got {}",
                     {field.json_name, ShowValue(raw)});
  }
  std::string hint;
  if (grouped) {
    // The value meant is checked as well (see CheckBudget), so the hint
    // gives the digits only when they are a value to write.
    const IntegerReading meant = ReadInt64String(digits);
    if (meant.verdict != IntegerReading::Verdict::kAccepted) {
      hint =
          "Write the digits without separators; the value must also fit in a "
          "signed 64-bit integer.";
    } else if (meant.value == 0) {
      hint = std::string(kZeroHint);
    } else {
      value.lenient_number = meant.value;
      hint = Format("Write \"{}\".", {std::to_string(meant.value)});
    }
  } else if (grouping.may_be_fraction) {
    // The thousands, the reading that a whole number calls for, is checked
    // further, so a sign or a range that rules it out is reported too.
    const int64_t thousands = ReadInt64String(digits).value;
    if (thousands != 0) value.lenient_number = thousands;
    hint = FractionOrGroupHint(digits, thousands);
  } else if (raw.text.empty()) {
    hint = "Write a whole number, or leave the field out for the default.";
  } else if (whole) {
    if (*whole == 0) {
      hint = std::string(kZeroHint);
    } else {
      value.lenient_number = *whole;
      hint = Format("Write \"{}\".", {std::to_string(*whole)});
    }
  } else {
    hint = Format("Write whole digits only, e.g. \"{}\".",
                  {field.service_default});
  }
  Finding& finding = sink.Add(Severity::kError, Code(field, "not_integer"),
                              MemberPointer(member.key), raw.span,
                              std::move(message), std::move(hint));
  finding.params.Set(Param::kActual, raw.text);
}

void ReadInt64(const FieldDecl& field, const RawMember& member,
               FieldValue& value, FindingSink& sink) {
  const RawValue& raw = member.value;
  if (raw.kind != ValueKind::kNumber && raw.kind != ValueKind::kString) {
    ReportWrongType(field, member, sink);
    return;
  }
  const IntegerReading reading =
      raw.kind == ValueKind::kNumber
          ? ReadIntegerNumber(raw.text, std::numeric_limits<int64_t>::min(),
                              std::numeric_limits<int64_t>::max())
          : ReadInt64String(raw.text);
  switch (reading.verdict) {
    case IntegerReading::Verdict::kAccepted: {
      value.number = reading.value;
      if (!reading.exact) {
        ReportInexactNumber(field, member, reading.value, sink);
      } else if (!reading.canonical && reading.value != 0) {
        // A 0 in any spelling ("-0", "00") gets the warning that 0 counts
        // as not set, which the API leaves out instead of writing "0".
        ReportNonCanonicalInt64(field, member, reading.value, sink);
      }
      return;
    }
    case IntegerReading::Verdict::kOverflow:
      ReportOverflow(field, member, sink);
      return;
    case IntegerReading::Verdict::kNotPortable:
      // The portable spelling is the value in quotes, "\"1\"" for "0x1".
      if (reading.portable.size() > 2) {
        const std::string_view digits =
            std::string_view(reading.portable)
                .substr(1, reading.portable.size() - 2);
        const IntegerReading meant = ReadInt64String(digits);
        if (meant.verdict == IntegerReading::Verdict::kAccepted) {
          value.lenient_number = meant.value;
        }
      }
      ReportNotPortable(field, member, reading.disagreement, reading.portable,
                        sink);
      return;
    case IntegerReading::Verdict::kNotInteger:
      break;
  }
  ReportNotInteger(field, member, value, sink);
}

}  // namespace

std::string ShowValue(const RawValue& raw) {
  if (raw.kind != ValueKind::kString) {
    std::string shown = QuoteForMessage(raw.text);
    return shown.substr(1, shown.size() - 2);
  }
  return raw.text.empty() ? std::string("an empty string")
                          : QuoteForMessage(raw.text);
}

std::string Code(const FieldDecl& field, std::string_view problem) {
  std::string code;
  code.reserve(field.code_prefix.size() + 1 + problem.size());
  code.append(field.code_prefix).append(1, '.').append(problem);
  return code;
}

std::string SettingsCount(size_t settings) {
  return settings == 2
             ? std::string("twice")
             : WithThousands(static_cast<int64_t>(settings)) + " times";
}

std::string_view KeepOneHint(size_t settings) {
  // Three settings leave more than one to remove.
  return settings == 2 ? "Keep one of the two and remove the other."
                       : "Keep one of them and remove the others.";
}

SEGFORM_COLD void ReportDuplicate(std::string_view first_key,
                                  std::string_view name,
                                  const RawMember& member, size_t settings,
                                  FindingSink& sink) {
  std::string path = MemberPointer(member.key);
  if (sink.CutByCap(Severity::kError, member.key_span, path)) return;
  const std::string count = SettingsCount(settings);
  std::string message;
  if (first_key == member.key) {
    message = Format("{} is set {}", {Quoted(name), count});
  } else {
    // Two settings are both named, and of more, the first and this one.
    message =
        Format(settings == 2 ? "{} is set {}, as {} and as {}"
                             : "{} is set {}, first as {} and here as {}",
               {Quoted(name), count, Quoted(first_key), Quoted(member.key)});
  }
  Finding& finding = sink.Add(
      Severity::kError, "field.duplicate", std::move(path), member.key_span,
      std::move(message), std::string(KeepOneHint(settings)));
  finding.params.Set(Param::kFirst, first_key);
  finding.params.Set(Param::kSecond, member.key);
}

// Reads a member's value into `value`, whose member and decl are set,
// reporting a value of the wrong JSON type.
void ReadValue(const FieldDecl& field, const RawMember& member,
               const ValidateOptions& options, FieldValue& value,
               FindingSink& sink) {
  switch (field.kind) {
    case FieldKind::kEnum:
      ReadEnum(field, member, options.ignore_unknown_fields, value, sink);
      break;
    case FieldKind::kInt64:
      ReadInt64(field, member, value, sink);
      break;
    case FieldKind::kString:
      if (member.value.kind == ValueKind::kString) {
        value.string = member.value.text;
      } else {
        ReportWrongType(field, member, sink);
      }
      break;
    case FieldKind::kMessage:
      // No message-typed field is declared yet; a nested object is read
      // only as its span.
      if (member.value.kind != ValueKind::kObject) {
        ReportWrongType(field, member, sink);
      }
      break;
  }
}

namespace {

// Returns how many members of the document set each field of the message,
// by the field's index.
std::vector<size_t> CountSettings(const MessageDecl& message,
                                  const RawDocument& document) {
  std::vector<size_t> settings(message.fields.size());
  for (const RawMember& member : document.members) {
    if (const FieldDecl* field = message.FindField(member.key)) {
      ++settings[static_cast<size_t>(field - message.fields.data())];
    }
  }
  return settings;
}

}  // namespace

FieldValues ReadFields(const MessageDecl& message, const RawDocument& document,
                       const ValidateOptions& options,
                       bool suggest_pipeline_key, FindingSink& sink) {
  const Severity unknown_severity =
      options.ignore_unknown_fields ? Severity::kWarning : Severity::kError;
  KeySet unknown_keys;
  // One slot per declared field. A slot's member is the field's first
  // member, set even when its value is null. Its decl is set only when the
  // field counts as present.
  std::vector<FieldValue> values(message.fields.size());
  std::vector<FieldValue> repeated;
  // How many members set each field, counted at the first field set twice,
  // since each report of a field set again gives the count.
  std::vector<size_t> settings;
  // Unknown keys are reported in a second pass, once every field present
  // is known, so that no suggestion names a field set later in the object.
  bool has_unknown = false;
  for (const RawMember& member : document.members) {
    const FieldDecl* field = message.FindField(member.key);
    if (field == nullptr) {
      has_unknown = true;
      continue;
    }
    const size_t index = static_cast<size_t>(field - message.fields.data());
    FieldValue& value = values[index];
    if (const RawMember* first = value.member) {
      // The first setting is in `values`, the later ones in `repeated`.
      if (settings.empty()) settings = CountSettings(message, document);
      ReportDuplicate(first->key, field->json_name, member, settings[index],
                      sink);
      // A field first set to null is present once set again, and a null
      // set again is kept too: the rules compare the model types the
      // values stand for, null as the default.
      value.decl = field;
      FieldValue& again = repeated.emplace_back();
      again.decl = field;
      again.member = &member;
      if (member.value.kind != ValueKind::kNull) {
        ReadValue(*field, member, options, again, sink);
      }
      continue;
    }
    value.member = &member;
    if (member.value.kind == ValueKind::kNull) continue;

    value.decl = field;
    ReadValue(*field, member, options, value, sink);
  }

  if (has_unknown) {
    std::vector<std::string_view> candidates = FieldNames(message);
    if (suggest_pipeline_key) {
      candidates.push_back(kPipelineInputsKey);
      candidates.push_back(kCreatePipelineKey);
    }
    std::vector<std::string_view> set(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].member != nullptr) set[i] = values[i].member->key;
    }
    std::map<std::string_view, std::string_view> suggested;
    // How many times each unknown key is set, counted at the first key set
    // twice.
    std::map<std::string_view, size_t> key_settings;
    for (const RawMember& member : document.members) {
      if (message.FindField(member.key) != nullptr) continue;
      if (!unknown_keys.Insert(member.key)) {
        if (key_settings.empty()) {
          for (const RawMember& other : document.members) {
            if (message.FindField(other.key) == nullptr) {
              ++key_settings[other.key];
            }
          }
        }
        ReportDuplicate(member.key, member.key, member,
                        key_settings[member.key], sink);
      } else if (!options.ignore_unknown_fields ||
                 !ReportUnignorableField(message, document, member, sink)) {
        ReportUnknownField(message, member, unknown_severity, candidates, set,
                           suggested, suggest_pipeline_key, sink);
      }
    }
  }

  values.erase(std::remove_if(values.begin(), values.end(),
                              [](const FieldValue& value) {
                                return value.decl == nullptr;
                              }),
               values.end());
  return {std::move(values), std::move(repeated)};
}

}  // namespace segform::internal
