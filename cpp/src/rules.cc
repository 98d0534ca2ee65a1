// The rules of AutoMlImageSegmentationInputs that the JSON types alone do
// not express: the model type's meaning, the training budget's range for
// that type, and the form of a base model ID.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "internal.h"

namespace segform::internal {
namespace {

// The declarations the rules read, found by name once rather than on every
// call.
struct RuleFields {
  const FieldDecl* model_type;
  const FieldDecl* budget;
  const FieldDecl* base_model_id;
  const FieldDecl* budget_selector;  // the field the budget's range follows
};

const RuleFields& Fields() {
  static const RuleFields fields = [] {
    const MessageDecl& message = ImageSegmentationInputsDecl();
    const FieldDecl* budget = message.FindField("budgetMilliNodeHours");
    return RuleFields{message.FindField("modelType"), budget,
                      message.FindField("baseModelId"),
                      message.FindField(budget->range->selector_json_name)};
  }();
  return fields;
}

const FieldValue* FindValue(const std::vector<FieldValue>& fields,
                            const FieldDecl* decl) {
  for (const FieldValue& value : fields) {
    if (value.decl == decl) return &value;
  }
  return nullptr;
}

SEGFORM_COLD void ReportUnknownModelType(const FieldValue& model_type,
                                         FindingSink& sink) {
  const FieldDecl& field = *model_type.decl;
  const RawMember& member = *model_type.member;
  Finding& finding =
      sink.Add(Severity::kError, Code(field, "unknown_number"),
               MemberPointer(member.key), member.value.span,
               Format("modelType {} is not a known model type number",
                      {std::to_string(*model_type.number)}),
               EnumNameHint(field));
  finding.params.Set(Param::kActual, std::to_string(*model_type.number));
}

SEGFORM_COLD void ReportUnspecifiedModelType(const FieldValue& model_type,
                                             const EnumValueDecl& known,
                                             FindingSink& sink) {
  const FieldDecl& field = *model_type.decl;
  const RawMember& member = *model_type.member;
  // A 0 or a string of digits read as 0 is named, so the message gives
  // what the value means.
  const bool is_name = member.value.kind == ValueKind::kString &&
                       member.value.text == known.name;
  Finding& finding = sink.Add(
      Severity::kWarning, Code(field, "unspecified"), MemberPointer(member.key),
      member.value.span,
      is_name ? Format("{} should not be set; the service trains {} instead",
                       {known.name, field.service_default})
              : Format("{} {} is read as {}, which should not be set; the "
                       "service trains {} instead",
                       {field.json_name, ShowValue(member.value), known.name,
                        field.service_default}),
      "Choose a model type, or leave the field out.");
  finding.params.Set(Param::kActual, known.name);
  finding.params.Set(Param::kEffective, field.service_default);
}

void CheckModelType(const FieldValue& model_type, FindingSink& sink) {
  if (!model_type.number) return;
  const EnumValueDecl* known =
      model_type.decl->enum_type->FindByNumber(*model_type.number);
  if (known == nullptr) {
    ReportUnknownModelType(model_type, sink);
  } else if (known->number == 0) {
    ReportUnspecifiedModelType(model_type, *known, sink);
  }
}

// Returns the enum name the service will use for one value of the selector
// field: its default for null or the zero value, or an empty view when the
// value is not a known one. A spelling only Python reads counts as what
// Python reads.
std::string_view EffectiveName(const FieldDecl& selector,
                               const FieldValue& value) {
  const int64_t number =
      value.member->value.kind == ValueKind::kNull
          ? 0
          : value.number.value_or(value.lenient_number.value_or(-1));
  if (number == 0) return selector.service_default;
  const EnumValueDecl* known = selector.enum_type->FindByNumber(number);
  return known == nullptr ? std::string_view() : known->name;
}

// The model types a budget is checked against.
struct SelectorNames {
  // The enum name the service uses for the selector field: its default when
  // the field is absent, otherwise the name that every value of it means.
  // Empty when a value is unknown or two values disagree.
  std::string_view effective;
  // The field is absent or null, so `effective` is its default, which a
  // message names as such.
  bool absent = false;
  // When two values mean different names, each known name once, in text
  // order, because the user may keep either value.
  std::vector<std::string_view> candidates;
};

SelectorNames ReadSelector(const FieldValues& values,
                           const FieldDecl& selector) {
  // The first slot of a field first set to null and then set again is
  // present, so FindValue finds it.
  const FieldValue* first = FindValue(values.first, &selector);
  if (first == nullptr) return {selector.service_default, true, {}};
  const std::string_view name = EffectiveName(selector, *first);
  SelectorNames names{name, false, {}};
  for (const FieldValue& again : values.repeated) {
    if (again.decl != &selector) continue;
    const std::string_view repeated_name = EffectiveName(selector, again);
    if (repeated_name == name) continue;
    if (names.candidates.empty() && !name.empty()) {
      names.candidates.push_back(name);
    }
    // Each name is added once, so the list is no longer than the enum
    // however many times the field is given.
    if (!repeated_name.empty() &&
        std::find(names.candidates.begin(), names.candidates.end(),
                  repeated_name) == names.candidates.end()) {
      names.candidates.push_back(repeated_name);
    }
    names.effective = {};
  }
  return names;
}

// Returns true when the budget's documented range, and its documented
// default, apply to the model type.
bool RangeApplies(const ConditionalRange& range, std::string_view model_type) {
  return std::find(range.selector_values.begin(), range.selector_values.end(),
                   model_type) != range.selector_values.end();
}

SEGFORM_COLD void ReportRangeNotChecked(std::string_view model_type,
                                        const FieldValue& budget,
                                        FindingSink& sink) {
  const FieldDecl& field = *budget.decl;
  const RawMember& member = *budget.member;
  Finding& finding = sink.Add(
      Severity::kInfo, Code(field, "range_not_checked"),
      MemberPointer(member.key), member.value.span,
      Format("no budget range is documented for {}; the service checks "
             "it when training starts",
             {model_type}));
  finding.params.Set(Param::kModelType, model_type);
}

// Reports a budget outside the range of model_type, which is the model
// type field's default when default_type is true.
SEGFORM_COLD void ReportBudgetOutOfRange(std::string_view model_type,
                                         bool default_type,
                                         const FieldValue& budget,
                                         int64_t value, FindingSink& sink) {
  const FieldDecl& field = *budget.decl;
  const RawMember& member = *budget.member;
  const ConditionalRange& range = *field.range;
  const std::string type_shown =
      default_type ? Format("{}, the model type when {} is not set",
                            {model_type, range.selector_json_name})
                   : std::string(model_type);
  Finding& finding = sink.Add(
      Severity::kError, Code(field, "out_of_range"), MemberPointer(member.key),
      member.value.span,
      Format("{} must be between {} and {} for {}; got {}",
             {field.json_name, WithThousands(range.min),
              WithThousands(range.max), type_shown, WithThousands(value)}),
      Format("Give a budget from {} to {} milli node hours ({} to {} {}).",
             {WithThousands(range.min), WithThousands(range.max),
              WithThousands(range.min / field.units_per_display_unit),
              WithThousands(range.max / field.units_per_display_unit),
              field.display_unit}));
  finding.params.Set(Param::kMin, std::to_string(range.min));
  finding.params.Set(Param::kMax, std::to_string(range.max));
  finding.params.Set(Param::kActual, std::to_string(value));
  finding.params.Set(Param::kModelType, model_type);
}

// Checks a budget above 0 against the range of the model type in effect,
// and notes a model type whose range is not documented if note_unchecked.
// default_type is true when the model type is the field's default.
void CheckBudgetRange(std::string_view model_type, bool default_type,
                      const FieldValue& budget, int64_t value,
                      bool note_unchecked, FindingSink& sink) {
  const ConditionalRange& range = *budget.decl->range;
  if (model_type.empty()) return;  // an unknown model type is reported already
  if (!RangeApplies(range, model_type)) {
    if (note_unchecked) ReportRangeNotChecked(model_type, budget, sink);
    return;
  }
  if (value < range.min || value > range.max) {
    ReportBudgetOutOfRange(model_type, default_type, budget, value, sink);
  }
}

SEGFORM_COLD void ReportNegativeBudget(const FieldValue& budget, int64_t value,
                                       FindingSink& sink) {
  const FieldDecl& field = *budget.decl;
  const RawMember& member = *budget.member;
  Finding& finding =
      sink.Add(Severity::kError, Code(field, "negative"),
               MemberPointer(member.key), member.value.span,
               Format("{} must not be negative; got {}",
                      {field.json_name, WithThousands(value)}),
               "Give the budget in milli node hours; 1,000 is one node hour.");
  finding.params.Set(Param::kActual, std::to_string(value));
}

SEGFORM_COLD void ReportZeroBudget(std::string_view model_type,
                                   const FieldValue& budget,
                                   FindingSink& sink) {
  const FieldDecl& field = *budget.decl;
  const RawMember& member = *budget.member;
  // proto3 does not tell 0 from unset, so the service applies its default.
  // The schema documents that default only for the model types its range
  // is documented for, so for another type it is not named.
  const bool documented = RangeApplies(*field.range, model_type);
  Finding& finding = sink.Add(
      Severity::kWarning, Code(field, "zero"), MemberPointer(member.key),
      member.value.span,
      documented ? Format("a budget of 0 counts as not set; the default of {} "
                          "applies",
                          {WithThousands(std::string(field.service_default))})
      : model_type.empty()
          ? std::string("a budget of 0 counts as not set; the service "
                        "applies its default")
          : Format("a budget of 0 counts as not set; the service applies "
                   "its default for {}, which is not documented",
                   {model_type}),
      "Leave the field out to use the default, or give a budget.");
  if (documented) {
    finding.params.Set(Param::kDefault, field.service_default);
  } else if (!model_type.empty()) {
    finding.params.Set(Param::kModelType, model_type);
  }
}

// Checks a budget against the model type in effect, or against each
// candidate type when the model type's values disagree.
void CheckBudget(const SelectorNames& model_types, const FieldValue& budget,
                 FindingSink& sink) {
  const std::string_view model_type = model_types.effective;
  // A spelling that one parser reads, or none ("0x1", " 5000", "5 000"),
  // is an error of its own, whose hint gives the value to write. That value
  // is checked too, so that writing it brings up no new error. A 0 needs no
  // more, because that hint explains what 0 means. A range that is not
  // documented needs no note beside an error.
  const bool lenient = !budget.number;
  if (lenient && !budget.lenient_number) return;
  const int64_t value = lenient ? *budget.lenient_number : *budget.number;

  if (value < 0) {
    ReportNegativeBudget(budget, value, sink);
    return;
  }
  if (value == 0) {
    if (!lenient) ReportZeroBudget(model_type, budget, sink);
    return;
  }
  if (model_types.candidates.empty()) {
    CheckBudgetRange(model_type, model_types.absent, budget, value, !lenient,
                     sink);
    return;
  }
  // Keeping either model type must bring up no new error, so the budget
  // gets the error of each type it fails. A type without a documented range
  // gets its note only once it is the one model type.
  for (const std::string_view each : model_types.candidates) {
    CheckBudgetRange(each, false, budget, value, false, sink);
  }
}

bool IsGeneratedId(std::string_view id) {
  return !id.empty() && id.size() <= 19 &&
         std::all_of(id.begin(), id.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool IsUserId(std::string_view id) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  };
  return !id.empty() && id.size() <= 63 &&
         ((id[0] >= 'a' && id[0] <= 'z') || id[0] == '_') &&
         std::all_of(id.begin(), id.end(), allowed);
}

bool IsModelId(std::string_view id) {
  return IsGeneratedId(id) || IsUserId(id);
}

// Returns the length of the space character at text[i], or 0. Besides ASCII
// white space this matches the Unicode spaces that copying from a web page or
// a document tends to bring along (no-break, en to zero-width, ideographic,
// and the byte-order mark).
size_t SpaceLength(std::string_view text, size_t i) {
  static constexpr std::string_view kUnicodeSpaces[] = {
      "\xC2\xA0",     "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
      "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
      "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A",
      "\xE2\x80\x8B", "\xE2\x80\xAF", "\xE3\x80\x80", "\xEF\xBB\xBF",
  };
  if (std::string_view(" \t\r\n\v\f").find(text[i]) != std::string_view::npos) {
    return 1;
  }
  for (std::string_view space : kUnicodeSpaces) {
    if (text.substr(i, space.size()) == space) return space.size();
  }
  return 0;
}

// Returns the text without the spaces at its start and end, as a view of
// the same characters.
std::string_view TrimSpaces(std::string_view text) {
  // Each space above is a byte up to 0x20 or starts and ends with bytes from
  // 0x80, so printable ASCII at both ends means there is nothing to trim.
  const auto printable = [](char c) { return c > 0x20 && c < 0x7F; };
  if (!text.empty() && printable(text.front()) && printable(text.back())) {
    return text;
  }
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t length = SpaceLength(text, begin);
    if (length == 0) break;
    begin += length;
  }
  size_t end = text.size();
  while (end > begin) {
    // Try each length a space can have, ending at end.
    size_t length = 0;
    for (size_t candidate = 1; candidate <= 3 && candidate <= end - begin;
         ++candidate) {
      if (SpaceLength(text, end - candidate) == candidate) length = candidate;
    }
    if (length == 0) break;
    end -= length;
  }
  return text.substr(begin, end - begin);
}

// Returns the model ID inside a resource name such as
// "projects/p/locations/l/models/123" or ".../models/123@2" (a version),
// or an empty view when the text has no "models/" part.
std::string_view IdFromResourceName(std::string_view text) {
  const size_t models = text.rfind("models/");
  if (models == std::string_view::npos) return {};
  const std::string_view id = text.substr(models + 7);
  return id.substr(0, id.find_first_of("/@"));
}

bool IsResourceName(std::string_view text) {
  return text.rfind("models/", 0) == 0 ||
         text.find("/models/") != std::string_view::npos;
}

// Returns the offset of the first byte that is not a-z, 0-9, _ or -, or
// npos when every byte is one of them.
size_t FirstNotInModelId(std::string_view id) {
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                         c == '_' || c == '-';
    if (!allowed) return i;
  }
  return std::string_view::npos;
}

