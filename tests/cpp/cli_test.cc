// The segform checker, run as a separate process: output format, exit
// status, standard input and the format command.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "test_util.h"

namespace segform {
namespace {

struct RunResult {
  int status = -1;
  std::string output;  // standard output, or both streams when merged
};

// Runs a shell command and returns its exit status and standard output.
RunResult RunShell(const std::string& command) {
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t count = 0;
  while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.output.append(buffer, count);
  }
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Runs the checker through the shell with the given arguments (already
// quoted) and returns its exit status and standard output.
RunResult RunCli(const std::string& arguments, bool merge_stderr = false) {
  std::string command = std::string("'") + SEGFORM_CLI + "' " + arguments;
  command += merge_stderr ? " 2>&1" : " 2>/dev/null";
  return RunShell(command);
}

std::string CasePath(const std::string& name) {
  return std::string("'") + SEGFORM_CASES_DIR + "/" + name + ".in'";
}

class TempFile {
 public:
  explicit TempFile(const std::string& content,
                    const std::string& suffix = ".json") {
    path_ = (std::filesystem::temp_directory_path() /
             ("segform-cli-test-" + std::to_string(::getpid()) + "-" +
              std::to_string(counter_++) + suffix))
                .string();
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string quoted() const { return "'" + path_ + "'"; }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

TEST(CliCheck, PrintsOneLinePerFindingInCompilerForm) {
  const RunResult run = RunCli("check " + CasePath("every-finding-at-once"));
  EXPECT_EQ(run.status, 1);
  const std::string prefix =
      std::string(SEGFORM_CASES_DIR) + "/every-finding-at-once.in:";
  EXPECT_NE(run.output.find(prefix + "2:16: error: modelType must be one of"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("[model_type.unknown_name]\n"), std::string::npos);
  EXPECT_NE(run.output.find(prefix + "5:3: error: unknown field \"colour\""),
            std::string::npos);
  size_t lines = 0;
  for (char c : run.output) lines += c == '\n';
  EXPECT_EQ(lines, 4u);
}

TEST(CliCheck, NotesAndWarningsExitZero) {
  const RunResult note =
      RunCli("check " + CasePath("c08-mobile-type-no-range"));
  EXPECT_EQ(note.status, 0);
  EXPECT_NE(note.output.find(":1:63: note: "), std::string::npos);
  const RunResult warning =
      RunCli("check " + CasePath("budget-zero-means-default"));
  EXPECT_EQ(warning.status, 0);
  EXPECT_NE(warning.output.find(":1:25: warning: "), std::string::npos);
}

TEST(CliCheck, ValidFilePrintsNothing) {
  const RunResult run =
      RunCli("check " + CasePath("budget-250000-high-accuracy"));
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output, "");
}

TEST(CliCheck, ReadsStandardInputAsStdin) {
  const RunResult run =
      RunCli("check - < " + CasePath("c08-budget-below-default-type-range"));
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output.rfind("<stdin>:1:25: error: ", 0), 0u) << run.output;
}

TEST(CliCheck, ByteOrderMarkFromFileAndStdin) {
  EXPECT_EQ(RunCli("check " + CasePath("c09-utf8-byte-order-mark")).status, 0);
  EXPECT_EQ(RunCli("check - < " + CasePath("c09-utf8-byte-order-mark")).status,
            0);
  const RunResult utf16 = RunCli("check " + CasePath("c09-utf16le-file"));
  EXPECT_EQ(utf16.status, 1);
  EXPECT_NE(utf16.output.find("Save the file as UTF-8"), std::string::npos);
}

TEST(CliCheck, MissingFileExitsTwo) {
  const RunResult missing = RunCli("check /nonexistent/segform.json", true);
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.output.find("cannot read /nonexistent/segform.json"),
            std::string::npos);
  const RunResult mixed = RunCli("check " + CasePath("c12-bare-word") +
                                 " /nonexistent/segform.json");
  EXPECT_EQ(mixed.status, 2);
  EXPECT_NE(mixed.output.find("json.syntax"), std::string::npos);
}

TEST(CliCheck, DirectoryIsUnreadableExitTwo) {
  const std::string directory = std::filesystem::temp_directory_path().string();
  const RunResult check = RunCli("check '" + directory + "'", true);
  EXPECT_EQ(check.status, 2);
  EXPECT_NE(check.output.find("is a directory"), std::string::npos);
  EXPECT_EQ(RunCli("format '" + directory + "'").status, 2);

  // Standard input that cannot be read is not empty text.
  const RunResult stdin_check = RunCli("check - < '" + directory + "'", true);
  EXPECT_EQ(stdin_check.status, 2);
  EXPECT_NE(stdin_check.output.find("cannot read <stdin>: is a directory"),
            std::string::npos)
      << stdin_check.output;
  EXPECT_EQ(stdin_check.output.find("json.syntax"), std::string::npos);
  const RunResult stdin_json =
      RunCli("check --format json - < '" + directory + "'");
  const nlohmann::json reports = nlohmann::json::parse(stdin_json.output);
  EXPECT_EQ(reports[0]["file"], "<stdin>");
  EXPECT_EQ(reports[0]["error"], "cannot read: is a directory");
}

TEST(CliCheck, QuestionMessageJoinsHintCleanly) {
  const RunResult run = RunCli("check " + CasePath("budget-key-typo"));
  EXPECT_NE(run.output.find("\"budgetMilliNodeHours\"? Rename it"),
            std::string::npos)
      << run.output;
}

TEST(CliCheck, JsonReportsSkippedByteOrderMark) {
  const RunResult run =
      RunCli("check --format json " + CasePath("c09-utf8-byte-order-mark"));
  const nlohmann::json reports = nlohmann::json::parse(run.output);
  EXPECT_EQ(reports[0]["skippedPrefix"], 3);
}

TEST(CliCheck, StopsReadingPastTheSizeLimit) {
  // /dev/zero never ends; the checker must not read it whole.
  const RunResult run = RunCli("check /dev/zero");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find("at least 1,048,580 bytes"), std::string::npos);
  EXPECT_NE(run.output.find("[json.too_large]"), std::string::npos);
}

// From a stream, the size is the bytes read before reading stopped, which
// is past the limit, so params.size is over params.max as for a file.
TEST(CliCheck, StreamSizeIsOverTheLimit) {
  const RunResult run = RunCli("check --format json - < /dev/zero");
  EXPECT_EQ(run.status, 1);
  const nlohmann::json reports = nlohmann::json::parse(run.output);
  const nlohmann::json& params = reports[0]["findings"][0]["params"];
  EXPECT_EQ(params["size"], segform::kMaxTextBytes + 4);
  EXPECT_GT(params["size"], params["max"]);
}

// A byte-order mark before an oversized text is reported as skipped both
// from a file, whose size is known, and from standard input, whose size
// is only known to be over the limit.
TEST(CliCheck, OversizedTextSkipsByteOrderMark) {
  const TempFile file("\xEF\xBB\xBF" +
                      std::string(segform::kMaxTextBytes + 1, ' '));
  for (const std::string source : {file.quoted(), "- < " + file.quoted()}) {
    SCOPED_TRACE(source);
    const RunResult run = RunCli("check --format json " + source);
    const nlohmann::json reports = nlohmann::json::parse(run.output);
    EXPECT_EQ(reports[0]["skippedPrefix"], 3);
    EXPECT_EQ(reports[0]["findings"][0]["code"], "json.too_large");
  }
}

TEST(CliCheck, DoubleDashEndsOptions) {
  const TempFile file("{}");
  EXPECT_EQ(RunCli("check -- " + file.quoted()).status, 0);
  EXPECT_EQ(RunCli("check -- --not-an-option").status, 2);
  // After "--", -h is a file's name, not a request for help.
  const RunResult dash_h = RunCli("check -- -h", true);
  EXPECT_EQ(dash_h.status, 2);
  EXPECT_NE(dash_h.output.find("cannot read -h"), std::string::npos)
      << dash_h.output;
  const RunResult format = RunCli("format -- " + file.quoted());
  EXPECT_EQ(format.status, 0);
  EXPECT_EQ(format.output, "{}\n");
  // As the value of --format, -h, --help and --version are a wrong format,
  // as the README and the help describe, not a request for help.
  for (const std::string value : {"-h", "--help", "--version"}) {
    const RunResult run = RunCli("check --format " + value + " x.json", true);
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(
        run.output.find("--format must be text or json, not '" + value + "'"),
        std::string::npos)
        << run.output;
  }
  const RunResult help = RunCli("--help");
  EXPECT_NE(help.output.find("right\n                      after --format it "
                             "is the format instead"),
            std::string::npos)
      << help.output;
}

TEST(CliCheck, JsonReportsUnreadableFile) {
  const TempFile file("{}");
  const RunResult run =
      RunCli("check --format json /nonexistent/segform.json " + file.quoted());
  EXPECT_EQ(run.status, 2);
  const nlohmann::json reports = nlohmann::json::parse(run.output);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0]["file"], "/nonexistent/segform.json");
  EXPECT_EQ(reports[0]["ok"], false);
  EXPECT_EQ(reports[0]["error"], "cannot read: no such file or directory");
  EXPECT_EQ(reports[0]["skippedPrefix"], 0);
  EXPECT_EQ(reports[1]["ok"], true);
}

