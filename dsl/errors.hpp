// The message for every grammar rule that can be required (`must`, `if_must`, `list_must`),
// and the PEGTL control that reports them. `must_if` with RequireMessage makes a required rule
// without a message a compile error, so this table cannot fall behind the grammar.
//
// Messages read "expected X" where something is missing. The parser (parser.cpp) adds what it
// found instead — "unexpected '，' (full-width comma, use ',' instead); expected ..." — and
// replaces "%s" with the word at the error position.
#pragma once

#include <tao/pegtl.hpp>

#include "dsl/grammar.hpp"

namespace jixiao::dsl::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<file_header> = "expected the 'ruleset' header (or 'library' for shared declarations) before any declaration";
template <> inline constexpr auto error_message<library_id> = "expected a library id such as common.checks";
template <> inline constexpr auto error_message<extends_path> = "expected the parent rule file as a string, e.g. \"../central/2020.rules\"";
template <> inline constexpr auto error_message<ruleset_id> = "expected a ruleset id such as beijing.2021";
template <> inline constexpr auto error_message<header_open> = "expected '{' after the ruleset id";
template <> inline constexpr auto error_message<header_close> = "expected a header item (jurisdiction, version, effective, source, decimals, extends) or '}'";
template <> inline constexpr auto error_message<header_string> = "expected a string";
template <> inline constexpr auto error_message<effective_from> = "expected a date YYYY-MM-DD";
template <> inline constexpr auto error_message<effective_to> = "expected a date YYYY-MM-DD";
template <> inline constexpr auto error_message<range_dots> = "expected '..' between the two dates";
template <> inline constexpr auto error_message<decimals_value> = "expected a whole number of decimal places";
template <> inline constexpr auto error_message<end_of_file> = "expected a declaration (rule, group, budget, let, table, grade, check, include, override or remove)";
template <> inline constexpr auto error_message<overridden_definition> = "expected what to override: rule, group, let, table, grade, budget or check";
template <> inline constexpr auto error_message<removed> = "expected what to remove: rule NAME, group NAME, let NAME, table NAME, check ID, grade or budget rate|score";
template <> inline constexpr auto error_message<check_id> = "expected a check id such as score.above-weight (ASCII letters, digits, '.', '-', '_')";
template <> inline constexpr auto error_message<removed_check_id> = "expected the id of the check to remove";
template <> inline constexpr auto error_message<check_body> = "expected a severity (error, warning or info) or 'severity' after the check id";
template <> inline constexpr auto error_message<severity_level> = "expected a severity: error, warning or info";
template <> inline constexpr auto error_message<kw_on> = "expected 'on' and what the check looks at (indicator, group, budget or form)";
template <> inline constexpr auto error_message<check_scope> = "expected what the check looks at: indicator, group, budget or form";
template <> inline constexpr auto error_message<check_cell_name> = "expected the name of the cell the finding points at, e.g. 得分";
template <> inline constexpr auto error_message<check_when> = "expected 'when' and the condition under which the check reports a finding";
template <> inline constexpr auto error_message<check_condition> = "expected the condition of the check";
template <> inline constexpr auto error_message<kw_message> = "expected 'message' and the message template after the condition";
template <> inline constexpr auto error_message<check_message> = "expected the message as a string, e.g. \"「{三级指标}」得分 {得分} 高于分值 {分值}\"";
template <> inline constexpr auto error_message<removed_name> = "expected the name of what to remove";
template <> inline constexpr auto error_message<include_path> = "expected the library file as a string, e.g. \"../common/checks.rules\"";
// Optional, so it never fails; must_if still wants a message for every required rule.
template <> inline constexpr auto error_message<optional_placement> = "expected 'before' or 'after'";
template <> inline constexpr auto error_message<anchor_name> = "expected the name of the rule to place this one before or after";

template <> inline constexpr auto error_message<not_reserved> = "'%s' is a reserved word and cannot be used as a name";
template <> inline constexpr auto error_message<rule_name> = "expected a name after 'rule'";
template <> inline constexpr auto error_message<group_name> = "expected a name after 'group'";
template <> inline constexpr auto error_message<let_name> = "expected a name after 'let'";
template <> inline constexpr auto error_message<table_name> = "expected a name after 'table'";
template <> inline constexpr auto error_message<type_name> = "expected a type name after 'is'";
template <> inline constexpr auto error_message<field_name> = "expected a field name after '.'";

