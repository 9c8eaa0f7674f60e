// libFuzzer target: the form loader. Any bytes must give a form or a form error with a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto loaded = jixiao::engine::load_form(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  if (!loaded && loaded.error().message.empty()) __builtin_trap();
  return 0;
}
