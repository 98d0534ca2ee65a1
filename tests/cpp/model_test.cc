// The message model: field presence, canonical output and the four
// conversions (from and to JSON text and nlohmann::json).

#include <gtest/gtest.h>

#include <iterator>
#include <limits>
#include <random>

#include "test_util.h"

namespace segform {
namespace {

// ToJsonText and the validator pick a value's member by the field's kind,
// which is right only while the message has one field of each kind.
TEST(ImageSegmentationInputsDecl, HasOneFieldOfEachKind) {
  int count[4] = {};
  for (const FieldDecl& field : ImageSegmentationInputsDecl().fields) {
    ++count[static_cast<int>(field.kind)];
  }
  EXPECT_EQ(count[static_cast<int>(FieldKind::kEnum)], 1);
  EXPECT_EQ(count[static_cast<int>(FieldKind::kInt64)], 1);
  EXPECT_EQ(count[static_cast<int>(FieldKind::kString)], 1);
  EXPECT_EQ(count[static_cast<int>(FieldKind::kMessage)], 0);
}

TEST(ToJsonText, WritesApiFormInDeclarationOrder) {
  ImageSegmentationInputs inputs;
  inputs.base_model_id = "seg_base";
  inputs.budget_milli_node_hours = 250000;
  inputs.model_type = static_cast<int>(ModelType::kCloudHighAccuracy1);
  EXPECT_EQ(inputs.ToJsonText(),
            R"({"modelType":"CLOUD_HIGH_ACCURACY_1",)"
            R"("budgetMilliNodeHours":"250000","baseModelId":"seg_base"})");
}

TEST(ToJsonText, LeavesOutZeroValues) {
  ImageSegmentationInputs inputs;
  inputs.model_type = 0;
  inputs.budget_milli_node_hours = 0;
  inputs.base_model_id = "";
  EXPECT_EQ(inputs.ToJsonText(), "{}");
  EXPECT_EQ(ImageSegmentationInputs{}.ToJsonText(), "{}");
}

TEST(ToJsonText, WritesUnknownEnumNumberAsNumber) {
  ImageSegmentationInputs inputs;
  inputs.model_type = 7;
  EXPECT_EQ(inputs.ToJsonText(), R"({"modelType":7})");
}

TEST(ToJsonText, KeepsInt64BeyondDoublePrecision) {
  ImageSegmentationInputs inputs;
  inputs.budget_milli_node_hours = 9007199254740993;  // 2^53 + 1
  EXPECT_EQ(inputs.ToJsonText(),
            R"({"budgetMilliNodeHours":"9007199254740993"})");
}

std::string Utf8(uint32_t code_point) {
  if (code_point < 0x80) return std::string(1, static_cast<char>(code_point));
  std::string bytes;
  if (code_point < 0x800) {
    bytes += static_cast<char>(0xC0 | (code_point >> 6));
  } else if (code_point < 0x10000) {
    bytes += static_cast<char>(0xE0 | (code_point >> 12));
    bytes += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
  } else {
    bytes += static_cast<char>(0xF0 | (code_point >> 18));
    bytes += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    bytes += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
  }
  bytes += static_cast<char>(0x80 | (code_point & 0x3F));
  return bytes;
}

// ToJsonText writes JSON by hand. nlohmann's dump() of the same object is
// the reference, at every indent, for model IDs of random code points that
// include quotes, backslashes, every control character and characters
// beyond the BMP.
TEST(ToJsonText, WritesWhatNlohmannWrites) {
  std::mt19937 random(20261204);
  const uint32_t kCodePoints[] = {
      0x0,   0x1,    0x8,    0x9,     0xA,      0xC,   0xD,  0x1F,
      '"',   '\\',   '/',    'a',     0x7F,     0x80,  0xE9, 0x7FF,
      0x800, 0xFFFD, 0xFEFF, 0x10000, 0x10FFFF, 0x2028};
  for (int round = 0; round < 2000; ++round) {
    ImageSegmentationInputs inputs;
    const int model_types[] = {0, 1, 3, 7, -2};
    if (random() % 2 == 0) inputs.model_type = model_types[random() % 5];
    if (random() % 2 == 0) {
      inputs.budget_milli_node_hours =
          static_cast<int64_t>(random()) -
          static_cast<int64_t>(random() % 2) * 9223372036854775807;
    }
    if (random() % 2 == 0) {
      std::string id;
      for (size_t n = random() % 13; n > 0; --n) {
        const uint32_t code_point =
            kCodePoints[random() % std::size(kCodePoints)];
        id += Utf8(code_point);
      }
      inputs.base_model_id = id;
    }

    nlohmann::ordered_json expected = nlohmann::ordered_json::object();
    if (inputs.model_type.value_or(0) != 0) {
      const EnumValueDecl* known =
          ModelTypeEnum().FindByNumber(*inputs.model_type);
      if (known != nullptr) {
        expected["modelType"] = known->name;
      } else {
        expected["modelType"] = *inputs.model_type;
      }
    }
    if (inputs.budget_milli_node_hours.value_or(0) != 0) {
      expected["budgetMilliNodeHours"] =
          std::to_string(*inputs.budget_milli_node_hours);
    }
    if (!inputs.base_model_id.value_or("").empty()) {
      expected["baseModelId"] = *inputs.base_model_id;
    }
    for (int indent : {-1, 0, 2, 4}) {
      EXPECT_EQ(inputs.ToJsonText(indent), expected.dump(indent)) << indent;
    }
    EXPECT_EQ(inputs.ToJson(), expected);
  }
}

TEST(ToJsonText, WritesEachInvalidByteAsReplacementCharacter) {
  ImageSegmentationInputs inputs;
  inputs.base_model_id =
      "a\xFF\xC3"
      "b\xE2\x82";
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(inputs.ToJsonText(), "{\"baseModelId\":\"a" + replacement +
                                     replacement + "b" + replacement +
                                     replacement + "\"}");
}

TEST(FromJsonText, KeepsFieldPresence) {
  const std::optional<ImageSegmentationInputs> inputs =
      FromJsonText(R"({"budgetMilliNodeHours":"50000","modelType":null})");
  ASSERT_TRUE(inputs.has_value());
  EXPECT_FALSE(inputs->model_type.has_value());
  EXPECT_EQ(inputs->budget_milli_node_hours, 50000);
  EXPECT_FALSE(inputs->base_model_id.has_value());
}

TEST(FromJsonText, ReturnsNulloptOnError) {
  EXPECT_FALSE(FromJsonText(R"({"budgetMilliNodeHours":"5"})").has_value());
  EXPECT_FALSE(FromJsonText("not json").has_value());
}

TEST(FromJson, ReadsNlohmannValue) {
  const nlohmann::json value = {{"model_type", "MOBILE_TF_LOW_LATENCY_1"},
                                {"baseModelId", "123"}};
  const std::optional<ImageSegmentationInputs> inputs = FromJson(value);
  ASSERT_TRUE(inputs.has_value());
  EXPECT_EQ(inputs->model_type,
            static_cast<int>(ModelType::kMobileTfLowLatency1));
  EXPECT_EQ(inputs->base_model_id, "123");
}

TEST(ToJson, RoundTripsThroughFromJson) {
  ImageSegmentationInputs inputs;
  inputs.model_type = static_cast<int>(ModelType::kCloudLowAccuracy1);
  inputs.budget_milli_node_hours = 123456;
  const nlohmann::ordered_json value = ToJson(inputs);
  EXPECT_EQ(value["budgetMilliNodeHours"], "123456");
  const std::optional<ImageSegmentationInputs> back =
      FromJson(nlohmann::json::parse(value.dump()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->model_type, inputs.model_type);
  EXPECT_EQ(back->budget_milli_node_hours, inputs.budget_milli_node_hours);
  EXPECT_EQ(ToJsonText(*back), ToJsonText(inputs));
}

TEST(ValidateJson, ReportsPathsWithoutPositions) {
  const ValidationResult result =
      ValidateJson({{"budgetMilliNodeHours", 5}, {"extra", true}});
  ASSERT_EQ(result.findings.size(), 2u);
  for (const Finding& finding : result.findings) {
    SCOPED_TRACE(finding.code);
    EXPECT_EQ(finding.line, 0);
    EXPECT_EQ(finding.column, 0);
  }
  EXPECT_NE(testing::FindCode(result, "budget.out_of_range"), nullptr);
  EXPECT_NE(testing::FindCode(result, "field.unknown"), nullptr);
  // The spans would point into a text the caller does not get.
  EXPECT_TRUE(result.member_spans.empty());
  EXPECT_FALSE(result.object_span.has_value());
}

// A value nested far too deep once overflowed the stack while it was
// written out as text, before any limit applied.
TEST(ValidateJson, RejectsDeepValue) {
  nlohmann::json value = nlohmann::json::array();
  for (int i = 0; i < 100'000; ++i) {
    value = nlohmann::json::array({std::move(value)});
  }
  const ValidationResult result = ValidateJson({{"x", std::move(value)}});
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "json.too_deep");
  // The top-level object is the first level, so the 64th array is too deep.
  std::string path = "/x";
  for (int i = 0; i < kMaxNestingDepth - 1; ++i) path += "/0";
  EXPECT_EQ(result.findings[0].path, path);
  EXPECT_EQ(result.findings[0].line, 0);
  // 64 levels are allowed, as in text.
  nlohmann::json allowed = nlohmann::json::array();
  for (int i = 0; i < kMaxNestingDepth - 2; ++i) {
    allowed = nlohmann::json::array({std::move(allowed)});
  }
  EXPECT_EQ(testing::FindCode(ValidateJson({{"x", std::move(allowed)}}),
                              "json.too_deep"),
            nullptr);
}

// NaN, infinity, binary and discarded values have no JSON text. dump()
// wrote NaN and infinity as null, which read as an unset field.
TEST(ValidateJson, RejectsUnwritableValues) {
  const nlohmann::json values[] = {
      std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::infinity(),
      -std::numeric_limits<double>::infinity(),
      nlohmann::json::binary({1, 2}),
      nlohmann::json(nlohmann::json::value_t::discarded),
  };
  for (const nlohmann::json& bad : values) {
    SCOPED_TRACE(bad.type_name());
    const ValidationResult result =
        ValidateJson({{"modelType", 1}, {"budgetMilliNodeHours", bad}});
    EXPECT_FALSE(result.ok());
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "json.syntax");
    EXPECT_EQ(result.findings[0].path, "/budgetMilliNodeHours");
    EXPECT_FALSE(FromJson({{"budgetMilliNodeHours", bad}}).has_value());
  }
  EXPECT_TRUE(ValidateJson({{"x", {1.5, 2}}}).findings[0].code ==
              "field.unknown");
}

TEST(ValidateJson, DoesNotThrowOnInvalidUtf8String) {
  const nlohmann::json value = {{"baseModelId", std::string("a\xFF")}};
  ValidationResult result;
  EXPECT_NO_THROW(result = ValidateJson(value));
  EXPECT_FALSE(result.ok());
}

TEST(Validate, CanonicalJsonIsWhatThePageExports) {
  const ValidationResult result = Validate(
      R"({"budget_milli_node_hours":250000,"modelType":"CLOUD_HIGH_ACCURACY_1"})");
  EXPECT_EQ(result.canonical_json,
            "{\n  \"modelType\": \"CLOUD_HIGH_ACCURACY_1\",\n"
            "  \"budgetMilliNodeHours\": \"250000\"\n}\n");
}

TEST(Validate, FormValuesShowWhatTheInputHeld) {
  const ValidationResult result = Validate(
      R"({"modelType":1,"budgetMilliNodeHours":"abc","baseModelId":null,"x":[1, 2]})");
  const std::vector<std::pair<std::string_view, std::string>> expected = {
      {"modelType", "CLOUD_HIGH_ACCURACY_1"}, {"budgetMilliNodeHours", "abc"}};
  EXPECT_EQ(result.form_values, expected);
  ASSERT_EQ(result.unknown_fields.size(), 1u);
  EXPECT_EQ(result.unknown_fields[0].key, "x");
  EXPECT_EQ(result.unknown_fields[0].value_json, "[1, 2]");
}

TEST(Validate, UnknownFieldsCappedAtHundred) {
  std::string text = "{";
  for (int i = 0; i < 150; ++i) {
    text += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) +
            "\":" + std::to_string(i);
  }
  text += ",\"modelType\":1}";
  const ValidationResult result = Validate(text);
  EXPECT_EQ(result.unknown_field_count, 150u);
  ASSERT_EQ(result.unknown_fields.size(), kMaxFindings);
  EXPECT_EQ(result.unknown_fields.back().key, "k99");
  EXPECT_EQ(result.unknown_fields.back().value_json, "99");
  EXPECT_EQ(ResultToJson(result)["unknownFieldCount"], 150);
}

