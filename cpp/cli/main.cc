// segform: the command-line checker.
//
//   segform check [--format text|json] FILE...   report findings
//   segform format FILE                           print the canonical JSON
//   segform fields                                print the field declarations
//   segform schema                                print a JSON Schema
//
// Exit status: 0 when no file has an error, 1 when one has, and 2 for a
// usage error, a file that cannot be read or output that cannot be written.
// The highest status applies.

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "internal.h"
#include "segform/segform.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] =
    R"(Usage: segform check [--format text|json] [--ignore-unknown-fields]
                     [--show-source] [--] FILE...
       segform format [--ignore-unknown-fields] [--] FILE
       segform fields
       segform schema
       segform --help | --version

Checks the training inputs of a Vertex AI AutoML image segmentation job
(AutoMlImageSegmentationInputs, written as proto3 JSON, the form a training
pipeline's trainingTaskInputs takes).

Commands:
  check   Print one line per finding: FILE:LINE:COLUMN: SEVERITY: message.
          hint [code], where a finding may have no hint, and SEVERITY is
          error, warning or note (info in JSON).
  format  Print the canonical JSON the API expects (what the page exports).
          Findings go to standard error, so standard output holds the JSON
          alone, or nothing when the inputs have an error. Valid inputs in a
          pipeline request with errors of its own are printed, with status 1.
  fields  Print the declared fields, types, limits and defaults as JSON.
  schema  Print a JSON Schema (draft 2020-12) of the message.

Options:
  --format text|json  How check prints findings (default: text). The value
                      may also follow an equals sign: --format=json.
  --show-source       Print each finding's source line with a caret under
                      its column (the default when the output is a
                      terminal).
  --ignore-unknown-fields
                      Report keys that are not fields as warnings, not
                      errors, as proto3 JSON parsers do with this option;
                      format leaves them out of its output.
  -h, --help          Print this help and exit. After a command, it may
                      come anywhere before --, and no FILE is read; right
                      after --format it is the format instead.
  --version           Print the version and exit. It may come wherever
                      --help may, and --help wins when both are given.

FILE may be - to read standard input, reported as <stdin>, once. After --, every
argument is a FILE, even one that starts with -, and - is still standard
input: write ./- for a file named -. A UTF-8 byte-order mark at the start of
a file is ignored.

Exit status: 0 when no file has an error (warnings allowed), 1 when a file
has an error, 2 for a usage error, a file that cannot be read or output that
cannot be written.
)";

struct Input {
  std::string name;
  std::string bytes;
  bool too_large = false;    // the stream held more than kMaxReadBytes
  uintmax_t known_size = 0;  // a too large regular file's size, else 0
};

// Returns strerror's text for the error number, in lower case at its start,
// so that "Is a directory" reads as segform's own "is a directory".
std::string ErrorText(int error_number) {
  std::string text = std::strerror(error_number);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(text[0]));
  return text;
}

// Returns the text between two `mark`s when every character of it can be
// printed as it is. Otherwise it is in double quotes with escapes, as the
// library's messages quote input: for control characters, bidirectional
// formatting characters and bytes that are not UTF-8. A file name with a
// newline or a terminal's escape sequence could otherwise imitate a finding
// line. An escape takes at most six characters for each byte it replaces
// (\u0009 for a tab), so a cap of six per byte never cuts the text.
std::string Shown(const std::string& text, std::string_view mark) {
  std::string quoted =
      segform::internal::QuoteForMessage(text, 6 * text.size() + 6);
  const bool as_is = quoted.size() == text.size() + 2 &&
                     quoted.compare(1, text.size(), text) == 0;
  if (!as_is) return quoted;
  return std::string(mark).append(text).append(mark);
}

// Returns the file name as the text output shows it: as given, or quoted
// with escapes.
std::string ShownName(const std::string& name) {
  // An empty name in the middle of a message would read as none at all.
  if (name.empty()) return "\"\"";
  return Shown(name, "");
}

// Returns a command-line argument for a usage error: in single quotes, or
// quoted with escapes.
std::string ShownArgument(const std::string& argument) {
  return Shown(argument, "'");
}

// The error number of the first failed write to standard output, or 0. It
// is kept when the failure is first seen, since reading a later file
// changes errno.
int output_error = 0;

// Records why a write to standard output failed, the first time one has.
void NoteOutputError() {
  if (output_error == 0 && (std::ferror(stdout) || !std::cout)) {
    output_error = errno != 0 ? errno : EIO;
  }
}

int UsageError(const std::string& message) {
  std::cerr << "segform: " << message << "\n"
            << "Try 'segform --help' for more information.\n";
  return kExitUsage;
}

