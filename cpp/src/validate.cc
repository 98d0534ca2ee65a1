// Validate(): runs the stages in order (file encoding, JSON syntax, fields,
// rules) and assembles the result; also the conversions built on it.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "internal.h"

namespace segform {
namespace {

using internal::FieldValue;
using internal::FindingSink;
using internal::RawDocument;
using internal::RawMember;
using internal::ValueKind;

// Moves the sink's findings into the result, with the number of errors its
// cap cut, which error_count() includes.
void TakeFindings(FindingSink& sink, ValidationResult& result) {
  result.findings = sink.Take();
  result.cut_error_count = sink.cut_error_count();
}

// Returns the count stored in the finding's param, or 0 when it is unset.
size_t ParamCount(const Finding& finding, Param param) {
  const ParamValue* value = finding.params.Find(param);
  return value != nullptr ? static_cast<size_t>(value->integer) : 0;
}

// Returns "UTF-16" or "UTF-32" when a file is in one of those encodings, or
// an empty view. UTF-32's byte-order marks start like UTF-16's, so they are
// tested first. Without a mark, ASCII text in UTF-16 has a NUL byte beside
// every character, starting at the first or the second byte.
std::string_view WideEncoding(std::string_view text) {
  if (text.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4) ||
      text.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) {
    return "UTF-32";
  }
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    return "UTF-16";
  }
  // ASCII in UTF-32 without a mark: three NUL bytes beside each character.
  if (text.size() >= 4 && text.substr(1, 3) == std::string_view("\0\0\0", 3) &&
      text[0] != '\0') {
    return "UTF-32";
  }
  if (text.size() >= 4 && text.substr(0, 3) == std::string_view("\0\0\0", 3) &&
      text[3] != '\0') {
    return "UTF-32";
  }
  // ASCII in UTF-16 without a mark: a NUL beside each of two characters.
  // One NUL alone is a NUL byte in UTF-8 text.
  if (text.size() >= 4 && (text[0] == '\0') != (text[1] == '\0') &&
      (text[2] == '\0') == (text[0] == '\0') &&
      (text[3] == '\0') == (text[1] == '\0')) {
    return "UTF-16";
  }
  return {};
}

void FillInputs(const internal::FieldValues& values,
                ImageSegmentationInputs& inputs) {
  // The message has one field of each kind, so the kind determines which
  // member a value goes to. A field set twice gets neither value.
  for (const FieldValue& value : values.first) {
    const bool repeated = std::any_of(
        values.repeated.begin(), values.repeated.end(),
        [&](const FieldValue& again) { return again.decl == value.decl; });
    if (repeated) continue;
    switch (value.decl->kind) {
      case FieldKind::kEnum:
        if (value.number) inputs.model_type = static_cast<int>(*value.number);
        break;
      case FieldKind::kInt64:
        if (value.number) inputs.budget_milli_node_hours = *value.number;
        break;
      case FieldKind::kString:
        if (value.string) inputs.base_model_id = *value.string;
        break;
      case FieldKind::kMessage:  // the message has no message field
        break;
    }
  }
}

std::string FormValue(const FieldValue& value, std::string_view text) {
  const internal::RawValue& raw = value.member->value;
  if (value.decl->kind == FieldKind::kEnum && value.number) {
    const EnumValueDecl* known =
        value.decl->enum_type->FindByNumber(*value.number);
    if (known != nullptr) return std::string(known->name);
  }
  if (value.decl->kind == FieldKind::kInt64 && value.number) {
    return std::to_string(*value.number);
  }
  if (raw.kind == ValueKind::kString) return std::string(raw.text);
  return std::string(
      text.substr(raw.span.begin, raw.span.end - raw.span.begin));
}

void FillFormValues(const std::vector<FieldValue>& fields,
                    const RawDocument& document, std::string_view text,
                    ValidationResult& result) {
  result.form_values.reserve(fields.size());
  for (const FieldValue& value : fields) {
    result.form_values.emplace_back(value.decl->json_name,
                                    FormValue(value, text));
  }
  const MessageDecl& message = ImageSegmentationInputsDecl();
  for (const RawMember& member : document.members) {
    if (message.FindField(member.key) != nullptr) continue;
    result.unknown_field_count += 1;
    if (result.unknown_fields.size() == kMaxFindings) continue;
    const internal::Span span = member.value.span;
    result.unknown_fields.push_back(
        {std::string(member.key),
         std::string(text.substr(span.begin, span.end - span.begin))});
  }
}

// The names of the training pipeline fields a request is recognized by.
constexpr std::string_view kPipelineInputsKeys[] = {
    internal::kPipelineInputsKey, "training_task_inputs"};
constexpr std::string_view kPipelineDefinitionKeys[] = {
    "trainingTaskDefinition", "training_task_definition"};
constexpr std::string_view kPipelineDisplayNameKeys[] = {"displayName",
                                                         "display_name"};
// The members of a CreateTrainingPipelineRequest, the request that the
// client libraries send: the location and the pipeline to create in it.
constexpr std::string_view kCreatePipelineKeys[] = {
    internal::kCreatePipelineKey, "training_pipeline"};

// Returns the names among `names` that no member of the document sets, in
// either spelling, as `spelled` maps a key to its name.
template <typename Spelled>
std::vector<std::string_view> AbsentNames(std::vector<std::string_view> names,
                                          const RawDocument& document,
                                          Spelled spelled) {
  for (const RawMember& member : document.members) {
    const std::string_view name = spelled(member.key);
    names.erase(std::remove(names.begin(), names.end(), name), names.end());
  }
  return names;
}

// A value that JSON text cannot hold as it is, found by FindUnwritableValue.
struct UnwritableValue {
  std::string_view code;
  std::string message;
  std::string_view hint;
};

// Returns the first value inside `value`, in member order, that JSON text
// cannot hold, or that is nested deeper than kMaxNestingDepth, and sets
// path to its JSON Pointer. `depth` counts the objects and arrays around
// value, so the recursion stops one level past the limit.
std::optional<UnwritableValue> FindUnwritableValue(const nlohmann::json& value,
                                                   int depth,
                                                   std::string& path) {
  switch (value.type()) {
    case nlohmann::json::value_t::number_float:
      if (std::isfinite(value.get<double>())) return std::nullopt;
      return UnwritableValue{
          "json.syntax",
          internal::Format(
              "the value is {}, which JSON has no number for",
              {std::isnan(value.get<double>()) ? "NaN" : "infinite"}),
          "Give a finite number."};
    case nlohmann::json::value_t::binary:
      return UnwritableValue{"json.syntax",
                             "the value is binary, which JSON cannot hold",
                             "Give a string, a number or another JSON value."};
    case nlohmann::json::value_t::discarded:
      return UnwritableValue{
          "json.syntax",
          "the value is nlohmann's discarded value, which stands for no value",
          "Give a JSON value."};
    case nlohmann::json::value_t::object:
    case nlohmann::json::value_t::array:
      break;
    default:
      return std::nullopt;
  }
  if (depth == kMaxNestingDepth) {
    return UnwritableValue{"json.too_deep", internal::TooDeepMessage(),
                           internal::kTooDeepHint};
  }
  const size_t path_size = path.size();
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      path += internal::MemberPointer(key);
      if (auto found = FindUnwritableValue(member, depth + 1, path)) {
        return found;
      }
      path.resize(path_size);
    }
  } else {
    size_t index = 0;
    for (const nlohmann::json& element : value) {
      path += "/" + std::to_string(index++);
      if (auto found = FindUnwritableValue(element, depth + 1, path)) {
        return found;
      }
      path.resize(path_size);
    }
  }
  return std::nullopt;
}

// Describes a trainingTaskDefinition that is not the schema's URI. The URI
// is longer than a message quotes, so a value that starts as it does is
// shown from where the two differ, and one that is the URI with white space
// around it is named as such.
SEGFORM_COLD std::string DescribeDefinition(const internal::RawValue& value,
                                            std::string_view uri) {
  if (value.kind != ValueKind::kString) return internal::ShowValue(value);
  const std::string_view text = value.text;
  constexpr std::string_view kWhiteSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kWhiteSpace);
  if (first != std::string_view::npos &&
      text.substr(first, text.find_last_not_of(kWhiteSpace) + 1 - first) ==
          uri) {
    return "the schema with white space at its start or end";
  }
  // The shared start is ASCII, since the URI is, so bytes count characters.
  const size_t shared = static_cast<size_t>(
      std::mismatch(uri.begin(), uri.end(), text.begin(), text.end()).first -
      uri.begin());
  constexpr size_t kLongSharedStart = 20;
  if (shared < kLongSharedStart) return internal::ShowValue(value);
  const std::string_view rest = text.substr(shared);
  return internal::Format(
      "a value that matches the schema up to character {}, then {}",
      {std::to_string(shared),
       rest.empty() ? std::string("ends")
                    : internal::Format("reads {}", {internal::Quoted(rest)})});
}