TEST(CliCheck, ChecksEveryFileGiven) {
  const RunResult run = RunCli("check " + CasePath("c12-bare-word") + " " +
                               CasePath("c07-field-of-sibling-message"));
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find("[json.syntax]"), std::string::npos);
  EXPECT_NE(run.output.find("[field.unknown]"), std::string::npos);
}

TEST(CliCheck, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCli("").status, 2);
  EXPECT_EQ(RunCli("check").status, 2);
  EXPECT_EQ(RunCli("check --format xml x.json").status, 2);
  EXPECT_EQ(RunCli("check --bogus x.json").status, 2);
  EXPECT_EQ(RunCli("frobnicate").status, 2);
  // A --help or --version after an unknown command does not hide it.
  EXPECT_EQ(RunCli("frobnicate --help").status, 2);
  EXPECT_EQ(RunCli("frobnicate --version").status, 2);
}

// The error for an option in the command's place names where options go.
TEST(CliUsage, OptionBeforeCommandSaysWhereOptionsGo) {
  const RunResult run = RunCli("--format json check x.json", true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("unknown command '--format'; options come after "
                            "the command"),
            std::string::npos);
  // A word or a dash that is no option keeps the short message.
  for (const char* command : {"frobnicate", "--", "--frobnicate"}) {
    SCOPED_TRACE(command);
    const RunResult other =
        RunCli(std::string(command) + " check x.json", true);
    EXPECT_EQ(other.status, 2);
    EXPECT_EQ(other.output.find("options come after"), std::string::npos);
  }
  const RunResult equals = RunCli("--format=json check x.json", true);
  EXPECT_NE(equals.output.find("options come after"), std::string::npos);
}

