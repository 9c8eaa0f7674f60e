// Times jixiao's scoring alone, the counterpart of `jixiao-reference --scoring-only`: loads
// every form of a corpus into memory, plans the rule file once, then scores every form again
// and again and reports the best round.
//
//   jixiao-engine-bench CORPUS.jsonl RULES [--repeat R]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/corpus.hpp"
#include "engine/scoring.hpp"

int main(int argc, char** argv) {
  namespace engine = jixiao::engine;
  if (argc < 3) {
    std::fputs("usage: jixiao-engine-bench CORPUS.jsonl RULES [--repeat R]\n", stderr);
    return 2;
  }
  int repeat = 5;
  if (argc == 5 && std::string(argv[3]) == "--repeat") repeat = std::atoi(argv[4]);
  auto rules = engine::load_ruleset(argv[2]);
  if (!rules) {
    std::fprintf(stderr, "cannot load %s\n", argv[2]);
    return 2;
  }
  auto reader = engine::corpus_reader::open(argv[1]);
  if (!reader) {
    std::fprintf(stderr, "%s\n", reader.error().c_str());
    return 2;
  }
  std::vector<engine::form> forms;
  engine::corpus_block block;
  while (reader->next(block, 1024)) {
    for (const auto& line : block.lines) {
      auto loaded = engine::load_corpus_form(line, reader->name());
      if (!loaded) {
        std::fprintf(stderr, "line %zu: %s\n", line.number, engine::to_string(loaded.error()).c_str());
        return 2;
      }
      forms.push_back(std::move(*loaded));
    }
  }
  std::size_t indicators = 0;
  for (const auto& f : forms) indicators += f.indicators.size();
  double best = 1e300;
  std::size_t checksum = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& f : forms) checksum += engine::score_form(*rules, f).items.size();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("forms %zu indicators %zu scoring_seconds %.6f ns_per_indicator %.2f checksum %zu\n", forms.size(),
              indicators, best, best * 1e9 / static_cast<double>(indicators), checksum);
  return 0;
}