template <> inline constexpr auto error_message<assign> = "expected '='";
template <> inline constexpr auto error_message<budget_target> = "expected 'rate' or 'score' after 'budget'";
template <> inline constexpr auto error_message<rule_condition> = "expected 'when' or 'otherwise' after the rule name";
template <> inline constexpr auto error_message<group_condition> = "expected 'when' or 'otherwise' after the group name";
template <> inline constexpr auto error_message<rule_body> = "expected 'score =', 'judged' or 'not applicable'";
template <> inline constexpr auto error_message<group_body> = "expected 'share =', 'score =' or 'not applicable'";
template <> inline constexpr auto error_message<kw_applicable> = "expected 'applicable' after 'not'";
template <> inline constexpr auto error_message<bands> = "expected a band such as 达成 [80%, 100%]";
template <> inline constexpr auto error_message<band> = "expected a band such as 达成 [80%, 100%]";
template <> inline constexpr auto error_message<table_open> = "expected '{' after the table name";
template <> inline constexpr auto error_message<table_rows> = "expected a row such as [80%, 90%) => 4";
template <> inline constexpr auto error_message<table_close> = "expected another row or '}' to close the table";
template <> inline constexpr auto error_message<arrow> = "expected '=>' after the interval";
template <> inline constexpr auto error_message<grade_arms> = "expected a grade such as >= 90 \"优\" or else \"差\"";
template <> inline constexpr auto error_message<grade_arm> = "expected a grade such as >= 90 \"优\" or else \"差\"";
template <> inline constexpr auto error_message<grade_label> = "expected a string (the grade's label)";

template <> inline constexpr auto error_message<interval> = "expected an interval such as [60%, 80%)";
template <> inline constexpr auto error_message<lower_bound> = "expected the lower bound (an expression or -inf)";
template <> inline constexpr auto error_message<upper_bound> = "expected the upper bound (an expression or inf)";
template <> inline constexpr auto error_message<lower_not_inf> = "'inf' cannot be a lower bound; write '-inf'";
template <> inline constexpr auto error_message<upper_not_negative_inf> = "'-inf' cannot be an upper bound; write 'inf'";
template <> inline constexpr auto error_message<interval_comma> = "expected ',' between the bounds of the interval";
template <> inline constexpr auto error_message<interval_close> = "expected ']' or ')' to close the interval";

template <> inline constexpr auto error_message<expression> = "expected an expression";
template <> inline constexpr auto error_message<else_branch> = "expected an expression";
template <> inline constexpr auto error_message<conjunction> = "expected an expression";
template <> inline constexpr auto error_message<additive> = "expected an expression";
template <> inline constexpr auto error_message<multiplicative> = "expected an expression";
template <> inline constexpr auto error_message<unary> = "expected an expression";
template <> inline constexpr auto error_message<negated_operand> = "expected an expression";
template <> inline constexpr auto error_message<negated_condition> = "expected an expression";
template <> inline constexpr auto error_message<not_operand> = "expected an expression";
template <> inline constexpr auto error_message<deduction_points> = "expected the points to deduct after 'deduct'";
template <> inline constexpr auto error_message<deduction_step> = "expected the step after 'per'";
template <> inline constexpr auto error_message<deduction_amount> = "expected the amount after 'of'";
template <> inline constexpr auto error_message<kw_per> = "expected 'per' (deduct POINTS per STEP of AMOUNT)";
template <> inline constexpr auto error_message<kw_of> = "expected 'of' (deduct POINTS per STEP of AMOUNT)";
template <> inline constexpr auto error_message<deduction_mode> = "expected 'whole' or 'prorata' after the amount";
template <> inline constexpr auto error_message<group_close> = "expected ')' to close '('";
template <> inline constexpr auto error_message<call_close> = "expected ',' or ')' to close '('";
template <> inline constexpr auto error_message<in_list_open> = "expected '(' after 'in'";
template <> inline constexpr auto error_message<in_list_close> = "expected ',' or ')' to close '('";
template <> inline constexpr auto error_message<not_single_equals> = "expected '==' to compare; a single '=' is not an operator";
template <> inline constexpr auto error_message<unchained> = "comparisons cannot be chained; combine them with 'and'";
template <> inline constexpr auto error_message<colon> = "expected ':' (condition ? a : b)";
template <> inline constexpr auto error_message<kw_then> = "expected 'then' (if condition then a else b)";
template <> inline constexpr auto error_message<kw_else> = "expected 'else' (if condition then a else b)";
template <> inline constexpr auto error_message<no_exponent> = "exponent notation is not supported: write the number in full, like 100000";
template <> inline constexpr auto error_message<escape_sequence> = "unknown escape sequence; write \\\", \\\\ or \\n";
template <> inline constexpr auto error_message<string_close> = "unterminated string";
// clang-format on

