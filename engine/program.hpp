// A rule set planned for evaluation: every name resolved to a field, a definition, a table or
// a built-in once, so that scoring a form never looks a name up by string. Expressions are
// stored flat (nodes refer to each other by index), which keeps them compact and cheap to
// walk for every indicator of every form.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "engine/assembly.hpp"
#include "engine/fields.hpp"
#include "stdlib/builtins.hpp"
#include "stdlib/expected.hpp"
#include "stdlib/operators.hpp"
#include "stdlib/value.hpp"

namespace jixiao::engine {

using node_index = std::uint32_t;
inline constexpr node_index no_node = std::numeric_limits<node_index>::max();

enum class node_kind : std::uint8_t {
  constant,      // constants[index]
  field,         // op = field
  builtin_call,  // op = builtin, args in argument_lists[list_begin, +list_size)
  table_call,    // index = table, a = argument
  member,        // op = member, a = object
  negate,        // a
  logical_not,   // a
  arithmetic,    // op = arithmetic_op, a, b
  comparison,    // op = rt::comparison, a, b
  logical_and,   // a, b
  logical_or,    // a, b
  conditional,   // a ? b : c
  in_list,       // a in args; op = 1 when negated
  is_type,       // op = value_type, a; index = 1 when negated
  deduction,     // a = points, b = step, c = amount, d = cap (or no_node); op = 1 whole steps
};

enum class arithmetic_op : std::uint8_t { add, subtract, multiply, divide };

// The properties of a cell: 年度指标值.op and friends.
enum class member_kind : std::uint8_t { op, unit, value, text, count, low, high };

// The types `is` can test.
enum class value_type : std::uint8_t {
  absent, not_applicable, missing, nothing, quantity, number, percent, date, text, boolean,
};

struct node {
  node_kind kind = node_kind::constant;
  std::uint8_t op = 0;
  node_index a = no_node;
  node_index b = no_node;
  node_index c = no_node;
  node_index d = no_node;
  std::uint32_t index = 0;
  std::uint32_t list_begin = 0;
  std::uint32_t list_size = 0;
  dsl::source_span span;
};

// How the plain evaluator runs a node (engine/steps.cpp). Most nodes run as planned; the
// shapes every indicator's conditions and scores are made of run as one fused step that
// reads its fields and constants in place instead of evaluating them as nodes of their own.
// Each step computes what its node computes and, outside its common case, runs the node as
// planned. Steps sit beside `nodes`, index for index: the explaining evaluator, the
// explanations and the static checks read `nodes` only, so they see the plan as written.
enum class step_kind : std::uint8_t {
  planned,         // the node as planned
  is_cell,         // `is` on 年度指标值 or 实际完成值: op = value_type, negated = flag
  is_field,        // `is` on another field: op = value_type, negated = flag; a = the field node
  compare_leaves,  // a comparison whose sides are fields or constants
  comparable,      // comparable(实际完成值, 年度指标值): the indicator's memo
  ratio,           // 实际完成值 / 年度指标值: the indicator's memo
  extremum,        // min or max of two: op = 1 for min; a, b the arguments
};

struct step {
  step_kind kind = step_kind::planned;
  std::uint8_t op = 0;
  bool flag = false;
  field cell = field::target;  // is_cell: which cell
  node_index a = no_node;
  node_index b = no_node;
};

struct planned_interval {
  std::optional<decimal> lower;  // empty: unbounded
  std::optional<decimal> upper;
  bool lower_closed = true;
  bool upper_closed = true;
  bool contains(const decimal& x) const;
};

struct planned_band {
  std::string name;
  planned_interval range;  // fractions of the weight
  node_index when = no_node;
  dsl::source_span span;
};

enum class body_kind : std::uint8_t { score, judged, not_applicable, share };

struct planned_rule {
  std::string name;
  std::string file;  // where the rule is written: the rule set's own file, a parent or a library
  dsl::source_span span;
  node_index when = no_node;  // no_node: otherwise
  body_kind body = body_kind::score;
  node_index value = no_node;  // score or share expression
  std::vector<planned_band> bands;
};

struct planned_table_row {
  planned_interval key;
  node_index value = no_node;
};

struct planned_table {
  std::string name;
  std::vector<planned_table_row> rows;
  dsl::source_span span;
};

struct planned_grade_arm {
  std::optional<rt::comparison> comparison;  // empty: else
  decimal threshold;
  std::string label;
};

// A check (`check ID SEVERITY on SCOPE [at CELL] when COND message "..."`), planned.
struct planned_message_part {
  std::string text;            // literal text, or the placeholder's name
  node_index value = no_node;  // a placeholder: the value to show
};

struct planned_check_value {
  std::string name;  // as written in the condition or the message
  node_index value = no_node;
};

struct planned_check {
  std::string id;
  std::string file;  // where the check (or its last override) is written
  dsl::source_span span;
  dsl::check_severity severity = dsl::check_severity::error;
  dsl::check_scope on = dsl::check_scope::indicator;
  std::optional<check_cell> cell;  // what the finding points at; empty: the element itself
  node_index when = no_node;
  std::string message;  // the template, as written
  std::vector<planned_message_part> parts;
  std::vector<planned_check_value> values;  // the names the condition and the message read
};

// A use of a `let` definition: definitions are copied into every place they are used, and
// `node` is the root of one such copy. Explanations (engine/explain.hpp) show the name there
// instead of the expansion. In the order the uses were planned, so `node` never decreases.
struct planned_let_use {
  node_index node = no_node;
  std::string name;
};

// A conjunct of indicator rules' conditions (a side of a top-level chain of `and`) that reads
// nothing but 年度指标值 and constants. Where it is false for a target cell, each of those
// conditions is false whatever the rest reads (false and anything, even an error, is false), so
// the scorer tries those rules no more for indicators with that cell (engine/scoring.cpp).
struct target_guard {
  node_index when = no_node;
  std::uint64_t rules = 0;  // bit r: rule r of program::rules has this conjunct (or one alike)
};

struct program {
  // The parsed files, kept so that string constants and spans stay valid.
  std::unique_ptr<const assembled_ruleset> source;
  std::vector<std::string> ancestry;  // ids of the rule sets extended, nearest first
  std::vector<std::string> files;     // every file the rule set was read from
  std::string sha256;                 // over the exact sources of `files`

