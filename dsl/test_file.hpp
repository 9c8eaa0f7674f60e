// Rule-test files (`rules/beijing/2021.test`): tests that score a form under a rule set and
// state what should come out — an indicator's score, outcome, rule or band, the budget row,
// the total, the grade, a lint finding present or absent. The form is a form file or a few
// rows written inline; a table of cases (`cases … columns …`) is one test per row.
// This is the syntax side: parsing and the checks that need no rule set. The engine runs the
// tests (engine/rule_tests.hpp). docs/testing.md describes the language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::dsl {

// A value as written: a quoted string (escapes resolved), a number (1.60, 80%) or a bare word.
struct test_value {
  enum class kind { string, number, word };
  kind type = kind::word;
  std::string text;
  source_span span;
};

// One field of an inline row: `target "6项"`, `分值 3`.
struct test_field {
  std::string key;   // the form format's key (docs/form-format.md): target, weight, score, …
  std::string name;  // as written: target, 年度指标值, declared
  source_span name_span;
  test_value value;
};

// A row of an inline form.
enum class inline_kind { indicator, group, budget, total, goals };

struct inline_row {
  inline_kind kind = inline_kind::indicator;
  source_span span;
  std::vector<test_value> path;  // indicator: 一级 / 二级 / 三级指标; group: 一级 / 二级指标
  std::vector<test_field> fields;
};

enum class expectation_kind {
  score,         // an indicator's or group's computed score
  outcome,       // computed, judged, unscored, not applicable
  rule,          // the rule that applied
  band,          // the band the declared score lies in (judged)
  range,         // the interval the rules allow (judged)
  total,         // the rules total
  grade,         // the grade of the rules total
  budget_score,  // the budget row's computed score
  budget_rate,   // the computed execution rate, at the precision written
  lint,          // a finding of the check is present
  no_lint,       // no finding of the check
};

struct test_expectation {
  expectation_kind kind = expectation_kind::score;
  source_span span;     // the `expect` line, or a cell of a table of cases
  std::string written;  // as written, for messages: `expect "分析重点领域" score 0.00`
  std::vector<std::string> subject;  // indicator or group path; empty: the form's only row
  test_value value;                  // the expected value (range: its low end)
  std::optional<test_value> high;    // range: the high end
  std::optional<test_value> on;      // lint: where the finding is
};

struct test_case {
  std::string name;  // a table's row: "NAME #2"
  source_span span;  // the `test` line, or the table's row
  std::optional<test_value> form;     // form "path", relative to the test file
  std::optional<int> year;            // for an inline form; default: the file's, then the rule set's
  std::optional<std::string> jurisdiction;
  std::vector<inline_row> rows;
  std::vector<test_expectation> expectations;
  std::string inputs;  // a table's row: its input cells, "target 6项 · actual 2项"
};

struct test_file {
  std::string path;
  std::string text;
  std::optional<test_value> rules;  // rules "2021.rules"; default: the .rules file of the same stem
  std::optional<int> year;
  std::optional<std::string> jurisdiction;
  std::vector<test_case> tests;  // tables of cases expanded, one test per row, in file order
};

// Parses a test file. `path` labels spans and diagnostics. On failure, every problem found:
// those that do not stop the parse (an unknown field, a score that is not a number, a test
// without expectations) and the first syntax error, which does.
jixiao::expected<test_file, diagnostics> parse_test_file(std::string text, std::string path);

// Reads and parses a file; a file that cannot be read is reported as a diagnostic too.
jixiao::expected<test_file, diagnostics> read_test_file(const std::string& path);

// The rule file a test file runs against: its `rules` path resolved against the test file's
// folder, else the `.rules` file of the same stem beside it.
std::string test_rules_path(const test_file& file);

}  // namespace jixiao::dsl