// Reports spaces around a model ID. Returns true when nothing else is wrong
// with the ID without them.
SEGFORM_COLD bool ReportSpacesAroundId(const FieldValue& base_model_id,
                                       std::string_view trimmed,
                                       FindingSink& sink) {
  const FieldDecl& field = *base_model_id.decl;
  const RawMember& member = *base_model_id.member;
  const std::string_view id = *base_model_id.string;
  const std::string_view suggestion =
      IsResourceName(trimmed) ? IdFromResourceName(trimmed) : trimmed;
  std::string hint = "Remove the spaces at the start and end.";
  if (trimmed.empty()) {
    hint = "Clear the field to train from scratch.";
  } else if (IsModelId(suggestion)) {
    // A model ID has only a-z, 0-9, _ and -, so it needs no escapes, and
    // it is shown whole, since a cut ID could not be used as it is.
    hint = Format("Use \"{}\".", {suggestion});
  }
  Finding& finding = sink.Add(
      Severity::kError, Code(field, "whitespace"), MemberPointer(member.key),
      member.value.span,
      Format("baseModelId has spaces at its start or end: {}", {Quoted(id)}),
      std::move(hint));
  finding.params.Set(Param::kActual, id);
  if (trimmed.empty() || IsModelId(suggestion)) {
    if (!trimmed.empty()) finding.params.Set(Param::kSuggestion, suggestion);
    return true;
  }
  return false;
}