  std::string id;
  std::string jurisdiction;
  std::string version;
  dsl::date_literal effective_from;
  dsl::date_literal effective_to;
  std::string policy;  // the header's `source` text
  int decimals = 2;

  std::vector<node> nodes;
  std::vector<node_index> argument_lists;
  std::vector<rt::value> constants;
  std::vector<step> steps;  // beside `nodes`; may be shorter (then the rest run as planned)

  node_index budget_rate = no_node;
  node_index budget_score = no_node;
  std::vector<planned_rule> rules;
  std::vector<planned_rule> group_rules;
  std::vector<planned_table> tables;
  std::vector<planned_grade_arm> grades;
  std::vector<planned_check> checks;  // in declaration order
  std::vector<planned_let_use> let_uses;

  std::vector<target_guard> target_guards;  // in the order of the rules they first guard
  // Tells this plan from every other planned in the process: what the scorer keeps per plan
  // (the rules a target cell rules out) is never taken for another's, even at the same address.
  std::uint64_t serial = 0;

  dsl::diagnostics warnings;

  const std::string& path() const { return source->main->path; }
  // The grade of a total, or "" when the rule set has no grade table.
  std::string grade(const decimal& total) const;
  // The arm of the grade table a total falls in, an index into `grades`; none when there is no
  // grade table or no arm takes the total.
  std::optional<std::size_t> grade_arm(const decimal& total) const;
};

// Chooses the step of every node (engine/steps.cpp); compile() calls it last.
void plan_steps(program& p);

// Whether two planned expressions are the same expression, wherever each was copied to: the
// same kinds of node with the same operators, names and constants (engine/same_expression.cpp).
bool same_expression(const program& p, node_index a, node_index b);

// Finds the target guards of the indicator rules and gives the plan its serial
// (engine/steps.cpp); compile() calls it last.
void plan_guards(program& p);

// Checks an assembled rule set and plans it. Collects every problem before failing: unknown
// names and functions, names used where they do not exist, wrong arity, type errors, duplicate
// names, missing header items. Warnings travel with the program.
expected<program, dsl::diagnostics> compile(assembled_ruleset set);

// The same for a single self-contained rule file (no `extends`, no `include`).
expected<program, dsl::diagnostics> compile(dsl::rule_file file);

}  // namespace jixiao::engine
