// The JSON reading stage: the checks of the text's bytes that come before
// the scanner (UTF-8, NUL bytes, a byte-order mark), the scanner's error as
// a finding, and the keys set twice in nested objects.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "internal.h"

namespace segform::internal {

bool KeySet::Insert(std::string_view key) {
  if (key.data() == nullptr) key = std::string_view("", 0);
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  const size_t hash = std::hash<std::string_view>()(key);
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key.data() == nullptr) {
      slot = {key, hash};
      ++size_;
      return true;
    }
    if (slot.hash == hash && SameBytes(slot.key, key)) return false;
  }
}

void KeySet::Grow() {
  std::vector<Slot> old(slots_.empty() ? 8 : 2 * slots_.size());
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.key.data() == nullptr) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].key.data() != nullptr) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

namespace {

// Returns the step naming frames[depth], made the first time it is needed.
// The outermost frame is the value of the last top-level member, or the
// top-level array itself, whose pointer is empty.
size_t StepOf(RawDocument& document, std::vector<NestedFrame>& frames,
              size_t depth) {
  NestedFrame& frame = frames[depth];
  if (frame.has_step) return frame.step;
  PointerStep step;
  if (depth == 0) {
    if (document.members.empty()) {
      frame.has_step = true;
      frame.step = PointerStep::kNone;
      return frame.step;
    }
    step.key = document.members.back().key;
  } else {
    step.parent = StepOf(document, frames, depth - 1);
    const NestedFrame& outer = frames[depth - 1];
    step.is_index = outer.is_array;
    step.index = outer.index;
    step.key = outer.key;
  }
  document.pointer_steps.push_back(step);
  frame.has_step = true;
  frame.step = document.pointer_steps.size() - 1;
  return frame.step;
}

}  // namespace

void NoteNestedKey(RawDocument& document, std::vector<NestedFrame>& frames,
                   std::string_view key, Span key_span) {
  if (!frames.back().keys.Insert(key)) {
    const size_t object = StepOf(document, frames, frames.size() - 1);
    document.nested_duplicates.push_back({key, object, key_span});
  }
  frames.back().key = key;
}

void NoteNestedString(RawDocument& document, std::vector<NestedFrame>& frames,
                      std::string_view text, Span span) {
  if (!IsPlaceholderAt(text, span)) return;
  const NestedFrame& frame = frames.back();
  PointerStep step;
  step.parent = StepOf(document, frames, frames.size() - 1);
  step.is_index = frame.is_array;
  step.index = frame.index;
  step.key = frame.key;
  document.pointer_steps.push_back(step);
  document.nested_placeholders.push_back(
      {document.pointer_steps.size() - 1, span});
}

std::string StepPointer(const RawDocument& document, size_t step,
                        std::string* name) {
  std::vector<const PointerStep*> steps;
  for (size_t i = step; i != PointerStep::kNone;
       i = document.pointer_steps[i].parent) {
    steps.push_back(&document.pointer_steps[i]);
  }
  std::string pointer;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if ((*it)->is_index) {
      const std::string index = std::to_string((*it)->index);
      pointer += "/" + index;
      if (name != nullptr) *name += "[" + index + "]";
    } else {
      pointer += MemberPointer((*it)->key);
      if (name != nullptr) {
        if (!name->empty()) *name += '.';
        *name += (*it)->key;
      }
    }
  }
  return pointer;
}

std::string NestedDuplicatePointer(const RawDocument& document,
                                   const NestedDuplicate& duplicate) {
  return StepPointer(document, duplicate.object) + MemberPointer(duplicate.key);
}

