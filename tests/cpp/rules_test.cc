// Field rules: the message, hint and parameters of each finding.

#include <gtest/gtest.h>

#include "test_util.h"

namespace segform {
namespace {

using testing::FindCode;

TEST(BudgetRange, NamesBothLimitsForHighAccuracy) {
  const ValidationResult result = Validate(
      R"({"modelType":"CLOUD_HIGH_ACCURACY_1","budgetMilliNodeHours":"5000"})");
  const Finding* finding = FindCode(result, "budget.out_of_range");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->severity, Severity::kError);
  EXPECT_EQ(finding->path, "/budgetMilliNodeHours");
  EXPECT_NE(finding->message.find("20,000"), std::string::npos);
  EXPECT_NE(finding->message.find("2,000,000"), std::string::npos);
  EXPECT_EQ(finding->params.ToJson()["min"], "20000");
  EXPECT_EQ(finding->params.ToJson()["max"], "2000000");
  EXPECT_EQ(finding->params.ToJson()["actual"], "5000");
  EXPECT_EQ(finding->params.ToJson()["modelType"], "CLOUD_HIGH_ACCURACY_1");
}

TEST(BudgetRange, AppliesToAbsentAndUnspecifiedType) {
  for (
      const char* text :
      {R"({"budgetMilliNodeHours":"19999"})",
       R"({"modelType":"MODEL_TYPE_UNSPECIFIED","budgetMilliNodeHours":19999})",
       R"({"modelType":0,"budgetMilliNodeHours":"2000001"})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    const Finding* finding = FindCode(result, "budget.out_of_range");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->params.ToJson()["modelType"], "CLOUD_HIGH_ACCURACY_1");
    // Only an absent model type is named as the default, since the user
    // did not write it.
    const bool absent =
        std::string(text).find("modelType") == std::string::npos;
    EXPECT_EQ(finding->message.find(
                  "for CLOUD_HIGH_ACCURACY_1, the model type when modelType is "
                  "not set; got ") != std::string::npos,
              absent);
  }
}

TEST(BudgetRange, OnlyNotesOtherModelTypes) {
  for (const char* type : {"CLOUD_LOW_ACCURACY_1", "MOBILE_TF_LOW_LATENCY_1"}) {
    SCOPED_TRACE(type);
    const ValidationResult result =
        Validate(std::string(R"({"modelType":")") + type +
                 R"(","budgetMilliNodeHours":"1000"})");
    EXPECT_TRUE(result.ok());
    const Finding* note = FindCode(result, "budget.range_not_checked");
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->severity, Severity::kInfo);
  }
}

TEST(BudgetRange, SkipsRangeWhenModelTypeIsUnknown) {
  const ValidationResult result =
      Validate(R"({"modelType":"FAST","budgetMilliNodeHours":"1000"})");
  EXPECT_NE(FindCode(result, "model_type.unknown_name"), nullptr);
  EXPECT_EQ(FindCode(result, "budget.out_of_range"), nullptr);
  EXPECT_EQ(result.findings.size(), 1u);
}

TEST(BudgetZero, WarnsThatTheDefaultApplies) {
  const ValidationResult result = Validate(R"({"budgetMilliNodeHours":0})");
  EXPECT_TRUE(result.ok());
  const Finding* finding = FindCode(result, "budget.zero");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->severity, Severity::kWarning);
  EXPECT_EQ(finding->params.ToJson()["default"], "192000");
  EXPECT_EQ(FindCode(result, "budget.out_of_range"), nullptr);
  EXPECT_EQ(result.canonical_json, "{}\n");
}

// The schema documents the default of 192,000 for the high-accuracy type
// only, so for another type the warning names no number.
TEST(BudgetZero, NamesNoDefaultForOtherTypes) {
  const ValidationResult result = Validate(
      R"({"modelType":"MOBILE_TF_LOW_LATENCY_1","budgetMilliNodeHours":0})");
  const Finding* finding = FindCode(result, "budget.zero");
  ASSERT_NE(finding, nullptr);
  EXPECT_FALSE(finding->params.contains(Param::kDefault));
  EXPECT_EQ(finding->params.ToJson()["modelType"], "MOBILE_TF_LOW_LATENCY_1");
  EXPECT_EQ(finding->message.find("192"), std::string::npos);

  const ValidationResult unspecified = Validate(
      R"({"modelType":"MODEL_TYPE_UNSPECIFIED","budgetMilliNodeHours":0})");
  const Finding* named = FindCode(unspecified, "budget.zero");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->params.ToJson()["default"], "192000");

  const ValidationResult unknown =
      Validate(R"({"modelType":"OTHER","budgetMilliNodeHours":0})");
  const Finding* unnamed = FindCode(unknown, "budget.zero");
  ASSERT_NE(unnamed, nullptr);
  EXPECT_FALSE(unnamed->params.contains(Param::kDefault));
  EXPECT_FALSE(unnamed->params.contains(Param::kModelType));
}

TEST(ModelType, SuggestsNameForProseSpelling) {
  const ValidationResult result =
      Validate(R"({"modelType":"cloud-high-accuracy-1"})");
  const Finding* finding = FindCode(result, "model_type.unknown_name");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->params.ToJson()["suggestion"], "CLOUD_HIGH_ACCURACY_1");
  EXPECT_EQ(finding->params.ToJson()["expected"].size(), 4u);
  for (const char* name : {"MODEL_TYPE_UNSPECIFIED", "CLOUD_HIGH_ACCURACY_1",
                           "CLOUD_LOW_ACCURACY_1", "MOBILE_TF_LOW_LATENCY_1"}) {
    EXPECT_NE(finding->message.find(name), std::string::npos) << name;
  }
  EXPECT_NE(finding->hint.find("CLOUD_HIGH_ACCURACY_1"), std::string::npos);
}

TEST(ModelType, GivesNoSuggestionForUnrelatedName) {
  const ValidationResult result = Validate(R"({"modelType":"FAST"})");
  const Finding* finding = FindCode(result, "model_type.unknown_name");
  ASSERT_NE(finding, nullptr);
  EXPECT_FALSE(finding->params.contains(Param::kSuggestion));
}

TEST(ModelType, WarnsWhenUnspecifiedIsSet) {
  const ValidationResult result =
      Validate(R"({"modelType":"MODEL_TYPE_UNSPECIFIED"})");
  EXPECT_TRUE(result.ok());
  const Finding* finding = FindCode(result, "model_type.unspecified");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->severity, Severity::kWarning);
  EXPECT_EQ(finding->params.ToJson()["effective"], "CLOUD_HIGH_ACCURACY_1");
}

// A model type spelled as only Python reads it still selects the budget's
// range, as Python reads it, and so does a misspelt name whose hint
// suggests a name. Following the hint then brings up no new range error.
// A name with no suggestion selects no range.
TEST(ModelType, ValueMeantSelectsBudgetRange) {
  const struct {
    const char* model_type;
    const char* model_type_code;
    const char* budget_code;  // nullptr for no budget finding
  } rows[] = {
      {"true", "model_type.not_portable", "budget.out_of_range"},
      {"false", "model_type.not_portable", "budget.out_of_range"},
      {R"("1")", "model_type.not_portable", "budget.out_of_range"},
      {R"(" +1")", "model_type.not_portable", "budget.out_of_range"},
      {"1.5", "model_type.not_portable", "budget.out_of_range"},
      // Python reads a fraction with an exponent as a double first.
      {"1.5e0", "model_type.not_portable", "budget.out_of_range"},
      {"25e-1", "model_type.not_portable", "budget.range_not_checked"},
      {"-0.5", "model_type.not_portable", "budget.out_of_range"},
      {R"("3")", "model_type.not_portable", "budget.range_not_checked"},
      // int() drops white space in any mix, and underscores.
      {R"(" \t3")", "model_type.not_portable", "budget.range_not_checked"},
      {R"("0_1")", "model_type.not_portable", "budget.out_of_range"},
      // Arabic-Indic 0, an underscore, and 2.
      {"\"\xD9\xA0_\xD9\xA2\"", "model_type.not_portable",
       "budget.range_not_checked"},
      {R"("4")", "model_type.not_portable", nullptr},
      {R"("CLOUD_HIGH_ACCURACY_1 ")", "model_type.unknown_name",
       "budget.out_of_range"},
      {R"("model_type_unspecified")", "model_type.unknown_name",
       "budget.out_of_range"},
      {R"("cloud_low_accuracy_1")", "model_type.unknown_name",
       "budget.range_not_checked"},
      {R"("FAST")", "model_type.unknown_name", nullptr}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.model_type);
    const ValidationResult result =
        Validate(std::string(R"({"modelType":)") + row.model_type +
                 R"(,"budgetMilliNodeHours":5000})");
    ASSERT_EQ(result.findings.size(), row.budget_code ? 2u : 1u);
    EXPECT_EQ(result.findings[0].code, row.model_type_code);
    if (row.budget_code) EXPECT_EQ(result.findings[1].code, row.budget_code);
  }
}

// params.actual is a string for every code, as the value is written or
// read, so that a caller need not test its type.
TEST(ModelType, UnknownNumberActualIsString) {
  for (const char* number : {"4", "2147483648", "1e400"}) {
    SCOPED_TRACE(number);
    const ValidationResult result =
        Validate(std::string(R"({"modelType":)") + number + "}");
    const Finding* finding = FindCode(result, "model_type.unknown_number");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->params.ToJson()["actual"], number);
  }
}

TEST(UnknownField, SuggestsCloseFieldName) {
  const ValidationResult result =
      Validate(R"({"budgetMiliNodeHours":"250000"})");
  const Finding* finding = FindCode(result, "field.unknown");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->path, "/budgetMiliNodeHours");
  EXPECT_EQ(finding->params.ToJson()["suggestion"], "budgetMilliNodeHours");
  EXPECT_NE(finding->message.find("did you mean \"budgetMilliNodeHours\""),
            std::string::npos);
}