TEST(MemberSpans, LocateKeysAndValuesInUtf16) {
  // "é" is two bytes but one UTF-16 unit, so offsets after it differ.
  const std::string text =
      "{\"x\":\"\xC3\xA9\", \"model_type\": \"CLOUD_LOW_ACCURACY_1\"}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.member_spans.size(), 2u);
  const MemberSpan& unknown = result.member_spans[0];
  EXPECT_EQ(unknown.key, "x");
  EXPECT_EQ(unknown.field, "");
  EXPECT_EQ(unknown.value_begin, 5u);
  EXPECT_EQ(unknown.value_end, 8u);
  const MemberSpan& model_type = result.member_spans[1];
  EXPECT_EQ(model_type.field, "modelType");
  EXPECT_EQ(model_type.key_begin, 10u);
  EXPECT_EQ(model_type.key_end, 22u);
  EXPECT_EQ(model_type.value_begin, 24u);
  EXPECT_EQ(model_type.value_end, 46u);
  ASSERT_TRUE(result.object_span.has_value());
  EXPECT_EQ(result.object_span->first, 0u);
  EXPECT_EQ(result.object_span->second, 47u);
}

// The spans skip conversion only for text that is ASCII up to the object's
// end, so a last value with one non-ASCII character still converts them.
TEST(MemberSpans, ConvertForNonAsciiLastCharacter) {
  const ValidationResult result = Validate("{\"a\":\"\xC3\xA9\"}");
  ASSERT_EQ(result.member_spans.size(), 1u);
  EXPECT_EQ(result.member_spans[0].value_begin, 5u);
  EXPECT_EQ(result.member_spans[0].value_end, 8u);
  ASSERT_TRUE(result.object_span.has_value());
  EXPECT_EQ(result.object_span->second, 9u);
}

// The start of a request with the members the API requires besides
// trainingTaskInputs, which a test then adds.
std::string RequestStart() {
  return R"({"displayName":"x","trainingTaskDefinition":")" +
         std::string(ImageSegmentationInputsDecl().schema_uri) + "\",";
}

TEST(PipelineRequest, ChecksTrainingTaskInputsInPlace) {
  const std::string text =
      RequestStart() +
      R"("trainingTaskInputs":{"budgetMilliNodeHours":"5000"}})";
  const ValidationResult result = Validate(text);
  EXPECT_TRUE(result.pipeline_request);
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].code, "pipeline.request");
  const Finding& range = result.findings[1];
  EXPECT_EQ(range.code, "budget.out_of_range");
  EXPECT_EQ(range.path, "/trainingTaskInputs/budgetMilliNodeHours");
  EXPECT_EQ(text.substr(range.begin, range.end - range.begin), "\"5000\"");
  ASSERT_EQ(result.member_spans.size(), 1u);
  EXPECT_EQ(text.substr(result.member_spans[0].value_begin, 6), "\"5000\"");
  EXPECT_EQ(text.substr(result.object_span->first, 1), "{");
  EXPECT_EQ(result.object_span->second, text.size() - 1);
}

// The user may keep either of two trainingTaskInputs, so both are checked,
// each finding at its place. The form shows the first one's values. Once
// the second was not checked at all.
TEST(PipelineRequest, ChecksSecondTrainingTaskInputs) {
  const std::string long_number(4301, '7');
  const std::string text =
      RequestStart() +
      R"("trainingTaskInputs":{"budgetMilliNodeHours":"300000"},)"
      R"("training_task_inputs":{"budgetMilliNodeHours":"5000",)"
      R"("baseModelId":"REPLACE_WITH_MODEL_ID","x":)" +
      long_number + "}}";
  const ValidationResult result = Validate(text);
  std::vector<std::string> codes;
  for (const Finding& finding : result.findings) {
    codes.push_back(finding.code);
  }

  // The placeholder and the long number inside the second inputs are
  // reported as inside the first: the placeholder as an invalid ID, the
  // number by its unknown field. Nothing is reported twice.
  const std::vector<std::string> expected = {
      "pipeline.request", "field.duplicate", "budget.out_of_range",
      "base_model_id.invalid", "field.unknown"};
  EXPECT_EQ(codes, expected);
  ASSERT_EQ(result.findings.size(), expected.size());
  const Finding& range = result.findings[2];
  EXPECT_EQ(range.path, "/training_task_inputs/budgetMilliNodeHours");
  EXPECT_EQ(text.substr(range.begin, range.end - range.begin), "\"5000\"");
  EXPECT_EQ(result.findings[3].path, "/training_task_inputs/baseModelId");
  EXPECT_EQ(result.findings[4].path, "/training_task_inputs/x");

  // The result's values are the first inputs', and with two inputs there
  // is no one canonical JSON to export.
  ASSERT_EQ(result.form_values.size(), 1u);
  EXPECT_EQ(result.form_values[0].second, "300000");
  EXPECT_EQ(result.inputs_path, "/trainingTaskInputs");
  EXPECT_TRUE(result.canonical_json.empty());
}