// A request's member name: the first member seen under it, and how many
// members have it. The counts come first, so every repeat gives the total.
struct SeenName {
  const RawMember* first = nullptr;
  size_t settings = 0;
};
using SeenNames = std::map<std::string_view, SeenName>;

// Returns the member names of the document, each name as `spelled` gives it
// for a key, with no member seen yet.
template <typename Spelled>
SeenNames CountNames(const RawDocument& document, Spelled spelled) {
  SeenNames names;
  for (const RawMember& member : document.members) {
    ++names[spelled(member.key)].settings;
  }
  return names;
}

// Returns true for the first member of a request under its name, and
// reports a later one as set again. `seen` comes from CountNames.
bool IsFirstOfItsName(SeenNames& seen, std::string_view name,
                      const RawMember& member, FindingSink& sink) {
  SeenName& seen_name = seen[name];
  if (seen_name.first == nullptr) {
    seen_name.first = &member;
    return true;
  }
  internal::ReportDuplicate(seen_name.first->key, name, member,
                            seen_name.settings, sink);
  return false;
}

// Reports a member written outside the object it belongs to: `what` names
// what it is, and `where` the object the API reads it in.
SEGFORM_COLD void ReportMisplacedMember(const RawMember& member,
                                        std::string_view what,
                                        std::string_view where,
                                        FindingSink& sink) {
  Finding& finding = sink.Add(
      Severity::kError, "pipeline.misplaced_field",
      internal::MemberPointer(member.key), member.key_span,
      internal::Format("{} is {}, but it is outside {}, where the API does "
                       "not read it",
                       {internal::Quoted(member.key), what, where}),
      internal::Format("Move it into {}.", {where}));
  finding.params.Set(Param::kKey, member.key);
}

// Returns the key of the document's first member named `name`, in either
// spelling, as written, or `name` when there is none. Each name is looked
// up once, in `written_keys`: each of a hundred members close to a name set
// last once scanned every member, 0.2 s for a megabyte.
std::string_view WrittenKey(
    const RawDocument& document, std::string_view name,
    std::map<std::string_view, std::string_view>& written_keys) {
  if (const auto known = written_keys.find(name); known != written_keys.end()) {
    return known->second;
  }
  std::string_view written = name;
  for (const RawMember& member : document.members) {
    if (member.key == name || internal::IsSnakeCaseOf(member.key, name)) {
      written = member.key;
      break;
    }
  }
  written_keys.emplace(name, written);
  return written;
}

// Reports a member of a request that its message (`message_name`) does not
// have, with the closest of the message's `names` when one is close (see
// ClaimCloseName; a name the request sets is one not in `absent`). It is a
// warning, like a missing displayName, because segform checks the inputs
// in the request.
SEGFORM_COLD void ReportUnknownRequestMember(
    const RawDocument& document, const RawMember& member,
    std::string_view message_name, const std::vector<std::string_view>& names,
    const std::vector<std::string_view>& absent,
    std::map<std::string_view, std::string_view>& suggested,
    std::map<std::string_view, std::string_view>& written_keys,
    std::string_view hint, FindingSink& sink) {
  // 100,000 unknown members build no more messages than the cap keeps.
  if (sink.CutByCapOffField(Severity::kWarning, member.key_span)) return;
  const std::string_view name = internal::ClosestName(member.key, names);
  const bool set = !name.empty() && std::find(absent.begin(), absent.end(),
                                              name) == absent.end();
  const internal::CloseName close = internal::ClaimCloseName(
      member.key, name, set ? WrittenKey(document, name, written_keys) : "",
      suggested);
  const std::string subject =
      internal::Format("unknown member {} of a {}",
                       {internal::Quoted(member.key), message_name});
  std::string message;
  std::string fix;
  if (!internal::DescribeCloseName(subject, member.key, close, message, fix)) {
    message = subject + ", which the API rejects";
    fix = std::string(hint);
  }
  Finding& finding =
      sink.Add(Severity::kWarning, "pipeline.unknown_field",
               internal::MemberPointer(member.key), member.key_span,
               std::move(message), std::move(fix));
  finding.params.Set(Param::kKey, member.key);
  if (close.suggested_for.empty() && !close.spelled.empty()) {
    finding.params.Set(Param::kSuggestion, close.spelled);
  }
}

// Returns true for null or "", which proto3 reads as an unset string field.
bool IsUnsetString(const internal::RawValue& value) {
  return value.kind == ValueKind::kNull ||
         (value.kind == ValueKind::kString && value.text.empty());
}

// Returns how a message names an unset string value: "null" or "empty".
std::string_view UnsetWord(const internal::RawValue& value) {
  return value.kind == ValueKind::kNull ? "null" : "empty";
}

const RawMember* FindMember(const RawDocument& document,
                            const std::string_view (&keys)[2]) {
  for (const RawMember& member : document.members) {
    if (member.key == keys[0] || member.key == keys[1]) return &member;
  }
  return nullptr;
}

// ascii_prefix is the number of bytes at the start of the text that are
// ASCII (FindingSink::ascii_prefix).
void FillMemberSpans(const RawDocument& document, std::string_view text,
                     size_t ascii_prefix, ValidationResult& result) {
  const MessageDecl& message = ImageSegmentationInputsDecl();
  const std::pair<size_t, size_t> object = {document.top.span.begin,
                                            document.top.span.end};
  result.object_span = object;
  result.member_spans.reserve(document.members.size());
  for (const RawMember& member : document.members) {
    MemberSpan& span = result.member_spans.emplace_back();
    span.key = member.key;
    if (const FieldDecl* field = message.FindField(member.key)) {
      span.field = field->json_name;
    }
    span.key_begin = member.key_span.begin;
    span.key_end = member.key_span.end;
    span.value_begin = member.value.span.begin;
    span.value_end = member.value.span.end;
  }
  // Every span lies inside the object, so an object in ASCII text needs no
  // conversion.
  if (object.second <= ascii_prefix) return;
  std::vector<size_t*> offsets = {&result.object_span->first,
                                  &result.object_span->second};
  offsets.reserve(2 + 4 * result.member_spans.size());
  for (MemberSpan& span : result.member_spans) {
    offsets.insert(offsets.end(), {&span.key_begin, &span.key_end,
                                   &span.value_begin, &span.value_end});
  }
  internal::ConvertToUtf16Offsets(text, offsets);
}

// The requests CheckText reads around the training inputs.
enum class Envelope {
  kCreateRequest,  // a CreateTrainingPipelineRequest or a training pipeline
  kPipeline,       // a training pipeline
  // A training pipeline nested in another one's place, whose members may be
  // written in the outer one, so none is reported missing from it.
  kNestedPipeline,
  kNone,
};

ValidationResult CheckText(std::string_view text,
                           const ValidateOptions& options,
                           Envelope envelope = Envelope::kCreateRequest);

// Adds the findings of `inner`, a check of the object at `span`, to the
// sink at their places in the whole text and under `pointer`.
SEGFORM_COLD void MergeInnerFindings(internal::Span span,
                                     const std::string& pointer,
                                     const ValidationResult& inner,
                                     FindingSink& sink) {
  for (const Finding& finding : inner.findings) {
    // The inner check capped its findings on its own. Its summary's count
    // goes into this one's, which also counts what this cap cuts.
    if (finding.code == internal::kTruncatedCode) {
      sink.CountCut({ParamCount(finding, Param::kMoreErrors),
                     ParamCount(finding, Param::kMoreWarnings),
                     ParamCount(finding, Param::kMoreNotes)},
                    span.begin + finding.begin);
      continue;
    }
    const internal::Span place = {span.begin + finding.begin,
                                  span.begin + finding.end};
    std::string path = pointer + finding.path;
    // Thousands of copies of the inputs would otherwise copy each message
    // only for the cap to cut it.
    if (sink.CutByCap(finding.severity, place, path)) continue;
    Finding& added = sink.Add(finding.severity, finding.code, std::move(path),
                              place, finding.message, finding.hint);
    added.params = finding.params;
  }
}