// A typo of a proto name gets the field's proto name suggested, and a typo
// of a JSON name its JSON name, for every field, so that a file keeps the
// style it is written in. The search compares without case and
// underscores, under which the two names are the same.
TEST(UnknownField, SuggestsNameInTheKeysStyle) {
  for (const FieldDecl& field : ImageSegmentationInputsDecl().fields) {
    for (const std::string_view name : {field.proto_name, field.json_name}) {
      std::string key(name);
      key.erase(1, 1);
      const ValidationResult result = Validate("{\"" + key + "\": null}");
      const Finding* finding = FindCode(result, "field.unknown");
      ASSERT_NE(finding, nullptr) << key;
      EXPECT_EQ(finding->params.ToJson()["suggestion"], name) << key;
      EXPECT_EQ(finding->hint, "Rename it to \"" + std::string(name) + "\".")
          << key;
    }
  }
  // A key with capitals and underscores is not a proto name.
  const ValidationResult mixed = Validate(R"({"model_Tpe": 1})");
  const Finding* finding = FindCode(mixed, "field.unknown");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->params.ToJson()["suggestion"], "modelType");
}

// The key below is 49 bytes, past a cut-off on the raw length (twice the
// longest JSON name plus 8). The cut-off counts the key without the
// separators that the comparison drops, so the key still gets a suggestion.
TEST(UnknownField, SuggestsNameForKeyWithManySeparators) {
  for (const size_t underscores : {39, 200}) {
    const std::string key = "model_type" + std::string(underscores, '_');
    const ValidationResult result = Validate("{\"" + key + "\":1}");
    const Finding* finding = FindCode(result, "field.unknown");
    ASSERT_NE(finding, nullptr) << underscores;
    EXPECT_EQ(finding->params.ToJson()["suggestion"], "model_type")
        << underscores;
  }
}

// A request whose trainingTaskInputs key is misspelt is read as inputs.
// Its misspelt key gets the pipeline key suggested, though not inside a
// request's inputs, where it cannot stand.
TEST(UnknownField, SuggestsPipelineKeyAtTopLevel) {
  for (const std::string key :
       {"trainingTaskInput", "training_task_input", "TrainingTaskInputs"}) {
    const ValidationResult result =
        Validate("{\"" + key + "\": {\"modelType\": 1}}");
    EXPECT_FALSE(result.pipeline_request) << key;
    const Finding* finding = FindCode(result, "field.unknown");
    ASSERT_NE(finding, nullptr) << key;
    EXPECT_EQ(finding->path, "/" + key);
    const std::string name = key.find('_') == std::string::npos
                                 ? "trainingTaskInputs"
                                 : "training_task_inputs";
    EXPECT_EQ(finding->params.ToJson()["suggestion"], name) << key;
    EXPECT_NE(finding->message.find("did you mean \"" + name + "\""),
              std::string::npos)
        << key;
    // Beside a trainingTaskDefinition, the text is a request without its
    // inputs, and the error is at the misspelt key, to be renamed.
    const ValidationResult request =
        Validate("{\"" + key +
                 "\": {\"modelType\": 1}, \"trainingTaskDefinition\": \"x\"}");
    EXPECT_TRUE(request.pipeline_request) << key;
    const Finding* missing = FindCode(request, "pipeline.missing_inputs");
    ASSERT_NE(missing, nullptr) << key;
    EXPECT_EQ(missing->path, "/" + key);
    EXPECT_EQ(missing->hint, "Rename it to \"" + name + "\".");
    // That one error is all the key gets: no unknown member besides.
    EXPECT_EQ(FindCode(request, "pipeline.unknown_field"), nullptr) << key;
  }
  // Members that inputs may carry as unknown fields leave them inputs.
  for (const char* text : {R"({"labels": {"team": "a"}})", R"({"name": "x"})",
                           R"({"displayName": "x", "state": 1})"}) {
    ValidateOptions ignore;
    ignore.ignore_unknown_fields = true;
    const ValidationResult result = Validate(text, ignore);
    EXPECT_FALSE(result.pipeline_request) << text;
    EXPECT_TRUE(result.ok()) << text;
  }
  const ValidationResult inner =
      Validate(R"({"trainingTaskInputs": {"trainingTaskInput": 1}})");
  const Finding* finding = FindCode(inner, "field.unknown");
  ASSERT_NE(finding, nullptr);
  EXPECT_FALSE(finding->params.contains(Param::kSuggestion));
}

TEST(UnknownField, ListsAllowedFieldsWhenNothingIsClose) {
  const ValidationResult result = Validate(R"({"multiLabel":true})");
  const Finding* finding = FindCode(result, "field.unknown");
  ASSERT_NE(finding, nullptr);
  EXPECT_FALSE(finding->params.contains(Param::kSuggestion));
  EXPECT_EQ(finding->params.ToJson()["allowed"],
            nlohmann::ordered_json::array(
                {"modelType", "budgetMilliNodeHours", "baseModelId"}));
}

// Renaming a key to a field that is set already, before the key or after
// it, would set that field twice, so the field is not suggested. The
// message names it as set, and an absent field can still be suggested.
TEST(UnknownField, SuggestsNoFieldSetAlready) {
  // The field set already is named as it is written: its JSON name, or
  // its proto name.
  const std::pair<const char*, const char*> rows[] = {
      {R"({"modelType":"CLOUD_LOW_ACCURACY_1","model_Type":"CLOUD_HIGH_ACCURACY_1"})",
       "modelType"},
      {R"({"model_Type":"CLOUD_HIGH_ACCURACY_1","model_type":null})",
       "model_type"},
  };
  for (const auto& [text, set] : rows) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    const Finding* finding = FindCode(result, "field.unknown");
    ASSERT_NE(finding, nullptr);
    EXPECT_FALSE(finding->params.contains(Param::kSuggestion));
    EXPECT_EQ(finding->message,
              std::string("unknown field \"model_Type\"; it is "
                          "close to \"") +
                  set + "\", which is set too");
    EXPECT_EQ(finding->hint, std::string("Remove it if \"") + set +
                                 "\" has the value you want. Otherwise move "
                                 "its value there, then remove it.");
  }
  const ValidationResult absent = Validate(
      R"({"budget_milli_node_hour":5,"baseModelId":"m1","baseModelID":"m2"})");
  ASSERT_EQ(absent.findings.size(), 2u);
  EXPECT_EQ(absent.findings[0].hint,
            "Rename it to \"budget_milli_node_hours\".");
  EXPECT_NE(absent.findings[1].hint.find("\"baseModelId\" has the value"),
            std::string::npos);
}

// Two unknown keys close to the same absent field: renaming both would
// set it twice, so only the first gets the rename hint, and the second
// gets a hint to keep one of the two.
TEST(UnknownField, SuggestsEachFieldOnce) {
  const ValidationResult result =
      Validate(R"({"modeltype":"CLOUD_HIGH_ACCURACY_1","modelTyp":1})");
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].params.ToJson()["suggestion"], "modelType");
  const Finding& second = result.findings[1];
  EXPECT_EQ(second.code, "field.unknown");
  EXPECT_FALSE(second.params.contains(Param::kSuggestion));
  EXPECT_NE(second.message.find(
                "but that field is suggested for \"modeltype\" already"),
            std::string::npos)
      << second.message;
  EXPECT_EQ(second.hint,
            "Rename only one of the two to \"modelType\", and remove the "
            "other.");
  // The request keys offered at the top level, too.
  const ValidationResult keys =
      Validate(R"({"trainingTaskInput": {}, "trainingTaskInputz": {}})");
  ASSERT_EQ(keys.findings.size(), 2u);
  EXPECT_EQ(keys.findings[0].params.ToJson()["suggestion"],
            "trainingTaskInputs");
  EXPECT_FALSE(keys.findings[1].params.contains(Param::kSuggestion));
  EXPECT_NE(keys.findings[1].message.find("suggested for"), std::string::npos);
}

TEST(UnknownField, EscapesPointerCharacters) {
  const ValidationResult result = Validate(R"({"a/b~c":1})");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].path, "/a~1b~0c");
}

struct EnumSpellingRow {
  const char* text;
  const char* code;
  const char* portable;  // nullptr when no spelling is suggested
};

// Spellings Python's json_format reads and @bufbuild/protobuf rejects are
// not portable; numbers outside int32 are no enum number at all.
const EnumSpellingRow kEnumSpellingRows[] = {
    // Python reads 1.5 as 1.
    {R"({"modelType":1.5})", "model_type.not_portable",
     "\"CLOUD_HIGH_ACCURACY_1\""},
    {R"({"modelType":7.5})", "model_type.not_portable", nullptr},
    {R"({"modelType":true})", "model_type.not_portable",
     "\"CLOUD_HIGH_ACCURACY_1\""},
    {R"({"modelType":false})", "model_type.not_portable", nullptr},
    {R"({"modelType":"2"})", "model_type.not_portable",
     "\"CLOUD_LOW_ACCURACY_1\""},
    // 7 is read alike but is no model type, so it is not suggested.
    {R"({"modelType":" +7"})", "model_type.not_portable", nullptr},
    {R"({"modelType":"4"})", "model_type.not_portable", nullptr},
    {R"({"modelType":2147483648})", "model_type.unknown_number", nullptr},
    {R"({"modelType":4294967297})", "model_type.unknown_number", nullptr},
    {R"({"modelType":[1]})", "field.wrong_type", nullptr},
};