// Reports an option given twice as a usage error. A second --format would
// otherwise win without a word, and a repeated flag is rejected too, so
// that one rule holds for every option.
int RepeatedOptionError(const std::string& option) {
  return UsageError(option + " can be given only once");
}

// Reads at most this much: a file's byte-order mark, the largest text
// segform reads, and one byte more to tell that a file is too large.
constexpr size_t kMaxReadBytes = 3 + segform::kMaxTextBytes + 1;

// Reads up to kMaxReadBytes of the stream into input.bytes.
void ReadCapped(std::istream& stream, Input& input) {
  input.bytes.resize(kMaxReadBytes);
  stream.read(input.bytes.data(), static_cast<std::streamsize>(kMaxReadBytes));
  input.bytes.resize(static_cast<size_t>(stream.gcount()));
  input.too_large = input.bytes.size() == kMaxReadBytes;
}

// Reads a file, or standard input for "-". Returns false, prints the
// reason and keeps it in *reason when it cannot. Reading stops past the
// size limit, so an endless stream such as /dev/zero ends in a finding
// instead of filling memory.
bool ReadInput(const std::string& argument, Input& input,
               std::string* reason = nullptr) {
  const auto fail = [&](std::string why) {
    std::cerr << "segform: cannot read "
              << (argument == "-" ? "<stdin>" : ShownName(argument)) << ": "
              << why << "\n";
    if (reason != nullptr) *reason = std::move(why);
    return false;
  };
  if (argument == "-") {
    // ferror() reports a failed read (standard input that is a directory),
    // which std::cin would treat as the end of the input.
    input.name = "<stdin>";
    input.bytes.resize(kMaxReadBytes);
    input.bytes.resize(std::fread(input.bytes.data(), 1, kMaxReadBytes, stdin));
    input.too_large = input.bytes.size() == kMaxReadBytes;
    return !std::ferror(stdin) || fail(ErrorText(errno));
  }
  input.name = argument;
  std::error_code error;
  if (std::filesystem::is_directory(argument, error)) {
    return fail("is a directory");
  }
  std::ifstream file(argument, std::ios::binary);
  if (!file) return fail(ErrorText(errno));
  ReadCapped(file, input);
  if (file.bad()) return fail(ErrorText(errno));
  if (input.too_large && std::filesystem::is_regular_file(argument, error)) {
    input.known_size = std::filesystem::file_size(argument, error);
    if (error) input.known_size = 0;
  }
  return true;
}

// Validates what ReadInput read.
segform::ValidationResult ValidateInput(
    const Input& input, const segform::ValidateOptions& options) {
  if (!input.too_large) return segform::Validate(input.bytes, options);
  // A byte-order mark is dropped and not counted, whether the size is
  // known (a file) or only its lower bound (a stream, read to past the
  // limit).
  const bool has_mark = input.bytes.rfind("\xEF\xBB\xBF", 0) == 0;
  const size_t mark_bytes = has_mark ? 3 : 0;
  segform::ValidationResult result =
      input.known_size != 0
          ? segform::OversizeResult(input.known_size - mark_bytes)
          : segform::OversizeResult(input.bytes.size() - mark_bytes, true);
  result.skipped_prefix = has_mark ? 3 : 0;
  return result;
}

std::string_view CompilerSeverity(segform::Severity severity) {
  // Compilers and editors call informational findings "note".
  return severity == segform::Severity::kInfo ? "note"
                                              : segform::SeverityName(severity);
}

// Prints the findings, each followed by its source line when text is given.
void PrintFindingsText(std::ostream& out, const std::string& name,
                       const std::vector<segform::Finding>& findings,
                       std::optional<std::string_view> text = std::nullopt) {
  const std::string shown_name = ShownName(name);
  for (const segform::Finding& finding : findings) {
    out << shown_name << ":" << finding.line << ":" << finding.column << ": "
        << CompilerSeverity(finding.severity) << ": " << finding.message;
    if (!finding.hint.empty()) {
      // Messages carry no closing full stop unless they end in a question.
      out << (finding.message.back() == '?' ? " " : ". ") << finding.hint;
    }
    out << " [" << finding.code << "]\n";
    if (text) out << segform::SourceExcerpt(*text, finding);
  }
}

// Returns the text the findings' offsets refer to: the file's bytes after
// a dropped byte-order mark.
std::string_view FindingText(const Input& input,
                             const segform::ValidationResult& result) {
  return std::string_view(input.bytes)
      .substr(std::min(result.skipped_prefix, input.bytes.size()));
}

