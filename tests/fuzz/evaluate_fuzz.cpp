// libFuzzer target: fuzzed rule files scored against the bundled example forms, then both
// reports rendered. Scoring is total: a rule that cannot be evaluated leaves its indicator
// unscored with a note, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>

#include "dsl/parser.hpp"
#include "engine/form.hpp"
#include "engine/program.hpp"
#include "engine/report.hpp"
#include "engine/scoring.hpp"

namespace {

// The forms are read once per process; the source folder is compiled in.
const std::deque<jixiao::engine::form>& example_forms() {
  static const auto forms = [] {
    std::deque<jixiao::engine::form> out;
    for (const auto& entry : std::filesystem::directory_iterator(JIXIAO_SOURCE_DIR "/examples/forms")) {
      if (entry.path().extension() != ".json") continue;
      auto loaded = jixiao::engine::load_form_file(entry.path().string());
      if (!loaded) __builtin_trap();  // the examples must load, or this target tests nothing
      out.push_back(std::move(*loaded));
    }
    if (out.empty()) __builtin_trap();
    return out;
  }();
  return forms;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& forms = example_forms();
  auto parsed = jixiao::dsl::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.rules");
  if (!parsed) return -1;
  auto compiled = jixiao::engine::compile(std::move(*parsed));
  if (!compiled) return -1;
  jixiao::engine::score_run run;
  for (const auto& f : forms) run.results.push_back(jixiao::engine::score_form(*compiled, f));
  (void)jixiao::engine::render_text(run);
  (void)jixiao::engine::render_json(run);
  return 0;
}
