// Writes segform's whole validation result for each file, as the JSON form
// that ResultToJson() gives, so that the Node tests can compare the
// WebAssembly module's own encoding of results with it.
//
//   segform_result_probe [--text] FILE...   a JSON array, one result a file
//
// Files are read as files (a byte-order mark is dropped) unless --text.

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "segform/segform.h"

int main(int argc, char** argv) {
  segform::ValidateOptions options;
  options.input_is_file = true;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--text") {
      options.input_is_file = false;
      continue;
    }
    std::ifstream file(argument, std::ios::binary);
    if (!file) {
      std::cerr << "segform_result_probe: cannot read " << argument << "\n";
      return 2;
    }
    const std::string text((std::istreambuf_iterator<char>(file)),
                           std::istreambuf_iterator<char>());
    results.push_back(segform::ResultToJson(segform::Validate(text, options)));
  }
  std::cout << results.dump(-1, ' ', false,
                            nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
  return 0;
}
