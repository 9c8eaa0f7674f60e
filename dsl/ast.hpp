// The typed syntax tree of a rule file. Built by the parser's actions, read by the engine's
// checker and planner. Nothing here knows about forms: names stay names until the engine
// resolves them, and number literals keep their source text so that the engine can read
// them exactly as decimals.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace jixiao::dsl {

// A region of the source. Offsets are bytes into the rule file's text; line and column are
// 1-based and the column counts characters (code points), not bytes, because that is what a
// person counts in a line of Chinese text.
struct source_span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct expr;
using expr_ptr = std::unique_ptr<expr>;

// 42, 2.675, 80% (percent is true and text is "80"). The text is kept verbatim.
struct number_literal {
  std::string text;
  bool percent = false;
};

struct string_literal {
  std::string value;  // escapes already resolved
};

struct date_literal {
  int year = 0;
  int month = 0;
  int day = 0;
};

struct bool_literal {
  bool value = false;
};

// inf or ∞, only meaningful as an interval bound or a table key.
struct infinity_literal {};

// A bare identifier: a form field (分值, actual), a `let` definition, a table or a
// context name such as `rate` in the budget rule.
struct name_ref {
  std::string name;
};

// subject.field, e.g. 年度指标值.op
struct member_access {
  expr_ptr object;
  std::string field;
  source_span field_span;
};

struct call {
  std::string callee;
  source_span callee_span;
  std::vector<expr_ptr> args;
};

enum class unary_op { negate, logical_not };

struct unary {
  unary_op op;
  expr_ptr operand;
};

enum class binary_op {
  add, subtract, multiply, divide,
  equal, not_equal, less, less_equal, greater, greater_equal,
  logical_and, logical_or,
};

struct binary {
  binary_op op;
  expr_ptr lhs;
  expr_ptr rhs;
};

// `c ? a : b` and `if c then a else b` build the same node.
struct conditional {
  expr_ptr condition;
  expr_ptr then_branch;
  expr_ptr else_branch;
};

// x in ("a", "b"), x not in (...)
struct in_list {
  expr_ptr subject;
  std::vector<expr_ptr> items;
  bool negated = false;
};

// x is quantity, x is not date. The type name is checked by the engine.
struct is_type {
  expr_ptr subject;
  std::string type_name;
  source_span type_span;
  bool negated = false;
};

// deduct 1 per 3% of gap whole cap 15
// "每相差3%扣1分，扣满15分为止": points per step of `amount`, counting whole steps only
// (whole) or fractions of a step too (prorata), never more than cap when a cap is given.
struct deduction {
  expr_ptr points;
  expr_ptr step;
  expr_ptr amount;
  bool whole_steps = true;
  expr_ptr cap;  // may be null
};

struct expr {
  source_span span;
  std::variant<number_literal, string_literal, date_literal, bool_literal, infinity_literal,
               name_ref, member_access, call, unary, binary, conditional, in_list, is_type,
               deduction>
      node;
};

// [a, b], (a, b], [a, inf). A null bound is unbounded.
struct interval {
  source_span span;
  bool lower_closed = true;
  expr_ptr lower;
  expr_ptr upper;
  bool upper_closed = true;
};

// A rule file is either a rule set (`ruleset ID { ... }`) or a library of shared
// declarations (`library ID`), which rule sets `include`.
enum class file_kind { ruleset, library };

// A header item as written: the formatter puts the items back in the order they were written,
// and the comments between them where they were.
struct header_item {
  std::string keyword;  // jurisdiction, version, effective, source, decimals or extends
  source_span span;     // from the keyword to the end of the value
};

struct ruleset_header {
  source_span span;
  file_kind kind = file_kind::ruleset;
  std::string id;  // beijing.2021
  source_span id_span;
  std::optional<std::string> extends;  // path of the parent rule file, relative to this one
  source_span extends_span;
  std::optional<std::string> jurisdiction;
  std::optional<std::string> version;
  std::optional<date_literal> effective_from;
  std::optional<date_literal> effective_to;
  std::optional<std::string> source;
  std::optional<int> decimals;  // scores are rounded half-up to this many places
  std::vector<header_item> items;  // in source order; the first occurrence of each
};

