// `jixiao check RULES...`: parses and checks rule files without any form.
#include <fmt/core.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/diagnostics_output.hpp"
#include "engine/catalog.hpp"

namespace jixiao::cli {

command add_check(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("check", "Parse and check rule files");
  cmd->add_option("rules", *files, "Rule files")->required();
  cmd->footer("Exit status: 0 no errors (warnings allowed); 1 a rule file has errors.");
  return [files] {
    int status = 0;
    for (const auto& path : *files) {
      auto loaded = engine::load_ruleset(path);
      if (!loaded) {
        print_diagnostics(loaded.error(), stderr);
        status = 1;
        continue;
      }
      print_diagnostics(loaded->warnings, stderr);
      fmt::print("{}: ok ({} {}, {} rules, {} group rules)\n", path, loaded->id, loaded->version,
                 loaded->rules.size(), loaded->group_rules.size());
    }
    return status;
  };
}

}  // namespace jixiao::cli
