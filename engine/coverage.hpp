// Rule coverage: which parts of a rule set in effect — rules, group rules, judged bands,
// checks, table rows, grade arms and budget rules, inherited and included ones too, each at the
// file and line where it is written — the tests exercised, by which tests, and which none did.
//
// A part is identified by where it is written, so a declaration shared by several rule sets
// (central's 定性 rule, the checks of rules/common/checks.rules) is one part: a rule set's
// report counts it as covered when its own tests exercised it, and says so when only the
// tests of another rule set in the same run did.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lint.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"

namespace jixiao::engine {

enum class coverage_kind { rule, group_rule, band, check, table_row, grade_arm, budget_rule };

// "rule", "group rule", "band", "check", "table row", "grade arm", "budget rule".
std::string_view coverage_kind_name(coverage_kind kind);

struct coverage_item {
  coverage_kind kind = coverage_kind::rule;
  std::string name;  // 正向定量 · 定性 › 达成 · score.mismatch · 档次 row 2 [80%, 90%) · >= 90 "优" · score
  std::string file;  // where it is written
  dsl::source_span span;
  // The declaration's identity across rule sets: "file:offset".
  std::string key() const;
};

// The parts of one rule set in effect, and how a scored form maps onto them.
class coverage_map {
public:
  explicit coverage_map(const program& rules);

  const std::vector<coverage_item>& items() const { return m_items; }

  // The items a form exercised (indices into items(), ascending): the rules and group rules
  // that applied, the band each judged declared score lay in, the table rows the applied rules
  // read (explained scoring only), the checks that found something, the grade arm of the rules
  // total and the budget rules that gave a value.
  std::vector<std::size_t> exercised(const form_result& scored, const std::vector<finding>& findings) const;

private:
  std::optional<std::size_t> find(coverage_kind kind, std::string_view file, std::size_t offset) const;

  const program* m_rules;
  std::vector<coverage_item> m_items;
};

// What the tests of one rule set exercised.
struct tested_ruleset {
  const program* rules = nullptr;
  std::vector<std::string> test_files;
  struct test_exercise {
    std::string test;                  // the test's name
    std::vector<std::size_t> items;    // coverage_map indices
  };
  std::vector<test_exercise> tests;
};

struct covered_item {
  coverage_item item;
  std::vector<std::string> tests;           // this rule set's tests that exercised it
  std::vector<std::string> other_rulesets;  // ids of other rule sets whose tests exercised it
  bool covered() const { return !tests.empty() || !other_rulesets.empty(); }
};

struct ruleset_coverage {
  std::string id;
  std::string path;
  std::vector<std::string> test_files;
  std::vector<covered_item> items;
};

struct coverage_report {
  std::vector<ruleset_coverage> rulesets;  // in the order given
  std::size_t uncovered() const;
};

coverage_report measure_coverage(const std::vector<tested_ruleset>& tested);

// Per rule set: the rule set and its test files, covered/total per kind, then every part not
// covered with its file:line. Ends with a newline.
std::string render_coverage_text(const coverage_report& report);
// The same as JSON, keys in a fixed order, every part with the tests that exercised it.
std::string render_coverage_json(const coverage_report& report);

}  // namespace jixiao::engine
