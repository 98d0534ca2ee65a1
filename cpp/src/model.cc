// Canonical proto3 JSON output of ImageSegmentationInputs.

#include "segform/segform.h"

namespace segform {

nlohmann::ordered_json ImageSegmentationInputs::ToJson() const {
  // Field names and order come from the declaration. proto3 JSON leaves out
  // fields at their zero value, which the service reads as unset.
  const std::vector<FieldDecl>& fields = ImageSegmentationInputsDecl().fields;
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const FieldDecl& field : fields) {
    const std::string key(field.json_name);
    if (field.json_name == "modelType" && model_type.value_or(0) != 0) {
      const EnumValueDecl* known = field.enum_type->FindByNumber(*model_type);
      // An enum number without a name is written as the number.
      if (known != nullptr) {
        object[key] = known->name;
      } else {
        object[key] = *model_type;
      }
    } else if (field.json_name == "budgetMilliNodeHours" &&
               budget_milli_node_hours.value_or(0) != 0) {
      // proto3 JSON writes int64 as a string, since JSON numbers are often
      // read as doubles, which hold integers exactly only up to 2^53.
      object[key] = std::to_string(*budget_milli_node_hours);
    } else if (field.json_name == "baseModelId" &&
               !base_model_id.value_or("").empty()) {
      object[key] = *base_model_id;
    }
  }
  return object;
}

std::string ImageSegmentationInputs::ToJsonText(int indent) const {
  return ToJson().dump(indent, ' ', false,
                       nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace segform