// Adds the findings of `inner` as MergeInnerFindings does, and moves its
// member spans and object span to count from the whole text too.
SEGFORM_COLD void MergeInnerResult(std::string_view text, internal::Span span,
                                   const std::string& pointer,
                                   ValidationResult& inner, FindingSink& sink) {
  MergeInnerFindings(span, pointer, inner, sink);
  // Member spans count from the inner object's start.
  size_t inner_start = span.begin;
  std::vector<size_t*> start = {&inner_start};
  internal::ConvertToUtf16Offsets(text, start);
  for (MemberSpan& member : inner.member_spans) {
    member.key_begin += inner_start;
    member.key_end += inner_start;
    member.value_begin += inner_start;
    member.value_end += inner_start;
  }
  if (inner.object_span) {
    inner.object_span->first += inner_start;
    inner.object_span->second += inner_start;
  }
}

// The spans of the objects in a request that were checked as a message of
// their own, which report what is inside them. They are members' values,
// so they are in text order and do not overlap.
using CheckedSpans = std::vector<internal::Span>;

bool IsInside(const CheckedSpans& checked, size_t offset) {
  // A binary search, since thousands of copies may each hold thousands of
  // items to test.
  const auto after = std::upper_bound(
      checked.begin(), checked.end(), offset,
      [](size_t value, internal::Span span) { return value < span.begin; });
  return after != checked.begin() && offset < std::prev(after)->end;
}

// Reports the keys set twice in nested objects of the document, except
// those inside the checked spans.
void ReportNestedDuplicatesOutside(const RawDocument& document,
                                   const CheckedSpans& checked,
                                   FindingSink& sink) {
  const std::vector<size_t> settings =
      internal::NestedDuplicateSettings(document);
  for (size_t i = 0; i < settings.size(); ++i) {
    const internal::NestedDuplicate& duplicate = document.nested_duplicates[i];
    if (!IsInside(checked, duplicate.key_span.begin)) {
      internal::ReportNestedDuplicate(document, duplicate, settings[i], sink);
    }
  }
}

// Reports trainingTaskInputs whose value is not an object.
SEGFORM_COLD void ReportInputsNotObject(const RawMember& inputs,
                                        FindingSink& sink) {
  // trainingTaskInputs is a google.protobuf.Value, for which proto3 JSON
  // reads null as a null value, not as the field left out.
  sink.Add(Severity::kError, "pipeline.inputs_not_object",
           internal::MemberPointer(inputs.key), inputs.value.span,
           inputs.value.kind == ValueKind::kNull
               ? "trainingTaskInputs must be an object; null is not read as "
                 "absent here, since the field takes any JSON value"
               : "trainingTaskInputs must be an object",
           "Put the training inputs in { }.");
}

// Reports a create request's trainingPipeline whose value is not an object.
SEGFORM_COLD void ReportPipelineNotObject(const RawMember& pipeline,
                                          FindingSink& sink) {
  const std::string_view kind = internal::KindName(pipeline.value.kind);
  Finding& finding = sink.Add(
      Severity::kError, "pipeline.pipeline_not_object",
      internal::MemberPointer(pipeline.key), pipeline.value.span,
      internal::Format("trainingPipeline must be an object; got {}", {kind}),
      "Put the training pipeline in { }, with its trainingTaskInputs.");
  finding.params.Set(Param::kExpected, "an object");
  finding.params.Set(Param::kActual, kind);
}

// Checks each later member of the request named `name` (in either
// spelling, as `spelled` maps keys) in the `envelope` given, and adds its
// findings at their places, or reports it with `report_not_object` when
// its value is not an object. The first member's check is the one whose
// values the result keeps, but either member may be the one the user
// keeps, so both are checked. Returns the spans checked, the first
// member's included when it is an object.
SEGFORM_COLD CheckedSpans
CheckEveryCopy(std::string_view text, const RawDocument& document,
               const RawMember* first, std::string_view name,
               std::string_view (*spelled)(std::string_view), Envelope envelope,
               void (*report_not_object)(const RawMember&, FindingSink&),
               const ValidateOptions& options, FindingSink& sink) {
  CheckedSpans checked;
  if (first == nullptr) return checked;
  for (const RawMember& member : document.members) {
    if (spelled(member.key) != name) continue;
    if (member.value.kind != ValueKind::kObject) {
      if (&member != first) report_not_object(member, sink);
      continue;
    }
    const internal::Span span = member.value.span;
    checked.push_back(span);
    if (&member == first) continue;
    // Only the findings are kept. Moving the member spans would count UTF-16
    // units from the text's start for each copy, which made thousands of
    // copies take seconds.
    const ValidationResult copy = CheckText(
        text.substr(span.begin, span.end - span.begin), options, envelope);
    MergeInnerFindings(span, internal::MemberPointer(member.key), copy, sink);
  }
  return checked;
}

// Warns of each integer of more than 4,300 digits outside the checked span
// (the inputs, whose own check reports them). Python's json module rejects
// the whole text for one, wherever it is. The path is the top-level member
// the integer is in.
SEGFORM_COLD void ReportLongIntegersOutside(std::string_view text,
                                            const RawDocument& document,
                                            const CheckedSpans& checked,
                                            FindingSink& sink) {
  for (const internal::Span& number : document.long_integers) {
    if (IsInside(checked, number.begin)) continue;
    // A request member's path is never on a field.
    if (sink.CutByCapOffField(Severity::kWarning, number)) continue;
    // The members are in text order: the last one starting before the
    // number is the only one that can hold it.
    const auto after = std::upper_bound(
        document.members.begin(), document.members.end(), number.begin,
        [](size_t begin, const RawMember& member) {
          return begin < member.key_span.begin;
        });
    std::string path;
    if (after != document.members.begin()) {
      const RawMember& member = *std::prev(after);
      if (number.begin < member.value.span.end) {
        path = internal::MemberPointer(member.key);
      }
    }
    const size_t digits =
        number.end - number.begin - (text[number.begin] == '-' ? 1 : 0);
    Finding& finding = sink.Add(
        Severity::kWarning, "pipeline.not_portable", std::move(path), number,
        internal::Format(
            "this integer has {} digits; Python's JSON parser reads at most "
            "{}, so it rejects the whole request",
            {internal::WithThousands(static_cast<int64_t>(digits)),
             internal::WithThousands(
                 static_cast<int64_t>(internal::kMaxPythonDigits))}),
        "Shorten the number, or write it as a string where the member takes "
        "one.");
    finding.params.Set(Param::kSize, digits);
    finding.params.Set(Param::kMax, internal::kMaxPythonDigits);
  }
}

// Reports a string value of the request at `span` that is still a
// placeholder of the page's pipeline export. `path` gives the value's
// JSON Pointer and its name for the message: the keys down to it, as in
// "modelToUpload.versionAliases[1]", so that two displayNames differ.
// `field_named` is true when the value's key is a field's name. Otherwise
// the finding is on no field (see FindingSink::Take), and the path, which
// may be deep, is written out only once the cap keeps the finding.
template <typename Path>
void ReportPlaceholder(std::string_view text, internal::Span span,
                       bool field_named, Path path, FindingSink& sink) {
  if (!field_named && sink.CutByCapOffField(Severity::kWarning, span)) return;
  std::string pointer;
  std::string name;
  path(pointer, name);
  if (field_named && sink.CutByCap(Severity::kWarning, span, pointer)) return;
  // The span includes the quotes. A placeholder the page writes has no
  // escapes, but one edited may, and the message shows what it reads as.
  std::string placeholder(
      text.substr(span.begin + 1, span.end - span.begin - 2));
  if (placeholder.find('\\') != std::string::npos) {
    if (const std::optional<RawDocument> string = internal::ScanJsonText(
            text.substr(span.begin, span.end - span.begin))) {
      placeholder = std::string(string->top.text);
    }
  }
  Finding& finding = sink.Add(
      Severity::kWarning, "pipeline.placeholder", pointer, span,
      internal::Format("{} is still the placeholder {}",
                       {internal::Quoted(name), internal::Quoted(placeholder)}),
      "Replace it with the real value before you send the request.");
  finding.params.Set(Param::kActual, placeholder);
}

// Reports each string value of the request that begins with
// kPlaceholderPrefix, outside the checked spans, whose own checks cover
// them: the placeholders the page's pipeline export writes for the user
// to fill in.
SEGFORM_COLD void ReportPlaceholders(std::string_view text,
                                     const RawDocument& document,
                                     const CheckedSpans& checked,
                                     FindingSink& sink) {
  for (const RawMember& member : document.members) {
    if (member.value.kind != ValueKind::kString ||
        !internal::IsPlaceholderAt(text, member.value.span)) {
      continue;
    }
    // A request member's path is never on a field.
    ReportPlaceholder(
        text, member.value.span, false,
        [&](std::string& pointer, std::string& name) {
          pointer = internal::MemberPointer(member.key);
          name = member.key;
        },
        sink);
  }
  // A plain loop variable: a C++17 lambda cannot capture a structured
  // binding.
  for (const std::pair<size_t, internal::Span>& placeholder :
       document.nested_placeholders) {
    const size_t step = placeholder.first;
    const internal::Span span = placeholder.second;
    if (IsInside(checked, span.begin)) continue;
    const internal::PointerStep& last = document.pointer_steps[step];
    const bool field_named =
        !last.is_index &&
        ImageSegmentationInputsDecl().FindField(last.key) != nullptr;
    ReportPlaceholder(
        text, span, field_named,
        [&](std::string& pointer, std::string& name) {
          pointer = internal::StepPointer(document, step, &name);
        },
        sink);
  }
}

