// The PEG grammar of rule-test files (`rules/beijing/2021.test`), one named struct per rule,
// and the message for every rule that is required at some point. The actions that build the
// test file's AST (test_file.hpp) live in test_file.cpp. docs/testing.md describes the language.
//
// Test files are written by policy staff, so the language is line-based: one statement per
// line, `#` comments, blocks `test "…" { … }` and `cases "…" { … }` whose braces end and begin
// lines. Values are quoted strings, numbers (1.60, 80%) or bare words (正向定量, score.mismatch);
// what each statement accepts is checked by the actions, which say what was expected there.
//
// The lexical rules the two languages share (byte order mark, blanks, comments, the inside of
// strings) and the control that reports syntax errors come from the rule grammar (grammar.hpp,
// errors.hpp), so that both read them alike and say the same when they fail.
//
// Conventions, as in the rule grammar:
// - Every token rule skips the blanks (spaces, tabs, U+3000) *before* it; newlines are never
//   skipped by a token, only by `end_of_line` and `empty_line`.
// - A statement commits (`if_must`) right after its keyword; after that a failure is a syntax
//   error with a message from the table at the end of this file.
// - Keywords are words followed by something that cannot continue a word.
#pragma once

#include <tao/pegtl.hpp>

#include "dsl/errors.hpp"
#include "dsl/grammar.hpp"

