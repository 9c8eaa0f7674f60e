// Replay: every form scored under two rule sets (or under the scores the form declares and
// one rule set), with the differences per form and across a corpus — what auditors ask when a
// policy changes: which forms move, by how much, and which grades change.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"

namespace jixiao::engine {

// An indicator (or group) whose score or outcome differs between the two sides.
struct indicator_change {
  std::string path;
  std::string label;
  std::string rule_a, rule_b;        // "" for the declared side or when no rule applied
  std::string outcome_a, outcome_b;  // "declared" for the declared side
  std::optional<decimal> score_a, score_b;  // empty: not counted (not applicable)
  decimal delta;                            // b − a
};

struct form_replay {
  std::string file, id, project, jurisdiction;
  int year = 0;
  std::string ruleset_a, ruleset_b;  // "id version", or "declared"
  decimal total_a, total_b, delta;   // delta = b − a
  std::string grade_a, grade_b;
  std::vector<indicator_change> changes;
};

// Side A is `a` (a form scored under the first rule set) or, when null, the scores the form
// declares; side B is `b`. The declared side is graded with B's grade table.
form_replay replay_form(const form& f, const form_result* a, const form_result& b, const program& b_rules);

struct replay_summary {
  std::size_t forms = 0;
  std::size_t totals_changed = 0;
  std::size_t indicators_changed = 0;  // forms with at least one changed indicator
  decimal sum_delta;
  std::optional<decimal> largest;      // the change of largest size, with its sign
  std::string largest_form;
  std::vector<std::string> grades;     // labels in grade-table order, then any others seen
  std::map<std::pair<std::string, std::string>, std::size_t> transitions;  // (A, B) → forms
  struct mover {
    std::string form;
    indicator_change change;
  };
  std::vector<mover> movers;           // the largest indicator changes, largest first

  void add(const form_replay& r);
  std::optional<decimal> mean() const;
};

struct replay_run {
  std::vector<form_replay> forms;      // in input order
  std::vector<form_error> failures;
  replay_summary summary;
  std::size_t read() const { return forms.size() + failures.size(); }
};

std::string render_replay_text(const replay_run& run, bool detail);
std::string render_replay_json(const replay_run& run, bool detail);
// UTF-8 with a byte order mark so that Excel opens it cleanly: one row per form, or with
// `detail` one row per changed indicator.
std::string render_replay_csv(const replay_run& run, bool detail);

}  // namespace jixiao::engine
