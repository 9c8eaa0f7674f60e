// The names a rule can read from a form, in Chinese (the labels of the official template)
// and English. Which names exist depends on where the expression stands: an indicator rule
// reads the indicator's cells, a group rule its group's, the budget rule the 项目资金 block.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace jixiao::engine {

enum class field : std::uint8_t {
  level1, level2, name, target, actual, weight, score, reason, level1_weight,
  members, initial, annual, executed, declared_rate, rate, year, jurisdiction, total,
  fact,  // a fact of a check scope (below); the node's index says which
};

// `form` is the scope of checks on the whole form; checks on an indicator, a group or the
// budget block use the scopes of the rules, with the facts below added.
enum class scope : std::uint8_t { indicator, group, budget, grade, form };

struct field_info {
  field id;
  std::string_view english;
  std::string_view chinese;
  std::string_view alias;  // a second Chinese label, or ""
  bool in_indicator;
  bool in_group;
  bool in_budget;
  bool in_grade;
  std::string_view summary;
};

// Facts that checks read (never scoring rules): what scoring found and what the form adds up
// to. `jixiao lint` computes them from the scorer's results; see docs/lint.md.
enum class fact : std::uint8_t {
  // indicator
  computed, outcome, rule_name, low, high, difference, agrees, band, ratio, duplicates, grouped, has_reason,
  measurable,
  // group
  group_computed, group_outcome, group_rule_name, group_low, group_high, group_difference, group_agrees,
  missed_members, group_has_reason,
  // budget
  computed_rate, budget_computed, rate_agrees, score_agrees, subrows, initial_subtotal, annual_subtotal,
  executed_subtotal,
  // form
  declared_total, declared_sum, sum_agrees, total_weight, weight_sum, output_weight, benefit_weight,
  satisfaction_weight, rules_total, goal_expected, goal_actual, indicator_count,
  count
};

enum class fact_type : std::uint8_t { number, text, boolean };

struct fact_info {
  fact id;
  scope in;
  std::string_view english;
  std::string_view chinese;
  fact_type type;
  std::string_view summary;
};

std::span<const fact_info> facts();

// The cell a check's finding points at (`at 得分`): its key in the form's JSON, relative to
// the element, and its label on the paper form.
struct check_cell {
  std::string_view key;    // "score", "rows[0].executed", "total.score"
  std::string_view label;  // 得分
};
std::optional<check_cell> find_check_cell(std::string_view name, scope s);
std::string_view check_cells(scope s);  // the names `at` accepts, for messages
const fact_info* find_fact(std::string_view name, scope s);

std::span<const field_info> fields();
const field_info* find_field(std::string_view name);
bool available(const field_info& f, scope s);
std::string_view scope_name(scope s);

}  // namespace jixiao::engine
