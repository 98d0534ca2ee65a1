// The validation result as the WebAssembly module hands it to JavaScript:
// 32-bit words and one UTF-8 string area in the module's memory, which
// web/segform.mjs reads in place. Decoding two typed arrays is several
// times cheaper than writing JSON text and parsing it again, and nothing
// crosses Embind but one number.
//
// Layout, read in order. A string is one word, its length in UTF-16 code
// units, and its text is the next piece of the string area. A bool, a count
// and a byte or UTF-16 offset are one word each.
//
//   ok, errorCount, skippedPrefix, pipelineRequest, inputsPath: string,
//   canonicalJson: string,
//   findings: count, then for each
//     severity (0 error, 1 warning, 2 info), code, path: string,
//     line, column, begin, end, utf16Begin, utf16End,
//     message: string, hint: string (left out of the object when empty),
//     params: count, then for each: its index in kParamNames (the Param),
//       kind, value
//   formValues: count, then name, value: each a known name from the
//     declared names
//   unknownFieldCount, then unknownFields: count (at most kMaxFindings),
//     then key: string, valueJson: string
//   fieldSpans: count, then key: a known name from the declared names,
//     field: its index there (the list's size means null), keyBegin,
//     keyEnd, valueBegin, valueEnd
//   objectSpan: 0 (null), or 1 then begin, end
//
// A known name is its index in a list the page also has, the declared
// names (MessageDecl::DeclaredNames), and a param's name is its index in
// kParamNames. JavaScript then uses its own copy of the name. As an object
// key, that copy saves V8 a hash and a string-table lookup, about 40 ns a
// key. As a value, it saves a string. A name not in the declared names,
// such as an unknown key or a value as written, is the list's size
// followed by the name as a string.
//
// A param's kind is ParamValue::Kind as a number. Its value follows:
//   kString: a string
//   kInteger: low word, then high word, in two's complement
//   kNameList: a count, then that many known names from the declared names

#ifndef SEGFORM_WASM_RESULT_BUFFER_H_
#define SEGFORM_WASM_RESULT_BUFFER_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "internal.h"
#include "segform/segform.h"

namespace segform::wasm {

// Encodes results into buffers that are kept from call to call, so that
// encoding allocates nothing once it has seen a result of a given size.
class ResultBuffer {
 public:
  // Encodes the result and returns the address of four words: the words'
  // address and count, the string area's address and byte length.
  uintptr_t Encode(const ValidationResult& result);

 private:
  void Word(uint32_t word) { words_.push_back(word); }
  void Offset(size_t offset) { Word(static_cast<uint32_t>(offset)); }
  void String(std::string_view text);
  // Returns the message's declared names (MessageDecl::DeclaredNames).
  static const std::vector<std::string_view>& DeclaredNames();
  // Returns the index of name in names, or the number of names when it is
  // not there.
  template <typename Names>
  static size_t IndexOf(const Names& names, std::string_view name) {
    size_t index = 0;
    while (index < std::size(names) &&
           !internal::SameBytes(names[index], name)) {
      ++index;
    }
    return index;
  }
  // Writes name as a known name from names.
  template <typename Names>
  void KnownName(std::string_view name, const Names& names) {
    const size_t index = IndexOf(names, name);
    Offset(index);
    if (index == std::size(names)) String(name);
  }
  void Params(const FindingParams& params);
  // Appends bytes to the string area. This is inlined, and grows the area
  // only when it is full: libc++'s out-of-line std::string::append took
  // 3 % of the module's time on these short pieces.
  void AppendBytes(std::string_view bytes) {
    if (strings_.size() - strings_used_ < bytes.size()) {
      strings_.resize(
          std::max(2 * strings_.size(), strings_used_ + bytes.size()));
    }
    std::memcpy(strings_.data() + strings_used_, bytes.data(), bytes.size());
    strings_used_ += bytes.size();
  }

  std::vector<uint32_t> words_;
  std::vector<char> strings_;
  size_t strings_used_ = 0;  // the bytes of strings_ that this result uses
  uint32_t header_[4] = {};
};

}  // namespace segform::wasm

#endif  // SEGFORM_WASM_RESULT_BUFFER_H_
