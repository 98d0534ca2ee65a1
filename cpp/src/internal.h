// Types and helpers shared by segform's stages: reading JSON text with
// positions, reading a message's fields, and checking its rules.

#ifndef SEGFORM_SRC_INTERNAL_H_
#define SEGFORM_SRC_INTERNAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <forward_list>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segform/declarations.h"
#include "segform/segform.h"

// Marks a function that runs only for a finding or a rare input, such as
// one that builds a message. It stays out of line and, where clang builds
// it, is compiled for size. V8 compiles each WebAssembly function on its
// first call, so report code inlined into the checks would be compiled
// even when no finding needs it. GCC has no minsize, and the native
// programs need no size savings, so under GCC it is noinline alone.
#if defined(__clang__)
#define SEGFORM_COLD __attribute__((noinline, cold, minsize))
#else
#define SEGFORM_COLD __attribute__((noinline))
#endif

namespace segform::internal {

// A byte range [begin, end) of the input text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

enum class ValueKind { kNull, kBool, kNumber, kString, kObject, kArray };

// A JSON value as written: for a string its unescaped content, for a number
// its lexeme. Objects and arrays keep only their span. The text is a view
// into the JSON text, or into its document's store for a string with
// escapes, so it is valid only while the JSON text and the document are.
struct RawValue {
  ValueKind kind = ValueKind::kNull;
  std::string_view text;
  Span span;
};

struct RawMember {
  std::string_view key;  // a view, as RawValue::text is
  Span key_span;
  RawValue value;
};

// One reference token of the JSON Pointer of a nested object or array: a
// key, or an array index, after the token of the object or array that
// contains it (parent). Duplicates in the same object share its steps, so
// the pointers cost memory in proportion to the text, whatever the number
// of duplicates, and each is written out only for a finding shown.
struct PointerStep {
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t parent = kNone;  // kNone: the top level
  bool is_index = false;
  long index = 0;        // is_index: the array element's index
  std::string_view key;  // otherwise: a view, as RawValue::text is
};

// A key set twice in an object nested inside a top-level member.
struct NestedDuplicate {
  std::string_view key;                // a view, as RawValue::text is
  size_t object = PointerStep::kNone;  // the step naming the object
  Span key_span;
};

// The top-level value of a JSON text. When it is an object, its members in
// input order, duplicates included. A document can be moved but not copied,
// since its keys and values may be views into its own store.
struct RawDocument {
  RawDocument() = default;
  RawDocument(RawDocument&&) = default;
  RawDocument& operator=(RawDocument&&) = default;
  RawDocument(const RawDocument&) = delete;
  RawDocument& operator=(const RawDocument&) = delete;

  // Stores text that is not in the JSON text as written, such as a string
  // with its escapes undone, and returns a view of it that is valid as long
  // as the document. Moving the document keeps the view valid.
  std::string_view Keep(std::string text) {
    return kept_.emplace_front(std::move(text));
  }

  RawValue top;
  std::vector<RawMember> members;
  std::vector<NestedDuplicate> nested_duplicates;
  // String values below the top-level members that begin with
  // kPlaceholderPrefix, each as the step naming it and its span.
  std::vector<std::pair<size_t, Span>> nested_placeholders;
  std::vector<PointerStep> pointer_steps;  // indexed by the two lists above
  // Integers written with more than kMaxPythonDigits digits, anywhere in
  // the text, in text order. Python's json module rejects them.
  std::vector<Span> long_integers;

 private:
  // A list, because its elements never move. An empty list allocates
  // nothing, and most documents keep nothing.
  std::forward_list<std::string> kept_;
};

// The code of the finding that counts the findings past kMaxFindings.
inline constexpr std::string_view kTruncatedCode = "findings.truncated";

// Collects findings and fills in their line and column from the text.
class FindingSink {
 public:
  explicit FindingSink(std::string_view text);