// Findings on one input must not contradict each other. A 0 in any
// spelling gets the warning that 0 counts as not set, and no other finding
// requests a 0 or states that the API writes one.
TEST(ZeroBudget, HintsToLeaveFieldOut) {
  for (const char* text :
       {R"({"budgetMilliNodeHours":"-0"})", R"({"budgetMilliNodeHours":"00"})",
        R"({"budgetMilliNodeHours":"+0"})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "budget.zero");
  }
  for (const char* text :
       {R"({"budgetMilliNodeHours":1e-400})", R"({"modelType":1e-400})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 2u);
    EXPECT_NE(result.findings[0].code.find("inexact_number"),
              std::string::npos);
    EXPECT_EQ(result.findings[0].hint.find("Write 0"), std::string::npos);
    EXPECT_NE(result.findings[0].hint.find("Leave the field out"),
              std::string::npos);
  }
}

// "200,000" is a whole number, so its message names the separators instead
// of requesting a whole number.
TEST(Budget, NamesGroupSeparators) {
  const ValidationResult grouped =
      Validate(R"({"budgetMilliNodeHours":"200,000"})");
  ASSERT_EQ(grouped.findings.size(), 1u);
  EXPECT_EQ(grouped.findings[0].code, "budget.not_integer");
  EXPECT_EQ(grouped.findings[0].message,
            "budgetMilliNodeHours must be written without separators; got "
            "\"200,000\"");
  EXPECT_EQ(grouped.findings[0].hint, "Write \"200000\".");

  // Other characters beyond ASCII are not digits.
  const ValidationResult fraction =
      Validate("{\"budgetMilliNodeHours\":\"1.5\xC3\xA9\"}");
  EXPECT_NE(fraction.findings[0].message.find("must be a whole number"),
            std::string::npos);

  // Spaces, no-break spaces, apostrophes and full stops group digits too,
  // one kind throughout.
  const struct {
    const char* value;
    const char* digits;
  } others[] = {{"20 000", "20000"},
                {"250\\u00a0000", "250000"},
                {"250\xE2\x80\xAF"
                 "000",
                 "250000"},
                {"1'000'000", "1000000"},
                {"20\xE2\x80\x99"
                 "000",
                 "20000"},
                {"1.000.000", "1000000"},
                // A plus sign and spaces around the number are left out.
                {"+20,000", "20000"},
                {"20,000 ", "20000"},
                {" 25,000", "25000"}};
  for (const auto& other : others) {
    SCOPED_TRACE(other.value);
    const ValidationResult result = Validate(
        std::string(R"({"budgetMilliNodeHours":")") + other.value + "\"}");
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_NE(
        result.findings[0].message.find("must be written without separators"),
        std::string::npos);
    EXPECT_EQ(result.findings[0].hint,
              std::string("Write \"") + other.digits + "\".");
  }

  // Separators that do not group by threes, or mix, are no grouping.
  for (const char* text : {R"({"budgetMilliNodeHours":"20,00"})",
                           R"({"budgetMilliNodeHours":",000"})",
                           R"({"budgetMilliNodeHours":"1,000,"})",
                           R"({"budgetMilliNodeHours":"1,000 000"})",
                           R"({"budgetMilliNodeHours":"1234 567"})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_NE(result.findings[0].message.find("must be a whole number"),
              std::string::npos);
  }
}

// A whole number in a string with an exponent or a fraction is whole, so
// the message names its spelling. Spaces and a plus sign around it once
// lost the hint its digits.
TEST(Budget, WholeNumberInStringNamesSpelling) {
  const struct {
    const char* value;
    const char* hint;
  } rows[] = {{"2e5", "Write \"200000\"."},
              {"200000.0", "Write \"200000\"."},
              {" +1e5", "Write \"100000\"."},
              {"1.5e5\\t", "Write \"150000\"."}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.value);
    const std::string text =
        std::string(R"({"budgetMilliNodeHours":")") + row.value + "\"}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "budget.not_integer");
    EXPECT_EQ(result.findings[0].message.find(
                  "budgetMilliNodeHours in a string must be plain digits"),
              0u);
    EXPECT_EQ(result.findings[0].hint, row.hint);
  }
  // A plus sign before a minus sign is no number.
  const ValidationResult signs =
      Validate(R"({"budgetMilliNodeHours":"+-1e5"})");
  ASSERT_EQ(signs.findings.size(), 1u);
  EXPECT_NE(signs.findings[0].message.find("must be a whole number"),
            std::string::npos);
}

// A whole number in a string past the int64 range gets the range's error,
// as the same number outside a string does. Its message once read that it must
// be a whole number, which it is.
TEST(Budget, NumberFormStringPastInt64IsOverflow) {
  for (const char* value : {"2e50", "-2e50", "2.5e50", " +9.3e18"}) {
    SCOPED_TRACE(value);
    const std::string text =
        std::string(R"({"budgetMilliNodeHours":")") + value + "\"}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "budget.int64_overflow");
    EXPECT_EQ(result.findings[0].message,
              std::string("budgetMilliNodeHours must fit in a signed 64-bit "
                          "integer; got \"") +
                  value + "\"");
    EXPECT_EQ(result.findings[0].hint,
              "Write a value such as \"192000\", the default.");
  }
  // A fraction is not whole, however large or small.
  for (const char* value : {"1e-5", "1.5"}) {
    SCOPED_TRACE(value);
    const std::string text =
        std::string(R"({"budgetMilliNodeHours":")") + value + "\"}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "budget.not_integer");
  }
}

// A string in number form is read exactly, in decimal. Through a double,
// "9.2e18" was inexact and reported as not a whole number, and
// "9223372036854775807.0" rounded to 2^63 and was reported as too large.
TEST(Budget, NumberFormStringReadExactly) {
  const struct {
    const char* value;
    const char* hint;  // the first finding's
    std::vector<std::string> codes;
  } rows[] = {
      {"9.2e18",
       "Write \"9200000000000000000\".",
       {"budget.not_integer", "budget.out_of_range"}},
      {"9007199254740993.0",
       "Write \"9007199254740993\".",
       {"budget.not_integer", "budget.out_of_range"}},
      {"9223372036854775807.0",
       "Write \"9223372036854775807\".",
       {"budget.not_integer", "budget.out_of_range"}},
      {"9.223372036854775807e18",
       "Write \"9223372036854775807\".",
       {"budget.not_integer", "budget.out_of_range"}},
      {"-9223372036854775808.0",
       "Write \"-9223372036854775808\".",
       {"budget.not_integer", "budget.negative"}},
      {"12.50e1",
       "Write \"125\".",
       {"budget.not_integer", "budget.out_of_range"}},
      {"2000.000e2", "Write \"200000\".", {"budget.not_integer"}},
      {"9223372036854775808.0",
       "Write a value such as \"192000\", the default.",
       {"budget.int64_overflow"}},
      {"1e99999999999999999999",
       "Write a value such as \"192000\", the default.",
       {"budget.int64_overflow"}},
      {"-0e5",
       "Leave the field out, which is what a 0 means, or write the value you "
       "mean.",
       {"budget.not_integer"}},
      {"1e-400",
       "Write whole digits only, e.g. \"192000\".",
       {"budget.not_integer"}},
      {"200000.5e0",
       "Write whole digits only, e.g. \"192000\".",
       {"budget.not_integer"}},
      // Spellings JSON's grammar does not have get the value meant too.
      {"00002e5", "Write \"200000\".", {"budget.not_integer"}},
      {".5e6", "Write \"500000\".", {"budget.not_integer"}},
      {"2.e5", "Write \"200000\".", {"budget.not_integer"}},
      {"-.e5",
       "Write whole digits only, e.g. \"192000\".",
       {"budget.not_integer"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.value);
    const std::string text =
        std::string(R"({"budgetMilliNodeHours":")") + row.value + "\"}";
    const ValidationResult result = Validate(text);
    std::vector<std::string> codes;
    for (const Finding& finding : result.findings) {
      codes.push_back(finding.code);
    }
    EXPECT_EQ(codes, row.codes);
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings[0].hint, row.hint);
  }
  // A million digits within the size limit, made up for by the exponent,
  // still read as 200000. A cap on the exponent below the digit count
  // once misread both.
  const std::string zeros(1'040'000, '0');
  for (const std::string& value :
       {"0." + zeros + "2e1040006", "2" + zeros + "e-1039995"}) {
    const ValidationResult result =
        Validate(R"({"budgetMilliNodeHours":")" + value + "\"}");
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "budget.not_integer");
    EXPECT_EQ(result.findings[0].hint, "Write \"200000\".");
  }
}

