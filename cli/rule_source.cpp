#include "cli/rule_source.hpp"

#include <fmt/core.h>

#include <filesystem>

#include "cli/diagnostics_output.hpp"

namespace jixiao::cli {

expected<const engine::program*, engine::form_error> rule_source::choose(const engine::form& f) const {
  if (explicit_rules) return &*explicit_rules;
  auto chosen = engine::select_ruleset(catalog, f);
  if (!chosen) return unexpected(engine::form_error{f.file, "", 0, chosen.error()});
  return *chosen;
}

expected<engine::form_result, engine::form_error> rule_source::score(const engine::form& f, engine::score_options options) const {
  auto rules = choose(f);
  if (!rules) return unexpected(rules.error());
  auto result = engine::score_form(**rules, f, options);
  if (explicit_rules && !engine::covers(**rules, f)) result.mismatch = engine::mismatch(**rules, f);
  return result;
}

expected<void, engine::form_error> rule_source::score_into(const engine::form& f, engine::score_options options,
                                                           engine::form_result& out) const {
  auto rules = choose(f);
  if (!rules) return unexpected(rules.error());
  engine::score_form_into(**rules, f, options, out);
  if (explicit_rules && !engine::covers(**rules, f)) out.mismatch = engine::mismatch(**rules, f);
  return {};
}

std::optional<rule_source> load_rule_source(const std::string& path, bool& problems) {
  namespace fs = std::filesystem;
  rule_source out;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    out.catalog = engine::load_catalog(path);
    if (!out.catalog.problems.empty()) {
      print_diagnostics(out.catalog.problems, stderr);
      problems = true;
    }
    return out;
  }
  if (!fs::exists(path, ec)) {
    fmt::print(stderr, "error: no rule file or folder '{}'\n", path);
    problems = true;
    return std::nullopt;
  }
  auto loaded = engine::load_ruleset(path);
  if (!loaded) {
    print_diagnostics(loaded.error(), stderr);
    problems = true;
    return std::nullopt;
  }
  print_diagnostics(loaded->warnings, stderr);
  out.explicit_rules = std::move(*loaded);
  return out;
}

}  // namespace jixiao::cli