namespace jixiao::dsl::test_grammar {

namespace pegtl = tao::pegtl;

using pegtl::at;
using pegtl::eof;
using pegtl::if_must;
using pegtl::must;
using pegtl::not_at;
using pegtl::opt;
using pegtl::plus;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::ascii::digit;
using pegtl::ascii::one;
using pegtl::ascii::string;

// ---------------------------------------------------------------------------------------------
// Lines

using grammar::byte_order_mark;
using grammar::comment;
using grammar::ideographic_space;
// Blanks separate the tokens of a line; unlike the rule language's separators they never
// cross a newline.
struct blanks : star<grammar::horizontal_space> {};
struct newline : sor<one<'\n'>, seq<one<'\r'>, one<'\n'>>> {};
// The end of a statement: blanks, an optional comment, then a newline or the end of the file.
struct end_of_line : seq<blanks, opt<comment>, sor<newline, eof>> {};
// A line with nothing on it but blanks and perhaps a comment.
struct empty_line : seq<blanks, opt<comment>, newline> {};

// ---------------------------------------------------------------------------------------------
// Tokens

// A bare word runs to the next blank, quote, comment, slash or brace: 正向定量, score.mismatch,
// 6项, judged. Numbers are words too; `number` is tried first where one is wanted.
struct word_char : seq<not_at<ideographic_space>, pegtl::utf8::not_one<' ', '\t', '\r', '\n', '"', '#', '/', '{', '}'>> {};
struct word_text : plus<word_char> {};

template <char... Cs>
struct keyword : seq<blanks, string<Cs...>, not_at<word_char>> {};

struct kw_rules : keyword<'r', 'u', 'l', 'e', 's'> {};
struct kw_year : keyword<'y', 'e', 'a', 'r'> {};
struct kw_jurisdiction : keyword<'j', 'u', 'r', 'i', 's', 'd', 'i', 'c', 't', 'i', 'o', 'n'> {};
struct kw_test : keyword<'t', 'e', 's', 't'> {};
struct kw_cases : keyword<'c', 'a', 's', 'e', 's'> {};
struct kw_columns : keyword<'c', 'o', 'l', 'u', 'm', 'n', 's'> {};
struct kw_form : keyword<'f', 'o', 'r', 'm'> {};
struct kw_budget : keyword<'b', 'u', 'd', 'g', 'e', 't'> {};
struct kw_indicator : keyword<'i', 'n', 'd', 'i', 'c', 'a', 't', 'o', 'r'> {};
struct kw_group : keyword<'g', 'r', 'o', 'u', 'p'> {};
struct kw_total : keyword<'t', 'o', 't', 'a', 'l'> {};
struct kw_goals : keyword<'g', 'o', 'a', 'l', 's'> {};
struct kw_expect : keyword<'e', 'x', 'p', 'e', 'c', 't'> {};
struct kw_score : keyword<'s', 'c', 'o', 'r', 'e'> {};
struct kw_rate : keyword<'r', 'a', 't', 'e'> {};
struct kw_outcome : keyword<'o', 'u', 't', 'c', 'o', 'm', 'e'> {};
struct kw_rule : keyword<'r', 'u', 'l', 'e'> {};
struct kw_band : keyword<'b', 'a', 'n', 'd'> {};
struct kw_range : keyword<'r', 'a', 'n', 'g', 'e'> {};
struct kw_grade : keyword<'g', 'r', 'a', 'd', 'e'> {};
struct kw_lint : keyword<'l', 'i', 'n', 't'> {};
struct kw_no : keyword<'n', 'o'> {};
struct kw_on : keyword<'o', 'n'> {};
struct kw_not : keyword<'n', 'o', 't'> {};
struct kw_applicable : keyword<'a', 'p', 'p', 'l', 'i', 'c', 'a', 'b', 'l', 'e'> {};

// A string as in rule files (escapes \" \\ \n, ending on its line), opened without skipping
// separators: in a test file only blanks come before a token.
struct string_open : one<'"'> {};
struct quoted : seq<string_open, grammar::string_body, must<grammar::string_close>> {};
struct number_text : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>, opt<one<'%'>>, not_at<word_char>> {};

// Any value: a quoted string, a number or a bare word. What a place accepts is checked by the
// action of the rule that names the place (field_value, score_value, …).
struct value : seq<blanks, sor<quoted, number_text, word_text>> {};
// A name in a place where a number would make no sense (a field, a column).
struct name_token : seq<blanks, not_at<number_text>, word_text> {};

struct slash : seq<blanks, one<'/'>> {};
struct range_dots : seq<blanks, string<'.', '.'>> {};
struct block_open : seq<blanks, one<'{'>> {};

// ---------------------------------------------------------------------------------------------
// Inline forms: indicator 产出指标 / 时效指标 / "完成时间" target "2021年10月前" weight 1

struct path_part : value {};
struct path_tail : if_must<slash, path_part> {};
struct row_path : seq<path_part, star<path_tail>> {};
struct field_name : name_token {};
struct field_value : value {};
struct field : if_must<field_name, field_value> {};
struct fields : star<field> {};

// Each kind of row ends with its own rule so that the message can list its fields.
struct indicator_path : row_path {};
struct indicator_fields : fields {};
struct indicator_end : end_of_line {};
struct indicator_statement : if_must<kw_indicator, indicator_path, indicator_fields, indicator_end> {};
struct group_path : row_path {};
struct group_fields : fields {};
struct group_end : end_of_line {};
struct group_statement : if_must<kw_group, group_path, group_fields, group_end> {};
struct budget_fields : fields {};
struct budget_end : end_of_line {};
// The row keywords `budget` and `total` also begin expectations; as rows they have names of their own.
struct kw_budget_row : kw_budget {};
struct budget_statement : if_must<kw_budget_row, budget_fields, budget_end> {};
struct total_fields : fields {};
struct total_end : end_of_line {};
struct kw_total_row : kw_total {};
struct total_statement : if_must<kw_total_row, total_fields, total_end> {};
struct goals_fields : fields {};
struct goals_end : end_of_line {};
struct goals_statement : if_must<kw_goals, goals_fields, goals_end> {};

struct form_path : value {};
struct form_statement : if_must<kw_form, form_path, end_of_line> {};
struct year_value : value {};
struct year_statement : if_must<kw_year, year_value, end_of_line> {};
struct jurisdiction_value : value {};
struct jurisdiction_statement : if_must<kw_jurisdiction, jurisdiction_value, end_of_line> {};

// ---------------------------------------------------------------------------------------------
// Expectations

// A subject is a path of several parts (产出指标 / 数量指标 / "分析关键技术") or one quoted name.
// The look-ahead decides without running actions, so a bare word such as `score` is never
// taken for a subject.
struct subject_path : row_path {};
struct subject_name : value {};
struct subject : sor<seq<at<path_part, slash>, subject_path>, seq<at<blanks, one<'"'>>, subject_name>> {};

struct score_value : value {};
struct range_low : value {};
struct range_high : value {};
struct outcome_not_applicable : if_must<kw_not, kw_applicable> {};
struct outcome_value : sor<outcome_not_applicable, value> {};
struct name_value : value {};
struct item_score : if_must<kw_score, score_value> {};
struct item_outcome : if_must<kw_outcome, outcome_value> {};
struct item_rule : if_must<kw_rule, name_value> {};
struct item_band : if_must<kw_band, name_value> {};
struct item_range : if_must<kw_range, range_low, range_dots, range_high> {};
struct item_property : sor<item_score, item_outcome, item_rule, item_band, item_range> {};
struct expect_item : seq<opt<subject>, must<item_property>> {};

struct budget_score : if_must<kw_score, score_value> {};
struct rate_value : value {};
struct budget_rate : if_must<kw_rate, rate_value> {};
struct budget_property : sor<budget_score, budget_rate> {};
struct expect_budget : if_must<kw_budget, budget_property> {};
struct total_value : value {};
struct expect_total : if_must<kw_total, total_value> {};
struct grade_value : value {};
struct expect_grade : if_must<kw_grade, grade_value> {};

struct check_ref : value {};
struct lint_element : value {};
struct lint_on : if_must<kw_on, lint_element> {};
struct optional_lint_on : opt<lint_on> {};
struct lint_present : if_must<kw_lint, check_ref, optional_lint_on> {};
struct lint_absent : if_must<kw_no, kw_lint, check_ref, optional_lint_on> {};

struct expectation : sor<lint_absent, lint_present, expect_budget, expect_total, expect_grade, expect_item> {};
struct expect_statement : if_must<kw_expect, expectation, end_of_line> {};

// ---------------------------------------------------------------------------------------------
// Tests and tables of cases

struct test_statement : sor<expect_statement, indicator_statement, form_statement, budget_statement, group_statement,
                            total_statement, goals_statement, year_statement, jurisdiction_statement> {};
struct test_body : star<sor<empty_line, test_statement>> {};

struct test_name : seq<blanks, quoted> {};
struct test_close : seq<blanks, one<'}'>> {};
struct test_block : if_must<kw_test, test_name, block_open, end_of_line, test_body, test_close, end_of_line> {};

// columns target actual score, then one row of values per case.
struct column_name : name_token {};
struct more_columns : star<column_name> {};
struct columns_end : end_of_line {};
struct columns_statement : if_must<kw_columns, column_name, more_columns, columns_end> {};
struct cell : value {};
struct row_end : end_of_line {};
struct case_row : seq<not_at<blanks, one<'}'>>, cell, star<cell>, must<row_end>> {};
struct case_rows : star<sor<empty_line, case_row>> {};
struct cases_close : seq<blanks, one<'}'>> {};
struct cases_block
    : if_must<kw_cases, test_name, block_open, end_of_line, test_body, columns_statement, case_rows, cases_close,
              end_of_line> {};

struct rules_path : value {};
struct rules_statement : if_must<kw_rules, rules_path, end_of_line> {};

struct top_statement : sor<test_block, cases_block, rules_statement, year_statement, jurisdiction_statement> {};
struct end_of_file : seq<blanks, opt<comment>, eof> {};
struct file : seq<opt<byte_order_mark>, star<sor<empty_line, top_statement>>, must<end_of_file>> {};

// ---------------------------------------------------------------------------------------------
// Messages for every rule that is required somewhere. The parser names what it found at the
// error position before the message when that helps ("unexpected '“' (curly quotation mark…)").

// The rules shared with the rule grammar (the inside of strings) keep its messages.
template <typename Rule>
inline constexpr const char* error_message = grammar::error_message<Rule>;

// clang-format off
template <> inline constexpr auto error_message<end_of_file> = "expected 'test \"name\" {', 'cases \"name\" {', 'rules', 'year' or 'jurisdiction'";
template <> inline constexpr auto error_message<end_of_line> = "expected the end of the line";
template <> inline constexpr auto error_message<test_name> = "expected the test's name as a string, e.g. \"时效：延迟两个月\"";
template <> inline constexpr auto error_message<block_open> = "expected '{' after the name";
template <> inline constexpr auto error_message<test_close> = "expected a statement (form, indicator, group, budget, total, goals, year, jurisdiction, expect) or '}' to close the test";
template <> inline constexpr auto error_message<columns_statement> = "expected a statement (form, indicator, group, budget, total, goals, year, jurisdiction, expect) or 'columns' to start the table of cases";
template <> inline constexpr auto error_message<cases_close> = "expected a row of values or '}' to close the cases";
template <> inline constexpr auto error_message<column_name> = "expected a column name (target, actual, weight, declared, reason, score, outcome, rule, band, total, grade)";
template <> inline constexpr auto error_message<rules_path> = "expected the rule file as a string, e.g. \"2021.rules\"";
template <> inline constexpr auto error_message<form_path> = "expected the form file as a string, e.g. \"../../examples/forms/seed-000-beijing-2021.json\"";
template <> inline constexpr auto error_message<year_value> = "expected a year such as 2021";
template <> inline constexpr auto error_message<jurisdiction_value> = "expected a jurisdiction such as \"北京\"";
template <> inline constexpr auto error_message<path_part> = "expected a name (a word or a string)";
template <> inline constexpr auto error_message<indicator_path> = "expected the indicator as 一级指标 / 二级指标 / \"三级指标\"";
template <> inline constexpr auto error_message<group_path> = "expected the group as 一级指标 / 二级指标";
template <> inline constexpr auto error_message<field_value> = "expected a value (a number, a word or a string)";
template <> inline constexpr auto error_message<expectation> = "expected what to expect: score, outcome, rule, band, range, total, grade, budget, lint or no lint";
template <> inline constexpr auto error_message<item_property> = "expected what to expect: score, outcome, rule, band, range, total, grade, budget, lint or no lint (an indicator's name is quoted: expect \"分析关键技术\" score 1.00)";
template <> inline constexpr auto error_message<score_value> = "expected a score such as 1.60";
template <> inline constexpr auto error_message<range_low> = "expected the lowest allowed score, e.g. range 3.20 .. 4.00";
template <> inline constexpr auto error_message<range_dots> = "expected '..' between the two scores, e.g. range 3.20 .. 4.00";
template <> inline constexpr auto error_message<range_high> = "expected the highest allowed score, e.g. range 3.20 .. 4.00";
template <> inline constexpr auto error_message<outcome_value> = "expected an outcome: computed, judged, unscored or not applicable";
template <> inline constexpr auto error_message<kw_applicable> = "expected 'applicable' after 'not'";
template <> inline constexpr auto error_message<name_value> = "expected a name (a word or a string)";
template <> inline constexpr auto error_message<budget_property> = "expected 'score' or 'rate' after 'budget'";
template <> inline constexpr auto error_message<rate_value> = "expected an execution rate such as 74.69%";
template <> inline constexpr auto error_message<total_value> = "expected a total such as 85.87";
template <> inline constexpr auto error_message<grade_value> = "expected a grade such as \"良\"";
template <> inline constexpr auto error_message<check_ref> = "expected a check id such as score.mismatch";
template <> inline constexpr auto error_message<kw_lint> = "expected 'lint' after 'no'";
template <> inline constexpr auto error_message<lint_element> = "expected the indicator, group or part of the form the finding is on, e.g. \"分析重点领域\"";
template <> inline constexpr auto error_message<indicator_end> = "expected a field (target, actual, weight, declared, reason, op, unit) or the end of the line";
template <> inline constexpr auto error_message<group_end> = "expected a field (weight, declared, reason) or the end of the line";
template <> inline constexpr auto error_message<budget_end> = "expected a field (initial, annual, executed, weight, rate, declared) or the end of the line";
template <> inline constexpr auto error_message<total_end> = "expected a field (weight, declared) or the end of the line";
template <> inline constexpr auto error_message<goals_end> = "expected a field (expected, actual) or the end of the line";
template <> inline constexpr auto error_message<columns_end> = "expected another column name or the end of the line";
template <> inline constexpr auto error_message<row_end> = "expected another value or the end of the line";
template <> inline constexpr auto error_message<optional_lint_on> = "expected 'on' and where the finding is";
// Rules that never fail (they repeat or are optional); must_if still wants a message for them.
template <> inline constexpr auto error_message<indicator_fields> = "expected a field";
template <> inline constexpr auto error_message<group_fields> = "expected a field";
template <> inline constexpr auto error_message<budget_fields> = "expected a field";
template <> inline constexpr auto error_message<total_fields> = "expected a field";
template <> inline constexpr auto error_message<goals_fields> = "expected a field";
template <> inline constexpr auto error_message<more_columns> = "expected a column name";
template <> inline constexpr auto error_message<test_body> = "expected a statement";
template <> inline constexpr auto error_message<case_rows> = "expected a row of values";
// clang-format on

// A missing '}' gets a note at the '{' it should close.
template <typename Rule>
inline constexpr bool closes_block = false;
template <>
inline constexpr bool closes_block<test_close> = true;
template <>
inline constexpr bool closes_block<cases_close> = true;
template <>
inline constexpr bool closes_block<columns_statement> = true;

struct errors {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;

  template <typename Rule>
  static constexpr bool raise_on_failure = false;

  template <typename Rule>
  static constexpr bool closes = closes_block<Rule>;

  // Test files have no expressions to nest.
  template <typename Rule>
  static constexpr bool counts_nesting = false;
};

// The rule grammar's control (errors.hpp): a rule with a message rewinds when it fails, so
// the error points at the start of what was expected; before throwing, the failure is handed
// to the parse state, which knows the open block and the opening quote.
template <typename Rule>
struct control : grammar::reporting_control<errors, Rule> {};

}  // namespace jixiao::dsl::test_grammar