  Finding& Add(Severity severity, std::string code, std::string path, Span span,
               std::string message, std::string hint = {});
  // Returns true, and counts the finding as cut, when the cap would cut a
  // finding of this severity at this span and path whatever is added
  // later. A report that can repeat once per key calls it before building
  // its message, so that 100,000 keys do not build 100,000 messages.
  bool CutByCap(Severity severity, Span span, std::string_view path);
  // CutByCap for a finding whose path ends in a key that is no field's
  // name, such as an unknown key's, which is never on a field (see Take).
  // It saves writing out the path of a finding that is cut.
  bool CutByCapOffField(Severity severity, Span span);
  // Marks the text as the inputs themselves, so that a finding at a
  // field's path right under the root ("/budgetMilliNodeHours") is on a
  // field (see Take). Other texts are requests, where only a field under a
  // trainingTaskInputs member is.
  void MarkTextAsInputs() { text_is_inputs_ = true; }
  // The number of findings of each severity that a cap cut, indexed by
  // Severity.
  using SeverityCounts = std::array<size_t, 3>;
  // Counts findings that a check of a part of the text cut by its own cap,
  // the first of them at first_begin, so that this text's summary counts
  // them too.
  void CountCut(const SeverityCounts& counts, size_t first_begin);
  // Returns the findings sorted by position, with lines and columns set.
  // Past kMaxFindings, the findings kept are the errors first, then the
  // others, each with the findings on a field of the inputs first and then
  // in text order. One "findings.truncated" finding counts the rest, so no
  // error is cut while a warning is shown. A form shows a field's findings
  // beside it, where a value whose error was cut would look valid. A
  // finding is on a field when its path ends in a field's JSON or proto
  // name under a trainingTaskInputs member, in any copy of the inputs. The
  // check of each copy caps its own findings first, and this rule ranks
  // them alike there and in the request's sink, so both cuts agree.
  std::vector<Finding> Take();
  bool has_error() const;
  // Returns the number of errors the cap cut. Call it after Take(), which
  // counts the errors it removes.
  size_t cut_error_count() const {
    return cut_[static_cast<size_t>(Severity::kError)];
  }
  // Returns the number of bytes at the start of the text that are ASCII.
  // The constructor finds it once, so the UTF-8 check and the UTF-16
  // offsets need no scan of their own for the usual all-ASCII text.
  size_t ascii_prefix() const { return ascii_prefix_; }

 private:
  // The four ranks of findings when the cap cuts, first to last: errors on
  // the fields, other errors, other findings on the fields, the rest.
  size_t RankOf(Severity severity, std::string_view path) const;
  bool CutByRank(Severity severity, Span span, size_t rank);
  // Returns true when the path is that of a field of the inputs (see Take).
  bool IsOnField(std::string_view path) const;
  // Keeps the kMaxFindings findings that rank first and returns the
  // smallest offset of those removed.
  size_t CutToCap();
  // Sets the counts and largest offsets of the findings kept, by rank.
  void CountKept();
  void SetUtf16Offsets();

  std::string_view text_;
  size_t ascii_prefix_;
  std::vector<Finding> findings_;
  // What CutByCap needs to know of the findings kept so far: how many
  // there are of each rank, and the largest offset among each. They are
  // kept up to date once there are kMaxFindings findings.
  static constexpr size_t kRanks = 4;
  std::array<size_t, kRanks> kept_count_{};
  std::array<size_t, kRanks> last_kept_begin_{};
  bool text_is_inputs_ = false;
  // The findings cut, by severity, counting those CutByCap counted, those
  // CountCut added and those CutToCap removed. first_cut_begin_ is the
  // smallest offset among the first two kinds.
  SeverityCounts cut_{};
  size_t first_cut_begin_ = std::string_view::npos;
};

// Reads JSON text into a RawDocument. Returns std::nullopt after adding a
// finding when the text is not valid JSON (syntax, UTF-8, NUL bytes).
std::optional<RawDocument> ReadJsonText(std::string_view text,
                                        FindingSink& sink);

// The keys of one object, to find those set twice. It is a hash set because
// a red-black tree's comparisons took two thirds of the time on an object
// of 50,000 keys, and its own rather than std::unordered_set, which
// allocated a node per key: a fifth of the native time on such an object,
// and 4 KB of the module. Insert is defined out of line, so the module
// carries one copy of the code for both of its uses.
class KeySet {
 public:
  // Adds the key, which must outlive the set. Returns false when the set
  // contains it already.
  bool Insert(std::string_view key);

 private:
  void Grow();

