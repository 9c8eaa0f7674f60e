// libFuzzer target: the rule parser. Any text must give a rule file or diagnostics, never a
// crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dsl/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = jixiao::dsl::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.rules");
  // A failed parse must say why: an empty list of diagnostics would hide the failure.
  if (!parsed && parsed.error().empty()) __builtin_trap();
  return 0;
}