// Both were once taken without a word: the last --format won, and
// --show-source did nothing with JSON.
TEST(CliCheck, ConflictingOptionsAreUsageErrors) {
  const RunResult twice =
      RunCli("check --format text --format=json x.json", true);
  EXPECT_EQ(twice.status, 2);
  EXPECT_NE(twice.output.find("--format can be given only once"),
            std::string::npos);
  const RunResult source =
      RunCli("check --show-source --format json x.json", true);
  EXPECT_EQ(source.status, 2);
  EXPECT_NE(source.output.find("--show-source works with --format text only"),
            std::string::npos);
}

TEST(CliUsage, RepeatedOptionIsUsageError) {
  const TempFile file("{}");
  const std::pair<std::string, std::string> cases[] = {
      {"check --show-source --show-source ", "--show-source"},
      {"check --ignore-unknown-fields --ignore-unknown-fields ",
       "--ignore-unknown-fields"},
      {"format --ignore-unknown-fields --ignore-unknown-fields ",
       "--ignore-unknown-fields"},
  };
  for (const auto& [arguments, option] : cases) {
    SCOPED_TRACE(arguments);
    const RunResult run =
        RunCli(arguments + file.quoted(), /*merge_stderr=*/true);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(
        run.output.rfind("segform: " + option + " can be given only once\n", 0),
        0u)
        << run.output;
  }
}