// Returns true for an RFC 3339 time as proto3 JSON writes a Timestamp:
// "2026-12-05T10:00:00Z", with up to nine digits of a second's fraction
// and "Z" or an offset such as "+01:00".
bool IsRfc3339Time(std::string_view text) {
  size_t i = 0;
  // Reads `count` digits into *value.
  const auto digits = [&](size_t count, int* value) {
    if (text.size() - i < count) return false;
    *value = 0;
    for (size_t end = i + count; i < end; ++i) {
      if (!internal::IsAsciiDigit(text[i])) return false;
      *value = *value * 10 + (text[i] - '0');
    }
    return true;
  };
  const auto literal = [&](char c) {
    if (i >= text.size() || text[i] != c) return false;
    ++i;
    return true;
  };

  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!digits(4, &year) || !literal('-') || !digits(2, &month) ||
      !literal('-') || !digits(2, &day) || !literal('T') || !digits(2, &hour) ||
      !literal(':') || !digits(2, &minute) || !literal(':') ||
      !digits(2, &second) || hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) {
    return false;
  }

  if (i < text.size() && text[i] == '.') {
    const size_t start = ++i;
    while (i < text.size() && internal::IsAsciiDigit(text[i])) ++i;
    if (i == start || i - start > 9) return false;
  }

  if (literal('Z')) return i == text.size();
  if (i >= text.size() || (text[i] != '+' && text[i] != '-')) return false;
  const int sign = text[i] == '+' ? 1 : -1;
  ++i;
  int offset_hours = 0;
  int offset_minutes = 0;
  if (!digits(2, &offset_hours) || !literal(':') ||
      !digits(2, &offset_minutes) || offset_hours > 23 || offset_minutes > 59 ||
      i != text.size()) {
    return false;
  }

  // A Timestamp runs from 0001-01-01 to 9999-12-31 in UTC, so an offset
  // can take the first and the last day out of range.
  const int utc_minutes =
      hour * 60 + minute - sign * (offset_hours * 60 + offset_minutes);
  const bool first_day = year == 1 && month == 1 && day == 1;
  const bool last_day = year == 9999 && month == 12 && day == 31;
  return !(first_day && utc_minutes < 0) &&
         !(last_day && utc_minutes >= 24 * 60);
}

// Reports a member of the request, or a value in one, written in another
// JSON form than TrainingPipeline has for it, which the API rejects. `key`
// is the member's key as written, and `name` its JSON name.
SEGFORM_COLD void ReportRequestWrongType(
    const std::string& pointer, internal::Span span, std::string_view key,
    std::string_view name, std::string_view expected, std::string_view actual,
    std::string_view hint, FindingSink& sink) {
  if (sink.CutByCap(Severity::kWarning, span, pointer)) return;
  Finding& finding =
      sink.Add(Severity::kWarning, "pipeline.wrong_type", pointer, span,
               internal::Format("the request's {} must be {}; got {}",
                                {internal::Quoted(key), expected, actual}),
               std::string(hint));
  finding.params.Set(Param::kKey, name);
  finding.params.Set(Param::kExpected, expected);
  finding.params.Set(Param::kActual, actual);
}

// RFC 3339 also allows a lower-case t and z and a leap second, which the
// protobuf parsers reject, so the form is named as proto3 JSON's.
constexpr std::string_view kTimeForm = "a time in proto3 JSON's RFC 3339 form";
constexpr std::string_view kTimeHint =
    "Write a time such as \"2026-12-05T10:00:00Z\": an upper-case T, seconds "
    "up to 59, and Z or an offset such as +01:00 at the end.";

// Checks the JSON form of each member of the request that TrainingPipeline
// has (RequestValueKind). null means not set, for any member. The
// trainingTaskDefinition and trainingTaskInputs have checks of their own.
SEGFORM_COLD void CheckRequestMemberValues(std::string_view text,
                                           const RawDocument& document,
                                           FindingSink& sink) {
  for (const RawMember& member : document.members) {
    const std::string_view name = internal::RequestMemberName(member.key);
    const internal::RawValue& value = member.value;
    if (name.empty() || value.kind == ValueKind::kNull ||
        name == kPipelineDefinitionKeys[0]) {
      continue;
    }
    const auto declared = std::find_if(
        TrainingPipelineMembers().begin(), TrainingPipelineMembers().end(),
        [&](const RequestMemberDecl& decl) { return decl.json_name == name; });
    const std::string pointer = internal::MemberPointer(member.key);
    const std::string_view actual = internal::KindName(value.kind);
    switch (declared->kind) {
      case RequestValueKind::kString:
        if (value.kind != ValueKind::kString) {
          ReportRequestWrongType(pointer, value.span, member.key, name,
                                 "a string", actual,
                                 "Write the value in double quotes.", sink);
        }
        break;
      case RequestValueKind::kMessage:
        if (value.kind != ValueKind::kObject) {
          ReportRequestWrongType(
              pointer, value.span, member.key, name, "an object", actual,
              "Write an object in braces, { }, with its fields inside.", sink);
        }
        break;
      case RequestValueKind::kEnum: {
        // A number must be a whole int32, as for the model type.
        const bool int32 =
            value.kind == ValueKind::kNumber &&
            internal::ReadIntegerNumber(value.text,
                                        std::numeric_limits<int32_t>::min(),
                                        std::numeric_limits<int32_t>::max())
                    .verdict == internal::IntegerReading::Verdict::kAccepted;
        // A name must be one of the enum's: Python rejects another, and
        // only Python reads a string of digits.
        const std::vector<std::string_view>& names = declared->enum_names;
        const bool known_name =
            value.kind == ValueKind::kString &&
            std::find(names.begin(), names.end(), value.text) != names.end();
        if (!known_name && !int32) {
          ReportRequestWrongType(pointer, value.span, member.key, name,
                                 "one of its enum names or an int32 number",
                                 value.kind == ValueKind::kString
                                     ? internal::QuoteForMessage(value.text)
                                 : value.kind == ValueKind::kNumber
                                     ? internal::ShowValue(value)
                                     : std::string(actual),
                                 internal::Format("Write one of {}.",
                                                  {internal::JoinNames(names)}),
                                 sink);
        }
        break;
      }
      case RequestValueKind::kTimestamp:
        if (value.kind != ValueKind::kString) {
          ReportRequestWrongType(pointer, value.span, member.key, name,
                                 kTimeForm, actual, kTimeHint, sink);
        } else if (!IsRfc3339Time(value.text)) {
          ReportRequestWrongType(
              pointer, value.span, member.key, name, kTimeForm,
              internal::QuoteForMessage(value.text), kTimeHint, sink);
        }
        break;
      case RequestValueKind::kStringMap: {
        if (value.kind != ValueKind::kObject) {
          ReportRequestWrongType(
              pointer, value.span, member.key, name, "an object of strings",
              actual, "Write an object such as {\"team\": \"vision\"}.", sink);
          break;
        }
        const std::optional<RawDocument> map = internal::ScanJsonText(
            text.substr(value.span.begin, value.span.end - value.span.begin));
        if (!map) break;
        for (const RawMember& entry : map->members) {
          if (entry.value.kind == ValueKind::kString) continue;
          const internal::Span span = {
              value.span.begin + entry.value.span.begin,
              value.span.begin + entry.value.span.end};
          ReportRequestWrongType(
              pointer + internal::MemberPointer(entry.key), span, member.key,
              name, "an object of strings",
              internal::KindName(entry.value.kind),
              "Write each value as text in double quotes, or remove the label.",
              sink);
        }
        break;
      }
      case RequestValueKind::kAnyValue:
        break;
    }
  }
}

// Returns true when the object has a trainingTaskDefinition, in either
// spelling, and no field of the training inputs: a pipeline request whose
// trainingTaskInputs are missing. Other members of TrainingPipeline, such
// as "name" or "labels", are keys that inputs may have as unknown fields.
bool LooksLikePipelineWithoutInputs(const RawDocument& document) {
  // Most texts are inputs without a definition, which the first scan ends.
  if (FindMember(document, kPipelineDefinitionKeys) == nullptr) return false;
  return std::none_of(
      document.members.begin(), document.members.end(),
      [](const RawMember& member) {
        return ImageSegmentationInputsDecl().FindField(member.key) != nullptr;
      });
}

