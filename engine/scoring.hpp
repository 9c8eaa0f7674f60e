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

// A band's name is a view into the program scored with (or "Σ members" for a group), which
// outlives the results like the rule an item points to.
struct allowed_band {
  std::string_view name;
  decimal low;   // in points
  decimal high;
  bool low_closed = true;
  bool high_closed = true;
};

// One scored row of the form: an indicator, a level-2 group (Shenzhen) or a group's member.
//
// An item points at what it was scored from instead of copying it: the indicator or group in
// the form scored (form_result::source) and the rule that applied in the program. Both outlive
// the results in every command (a result already points at its form). The copies, seven
// strings an item, were most of the scorer's own per-item work (on 2,000 forms the whole CSV
// run fell from 522 M instructions to 480 M without them), while a corpus run's CSV row shows
// none of them. Name, path, label, weight and declared score are read through the pointers.
struct item_result {
  const indicator* source = nullptr;     // set for an indicator or a member
  const indicator_group* group = nullptr;  // set for a group
  std::optional<decimal> share;
  outcome result = outcome::unscored;
  const planned_rule* rule = nullptr;  // the rule that applied, null when none
  std::optional<decimal> computed;  // computed: the score, rounded to the rule set's decimals
  std::vector<allowed_band> bands;  // judged: the candidate bands
  std::string_view band;            // judged: the band the declared score falls in, "" outside
  std::optional<decimal> low;       // judged: the hull of the candidate bands
  std::optional<decimal> high;
  bool agrees = true;               // declared matches computed / lies in an allowed band
  std::optional<decimal> difference;  // declared − computed, or the distance to the nearest band
  decimal contribution;             // what the rules total counts for it
  std::string note;                 // why unscored, an error message, or a caution
  std::vector<item_result> members; // a group's members
  std::optional<explanation> why;   // score_options::explain only

  bool is_group() const { return group != nullptr; }
  std::string_view name() const;  // 分析关键技术 (a group: its level-2 name)
  std::string_view path() const;  // indicators[1] / groups[0]
  // 产出指标 › 数量指标 › 分析关键技术; label_into writes it into `out`, keeping its capacity.
  std::string label() const;
  void label_into(std::string& out) const;
  const number_cell& weight() const;  // as declared (a group member: its share, see share)
  const number_cell& declared() const;
  std::string_view rule_name() const { return rule ? std::string_view(rule->name) : std::string_view(); }
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

// Points into the form and the program it was scored with (item_result): both must outlive it.
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