TEST(CliCheck, EmptyFileNameIsQuoted) {
  const RunResult empty = RunCli("check ''", true);
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.output.find("cannot read \"\": "), std::string::npos);
}

TEST(CliCheck, JsonFormatIsParseableAndValidUtf8) {
  const RunResult run =
      RunCli("check --format json " + CasePath("c01-invalid-utf8-in-string") +
             " " + CasePath("c18-markup-in-key-and-value"));
  EXPECT_EQ(run.status, 1);
  const nlohmann::json reports = nlohmann::json::parse(run.output);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0]["findings"][0]["code"], "json.invalid_utf8");
  EXPECT_EQ(reports[0]["findings"][0]["column"], 56);
  EXPECT_EQ(reports[0]["findings"][0]["params"]["byte"], "0xFF");
  EXPECT_EQ(reports[1]["findings"][0]["path"], "/<img src=x onerror=alert(1)>");
  EXPECT_EQ(reports[1]["ok"], false);
}

TEST(CliCheck, EscapesControlsInFileNames) {
  const TempFile file("{\"x\": 1}", "-\x1b[31mred\n.json");
  const RunResult run = RunCli("check " + file.quoted());
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output.find('\x1b'), std::string::npos) << run.output;
  const std::string shown = file.path().substr(0, file.path().size() - 15) +
                            "-\\u001B[31mred\\u000A.json";
  EXPECT_EQ(run.output.rfind("\"" + shown + "\":1:2: error: unknown field", 0),
            0u)
      << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1);

  const RunResult missing = RunCli("check 'no\x1b[2Jsuch.json'", true);
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(
      missing.output.rfind(
          "segform: cannot read \"no\\u001B[2Jsuch.json\": no such file", 0),
      0u)
      << missing.output;
}

TEST(CliCheck, TextOutputIsValidUtf8WithControlsEscaped) {
  const TempFile file("{\"a\\u001b[31mred\":1}");
  const RunResult run = RunCli("check " + file.quoted());
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output.find('\x1b'), std::string::npos);
  EXPECT_NE(run.output.find("\\u001B[31mred"), std::string::npos);
  const RunResult invalid =
      RunCli("check " + CasePath("c01-invalid-utf8-in-string"));
  EXPECT_EQ(invalid.output.find('\xFF'), std::string::npos);
  EXPECT_NE(invalid.output.find("0xFF"), std::string::npos);
}

TEST(CliCheck, IgnoreUnknownFieldsMakesThemWarnings) {
  const std::string file = CasePath("c07-field-of-sibling-message");
  const RunResult strict = RunCli("check " + file);
  EXPECT_EQ(strict.status, 1);
  const RunResult lenient = RunCli("check --ignore-unknown-fields " + file);
  EXPECT_EQ(lenient.status, 0);
  EXPECT_NE(lenient.output.find(":1:70: warning: unknown field"),
            std::string::npos)
      << lenient.output;
  const RunResult format = RunCli("format --ignore-unknown-fields " + file);
  EXPECT_EQ(format.status, 0);
  EXPECT_EQ(format.output.find("multiLabel"), std::string::npos);
}

