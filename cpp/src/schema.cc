// A JSON Schema (draft 2020-12) of a message, generated from its
// declaration. It expresses as much of segform's verdict as JSON Schema can,
// and the README lists what it cannot express (duplicate keys, exact int64
// beyond 2^53, the text's syntax, encoding and limits).

#include <string>
#include <vector>

#include "internal.h"
#include "segform/segform.h"

namespace segform {
namespace {

using Json = nlohmann::ordered_json;

// Appends regex alternatives that match exactly the digit strings from lo to
// hi, which have the same length and lo <= hi. A range is split where its
// ends stop sharing a prefix, as in [123, 456] -> 12[3-9], 1[3-9][0-9],
// [2-3][0-9]{2}, 4[0-4][0-9], 45[0-6].
void AppendDigitRange(const std::string& lo, const std::string& hi,
                      std::vector<std::string>& alternatives) {
  size_t common = 0;
  while (common < lo.size() && lo[common] == hi[common]) ++common;
  const std::string prefix = lo.substr(0, common);
  if (common == lo.size()) {
    alternatives.push_back(prefix);
    return;
  }
  const size_t rest = lo.size() - common - 1;
  const std::string any_rest =
      rest == 0 ? "" : "[0-9]{" + std::to_string(rest) + "}";
  const auto digit_class = [](char from, char to) {
    return from == to ? std::string(1, from)
                      : std::string("[") + from + "-" + to + "]";
  };
  const bool lo_fills_block =
      lo.find_first_not_of('0', common + 1) == std::string::npos;
  const bool hi_fills_block =
      hi.find_first_not_of('9', common + 1) == std::string::npos;

  char middle_from = lo[common];
  char middle_to = hi[common];
  if (!lo_fills_block) {
    AppendDigitRange(lo, prefix + lo[common] + std::string(rest, '9'),
                     alternatives);
    ++middle_from;
  }
  if (!hi_fills_block) --middle_to;
  if (middle_from <= middle_to) {
    alternatives.push_back(prefix + digit_class(middle_from, middle_to) +
                           any_rest);
  }
  if (!hi_fills_block) {
    AppendDigitRange(prefix + hi[common] + std::string(rest, '0'), hi,
                     alternatives);
  }
}

// Returns a regex alternation (no anchors) of the decimal integers from lo
// to hi, written without leading zeros.
std::string IntegerRangePattern(int64_t lo, int64_t hi) {
  const std::string low = std::to_string(lo);
  const std::string high = std::to_string(hi);
  std::vector<std::string> alternatives;
  for (size_t length = low.size(); length <= high.size(); ++length) {
    const std::string from =
        length == low.size() ? low : "1" + std::string(length - 1, '0');
    const std::string to =
        length == high.size() ? high : std::string(length, '9');
    AppendDigitRange(from, to, alternatives);
  }
  std::string pattern;
  for (const std::string& alternative : alternatives) {
    if (!pattern.empty()) pattern += "|";
    pattern += alternative;
  }
  return pattern;
}

Json EnumSchema(const FieldDecl& field) {
  Json values = Json::array({nullptr});
  for (const EnumValueDecl& value : field.enum_type->values) {
    values.push_back(value.name);
  }
  for (const EnumValueDecl& value : field.enum_type->values) {
    values.push_back(value.number);
  }
  return {{"enum", std::move(values)}};
}

// int64 as proto3 JSON writes it (a string of digits) or as a JSON integer.
// Negative values are always an error for the fields declared so far, so
// the schema takes non-negative ones only. A JSON number past 2^53 is not
// portable in any spelling (see ReadIntegerNumber), so it takes none.
Json Int64Schema() {
  return {
      {"anyOf",
       Json::array({
           {{"type", "null"}},
           {{"type", "integer"}, {"minimum", 0}, {"maximum", int64_t{1} << 53}},
           {{"type", "string"},
            {"pattern", internal::NonNegativeInt64StringPattern(
                            IntegerRangePattern(1, INT64_MAX))}},
       })}};
}

// The range of an int64 field, where 0 still means "not set".
Json RangeSchema(const ConditionalRange& range) {
  return {{"anyOf",
           Json::array({
               {{"type", "null"}},
               {{"type", "integer"},
                {"anyOf", Json::array({{{"const", 0}},
                                       {{"minimum", range.min},
                                        {"maximum", range.max}}})}},
               {{"type", "string"},
                {"pattern", internal::NonNegativeInt64StringPattern(
                                IntegerRangePattern(range.min, range.max))}},
           })}};
}

Json StringSchema(const FieldDecl& field) {
  Json schema = {{"type", Json::array({"string", "null"})}};
  if (field.json_name == "baseModelId") {
    // The model ID forms that CheckSegmentationRules accepts.
    schema["pattern"] = "^(|[0-9]{1,19}|[a-z_][a-z0-9_-]{0,62})$";
  }
  return schema;
}

Json FieldSchema(const FieldDecl& field) {
  Json schema;
  switch (field.kind) {
    case FieldKind::kEnum:
      schema = EnumSchema(field);
      break;
    case FieldKind::kInt64:
      schema = Int64Schema();
      break;
    case FieldKind::kString:
      schema = StringSchema(field);
      break;
    case FieldKind::kMessage:
      schema = {{"type", Json::array({"object", "null"})}};
      break;
  }
  schema["title"] = field.label;
  schema["description"] = field.description;
  return schema;
}

// Returns the schema that holds when the selector field of a range has one
// of the given values, under either of its names.
Json SelectorIs(const FieldDecl& selector, const Json& values) {
  Json either = Json::array();
  for (std::string_view name : {selector.json_name, selector.proto_name}) {
    either.push_back(
        {{"required", Json::array({name})},
         {"properties", {{std::string(name), {{"enum", values}}}}}});
  }
  return {{"anyOf", std::move(either)}};
}

// An if/else that applies a range unless the selector has a value the range
// does not cover. An absent or null selector counts as its zero value.
Json ConditionalRangeSchema(const MessageDecl& message,
                            const FieldDecl& field) {
  const ConditionalRange& range = *field.range;
  const FieldDecl& selector = *message.FindField(range.selector_json_name);
  Json without_range = Json::array();
  for (const EnumValueDecl& value : selector.enum_type->values) {
    bool covered = false;
    for (std::string_view name : range.selector_values) {
      covered = covered || name == value.name;
    }
    if (!covered) {
      without_range.push_back(value.name);
      without_range.push_back(value.number);
    }
  }
  Json ranged = RangeSchema(range);
  return {{"if", SelectorIs(selector, without_range)},
          {"else",
           {{"properties",
             {{std::string(field.json_name), ranged},
              {std::string(field.proto_name), ranged}}}}}};
}

}  // namespace

nlohmann::ordered_json JsonSchema(const MessageDecl& message) {
  Json properties = Json::object();
  Json all_of = Json::array();
  Json defs = Json::object();
  for (const FieldDecl& field : message.fields) {
    const std::string json_name(field.json_name);
    defs[json_name] = FieldSchema(field);
    const Json reference = {{"$ref", "#/$defs/" + json_name}};
    properties[json_name] = reference;
    properties[std::string(field.proto_name)] = reference;
    // A field may be named either way, but not both ways at once. The
    // names are declared beside "required", as ajv's strict mode requires.
    all_of.push_back(
        {{"not",
          {{"required", Json::array({field.json_name, field.proto_name})},
           {"properties",
            {{std::string(field.json_name), true},
             {std::string(field.proto_name), true}}}}}});
    if (field.range) all_of.push_back(ConditionalRangeSchema(message, field));
  }
  return {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"title", message.name},
      {"description", message.description},
      {"type", "object"},
      {"properties", std::move(properties)},
      {"additionalProperties", false},
      {"allOf", std::move(all_of)},
      {"$defs", std::move(defs)},
  };
}

}  // namespace segform