bool IsCreatePipelineKey(std::string_view key) {
  return key == kCreatePipelineKeys[0] || key == kCreatePipelineKeys[1];
}

// Returns the one name that a key of a request is counted under, whichever
// of its two spellings it has: a create request's trainingPipeline, a member
// of a training pipeline, or a field of the inputs written beside them.
// Any other key is its own name.
std::string_view OneSpelling(std::string_view key) {
  if (IsCreatePipelineKey(key)) return kCreatePipelineKeys[0];
  const std::string_view member = internal::RequestMemberName(key);
  if (!member.empty()) return member;
  const FieldDecl* field = ImageSegmentationInputsDecl().FindField(key);
  return field != nullptr ? field->json_name : key;
}

// Returns the first trainingPipeline member of a pipeline request, which
// is then inside a create request's trainingPipeline, since one at the top
// level makes the text a create request. Only an object counts, and with
// `holding_inputs`, only one with trainingTaskInputs in it.
const RawMember* FindNestedPipeline(std::string_view text,
                                    const RawDocument& document,
                                    bool holding_inputs) {
  for (const RawMember& member : document.members) {
    // One that is not an object has no members to move up.
    if (!IsCreatePipelineKey(member.key) ||
        member.value.kind != ValueKind::kObject) {
      continue;
    }
    if (!holding_inputs) return &member;
    // The document contains the top-level members alone, so the nested
    // object is scanned for its own.
    const internal::Span span = member.value.span;
    const std::optional<RawDocument> nested =
        internal::ScanJsonText(text.substr(span.begin, span.end - span.begin));
    if (nested && FindMember(*nested, kPipelineInputsKeys) != nullptr) {
      return &member;
    }
  }
  return nullptr;
}

// Reports a pipeline request without trainingTaskInputs: at a
// trainingPipeline in it that contains them one level too deep, or at a key
// close to that name, which the fix is to rename, or at any
// trainingPipeline in it, or else at the opening brace. Returns the member
// of that key, which needs no finding of its own, or nullptr.
SEGFORM_COLD const RawMember* ReportMissingInputs(std::string_view text,
                                                  const RawDocument& document,
                                                  Envelope envelope,
                                                  FindingSink& sink) {
  const auto report_nested = [&sink](const RawMember& member) {
    const std::string inner =
        internal::SpelledLikeKey(member.key, kCreatePipelineKeys[0]);
    Finding& finding = sink.Add(
        Severity::kError, "pipeline.missing_inputs",
        internal::MemberPointer(member.key), member.key_span,
        internal::Format("this training pipeline request has no "
                         "trainingTaskInputs, the training inputs that "
                         "segform checks; it has a {} in it, a training "
                         "pipeline nested in this one",
                         {internal::Quoted(member.key)}),
        internal::Format("Move the members of the inner {} up into this "
                         "one, and remove the inner one.",
                         {inner}));
    finding.params.Set(Param::kKey, internal::kPipelineInputsKey);
    return &member;
  };
  // A pipeline already nested is not searched for a further one that contains
  // inputs: each level would scan all that it contains again.
  if (envelope != Envelope::kNestedPipeline) {
    if (const RawMember* nested = FindNestedPipeline(text, document, true)) {
      return report_nested(*nested);
    }
  }
  const std::vector<std::string_view> inputs_key = {
      internal::kPipelineInputsKey};
  for (const RawMember& member : document.members) {
    if (internal::ClosestName(member.key, inputs_key).empty()) continue;
    const std::string spelled =
        internal::SpelledLikeKey(member.key, internal::kPipelineInputsKey);
    Finding& finding = sink.Add(
        Severity::kError, "pipeline.missing_inputs",
        internal::MemberPointer(member.key), member.key_span,
        internal::Format("this training pipeline request has no "
                         "trainingTaskInputs, the training inputs that "
                         "segform checks; {} is close to that name",
                         {internal::Quoted(member.key)}),
        internal::Format(
            "Rename it to \"{}\".{}",
            {spelled, internal::UnusualCharacterNote("key", member.key)}));
    finding.params.Set(Param::kKey, internal::kPipelineInputsKey);
    finding.params.Set(Param::kSuggestion, spelled);
    return &member;
  }
  if (const RawMember* nested = FindNestedPipeline(text, document, false)) {
    return report_nested(*nested);
  }
  Finding& finding = sink.Add(
      Severity::kError, "pipeline.missing_inputs", "",
      {document.top.span.begin, document.top.span.begin + 1},
      "this training pipeline request has no trainingTaskInputs, the "
      "training inputs that segform checks",
      "Add \"trainingTaskInputs\": { } to the request, with the inputs in it.");
  finding.params.Set(Param::kKey, internal::kPipelineInputsKey);
  return nullptr;
}

