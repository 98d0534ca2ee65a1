// Google Benchmark of the native Validate() over the benchmark corpus.
//   segform_bench CORPUS.json [benchmark flags]   time per input
//   segform_bench CORPUS.json --once              validate each input once,
//                                                 for valgrind --tool=callgrind

#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "segform/segform.h"

namespace {

std::vector<std::string> corpus;

void BM_Validate(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& text : corpus) {
      segform::ValidationResult result = segform::Validate(text);
      benchmark::DoNotOptimize(result);
      bytes += text.size();
    }
  }
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * corpus.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Validate);

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::ifstream file(argv[1]);
  std::stringstream content;
  content << file.rdbuf();
  for (const auto& text : nlohmann::json::parse(content.str())) {
    corpus.push_back(text.get<std::string>());
  }
  if (argc > 2 && std::strcmp(argv[2], "--once") == 0) {
    size_t findings = 0;
    for (const std::string& text : corpus) {
      findings += segform::Validate(text).findings.size();
    }
    return findings == 0 ? 1 : 0;
  }
  argv[1] = argv[0];
  --argc;
  ++argv;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
