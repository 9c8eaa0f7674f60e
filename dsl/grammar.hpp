// The PEG grammar of rule files, one named struct per rule. Actions (actions.hpp) build the
// typed AST from these rules; the messages for every rule that is required at some point live
// in errors.hpp. See dsl/README.md for the language itself.
//
// Conventions:
// - Every token rule skips the separators (whitespace and comments) *before* it, so a rule's
//   input ends exactly where its last token ends; actions trim the leading separators to get
//   the beginning of a span.
// - A construct commits (`if_must`) right after the token that decides it. After that point a
//   failure is a syntax error, never a reason to backtrack, which is also what lets actions
//   build the AST on a stack without undo.
// - Keywords are `seq< string, not_at< identifier_other > >` so that `inform` is a name and
//   not `in` followed by `form`.
#pragma once

#include <tao/pegtl.hpp>

namespace jixiao::dsl::grammar {

namespace pegtl = tao::pegtl;

using pegtl::at;
using pegtl::eof;
using pegtl::if_must;
using pegtl::list_must;
using pegtl::must;
using pegtl::not_at;
using pegtl::opt;
using pegtl::plus;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::ascii::digit;
using pegtl::ascii::not_one;
using pegtl::ascii::one;
using pegtl::ascii::string;

// ---------------------------------------------------------------------------------------------
// Separators

struct byte_order_mark : pegtl::utf8::bom {};
// U+3000 is what a Chinese input method types for a space.
struct ideographic_space : pegtl::utf8::one<0x3000> {};
struct horizontal_space : sor<one<' ', '\t'>, ideographic_space> {};
struct whitespace : sor<one<' ', '\t', '\r', '\n'>, ideographic_space> {};
// `# ...` to the end of the line; the action records it in rule_file::comments.
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct sep : star<sor<whitespace, comment>> {};

// ---------------------------------------------------------------------------------------------
// Identifiers and keywords

struct cjk_ideograph : pegtl::utf8::ranges<0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2A6DF> {};
struct identifier_first : sor<pegtl::ascii::alpha, one<'_'>, cjk_ideograph> {};
struct identifier_other : sor<identifier_first, digit> {};
struct identifier : seq<identifier_first, star<identifier_other>> {};

template <char... Cs>
struct keyword : seq<string<Cs...>, not_at<identifier_other>> {};

struct word_ruleset : keyword<'r', 'u', 'l', 'e', 's', 'e', 't'> {};
struct word_let : keyword<'l', 'e', 't'> {};
struct word_budget : keyword<'b', 'u', 'd', 'g', 'e', 't'> {};
struct word_rule : keyword<'r', 'u', 'l', 'e'> {};
struct word_group : keyword<'g', 'r', 'o', 'u', 'p'> {};
struct word_table : keyword<'t', 'a', 'b', 'l', 'e'> {};
struct word_grade : keyword<'g', 'r', 'a', 'd', 'e'> {};
struct word_when : keyword<'w', 'h', 'e', 'n'> {};
struct word_otherwise : keyword<'o', 't', 'h', 'e', 'r', 'w', 'i', 's', 'e'> {};
struct word_judged : keyword<'j', 'u', 'd', 'g', 'e', 'd'> {};
struct word_not : keyword<'n', 'o', 't'> {};
struct word_applicable : keyword<'a', 'p', 'p', 'l', 'i', 'c', 'a', 'b', 'l', 'e'> {};
struct word_and : keyword<'a', 'n', 'd'> {};
struct word_or : keyword<'o', 'r'> {};
struct word_in : keyword<'i', 'n'> {};
struct word_is : keyword<'i', 's'> {};
struct word_if : keyword<'i', 'f'> {};
struct word_then : keyword<'t', 'h', 'e', 'n'> {};
struct word_else : keyword<'e', 'l', 's', 'e'> {};
struct word_true : keyword<'t', 'r', 'u', 'e'> {};
struct word_false : keyword<'f', 'a', 'l', 's', 'e'> {};
struct word_deduct : keyword<'d', 'e', 'd', 'u', 'c', 't'> {};
struct word_per : keyword<'p', 'e', 'r'> {};
struct word_of : keyword<'o', 'f'> {};
struct word_whole : keyword<'w', 'h', 'o', 'l', 'e'> {};
struct word_prorata : keyword<'p', 'r', 'o', 'r', 'a', 't', 'a'> {};
struct word_cap : keyword<'c', 'a', 'p'> {};
struct word_inf : keyword<'i', 'n', 'f'> {};
struct word_share : keyword<'s', 'h', 'a', 'r', 'e'> {};
struct word_score : keyword<'s', 'c', 'o', 'r', 'e'> {};
struct word_rate : keyword<'r', 'a', 't', 'e'> {};
struct word_override : keyword<'o', 'v', 'e', 'r', 'r', 'i', 'd', 'e'> {};
struct word_remove : keyword<'r', 'e', 'm', 'o', 'v', 'e'> {};
struct word_include : keyword<'i', 'n', 'c', 'l', 'u', 'd', 'e'> {};
struct word_library : keyword<'l', 'i', 'b', 'r', 'a', 'r', 'y'> {};
struct word_before : keyword<'b', 'e', 'f', 'o', 'r', 'e'> {};
struct word_after : keyword<'a', 'f', 't', 'e', 'r'> {};
struct word_check : keyword<'c', 'h', 'e', 'c', 'k'> {};

// Reserved words cannot name a rule, group, table, band or `let`. `score`, `share` and `rate`
// are reserved so that a body never reads as an expression.
struct reserved_word
    : sor<word_ruleset, word_let, word_budget, word_rule, word_group, word_table, word_grade, word_when, word_otherwise,
          word_judged, word_not, word_applicable, word_and, word_or, word_in, word_is, word_if, word_then, word_else,
          word_true, word_false, word_deduct, word_per, word_of, word_whole, word_prorata, word_cap, word_inf,
          word_share, word_score, word_rate, word_override, word_remove, word_include, word_library, word_before,
          word_after, word_check> {};

// Tokens: a keyword after separators.
struct kw_ruleset : seq<sep, word_ruleset> {};
struct kw_let : seq<sep, word_let> {};
struct kw_budget : seq<sep, word_budget> {};
struct kw_rule : seq<sep, word_rule> {};
struct kw_group : seq<sep, word_group> {};
struct kw_table : seq<sep, word_table> {};
struct kw_grade : seq<sep, word_grade> {};
struct kw_when : seq<sep, word_when> {};
struct kw_otherwise : seq<sep, word_otherwise> {};
struct kw_judged : seq<sep, word_judged> {};
struct kw_not : seq<sep, word_not> {};
struct kw_applicable : seq<sep, word_applicable> {};
struct kw_and : seq<sep, word_and> {};
struct kw_or : seq<sep, word_or> {};
struct kw_in : seq<sep, word_in> {};
struct kw_is : seq<sep, word_is> {};
struct kw_if : seq<sep, word_if> {};
struct kw_then : seq<sep, word_then> {};
struct kw_else : seq<sep, word_else> {};
struct kw_deduct : seq<sep, word_deduct> {};
struct kw_per : seq<sep, word_per> {};
struct kw_of : seq<sep, word_of> {};
struct kw_whole : seq<sep, word_whole> {};
struct kw_prorata : seq<sep, word_prorata> {};
struct kw_cap : seq<sep, word_cap> {};
struct kw_share : seq<sep, word_share> {};
struct kw_score : seq<sep, word_score> {};
struct kw_rate : seq<sep, word_rate> {};
struct kw_override : seq<sep, word_override> {};
struct kw_remove : seq<sep, word_remove> {};
struct kw_include : seq<sep, word_include> {};
struct kw_library : seq<sep, word_library> {};
struct kw_before : seq<sep, word_before> {};
struct kw_after : seq<sep, word_after> {};
struct kw_check : seq<sep, word_check> {};

// Header item names are keywords only inside the header, so they are not reserved.
struct kw_jurisdiction : seq<sep, keyword<'j', 'u', 'r', 'i', 's', 'd', 'i', 'c', 't', 'i', 'o', 'n'>> {};
struct kw_version : seq<sep, keyword<'v', 'e', 'r', 's', 'i', 'o', 'n'>> {};
struct kw_effective : seq<sep, keyword<'e', 'f', 'f', 'e', 'c', 't', 'i', 'v', 'e'>> {};
struct kw_source : seq<sep, keyword<'s', 'o', 'u', 'r', 'c', 'e'>> {};
struct kw_decimals : seq<sep, keyword<'d', 'e', 'c', 'i', 'm', 'a', 'l', 's'>> {};
struct kw_extends : seq<sep, keyword<'e', 'x', 't', 'e', 'n', 'd', 's'>> {};

// A name being declared or used: any identifier that is not a reserved word. The check
// comes first and is required, so that `rule score` says why `score` is not accepted.
struct not_reserved : not_at<reserved_word> {};
struct rule_name : seq<sep, must<not_reserved>, identifier> {};
struct group_name : seq<sep, must<not_reserved>, identifier> {};
struct let_name : seq<sep, must<not_reserved>, identifier> {};
struct table_name : seq<sep, must<not_reserved>, identifier> {};
// A band name is not checked for reserved words: after a trailing comma the next word is
// usually the next declaration's keyword, and "expected a band" says more than "reserved".
struct band_name : seq<sep, not_at<reserved_word>, identifier> {};
struct type_name : seq<sep, not_at<reserved_word>, identifier> {};
// After a dot any word is unambiguous, so fields may be spelled like keywords.
struct field_name : seq<sep, identifier> {};

// ---------------------------------------------------------------------------------------------
// Punctuation, one struct per meaning so that each has its own message and action.

struct assign : seq<sep, one<'='>, not_at<one<'=', '>'>>> {};
struct arrow : seq<sep, string<'=', '>'>> {};
struct comma : seq<sep, one<','>> {};
struct interval_comma : seq<sep, one<','>> {};
struct question : seq<sep, one<'?'>> {};
struct colon : seq<sep, one<':'>> {};
struct member_dot : seq<sep, one<'.'>, not_at<one<'.'>>> {};
struct range_dots : seq<sep, string<'.', '.'>> {};

struct group_open : seq<sep, one<'('>> {};
struct group_close : seq<sep, one<')'>> {};
struct call_open : one<'('> {};  // directly after the callee and horizontal space only
struct call_close : seq<sep, one<')'>> {};
struct in_list_open : seq<sep, one<'('>> {};
struct in_list_close : seq<sep, one<')'>> {};
struct header_open : seq<sep, one<'{'>> {};
struct header_close : seq<sep, one<'}'>> {};
struct table_open : seq<sep, one<'{'>> {};
struct table_close : seq<sep, one<'}'>> {};
struct interval_open : seq<sep, one<'[', '('>> {};
struct interval_close : seq<sep, one<']', ')'>> {};

// ---------------------------------------------------------------------------------------------
// Literals

// YYYY-MM-DD; tried before numbers so that 2021-01-01 is not a subtraction.
struct date_text : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<digit>> {};
struct date_literal : seq<sep, date_text> {};

struct number_text : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
// 1e5, 2.5E-3: no number of the language, and without this check the `e` would end the number
// and the parse would fail further on, at a place that says nothing about exponents.
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digit> {};
struct no_exponent : not_at<number_text, exponent> {};
struct number_literal : seq<sep, must<no_exponent>, number_text, opt<one<'%'>>> {};

// Escapes: \" \\ \n. A string ends on its line; a newline inside is written \n.
struct escape_sequence : seq<one<'\\'>, one<'"', '\\', 'n'>> {};
struct string_escape : seq<at<one<'\\'>>, must<escape_sequence>> {};
struct string_plain : not_one<'"', '\\', '\r', '\n'> {};
struct string_open : seq<sep, one<'"'>> {};
struct string_body : star<sor<string_escape, string_plain>> {};
struct string_close : one<'"'> {};
struct string_literal : seq<string_open, string_body, must<string_close>> {};

struct bool_literal : seq<sep, sor<word_true, word_false>> {};
// The budget score rule refers to the computed execution rate as `rate`.
struct rate_reference : kw_rate {};

// ---------------------------------------------------------------------------------------------
// Expressions, from the tightest binding up.

struct expression;
struct conditional;
struct additive;

struct parenthesized : if_must<group_open, expression, group_close> {};

// deduct 1 per 3% of gap whole cap 15
struct deduct_keyword : kw_deduct {};
struct deduction_points : seq<additive> {};
struct deduction_step : seq<additive> {};
struct deduction_amount : seq<additive> {};
struct deduction_mode : sor<kw_whole, kw_prorata> {};
struct deduction_cap : if_must<kw_cap, additive> {};
struct deduction
    : seq<deduct_keyword, must<deduction_points, kw_per, deduction_step, kw_of, deduction_amount, deduction_mode>,
          opt<deduction_cap>> {};

// A call needs its '(' on the same line as the name: a table row that ends in a name must
// not swallow the next row's "(low, high)".
struct call_lookahead : at<sep, not_at<reserved_word>, identifier, star<horizontal_space>, one<'('>> {};
struct callee : seq<sep, identifier> {};
struct call_arguments : list_must<expression, comma> {};
struct call : seq<call_lookahead, callee, star<horizontal_space>, call_open, opt<call_arguments>, must<call_close>> {};

struct name_reference : seq<sep, not_at<reserved_word>, identifier> {};

struct primary : sor<parenthesized, date_literal, number_literal, string_literal, bool_literal, deduction,
                     rate_reference, call, name_reference> {};

// subject.field
struct member_suffix : if_must<member_dot, field_name> {};
struct postfix : seq<primary, star<member_suffix>> {};

struct unary;
struct minus_sign : seq<sep, one<'-'>> {};
struct negated_operand : seq<unary> {};
struct negation : if_must<minus_sign, negated_operand> {};
struct unary : sor<negation, postfix> {};

// × and ÷ are what Chinese documents print.
struct multiplicative_operator : seq<sep, sor<one<'*', '/'>, pegtl::utf8::one<0xD7, 0xF7>>> {};
struct multiplicative_tail : if_must<multiplicative_operator, unary> {};
struct multiplicative : seq<unary, star<multiplicative_tail>> {};

struct additive_operator : seq<sep, one<'+', '-'>> {};
struct additive_tail : if_must<additive_operator, multiplicative> {};
struct additive : seq<multiplicative, star<additive_tail>> {};

// Comparisons do not associate: `a < b < c` is an error, not (a < b) < c.
struct relational_operator : seq<sep, sor<string<'=', '='>, string<'!', '='>, string<'<', '='>, string<'>', '='>,
                                          one<'<', '>'>, pegtl::utf8::one<0x2260, 0x2264, 0x2265>>> {};
struct relation_tail : if_must<relational_operator, additive> {};
struct in_operator : sor<kw_in, seq<kw_not, kw_in>> {};
struct in_items : list_must<expression, comma> {};
struct in_tail : seq<in_operator, must<in_list_open>, opt<in_items>, must<in_list_close>> {};
struct is_negation : kw_not {};
struct is_tail : seq<kw_is, opt<is_negation>, must<type_name>> {};
struct comparison_tail : sor<relation_tail, in_tail, is_tail> {};
struct comparison_start : sor<relational_operator, in_operator, kw_is> {};
struct unchained : not_at<comparison_start> {};
// Nothing in the language follows an expression with a single '=': it is a mistyped '=='.
struct not_single_equals : not_at<assign> {};
struct comparison : seq<additive, must<not_single_equals>, opt<comparison_tail, must<unchained>>> {};

struct logical_not;
struct not_operand : sor<logical_not, comparison> {};
struct negated_condition : seq<not_operand> {};
struct logical_not : if_must<kw_not, negated_condition> {};

struct conjunction_tail : if_must<kw_and, not_operand> {};
struct conjunction : seq<not_operand, star<conjunction_tail>> {};

struct disjunction_tail : if_must<kw_or, conjunction> {};
struct disjunction : seq<conjunction, star<disjunction_tail>> {};

// c ? a : b, right-associative: the else branch is itself a conditional.
struct else_branch : seq<conditional> {};
struct ternary_tail : if_must<question, expression, colon, else_branch> {};
struct ternary : seq<disjunction, opt<ternary_tail>> {};
struct if_then_else : if_must<kw_if, expression, kw_then, expression, kw_else, else_branch> {};
struct conditional : sor<if_then_else, ternary> {};

struct expression : conditional {};

// ---------------------------------------------------------------------------------------------
// Intervals: [a, b], (a, b], [a, inf). Infinity is allowed only on its own side.

struct infinity_sign : pegtl::utf8::one<0x221E> {};  // ∞
struct positive_infinity : seq<sep, sor<word_inf, infinity_sign>> {};
struct negative_infinity : seq<sep, one<'-'>, sep, sor<word_inf, infinity_sign>> {};
struct lower_not_inf : not_at<positive_infinity> {};
struct upper_not_negative_inf : not_at<negative_infinity> {};
struct finite_lower : seq<must<lower_not_inf>, expression> {};
struct finite_upper : seq<must<upper_not_negative_inf>, expression> {};
struct lower_bound : sor<negative_infinity, finite_lower> {};
struct upper_bound : sor<positive_infinity, finite_upper> {};
struct interval : if_must<interval_open, lower_bound, interval_comma, upper_bound, interval_close> {};

// ---------------------------------------------------------------------------------------------
// The ruleset header

// beijing.2021: ASCII letters, digits, '_', '-' and dots.
struct ruleset_id_first : sor<pegtl::ascii::alnum, one<'_'>> {};
struct ruleset_id_other : sor<pegtl::ascii::alnum, one<'_', '-', '.'>> {};
struct ruleset_id : seq<sep, ruleset_id_first, star<ruleset_id_other>> {};
struct header_string : string_literal {};
struct header_date : seq<sep, date_text> {};
struct effective_from : header_date {};
struct effective_to : header_date {};
struct decimals_value : seq<sep, plus<digit>, not_at<sor<one<'.', '%'>, identifier_other>>> {};

struct jurisdiction_item : if_must<kw_jurisdiction, header_string> {};
struct version_item : if_must<kw_version, header_string> {};
struct effective_item : if_must<kw_effective, effective_from, range_dots, effective_to> {};
struct source_item : if_must<kw_source, header_string> {};
struct decimals_item : if_must<kw_decimals, decimals_value> {};
// extends "../central/2020.rules": the parent rule set, by path relative to this file.
struct extends_path : string_literal {};
struct extends_item : if_must<kw_extends, extends_path> {};
struct header_item : sor<jurisdiction_item, version_item, effective_item, source_item, decimals_item, extends_item> {};
struct ruleset_header : seq<kw_ruleset, must<ruleset_id>, must<header_open>, star<header_item>, must<header_close>> {};
// library common.checks: a file of declarations shared by rule sets through `include`.
struct library_id : ruleset_id {};
struct library_header : if_must<kw_library, library_id> {};
struct file_header : sor<ruleset_header, library_header> {};

// ---------------------------------------------------------------------------------------------
// Declarations

// let 名称 = expr
struct let_decl : if_must<kw_let, let_name, assign, expression> {};

// budget rate = expr / budget score = expr
struct budget_target : sor<kw_rate, kw_score> {};
struct budget_decl : if_must<kw_budget, budget_target, assign, expression> {};

// Bodies
struct score_body : if_must<kw_score, assign, expression> {};
struct share_body : if_must<kw_share, assign, expression> {};
struct not_applicable_body : if_must<kw_not, kw_applicable> {};
struct band_condition : if_must<kw_when, expression> {};
struct band : seq<band_name, must<interval>, opt<band_condition>> {};
struct bands : list_must<band, comma> {};
struct judged_body : if_must<kw_judged, bands> {};

// before NAME / after NAME: where a new rule goes among the inherited ones.
struct anchor_name : seq<sep, must<not_reserved>, identifier> {};
struct placement_word : sor<kw_before, kw_after> {};
struct rule_placement : if_must<placement_word, anchor_name> {};
struct optional_placement : opt<rule_placement> {};

// rule NAME [before|after NAME] (when expr | otherwise) body
struct rule_when : if_must<kw_when, expression> {};
struct rule_condition : sor<rule_when, kw_otherwise> {};
struct rule_body : sor<score_body, judged_body, not_applicable_body> {};
struct rule_decl : if_must<kw_rule, rule_name, optional_placement, rule_condition, rule_body> {};

// group NAME [before|after NAME] (when expr | otherwise) body
struct group_condition : sor<rule_when, kw_otherwise> {};
struct group_body : sor<share_body, score_body, not_applicable_body> {};
struct group_decl : if_must<kw_group, group_name, optional_placement, group_condition, group_body> {};

// table NAME { [low, high) => value, ... } — the comma between rows is optional.
struct table_row : if_must<interval, arrow, expression> {};
struct table_rows : seq<table_row, star<opt<comma>, table_row>, opt<comma>> {};
struct table_decl : if_must<kw_table, table_name, table_open, table_rows, table_close> {};

// grade >= 90 "优", ..., else "差"
struct grade_comparison
    : seq<sep,
          sor<string<'>', '='>, string<'<', '='>, string<'=', '='>, one<'>', '<'>, pegtl::utf8::one<0x2264, 0x2265>>> {
};
struct grade_label : string_literal {};
struct threshold_arm : if_must<grade_comparison, expression, grade_label> {};
struct else_arm : if_must<kw_else, grade_label> {};
struct grade_arm : sor<else_arm, threshold_arm> {};
struct grade_arms : list_must<grade_arm, comma> {};
struct grade_decl : if_must<kw_grade, grade_arms> {};

// check score.above-weight error on indicator at 得分 when 得分 > 分值 message "「{三级指标}」…"
// check score.above-weight severity warning   (changes only the severity of an inherited check)
// The words after the id are keywords only here, so they are not reserved.
struct check_id : seq<sep, ruleset_id_first, star<ruleset_id_other>> {};
struct kw_severity : seq<sep, keyword<'s', 'e', 'v', 'e', 'r', 'i', 't', 'y'>> {};
struct kw_on : seq<sep, keyword<'o', 'n'>> {};
struct kw_at : seq<sep, keyword<'a', 't'>> {};
struct kw_message : seq<sep, keyword<'m', 'e', 's', 's', 'a', 'g', 'e'>> {};
struct severity_level
    : seq<sep, sor<keyword<'e', 'r', 'r', 'o', 'r'>, keyword<'w', 'a', 'r', 'n', 'i', 'n', 'g'>, keyword<'i', 'n', 'f', 'o'>>> {};
struct check_scope : seq<sep, sor<keyword<'i', 'n', 'd', 'i', 'c', 'a', 't', 'o', 'r'>, keyword<'g', 'r', 'o', 'u', 'p'>,
                                  keyword<'b', 'u', 'd', 'g', 'e', 't'>, keyword<'f', 'o', 'r', 'm'>>> {};
struct check_cell_name : seq<sep, identifier> {};
struct check_cell : if_must<kw_at, check_cell_name> {};
struct check_when : kw_when {};
struct check_condition : seq<expression> {};
struct check_message : string_literal {};
struct check_severity_change : if_must<kw_severity, severity_level> {};
struct check_definition
    : seq<must<severity_level, kw_on, check_scope>, opt<check_cell>, must<check_when, check_condition, kw_message, check_message>> {};
struct check_body : sor<check_severity_change, check_definition> {};
struct check_decl : if_must<kw_check, check_id, check_body> {};

struct definition : sor<let_decl, budget_decl, rule_decl, group_decl, table_decl, grade_decl, check_decl> {};

// override rule X ... replaces what the parent rule set defines under that name, in its place.
struct overridden_definition : definition {};
struct override_decl : if_must<kw_override, overridden_definition> {};

// remove rule X / remove group X / remove let X / remove table X / remove grade / remove budget score /
// remove check ID
struct removed_name : seq<sep, must<not_reserved>, identifier> {};
struct remove_rule : if_must<kw_rule, removed_name> {};
struct remove_group : if_must<kw_group, removed_name> {};
struct remove_let : if_must<kw_let, removed_name> {};
struct remove_table : if_must<kw_table, removed_name> {};
struct remove_budget : if_must<kw_budget, budget_target> {};
struct remove_grade : kw_grade {};
struct removed_check_id : check_id {};
struct remove_check : if_must<kw_check, removed_check_id> {};
struct removed : sor<remove_rule, remove_group, remove_let, remove_table, remove_budget, remove_grade, remove_check> {};
struct remove_decl : if_must<kw_remove, removed> {};

// include "../common/checks.rules"
struct include_path : string_literal {};
struct include_decl : if_must<kw_include, include_path> {};

struct declaration : sor<include_decl, override_decl, remove_decl, definition> {};

struct end_of_file : seq<sep, eof> {};

// The whole file: the header first, then declarations to the end.
struct file : seq<opt<byte_order_mark>, must<file_header>, star<declaration>, must<end_of_file>> {};

}  // namespace jixiao::dsl::grammar
