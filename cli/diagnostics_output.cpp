#include "cli/diagnostics_output.hpp"

#include <fmt/core.h>

#include <fstream>
#include <map>
#include <sstream>

namespace jixiao::cli {

void print_diagnostics(const dsl::diagnostics& diags, std::FILE* out) {
  std::map<std::string, std::string> sources;
  for (const auto& d : diags) {
    auto it = sources.find(d.file);
    if (it == sources.end()) {
      std::ifstream in(d.file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      it = sources.emplace(d.file, text.str()).first;
    }
    fmt::print(out, "{}", dsl::render(d, it->second));
  }
}

}  // namespace jixiao::cli