// A later copy that is not an object gets the error the first would get,
// so keeping either brings up no new error. A placeholder is reported in
// any copy that is not an object, the first included. Once a later copy
// that was not an object got only the error for a member set twice, and
// a placeholder in the first copy was not reported.
TEST(PipelineRequest, EveryCopyOfInputsGetsItsErrors) {
  const struct {
    std::string text;
    std::vector<std::pair<std::string, std::string>> found;
  } rows[] = {
      {RequestStart() +
           R"("trainingTaskInputs":{},"training_task_inputs":[1]})",
       {{"pipeline.request", "/trainingTaskInputs"},
        {"field.duplicate", "/training_task_inputs"},
        {"pipeline.inputs_not_object", "/training_task_inputs"}}},
      {RequestStart() +
           R"("trainingTaskInputs":"REPLACE_WITH_A","trainingTaskInputs":)"
           R"(["REPLACE_WITH_B"]})",
       {{"pipeline.placeholder", "/trainingTaskInputs"},
        {"pipeline.inputs_not_object", "/trainingTaskInputs"},
        {"field.duplicate", "/trainingTaskInputs"},
        {"pipeline.inputs_not_object", "/trainingTaskInputs"},
        {"pipeline.placeholder", "/trainingTaskInputs/0"}}},
      {R"({"parent":"projects/p/locations/l","trainingPipeline":)" +
           RequestStart() +
           R"("trainingTaskInputs":{}},"training_pipeline":5})",
       {{"pipeline.request", "/trainingPipeline/trainingTaskInputs"},
        {"field.duplicate", "/training_pipeline"},
        {"pipeline.pipeline_not_object", "/training_pipeline"}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const ValidationResult result = Validate(row.text);
    std::vector<std::pair<std::string, std::string>> found;
    for (const Finding& finding : result.findings) {
      found.emplace_back(finding.code, finding.path);
    }
    EXPECT_EQ(found, row.found);
  }
}

// A third setting of a key, a field or a request member is counted, not
// reported as set twice, and its hint asks to keep one of them. The third
// copy of trainingTaskInputs was once reported as set twice, and then each
// finding gave the count so far, so the second of three read "twice".
TEST(PipelineRequest, ThirdSettingIsCounted) {
  const std::string text =
      RequestStart() +
      R"("trainingTaskInputs":{"a":1,"a":2,"a":3,"budgetMilliNodeHours":"50000",)"
      R"("budget_milli_node_hours":"50000","budgetMilliNodeHours":"50000"},)"
      R"("trainingTaskInputs":{},"training_task_inputs":{}})";
  const ValidationResult result = Validate(text);
  std::vector<std::string> messages;
  for (const Finding& finding : result.findings) {
    if (finding.code != "field.duplicate") continue;
    messages.push_back(finding.message + " " + finding.hint);
  }
  const std::vector<std::string> expected = {
      "\"a\" is set 3 times Keep one of them and remove the others.",
      "\"a\" is set 3 times Keep one of them and remove the others.",
      "\"budgetMilliNodeHours\" is set 3 times, first as "
      "\"budgetMilliNodeHours\" and here as \"budget_milli_node_hours\" Keep "
      "one of them and remove the others.",
      "\"budgetMilliNodeHours\" is set 3 times Keep one of them and remove the "
      "others.",
      "\"trainingTaskInputs\" is set 3 times Keep one of them and remove the "
      "others.",
      "\"trainingTaskInputs\" is set 3 times, first as \"trainingTaskInputs\" "
      "and here as \"training_task_inputs\" Keep one of them and remove the "
      "others.",
  };
  EXPECT_EQ(messages, expected);
}

// A field of the inputs written beside them under both spellings is one
// name, counted as a field inside them is, and so is a request member
// beside a create request's pipeline.
TEST(PipelineRequest, MisplacedFieldBothSpellings) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"trainingTaskInputs":{},"modelType":1,"model_type":2,"modelType":3})",
       "\"modelType\" is set 3 times"},
      {R"({"parent":"projects/p/locations/l","trainingPipeline":)" +
           RequestStart() +
           R"("trainingTaskInputs":{}},"trainingTaskInputs":{},)"
           R"("training_task_inputs":{},"trainingTaskInputs":{}})",
       "\"trainingTaskInputs\" is set 3 times"},
  };
  for (const auto& [text, count] : cases) {
    SCOPED_TRACE(text);
    std::vector<std::string> messages;
    for (const Finding& finding : Validate(text).findings) {
      if (finding.code == "field.duplicate") {
        messages.push_back(finding.message.substr(0, count.size()));
      }
    }
    EXPECT_EQ(messages, std::vector<std::string>(2, count));
  }
}

// A key set three times in a nested object gets the same count in both of
// its findings; each once read "twice".
TEST(PipelineRequest, NestedKeyThreeSettings) {
  const ValidationResult result = Validate(
      RequestStart() + R"("labels":{"a":"1","a":"2","a":"3","b":"1","b":"2"},)"
                       R"("trainingTaskInputs":{}})");
  std::vector<std::string> messages;
  for (const Finding& finding : result.findings) {
    if (finding.code == "json.duplicate_key") {
      messages.push_back(finding.message + " " + finding.hint);
    }
  }
  const std::vector<std::string> expected = {
      "the key \"a\" is set 3 times in this object Keep one of them and remove "
      "the others.",
      "the key \"a\" is set 3 times in this object Keep one of them and remove "
      "the others.",
      "the key \"b\" is set twice in this object Keep one of the two and "
      "remove the other.",
  };
  EXPECT_EQ(messages, expected);
}

// The cap's summary counts the findings of every copy of the inputs: 299
// copies set twice and 300 budgets out of range are 599 errors, of which
// 100 are kept.
TEST(PipelineRequest, CapCountsEveryCopyOfInputs) {
  std::string text = "{";
  for (int i = 0; i < 300; ++i) {
    text += R"("trainingTaskInputs":{"budgetMilliNodeHours":"5"},)";
  }
  text.back() = '}';
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 101u);
  const Finding* summary = testing::FindCode(result, "findings.truncated");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->message,
            "502 more findings not shown: 499 errors, 2 warnings, 1 note");
}