  // Open addressing with linear probing, at most half full. A slot whose
  // key's data() is null is empty; an empty key is kept with a non-null
  // data(). The hash is kept so that growing need not compute it again.
  struct Slot {
    std::string_view key;
    size_t hash = 0;
  };
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// An object or array nested below the top-level members, or a top-level
// array, while it is read, tracked only to name the JSON Pointer of a
// duplicate key inside it.
struct NestedFrame {
  bool is_array = false;
  long index = -1;       // arrays: the current element's index
  std::string_view key;  // objects: the current key
  // The step in RawDocument::pointer_steps naming this object or array,
  // made when a duplicate key first needs it.
  size_t step = PointerStep::kNone;
  bool has_step = false;
  // Objects: every key so far, as views of the text or of the document's
  // store.
  KeySet keys;
};

// Records a key read in the innermost nested object, frames.back(), and adds
// it to document.nested_duplicates when the object has it already. Every
// proto3 JSON parser rejects a duplicate key wherever it is. The key is kept
// as a view, of the text or of the document's store, in the frame.
void NoteNestedKey(RawDocument& document, std::vector<NestedFrame>& frames,
                   std::string_view key, Span key_span);

// Python's int() rejects strings of more than this many digits (the
// int_max_str_digits default of Python 3.11), and so does its json module
// for an integer in JSON text.
inline constexpr size_t kMaxPythonDigits = 4300;

// How many numbers too large for a double one text may hold. nlohmann
// rejects each of them. segform reads this many, so that a field can report
// one, and stops at the next.
inline constexpr int kMaxOverflowingNumbers = 16;

// The reason a text is not read as JSON, and its place in the text.
struct JsonError {
  // "json.syntax", "json.too_deep" or "json.number_overflow".
  std::string_view code;
  Span span;  // empty at the end of the text
  std::string message;
  std::string hint;
  // For a token that cannot stand where it is: what could, and the token.
  std::string expected;
  std::string found;
};

// Reads JSON text in one pass. The text must be valid UTF-8 without NUL
// bytes or a byte-order mark. Returns std::nullopt for a text nlohmann's
// strict parser does not accept, or that goes past a limit, after filling
// in *error when error is not null.
std::optional<RawDocument> ScanJsonText(std::string_view text,
                                        JsonError* error = nullptr);

// A field of the message as read from the input.
struct FieldValue {
  const FieldDecl* decl = nullptr;
  const RawMember* member = nullptr;
  // kEnum: the value's number. kInt64: the value. Unset when unreadable.
  std::optional<int64_t> number;
  // When number is unset: the number that the one parser accepting a
  // spelling reads from it (Python reads the enum true as 1 and "2" as 2,
  // JavaScript the int64 "0x1" as 1), or the value that a hint writes out
  // (an enum name suggested for a misspelt one). The budget's range
  // follows it, so that following the hint brings up no new error.
  std::optional<int64_t> lenient_number;
  // kString: the content, a view as RawValue::text is.
  std::optional<std::string_view> string;
};

// The hint for an enum value to be written by its name: "Write a model type
// name, e.g. "CLOUD_HIGH_ACCURACY_1"."
std::string EnumNameHint(const FieldDecl& field);

// Returns a JSON type as a message names it: "a number", "an object".
std::string_view KindName(ValueKind kind);

// The key of a training pipeline request's inputs, as the API writes it.
inline constexpr std::string_view kPipelineInputsKey = "trainingTaskInputs";
// The key of a CreateTrainingPipelineRequest's training pipeline.
inline constexpr std::string_view kCreatePipelineKey = "trainingPipeline";
// The location member of a CreateTrainingPipelineRequest.
inline constexpr std::string_view kCreateParentKey = "parent";
// The prefix of each value that the page's pipeline request export leaves
// for the user to fill in ("REPLACE_WITH_DATASET_ID"). A request that still
// has one gets a warning. cpp/tools/web_declarations.cc exports it for the
// page.
inline constexpr std::string_view kPlaceholderPrefix = "REPLACE_WITH_";

// Returns true when the JSON string at `span` (quotes included) begins
// with kPlaceholderPrefix, written plainly or with escapes
// ("\u0052EPLACE_WITH_X"). The scanner has checked the string's escapes.
bool IsPlaceholderAt(std::string_view text, Span span);

// The values of a message's fields, as ReadFields reads them.
struct FieldValues {
  // The first value of each field that is present and not null, in
  // declaration order. The form, the inputs and the rules between fields
  // take these.
  std::vector<FieldValue> first;
  // The values of fields set again, in the text's order, null ones too.
  // Each is checked as a first value is, so that keeping either of two
  // brings up no new error.
  std::vector<FieldValue> repeated;
};

// Reads the members of a message: unknown keys, duplicates and values of the
// wrong JSON type become findings. With suggest_pipeline_key, an unknown key
// closer to kPipelineInputsKey or kCreatePipelineKey than to any field gets
// that key as its suggestion, since the text may be a request with it
// misspelt.
FieldValues ReadFields(const MessageDecl& message, const RawDocument& document,
                       const ValidateOptions& options,
                       bool suggest_pipeline_key, FindingSink& sink);

// Returns the code of a problem with the field, such as
// "budget.out_of_range" for the problem "out_of_range".
std::string Code(const FieldDecl& field, std::string_view problem);

// Reports the member as a later setting of the key or field `name`, which
// first appeared under first_key and is set `settings` times in all, so
// that each of its findings gives the same count.
void ReportDuplicate(std::string_view first_key, std::string_view name,
                     const RawMember& member, size_t settings,
                     FindingSink& sink);

// Returns the message of json.too_deep, and its hint.
std::string TooDeepMessage();
inline constexpr std::string_view kTooDeepHint =
    "Flatten the value. No field of this message needs nesting.";

// Returns "twice" or "N times" for a key set `settings` times, and the hint
// that requests keeping one of them.
std::string SettingsCount(size_t settings);
std::string_view KeepOneHint(size_t settings);

// Returns, for each of document.nested_duplicates, how many times its key
// is set in its object in all.
std::vector<size_t> NestedDuplicateSettings(const RawDocument& document);

// Reports a key set more than once in an object below the top-level
// members, `settings` times in all.
void ReportNestedDuplicate(const RawDocument& document,
                           const NestedDuplicate& duplicate, size_t settings,
                           FindingSink& sink);

// Returns the JSON Pointer of a key set twice in a nested object.
std::string NestedDuplicatePointer(const RawDocument& document,
                                   const NestedDuplicate& duplicate);

// Records a string value read in the innermost nested object or array,
// frames.back(), in document.nested_placeholders when it begins with
// kPlaceholderPrefix. `span` is the string's, quotes included.
void NoteNestedString(RawDocument& document, std::vector<NestedFrame>& frames,
                      std::string_view text, Span span);

// Returns the JSON Pointer that a step of RawDocument::pointer_steps names.
// Sets *name, when given, to the keys down to it for a message, as in
// "modelToUpload.versionAliases[1]".
std::string StepPointer(const RawDocument& document, size_t step,
                        std::string* name = nullptr);

// The rules of AutoMlImageSegmentationInputs that go beyond JSON types.
void CheckSegmentationRules(const FieldValues& values, FindingSink& sink);

// Returns the double nearest to a JSON number lexeme. strtod reads the
// decimal point of the C library's current locale, which a program may have
// set to ',', so the lexeme's '.' is swapped for it first, as nlohmann does.
// The WebAssembly module reads it with JavaScript's Number() instead.
double ParseJsonDouble(std::string_view lexeme);

// Reads an int64 from a JSON number lexeme, exactly, with no trip through
// double. Sets *not_integer when the value has a fraction and *overflow when
// it lies outside int64.
std::optional<int64_t> ParseInt64Lexeme(std::string_view lexeme,
                                        bool* not_integer, bool* overflow);

// The value that the proto3 JSON parsers segform follows read for an
// integer field, or why they reject it (see portable.cc).
struct IntegerReading {
  enum class Verdict { kAccepted, kNotInteger, kOverflow, kNotPortable };
  Verdict verdict = Verdict::kAccepted;
  int64_t value = 0;  // kAccepted: the value every parser reads
  // kAccepted: false when the parsers round the written value (1e-400 is
  // read as 0), true when they read it as written.
  bool exact = true;
  // kAccepted: false for spellings other than the one the API writes, such
  // as "+5", "\t5" or "007".
  bool canonical = true;
  // kNotPortable: how the parsers differ, and a spelling they all read
  // alike (empty when there is none).
  std::string disagreement;
  std::string portable;
};

// Reads a JSON number lexeme for an integer field with the given range.
IntegerReading ReadIntegerNumber(std::string_view lexeme, int64_t min,
                                 int64_t max);

// Reads the content of a JSON string for an int64 field.
IntegerReading ReadInt64String(std::string_view text);

// Returns an anchored ECMAScript regex of the int64 strings that
// ReadInt64String accepts with a value of zero or more: a sign and leading
// zeros around the digits. magnitudes is an alternation of the
// positive values allowed, written without leading zeros.
std::string NonNegativeInt64StringPattern(std::string_view magnitudes);

// Returns the integer Python's json_format reads from an enum string of
// digits (it takes them, @bufbuild/protobuf does not), or nullopt.
std::optional<int64_t> ReadPythonIntegerString(std::string_view text);
// Returns the same reading for any int64, or nullopt. *below_int64, when
// given, is set to whether the digits are an integer below the int64 range.
std::optional<int64_t> ReadPythonInt64String(std::string_view text,
                                             bool* below_int64 = nullptr);

// Returns the names separated by ", ".
std::string JoinNames(const std::vector<std::string_view>& names);

// The state of the name closest to an unknown key. Renaming the key to a
// name that is set already, or suggested for an earlier unknown key, would
// set that name twice, so such a name is not offered.
struct CloseName {
  std::string spelled;  // the name offered, as SpelledLikeKey spells it
  std::string_view set_already;  // else the key that sets the name, as written
  std::string_view suggested_for;  // else the key the name is offered to
};

// Returns the state of `name`, the name closest to the unknown key `key`.
// It is set already when `set_key`, the key that sets it as written, is not
// empty, or offered to an earlier key when `suggested` (name to key) has
// it. A name still free is offered to `key`, and `suggested` records that.
// All members are empty when `name` is.
CloseName ClaimCloseName(
    std::string_view key, std::string_view name, std::string_view set_key,
    std::map<std::string_view, std::string_view>& suggested);

// Sets the message, which begins with `subject` ("unknown field \"x\""),
// and the hint for an unknown key whose close name is offered, set already
// or offered to another key. The hint names a character beyond ASCII in the
// key (see UnusualCharacterNote). Returns false, setting nothing, when no name
// is close.
bool DescribeCloseName(std::string_view subject, std::string_view key,
                       const CloseName& close, std::string& message,
                       std::string& hint);

// Returns the JSON Pointer of a member of the top-level object.
std::string MemberPointer(std::string_view key);

// How many characters of the input a message quotes.
inline constexpr size_t kMaxQuotedCharacters = 40;

// Returns the text in double quotes for a message, with at most
// max_characters between the quotes and a "..." mark when cut. Controls,
// bidirectional formatting characters and invalid bytes are escaped.
std::string QuoteForMessage(std::string_view text,
                            size_t max_characters = kMaxQuotedCharacters);
// Appends the text to out as QuoteForMessage quotes it.
void AppendQuotedForMessage(std::string_view text, size_t max_characters,
                            std::string& out);

// Returns the closest of the candidates to the given name, or an empty view
// when none is close. Case, '-', '_' and spaces are ignored when comparing.
// The candidates are ASCII: field, enum and member names.
std::string_view ClosestName(std::string_view name,
                             const std::vector<std::string_view>& candidates);

// Returns true when key is the snake_case spelling of the lowerCamelCase
// json_name ("display_name" of "displayName").
bool IsSnakeCaseOf(std::string_view key, std::string_view json_name);

// Returns the TrainingPipeline member that key names, in either spelling,
// or an empty view.
std::string_view RequestMemberName(std::string_view key);

// Returns true when the names are equal with case, '-', '_' and spaces
// ignored, as ClosestName compares them.
bool SameNameLoosely(std::string_view a, std::string_view b);

// Returns a sentence naming the first character of text that is not
// printable ASCII (a control, or any character beyond ASCII) and its place,
// counted in characters from 1, such as " The name has U+0421 at character
// 1, which is not a printable ASCII character.", with `noun` for "name".
// Returns "" when there is none. A look-alike letter or an invisible
// character otherwise leaves a suggestion that reads the same as the text.
std::string UnusualCharacterNote(std::string_view noun, std::string_view text);

// Returns json_name spelled the way the key it would replace is written:
// in snake_case, as proto names are, when the key has an underscore and no
// capital, or else as it is. The API reads both spellings, so the file can
// keep one style.
std::string SpelledLikeKey(std::string_view key, std::string_view json_name);

// Returns a value for a message, cut as QuoteForMessage cuts: a string in
// quotes ("an empty string" for ""), anything else as written.
std::string ShowValue(const RawValue& raw);

// A value for a hole of Format: text put in as it is, or, made by Quoted(),
// text quoted as QuoteForMessage quotes it. Quoting in place saves the
// string that QuoteForMessage would return.
struct FormatValue {
  FormatValue(std::string_view value) : text(value) {}    // NOLINT: implicit
  FormatValue(const std::string& value) : text(value) {}  // NOLINT: implicit
  FormatValue(const char* value) : text(value) {}         // NOLINT: implicit