// One group after a full stop may be a fraction or thousands: the hint gives
// both readings. The thousands, the reading a whole number calls for, is
// checked further, so "-20.000" is negative and "1.500" out of range. Once
// neither reading was checked, and a negative budget went unreported.
TEST(Budget, OneFullStopGroupGetsBothReadings) {
  const struct {
    const char* value;
    const char* hint;
    std::vector<std::string> codes;
  } rows[] = {
      {"20.000",
       "If the full stop separates thousands, write \"20000\"; if it is a "
       "decimal point, write \"20\".",
       {"budget.not_integer"}},
      {" +1.000",
       "If the full stop separates thousands, write \"1000\"; if it is a "
       "decimal point, write \"1\".",
       {"budget.not_integer", "budget.out_of_range"}},
      {"-20.000",
       "If the full stop separates thousands, write \"-20000\"; if it is a "
       "decimal point, write \"-20\".",
       {"budget.not_integer", "budget.negative"}},
      {"1.500",
       "If the full stop separates thousands, write \"1500\"; otherwise "
       "write whole digits only.",
       {"budget.not_integer", "budget.out_of_range"}},
      // Leading zeros before a group of more than one digit are still read.
      {"020.000",
       "If the full stop separates thousands, write \"20000\"; if it is a "
       "decimal point, write \"20\".",
       {"budget.not_integer"}},
  };

  for (const auto& row : rows) {
    SCOPED_TRACE(row.value);
    const ValidationResult result = Validate(
        std::string(R"({"budgetMilliNodeHours":")") + row.value + "\"}");
    EXPECT_EQ(testing::CodesOf(result), row.codes);
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings[0].message,
              std::string("budgetMilliNodeHours must be a whole number; got "
                          "\"") +
                  row.value + "\"");
    EXPECT_EQ(result.findings[0].hint, row.hint);
  }

  // After a lone 0 no one groups thousands: "0.500" and "0,500" are
  // fractions, and "0.000" is 0, which gets the hint about 0.
  for (const char* text : {R"({"budgetMilliNodeHours":"0.500"})",
                           R"({"budgetMilliNodeHours":"0,500"})"}) {
    SCOPED_TRACE(text);
    const ValidationResult fraction = Validate(text);
    ASSERT_EQ(fraction.findings.size(), 1u);
    EXPECT_EQ(fraction.findings[0].hint,
              "Write whole digits only, e.g. \"192000\".");
  }
  const ValidationResult zero = Validate(R"({"budgetMilliNodeHours":"0.000"})");
  ASSERT_EQ(zero.findings.size(), 1u);
  EXPECT_EQ(zero.findings[0].hint.rfind("Leave the field out", 0), 0u);

  // As a JSON number, 20.000 is twenty: JSON has no separators.
  const ValidationResult number =
      Validate(R"({"budgetMilliNodeHours":20.000})");
  ASSERT_FALSE(number.findings.empty());
  EXPECT_EQ(number.findings[0].hint.find("separates thousands"),
            std::string::npos);
}

// A spelling only one parser reads gets its portable form as the hint. When
// that value is out of range, the range error comes with it instead of
// after the edit. A model type without a documented range adds no note.
TEST(Budget, LenientValueRangeChecked) {
  const ValidationResult hex = Validate(R"({"budgetMilliNodeHours":"0x1"})");
  ASSERT_EQ(hex.findings.size(), 2u);
  EXPECT_EQ(hex.findings[0].code, "budget.not_portable");
  EXPECT_EQ(hex.findings[0].hint, "Write \"1\" instead.");
  EXPECT_EQ(hex.findings[1].code, "budget.out_of_range");
  EXPECT_EQ(hex.findings[1].params.ToJson()["actual"], "1");

  // The value meant by digits grouped with separators, or by a spelling
  // with a sign, is checked the same way.
  const struct {
    const char* value;
    const char* second_code;
  } meant[] = {{R"("5 000")", "budget.out_of_range"},
               {R"("20.000.000")", "budget.out_of_range"},
               {R"("-1 000")", "budget.negative"},
               {R"(" -5000")", "budget.negative"}};
  for (const auto& row : meant) {
    SCOPED_TRACE(row.value);
    const ValidationResult result =
        Validate(std::string(R"({"budgetMilliNodeHours":)") + row.value + "}");
    ASSERT_EQ(result.findings.size(), 2u);
    EXPECT_EQ(result.findings[1].code, row.second_code);
  }
  // Grouped digits of 0 get the hint about 0, and beyond int64 no digits.
  const ValidationResult zero = Validate(R"({"budgetMilliNodeHours":"0 000"})");
  ASSERT_EQ(zero.findings.size(), 1u);
  EXPECT_EQ(zero.findings[0].hint.rfind("Leave the field out", 0), 0u);
  const ValidationResult beyond =
      Validate(R"({"budgetMilliNodeHours":"9 223 372 036 854 775 808"})");
  ASSERT_EQ(beyond.findings.size(), 1u);
  EXPECT_NE(beyond.findings[0].hint.find("fit in a signed 64-bit integer"),
            std::string::npos);

  // Each value of a field set twice is checked, the lenient one too.
  const ValidationResult twice = Validate(
      R"({"budgetMilliNodeHours":"0x1","budgetMilliNodeHours":50000})");
  ASSERT_EQ(twice.findings.size(), 3u);
  EXPECT_EQ(twice.findings[0].code, "budget.not_portable");
  EXPECT_EQ(twice.findings[1].code, "budget.out_of_range");
  EXPECT_EQ(twice.findings[2].code, "field.duplicate");
  // A model type read as two different values: the budget is checked
  // against the type each stands for, as true alone would be.
  const ValidationResult two_types = Validate(
      R"({"modelType":true,"modelType":"CLOUD_LOW_ACCURACY_1","budgetMilliNodeHours":5000})");
  ASSERT_EQ(two_types.findings.size(), 3u);
  EXPECT_EQ(two_types.findings[2].code, "budget.out_of_range");
  EXPECT_EQ(two_types.findings[2].params.ToJson()["modelType"],
            "CLOUD_HIGH_ACCURACY_1");

  for (
      const char* text :
      {R"({"budgetMilliNodeHours":" 250000"})",
       R"({"budgetMilliNodeHours":"0x0"})",
       R"({"modelType":"CLOUD_LOW_ACCURACY_1","budgetMilliNodeHours":"0x1"})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "budget.not_portable");
  }
}

// Only JavaScript's BigInt reads 0x, 0o and 0b strings, with any number of
// leading zeros, and it takes nothing but digits after the prefix. Beyond
// int64 is an overflow however many digits there are.
TEST(Budget, PrefixedStringsAsBigInt) {
  const struct {
    std::string value;
    const char* code;
    const char* portable;  // nullptr when none is given
  } rows[] = {
      {"0x2EE00", "budget.not_portable", "\"192000\""},
      {"0x" + std::string(70, '0') + "2ee00", "budget.not_portable",
       "\"192000\""},
      {"0b" + std::string(100, '0') + "1", "budget.not_portable", "\"1\""},
      {"0x 5", "budget.not_integer", nullptr},
      {"0x0x5", "budget.not_integer", nullptr},
      {"0x+5", "budget.not_integer", nullptr},
      {"0x8000000000000000", "budget.int64_overflow", nullptr},
      {"0x8000000000000000g", "budget.not_integer", nullptr},
      {std::string(5000, '9'), "budget.int64_overflow", nullptr},
      {std::string(4300, '0') + "25000", "budget.not_portable", "\"25000\""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.value.substr(0, 12));
    const ValidationResult result =
        Validate(nlohmann::json({{"budgetMilliNodeHours", row.value}}).dump());
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings[0].code, row.code);
    if (row.portable == nullptr) {
      EXPECT_FALSE(result.findings[0].params.contains(Param::kPortable));
    } else {
      EXPECT_EQ(result.findings[0].params.ToJson()["portable"], row.portable);
    }
  }
}

// Python's int() reads the decimal digits of every script, full-width ones
// too, and JavaScript's BigInt only 0 to 9.
TEST(Budget, OtherScriptDigitsNotPortable) {
  const struct {
    const char* text;
    const char* portable;
  } rows[] = {
      {"\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90",
       "\"20000\""},  // full-width
      {"\xD9\xA2\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0",
       "\"200000\""},                                  // Arabic-Indic
      {"-\xE0\xA5\xA8\xE0\xA5\xA6", "\"-20\""},        // Devanagari
      {"\xF0\x9D\x9F\x8F\xF0\x9D\x9F\x8E", "\"10\""},  // mathematical bold
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const ValidationResult result = Validate(
        std::string(R"({"budgetMilliNodeHours":")") + row.text + "\"}");
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings[0].code, "budget.not_portable");
    EXPECT_EQ(result.findings[0].params.ToJson()["portable"], row.portable);
  }
  // As a model type, the hint names the value Python reads.
  const ValidationResult enum_digit =
      Validate("{\"modelType\":\"\xEF\xBC\x91\"}");
  ASSERT_EQ(enum_digit.findings.size(), 1u);
  EXPECT_EQ(enum_digit.findings[0].code, "model_type.not_portable");
  EXPECT_EQ(enum_digit.findings[0].params.ToJson()["portable"],
            "\"CLOUD_HIGH_ACCURACY_1\"");
}

// The hint for a top level that is not an object gives an example object,
// which is itself valid inputs. Wrapping the value in braces, which the
// earlier hint asked for, would not be JSON for any of these.
TEST(Hints, NotObjectExampleIsValid) {
  for (const char* text : {"[]", "null", "0", "true", "\"modelType\""}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    const Finding* finding = FindCode(result, "message.not_object");
    ASSERT_NE(finding, nullptr);
    const std::string_view lead = "such as ";
    const size_t start = finding->hint.find(lead);
    ASSERT_NE(start, std::string::npos) << finding->hint;
    ASSERT_EQ(finding->hint.back(), '.');
    const std::string example = finding->hint.substr(
        start + lead.size(), finding->hint.size() - 1 - start - lead.size());
    EXPECT_TRUE(Validate(example).ok()) << example;
  }
}

