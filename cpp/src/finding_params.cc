// FindingParams: the named values behind a finding's message.

#include "segform/segform.h"

namespace segform {

ParamValue& FindingParams::Slot(Param param, ParamValue::Kind kind) {
  for (Entry& entry : entries_) {
    if (entry.first == param) {
      entry.second = ParamValue();
      entry.second.kind = kind;
      return entry.second;
    }
  }
  // No finding has more than four params today, so the first one makes
  // room for four instead of growing the vector one entry at a time.
  if (entries_.empty()) entries_.reserve(4);
  Entry& entry = entries_.emplace_back();
  entry.first = param;
  entry.second.kind = kind;
  return entry.second;
}

void FindingParams::Set(Param param, std::string_view text) {
  Slot(param, ParamValue::Kind::kString).text = std::string(text);
}

void FindingParams::Set(Param param, int64_t integer) {
  Slot(param, ParamValue::Kind::kInteger).integer = integer;
}

void FindingParams::Set(Param param, std::vector<std::string_view> names) {
  Slot(param, ParamValue::Kind::kNameList).names = std::move(names);
}

const ParamValue* FindingParams::Find(Param param) const {
  for (const Entry& entry : entries_) {
    if (entry.first == param) return &entry.second;
  }
  return nullptr;
}

nlohmann::ordered_json FindingParams::ToJson() const {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [param, value] : entries_) {
    nlohmann::ordered_json& slot = object[std::string(ParamName(param))];
    switch (value.kind) {
      case ParamValue::Kind::kString:
        slot = value.text;
        break;
      case ParamValue::Kind::kInteger:
        slot = value.integer;
        break;
      case ParamValue::Kind::kNameList:
        slot = nlohmann::ordered_json::array();
        for (std::string_view element : value.names) slot.push_back(element);
        break;
    }
  }
  return object;
}

}  // namespace segform
