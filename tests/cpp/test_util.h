// Helpers shared by segform's GoogleTest files.

#ifndef SEGFORM_TESTS_CPP_TEST_UTIL_H_
#define SEGFORM_TESTS_CPP_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "segform/segform.h"

namespace segform::testing {

inline std::string ReadBytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// Returns the first finding with this code, or nullptr.
inline const Finding* FindCode(const ValidationResult& result,
                               std::string_view code) {
  for (const Finding& finding : result.findings) {
    if (finding.code == code) return &finding;
  }
  return nullptr;
}

// Returns the codes of the result's findings, in order.
inline std::vector<std::string> CodesOf(const ValidationResult& result) {
  std::vector<std::string> codes;
  for (const Finding& finding : result.findings) codes.push_back(finding.code);
  return codes;
}

}  // namespace segform::testing

#endif  // SEGFORM_TESTS_CPP_TEST_UTIL_H_