// Checks the trainingTaskInputs of a training pipeline request as the
// message, and reports the findings at their places in the whole request.
// inputs_member is null for a request without them, which is an error.
SEGFORM_COLD ValidationResult
CheckPipelineRequest(std::string_view text, const RawDocument& document,
                     const RawMember* inputs_member,
                     const ValidateOptions& options, Envelope envelope) {
  FindingSink sink(text);
  const std::string inputs_pointer = internal::MemberPointer(
      inputs_member != nullptr ? inputs_member->key
                               : internal::kPipelineInputsKey);
  if (inputs_member != nullptr &&
      inputs_member->value.kind == ValueKind::kObject) {
    Finding& note = sink.Add(
        Severity::kInfo, "pipeline.request", inputs_pointer,
        inputs_member->key_span,
        "this is a training pipeline request; its trainingTaskInputs are "
        "checked");
    note.params.Set(Param::kKey, inputs_member->key);
  }
  // The key that the missing inputs' error names as misspelt.
  const RawMember* misspelt_inputs =
      inputs_member == nullptr
          ? ReportMissingInputs(text, document, envelope, sink)
          : nullptr;

  // The request's own members. None may be set twice, under either
  // spelling. A field of the training inputs outside trainingTaskInputs is
  // not read as one.
  // A nested trainingPipeline under both spellings is set twice too.
  const auto spelled = OneSpelling;
  // The request's own errors leave its inputs' canonical JSON alone, except
  // these two, which make it unclear what the inputs are: a second
  // trainingTaskInputs, and a field of the inputs written beside them.
  bool inputs_in_doubt = false;
  const std::vector<std::string_view> absent = AbsentNames(
      TrainingPipelineFieldNames(), document, internal::RequestMemberName);
  SeenNames seen = CountNames(document, spelled);
  std::map<std::string_view, std::string_view> suggested;
  std::map<std::string_view, std::string_view> written_keys;
  for (const RawMember& member : document.members) {
    const std::string_view name = spelled(member.key);
    if (!IsFirstOfItsName(seen, name, member, sink)) {
      inputs_in_doubt = inputs_in_doubt || name == internal::kPipelineInputsKey;
      continue;
    }
    if (ImageSegmentationInputsDecl().FindField(member.key) != nullptr) {
      inputs_in_doubt = true;
      ReportMisplacedMember(member, "a field of the training inputs",
                            "trainingTaskInputs", sink);
      continue;
    }
    if (internal::RequestMemberName(member.key).empty() &&
        &member != misspelt_inputs) {
      // A parent here is a CreateTrainingPipelineRequest's without the
      // trainingPipeline that should wrap the rest. A trainingPipeline here
      // is inside a create request's trainingPipeline, since one at the
      // top level makes the text a create request.
      std::string_view hint =
          "Remove it, or move it to the message it belongs to.";
      if (member.key == internal::kCreateParentKey) {
        hint =
            "It is a member of a CreateTrainingPipelineRequest: put the "
            "other members in its \"trainingPipeline\", beside the parent, "
            "or remove it.";
      } else if (IsCreatePipelineKey(member.key)) {
        hint = member.value.kind == ValueKind::kObject
                   ? "A training pipeline is nested in this one: move what it "
                     "adds up into this one, and remove it."
                   : "A training pipeline does not hold another one: remove "
                     "it.";
      }
      ReportUnknownRequestMember(document, member, "training pipeline request",
                                 TrainingPipelineFieldNames(), absent,
                                 suggested, written_keys, hint, sink);
    }
  }
  // A second trainingTaskInputs is checked too, as the user may keep
  // either. Keys set twice deeper down are reported here, except inside
  // the inputs objects, whose own checks report them, the first one's
  // below. Those inside an array given as the inputs are reported here.
  CheckedSpans checked = CheckEveryCopy(
      text, document, inputs_member, internal::kPipelineInputsKey, spelled,
      Envelope::kNone, ReportInputsNotObject, options, sink);
  // A pipeline nested twice, and each later copy of it, is checked where it
  // is, so that its findings come with the error that names it. The
  // members the API requires are looked for in both levels, here. One
  // level is checked: each would scan all that it contains again, and a
  // pipeline nested deeper is named by the error alone.
  const RawMember* const nested_pipeline =
      envelope != Envelope::kNestedPipeline && misspelt_inputs != nullptr &&
              IsCreatePipelineKey(misspelt_inputs->key)
          ? misspelt_inputs
          : nullptr;
  ValidationResult nested;
  std::optional<RawDocument> nested_document;
  if (nested_pipeline != nullptr) {
    const auto spelled_pipeline = [](std::string_view key) {
      return IsCreatePipelineKey(key) ? kCreatePipelineKeys[0] : key;
    };
    // A later copy that is not an object gets the error for a member set
    // twice alone: the not-an-object error's hint would keep it nested.
    const auto report_nothing = [](const RawMember&, FindingSink&) {};
    const CheckedSpans nested_checked =
        CheckEveryCopy(text, document, nested_pipeline, kCreatePipelineKeys[0],
                       spelled_pipeline, Envelope::kNestedPipeline,
                       report_nothing, options, sink);
    // Merged in text order, as IsInside needs. std::merge, not std::sort,
    // which would add a second sort instance to the module.
    CheckedSpans merged(checked.size() + nested_checked.size());
    std::merge(
        checked.begin(), checked.end(), nested_checked.begin(),
        nested_checked.end(), merged.begin(),
        [](internal::Span a, internal::Span b) { return a.begin < b.begin; });
    checked = std::move(merged);
    // With two nested pipelines, or a key close to trainingTaskInputs
    // beside one, it is unclear which inputs are meant.
    const std::vector<std::string_view> inputs_key = {
        internal::kPipelineInputsKey};
    if (std::count_if(document.members.begin(), document.members.end(),
                      [](const RawMember& member) {
                        return IsCreatePipelineKey(member.key);
                      }) > 1 ||
        std::any_of(
            document.members.begin(), document.members.end(),
            [&inputs_key](const RawMember& member) {
              return !internal::ClosestName(member.key, inputs_key).empty();
            })) {
      inputs_in_doubt = true;
    }
    if (nested_pipeline->value.kind == ValueKind::kObject) {
      const internal::Span span = nested_pipeline->value.span;
      nested_document = internal::ScanJsonText(
          text.substr(span.begin, span.end - span.begin));
      nested = CheckText(text.substr(span.begin, span.end - span.begin),
                         options, Envelope::kNestedPipeline);
      MergeInnerResult(text, span,
                       internal::MemberPointer(nested_pipeline->key), nested,
                       sink);
    }
  }
  ReportNestedDuplicatesOutside(document, checked, sink);
  ReportLongIntegersOutside(text, document, checked, sink);
  ReportPlaceholders(text, document, checked, sink);

  // The API rejects a request without the fields TrainingPipeline marks
  // required. This is only a warning, because segform checks and exports
  // the inputs in the request. A pipeline request exported from the page
  // keeps the request as written.
  const std::string_view uri = ImageSegmentationInputsDecl().schema_uri;
  const struct {
    const std::string_view (&keys)[2];
    std::string hint;
  } required[] = {
      {kPipelineDisplayNameKeys,
       "\"displayName\": \"...\", the name the pipeline is listed under."},
      {kPipelineDefinitionKeys,
       internal::Format("\"trainingTaskDefinition\": \"{}\".", {uri})},
  };
  for (const auto& field : required) {
    // A nested pipeline's members are looked for by the level above, which
    // also contains them.
    if (envelope == Envelope::kNestedPipeline) break;
    // proto3 reads null and "" as not set, so they count as missing. Each
    // value of a field set twice is checked, as either may be kept, and one
    // set to null or "" is reported at its value, in either level of a
    // pipeline nested twice. `offset` and `prefix` place a nested level's
    // members in the whole text.
    const auto check_values = [&](const RawDocument& level, size_t offset,
                                  const std::string& prefix) {
      bool found = false;
      for (const RawMember& member : level.members) {
        if (member.key != field.keys[0] && member.key != field.keys[1]) {
          continue;
        }
        found = true;
        if (!IsUnsetString(member.value)) continue;
        Finding& finding = sink.Add(
            Severity::kWarning, "pipeline.missing_field",
            prefix + internal::MemberPointer(member.key),
            {offset + member.value.span.begin, offset + member.value.span.end},
            internal::Format("the request's {} is {}, which the API reads "
                             "as not set; it requires one to create a "
                             "training pipeline",
                             {member.key, UnsetWord(member.value)}),
            internal::Format("Set it: {}", {field.hint}));
        finding.params.Set(Param::kKey, field.keys[0]);
      }
      return found;
    };
    bool found = check_values(document, 0, "");
    if (nested_document) {
      found = check_values(*nested_document, nested_pipeline->value.span.begin,
                           internal::MemberPointer(nested_pipeline->key)) ||
              found;
    }
    if (found) continue;
    // An absent field is reported at the request's opening brace.
    Finding& finding = sink.Add(
        Severity::kWarning, "pipeline.missing_field", "",
        {document.top.span.begin, document.top.span.begin + 1},
        internal::Format("the request has no {}, which the API requires to "
                         "create a training pipeline",
                         {field.keys[0]}),
        internal::Format("Add {}", {field.hint}));
    finding.params.Set(Param::kKey, field.keys[0]);
  }

  CheckRequestMemberValues(text, document, sink);

  // A definition set to null or "" got the missing-field warning above.
  // Each value of one set twice is checked, as either may be kept.
  for (const RawMember& definition : document.members) {
    if (definition.key != kPipelineDefinitionKeys[0] &&
        definition.key != kPipelineDefinitionKeys[1]) {
      continue;
    }
    const internal::RawValue& value = definition.value;
    if (!IsUnsetString(value) &&
        (value.kind != ValueKind::kString || value.text != uri)) {
      Finding& finding = sink.Add(
          Severity::kError, "pipeline.task_definition",
          internal::MemberPointer(definition.key), definition.value.span,
          internal::Format(
              "trainingTaskDefinition must be the image segmentation "
              "schema; got {}",
              {value.kind == ValueKind::kObject ||
                       value.kind == ValueKind::kArray
                   ? std::string(internal::KindName(value.kind))
                   : DescribeDefinition(value, uri)}),
          internal::Format("Use \"{}\".", {uri}));
      finding.params.Set(Param::kExpected, uri);
      finding.params.Set(
          Param::kActual,
          value.kind == ValueKind::kObject || value.kind == ValueKind::kArray
              ? std::string(internal::KindName(value.kind))
              : value.text);
      // The inputs are another task's, so they are not printed or exported
      // as image segmentation inputs.
      inputs_in_doubt = true;
    }
  }

  ValidationResult result;
  if (inputs_member != nullptr) {
    const internal::Span span = inputs_member->value.span;
    if (inputs_member->value.kind != ValueKind::kObject) {
      ReportInputsNotObject(*inputs_member, sink);
    } else {
      result = CheckText(text.substr(span.begin, span.end - span.begin),
                         options, Envelope::kNone);
      MergeInnerResult(text, span, inputs_pointer, result, sink);
    }
  }
  std::string inputs_path = inputs_pointer;
  if (inputs_member == nullptr && nested_pipeline != nullptr &&
      nested_pipeline->value.kind == ValueKind::kObject &&
      nested.object_span.has_value()) {
    // The nested pipeline's inputs are the only ones, so the form shows
    // them where they are.
    inputs_path =
        internal::MemberPointer(nested_pipeline->key) + nested.inputs_path;
    result = std::move(nested);
  }
  // The inner check left the canonical JSON empty if the inputs have an
  // error of their own.
  if (inputs_in_doubt) result.canonical_json.clear();
  TakeFindings(sink, result);
  result.pipeline_request = true;
  result.inputs_path = std::move(inputs_path);
  return result;
}

// Returns true for a location's resource name, "projects/P/locations/L".
// A project is named by its ID (lower-case letters, digits and '-', with
// '.' and ':' in the IDs of domain-scoped projects) or its number, and a
// location by a region ID such as "us-central1".
bool IsLocationName(std::string_view name) {
  const auto segment = [&name](std::string_view collection,
                               std::string_view extra) {
    if (name.substr(0, collection.size()) != collection) return false;
    name.remove_prefix(collection.size());
    const auto allowed = [extra](char c) {
      return (c >= 'a' && c <= 'z') || internal::IsAsciiDigit(c) || c == '-' ||
             extra.find(c) != std::string_view::npos;
    };
    const size_t end = static_cast<size_t>(
        std::find_if_not(name.begin(), name.end(), allowed) - name.begin());
    if (end == 0) return false;
    name.remove_prefix(end);
    return true;
  };
  return segment("projects/", ".:") && segment("/locations/", "") &&
         name.empty();
}