// let 名称 = expr
struct let_decl {
  source_span span;
  std::string name;
  source_span name_span;
  expr_ptr value;
  bool is_override = false;  // `override let ...`: replaces the parent's definition
};

// budget rate = expr   /   budget score = expr
enum class budget_target { rate, score };

struct budget_decl {
  source_span span;
  budget_target target;
  expr_ptr value;
  bool is_override = false;
};

// score = expr
struct score_body {
  expr_ptr value;
};

// 达成 [80%, 100%] when cond — bounds are fractions of the weight.
struct band {
  source_span span;
  std::string name;
  interval range;
  expr_ptr when;  // may be null: the band is always a candidate
};

struct judged_body {
  std::vector<band> bands;
};

// The indicator or group is excluded from the total.
struct not_applicable_body {};

// A group rule: each member is scored by the indicator rules with this weight.
struct share_body {
  expr_ptr value;
};

// `before NAME` / `after NAME`: where a rule goes among the rules it inherits.
struct placement {
  source_span span;
  bool before = true;
  std::string anchor;
  source_span anchor_span;
};

// rule NAME [before|after NAME] when cond BODY  /  rule NAME ... otherwise BODY
// group NAME when cond BODY (bodies: share = expr | score = expr | not applicable)
struct rule_decl {
  source_span span;
  bool is_group = false;
  std::string name;
  source_span name_span;
  expr_ptr when;  // null means `otherwise`
  std::variant<score_body, judged_body, not_applicable_body, share_body> body;
  bool is_override = false;  // `override rule ...`: replaces the parent's rule in its place
  std::optional<placement> position;
};

struct table_row {
  source_span span;
  interval key;
  expr_ptr value;
};

// table NAME { [90%, inf) => 5, ... } — called like a function: NAME(x).
struct table_decl {
  source_span span;
  std::string name;
  source_span name_span;
  std::vector<table_row> rows;
  bool is_override = false;
};

// grade >= 90 "优", >= 80 "良", else "差"
struct grade_arm {
  source_span span;
  std::optional<binary_op> comparison;  // empty for `else`
  expr_ptr threshold;                   // null for `else`
  std::string label;
};

struct grade_decl {
  source_span span;
  std::vector<grade_arm> arms;
  bool is_override = false;
};

// check ID SEVERITY on SCOPE [at CELL] when COND message "TEMPLATE": a finding, with the
// message filled in, for every element of the scope where the condition holds. A severity
// change (`check ID severity warning`) names the check and sets only its severity.
enum class check_severity { error, warning, info };
enum class check_scope { indicator, group, budget, form };

struct check_decl {
  source_span span;
  std::string id;  // score.above-weight
  source_span id_span;
  bool severity_only = false;  // `check ID severity LEVEL`
  check_severity level = check_severity::error;
  source_span level_span;
  check_scope on = check_scope::indicator;
  std::string cell;  // the field the finding points at (`at 得分`), "" for the element itself
  source_span cell_span;
  expr_ptr when;
  std::string message;  // the template, escapes resolved
  source_span message_span;  // the string literal, quotes included
  bool is_override = false;
};

// What `remove` names: remove rule X, remove group X, remove let X, remove table X,
// remove grade, remove budget rate, remove budget score, remove check ID.
enum class declaration_kind { rule, group, let, table, grade, budget_rate, budget_score, check };

struct remove_decl {
  source_span span;
  declaration_kind kind;
  std::string name;  // empty for grade and budget
  source_span name_span;
};

// include "../common/checks.rules": the library's declarations, as if written here.
struct include_decl {
  source_span span;
  std::string path;
  source_span path_span;
};

using declaration =
    std::variant<let_decl, budget_decl, rule_decl, table_decl, grade_decl, remove_decl, include_decl, check_decl>;

// A `# ...` comment, kept so that the formatter can put it back.
struct comment {
  source_span span;
  std::string text;  // without the leading '#'
};

struct rule_file {
  std::string path;
  std::string text;  // the whole source, for diagnostics
  ruleset_header header;
  std::vector<declaration> declarations;
  std::vector<comment> comments;
};

}  // namespace jixiao::dsl
