// Scoring one form under one rule set: every indicator (or level-2 group) with the rule that
// applied, its outcome, the computed score or allowed interval, the declared score and the
// difference; then the budget row, the totals and the grade.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/explain.hpp"
#include "engine/form.hpp"
#include "engine/program.hpp"

namespace jixiao::engine {

enum class outcome {
  computed,        // the rules give one score
  judged,          // the rules give an interval; the declared score is inside or outside it
  unscored,        // no rule applies, or the rule that applies could not be evaluated
  not_applicable,  // the rules exclude it from the total
};

std::string_view outcome_name(outcome o);

// The parts of a label joined the way reports show them: 产出指标 › 数量指标 › 分析关键技术.
// Empty parts are left out.
std::string join_label(std::initializer_list<std::string_view> parts);

struct allowed_band {
  std::string name;
  decimal low;   // in points
  decimal high;
  bool low_closed = true;
  bool high_closed = true;
};

struct item_result {
  std::string label;       // 产出指标 › 数量指标 › 分析关键技术
  std::string name;        // 分析关键技术 (a group: its level-2 name)
  std::string path;        // indicators[1] / groups[0]
  bool is_group = false;
  number_cell weight;      // as declared (a group member: its share, see share)
  std::optional<decimal> share;
  number_cell declared;
  outcome result = outcome::unscored;
  std::string rule;        // the rule that applied, "" when none
  std::string rule_file;   // the file it is written in
  dsl::source_span rule_span;
  std::optional<decimal> computed;  // computed: the score, rounded to the rule set's decimals
  std::vector<allowed_band> bands;  // judged: the candidate bands
  std::string band;                 // judged: the band the declared score falls in, "" outside
  std::optional<decimal> low;       // judged: the hull of the candidate bands
  std::optional<decimal> high;
  bool agrees = true;               // declared matches computed / lies in an allowed band
  std::optional<decimal> difference;  // declared − computed, or the distance to the nearest band
  decimal contribution;             // what the rules total counts for it
  std::string note;                 // why unscored, an error message, or a caution
  std::vector<item_result> members; // a group's members
  std::optional<explanation> why;   // score_options::explain only
};

struct budget_result {
  bool present = false;
  number_cell weight;
  number_cell declared_rate;
  number_cell declared_score;
  std::optional<decimal> rate;     // exact
  std::optional<decimal> score;    // rounded to the rule set's decimals
  bool rate_agrees = true;         // at the precision the form prints
  bool score_agrees = true;
  std::string note;
  std::optional<explanation> why;  // score_options::explain only
};

struct form_result {
  const form* source = nullptr;
  std::string ruleset_id;
  std::string ruleset_version;
  std::string ruleset_path;
  std::string ruleset_sha256;
  std::vector<std::string> ruleset_ancestry;  // the rule sets it extends, nearest first
  std::string mismatch;  // the explicit rule set does not cover this form's year or jurisdiction
  budget_result budget;
  std::vector<item_result> items;
  number_cell declared_total;
  decimal declared_sum;          // budget declared + Σ declared item scores
  bool declared_sum_agrees = true;
  decimal rules_total;           // budget computed + Σ contributions
  std::string rules_grade;
  std::string declared_grade;
  std::size_t computed = 0, judged = 0, unscored = 0, not_applicable = 0, disagreements = 0;
};

struct score_options {
  bool explain = false;  // fill item_result::why and budget_result::why (engine/explain.hpp)
};

form_result score_form(const program& rules, const form& f);
form_result score_form(const program& rules, const form& f, score_options options);
// score_form into a result that may hold an earlier form's: every field is overwritten, and
// strings and vectors keep their memory, so that a corpus thread scoring form after form into
// one result allocates almost nothing. `mismatch` is left empty, as score_form leaves it.
void score_form_into(const program& rules, const form& f, score_options options, form_result& out);

// An indicator's target and actual as the rules read them (Sichuan's separate comparator and
// unit columns joined), for `jixiao lint`, whose checks read the same cells.
struct indicator_cells {
  values::cell target;
  values::cell actual;
};
indicator_cells read_cells(const indicator& ind, int year);

// read_cells without reading or copying again: the cells from this thread's cell cache, where
// the scorer has just put the form's cells (`jixiao lint` read every cell twice, 47 M
// instructions of 621 M on 500 forms). Meant for the form the thread has just scored: its
// texts are then all in the cache and a look-up adds nothing to it. The cells stay valid until
// the thread next scores a form.
struct indicator_cell_refs {
  const values::cell& target;
  const values::cell& actual;
};
indicator_cell_refs read_cells_cached(const indicator& ind, int year);

}  // namespace jixiao::engine