// A trainingPipeline inside a create request's trainingPipeline is named as
// nested twice, and checked where it is. It was once reported as an
// unknown member, with an error that asked to add the inputs it held, two
// warnings for members it held, and its inputs unchecked.
TEST(CreateRequest, NestedPipelineNamedAsNestedTwice) {
  const std::string text =
      R"({"parent":"projects/p/locations/l","trainingPipeline":)"
      R"({"training_pipeline":)" +
      RequestStart() +
      R"("trainingTaskInputs":{"budgetMilliNodeHours":"5"}}}})";
  const ValidationResult result = Validate(text);
  std::vector<std::pair<std::string, std::string>> found;
  for (const Finding& finding : result.findings) {
    found.emplace_back(finding.code, finding.path);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pipeline.missing_inputs", "/trainingPipeline/training_pipeline"},
      {"pipeline.request",
       "/trainingPipeline/training_pipeline/trainingTaskInputs"},
      {"budget.out_of_range",
       "/trainingPipeline/training_pipeline/"
       "trainingTaskInputs/budgetMilliNodeHours"},
  };
  EXPECT_EQ(found, expected);
  ASSERT_EQ(result.findings.size(), expected.size());
  // The hint spells the key as it is written.
  EXPECT_EQ(result.findings[0].hint,
            "Move the members of the inner training_pipeline up into this "
            "one, and remove the inner one.");
  // Its inputs are the only ones, so the result keeps them, with their
  // path, and the inputs' canonical JSON.
  EXPECT_EQ(result.inputs_path,
            "/trainingPipeline/training_pipeline/trainingTaskInputs");
  ASSERT_EQ(result.form_values.size(), 1u);
  EXPECT_EQ(result.form_values[0].second, "5");

  // Each copy of the nested pipeline is checked, and members the outer
  // pipeline has are not reported missing from the nested one. A nested
  // pipeline that contains no inputs leaves the error at a key close to
  // trainingTaskInputs, which is the fix. The reviews of this stop found
  // each of these wrong.
  const std::string outer =
      R"({"parent":"projects/p/locations/l","trainingPipeline":)";
  const struct {
    std::string text;
    std::vector<std::pair<std::string, std::string>> found;
  } rows[] = {
      {outer + R"({"trainingPipeline":)" + RequestStart() +
           R"("trainingTaskInputs":{}},"trainingPipeline":)" + RequestStart() +
           R"("trainingTaskInputs":{"budgetMilliNodeHours":"5"}}}})",
       {{"pipeline.missing_inputs", "/trainingPipeline/trainingPipeline"},
        {"pipeline.request",
         "/trainingPipeline/trainingPipeline/trainingTaskInputs"},
        {"field.duplicate", "/trainingPipeline/trainingPipeline"},
        {"pipeline.request",
         "/trainingPipeline/trainingPipeline/trainingTaskInputs"},
        {"budget.out_of_range",
         "/trainingPipeline/trainingPipeline/"
         "trainingTaskInputs/budgetMilliNodeHours"}}},
      {outer + RequestStart() +
           R"("trainingPipeline":{"trainingTaskInputs":{}}}})",
       {{"pipeline.missing_inputs", "/trainingPipeline/trainingPipeline"},
        {"pipeline.request",
         "/trainingPipeline/trainingPipeline/trainingTaskInputs"}}},
      {outer + RequestStart() +
           R"("trainingTaskInput":{},"training_pipeline":{"name":"y"}}})",
       {{"pipeline.missing_inputs", "/trainingPipeline/trainingTaskInput"},
        {"pipeline.unknown_field", "/trainingPipeline/training_pipeline"}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const ValidationResult copies = Validate(row.text);
    std::vector<std::pair<std::string, std::string>> copies_found;
    for (const Finding& finding : copies.findings) {
      copies_found.emplace_back(finding.code, finding.path);
    }
    EXPECT_EQ(copies_found, row.found);
  }

  // Beside inputs, it is an unknown member with a hint of its own.
  const ValidationResult beside = Validate(
      R"({"parent":"projects/p/locations/l","trainingPipeline":)" +
      RequestStart() + R"("trainingTaskInputs":{},"trainingPipeline":{}}})");
  const Finding* unknown = testing::FindCode(beside, "pipeline.unknown_field");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->path, "/trainingPipeline/trainingPipeline");
  EXPECT_EQ(unknown->hint,
            "A training pipeline is nested in this one: move what it adds up "
            "into this one, and remove it.");

  // One that is not an object has nothing to move up. Its hint once asked to
  // move what it adds, and a later copy of it to put it in { }, which would
  // keep it nested.
  const ValidationResult not_object = Validate(
      R"({"parent":"projects/p/locations/l","trainingPipeline":)" +
      RequestStart() + R"("trainingTaskInputs":{},"trainingPipeline":[1]}})");
  const Finding* array =
      testing::FindCode(not_object, "pipeline.unknown_field");
  ASSERT_NE(array, nullptr);
  EXPECT_EQ(array->hint,
            "A training pipeline does not hold another one: remove it.");
  const ValidationResult later_copy = Validate(
      R"({"parent":"projects/p/locations/l","trainingPipeline":)"
      R"({"trainingPipeline":{"trainingTaskInputs":{}},"trainingPipeline":5}})");
  EXPECT_NE(testing::FindCode(later_copy, "field.duplicate"), nullptr);
  EXPECT_EQ(testing::FindCode(later_copy, "pipeline.pipeline_not_object"),
            nullptr);

  // An empty member in the nested level is reported at its value, as one
  // in the outer level is. It was once taken for a member that is set.
  const ValidationResult empty =
      Validate(R"({"parent":"projects/p/locations/l","trainingPipeline":)"
               R"({"trainingPipeline":{"displayName":null,)"
               R"("trainingTaskDefinition":"","trainingTaskInputs":{}}}})");
  std::vector<std::string> empty_paths;
  for (const Finding& finding : empty.findings) {
    if (finding.code == "pipeline.missing_field") {
      empty_paths.push_back(finding.path);
    }
  }
  EXPECT_EQ(empty_paths,
            (std::vector<std::string>{
                "/trainingPipeline/trainingPipeline/displayName",
                "/trainingPipeline/trainingPipeline/trainingTaskDefinition"}));
}

// The members the API requires are looked for in both levels of a pipeline
// nested twice, a nested pipeline under both spellings is set twice, and a
// key close to trainingTaskInputs beside a nested pipeline that contains them
// leaves it unclear which inputs are meant. A review found each of these
// wrong.
TEST(CreateRequest, NestedPipelineBesideOtherMembers) {
  const std::string outer =
      R"({"parent":"projects/p/locations/l","trainingPipeline":)";
  const ValidationResult neither =
      Validate(outer + R"({"trainingPipeline":{"trainingTaskInputs":{}}}})");
  std::vector<std::string> missing;
  for (const Finding& finding : neither.findings) {
    if (finding.code != "pipeline.missing_field") continue;
    const ParamValue* key = finding.params.Find(Param::kKey);
    ASSERT_NE(key, nullptr);
    missing.push_back(key->text);
  }
  EXPECT_EQ(missing, (std::vector<std::string>{"displayName",
                                               "trainingTaskDefinition"}));

  const ValidationResult both_spellings =
      Validate(outer + R"({"trainingPipeline":{"trainingTaskInputs":{}},)"
                       R"("training_pipeline":{"trainingTaskInputs":{}}}})");
  const Finding* duplicate =
      testing::FindCode(both_spellings, "field.duplicate");
  ASSERT_NE(duplicate, nullptr);
  EXPECT_EQ(duplicate->path, "/trainingPipeline/training_pipeline");
  EXPECT_EQ(testing::FindCode(both_spellings, "pipeline.unknown_field"),
            nullptr);

  const ValidationResult close_key =
      Validate(outer + RequestStart() +
               R"("trainingTaskInput":{},"trainingPipeline":)"
               R"({"trainingTaskInputs":{"budgetMilliNodeHours":"300000"}}}})");
  EXPECT_NE(testing::FindCode(close_key, "pipeline.missing_inputs"), nullptr);
  EXPECT_TRUE(close_key.canonical_json.empty());

  // One that is not an object has no members to move up, so the error is
  // the plain one, and the members it cannot hold are reported missing.
  const ValidationResult not_object =
      Validate(outer + R"({"trainingPipeline":[1]}})");
  const Finding* inputs =
      testing::FindCode(not_object, "pipeline.missing_inputs");
  ASSERT_NE(inputs, nullptr);
  EXPECT_EQ(inputs->path, "/trainingPipeline");
  EXPECT_EQ(inputs->hint,
            "Add \"trainingTaskInputs\": { } to the request, with the inputs "
            "in it.");
  EXPECT_NE(testing::FindCode(not_object, "pipeline.missing_field"), nullptr);
}

// One level of nesting is checked. A pipeline nested deeper is named by the
// error of the level above, so that each level does not scan all that it
// contains again: a megabyte chain 61 levels deep once took a second.
TEST(CreateRequest, NestedPipelineCheckedOneLevelDeep) {
  const ValidationResult result =
      Validate(R"({"parent":"projects/p/locations/l","trainingPipeline":)"
               R"({"trainingPipeline":{"trainingPipeline":)"
               R"({"trainingTaskInputs":{"budgetMilliNodeHours":"5"}}}}})");
  std::vector<std::pair<std::string, std::string>> found;
  for (const Finding& finding : result.findings) {
    if (finding.severity == Severity::kError) {
      found.emplace_back(finding.code, finding.path);
    }
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pipeline.missing_inputs", "/trainingPipeline/trainingPipeline"},
      {"pipeline.missing_inputs",
       "/trainingPipeline/trainingPipeline/trainingPipeline"},
  };
  EXPECT_EQ(found, expected);
  // The inputs two levels down are not the result's: it once named a path
  // to them one level down, where there are none.
  EXPECT_FALSE(result.object_span.has_value());
  EXPECT_EQ(result.inputs_path, "/trainingPipeline/trainingTaskInputs");
}

// A CreateTrainingPipelineRequest's second trainingPipeline is checked as
// a request of its own too.
TEST(CreateRequest, ChecksSecondTrainingPipeline) {
  const std::string pipeline =
      RequestStart() + R"("trainingTaskInputs":{"modelType":"CLOUD"}})";
  const std::string text =
      R"({"parent":"projects/p/locations/us-central1","trainingPipeline":)" +
      pipeline + R"(,"trainingPipeline":)" + pipeline + "}";
  const ValidationResult result = Validate(text);
  std::vector<std::pair<std::string, std::string>> found;
  for (const Finding& finding : result.findings) {
    found.emplace_back(finding.code, finding.path);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pipeline.request", "/trainingPipeline/trainingTaskInputs"},
      {"model_type.unknown_name",
       "/trainingPipeline/trainingTaskInputs/modelType"},
      {"field.duplicate", "/trainingPipeline"},
      {"pipeline.request", "/trainingPipeline/trainingTaskInputs"},
      {"model_type.unknown_name",
       "/trainingPipeline/trainingTaskInputs/modelType"},
  };
  EXPECT_EQ(found, expected);
  ASSERT_EQ(result.findings.size(), expected.size());
  // The second pipeline's findings are in the second copy of the text.
  const size_t second = text.rfind(R"("trainingPipeline":)");
  EXPECT_LT(result.findings[1].begin, second);
  EXPECT_GT(result.findings[4].begin, second);
  EXPECT_EQ(result.findings[4].begin - result.findings[1].begin,
            second - text.find(R"("trainingPipeline":)"));
}

// TrainingPipeline requires a display name and a task definition, under
// either spelling. Their absence is a warning, so the inputs stay
// exportable.
TEST(PipelineRequest, WarnsMissingRequiredFields) {
  const ValidationResult bare = Validate(R"({"trainingTaskInputs":{}})");
  ASSERT_EQ(bare.findings.size(), 3u);
  // At the request's opening brace, so before the pipeline.request note.
  for (size_t i : {0u, 1u}) {
    EXPECT_EQ(bare.findings[i].code, "pipeline.missing_field");
    EXPECT_EQ(bare.findings[i].severity, Severity::kWarning);
    EXPECT_EQ(bare.findings[i].path, "");
    EXPECT_EQ(bare.findings[i].column, 1);
  }
  EXPECT_EQ(bare.findings[0].params.ToJson()["key"], "displayName");
  EXPECT_EQ(bare.findings[1].params.ToJson()["key"], "trainingTaskDefinition");
  EXPECT_NE(
      bare.findings[1].hint.find(ImageSegmentationInputsDecl().schema_uri),
      std::string::npos);
  EXPECT_TRUE(bare.ok());
  EXPECT_FALSE(bare.canonical_json.empty());

  // null and "" are proto3's unset string, so they count as missing, and
  // the definition gets no error of its own for them.
  for (const char* value : {"null", "\"\""}) {
    SCOPED_TRACE(value);
    const ValidationResult unset =
        Validate(std::string(R"({"displayName":)") + value +
                 R"(,"trainingTaskDefinition":)" + value +
                 R"(,"trainingTaskInputs":{}})");
    ASSERT_EQ(unset.findings.size(), 3u);
    EXPECT_EQ(unset.findings[0].code, "pipeline.missing_field");
    EXPECT_EQ(unset.findings[1].code, "pipeline.missing_field");
    // At the value, which is there but empty, and not at the brace.
    EXPECT_EQ(unset.findings[0].path, "/displayName");
    // null is called null, and "" empty.
    EXPECT_NE(unset.findings[0].message.find(std::string(value) == "null"
                                                 ? "displayName is null,"
                                                 : "displayName is empty,"),
              std::string::npos);
    EXPECT_EQ(unset.findings[0].hint.rfind("Set it: ", 0), 0u);
  }
  // Both spellings of displayName set it twice.
  const ValidationResult twice = Validate(
      RequestStart() + R"("display_name":"y","trainingTaskInputs":{}})");
  ASSERT_EQ(twice.findings.size(), 2u);
  EXPECT_EQ(twice.findings[0].code, "field.duplicate");

  const ValidationResult snake =
      Validate(R"({"display_name":"x","training_task_definition":")" +
               std::string(ImageSegmentationInputsDecl().schema_uri) +
               R"(","training_task_inputs":{}})");
  ASSERT_EQ(snake.findings.size(), 1u);
  EXPECT_EQ(snake.findings[0].code, "pipeline.request");
}