TEST(CliCheck, ShowSourcePrintsLineAndCaret) {
  const RunResult run =
      RunCli("check --show-source " + CasePath("budget-5000-high-accuracy"));
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find("[budget.out_of_range]\n"
                            R"({"modelType":"CLOUD_HIGH_ACCURACY_1",)"
                            R"("budgetMilliNodeHours":"5000"})"
                            "\n" +
                            std::string(60, ' ') + "^~~~~~\n"),
            std::string::npos)
      << run.output;
  // Without a terminal and without the option, one line per finding.
  const RunResult plain =
      RunCli("check " + CasePath("budget-5000-high-accuracy"));
  EXPECT_EQ(plain.output.find('^'), std::string::npos);
}

TEST(CliFormat, PrintsCanonicalJson) {
  const TempFile file(
      R"({"budget_milli_node_hours":250000,"modelType":"CLOUD_HIGH_ACCURACY_1","baseModelId":""})");
  const RunResult run = RunCli("format " + file.quoted());
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output,
            "{\n  \"modelType\": \"CLOUD_HIGH_ACCURACY_1\",\n"
            "  \"budgetMilliNodeHours\": \"250000\"\n}\n");
}

TEST(CliFormat, PrintsFindingsAndExitsOneOnError) {
  // Findings go to standard error, so standard output is empty.
  const RunResult output_only =
      RunCli("format " + CasePath("c16-empty-string-budget"));
  EXPECT_EQ(output_only.status, 1);
  EXPECT_EQ(output_only.output, "");
  const RunResult run =
      RunCli("format " + CasePath("c16-empty-string-budget"), true);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find("[budget.not_integer]"), std::string::npos);
}

TEST(CliCheck, StandardInputOnlyOnce) {
  const RunResult run =
      RunCli("check - - < " + CasePath("c12-bare-word"), true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("- (standard input) can be given only once"),
            std::string::npos)
      << run.output;
}

TEST(CliFormat, WarningsGoToStandardError) {
  const TempFile file(R"({"budgetMilliNodeHours":0})");
  const RunResult output_only = RunCli("format " + file.quoted());
  EXPECT_EQ(output_only.status, 0);
  EXPECT_EQ(output_only.output, "{}\n");
  const RunResult merged = RunCli("format " + file.quoted(), true);
  EXPECT_NE(merged.output.find("warning: "), std::string::npos);
  EXPECT_NE(merged.output.find("[budget.zero]"), std::string::npos);
}

TEST(CliFormat, RejectsCheckOnlyOptions) {
  const TempFile file("{}");
  const std::pair<std::string, std::string> cases[] = {
      {"--format json", "--format"},
      {"--format=json", "--format"},
      {"--show-source", "--show-source"},
  };
  for (const auto& [option, name] : cases) {
    SCOPED_TRACE(option);
    const RunResult run = RunCli("format " + option + " " + file.quoted(),
                                 /*merge_stderr=*/true);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(
        run.output.rfind("segform: " + name + " works with check only", 0), 0u)
        << run.output;
  }
}

TEST(CliFormat, NeverWritesByteOrderMark) {
  const RunResult run =
      RunCli("format " + CasePath("c09-utf8-byte-order-mark"));
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output.rfind("{", 0), 0u);
}

TEST(CliHelp, NamesDoubleDash) {
  const RunResult help = RunCli("--help");
  EXPECT_NE(help.output.find("[--] FILE..."), std::string::npos);
  EXPECT_NE(help.output.find("After --, every"), std::string::npos);
}