SEGFORM_COLD void ReportResourceNameAsId(const FieldValue& base_model_id,
                                         std::string_view id,
                                         FindingSink& sink) {
  const FieldDecl& field = *base_model_id.decl;
  const RawMember& member = *base_model_id.member;
  const std::string_view suggestion = IdFromResourceName(id);
  Finding& finding = sink.Add(
      Severity::kError, Code(field, "resource_name"), MemberPointer(member.key),
      member.value.span,
      Format("baseModelId must be a model ID, not a resource name; got {}",
             {Quoted(id)}),
      IsModelId(suggestion)
          ? Format("Use the ID alone: \"{}\".", {suggestion})
          : "Give only the model's ID, the part after \"models/\".");
  finding.params.Set(Param::kActual, id);
  if (IsModelId(suggestion)) finding.params.Set(Param::kSuggestion, suggestion);
}

SEGFORM_COLD void ReportInvalidId(const FieldValue& base_model_id,
                                  std::string_view id, FindingSink& sink) {
  const FieldDecl& field = *base_model_id.decl;
  const RawMember& member = *base_model_id.member;
  // The message quotes at most 40 characters, so it gives the length of
  // a longer ID, which may be all that is wrong with it.
  size_t characters = 0;
  for (const char c : id)
    characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  std::string length =
      characters > 19
          ? Format(" ({} characters)",
                   {WithThousands(static_cast<int64_t>(characters))})
          : "";
  // The quote may be cut before the first character that no ID can have,
  // or show it as an escape among others, so it is named on its own.
  const size_t bad = FirstNotInModelId(id);
  if (bad != std::string_view::npos) {
    size_t position = 1;
    for (size_t i = 0; i < bad; ++i) {
      position += (static_cast<unsigned char>(id[i]) & 0xC0) != 0x80;
    }
    const size_t bytes = std::max<size_t>(1, Utf8SequenceLength(id, bad));
    length += Format(", and its character {}, {}, is not allowed",
                     {WithThousands(static_cast<int64_t>(position)),
                      Quoted(id.substr(bad, bytes))});
  } else if (!id.empty() && !((id[0] >= 'a' && id[0] <= 'z') || id[0] == '_') &&
             !std::all_of(id.begin(), id.end(), IsAsciiDigit)) {
    // Every character is allowed, so the first is in the wrong place: a
    // digit or '-' before letters.
    length += Format(", which starts with {} and is not all digits",
                     {Quoted(id.substr(0, 1))});
  }
  Finding& finding = sink.Add(
      Severity::kError, Code(field, "invalid"), MemberPointer(member.key),
      member.value.span,
      Format("baseModelId must be 1 to 19 digits, or 1 to 63 of a-z, 0-9, "
             "_ and - starting with a letter or _; got {}{}",
             {Quoted(id), length}),
      "Copy the model's ID from the Model Registry.");
  finding.params.Set(Param::kActual, id);
}

