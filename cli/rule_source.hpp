// The rule sets a command applies: one rule file for every form, or a folder of rule sets to
// choose from per form (by jurisdiction and year).
#pragma once

#include <optional>
#include <string>

#include "engine/catalog.hpp"
#include "engine/scoring.hpp"

namespace jixiao::cli {

struct rule_source {
  engine::catalog catalog;
  std::optional<engine::program> explicit_rules;

  // The rule set for a form, or an error naming the candidates. Read-only: threads share it.
  expected<const engine::program*, engine::form_error> choose(const engine::form& f) const;
  // Scores one form; an explicit rule set notes where it does not cover the form.
  expected<engine::form_result, engine::form_error> score(const engine::form& f, engine::score_options options = {}) const;
  // The same into a result that may hold an earlier form's, which it overwrites whole
  // (engine::score_form_into); on failure `out` is left as it was.
  expected<void, engine::form_error> score_into(const engine::form& f, engine::score_options options,
                                                engine::form_result& out) const;
};

// Loads `path` (a rule file or a folder), printing its diagnostics to standard error. Empty
// when nothing usable could be loaded; `problems` is set when some rule file failed.
std::optional<rule_source> load_rule_source(const std::string& path, bool& problems);

}  // namespace jixiao::cli