  std::string_view text;
  bool quoted = false;
};

inline FormatValue Quoted(std::string_view text) {
  FormatValue value(text);
  value.quoted = true;
  return value;
}

// Returns the pattern with each "{}" replaced by the next value. A "{}"
// past the last value becomes "{missing}", and values past the last "{}"
// are ignored. Each message is built by one such call, which allocates once.
std::string Format(std::string_view pattern,
                   std::initializer_list<FormatValue> values);

// Returns the decimal integer, given as text or as a number, with a comma
// between each group of three digits.
std::string WithThousands(std::string_view digits);
std::string WithThousands(int64_t number);

// Returns the two-character JSON escape of a quote, a backslash, or one of
// the five control characters JSON has a short escape for, or "".
std::string_view ShortJsonEscape(char c);

// Returns the number in upper-case hex digits, with leading zeros up to
// min_digits, as "%0*X" would write it.
std::string HexDigits(uint32_t number, int min_digits);

// Returns the length of the UTF-8 sequence at text[i], or 0 when the bytes
// there are not valid UTF-8.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// Returns the code point of the valid UTF-8 sequence of this length at i.
uint32_t DecodeUtf8(std::string_view text, size_t i, size_t length);

// The code points, as inclusive ranges, that could change how a terminal or
// an editor shows the text around them. They are controls, and characters
// that are invisible or look like an ASCII space: no-break and other
// Unicode spaces, zero-width characters, bidi marks and overrides, soft
// hyphen, byte-order mark, Hangul fillers, variation selectors, invisible
// musical formatting and tag characters. Messages escape them, and the
// page's editor shows them as placeholders (cpp/tools/web_declarations.cc
// exports the list).
inline constexpr std::pair<uint32_t, uint32_t> kUnsafeToShowRanges[] = {
    {0x0000, 0x001F},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},
    {0x034F, 0x034F},   {0x061C, 0x061C},   {0x115F, 0x1160},
    {0x1680, 0x1680},   {0x17B4, 0x17B5},   {0x180B, 0x180F},
    {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x206F},
    {0x3000, 0x3000},   {0x3164, 0x3164},   {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF9, 0xFFFB},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE007F}, {0xE0100, 0xE01EF},
};