void CheckBaseModelId(const FieldValue& base_model_id, FindingSink& sink) {
  if (!base_model_id.string || base_model_id.string->empty()) return;
  std::string_view id = *base_model_id.string;

  const std::string_view trimmed = TrimSpaces(id);
  if (trimmed != id) {
    if (ReportSpacesAroundId(base_model_id, trimmed, sink)) return;
    // Removing the spaces would not be enough, so what is wrong with the
    // rest is reported too, instead of after the next edit.
    id = trimmed;
  }
  if (IsResourceName(id)) {
    ReportResourceNameAsId(base_model_id, id, sink);
  } else if (!IsModelId(id)) {
    ReportInvalidId(base_model_id, id, sink);
  }
}

}  // namespace

void CheckSegmentationRules(const FieldValues& values, FindingSink& sink) {
  const SelectorNames model_types =
      ReadSelector(values, *Fields().budget_selector);
  const auto check = [&](const FieldValue& value) {
    if (value.member->value.kind == ValueKind::kNull) return;
    if (value.decl == Fields().model_type) {
      CheckModelType(value, sink);
    } else if (value.decl == Fields().budget) {
      CheckBudget(model_types, value, sink);
    } else if (value.decl == Fields().base_model_id) {
      CheckBaseModelId(value, sink);
    }
  };
  for (const FieldValue& value : values.first) check(value);
  for (const FieldValue& value : values.repeated) check(value);
}

}  // namespace segform::internal
