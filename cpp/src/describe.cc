// Declarations as JSON, for the page's form, the checker's `fields` command
// and the generated docs.

#include "segform/segform.h"

namespace segform {
namespace {

std::string_view FieldKindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::kEnum:
      return "enum";
    case FieldKind::kInt64:
      return "int64";
    case FieldKind::kString:
      return "string";
    case FieldKind::kMessage:
      return "message";
  }
  return "string";
}

nlohmann::ordered_json DescribeField(const FieldDecl& field) {
  nlohmann::ordered_json object;
  object["jsonName"] = field.json_name;
  object["protoName"] = field.proto_name;
  object["kind"] = FieldKindName(field.kind);
  object["label"] = field.label;
  object["description"] = field.description;
  object["serviceDefault"] = field.service_default;
  if (field.enum_type != nullptr) {
    object["enumName"] = field.enum_type->name;
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const EnumValueDecl& value : field.enum_type->values) {
      values.push_back({{"name", value.name},
                        {"number", value.number},
                        {"description", value.description}});
    }
    object["values"] = std::move(values);
  }
  if (field.message_type != nullptr) {
    object["messageName"] = field.message_type->name;
  }
  if (field.range) {
    // int64 limits are strings, as proto3 JSON writes int64.
    object["range"] = {
        {"min", std::to_string(field.range->min)},
        {"max", std::to_string(field.range->max)},
        {"selector", field.range->selector_json_name},
        {"selectorValues", field.range->selector_values},
    };
  }
  if (field.units_per_display_unit != 0) {
    object["unitsPerDisplayUnit"] = field.units_per_display_unit;
    object["displayUnit"] = field.display_unit;
    object["referenceNodeCount"] = kReferenceNodeCount;
  }
  return object;
}

}  // namespace

nlohmann::ordered_json DescribeMessage(const MessageDecl& message) {
  nlohmann::ordered_json object;
  object["name"] = message.name;
  object["fullName"] = message.full_name;
  object["schemaUri"] = message.schema_uri;
  object["description"] = message.description;
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const FieldDecl& field : message.fields) {
    fields.push_back(DescribeField(field));
  }
  object["fields"] = std::move(fields);
  return object;
}

}  // namespace segform
