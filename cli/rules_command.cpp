// `jixiao rules list [DIR]` and `jixiao rules hash FILE...`: the rule sets on disk, and the
// fingerprint of one rule set's exact sources (its whole inheritance and include chain).
#include <fmt/core.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/diagnostics_output.hpp"
#include "engine/catalog.hpp"

namespace jixiao::cli {
namespace {

std::string date(const dsl::date_literal& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

int list(const std::string& dir) {
  auto c = engine::load_catalog(dir);
  print_diagnostics(c.problems, stderr);
  for (const auto& r : c.rulesets) {
    std::string parents;
    for (const auto& p : r.ancestry) parents += (parents.empty() ? "" : " ← ") + p;
    fmt::print("{}  {}  {}  {} .. {}  {}{}\n", r.id, r.version, r.jurisdiction, date(r.effective_from),
               date(r.effective_to), r.path(), parents.empty() ? "" : "  extends " + parents);
  }
  for (const auto& l : c.libraries) fmt::print("(library)  {}\n", l);
  return c.problems.empty() ? 0 : 1;
}

int hash(const std::vector<std::string>& files) {
  int status = 0;
  for (const auto& path : files) {
    auto loaded = engine::load_ruleset(path);
    if (!loaded) {
      print_diagnostics(loaded.error(), stderr);
      status = 1;
      continue;
    }
    fmt::print("{}  {} {}  {}\n", loaded->sha256, loaded->id, loaded->version, path);
    for (const auto& f : loaded->files) fmt::print("    {}\n", f);
  }
  return status;
}

}  // namespace

command add_rules(CLI::App& app) {
  auto dir = std::make_shared<std::string>("rules");
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("rules", "List rule sets and fingerprint their sources");
  cmd->require_subcommand(1);
  auto* list_cmd = cmd->add_subcommand("list", "The rule sets under a folder: id, version, jurisdiction, period, parents");
  list_cmd->add_option("dir", *dir, "Rule folder")->capture_default_str();
  auto* hash_cmd = cmd->add_subcommand("hash", "SHA-256 over the exact sources of each rule set (with what it extends and includes)");
  hash_cmd->add_option("rules", *files, "Rule files")->required();
  return [=] { return list_cmd->parsed() ? list(*dir) : hash(*files); };
}

}  // namespace jixiao::cli