TEST(PipelineRequest, WarnsUnknownMembers) {
  const ValidationResult result = Validate(
      RequestStart() +
      R"("trainingTaskInputs":{},"labelz":{},"priority":1,"model_id":"7",)"
      R"("encryptionSpec":{},"state":"PIPELINE_STATE_SUCCEEDED"})");
  ASSERT_EQ(result.findings.size(), 3u);
  const Finding& typo = result.findings[1];
  EXPECT_EQ(typo.code, "pipeline.unknown_field");
  EXPECT_EQ(typo.severity, Severity::kWarning);
  EXPECT_EQ(typo.path, "/labelz");
  EXPECT_EQ(typo.message,
            "unknown member \"labelz\" of a training pipeline request; did you "
            "mean \"labels\"?");
  EXPECT_EQ(typo.hint, "Rename it to \"labels\".");
  EXPECT_EQ(
      typo.params.ToJson(),
      nlohmann::ordered_json({{"key", "labelz"}, {"suggestion", "labels"}}));
  const Finding& unknown = result.findings[2];
  EXPECT_EQ(unknown.path, "/priority");
  EXPECT_EQ(unknown.message,
            "unknown member \"priority\" of a training pipeline request, which "
            "the API rejects");
  // A warning, so that the inputs in the request can still be exported.
  EXPECT_TRUE(result.ok());

  // A member the request has already is not suggested, since renaming the
  // key to it would set it twice. The message names it as set.
  const ValidationResult present =
      Validate(RequestStart() + R"("trainingTaskInputs":{},"displayNme":"b"})");
  ASSERT_EQ(present.findings.size(), 2u);
  EXPECT_EQ(present.findings[1].code, "pipeline.unknown_field");
  EXPECT_FALSE(present.findings[1].params.contains(Param::kSuggestion));
  EXPECT_EQ(present.findings[1].message,
            "unknown member \"displayNme\" of a training pipeline request; it "
            "is close to \"displayName\", which is set too");
  EXPECT_EQ(present.findings[1].hint,
            "Remove it if \"displayName\" has the value you want. Otherwise "
            "move its value there, then remove it.");
  // The member set already is named as written.
  const ValidationResult snake = Validate(
      RequestStart() + R"("trainingTaskInputs":{},"display_nme":"b"})");
  const Finding* close = testing::FindCode(snake, "pipeline.unknown_field");
  ASSERT_NE(close, nullptr);
  EXPECT_NE(close->message.find("close to \"displayName\""), std::string::npos);
  const ValidationResult written = Validate(
      std::string(R"({"display_name":"x","trainingTaskDefinition":")") +
      std::string(ImageSegmentationInputsDecl().schema_uri) +
      R"(","trainingTaskInputs":{},"display_nme":"b"})");
  const Finding* as_written =
      testing::FindCode(written, "pipeline.unknown_field");
  ASSERT_NE(as_written, nullptr);
  EXPECT_NE(as_written->message.find("close to \"display_name\""),
            std::string::npos)
      << as_written->message;
}

// A misspelt member gets its name in the style the key is written in:
// snake_case for a key with underscores and no capital.
TEST(PipelineRequest, SuggestsMemberInTheKeysStyle) {
  for (const auto& [key, name] : {std::pair<std::string, std::string>{
                                      "model_to_uplod", "model_to_upload"},
                                  {"modelToUplod", "modelToUpload"}}) {
    const ValidationResult result = Validate(
        RequestStart() + R"("trainingTaskInputs":{},")" + key + R"(":{}})");
    const Finding* typo = testing::FindCode(result, "pipeline.unknown_field");
    ASSERT_NE(typo, nullptr) << key;
    EXPECT_EQ(typo->params.ToJson()["suggestion"], name) << key;
    EXPECT_EQ(typo->hint, "Rename it to \"" + name + "\".") << key;
  }
}

// As for the inputs' fields, a member name is suggested for one unknown
// member only.
TEST(PipelineRequest, SuggestsEachMemberOnce) {
  const ValidationResult result = Validate(
      RequestStart() + R"("trainingTaskInputs":{},"labelz":{},"lables":{}})");
  std::vector<const Finding*> unknown;
  for (const Finding& finding : result.findings) {
    if (finding.code == "pipeline.unknown_field") unknown.push_back(&finding);
  }
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_EQ(unknown[0]->params.ToJson()["suggestion"], "labels");
  EXPECT_FALSE(unknown[1]->params.contains(Param::kSuggestion));
  EXPECT_EQ(unknown[1]->hint,
            "Rename only one of the two to \"labels\", and remove the "
            "other.");
}

// Python's json module rejects a whole text with an integer of more than
// 4,300 digits, so one anywhere in a request is a warning at the number,
// under the top-level member it is in. One inside the inputs is their own
// check's to report, and is not reported twice.
TEST(PipelineRequest, WarnsOfLongIntegers) {
  const std::string digits(4301, '7');
  const std::string request = RequestStart() +
                              R"("trainingTaskInputs":{},)"
                              R"("trainingTaskMetadata":{"x":[-)" +
                              digits + "]}}";
  const ValidationResult result = Validate(request);
  const Finding* finding = testing::FindCode(result, "pipeline.not_portable");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->severity, Severity::kWarning);
  EXPECT_EQ(finding->path, "/trainingTaskMetadata");
  EXPECT_EQ(finding->begin, request.find("-7"));
  EXPECT_EQ(finding->end, finding->begin + 1 + digits.size());
  EXPECT_EQ(finding->params.ToJson()["size"], 4301);
  EXPECT_EQ(finding->params.ToJson()["max"], 4300);

  // In a CreateTrainingPipelineRequest, beside the pipeline and in it.
  const std::string create = R"({"parent":"projects/p/locations/l",)"
                             R"("x":)" +
                             digits + R"(,"trainingPipeline":)" + request + "}";
  std::vector<std::string> paths;
  for (const Finding& each : Validate(create).findings) {
    if (each.code == "pipeline.not_portable") paths.push_back(each.path);
  }
  EXPECT_EQ(paths, std::vector<std::string>(
                       {"/x", "/trainingPipeline/trainingTaskMetadata"}));

  // Inside the inputs, the unknown field's error is all there is.
  const ValidationResult inner = Validate(
      RequestStart() + R"("trainingTaskInputs":{"x":)" + digits + "}}");
  EXPECT_EQ(testing::FindCode(inner, "pipeline.not_portable"), nullptr);
  EXPECT_NE(testing::FindCode(inner, "field.unknown"), nullptr);
  // 4,300 digits are read.
  const ValidationResult fits =
      Validate(RequestStart() + R"("trainingTaskInputs":{},"x":)" +
               std::string(4300, '7') + "}");
  EXPECT_EQ(testing::FindCode(fits, "pipeline.not_portable"), nullptr);
}

