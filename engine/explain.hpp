// Why an indicator scored what it did, for `jixiao score --explain`: the rule that applied,
// its expression rendered with the values it read (one readable line, not a trace), the rules
// tried before it and why each did not apply, and the table rows it used. Filled only when
// scoring is asked to explain (score_options::explain), so plain scoring pays nothing for it.
// engine/scoring.hpp includes this header; include that one to call explain_line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/value.hpp"

namespace jixiao::engine {

// A table row an applied rule read: the table's name and the row's index (0-based, in
// declaration order).
struct table_use {
  std::string table;
  std::size_t row = 0;
};

struct explanation {
  std::string applied;                   // "rule 正向定量 (rules/beijing/2021.rules:37)"; "" when none applied
  std::string derivation;                // "3 × min(2项 ÷ 6项, 1) = 1.00"
  std::vector<std::string> not_applied;  // one line per earlier rule that did not apply, saying why
  std::vector<table_use> tables;         // table rows the applied rule used
};

struct item_result;
struct budget_result;

// The one-line form: `分析关键技术: rule 正向定量 (rules/beijing/2021.rules:37) 3 × min(2项 ÷ 6项, 1)
// = 1.00; declared 1 ✓`. An item scored without explain gives its name, outcome and rule only.
std::string explain_line(const item_result& item);
// The budget row's line: `预算执行率: rate = … = 74.69%; score = 10 × min(74.69%, 1) = 7.47; declared 7.47 ✓`.
std::string explain_line(const budget_result& budget);

// For the scorer (engine/scoring.cpp), which builds explanations from what an explaining
// evaluation recorded (engine/evaluator.hpp). Expressions are shown in two ways:
// - symbolic, as the rule reads: `年度指标值 == 0`;
// - with values, every form value replaced by what the rule read from it and every `let`
//   shown as `名字 (= value)`: `3 × min(2项 ÷ 6项, 1)`.
struct program;
struct planned_rule;
struct eval_record;

// "rule 正向定量 (rules/beijing/2021.rules:34)", "group 等分 (rules/central/2020.rules:48)".
std::string rule_reference(const planned_rule& rule, bool group);
std::string render_symbolic(const program& p, std::uint32_t node);
std::string render_with_values(const program& p, std::uint32_t node, const eval_record& record);
// "3 × min(2项 ÷ 6项, 1) = 1.00": the expression with values, the arguments of a top-level
// function call reduced to their values when they are not plain values already
// (`max(1 × 0.5, 1 − …) = max(0.5, 0.8)`), then `result`.
std::string render_derivation(const program& p, std::uint32_t node, const eval_record& record,
                              std::string_view result);
// Why a condition did not hold: its first conjunct that is not true, with the form values it
// read: `年度指标值 == 0 is false (年度指标值 = 6项)`, or `… fails: MESSAGE` on an error.
std::string why_not(const program& p, std::uint32_t condition, const eval_record& record);
// A condition that held, with the form values it read: `分值 is not_applicable (分值 = —)`.
std::string why_so(const program& p, std::uint32_t condition, const eval_record& record);
// Every table row the record took, by table and row, without repeats.
std::vector<table_use> tables_used(const program& p, const eval_record& record);
// A value as explanations show it: `2项`, `80%`, `"时效指标"`, `2021年12月`, `「合规」`.
std::string shown_value(const rt::value& v);

}  // namespace jixiao::engine