namespace {

// Returns the code point of a UTF-16 surrogate written as three bytes at
// `at`, or 0 when there is none. CESU-8 writes surrogates this way, and so
// does the WebAssembly module's caller for a lone surrogate of a string.
uint32_t SurrogateAt(std::string_view text, size_t at) {
  if (text.size() - at < 3) return 0;
  const auto byte = [&](size_t i) {
    return static_cast<uint8_t>(text[at + i]);
  };
  if (byte(0) != 0xED || byte(1) < 0xA0 || byte(1) > 0xBF ||
      (byte(2) & 0xC0) != 0x80) {
    return 0;
  }
  return 0xD000u | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
}

// Adds the finding for the first byte that is not valid UTF-8. Its span is
// that byte alone, which JavaScript's TextDecoder turns into one U+FFFD, so
// the UTF-16 offsets also match a string whose lone surrogate it is.
SEGFORM_COLD void ReportInvalidUtf8(std::string_view text, size_t invalid,
                                    FindingSink& sink) {
  const std::string byte =
      Format("0x{}", {HexDigits(static_cast<unsigned char>(text[invalid]), 2)});
  const uint32_t surrogate = SurrogateAt(text, invalid);
  const uint32_t next = surrogate != 0 ? SurrogateAt(text, invalid + 3) : 0;
  std::string found;  // the code point the bytes encode, when they do
  std::string message;
  std::string hint;
  if (surrogate >= 0xD800 && surrogate <= 0xDBFF && next >= 0xDC00) {
    // Both halves, each written as three bytes (CESU-8, or Java's modified
    // UTF-8): the character is whole, but UTF-8 writes it in four bytes.
    const uint32_t code_point =
        0x10000 + ((surrogate - 0xD800) << 10) + (next - 0xDC00);
    found = Format("U+{}", {HexDigits(code_point, 4)});
    message = Format(
        "the text is not valid UTF-8: {} is written as two "
        "three-byte halves of a UTF-16 surrogate pair (CESU-8), "
        "where UTF-8 takes one four-byte sequence",
        {found});
    hint = "Save the file as UTF-8.";
  } else if (surrogate != 0) {
    found = Format("U+{}", {HexDigits(surrogate, 4)});
    message = Format(
        "the text is not valid UTF-8: it contains {}, half of a "
        "UTF-16 surrogate pair without its other half, which "
        "UTF-8 cannot encode",
        {found});
    hint =
        "Delete the character at this position, or type the whole "
        "character again.";
  } else {
    message = Format("the text is not valid UTF-8: byte {} cannot appear here",
                     {byte});
    hint = "Save the file as UTF-8, or retype the character at this position.";
  }
  Finding& finding =
      sink.Add(Severity::kError, "json.invalid_utf8", "",
               {invalid, invalid + 1}, std::move(message), std::move(hint));
  if (!found.empty()) finding.params.Set(Param::kFound, found);
  finding.params.Set(Param::kByte, byte);
  finding.params.Set(Param::kOffset, invalid);
}

SEGFORM_COLD void ReportNulByte(size_t nul, FindingSink& sink) {
  sink.Add(Severity::kError, "json.syntax", "", {nul, nul + 1},
           "invalid JSON: a NUL byte (U+0000) cannot appear in JSON text",
           "Remove the NUL byte. A string that needs one takes the escape "
           "\\u0000.");
}

SEGFORM_COLD void ReportByteOrderMark(FindingSink& sink) {
  sink.Add(Severity::kError, "json.byte_order_mark", "", {0, 3},
           "invalid JSON: the text starts with a UTF-8 byte-order mark",
           "Remove the byte-order mark (U+FEFF) from the start.");
}

SEGFORM_COLD void ReportJsonError(JsonError& error, FindingSink& sink) {
  Finding& finding =
      sink.Add(Severity::kError, std::string(error.code), "", error.span,
               std::move(error.message), std::move(error.hint));
  if (error.code == "json.too_deep") {
    finding.params.Set(Param::kMax, kMaxNestingDepth);
  } else if (error.code == "json.syntax") {
    finding.params.Set(Param::kOffset, error.span.begin);
    if (!error.expected.empty()) {
      finding.params.Set(Param::kExpected, error.expected);
      finding.params.Set(Param::kFound, error.found);
    }
  }
}

}  // namespace

std::optional<RawDocument> ReadJsonText(std::string_view text,
                                        FindingSink& sink) {
  const size_t invalid = FindInvalidUtf8(text, sink.ascii_prefix());
  if (invalid != std::string_view::npos) {
    ReportInvalidUtf8(text, invalid, sink);
    return std::nullopt;
  }
  // JSON allows no raw NUL anywhere, and a reader that stops at one would
  // ignore the text after it.
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    ReportNulByte(nul, sink);
    return std::nullopt;
  }
  // nlohmann skips a UTF-8 byte-order mark silently; JSON text handed over
  // as a string must not start with one.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    ReportByteOrderMark(sink);
    return std::nullopt;
  }

  JsonError error;
  std::optional<RawDocument> document = ScanJsonText(text, &error);
  if (!document) {
    ReportJsonError(error, sink);
    return std::nullopt;
  }
  const std::vector<size_t> settings = NestedDuplicateSettings(*document);
  for (size_t i = 0; i < settings.size(); ++i) {
    ReportNestedDuplicate(*document, document->nested_duplicates[i],
                          settings[i], sink);
  }
  return document;
}

std::vector<size_t> NestedDuplicateSettings(const RawDocument& document) {
  if (document.nested_duplicates.empty()) return {};
  // Each later setting of a key in an object is one duplicate.
  std::map<std::pair<size_t, std::string_view>, size_t> repeats;
  for (const NestedDuplicate& duplicate : document.nested_duplicates) {
    ++repeats[{duplicate.object, duplicate.key}];
  }
  std::vector<size_t> settings;
  settings.reserve(document.nested_duplicates.size());
  for (const NestedDuplicate& duplicate : document.nested_duplicates) {
    settings.push_back(1 + repeats[{duplicate.object, duplicate.key}]);
  }
  return settings;
}

SEGFORM_COLD void ReportNestedDuplicate(const RawDocument& document,
                                        const NestedDuplicate& duplicate,
                                        size_t settings, FindingSink& sink) {
  // The cap comes first, so that a pointer is written out only for a
  // finding that is kept, or that may be on a field (see FindingSink::Take).
  const bool field_named =
      ImageSegmentationInputsDecl().FindField(duplicate.key) != nullptr;
  if (!field_named &&
      sink.CutByCapOffField(Severity::kError, duplicate.key_span)) {
    return;
  }
  std::string pointer = NestedDuplicatePointer(document, duplicate);
  if (field_named &&
      sink.CutByCap(Severity::kError, duplicate.key_span, pointer)) {
    return;
  }
  Finding& finding =
      sink.Add(Severity::kError, "json.duplicate_key", std::move(pointer),
               duplicate.key_span,
               Format("the key {} is set {} in this object",
                      {Quoted(duplicate.key), SettingsCount(settings)}),
               std::string(KeepOneHint(settings)));
  finding.params.Set(Param::kKey, duplicate.key);
}

}  // namespace segform::internal