int RunCheck(const std::vector<std::string>& arguments) {
  std::string format = "text";
  std::vector<std::string> files;
  segform::ValidateOptions options;
  options.input_is_file = true;
  // Source lines help a person at a terminal; pipes get one line each.
  bool show_source = isatty(STDOUT_FILENO) != 0;
  bool show_source_given = false;
  bool format_given = false;
  bool options_ended = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (options_ended) {
      files.push_back(argument);
    } else if (argument == "--") {
      options_ended = true;
    } else if (argument == "--ignore-unknown-fields") {
      if (options.ignore_unknown_fields) return RepeatedOptionError(argument);
      options.ignore_unknown_fields = true;
    } else if (argument == "--show-source") {
      if (show_source_given) return RepeatedOptionError(argument);
      show_source = true;
      show_source_given = true;
    } else if (argument == "--format" || argument.rfind("--format=", 0) == 0) {
      if (format_given) return RepeatedOptionError("--format");
      format_given = true;
      if (argument != "--format") {
        format = argument.substr(9);
      } else if (i + 1 < arguments.size()) {
        format = arguments[++i];
      } else {
        return UsageError("--format needs a value: text or json");
      }
    } else if (argument.size() > 1 && argument[0] == '-') {
      return UsageError("unknown option " + ShownArgument(argument));
    } else {
      files.push_back(argument);
    }
  }
  if (format != "text" && format != "json") {
    return UsageError("--format must be text or json, not " +
                      ShownArgument(format));
  }
  if (format == "json" && show_source_given) {
    return UsageError(
        "--show-source works with --format text only; leave one of them out");
  }
  if (files.empty()) return UsageError("check needs at least one FILE");
  if (std::count(files.begin(), files.end(), "-") > 1) {
    return UsageError("- (standard input) can be given only once");
  }

  int status = kExitOk;
  nlohmann::ordered_json reports = nlohmann::ordered_json::array();
  for (const std::string& file : files) {
    Input input;
    std::string reason;
    if (!ReadInput(file, input, &reason)) {
      status = kExitUsage;
      // The JSON report names the file it could not read, too.
      if (format == "json") {
        reports.push_back({{"file", input.name},
                           {"ok", false},
                           {"skippedPrefix", 0},
                           {"error", "cannot read: " + reason},
                           {"findings", nlohmann::ordered_json::array()}});
      }
      continue;
    }
    const segform::ValidationResult result = ValidateInput(input, options);
    if (!result.ok() && status < kExitFindings) status = kExitFindings;
    if (format == "json") {
      // Byte offsets count from after a dropped byte-order mark.
      reports.push_back({{"file", input.name},
                         {"ok", result.ok()},
                         {"skippedPrefix", result.skipped_prefix},
                         {"findings", FindingsToJson(result.findings)}});
    } else if (show_source) {
      PrintFindingsText(std::cout, input.name, result.findings,
                        FindingText(input, result));
    } else {
      PrintFindingsText(std::cout, input.name, result.findings);
    }
    NoteOutputError();
  }
  if (format == "json") {
    std::cout << reports.dump(2, ' ', false,
                              nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
  }
  return status;
}

int RunFormat(const std::vector<std::string>& arguments) {
  segform::ValidateOptions options;
  options.input_is_file = true;
  std::vector<std::string> files;
  bool options_ended = false;
  for (const std::string& argument : arguments) {
    if (options_ended) {
      files.push_back(argument);
    } else if (argument == "--") {
      options_ended = true;
    } else if (argument == "--ignore-unknown-fields") {
      if (options.ignore_unknown_fields) return RepeatedOptionError(argument);
      options.ignore_unknown_fields = true;
    } else if (argument == "--show-source" || argument == "--format" ||
               argument.rfind("--format=", 0) == 0) {
      // "unknown option" would hide that check takes these options.
      const std::string option = argument.substr(0, argument.find('='));
      return UsageError(option + " works with check only; leave it out");
    } else if (argument.size() > 1 && argument[0] == '-') {
      return UsageError("unknown option " + ShownArgument(argument));
    } else {
      files.push_back(argument);
    }
  }
  if (files.size() != 1) return UsageError("format needs exactly one FILE");
  Input input;
  if (!ReadInput(files[0], input)) return kExitUsage;
  const segform::ValidationResult result = ValidateInput(input, options);
  // Findings go to standard error, so the output is the JSON or nothing.
  // Valid inputs in a pipeline request with errors of its own are printed,
  // as the page exports them, and the status still reports the errors.
  PrintFindingsText(std::cerr, input.name, result.findings);
  std::cout << result.canonical_json;
  return result.ok() ? kExitOk : kExitFindings;
}

// A request among a command's options to print the help or the version in
// place of running the command.
enum class InfoRequest { kNone, kHelp, kVersion };