// Checks one value of a request's parent, or its absence when parent is
// null.
SEGFORM_COLD void CheckParentValue(const RawDocument& document,
                                   const RawMember* parent, FindingSink& sink) {
  if (parent == nullptr || IsUnsetString(parent->value)) {
    Finding& finding =
        parent == nullptr
            ? sink.Add(
                  Severity::kWarning, "pipeline.missing_field", "",
                  {document.top.span.begin, document.top.span.begin + 1},
                  "the request has no parent, the location that the "
                  "client libraries require to create the pipeline in",
                  "Add \"parent\": \"projects/PROJECT/locations/LOCATION\".")
            : sink.Add(Severity::kWarning, "pipeline.missing_field", "/parent",
                       parent->value.span,
                       internal::Format(
                           "the request's parent is {}, where the client "
                           "libraries require the location to create the "
                           "pipeline in",
                           {UnsetWord(parent->value)}),
                       "Write \"projects/PROJECT/locations/LOCATION\".");
    finding.params.Set(Param::kKey, internal::kCreateParentKey);
    return;
  }
  if (parent->value.kind != ValueKind::kString) {
    Finding& finding = sink.Add(
        Severity::kWarning, "pipeline.wrong_type", "/parent",
        parent->value.span,
        internal::Format("the request's parent must be a string; got {}",
                         {internal::KindName(parent->value.kind)}),
        "Write \"projects/PROJECT/locations/LOCATION\".");
    finding.params.Set(Param::kKey, internal::kCreateParentKey);
    finding.params.Set(Param::kExpected, "a string");
    finding.params.Set(Param::kActual, internal::KindName(parent->value.kind));
    return;
  }
  // A placeholder left in gets the placeholder's warning alone.
  const bool placeholder =
      parent->value.text.substr(0, internal::kPlaceholderPrefix.size()) ==
      internal::kPlaceholderPrefix;
  if (!placeholder && !IsLocationName(parent->value.text)) {
    Finding& finding = sink.Add(
        Severity::kWarning, "pipeline.invalid_parent", "/parent",
        parent->value.span,
        internal::Format("the request's parent {} is not a location name",
                         {internal::Quoted(parent->value.text)}),
        "Write projects/PROJECT/locations/LOCATION, for example "
        "\"projects/my-project/locations/us-central1\".");
    finding.params.Set(Param::kActual, parent->value.text);
  }
}

// Checks the parent of a CreateTrainingPipelineRequest, the location the
// pipeline is created in. Like the request's other members, it gets
// warnings only, since segform checks and exports the inputs in it.
void CheckRequestParent(const RawDocument& document, FindingSink& sink) {
  // Each value of a parent set twice is checked, as either may be kept.
  bool found = false;
  for (const RawMember& member : document.members) {
    if (member.key != internal::kCreateParentKey) continue;
    CheckParentValue(document, &member, sink);
    found = true;
  }
  if (!found) CheckParentValue(document, nullptr, sink);
}

// Checks a CreateTrainingPipelineRequest, as the client libraries take it:
// a parent and a training pipeline, which is checked as a request of its
// own.
SEGFORM_COLD ValidationResult CheckCreateRequest(
    std::string_view text, const RawDocument& document,
    const RawMember& pipeline_member, const ValidateOptions& options) {
  const internal::Span span = pipeline_member.value.span;
  const std::string pointer = internal::MemberPointer(pipeline_member.key);
  const bool is_object = pipeline_member.value.kind == ValueKind::kObject;
  ValidationResult result;
  if (is_object) {
    result = CheckText(text.substr(span.begin, span.end - span.begin), options,
                       Envelope::kPipeline);
  }

  FindingSink sink(text);
  // These make it unclear which inputs are meant: a second pipeline, and
  // inputs or a field of them written beside the pipeline.
  bool inputs_in_doubt = false;
  const auto spelled = OneSpelling;
  const std::vector<std::string_view> members = {internal::kCreateParentKey,
                                                 kCreatePipelineKeys[0]};
  const std::vector<std::string_view> absent =
      AbsentNames(members, document, spelled);
  SeenNames seen = CountNames(document, spelled);
  std::map<std::string_view, std::string_view> suggested;
  std::map<std::string_view, std::string_view> written_keys;
  for (const RawMember& member : document.members) {
    const std::string_view name = spelled(member.key);
    if (!IsFirstOfItsName(seen, name, member, sink)) {
      inputs_in_doubt = inputs_in_doubt || name == kCreatePipelineKeys[0];
      continue;
    }
    if (name == kCreatePipelineKeys[0] || name == internal::kCreateParentKey)
      continue;
    if (ImageSegmentationInputsDecl().FindField(member.key) != nullptr) {
      inputs_in_doubt = true;
      ReportMisplacedMember(member, "a field of the training inputs",
                            "trainingPipeline's trainingTaskInputs", sink);
      continue;
    }
    if (const std::string_view pipeline_member =
            internal::RequestMemberName(member.key);
        !pipeline_member.empty()) {
      inputs_in_doubt =
          inputs_in_doubt || pipeline_member == internal::kPipelineInputsKey;
      ReportMisplacedMember(member, "a member of the training pipeline",
                            "trainingPipeline", sink);
      continue;
    }
    ReportUnknownRequestMember(
        document, member, "CreateTrainingPipelineRequest", members, absent,
        suggested, written_keys, "Remove it, or move it into trainingPipeline.",
        sink);
  }
  CheckRequestParent(document, sink);

  // A second trainingPipeline is checked too, as the user may keep either.
  const CheckedSpans checked = CheckEveryCopy(
      text, document, &pipeline_member, kCreatePipelineKeys[0], spelled,
      Envelope::kPipeline, ReportPipelineNotObject, options, sink);
  ReportNestedDuplicatesOutside(document, checked, sink);
  ReportLongIntegersOutside(text, document, checked, sink);
  ReportPlaceholders(text, document, checked, sink);
  if (is_object) {
    MergeInnerResult(text, span, pointer, result, sink);
    if (inputs_in_doubt) result.canonical_json.clear();
    TakeFindings(sink, result);
    result.inputs_path = pointer + result.inputs_path;
    return result;
  }
  // No inputs to check: the pipeline is not an object. (An object is read
  // as a pipeline request whatever it contains, missing inputs included.)
  ReportPipelineNotObject(pipeline_member, sink);
  result = ValidationResult();
  TakeFindings(sink, result);
  result.pipeline_request = true;
  result.inputs_path =
      pointer + internal::MemberPointer(internal::kPipelineInputsKey);
  return result;
}

SEGFORM_COLD ValidationResult WideEncodingResult(std::string_view text,
                                                 std::string_view encoding) {
  ValidationResult result;
  FindingSink sink(text);
  // The span is the first code unit: two bytes in UTF-16, four in UTF-32.
  const bool utf16 = encoding == "UTF-16";
  Finding& finding =
      sink.Add(Severity::kError, utf16 ? "file.utf16" : "file.utf32", "",
               {0, utf16 ? size_t{2} : size_t{4}},
               internal::Format("the file is {} text; segform reads UTF-8 only",
                                {encoding}),
               "Save the file as UTF-8.");
  finding.params.Set(Param::kEncoding, encoding);
  TakeFindings(sink, result);
  return result;
}

SEGFORM_COLD void ReportNotObject(const internal::RawValue& top,
                                  FindingSink& sink) {
  // The example is an object, since wrapping an array or a value in
  // braces, as in {[]}, is not JSON.
  const FieldDecl& example = ImageSegmentationInputsDecl().fields.front();
  sink.Add(Severity::kError, "message.not_object", "", top.span,
           internal::Format("the top level must be a JSON object holding "
                            "the fields of {}; got {}",
                            {ImageSegmentationInputsDecl().name,
                             internal::KindName(top.kind)}),
           internal::Format("Write the inputs as one JSON object, such as "
                            "{\"{}\": \"{}\"}.",
                            {example.json_name, example.service_default}));
}

