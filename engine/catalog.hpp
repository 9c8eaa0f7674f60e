// Rule sets on disk: loading one file, finding every rule set under a folder, and choosing
// the one that governs a form (its jurisdiction, and an effective period that covers the
// form's year).
#pragma once

#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "engine/form.hpp"
#include "engine/program.hpp"

namespace jixiao::engine {

// Parses and compiles one rule file.
expected<program, dsl::diagnostics> load_ruleset(const std::string& path);

struct catalog {
  std::vector<program> rulesets;  // sorted by path
  std::vector<std::string> libraries;  // files of shared declarations, sorted by path
  dsl::diagnostics problems;      // files that failed to load, all their diagnostics
};

// Every `*.rules` file under `dir`, recursively, in path order.
catalog load_catalog(const std::string& dir);

// Whether the rule set's jurisdiction and effective period cover the form; "" when they do,
// else a sentence saying what does not match.
std::string mismatch(const program& rules, const form& f);

// Whether mismatch(rules, f) is "", without writing the sentence: choosing among a folder's
// rule sets asks it of every rule set for every form, and formatting the sentences only to
// drop them cost about 10 M instructions on 500 forms.
bool covers(const program& rules, const form& f);

// The one rule set that governs the form, or an error naming the candidates.
expected<const program*, std::string> select_ruleset(const catalog& c, const form& f);

}  // namespace jixiao::engine