// The help and version options among a command's arguments.
struct InfoOptions {
  InfoRequest request = InfoRequest::kNone;
  // The first of -h, --help or --version given a second time, counting a
  // command of help or --version as the first, spelt as given; or empty.
  std::string repeated;
};

// Finds -h, --help and --version among a command's arguments, which may
// come anywhere, even after a FILE. Help wins when both are given. The
// search stops at "--", after which "-h" is a file's name, and skips the
// value of --format, which is reported as a wrong format.
InfoOptions FindInfoOptions(bool help_command, bool version_command,
                            const std::vector<std::string>& arguments) {
  InfoOptions found;
  bool help_seen = help_command;
  bool version_seen = version_command;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--") break;
    if (argument == "--format") {
      ++i;
      continue;
    }
    const bool help = argument == "-h" || argument == "--help";
    const bool version = argument == "--version";
    if (found.repeated.empty() &&
        ((help && help_seen) || (version && version_seen))) {
      found.repeated = argument;
    }
    help_seen = help_seen || help;
    version_seen = version_seen || version;
    if (help) {
      found.request = InfoRequest::kHelp;
    } else if (version && found.request == InfoRequest::kNone) {
      found.request = InfoRequest::kVersion;
    }
  }
  return found;
}

int Run(std::vector<std::string> arguments) {
  if (arguments.empty()) return UsageError("missing command");
  const std::string command = arguments[0];
  arguments.erase(arguments.begin());
  // An unknown command is reported before any --help or --version after
  // it, which would otherwise pass it over.
  const bool known = command == "check" || command == "format" ||
                     command == "schema" || command == "fields" ||
                     command == "help" || command == "-h" ||
                     command == "--help" || command == "--version";
  // An option of a command, given before the command, gets a note on where
  // options go.
  const bool command_option =
      command == "--format" || command.rfind("--format=", 0) == 0 ||
      command == "--show-source" || command == "--ignore-unknown-fields";
  if (command_option) {
    return UsageError("unknown command " + ShownArgument(command) +
                      "; options come after the command, as in "
                      "'segform check --format json FILE'");
  }
  if (!known) return UsageError("unknown command " + ShownArgument(command));
  const bool help_command =
      command == "-h" || command == "--help" || command == "help";
  const InfoOptions info =
      FindInfoOptions(help_command, command == "--version", arguments);
  // Help or the version given again, in any order and after any command,
  // is an option given twice.
  if (!info.repeated.empty()) return RepeatedOptionError(info.repeated);
  const InfoRequest request = info.request;
  // In the command's place, help and the version take no arguments, as
  // fields and schema take none. Among a command's options, each of them
  // is printed whatever the other arguments are.
  const bool stray_arguments =
      request == InfoRequest::kNone && !arguments.empty();
  if (help_command || request == InfoRequest::kHelp) {
    if (help_command && stray_arguments) {
      return UsageError(command + " takes no arguments");
    }
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version" || request == InfoRequest::kVersion) {
    if (command == "--version" && stray_arguments) {
      return UsageError("--version takes no arguments");
    }
    std::cout << "segform " << segform::kVersion << "\n";
    return kExitOk;
  }
  if (command == "check") return RunCheck(arguments);
  if (command == "format") return RunFormat(arguments);
  if (command == "schema") {
    if (!arguments.empty()) return UsageError("schema takes no arguments");
    std::cout
        << segform::JsonSchema(segform::ImageSegmentationInputsDecl()).dump(2)
        << "\n";
    return kExitOk;
  }
  if (command == "fields") {
    if (!arguments.empty()) return UsageError("fields takes no arguments");
    std::cout << segform::DescribeMessage(
                     segform::ImageSegmentationInputsDecl())
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  return UsageError("unknown command " + ShownArgument(command));
}

}  // namespace

int main(int argc, char** argv) {
  const int status = Run(std::vector<std::string>(argv + 1, argv + argc));
  // Output that was not written, to a full disk for one, must not end in
  // success: `segform format in.json > out.json && upload out.json` would
  // upload an empty file.
  NoteOutputError();
  // std::cout writes through stdout's buffer, which the flush writes out.
  errno = 0;
  std::cout.flush();
  std::fflush(stdout);
  NoteOutputError();
  if (output_error != 0) {
    std::cerr << "segform: writing standard output failed: "
              << ErrorText(output_error) << "\n";
    return kExitUsage;
  }
  // Findings or messages that could not be written to standard error are
  // lost as unwritten output is, and no stream is left to report it on.
  std::fflush(stderr);
  if (std::ferror(stderr) || !std::cerr) return kExitUsage;
  return status;
}