TEST(PipelineRequest, WarnsDisplayNameOfWrongType) {
  const std::string definition =
      R"("trainingTaskDefinition":")" +
      std::string(ImageSegmentationInputsDecl().schema_uri) + "\",";
  for (const char* value : {"7", "true", "{}", "[\"x\"]"}) {
    SCOPED_TRACE(value);
    const ValidationResult result =
        Validate(std::string(R"({"display_name":)") + value + "," + definition +
                 R"("trainingTaskInputs":{}})");
    ASSERT_EQ(result.findings.size(), 2u);
    const Finding& finding = result.findings[0];
    EXPECT_EQ(finding.code, "pipeline.wrong_type");
    EXPECT_EQ(finding.severity, Severity::kWarning);
    EXPECT_EQ(finding.path, "/display_name");
    EXPECT_EQ(finding.params.ToJson()["key"], "displayName");
    EXPECT_EQ(finding.params.ToJson()["expected"], "a string");
  }
}

// Each member of TrainingPipeline is checked for its JSON form, as far as
// the request's own parsers read it: a message's insides are not.
TEST(PipelineRequest, WarnsMembersOfWrongForm) {
  const struct {
    const char* member;
    const char* path;  // nullptr when the member is fine
  } rows[] = {
      {R"("labels":{"team":1})", "/labels/team"},
      {R"("labels":{"team":"vision","c":null})", "/labels/c"},
      {R"("labels":["a"])", "/labels"},
      {R"("labels":{"team":"vision"})", nullptr},
      {R"("inputDataConfig":"ds")", "/inputDataConfig"},
      {R"("input_data_config":{"datasetId":"1"})", nullptr},
      {R"("modelId":5)", "/modelId"},
      {R"("state":true)", "/state"},
      {R"("state":"PIPELINE_STATE_SUCCEEDED")", nullptr},
      {R"("createTime":"not a time")", "/createTime"},
      {R"("createTime":"2026-12-05t10:00:00Z")", "/createTime"},
      {R"("createTime":"2026-12-05T10:00:00")", "/createTime"},
      {R"("createTime":"2026-13-05T10:00:00Z")", "/createTime"},
      {R"("createTime":"2026-12-05T10:00:00.1234567890Z")", "/createTime"},
      {R"("createTime":"2026-12-05T10:00:00.123456789Z")", nullptr},
      {R"("createTime":"2026-12-05T10:00:00-08:00")", nullptr},
      {R"("createTime":"2026-02-31T10:00:00Z")", "/createTime"},
      {R"("createTime":"2026-00-10T10:00:00Z")", "/createTime"},
      {R"("createTime":"0000-01-01T10:00:00Z")", "/createTime"},
      {R"("createTime":"2028-02-29T10:00:00Z")", nullptr},
      {R"("createTime":"2100-02-29T10:00:00Z")", "/createTime"},
      // An offset can take the first and last days out of range.
      {R"("createTime":"9999-12-31T23:59:59-01:00")", "/createTime"},
      {R"("createTime":"0001-01-01T00:00:00+01:00")", "/createTime"},
      {R"("createTime":"0001-01-01T01:00:00+01:00")", nullptr},
      {R"("state":1.5)", "/state"},
      {R"("state":1e10)", "/state"},
      {R"("state":3)", nullptr},
      // A name must be one of PipelineState's; only Python reads digits.
      {R"("state":"FOO")", "/state"},
      {R"("state":"1")", "/state"},
      {R"("trainingTaskMetadata":[1,"x"])", nullptr},
      {R"("encryptionSpec":null)", nullptr},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.member);
    const ValidationResult result =
        Validate(RequestStart() + row.member + R"(,"trainingTaskInputs":{}})");
    const Finding* finding = testing::FindCode(result, "pipeline.wrong_type");
    if (row.path == nullptr) {
      EXPECT_EQ(finding, nullptr);
      continue;
    }
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->path, row.path);
    EXPECT_EQ(finding->severity, Severity::kWarning);
  }
}

// A pipeline's member beside the inputs, with no trainingTaskInputs, is
// read as an unknown field of the inputs. Its hint once asked to move it to
// the message it belongs to, without saying which.
TEST(PipelineRequest, MemberBesideInputsNamesTheRequest) {
  const ValidationResult result = Validate(
      R"({"trainingTaskDefinition":"gs://x","budgetMilliNodeHours":200000,)"
      R"("display_name":"x","other":1,"parent":"p"})");
  std::vector<std::string> hints;
  for (const Finding& finding : result.findings) {
    if (finding.code == "field.unknown") hints.push_back(finding.hint);
  }
  EXPECT_EQ(hints,
            std::vector<std::string>(
                {"It is a member of a training pipeline request. If this is "
                 "one, put the training inputs in its \"trainingTaskInputs\"; "
                 "otherwise remove it.",
                 "It is a member of a training pipeline request. If this is "
                 "one, put the training inputs in its "
                 "\"training_task_inputs\"; otherwise remove it.",
                 "Remove it, or move it to the message it belongs to.",
                 "It is a member of a CreateTrainingPipelineRequest. If this "
                 "is one, put the pipeline in its \"trainingPipeline\", with "
                 "the training inputs in the pipeline's "
                 "\"trainingTaskInputs\"; otherwise remove it."}));
}

// A parent beside trainingTaskInputs is a CreateTrainingPipelineRequest's
// without its trainingPipeline, which the hint names.
TEST(PipelineRequest, ParentBesideInputsNamesCreateRequest) {
  const ValidationResult result =
      Validate(RequestStart() + R"("trainingTaskInputs":{},"parent":"p"})");
  const Finding* finding = testing::FindCode(result, "pipeline.unknown_field");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->hint,
            "It is a member of a CreateTrainingPipelineRequest: put the other "
            "members in its \"trainingPipeline\", beside the parent, or "
            "remove it.");
}

// Inside the inputs of a request, a pipeline's member belongs beside them.
// Its hint once pointed the inputs to trainingTaskInputs, where they were.
TEST(PipelineRequest, MemberInsideInputsGoesBeside) {
  const ValidationResult result =
      Validate(RequestStart() + R"("trainingTaskInputs":{"labels":{}}})");
  const Finding* finding = testing::FindCode(result, "field.unknown");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->path, "/trainingTaskInputs/labels");
  EXPECT_EQ(finding->hint,
            "It is a member of the training pipeline request, not of its "
            "inputs: move it out of trainingTaskInputs, beside them, or "
            "remove it.");
  // Inputs in inputs are nested twice.
  const ValidationResult nested = Validate(
      RequestStart() + R"("trainingTaskInputs":{"trainingTaskInputs":{}}})");
  const Finding* twice = testing::FindCode(nested, "field.unknown");
  ASSERT_NE(twice, nullptr);
  EXPECT_EQ(twice->hint,
            "The inputs are nested twice: move their members up into the outer "
            "trainingTaskInputs.");
}

// RFC 3339 allows a lower-case t, which protobuf rejects, so the message
// names proto3 JSON's form rather than RFC 3339 alone, and the hint lists
// what that form needs.
TEST(PipelineRequest, TimeMessageNamesProtoForm) {
  const ValidationResult result = Validate(
      RequestStart() +
      R"("createTime":"2026-12-05t10:00:00z","trainingTaskInputs":{}})");
  const Finding* finding = testing::FindCode(result, "pipeline.wrong_type");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->message,
            "the request's \"createTime\" must be a time in proto3 JSON's RFC "
            "3339 form; got \"2026-12-05t10:00:00z\"");
  EXPECT_NE(finding->hint.find("an upper-case T, seconds up to 59"),
            std::string::npos);
}

TEST(PipelineRequest, ExportsTheInputsAlone) {
  const ValidationResult result = Validate(
      R"({"trainingTaskInputs":{"modelType":"CLOUD_LOW_ACCURACY_1"}})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(nlohmann::json::parse(result.canonical_json),
            nlohmann::json({{"modelType", "CLOUD_LOW_ACCURACY_1"}}));
}

// A CreateTrainingPipelineRequest around RequestStart()'s pipeline, with
// `members` before the pipeline and `inputs` as its trainingTaskInputs.
std::string CreateRequest(const std::string& members,
                          const std::string& inputs = "{}") {
  return "{" + members + R"("trainingPipeline":)" + RequestStart() +
         R"("trainingTaskInputs":)" + inputs + "}}";
}

TEST(CreateRequest, ChecksPipelineInputsInPlace) {
  const ValidationResult result = Validate(
      CreateRequest(R"("parent":"projects/my-project/locations/us-central1",)",
                    R"({"modelType":"CLOUD_LOW_ACCURACY_1"})"));
  EXPECT_EQ(testing::CodesOf(result),
            std::vector<std::string>({"pipeline.request"}));
  EXPECT_EQ(result.findings[0].path, "/trainingPipeline/trainingTaskInputs");
  EXPECT_TRUE(result.pipeline_request);
  EXPECT_EQ(result.inputs_path, "/trainingPipeline/trainingTaskInputs");
  EXPECT_EQ(nlohmann::json::parse(result.canonical_json),
            nlohmann::json({{"modelType", "CLOUD_LOW_ACCURACY_1"}}));
}