// Returns true for the code points in kUnsafeToShowRanges.
bool IsUnsafeToShow(uint32_t code_point);

// Returns true when the bytes of the text before offset are all ASCII, so
// that every byte offset up to it is its UTF-16 offset too.
bool IsAsciiBefore(std::string_view text, size_t offset);

// Replaces each byte offset into the text with the same position counted in
// UTF-16 code units, in one pass over the text.
void ConvertToUtf16Offsets(std::string_view text,
                           std::vector<size_t*>& offsets);

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Returns true when a and b contain the same bytes. WebAssembly has no
// memcmp instruction, and the C library's memcmp compares one byte per loop
// step, so it took 5 % of the module's time on name lookups. This compares
// eight bytes a step and is inlined.
inline bool SameBytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const size_t size = a.size();
  if (size < 8) {
    for (size_t i = 0; i < size; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  const auto same_word = [&](size_t i) {
    uint64_t a_word;
    uint64_t b_word;
    std::memcpy(&a_word, a.data() + i, sizeof a_word);
    std::memcpy(&b_word, b.data() + i, sizeof b_word);
    return a_word == b_word;
  };
  // Whole words, then the last eight bytes, which can overlap the last
  // word compared, instead of the rest a byte at a time.
  for (size_t i = 0; size - i >= 8; i += 8) {
    if (!same_word(i)) return false;
  }
  return same_word(size - 8);
}

// Returns the number of bytes at the start of the text that are ASCII,
// which are as many UTF-16 code units.
size_t AsciiPrefixLength(std::string_view text);

// Defined in this header because LTO's inliner made the module's
// validation function 3 KB larger when it was defined in text.cc.
inline FindingSink::FindingSink(std::string_view text)
    : text_(text), ascii_prefix_(AsciiPrefixLength(text)) {}

// Returns the number of bytes at the start of the text that a JSON string
// can hold as they are: no quote, backslash or control character. Eight
// bytes are checked at a time.
size_t PlainStringLength(std::string_view text);

// Returns the number of bytes at the start of the text that a message shows
// as they are: printable ASCII other than the quote and the backslash.
// Eight bytes are checked at a time.
size_t ShownAsIsLength(std::string_view text);

// Returns the offset of the first byte that is not part of valid UTF-8, or
// std::string_view::npos. The first ascii_prefix bytes are known to be
// ASCII, so the check starts after them.
size_t FindInvalidUtf8(std::string_view text, size_t ascii_prefix = 0);

}  // namespace segform::internal

#endif  // SEGFORM_SRC_INTERNAL_H_
