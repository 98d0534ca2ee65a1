// Declarations of the messages segform checks: field names, JSON types,
// limits, defaults and documentation. This is the one place these facts are
// written. The parser, the rules, the canonical writer, the WebAssembly
// bindings, the page's form and the generated docs all read them from here.
//
// A message is a list of FieldDecl. A field of another message type points at
// that message's declaration, so an enclosing message (for example the
// training pipeline around these inputs) is declared the same way.

#ifndef SEGFORM_DECLARATIONS_H_
#define SEGFORM_DECLARATIONS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace segform {

// The proto3 field types that segform reads from JSON.
enum class FieldKind { kEnum, kInt64, kString, kMessage };

struct EnumValueDecl {
  std::string_view name;
  int number;
  std::string_view description;
};

struct EnumDecl {
  std::string_view name;
  std::vector<EnumValueDecl> values;

  // Returns the value with this name (case-sensitive), or nullptr.
  const EnumValueDecl* FindByName(std::string_view value_name) const;
  // Returns the value with this number, or nullptr.
  const EnumValueDecl* FindByNumber(int64_t number) const;
};

// An inclusive range that a service enforces on an int64 field only while
// another field of the same message (the selector, an enum) has one of the
// listed values. An absent selector counts as its proto3 zero value.
struct ConditionalRange {
  int64_t min;
  int64_t max;
  std::string_view selector_json_name;
  std::vector<std::string_view> selector_values;
};

struct MessageDecl;

struct FieldDecl {
  std::string_view json_name;   // lowerCamelCase, as proto3 JSON writes it
  std::string_view proto_name;  // snake_case, as the .proto file spells it
  FieldKind kind;
  // Prefix of every finding code about this field, e.g. "budget".
  std::string_view code_prefix;
  std::string_view label;        // short name for a form
  std::string_view description;  // what the field means, one or two sentences
  // The value the service uses when the field is absent, as a form shows it.
  std::string_view service_default;
  const EnumDecl* enum_type = nullptr;        // kEnum only
  const MessageDecl* message_type = nullptr;  // kMessage only
  // kInt64 only: the range the service enforces, if it documents one.
  std::optional<ConditionalRange> range;
  // kInt64 only: how many of the stored units make one display unit
  // (1,000 milli node hours are one node hour), and that unit's name.
  int64_t units_per_display_unit = 0;
  std::string_view display_unit;
};

struct MessageDecl {
  std::string_view name;        // proto message name
  std::string_view full_name;   // with its package
  std::string_view schema_uri;  // the API's schema file for this message
  std::string_view description;
  std::vector<FieldDecl> fields;

  // Returns the field with this JSON name or proto name, or nullptr.
  const FieldDecl* FindField(std::string_view key) const;
  // Returns every name the message declares: the fields' JSON names in
  // order, then the value names of each enum field, field by field. The
  // module sends such a name as its index here (web/gen/declarations.mjs
  // has the list as declaredNames).
  std::vector<std::string_view> DeclaredNames() const;
};

// The number of nodes the docs use to turn a training budget into wall-clock
// time: wall hours = budget / (nodes * 1000). The default budget is one day
// of wall time at this node count.
inline constexpr int kReferenceNodeCount = 8;

const EnumDecl& ModelTypeEnum();
const MessageDecl& ImageSegmentationInputsDecl();

// The JSON form of a training pipeline request member's value, as far as
// segform checks it. A message is checked to be an object, but the members
// inside it are not checked.
enum class RequestValueKind {
  kString,
  kMessage,
  kStringMap,  // map<string, string>: an object of string values
  kTimestamp,  // google.protobuf.Timestamp: an RFC 3339 string
  kEnum,       // a name or a number
  kAnyValue,   // google.protobuf.Value: any JSON value
};

struct RequestMemberDecl {
  std::string_view json_name;
  RequestValueKind kind;
  // kEnum: the names of the enum's values, in the order of their numbers.
  std::vector<std::string_view> enum_names = {};
};

// The members of a training pipeline request
// (google.cloud.aiplatform.v1.TrainingPipeline), whose trainingTaskInputs
// segform checks, in the order of the v1 proto. The API rejects any other
// member, and reads each of these under its snake_case proto name too.
const std::vector<RequestMemberDecl>& TrainingPipelineMembers();

// The JSON names of TrainingPipelineMembers(), in the same order.
const std::vector<std::string_view>& TrainingPipelineFieldNames();

}  // namespace segform

#endif  // SEGFORM_DECLARATIONS_H_