// A placeholder of the page's pipeline export left in a create request's
// pipeline is named by its key, at its pointer in the whole request.
TEST(CreateRequest, WarnsPlaceholderInPipeline) {
  const std::string text =
      R"({"parent":"projects/p/locations/l","trainingPipeline":{)"
      R"("inputDataConfig":{"datasetId":"REPLACE_WITH_DATASET_ID"},)" +
      RequestStart().substr(1) + R"("trainingTaskInputs":{}}})";
  const ValidationResult result = Validate(text);
  const Finding* finding = testing::FindCode(result, "pipeline.placeholder");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->path, "/trainingPipeline/inputDataConfig/datasetId");
  EXPECT_EQ(finding->message,
            "\"inputDataConfig.datasetId\" is still the placeholder "
            "\"REPLACE_WITH_DATASET_ID\"");
  EXPECT_EQ(text.substr(finding->begin, finding->end - finding->begin),
            "\"REPLACE_WITH_DATASET_ID\"");
  EXPECT_EQ(finding->severity, Severity::kWarning);

  // An escape in a placeholder is shown as what it reads as, once.
  const ValidationResult escaped = Validate(
      RequestStart() + R"("name":"REPLACE_WITH_\"q","trainingTaskInputs":{}})");
  const Finding* quote = testing::FindCode(escaped, "pipeline.placeholder");
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->params.ToJson()["actual"], "REPLACE_WITH_\"q");
  EXPECT_NE(quote->message.find("placeholder \"REPLACE_WITH_\\\"q\""),
            std::string::npos)
      << quote->message;

  // In an array, the pointer names the element and the message the array.
  const ValidationResult in_array = Validate(
      RequestStart() +
      R"("trainingTaskInputs":{},"modelToUpload":{"versionAliases":["a","REPLACE_WITH_ALIAS"]}})");
  const Finding* element = testing::FindCode(in_array, "pipeline.placeholder");
  ASSERT_NE(element, nullptr);
  EXPECT_EQ(element->path, "/modelToUpload/versionAliases/1");
  EXPECT_EQ(
      element->message.rfind("\"modelToUpload.versionAliases[1]\" is still", 0),
      0u)
      << element->message;
}

// A placeholder is found however its prefix is spelled with \u escapes,
// at the top level of the request and deeper, in either case of hex digit.
// An escape that reads as another character is no placeholder.
TEST(PipelineRequest, FindsEscapedPlaceholders) {
  for (const char* value :
       {R"(\u0052EPLACE_WITH_X)", R"(REPLACE\u005fWITH_X)",
        R"(REPLACE\u005FWITH_X)", R"(\u0052\u0045PLACE_WITH_)"}) {
    SCOPED_TRACE(value);
    const std::string quoted = std::string("\"") + value + "\"";
    for (const std::string& text :
         {RequestStart() + R"("name":)" + quoted +
              R"(,"trainingTaskInputs":{}})",
          RequestStart() + R"("trainingTaskInputs":{},"labels":{"a":)" +
              quoted + "}}"}) {
      const ValidationResult result = Validate(text);
      const Finding* finding =
          testing::FindCode(result, "pipeline.placeholder");
      ASSERT_NE(finding, nullptr) << text;
      EXPECT_EQ(text.substr(finding->begin, finding->end - finding->begin),
                quoted);
    }
  }
  for (const char* value : {R"(\u0072EPLACE_WITH_X)", R"(REPLACE\u002dWITH_X)",
                            R"(\u005)", R"(REPLACE_WITH)"}) {
    SCOPED_TRACE(value);
    const ValidationResult result =
        Validate(RequestStart() + R"("trainingTaskInputs":{},"labels":{"a":")" +
                 value + "\"}}");
    EXPECT_EQ(testing::FindCode(result, "pipeline.placeholder"), nullptr);
  }
}

// A placeholder in the create request's own members is named too, and one
// in its pipeline once, by the pipeline's own check.
TEST(CreateRequest, WarnsPlaceholderOutsidePipeline) {
  const std::string text =
      R"({"parent":"REPLACE_WITH_PARENT","trainingPipeline":{)" +
      RequestStart().substr(1) +
      R"("labels":{"a":"REPLACE_WITH_A"},"trainingTaskInputs":{}}})";
  std::vector<std::string> paths;
  for (const Finding& finding : Validate(text).findings) {
    if (finding.code == "pipeline.placeholder") paths.push_back(finding.path);
  }
  EXPECT_EQ(paths, std::vector<std::string>(
                       {"/parent", "/trainingPipeline/labels/a"}));
}

// A null parent is called null, not empty.
TEST(CreateRequest, NullParentNamedNull) {
  for (const std::string value : {"null", "\"\""}) {
    SCOPED_TRACE(value);
    const ValidationResult result =
        Validate(R"({"parent":)" + value + R"(,"trainingPipeline":)" +
                 RequestStart() + R"("trainingTaskInputs":{}}})");
    const Finding* missing =
        testing::FindCode(result, "pipeline.missing_field");
    ASSERT_NE(missing, nullptr);
    EXPECT_EQ(missing->path, "/parent");
    EXPECT_EQ(missing->message.rfind(value == "null"
                                         ? "the request's parent is null,"
                                         : "the request's parent is empty,",
                                     0),
              0u);
  }
}

// The schema's URI is longer than a message quotes, so a definition that
// starts as it does is shown from where they differ, and one with white
// space around the URI is named as such. Both were once cut off before the
// difference.
TEST(PipelineRequest, ShowsWhereDefinitionDiffers) {
  const std::string uri(ImageSegmentationInputsDecl().schema_uri);
  const std::string prefix =
      "trainingTaskDefinition must be the image "
      "segmentation schema; got ";
  const std::pair<std::string, std::string> cases[] = {
      {uri.substr(0, uri.size() - 6) + "1.yaml",
       "a value that matches the schema up to character " +
           std::to_string(uri.size() - 6) + ", then reads \"1.yaml\""},
      {uri + " ", "the schema with white space at its start or end"},
      {uri.substr(0, uri.size() - 5),
       "a value that matches the schema up to character " +
           std::to_string(uri.size() - 5) + ", then ends"},
      {"x", "\"x\""},
  };
  for (const auto& [definition, got] : cases) {
    SCOPED_TRACE(definition);
    const ValidationResult result =
        Validate(R"({"displayName":"x","trainingTaskDefinition":")" +
                 definition + R"(","trainingTaskInputs":{}})");
    const Finding* finding =
        testing::FindCode(result, "pipeline.task_definition");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, prefix + got);
    EXPECT_EQ(finding->params.ToJson()["actual"], definition);
  }
}

TEST(CreateRequest, WarnsParentThatIsNoLocation) {
  for (const char* parent :
       {"projects/p/us-central1", "projects//locations/l",
        "projects/p/locations/l\n", "projects/p q/locations/l",
        "projects/p/locations/us-central1?x", "projects/P/locations/l"}) {
    SCOPED_TRACE(parent);
    const ValidationResult result = Validate(
        CreateRequest("\"parent\":" + nlohmann::json(parent).dump() + ","));
    ASSERT_EQ(testing::CodesOf(result),
              std::vector<std::string>(
                  {"pipeline.invalid_parent", "pipeline.request"}));
    EXPECT_EQ(result.findings[0].severity, Severity::kWarning);
  }
  for (const char* parent :
       {"projects/my-project/locations/us-central1",
        "projects/123456/locations/global",
        "projects/example.com:my-app/locations/europe-west4"}) {
    SCOPED_TRACE(parent);
    const ValidationResult result = Validate(
        CreateRequest("\"parent\":" + nlohmann::json(parent).dump() + ","));
    EXPECT_EQ(testing::CodesOf(result),
              std::vector<std::string>({"pipeline.request"}));
  }
  // A placeholder gets the placeholder's warning alone. It once got the
  // location's warning as well.
  const ValidationResult placeholder =
      Validate(CreateRequest(R"("parent":"REPLACE_WITH_PARENT",)"));
  EXPECT_EQ(
      testing::CodesOf(placeholder),
      std::vector<std::string>({"pipeline.placeholder", "pipeline.request"}));
  // A missing parent is marked at the opening brace alone.
  const ValidationResult missing = Validate(CreateRequest(""));
  ASSERT_EQ(missing.findings[0].code, "pipeline.missing_field");
  EXPECT_EQ(missing.findings[0].begin, 0u);
  EXPECT_EQ(missing.findings[0].end, 1u);
}