// A close name's hint gives the reason it is not the name: case and
// separators, or a character beyond ASCII, which may look like a letter or
// not show at all. Every close model type once got the hint about case.
TEST(Hints, CloseNameGivesReason) {
  const struct {
    const char* text;
    const char* code;
    const char* hint;
  } rows[] = {
      {R"({"modelType":"cloud-high-accuracy-1"})", "model_type.unknown_name",
       "Did you mean CLOUD_HIGH_ACCURACY_1? Names are case-sensitive and use "
       "underscores, with no spaces."},
      // A line break is named, not taken for a space.
      {R"({"modelType":"CLOUD_HIGH_ACCURACY_1\n"})", "model_type.unknown_name",
       "Did you mean CLOUD_HIGH_ACCURACY_1? The name has U+000A at character "
       "22, which is not a printable ASCII character."},
      {R"({"modelType":"CLOUD_HIGH_ACURACY_1"})", "model_type.unknown_name",
       "Did you mean CLOUD_HIGH_ACCURACY_1?"},
      {R"({"modelType":"\u0421LOUD_HIGH_ACCURACY_1"})",
       "model_type.unknown_name",
       "Did you mean CLOUD_HIGH_ACCURACY_1? The name has U+0421 at character "
       "1, which is not a printable ASCII character."},
      {R"({"model\u0422ype":1})", "field.unknown",
       "Rename it to \"modelType\". The key has U+0422 at character 6, "
       "which is not a printable ASCII character."},
      {R"({"model\u200bType":1})", "field.unknown",
       "Rename it to \"modelType\". The key has U+200B at character 6, "
       "which is not a printable ASCII character."},
      // Spaces around the name are the whole difference, and a control
      // character is named as one beyond ASCII is.
      {R"({"modelType":" CLOUD_HIGH_ACCURACY_1\t"})", "model_type.unknown_name",
       "Did you mean CLOUD_HIGH_ACCURACY_1? Remove the spaces around it."},
      {R"({"modelType":"CLOUD_HIGH_ACCURACY_1\u0000"})",
       "model_type.unknown_name",
       "Did you mean CLOUD_HIGH_ACCURACY_1? The name has U+0000 at character "
       "22, which is not a printable ASCII character."},
      // A request's keys get the note too.
      {R"({"trainingTaskInput\u0455":{}})", "field.unknown",
       "Rename it to \"trainingTaskInputs\" to check the request's inputs. The "
       "key has U+0455 at character 18, which is not a printable ASCII "
       "character."},
      {R"({"trainingTaskDefinition":"x","trainingTaskInput\u0455":{}})",
       "pipeline.missing_inputs",
       "Rename it to \"trainingTaskInputs\". The key has U+0455 at character "
       "18, which is not a printable ASCII character."},
      {R"({"modelType":1,"model\ud83d\ude00Type":1})", "field.unknown",
       "Remove it if \"modelType\" has the value you want. Otherwise move its "
       "value there, then remove it. The key has U+1F600 at character 6, "
       "which is not a printable ASCII character."},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const ValidationResult result = Validate(row.text);
    const Finding* finding = FindCode(result, row.code);
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->hint, row.hint);
  }
}

// The message names what the top level is. An array and a string once got
// the same words.
TEST(Hints, NotObjectNamesWhatItGot) {
  const struct {
    const char* text;
    const char* got;
  } rows[] = {{"[{}]", "; got an array"},
              {"\"{}\"", "; got a string"},
              {"null", "; got null"},
              {"1", "; got a number"}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const ValidationResult result = Validate(row.text);
    const Finding* finding = FindCode(result, "message.not_object");
    ASSERT_NE(finding, nullptr);
    const std::string_view message = finding->message;
    const std::string_view got = row.got;
    EXPECT_TRUE(message.size() > got.size() &&
                message.substr(message.size() - got.size()) == got)
        << message;
  }
}

TEST(EnumSpelling, InexactHintNamesValue) {
  const ValidationResult result =
      Validate(R"({"modelType":1.0000000000000000001})");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "model_type.inexact_number");
  EXPECT_EQ(result.findings[0].hint,
            "Write \"CLOUD_HIGH_ACCURACY_1\" to say what is read.");
  // A number with no name is an error of its own, so a known name is
  // suggested instead.
  const ValidationResult unknown =
      Validate(R"({"modelType":4.0000000000000001})");
  ASSERT_EQ(unknown.findings.size(), 2u);
  EXPECT_EQ(unknown.findings[0].code, "model_type.inexact_number");
  EXPECT_EQ(unknown.findings[0].hint,
            "Write a model type name, e.g. \"CLOUD_HIGH_ACCURACY_1\".");
}

// No hint suggests 0 or MODEL_TYPE_UNSPECIFIED, which are findings in turn.
TEST(Hints, SuggestNoUnsetValue) {
  for (const char* text : {R"({"modelType":"0"})", R"({"modelType":"-0"})",
                           R"({"budgetMilliNodeHours":"0x0"})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].hint.find("MODEL_TYPE_UNSPECIFIED"),
              std::string::npos);
    EXPECT_EQ(result.findings[0].hint.find("Write \"0\""), std::string::npos);
  }
}

TEST(EnumSpelling, RejectsWhatParsersReadDifferently) {
  for (const EnumSpellingRow& row : kEnumSpellingRows) {
    SCOPED_TRACE(row.text);
    const ValidationResult result = Validate(row.text);
    ASSERT_EQ(result.findings.size(), 1u);
    const Finding& finding = result.findings[0];
    EXPECT_EQ(finding.code, row.code);
    EXPECT_EQ(finding.severity, Severity::kError);
    if (row.portable == nullptr) {
      EXPECT_FALSE(finding.params.contains(Param::kPortable));
    } else {
      EXPECT_EQ(finding.params.ToJson()["portable"], row.portable);
    }
  }
}

// With unknown fields ignored, JavaScript skips an enum string it does not
// know. Where Python reads the digits as 0, wrapping past int32 as it sets
// the field, both parsers leave the field unset, so the text is accepted
// with the warning a 0 gets. Other digits are still read differently.
TEST(EnumSpelling, IgnoreModeAcceptsDigitsReadAsZero) {
  ValidateOptions ignore;
  ignore.ignore_unknown_fields = true;
  for (const char* value :
       {"0", " 0 ", "0_0", "\u0660", "4294967296", "-4294967296",
        "-9223372036854775809", "-100000000000000000000000"}) {
    const std::string text = std::string(R"({"modelType":")") + value + "\"}";
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text, ignore);
    EXPECT_TRUE(result.ok());
    ASSERT_EQ(result.findings.size(), 1u);
    EXPECT_EQ(result.findings[0].code, "model_type.unspecified");
    EXPECT_NE(result.findings[0].message.find("is read as "
                                              "MODEL_TYPE_UNSPECIFIED"),
              std::string::npos);
    ASSERT_TRUE(result.inputs.has_value());
    EXPECT_EQ(result.inputs->model_type, 0);
    // Without the option, JavaScript rejects the string.
    EXPECT_FALSE(Validate(text).ok());
  }
  const ValidationResult one = Validate(R"({"modelType":"1"})", ignore);
  const Finding* not_portable = FindCode(one, "model_type.not_portable");
  ASSERT_NE(not_portable, nullptr);
  EXPECT_NE(not_portable->message.find("JavaScript skips it"),
            std::string::npos);
  // Past int64, Python rejects the number.
  EXPECT_FALSE(
      Validate(R"({"modelType":"18446744073709551616"})", ignore).ok());
}

TEST(EnumSpelling, AcceptsWholeNumbersWithFractionSyntax) {
  for (const char* text : {R"({"modelType":1.0})", R"({"modelType":0.1e1})",
                           R"({"modelType":1e0})"}) {
    SCOPED_TRACE(text);
    const ValidationResult result = Validate(text);
    EXPECT_TRUE(result.findings.empty());
    EXPECT_EQ(result.inputs->model_type, 1);
  }
}

// A budget past int64 is not about one model type's range, so its hint
// gives the default as the API writes it instead of a range.
TEST(BudgetOverflow, HintGivesTheDefault) {
  for (const char* model_type :
       {"CLOUD_HIGH_ACCURACY_1", "CLOUD_LOW_ACCURACY_1"}) {
    const ValidationResult result =
        Validate(std::string(R"({"modelType":")") + model_type +
                 R"(","budgetMilliNodeHours":"9223372036854775808"})");
    const Finding* finding = FindCode(result, "budget.int64_overflow");
    ASSERT_NE(finding, nullptr) << model_type;
    EXPECT_EQ(finding->hint, "Write a value such as \"192000\", the default.");
  }
}

// Without a spelling that every parser reads alike, the hint names what to
// write.
TEST(NotPortable, HintWithoutPortableSpelling) {
  const ValidationResult fraction = Validate(R"({"modelType":7.5})");
  const Finding* enum_finding = FindCode(fraction, "model_type.not_portable");
  ASSERT_NE(enum_finding, nullptr);
  EXPECT_EQ(enum_finding->hint,
            "Write a model type name, e.g. \"CLOUD_HIGH_ACCURACY_1\".");

  const ValidationResult blank = Validate(R"({"budgetMilliNodeHours":"  "})");
  const Finding* budget_finding = FindCode(blank, "budget.not_portable");
  ASSERT_NE(budget_finding, nullptr);
  EXPECT_EQ(budget_finding->hint, "Write whole digits only, e.g. \"192000\".");
}

TEST(WrongType, SaysTheExpectedType) {
  const ValidationResult result = Validate(R"({"baseModelId":123})");
  const Finding* finding = FindCode(result, "field.wrong_type");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->params.ToJson()["expected"], "a string");
  EXPECT_EQ(finding->params.ToJson()["actual"], "a number");
}

struct BaseModelRow {
  const char* id;
  const char* code;  // nullptr when valid
};

const BaseModelRow kBaseModelRows[] = {
    {"123", nullptr},
    {"1234567890123456789", nullptr},
    {"seg-model_1", nullptr},
    {"_private", nullptr},
    {"a", nullptr},
    {"12345678901234567890", "base_model_id.invalid"},
    {"1seg", "base_model_id.invalid"},
    {"-seg", "base_model_id.invalid"},
    {"Seg", "base_model_id.invalid"},
    {"seg.model", "base_model_id.invalid"},
    {" 123", "base_model_id.whitespace"},
    {"123\t", "base_model_id.whitespace"},
    {"projects/p/locations/us-central1/models/123",
     "base_model_id.resource_name"},
};