TEST(CliHelp, HelpAndVersion) {
  const RunResult help = RunCli("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("Usage: segform check"), std::string::npos);
  EXPECT_EQ(RunCli("check --help").status, 0);
  const RunResult version = RunCli("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.output, "segform " + std::string(kVersion) + "\n");
}

TEST(CliFormat, PrintsValidInputsOfFaultyRequest) {
  // A label of the request is set twice, and its inputs are valid.
  const TempFile request(
      R"({"displayName": "a", "trainingTaskDefinition": ")" +
      std::string(ImageSegmentationInputsDecl().schema_uri) +
      R"(", "labels": {"team": "a", "team": "b"},)"
      R"( "trainingTaskInputs": {"model_type": "CLOUD_LOW_ACCURACY_1"}})");
  const RunResult run = RunCli("format " + request.quoted());
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(nlohmann::json::parse(run.output),
            nlohmann::json({{"modelType", "CLOUD_LOW_ACCURACY_1"}}));
  // Inputs of a request for another task are not image segmentation
  // inputs, so they print nothing.
  const TempFile other_task(
      R"({"displayName": "a", "trainingTaskDefinition": "gs://x.yaml",)"
      R"( "trainingTaskInputs": {"model_type": "CLOUD_LOW_ACCURACY_1"}})");
  const RunResult other = RunCli("format " + other_task.quoted());
  EXPECT_EQ(other.status, 1);
  EXPECT_EQ(other.output, "");
  // Inputs with an error print nothing.
  const TempFile faulty(R"({"budgetMilliNodeHours": "5"})");
  const RunResult nothing = RunCli("format " + faulty.quoted());
  EXPECT_EQ(nothing.status, 1);
  EXPECT_EQ(nothing.output, "");
}

TEST(CliOutput, FullDiskExitsTwo) {
  const TempFile valid("{\"budgetMilliNodeHours\": \"100000\"}");
  const std::string commands[] = {
      "fields",
      "schema",
      "--help",
      "--version",
      "format " + valid.quoted(),
      "check --format json " + valid.quoted(),
  };
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    // Standard error goes to the pipe, standard output to /dev/full.
    const RunResult run = RunShell(std::string("'") + SEGFORM_CLI + "' " +
                                   command + " 2>&1 >/dev/full");
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.output,
              "segform: writing standard output failed: no space left on "
              "device\n");
  }
}

// The failed write comes before a file that cannot be read, whose error
// number must not stand in for the write's.
TEST(CliOutput, FullDiskNamesWriteError) {
  std::string keys;
  for (int i = 0; i < 200; ++i) keys += "\"k" + std::to_string(i) + "\":0,";
  const TempFile many("{" + keys + "\"x\":0}");
  const RunResult run =
      RunShell(std::string("'") + SEGFORM_CLI + "' check " + many.quoted() +
               " /nonexistent/missing.json 2>&1 >/dev/full");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("segform: writing standard output failed: no "
                            "space left on device\n"),
            std::string::npos)
      << run.output;
}

// Findings that cannot be written to standard error are lost as output
// is, so format exits 2 whether the inputs have an error or a warning.
TEST(CliOutput, FullStandardErrorExitsTwo) {
  const TempFile faulty(R"({"modelType":7})");
  const TempFile warning(R"({"budgetMilliNodeHours":0})");
  const std::string cli = std::string("'") + SEGFORM_CLI + "' ";
  const RunResult error_run =
      RunShell(cli + "format " + faulty.quoted() + " 2>/dev/full");
  EXPECT_EQ(error_run.status, 2);
  EXPECT_EQ(error_run.output, "");
  const RunResult warning_run =
      RunShell(cli + "format " + warning.quoted() + " 2>/dev/full");
  EXPECT_EQ(warning_run.status, 2);
  EXPECT_EQ(warning_run.output, "{}\n");
  // check writes its findings to standard output, which still works.
  const RunResult check_run =
      RunShell(cli + "check " + faulty.quoted() + " 2>/dev/full");
  EXPECT_EQ(check_run.status, 1);
  EXPECT_NE(check_run.output.find("[model_type.unknown_number]"),
            std::string::npos)
      << check_run.output;
}

TEST(CliUsage, EscapesControlsInArguments) {
  // ESC [ 2 J, which clears a terminal, made by the shell's printf.
  const std::string escape = "\"$(printf '\\033[2J')\"";
  for (const std::string& arguments :
       {"check --format " + escape + " x.json",
        "check --bogus" + escape + " x.json", "frob" + escape}) {
    SCOPED_TRACE(arguments);
    const RunResult run = RunCli(arguments, /*merge_stderr=*/true);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.output.find('\x1b'), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("\\u001B[2J\""), std::string::npos) << run.output;
  }
}

