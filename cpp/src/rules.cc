// The rules of AutoMlImageSegmentationInputs that the JSON types alone do
// not express: the model type's meaning, the training budget's range for
// that type, and the form of a base model ID.

#include <algorithm>
#include <string>

#include "internal.h"

namespace segform::internal {
namespace {

const FieldValue* FindValue(const std::vector<FieldValue>& fields,
                            std::string_view json_name) {
  for (const FieldValue& value : fields) {
    if (value.decl->json_name == json_name) return &value;
  }
  return nullptr;
}

std::string WithThousands(int64_t number) {
  std::string digits = std::to_string(number);
  const size_t first_digit = digits[0] == '-' ? 1 : 0;
  for (size_t i = digits.size(); i > first_digit + 3; i -= 3) {
    digits.insert(i - 3, ",");
  }
  return digits;
}

void CheckModelType(const FieldValue& model_type, FindingSink& sink) {
  if (!model_type.number) return;
  const FieldDecl& field = *model_type.decl;
  const RawMember& member = *model_type.member;
  const EnumValueDecl* known =
      field.enum_type->FindByNumber(*model_type.number);
  if (known == nullptr) {
    Finding& finding = sink.Add(
        Severity::kError, std::string(field.code_prefix) + ".unknown_number",
        MemberPointer(member.key), member.value.span,
        "model type number " + std::to_string(*model_type.number) +
            " is not one the service knows",
        "Write the model type by name, e.g. \"" +
            std::string(field.service_default) + "\".");
    finding.params["actual"] = *model_type.number;
    return;
  }
  if (known->number == 0) {
    Finding& finding = sink.Add(
        Severity::kWarning, std::string(field.code_prefix) + ".unspecified",
        MemberPointer(member.key), member.value.span,
        std::string(known->name) +
            " should not be set; the service trains " +
            std::string(field.service_default) + " instead",
        "Choose a model type, or leave the field out.");
    finding.params["actual"] = known->name;
    finding.params["effective"] = field.service_default;
  }
}

// Returns the enum name the service will use for the selector field: its
// default when the field is absent or at its zero value, or an empty view
// when the input's value is not a known one.
std::string_view EffectiveSelector(const std::vector<FieldValue>& fields,
                                   const MessageDecl& message,
                                   std::string_view selector_json_name) {
  const FieldDecl* selector = message.FindField(selector_json_name);
  const FieldValue* value = FindValue(fields, selector_json_name);
  const int64_t number = value == nullptr ? 0 : value->number.value_or(-1);
  if (number == 0) return selector->service_default;
  const EnumValueDecl* known = selector->enum_type->FindByNumber(number);
  return known == nullptr ? std::string_view() : known->name;
}

void CheckBudget(const std::vector<FieldValue>& fields,
                 const FieldValue& budget, FindingSink& sink) {
  if (!budget.number) return;
  const FieldDecl& field = *budget.decl;
  const RawMember& member = *budget.member;
  const std::string pointer = MemberPointer(member.key);
  const std::string code_prefix(field.code_prefix);
  const int64_t value = *budget.number;

  if (value < 0) {
    Finding& finding = sink.Add(
        Severity::kError, code_prefix + ".negative", pointer,
        member.value.span,
        std::string(field.json_name) + " must not be negative; got " +
            WithThousands(value),
        "Give the budget in milli node hours; 1,000 is one node hour.");
    finding.params["actual"] = std::to_string(value);
    return;
  }
  if (value == 0) {
    // proto3 does not tell 0 from unset, so the service applies its default.
    Finding& finding = sink.Add(
        Severity::kWarning, code_prefix + ".zero", pointer, member.value.span,
        "a budget of 0 counts as not set; the default of " +
            WithThousands(std::stoll(std::string(field.service_default))) +
            " applies",
        "Leave the field out to use the default, or give a budget.");
    finding.params["default"] = field.service_default;
    return;
  }

  const ConditionalRange& range = *field.range;
  const std::string_view model_type = EffectiveSelector(
      fields, ImageSegmentationInputsDecl(), range.selector_json_name);
  if (model_type.empty()) return;  // an unknown model type is reported already
  const bool range_applies =
      std::find(range.selector_values.begin(), range.selector_values.end(),
                model_type) != range.selector_values.end();
  if (!range_applies) {
    Finding& finding = sink.Add(
        Severity::kInfo, code_prefix + ".range_not_checked", pointer,
        member.value.span,
        "no budget range is documented for " + std::string(model_type) +
            "; the service checks it when training starts");
    finding.params["modelType"] = model_type;
    return;
  }
  if (value < range.min || value > range.max) {
    Finding& finding = sink.Add(
        Severity::kError, code_prefix + ".out_of_range", pointer,
        member.value.span,
        std::string(field.json_name) + " must be between " +
            WithThousands(range.min) + " and " + WithThousands(range.max) +
            " for " + std::string(model_type) + "; got " +
            WithThousands(value),
        "Give a budget from " + WithThousands(range.min) + " to " +
            WithThousands(range.max) + " milli node hours (" +
            WithThousands(range.min / field.units_per_display_unit) + " to " +
            WithThousands(range.max / field.units_per_display_unit) + " " +
            std::string(field.display_unit) + ").");
    finding.params["min"] = std::to_string(range.min);
    finding.params["max"] = std::to_string(range.max);
    finding.params["actual"] = std::to_string(value);
    finding.params["modelType"] = model_type;
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

void CheckBaseModelId(const FieldValue& base_model_id, FindingSink& sink) {
  if (!base_model_id.string || base_model_id.string->empty()) return;
  const FieldDecl& field = *base_model_id.decl;
  const RawMember& member = *base_model_id.member;
  const std::string pointer = MemberPointer(member.key);
  const std::string code_prefix(field.code_prefix);
  const std::string& id = *base_model_id.string;

  const size_t first = id.find_first_not_of(" \t\r\n");
  const size_t last = id.find_last_not_of(" \t\r\n");
  if (first != 0 || last != id.size() - 1) {
    const std::string trimmed =
        first == std::string::npos ? "" : id.substr(first, last - first + 1);
    Finding& finding = sink.Add(
        Severity::kError, code_prefix + ".whitespace", pointer,
        member.value.span,
        "baseModelId has spaces at its start or end: " + QuoteForMessage(id),
        trimmed.empty() ? "Clear the field to train from scratch."
                        : "Use " + QuoteForMessage(trimmed) + ".");
    finding.params["actual"] = id;
    finding.params["suggestion"] = trimmed;
    return;
  }

  const size_t models = id.rfind("models/");
  if (id.find('/') != std::string::npos && models != std::string::npos) {
    const std::string suggestion = id.substr(models + 7);
    Finding& finding = sink.Add(
        Severity::kError, code_prefix + ".resource_name", pointer,
        member.value.span,
        "baseModelId must be a model ID, not a resource name; got " +
            QuoteForMessage(id),
        suggestion.empty() ? "Give only the model's ID."
                           : "Use the ID alone: " +
                                 QuoteForMessage(suggestion) + ".");
    finding.params["actual"] = id;
    finding.params["suggestion"] = suggestion;
    return;
  }

  if (!IsGeneratedId(id) && !IsUserId(id)) {
    Finding& finding = sink.Add(
        Severity::kError, code_prefix + ".invalid", pointer,
        member.value.span,
        "baseModelId must be 1 to 19 digits, or 1 to 63 of a-z, 0-9, _ and "
        "- starting with a letter or _; got " +
            QuoteForMessage(id),
        "Copy the model's ID from the Model Registry.");
    finding.params["actual"] = id;
  }
}

}  // namespace

void CheckSegmentationRules(const std::vector<FieldValue>& fields,
                            FindingSink& sink) {
  if (const FieldValue* model_type = FindValue(fields, "modelType")) {
    CheckModelType(*model_type, sink);
  }
  if (const FieldValue* budget = FindValue(fields, "budgetMilliNodeHours")) {
    CheckBudget(fields, *budget, sink);
  }
  if (const FieldValue* base_model_id = FindValue(fields, "baseModelId")) {
    CheckBaseModelId(*base_model_id, sink);
  }
}

}  // namespace segform::internal