TEST(BaseModelId, ChecksEveryRow) {
  for (const BaseModelRow& row : kBaseModelRows) {
    SCOPED_TRACE(row.id);
    const ValidationResult result =
        Validate(nlohmann::json({{"baseModelId", row.id}}).dump());
    if (row.code == nullptr) {
      EXPECT_TRUE(result.findings.empty());
    } else {
      ASSERT_EQ(result.findings.size(), 1u);
      EXPECT_EQ(result.findings[0].code, row.code);
    }
  }
}

TEST(BaseModelId, MaxLengthUserIdIsValid) {
  const std::string id_63 = "a" + std::string(62, 'b');
  EXPECT_TRUE(Validate(nlohmann::json({{"baseModelId", id_63}}).dump()).ok());
  const ValidationResult too_long =
      Validate(nlohmann::json({{"baseModelId", id_63 + "c"}}).dump());
  ASSERT_EQ(too_long.findings.size(), 1u);
  EXPECT_EQ(too_long.findings[0].code, "base_model_id.invalid");
  // The message quotes only 40 characters, so it gives the length too.
  EXPECT_NE(too_long.findings[0].message.find("...\" (64 characters)"),
            std::string::npos)
      << too_long.findings[0].message;
  const ValidationResult short_id =
      Validate(nlohmann::json({{"baseModelId", "9a"}}).dump());
  EXPECT_EQ(short_id.findings[0].message.find("characters)"),
            std::string::npos);
  // A long count is grouped by thousands, as every other number in messages.
  const ValidationResult longer = Validate(
      nlohmann::json({{"baseModelId", std::string(1500, 'a')}}).dump());
  EXPECT_NE(longer.findings[0].message.find("(1,500 characters)"),
            std::string::npos);
}

struct HintRow {
  const char* id;
  const char* code;
  const char* suggestion;  // nullptr when no value should be suggested
};

// A hint suggests a value only when that value is itself a valid ID.
const HintRow kHintRows[] = {
    {"projects/p/locations/l/models/123@2", "base_model_id.resource_name",
     "123"},
    {"projects/p/locations/l/models/abc/versions/1",
     "base_model_id.resource_name", "abc"},
    {"projects/p/locations/l/models/", "base_model_id.resource_name", nullptr},
    {" projects/p/locations/l/models/123", "base_model_id.whitespace", "123"},
    {" \x1b", "base_model_id.whitespace", nullptr},
    {"\xC2\xA0"
     "123\xE3\x80\x80",
     "base_model_id.whitespace", "123"},
    {" Seg", "base_model_id.whitespace", nullptr},
    // The longest IDs are past the 40 characters a message quotes, and the
    // hint still gives them whole.
    {" a12345678901234567890123456789012345678901234567890123456789012",
     "base_model_id.whitespace",
     "a12345678901234567890123456789012345678901234567890123456789012"},
    {"projects/p/locations/l/models/"
     "a12345678901234567890123456789012345678901234567890123456789012",
     "base_model_id.resource_name",
     "a12345678901234567890123456789012345678901234567890123456789012"},
};

TEST(BaseModelId, HintsSuggestOnlyValidIds) {
  for (const HintRow& row : kHintRows) {
    SCOPED_TRACE(row.id);
    const ValidationResult result =
        Validate(nlohmann::json({{"baseModelId", row.id}}).dump());
    ASSERT_FALSE(result.findings.empty());
    const Finding& finding = result.findings[0];
    EXPECT_EQ(finding.code, row.code);
    if (row.suggestion == nullptr) {
      EXPECT_FALSE(finding.params.contains(Param::kSuggestion));
    } else {
      EXPECT_EQ(finding.params.ToJson()["suggestion"], row.suggestion);
      EXPECT_NE(finding.hint.find(std::string("\"") + row.suggestion + "\""),
                std::string::npos);
    }
  }
}

TEST(BaseModelId, ResourceNameHintGivesTheId) {
  const ValidationResult result = Validate(
      R"({"baseModelId":"projects/p/locations/us-central1/models/123"})");
  const Finding* finding = FindCode(result, "base_model_id.resource_name");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->params.ToJson()["suggestion"], "123");
  EXPECT_NE(finding->hint.find("\"123\""), std::string::npos);
}

TEST(Messages, EchoAtMostEightyCharactersOfInput) {
  const std::string long_key(500, 'k');
  const ValidationResult result =
      Validate(nlohmann::json({{long_key, 1}, {"modelType", long_key}}).dump());
  ASSERT_EQ(result.findings.size(), 2u);
  for (const Finding& finding : result.findings) {
    SCOPED_TRACE(finding.code);
    EXPECT_EQ(finding.message.find(std::string(81, 'k')), std::string::npos);
    EXPECT_EQ(finding.hint.find(std::string(81, 'k')), std::string::npos);
  }
}

// A number is echoed cut too: a 0 with 200,000 zeros after the point, or a
// request's state with as many, once put the whole lexeme in the message.
TEST(Messages, CutLongNumbers) {
  const std::string zeros(200'000, '0');
  const std::string schema(ImageSegmentationInputsDecl().schema_uri);
  for (const std::string& text :
       {"{\"modelType\": 0." + zeros + "}",
        "{\"displayName\":\"d\",\"trainingTaskDefinition\":\"" + schema +
            "\",\"trainingTaskInputs\":{},\"state\":1." + zeros + "}"}) {
    const ValidationResult result = Validate(text);
    ASSERT_FALSE(result.findings.empty());
    for (const Finding& finding : result.findings) {
      SCOPED_TRACE(finding.code);
      EXPECT_EQ(finding.message.find(std::string(41, '0')), std::string::npos);
    }
  }
}

// A file of ASCII in UTF-16 has a NUL beside every character. A NUL
// beside one character only is a NUL byte in UTF-8 text.
TEST(Files, OneNulIsNotUtf16) {
  ValidateOptions file;
  file.input_is_file = true;
  EXPECT_NE(FindCode(Validate(std::string("{\0}\n", 4), file), "json.syntax"),
            nullptr);
  EXPECT_NE(
      FindCode(Validate(std::string("{\0\"\0a\0\"\0", 8), file), "file.utf16"),
      nullptr);
}

TEST(Messages, CutLongInputQuotedBySyntaxErrors) {
  // nlohmann quotes the whole string read so far when it meets a raw
  // control character inside it.
  const ValidationResult result =
      Validate("{\"baseModelId\":\"" + std::string(300, 'q') + "\n\"}");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "json.syntax");
  EXPECT_EQ(result.findings[0].message.find(std::string(81, 'q')),
            std::string::npos);
  EXPECT_NE(result.findings[0].message.find("control character"),
            std::string::npos);
}

TEST(Messages, EscapeC1ControlsAndBidiOverrides) {
  // U+009B is a terminal's CSI; U+202E reverses the text that follows.
  const ValidationResult result = Validate(
      "{\"x\xC2\x9B"
      "31mRED\xE2\x80\xAE\":1}");
  ASSERT_EQ(result.findings.size(), 1u);
  const std::string& message = result.findings[0].message;
  EXPECT_EQ(message.find("\xC2\x9B"), std::string::npos);
  EXPECT_EQ(message.find("\xE2\x80\xAE"), std::string::npos);
  EXPECT_NE(message.find("\\u009B31mRED\\u202E"), std::string::npos);
}

// An ID whose quote is cut before its first character that no ID can
// have, or that has several, names that character on its own.
TEST(BaseModelId, NamesFirstCharacterNotAllowed) {
  const ValidationResult cut =
      Validate("{\"baseModelId\":\"" + std::string(39, 'b') + "\\u2066\"}");
  ASSERT_EQ(cut.findings.size(), 1u);
  EXPECT_NE(
      cut.findings[0].message.find(
          "(40 characters), and its character 40, \"\\u2066\", is not allowed"),
      std::string::npos)
      << cut.findings[0].message;
  const ValidationResult space = Validate(R"({"baseModelId":"ab-c d"})");
  ASSERT_EQ(space.findings.size(), 1u);
  EXPECT_NE(space.findings[0].message.find(
                "got \"ab-c d\", and its character 5, \" \", is not allowed"),
            std::string::npos)
      << space.findings[0].message;
  // A first character that may stand elsewhere is not named as not
  // allowed, but as the wrong start, which was once left unsaid.
  for (const std::string id : {"-abc", "0abc"}) {
    SCOPED_TRACE(id);
    const ValidationResult start =
        Validate(R"({"baseModelId":")" + id + R"("})");
    ASSERT_EQ(start.findings.size(), 1u);
    EXPECT_EQ(start.findings[0].message.find("is not allowed"),
              std::string::npos);
    EXPECT_NE(start.findings[0].message.find(", which starts with \"" +
                                             id.substr(0, 1) +
                                             "\" and is not all digits"),
              std::string::npos);
  }
  // Twenty digits are too many, and get no note on their start.
  const ValidationResult digits =
      Validate(R"({"baseModelId":"01234567890123456789"})");
  ASSERT_EQ(digits.findings.size(), 1u);
  EXPECT_EQ(digits.findings[0].message.find("starts with"), std::string::npos);
}

TEST(Messages, EscapesCountTowardTheEchoLimit) {
  std::string escapes;
  for (int i = 0; i < 60; ++i) escapes += "\\u001b";
  const ValidationResult result =
      Validate("{\"baseModelId\":\" " + escapes + "\"}");
  // The spaces, and the invalid ID they surround, whose message also names
  // its first character that is not allowed.
  ASSERT_EQ(result.findings.size(), 2u);
  for (const Finding& finding : result.findings) {
    EXPECT_LE(finding.message.size(), 210u);
    EXPECT_LE(finding.hint.size(), 120u);
  }
}