ValidationResult CheckText(std::string_view text,
                           const ValidateOptions& options, Envelope envelope) {
  ValidationResult result;
  // The size comes first, so that the JavaScript side, which checks it
  // before copying the text, reports the same finding.
  if (text.size() > kMaxTextBytes) return OversizeResult(text.size());
  if (options.input_is_file) {
    const std::string_view encoding = WideEncoding(text);
    if (!encoding.empty()) return WideEncodingResult(text, encoding);
  }

  FindingSink sink(text);
  // A request goes to a check of its own below, with a sink of its own.
  sink.MarkTextAsInputs();
  const std::optional<RawDocument> document =
      internal::ReadJsonText(text, sink);
  if (!document) {
    TakeFindings(sink, result);
    return result;
  }
  if (document->top.kind != ValueKind::kObject) {
    ReportNotObject(document->top, sink);
    TakeFindings(sink, result);
    return result;
  }
  // A trainingPipeline member makes the text a CreateTrainingPipelineRequest,
  // even beside a trainingTaskInputs, which it then reports as misplaced.
  if (envelope == Envelope::kCreateRequest) {
    if (const RawMember* pipeline =
            FindMember(*document, kCreatePipelineKeys)) {
      return CheckCreateRequest(text, *document, *pipeline, options);
    }
  }
  if (envelope != Envelope::kNone) {
    if (const RawMember* inputs = FindMember(*document, kPipelineInputsKeys)) {
      return CheckPipelineRequest(text, *document, inputs, options, envelope);
    }
    // A create request's pipeline is one whatever it contains, and a key close
    // to trainingTaskInputs in it gets the rename.
    if (envelope == Envelope::kPipeline ||
        envelope == Envelope::kNestedPipeline ||
        LooksLikePipelineWithoutInputs(*document)) {
      return CheckPipelineRequest(text, *document, nullptr, options, envelope);
    }
  }

  const internal::FieldValues values =
      internal::ReadFields(ImageSegmentationInputsDecl(), *document, options,
                           envelope != Envelope::kNone, sink);
  internal::CheckSegmentationRules(values, sink);

  ImageSegmentationInputs inputs;
  FillInputs(values, inputs);
  FillFormValues(values.first, *document, text, result);
  FillMemberSpans(*document, text, sink.ascii_prefix(), result);
  if (!sink.has_error()) {
    result.canonical_json = inputs.ToJsonText(2);
    result.canonical_json.push_back('\n');
  }
  result.inputs = std::move(inputs);
  TakeFindings(sink, result);
  return result;
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

bool ValidationResult::ok() const { return error_count() == 0; }

size_t ValidationResult::error_count() const {
  return cut_error_count +
         static_cast<size_t>(std::count_if(
             findings.begin(), findings.end(),
             [](const Finding& f) { return f.severity == Severity::kError; }));
}

ValidationResult Validate(std::string_view text,
                          const ValidateOptions& options) {
  size_t skipped_prefix = 0;
  if (options.input_is_file && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
    skipped_prefix = 3;
  }
  ValidationResult result = CheckText(text, options);
  result.skipped_prefix = skipped_prefix;
  // A second byte-order mark follows the one dropped above. The message
  // names it, because the first is allowed and the second is the error.
  if (skipped_prefix > 0 && !result.findings.empty() &&
      result.findings[0].code == "json.byte_order_mark") {
    result.findings[0].message =
        "invalid JSON: a second UTF-8 byte-order mark follows the file's "
        "first";
    result.findings[0].hint =
        "Remove the second byte-order mark (U+FEFF). A file may start with "
        "one.";
  }
  return result;
}

ValidationResult ValidateJson(const nlohmann::json& value) {
  ValidationResult result;
  // A value nested too deep would overflow the stack of dump() below, and
  // NaN, infinity, binary and discarded values have no JSON text, so dump()
  // would write something the caller never gave. These are found first.
  std::string path;
  if (const std::optional<UnwritableValue> unwritable =
          FindUnwritableValue(value, 0, path)) {
    internal::FindingSink sink("");
    Finding& finding = sink.Add(
        Severity::kError, std::string(unwritable->code), std::move(path),
        {0, 0}, std::move(unwritable->message), std::string(unwritable->hint));
    if (unwritable->code == "json.too_deep") {
      finding.params.Set(Param::kMax, kMaxNestingDepth);
    }
    TakeFindings(sink, result);
  } else {
    // One reading path for every input: write the value as text and read
    // it back. Strings that are not valid UTF-8 become U+FFFD instead of
    // throwing. Spans would be in that text, which the caller does not get.
    result = Validate(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    result.member_spans.clear();
    result.object_span.reset();
  }
  for (Finding& finding : result.findings) {
    finding.line = 0;
    finding.column = 0;
    finding.begin = 0;
    finding.end = 0;
    finding.utf16_begin = 0;
    finding.utf16_end = 0;
  }
  return result;
}

std::optional<ImageSegmentationInputs> FromJsonText(std::string_view text) {
  ValidationResult result = Validate(text);
  if (!result.ok()) return std::nullopt;
  return std::move(result.inputs);
}

std::optional<ImageSegmentationInputs> FromJson(const nlohmann::json& value) {
  ValidationResult result = ValidateJson(value);
  if (!result.ok()) return std::nullopt;
  return std::move(result.inputs);
}

nlohmann::ordered_json FindingsToJson(const std::vector<Finding>& findings) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const Finding& finding : findings) {
    nlohmann::ordered_json object;
    object["severity"] = SeverityName(finding.severity);
    object["code"] = finding.code;
    object["path"] = finding.path;
    object["line"] = finding.line;
    object["column"] = finding.column;
    object["begin"] = finding.begin;
    object["end"] = finding.end;
    object["utf16Begin"] = finding.utf16_begin;
    object["utf16End"] = finding.utf16_end;
    object["message"] = finding.message;
    if (!finding.hint.empty()) object["hint"] = finding.hint;
    object["params"] = finding.params.ToJson();
    array.push_back(std::move(object));
  }
  return array;
}

SEGFORM_COLD ValidationResult OversizeResult(uint64_t text_bytes,
                                             bool size_is_lower_bound) {
  ValidationResult result;
  FindingSink sink("");
  Finding& finding = sink.Add(
      Severity::kError, "json.too_large", "", {0, 0},
      internal::Format(
          "the text is {}{} bytes; at most {} bytes (1 MiB) are read",
          {size_is_lower_bound ? "at least " : "",
           internal::WithThousands(std::to_string(text_bytes)),
           internal::WithThousands(static_cast<int64_t>(kMaxTextBytes))}),
      "These training inputs fit in a few hundred bytes: check that this is "
      "the text you meant to check.");
  // The param is an int64, which no real size exceeds. Past it, the size
  // is cut to the largest int64 rather than wrapped to a negative number.
  finding.params.Set(Param::kSize,
                     static_cast<int64_t>(std::min<uint64_t>(
                         text_bytes, std::numeric_limits<int64_t>::max())));
  finding.params.Set(Param::kMax, kMaxTextBytes);
  TakeFindings(sink, result);
  return result;
}

nlohmann::ordered_json DescribeLimits() {
  return {{"maxTextBytes", kMaxTextBytes},
          {"maxNestingDepth", kMaxNestingDepth},
          {"maxFindings", kMaxFindings}};
}

nlohmann::ordered_json ResultToJson(const ValidationResult& result) {
  nlohmann::ordered_json object;
  object["ok"] = result.ok();
  object["errorCount"] = result.error_count();
  object["findings"] = FindingsToJson(result.findings);
  object["canonicalJson"] = result.canonical_json;
  nlohmann::ordered_json form_values = nlohmann::ordered_json::object();
  for (const auto& [name, value] : result.form_values) {
    form_values[name] = value;
  }
  object["formValues"] = std::move(form_values);
  nlohmann::ordered_json unknown = nlohmann::ordered_json::array();
  for (const UnknownField& field : result.unknown_fields) {
    unknown.push_back({{"key", field.key}, {"valueJson", field.value_json}});
  }
  object["unknownFields"] = std::move(unknown);
  object["unknownFieldCount"] = result.unknown_field_count;
  object["skippedPrefix"] = result.skipped_prefix;
  object["pipelineRequest"] = result.pipeline_request;
  object["inputsPath"] = result.inputs_path;
  nlohmann::ordered_json spans = nlohmann::ordered_json::array();
  for (const MemberSpan& member : result.member_spans) {
    spans.push_back(
        {{"key", member.key},
         {"field", member.field.empty() ? nlohmann::ordered_json()
                                        : nlohmann::ordered_json(member.field)},
         {"keyBegin", member.key_begin},
         {"keyEnd", member.key_end},
         {"valueBegin", member.value_begin},
         {"valueEnd", member.value_end}});
  }
  object["fieldSpans"] = std::move(spans);
  if (result.object_span) {
    object["objectSpan"] = {{"begin", result.object_span->first},
                            {"end", result.object_span->second}};
  } else {
    object["objectSpan"] = nullptr;
  }
  return object;
}

}  // namespace segform