// A missing closer gets a note at its opener ("to match this '('").
template <typename Rule>
inline constexpr bool closes_bracket = false;
template <>
inline constexpr bool closes_bracket<header_close> = true;
template <>
inline constexpr bool closes_bracket<table_close> = true;
template <>
inline constexpr bool closes_bracket<group_close> = true;
template <>
inline constexpr bool closes_bracket<call_close> = true;
template <>
inline constexpr bool closes_bracket<in_list_close> = true;
template <>
inline constexpr bool closes_bracket<interval_close> = true;

// An unterminated string is underlined from its opening quote.
template <typename Rule>
inline constexpr bool spans_from_string_start = false;
template <>
inline constexpr bool spans_from_string_start<string_close> = true;

// The rules through which an expression recurses, each entered only once the construct around
// it is certain; the parse state limits how deep they nest.
template <typename Rule>
inline constexpr bool counts_nesting = false;
template <>
inline constexpr bool counts_nesting<expression> = true;
template <>
inline constexpr bool counts_nesting<negated_operand> = true;
template <>
inline constexpr bool counts_nesting<negated_condition> = true;
template <>
inline constexpr bool counts_nesting<else_branch> = true;

// must_if's control, with three additions:
// - A rule that has a message rewinds when it fails, so the error points at the start of what
//   was expected rather than into a half-matched keyword.
// - Before throwing, the failure is handed to the parse state, which knows the open brackets
//   and the opening quote that the message refers to.
// - The recursive rules of expressions count their nesting in the parse state, which stops a
//   parse that would run out of stack.
// `Errors` says which rules have which message (`message<Rule>`), which close a bracket or
// block whose opener the error notes (`closes<Rule>`) and which count nesting
// (`counts_nesting<Rule>`). Rule files and rule-test files (test_grammar.hpp) each have theirs;
// a parse state has `syntax_error(at, message, closes, from_string_start)`, and
// `enter_nesting(at)` and `leave_nesting()` when its grammar counts nesting.
template <typename Errors, typename Rule>
struct reporting_control : tao::pegtl::must_if<Errors>::template control<Rule> {
  using base = typename tao::pegtl::must_if<Errors>::template control<Rule>;

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    constexpr auto mode = Errors::template message<Rule> != nullptr ? tao::pegtl::rewind_mode::required : M;
    if constexpr (Errors::template counts_nesting<Rule>) {
      (st.enter_nesting(in.current()), ...);
      const bool matched = base::template match<A, mode, Action, Control>(in, st...);
      (st.leave_nesting(), ...);
      return matched;
    } else {
      return base::template match<A, mode, Action, Control>(in, st...);
    }
  }

  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... st) {
    (st.syntax_error(in.current(), Errors::template message<Rule>, Errors::template closes<Rule>,
                     spans_from_string_start<Rule>),
     ...);
    base::raise(in, st...);
  }
};

struct errors {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;

  // Messages apply where a rule is required, not wherever it fails: the same rule is often
  // tried as one alternative among several.
  template <typename Rule>
  static constexpr bool raise_on_failure = false;

  template <typename Rule>
  static constexpr bool closes = closes_bracket<Rule>;

  template <typename Rule>
  static constexpr bool counts_nesting = grammar::counts_nesting<Rule>;
};

template <typename Rule>
struct control : reporting_control<errors, Rule> {};

}  // namespace jixiao::dsl::grammar