// Each value of a member set twice is checked, since either may be kept.
// The second parent or definition once got the duplicate error alone, and
// an empty second display name no warning.
TEST(CreateRequest, ChecksEachValueOfMemberSetTwice) {
  for (const char* names : {R"("displayName":"x","display_name":"",)",
                            R"("displayName":"","display_name":"x",)"}) {
    SCOPED_TRACE(names);
    const ValidationResult empty =
        Validate(std::string("{") + names + R"("trainingTaskDefinition":")" +
                 std::string(ImageSegmentationInputsDecl().schema_uri) +
                 R"(","trainingTaskInputs":{}})");
    const Finding* missing = testing::FindCode(empty, "pipeline.missing_field");
    ASSERT_NE(missing, nullptr);
    EXPECT_EQ(missing->path, std::string(names).find(R"("displayName":"")") ==
                                     std::string::npos
                                 ? "/display_name"
                                 : "/displayName");
  }
  // A container as the definition is named by its kind, not quoted.
  const ValidationResult object = Validate(
      R"({"displayName":"x","trainingTaskDefinition":{},"trainingTaskInputs":{}})");
  const Finding* kind = testing::FindCode(object, "pipeline.task_definition");
  ASSERT_NE(kind, nullptr);
  EXPECT_EQ(kind->message,
            "trainingTaskDefinition must be the image segmentation schema; "
            "got an object");
  EXPECT_EQ(kind->params.ToJson()["actual"], "an object");

  const ValidationResult parent = Validate(
      CreateRequest(R"("parent":"projects/p/locations/l","parent":"y",)"));
  EXPECT_EQ(
      testing::CodesOf(parent),
      std::vector<std::string>(
          {"field.duplicate", "pipeline.invalid_parent", "pipeline.request"}));
  const Finding* invalid = testing::FindCode(parent, "pipeline.invalid_parent");
  ASSERT_NE(invalid, nullptr);
  EXPECT_EQ(invalid->params.ToJson()["actual"], "y");

  const ValidationResult definition = Validate(
      RequestStart() +
      R"("trainingTaskDefinition":"gs://other","trainingTaskInputs":{}})");
  EXPECT_EQ(
      testing::CodesOf(definition),
      std::vector<std::string>(
          {"field.duplicate", "pipeline.task_definition", "pipeline.request"}));
  const Finding* other =
      testing::FindCode(definition, "pipeline.task_definition");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->message,
            "trainingTaskDefinition must be the image segmentation schema; "
            "got \"gs://other\"");
  EXPECT_TRUE(definition.canonical_json.empty());
}

TEST(CreateRequest, RejectsInputsOutsideThePipeline) {
  const std::string parent = R"("parent":"projects/p/locations/l",)";
  // Each makes it unclear what the inputs are, so nothing is exported.
  for (const std::string& misplaced :
       {std::string(R"("modelType":"CLOUD_LOW_ACCURACY_1",)"),
        std::string(
            R"("trainingTaskInputs":{"modelType":"CLOUD_LOW_ACCURACY_1"},)")}) {
    SCOPED_TRACE(misplaced);
    const ValidationResult result = Validate(CreateRequest(parent + misplaced));
    ASSERT_EQ(testing::CodesOf(result),
              std::vector<std::string>(
                  {"pipeline.misplaced_field", "pipeline.request"}));
    EXPECT_EQ(result.findings[0].severity, Severity::kError);
    EXPECT_EQ(result.canonical_json, "");
  }
  // A pipeline member beside the pipeline leaves the inputs clear.
  const ValidationResult display =
      Validate(CreateRequest(parent + R"("displayName":"x",)"));
  ASSERT_EQ(display.findings[0].code, "pipeline.misplaced_field");
  EXPECT_NE(display.findings[0].hint.find("Move it into trainingPipeline."),
            std::string::npos);
  EXPECT_NE(display.canonical_json, "");
}

TEST(CreateRequest, SuggestsSwappedLetters) {
  const ValidationResult result =
      Validate(CreateRequest(R"("parnet":"projects/p/locations/l",)"));
  const auto typo = std::find_if(
      result.findings.begin(), result.findings.end(),
      [](const Finding& finding) { return finding.path == "/parnet"; });
  ASSERT_NE(typo, result.findings.end());
  EXPECT_EQ(typo->code, "pipeline.unknown_field");
  EXPECT_EQ(typo->params.Find(Param::kSuggestion)->text, "parent");
  // A misspelt pipeline key is read as the inputs, and named.
  const ValidationResult key =
      Validate(R"({"parent":"projects/p/locations/l","trainingPipelin":{}})");
  ASSERT_EQ(key.findings.size(), 2u);
  EXPECT_EQ(key.findings[1].params.Find(Param::kSuggestion)->text,
            "trainingPipeline");
}

TEST(CreateRequest, RejectsPipelineThatIsNoObject) {
  for (const char* value : {"null", "\"x\"", "[]", "7"}) {
    SCOPED_TRACE(value);
    const ValidationResult result = Validate(
        std::string(
            R"({"parent":"projects/p/locations/l","trainingPipeline":)") +
        value + "}");
    EXPECT_EQ(testing::CodesOf(result),
              std::vector<std::string>({"pipeline.pipeline_not_object"}));
    EXPECT_TRUE(result.pipeline_request);
    EXPECT_TRUE(result.member_spans.empty());
    EXPECT_EQ(result.canonical_json, "");
  }
}

// proto3 JSON reads null as a null value for google.protobuf.Value, the
// type of trainingTaskInputs, so the message explains that null is not absence
// there, where everywhere else it is.
TEST(PipelineRequest, NullInputsAreNotAbsent) {
  const ValidationResult null_inputs =
      Validate(RequestStart() + R"("trainingTaskInputs":null})");
  ASSERT_EQ(null_inputs.findings.size(), 1u);
  EXPECT_EQ(null_inputs.findings[0].code, "pipeline.inputs_not_object");
  EXPECT_NE(null_inputs.findings[0].message.find("null is not read as absent"),
            std::string::npos);
  const ValidationResult array_inputs =
      Validate(RequestStart() + R"("trainingTaskInputs":[]})");
  ASSERT_EQ(array_inputs.findings.size(), 1u);
  EXPECT_EQ(array_inputs.findings[0].message,
            "trainingTaskInputs must be an object");
}

// Keys set twice are reported at any depth of a request, once each. Inside
// inputs objects, the first or a second, their own check reports them.
// Inside an array given as the inputs, the request reports them.
TEST(PipelineRequest, ReportsDuplicateKeysAtAnyDepth) {
  struct Row {
    std::string text;
    std::vector<std::string> codes;
    std::string duplicate_path;
  };
  const std::vector<Row> rows = {
      {RequestStart() + R"("trainingTaskInputs":{"x":{"a":1,"a":2}}})",
       {"pipeline.request", "field.unknown", "json.duplicate_key"},
       "/trainingTaskInputs/x/a"},
      {RequestStart() + R"("trainingTaskInputs":[{"a":1,"a":2}]})",
       {"pipeline.inputs_not_object", "json.duplicate_key"},
       "/trainingTaskInputs/0/a"},
      {RequestStart() +
           R"("trainingTaskInputs":{},"trainingTaskInputs":{"x":{"a":1,"a":2}}})",
       {"pipeline.request", "field.duplicate", "field.unknown",
        "json.duplicate_key"},
       "/trainingTaskInputs/x/a"},
  };
  for (const Row& row : rows) {
    const ValidationResult result = Validate(row.text);
    std::vector<std::string> codes;
    for (const Finding& finding : result.findings)
      codes.push_back(finding.code);
    EXPECT_EQ(codes, row.codes) << row.text;
    ASSERT_EQ(result.findings.size(), row.codes.size()) << row.text;
    EXPECT_EQ(result.findings.back().path, row.duplicate_path) << row.text;
    EXPECT_EQ(row.text.substr(result.findings.back().begin, 3), "\"a\"")
        << row.text;
    // The second "a", not the first.
    EXPECT_EQ(result.findings.back().begin, row.text.rfind("\"a\""))
        << row.text;
  }
}

TEST(DeclaredNames, ListFieldsThenEnumValues) {
  const std::vector<std::string_view> expected = {"modelType",
                                                  "budgetMilliNodeHours",
                                                  "baseModelId",
                                                  "MODEL_TYPE_UNSPECIFIED",
                                                  "CLOUD_HIGH_ACCURACY_1",
                                                  "CLOUD_LOW_ACCURACY_1",
                                                  "MOBILE_TF_LOW_LATENCY_1"};
  EXPECT_EQ(ImageSegmentationInputsDecl().DeclaredNames(), expected);
}

TEST(DescribeMessage, DeclaresEveryField) {
  const nlohmann::ordered_json description =
      DescribeMessage(ImageSegmentationInputsDecl());
  ASSERT_EQ(description["fields"].size(), 3u);
  const auto& budget = description["fields"][1];
  EXPECT_EQ(budget["jsonName"], "budgetMilliNodeHours");
  EXPECT_EQ(budget["protoName"], "budget_milli_node_hours");
  EXPECT_EQ(budget["serviceDefault"], "192000");
  EXPECT_EQ(budget["range"]["min"], "20000");
  EXPECT_EQ(budget["range"]["max"], "2000000");
  EXPECT_EQ(budget["referenceNodeCount"], 8);
  EXPECT_EQ(description["fields"][0]["values"].size(), 4u);
}

}  // namespace
}  // namespace segform