// Removing the spaces around an ID that is not valid either would bring up
// a second error after the edit, so both come at once. An ID the hint can
// give in full needs no second finding.
TEST(BaseModelId, SpacedInvalidIdReportsBoth) {
  const std::string id(70, 'a');
  const ValidationResult spaced =
      Validate(R"({"baseModelId":"  )" + id + R"(  "})");
  ASSERT_EQ(spaced.findings.size(), 2u);
  EXPECT_EQ(spaced.findings[0].code, "base_model_id.whitespace");
  EXPECT_EQ(spaced.findings[0].hint, "Remove the spaces at the start and end.");
  EXPECT_EQ(spaced.findings[1].code, "base_model_id.invalid");
  EXPECT_EQ(spaced.findings[1].params.ToJson()["actual"], id);
  EXPECT_NE(spaced.findings[1].message.find("(70 characters)"),
            std::string::npos);

  const ValidationResult named =
      Validate(R"({"baseModelId":" projects/p/models/x y "})");
  ASSERT_EQ(named.findings.size(), 2u);
  EXPECT_EQ(named.findings[1].code, "base_model_id.resource_name");

  for (const char* text :
       {R"({"baseModelId":" 123 "})", R"({"baseModelId":"  "})",
        R"({"baseModelId":" models/9"})"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(Validate(text).findings.size(), 1u);
  }
}

TEST(Messages, SyntaxErrorsDoNotRepeatInjectedText) {
  // A string whose content imitates nlohmann's "; expected" clause.
  const ValidationResult result =
      Validate("{\"baseModelId\":\"; expected \xE2\x80\xAE" +
               std::string(5000, 'A') + "\x01\"}");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].code, "json.syntax");
  EXPECT_LT(result.findings[0].message.size(), 200u);
  EXPECT_EQ(result.findings[0].message.find("\xE2\x80\xAE"), std::string::npos);
}

TEST(Messages, EscapeInvisibleCharacters) {
  // U+FEFF, U+200B and U+00A0 would otherwise look like nothing or a space.
  const ValidationResult result = Validate(
      "{\"modelType\":\"\xEF\xBB\xBF"
      "A\xE2\x80\x8B"
      "B\xC2\xA0"
      "C\"}");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_NE(result.findings[0].message.find("\\uFEFFA\\u200BB\\u00A0C"),
            std::string::npos)
      << result.findings[0].message;
}

TEST(Messages, EscapeControlCharacters) {
  const ValidationResult result = Validate("{\"bell\\u0007\":1}");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].message.find('\a'), std::string::npos);
  EXPECT_NE(result.findings[0].message.find("\\u0007"), std::string::npos);
}

TEST(SyntaxHint, SaysTextEndsEarly) {
  const ValidationResult result =
      Validate(R"({"modelType":"CLOUD_LOW_ACCURACY_1",)");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_NE(result.findings[0].hint.find("still open"), std::string::npos);
}

TEST(SyntaxHint, SaysEmptyTextNeedsObject) {
  const ValidationResult result = Validate("");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].message, "invalid JSON: the text is empty");
  EXPECT_NE(result.findings[0].hint.find("JSON object"), std::string::npos);
}

TEST(SyntaxHint, SaysRemoveTrailingContent) {
  const ValidationResult after_value = Validate("{} 1");
  ASSERT_EQ(after_value.findings.size(), 1u);
  EXPECT_NE(after_value.findings[0].hint.find("Remove what follows"),
            std::string::npos);

  // A whole word at the end is not one still being typed.
  for (const char* text :
       {"{} true", "{\"modelType\":1} false", "{} null", "{} nu"}) {
    SCOPED_TRACE(text);
    const ValidationResult after_object = Validate(text);
    ASSERT_EQ(after_object.findings.size(), 1u);
    EXPECT_EQ(after_object.findings[0].hint,
              "Remove what follows the end of the JSON value.");
  }

  const ValidationResult extra_brace = Validate("{}}");
  ASSERT_EQ(extra_brace.findings.size(), 1u);
  EXPECT_NE(extra_brace.findings[0].hint.find("no object or array is open"),
            std::string::npos);
}

TEST(Duplicate, SameKeyIsNamedOnce) {
  const ValidationResult result = Validate(R"({"modelType":1,"modelType":2})");
  const Finding* finding = FindCode(result, "field.duplicate");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->message, "\"modelType\" is set twice");
}

// The inputs keep neither value of a field set twice, null included, and
// no default replaces it: the budget's note names the model type both
// values agree on.
TEST(Duplicate, KeepsNeitherValueNorDefaultRange) {
  const ValidationResult result = Validate(
      R"({"modelType":"CLOUD_LOW_ACCURACY_1","model_type":"CLOUD_LOW_ACCURACY_1",)"
      R"("budgetMilliNodeHours":5000})");
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].code, "field.duplicate");
  EXPECT_EQ(result.findings[1].code, "budget.range_not_checked");
  EXPECT_EQ(result.findings[1].params.ToJson()["modelType"],
            "CLOUD_LOW_ACCURACY_1");
  ASSERT_TRUE(result.inputs.has_value());
  EXPECT_FALSE(result.inputs->model_type.has_value());
  EXPECT_EQ(result.inputs->budget_milli_node_hours, 5000);
  const ValidationResult null_second =
      Validate(R"({"baseModelId":"m1","baseModelId":null})");
  ASSERT_TRUE(null_second.inputs.has_value());
  EXPECT_FALSE(null_second.inputs->base_model_id.has_value());
}

// Keeping either value of a field set twice must bring up no new error, so
// each value gets the checks a single one would.
TEST(Duplicate, ChecksEveryValue) {
  const struct {
    const char* text;
    std::vector<std::string> codes;
  } rows[] = {
      {R"({"baseModelId":"A","baseModelId":"A"})",
       {"base_model_id.invalid", "field.duplicate", "base_model_id.invalid"}},
      {R"({"modelType":7,"modelType":7})",
       {"model_type.unknown_number", "field.duplicate",
        "model_type.unknown_number"}},
      {R"({"modelType":"CLOUD_HIGH_ACCURACY_1","modelType":"CLOUD_HIGH_ACCURACY_1",)"
       R"("budgetMilliNodeHours":"5"})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"budgetMilliNodeHours":"50000","budget_milli_node_hours":"3000000"})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":null,"modelType":"X"})",
       {"field.duplicate", "model_type.unknown_name"}},
      // null and MODEL_TYPE_UNSPECIFIED stand for the default model type,
      // so they agree with it, and the budget's range applies.
      {R"({"modelType":null,"modelType":"CLOUD_HIGH_ACCURACY_1","budgetMilliNodeHours":1})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":null,"model_type":null,"budgetMilliNodeHours":1})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":"MODEL_TYPE_UNSPECIFIED","modelType":"CLOUD_HIGH_ACCURACY_1",)"
       R"("budgetMilliNodeHours":1})",
       {"model_type.unspecified", "field.duplicate", "budget.out_of_range"}},
      // When the model types disagree, the budget is checked against each,
      // in either order, since either may be kept. Types without a
      // documented range get no note until one is kept.
      {R"({"modelType":"CLOUD_LOW_ACCURACY_1","modelType":null,"budgetMilliNodeHours":1})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":null,"modelType":"CLOUD_LOW_ACCURACY_1","budgetMilliNodeHours":1})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":"CLOUD_HIGH_ACCURACY_1","model_type":"MOBILE_TF_LOW_LATENCY_1",)"
       R"("budgetMilliNodeHours":5000})",
       {"field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":"CLOUD_HIGH_ACCURACY_1","model_type":"MOBILE_TF_LOW_LATENCY_1",)"
       R"("budgetMilliNodeHours":50000})",
       {"field.duplicate"}},
      {R"({"modelType":"CLOUD_LOW_ACCURACY_1","model_type":"MOBILE_TF_LOW_LATENCY_1",)"
       R"("budgetMilliNodeHours":5000})",
       {"field.duplicate"}},
      // An unknown type is reported on its own; the known one still counts.
      {R"({"modelType":7,"model_type":"CLOUD_HIGH_ACCURACY_1","budgetMilliNodeHours":5000})",
       {"model_type.unknown_number", "field.duplicate", "budget.out_of_range"}},
      {R"({"modelType":7,"model_type":"CLOUD_LOW_ACCURACY_1","budgetMilliNodeHours":5000})",
       {"model_type.unknown_number", "field.duplicate"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    std::vector<std::string> codes;
    for (const Finding& finding : Validate(row.text).findings) {
      codes.push_back(finding.code);
    }
    EXPECT_EQ(codes, row.codes);
  }
}

// With two model types, the budget's error names the type it fails for,
// and is reported once however many times that type is given.
TEST(Duplicate, BudgetErrorNamesTheTypeItFails) {
  const ValidationResult result = Validate(
      R"({"modelType":"MOBILE_TF_LOW_LATENCY_1","model_type":"CLOUD_HIGH_ACCURACY_1",)"
      R"("modelType":"CLOUD_HIGH_ACCURACY_1","budgetMilliNodeHours":5000})");
  std::vector<const Finding*> budget;
  for (const Finding& finding : result.findings) {
    if (finding.code == "budget.out_of_range") budget.push_back(&finding);
  }
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(budget[0]->path, "/budgetMilliNodeHours");
  EXPECT_EQ(budget[0]->params.ToJson()["modelType"], "CLOUD_HIGH_ACCURACY_1");
  EXPECT_EQ(budget[0]->message,
            "budgetMilliNodeHours must be between 20,000 and 2,000,000 for "
            "CLOUD_HIGH_ACCURACY_1; got 5,000");
}