TEST(CliHelp, HelpWinsOverVersion) {
  const RunResult run = RunCli("--version --help");
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output.rfind("Usage: segform check", 0), 0u);
}

TEST(CliHelp, VersionRejectsArguments) {
  const RunResult run = RunCli("--version extra", /*merge_stderr=*/true);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.output.rfind("segform: --version takes no arguments\n", 0), 0u)
      << run.output;
}

// In the command's place, help takes no arguments, as --version does.
TEST(CliHelp, HelpRejectsStrayArguments) {
  for (const std::string command : {"--help", "-h", "help"}) {
    SCOPED_TRACE(command);
    const RunResult run = RunCli(command + " extra", /*merge_stderr=*/true);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(
        run.output.rfind("segform: " + command + " takes no arguments\n", 0),
        0u)
        << run.output;
  }
  // Given together, neither is a stray argument of the other.
  const RunResult both = RunCli("--help --version");
  EXPECT_EQ(both.status, 0);
  EXPECT_EQ(both.output.rfind("Usage: segform check", 0), 0u);
  // The same one again, in any order, is an option given twice, named as
  // the second one is spelt.
  const struct {
    const char* arguments;
    const char* repeated;
  } rows[] = {
      {"--help --help", "--help"},
      {"-h --help", "--help"},
      {"help -h", "-h"},
      {"--help --version -h", "-h"},
      {"--version --version", "--version"},
      {"--help --version --version", "--version"},
      {"--version --help --help", "--help"},
      {"--version -h -h", "-h"},
      {"check --help --help", "--help"},
      {"format x.json --version -h --version", "--version"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.arguments);
    const RunResult run = RunCli(row.arguments, /*merge_stderr=*/true);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.output.rfind(std::string("segform: ") + row.repeated +
                                   " can be given only once\n",
                               0),
              0u)
        << run.output;
  }
}

TEST(CliHelp, VersionAfterCommand) {
  const std::string version = "segform " + std::string(kVersion) + "\n";
  for (const std::string arguments :
       {"check --version", "format --version", "check --show-source --version",
        "check /nonexistent/segform.json --version"}) {
    SCOPED_TRACE(arguments);
    const RunResult run = RunCli(arguments, /*merge_stderr=*/true);
    EXPECT_EQ(run.status, 0);
    EXPECT_EQ(run.output, version);
  }
  // The value of --format is no option, so this --help is given once.
  const RunResult format_value = RunCli("check --format --help --help");
  EXPECT_EQ(format_value.status, 0);
  EXPECT_EQ(format_value.output.rfind("Usage: segform check", 0), 0u);
  const RunResult with_help = RunCli("check --version --help");
  EXPECT_EQ(with_help.status, 0);
  EXPECT_EQ(with_help.output.rfind("Usage: segform check", 0), 0u);
  // After "--", --version is a file's name.
  const RunResult file = RunCli("check -- --version", /*merge_stderr=*/true);
  EXPECT_EQ(file.status, 2);
  EXPECT_NE(file.output.find("cannot read --version"), std::string::npos)
      << file.output;
}

// Help after a FILE prints the help and reads no file, as documented.
TEST(CliHelp, HelpAfterFileReadsNothing) {
  const RunResult run =
      RunCli("check /nonexistent/segform.json --help", /*merge_stderr=*/true);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output.rfind("Usage: segform check", 0), 0u);
  EXPECT_EQ(run.output.find("cannot read"), std::string::npos);
}

TEST(CliFields, PrintsDeclarations) {
  const RunResult run = RunCli("fields");
  EXPECT_EQ(run.status, 0);
  const nlohmann::json fields = nlohmann::json::parse(run.output);
  EXPECT_EQ(fields["name"], "AutoMlImageSegmentationInputs");
  EXPECT_EQ(fields["fields"].size(), 3u);
}

}  // namespace
}  // namespace segform
