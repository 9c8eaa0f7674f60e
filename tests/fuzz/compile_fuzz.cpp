// libFuzzer target: the checker and planner. Whatever parses must compile to a program or to
// diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dsl/parser.hpp"
#include "engine/program.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = jixiao::dsl::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.rules");
  if (!parsed) return -1;  // not worth keeping in the corpus: the parser target covers it
  auto compiled = jixiao::engine::compile(std::move(*parsed));
  if (!compiled && compiled.error().empty()) __builtin_trap();
  return 0;
}