TEST(Findings, AreCappedAtOneHundred) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i) {
    text += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":0";
  }
  text += "}";
  const ValidationResult result = Validate(text);
  ASSERT_EQ(result.findings.size(), 101u);
  EXPECT_EQ(result.findings[99].path, "/k99");
  const Finding& summary = result.findings[100];
  EXPECT_EQ(summary.code, "findings.truncated");
  EXPECT_EQ(summary.severity, Severity::kInfo);
  EXPECT_EQ(summary.params.ToJson()["more"], 900);
  EXPECT_EQ(summary.params.ToJson()["moreErrors"], 900);
  EXPECT_EQ(summary.params.ToJson()["moreWarnings"], 0);
  EXPECT_EQ(summary.params.ToJson()["moreNotes"], 0);
  EXPECT_EQ(summary.message, "900 more findings not shown: 900 errors");
  // The summary can come before the findings shown, so its hint names no
  // place.
  EXPECT_EQ(summary.hint, "Fix the findings shown and check again.");
  // Every key is an error, shown or not.
  EXPECT_EQ(result.error_count(), 1000u);
  EXPECT_EQ(result.cut_error_count, 900u);
  EXPECT_FALSE(result.ok());
}

// The cap keeps errors before warnings. Unknown fields are warnings with
// ignore_unknown_fields. A cap by offset alone would let 120 of them push
// out a negative budget written last, and the result would be ok.
TEST(Findings, CapKeepsErrorsBeforeWarnings) {
  std::string text = "{";
  for (int i = 0; i < 120; ++i) text += "\"k" + std::to_string(i) + "\":0,";
  text += "\"budgetMilliNodeHours\":\"-5\"}";
  ValidateOptions options;
  options.ignore_unknown_fields = true;
  const ValidationResult result = Validate(text, options);

  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.error_count(), 1u);
  ASSERT_EQ(result.findings.size(), 101u);
  // In text order: 99 warnings, the summary where the first cut one was,
  // and the error.
  EXPECT_EQ(result.findings[98].path, "/k98");
  const Finding& summary = result.findings[99];
  EXPECT_EQ(summary.code, "findings.truncated");
  EXPECT_EQ(summary.params.ToJson()["more"], 21);
  EXPECT_EQ(summary.params.ToJson()["moreErrors"], 0);
  EXPECT_EQ(summary.params.ToJson()["moreWarnings"], 21);
  EXPECT_EQ(summary.message, "21 more findings not shown: 21 warnings");
  EXPECT_EQ(summary.begin, text.find("\"k99\""));
  EXPECT_EQ(result.findings[100].code, "budget.negative");
  EXPECT_TRUE(result.canonical_json.empty());
}

// The inputs of a pipeline request are capped on their own first. The
// request's summary counts the findings that the inner cap cut as well as
// those its own cap cuts.
TEST(Findings, CapCountsWhatPipelineInputsCut) {
  for (const int keys : {102, 150}) {
    std::string text = "{\"displayName\":\"d\",\"trainingTaskDefinition\":\"" +
                       std::string(ImageSegmentationInputsDecl().schema_uri) +
                       "\",\"trainingTaskInputs\":{";
    for (int i = 0; i < keys; ++i) {
      text += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":1";
    }
    text += "}}";
    const ValidationResult result = Validate(text);
    ASSERT_EQ(result.findings.size(), 101u) << keys;
    EXPECT_EQ(result.error_count(), static_cast<size_t>(keys)) << keys;
    // The cut pipeline.request note, at the trainingTaskInputs key, is the
    // first finding cut.
    const Finding& summary = result.findings[0];
    EXPECT_EQ(summary.code, "findings.truncated") << keys;
    EXPECT_EQ(summary.begin, text.find("\"trainingTaskInputs\"")) << keys;
    // Every unknown key is an error, and the note is the one more finding.
    EXPECT_EQ(summary.params.ToJson()["more"], keys + 1 - 100) << keys;
    EXPECT_EQ(summary.params.ToJson()["moreErrors"], keys - 100) << keys;
    EXPECT_EQ(summary.params.ToJson()["moreNotes"], 1) << keys;
    EXPECT_EQ(summary.message,
              std::to_string(keys + 1 - 100) + " more findings not shown: " +
                  std::to_string(keys - 100) + " errors, 1 note")
        << keys;
  }
}

// The form shows each field's findings beside it, so the cap keeps them
// before those on other keys of the same severity. If the cap cut the
// budget's error, the form would show -5 with no error beside it.
TEST(Findings, CapKeepsFieldFindingsFirst) {
  std::string unknown_keys;
  for (int i = 0; i < 105; ++i) {
    unknown_keys += "\"k" + std::to_string(i) + "\":1,";
  }
  const std::string inputs =
      "{" + unknown_keys +
      "\"modelType\":\"CLOUD_LOW_ACCURACY_1\","
      "\"model_type\":\"CLOUD_LOW_ACCURACY_1\","
      "\"budgetMilliNodeHours\":-5,\"baseModelId\":\" a\"}";
  const std::string request =
      "{\"displayName\":\"d\",\"trainingTaskDefinition\":\"" +
      std::string(ImageSegmentationInputsDecl().schema_uri) + "\"," +
      unknown_keys + "\"trainingTaskInputs\":" + inputs + "}";
  // The inputs given twice: each copy is checked and capped on its own
  // first, and the second copy's field findings are kept too.
  const std::string copies =
      "{\"trainingTaskInputs\":{},\"trainingTaskInputs\":" + inputs + "}";
  const struct {
    std::string text;
    std::string prefix;
  } rows[] = {{inputs, ""},
              {request, "/trainingTaskInputs"},
              {copies, "/trainingTaskInputs"}};
  for (const auto& row : rows) {
    const ValidationResult result = Validate(row.text);
    SCOPED_TRACE(row.text.substr(0, 30));
    ASSERT_EQ(result.findings.size(), 101u);
    const auto has = [&result](std::string_view code, const std::string& path) {
      return std::any_of(result.findings.begin(), result.findings.end(),
                         [&](const Finding& finding) {
                           return finding.code == code && finding.path == path;
                         });
    };
    EXPECT_TRUE(has("field.duplicate", row.prefix + "/model_type"));
    EXPECT_TRUE(has("budget.negative", row.prefix + "/budgetMilliNodeHours"));
    EXPECT_TRUE(has("base_model_id.whitespace", row.prefix + "/baseModelId"));
    // Past the findings on fields, the first unknown keys are kept.
    EXPECT_TRUE(has("field.unknown", row.prefix + "/k0"));
    EXPECT_FALSE(has("field.unknown", row.prefix + "/k104"));
  }
}

// The counts in the summary are written with thousands separators, as
// every other number in the messages.
TEST(Findings, SummaryGroupsThousands) {
  std::string text = "{";
  for (int i = 0; i < 1101; ++i) {
    text += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":1";
  }
  text += "}";
  const ValidationResult result = Validate(text);
  const Finding* summary = FindCode(result, "findings.truncated");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->message, "1,001 more findings not shown: 1,001 errors");
  EXPECT_EQ(summary->params.ToJson()["more"], 1001);
}

TEST(Findings, AreAllReportedAtOnce) {
  const ValidationResult result = Validate(
      R"({"modelType":"FAST","budgetMilliNodeHours":"x","baseModelId":" a","b":1})");
  EXPECT_EQ(result.error_count(), 4u);
  EXPECT_TRUE(result.canonical_json.empty());
}

// A hint writes out the value meant, where there is one to write.
TEST(Hints, WriteTheValueMeant) {
  const struct {
    std::string text;
    std::string hint;
  } rows[] = {
      {R"({"budgetMilliNodeHours": "2e5"})", "Write \"200000\"."},
      {R"({"budgetMilliNodeHours": "-2.5E1"})", "Write \"-25\"."},
      {R"({"budgetMilliNodeHours": "1.5"})",
       "Write whole digits only, e.g. \"192000\"."},
      {R"({"budgetMilliNodeHours": "2e"})",
       "Write whole digits only, e.g. \"192000\"."},
      {R"({"budgetMilliNodeHours": "1e30"})",
       "Write a value such as \"192000\", the default."},
      {R"({"baseModelId": 123})", "Write it in double quotes: \"123\"."},
      {R"({"baseModelId": false})",
       "Write text in double quotes, or leave the field out."},
      {R"({"baseModelId": -5})",
       "Write text in double quotes, or leave the field out."},
      {R"({"baseModelId": 1e2})",
       "Write text in double quotes, or leave the field out."},
      {R"({"baseModelId": 12345678901234567890})",
       "Write text in double quotes, or leave the field out."},
      {R"({"baseModelId": {}})",
       "Write text in double quotes, or leave the field out."},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    const ValidationResult result = Validate(row.text);
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings[0].hint, row.hint);
  }
}

// The value a hint writes out is checked at once, so that following the
// hint brings up no error that was not already shown.
TEST(Hints, ValueWrittenOutIsChecked) {
  const struct {
    std::string text;
    std::vector<std::string> codes;
  } rows[] = {
      {R"({"budgetMilliNodeHours": "2e3"})",
       {"budget.not_integer", "budget.out_of_range"}},
      {R"({"budgetMilliNodeHours": "-2e4"})",
       {"budget.not_integer", "budget.negative"}},
      {R"({"budgetMilliNodeHours": "2e5"})", {"budget.not_integer"}},
      {R"({"modelType": "CLOUD_LOW_ACCURACY_1", "budgetMilliNodeHours": "2e3"})",
       {"budget.not_integer"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(testing::CodesOf(Validate(row.text)), row.codes);
  }
}

}  // namespace
}  // namespace segform
