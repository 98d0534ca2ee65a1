// The declaration of AutoMlImageSegmentationInputs, following the Vertex AI v1
// schema automl_image_segmentation_1.0.0.yaml.

#include "segform/declarations.h"

#include "internal.h"

namespace segform {

const EnumValueDecl* EnumDecl::FindByName(std::string_view value_name) const {
  for (const EnumValueDecl& value : values) {
    if (internal::SameBytes(value.name, value_name)) return &value;
  }
  return nullptr;
}

const EnumValueDecl* EnumDecl::FindByNumber(int64_t number) const {
  for (const EnumValueDecl& value : values) {
    if (value.number == number) return &value;
  }
  return nullptr;
}

const FieldDecl* MessageDecl::FindField(std::string_view key) const {
  for (const FieldDecl& field : fields) {
    if (internal::SameBytes(field.json_name, key) ||
        internal::SameBytes(field.proto_name, key)) {
      return &field;
    }
  }
  return nullptr;
}

std::vector<std::string_view> MessageDecl::DeclaredNames() const {
  std::vector<std::string_view> names;
  for (const FieldDecl& field : fields) names.push_back(field.json_name);
  for (const FieldDecl& field : fields) {
    if (field.enum_type == nullptr) continue;
    for (const EnumValueDecl& value : field.enum_type->values) {
      names.push_back(value.name);
    }
  }
  return names;
}

const EnumDecl& ModelTypeEnum() {
  static const EnumDecl kModelType{
      "ModelType",
      {
          {"MODEL_TYPE_UNSPECIFIED", 0,
           "Should not be set. The service then trains CLOUD_HIGH_ACCURACY_1."},
          {"CLOUD_HIGH_ACCURACY_1", 1,
           "A model for use in the cloud, slower to serve but more accurate. "
           "The default."},
          {"CLOUD_LOW_ACCURACY_1", 2,
           "A model for use in the cloud, faster to serve but less accurate."},
          {"MOBILE_TF_LOW_LATENCY_1", 3,
           "A model to export as TensorFlow or TensorFlow Lite and run on a "
           "mobile or edge device, with low latency."},
      }};
  return kModelType;
}

const std::vector<RequestMemberDecl>& TrainingPipelineMembers() {
  // The API ignores the members it marks output only (name,
  // trainingTaskMetadata, state, error and the four times) in a request, so
  // a request copied from a response passes, but its JSON must still parse.
  using Kind = RequestValueKind;
  static const std::vector<RequestMemberDecl> kMembers = {
      {"name", Kind::kString},
      {"displayName", Kind::kString},
      {"inputDataConfig", Kind::kMessage},
      {"trainingTaskDefinition", Kind::kString},
      {"trainingTaskInputs", Kind::kAnyValue},
      {"trainingTaskMetadata", Kind::kAnyValue},
      {"modelToUpload", Kind::kMessage},
      {"modelId", Kind::kString},
      {"parentModel", Kind::kString},
      // google.cloud.aiplatform.v1.PipelineState.
      {"state",
       Kind::kEnum,
       {"PIPELINE_STATE_UNSPECIFIED", "PIPELINE_STATE_QUEUED",
        "PIPELINE_STATE_PENDING", "PIPELINE_STATE_RUNNING",
        "PIPELINE_STATE_SUCCEEDED", "PIPELINE_STATE_FAILED",
        "PIPELINE_STATE_CANCELLING", "PIPELINE_STATE_CANCELLED",
        "PIPELINE_STATE_PAUSED"}},
      {"error", Kind::kMessage},
      {"createTime", Kind::kTimestamp},
      {"startTime", Kind::kTimestamp},
      {"endTime", Kind::kTimestamp},
      {"updateTime", Kind::kTimestamp},
      {"labels", Kind::kStringMap},
      {"encryptionSpec", Kind::kMessage},
  };
  return kMembers;
}

const std::vector<std::string_view>& TrainingPipelineFieldNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const RequestMemberDecl& member : TrainingPipelineMembers()) {
      names.push_back(member.json_name);
    }
    return names;
  }();
  return kNames;
}

const MessageDecl& ImageSegmentationInputsDecl() {
  static const MessageDecl kInputs{
      "AutoMlImageSegmentationInputs",
      "google.cloud.aiplatform.v1.schema.trainingjob.definition."
      "AutoMlImageSegmentationInputs",
      "gs://google-cloud-aiplatform/schema/trainingjob/definition/"
      "automl_image_segmentation_1.0.0.yaml",
      "Training inputs of a Vertex AI AutoML image segmentation job, given as "
      "the trainingTaskInputs of a training pipeline.",
      {
          {
              "modelType",
              "model_type",
              FieldKind::kEnum,
              "model_type",
              "Model type",
              "The kind of model to train. It decides where the model can be "
              "served and which training budget applies.",
              "CLOUD_HIGH_ACCURACY_1",
              &ModelTypeEnum(),
              nullptr,
              std::nullopt,
              0,
              "",
          },
          {
              "budgetMilliNodeHours",
              "budget_milli_node_hours",
              FieldKind::kInt64,
              "budget",
              "Training budget",
              "The most training may cost, in milli node hours: 1,000 is one "
              "node hour. Wall-clock hours are the budget divided by the "
              "number of nodes times 1,000. The service stops earlier when "
              "more training would not improve the model.",
              "192000",
              nullptr,
              nullptr,
              ConditionalRange{
                  20'000,
                  2'000'000,
                  "modelType",
                  {"MODEL_TYPE_UNSPECIFIED", "CLOUD_HIGH_ACCURACY_1"},
              },
              1000,
              "node hours",
          },
          {
              "baseModelId",
              "base_model_id",
              FieldKind::kString,
              "base_model_id",
              "Base model ID",
              "The ID of a model in the same project and location, with the "
              "same model type, to start training from. Empty means training "
              "from scratch.",
              "",
              nullptr,
              nullptr,
              std::nullopt,
              0,
              "",
          },
      }};
  return kInputs;
}

}  // namespace segform
