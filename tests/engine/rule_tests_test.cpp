// Rule tests (dsl/test_file.hpp, engine/rule_tests.hpp, engine/coverage.hpp): the parser's
// errors with their positions, inline forms, tables of cases, every kind of expectation passing
// and failing, and what coverage counts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "dsl/test_file.hpp"
#include "engine/catalog.hpp"
#include "engine/coverage.hpp"
#include "engine/rule_tests.hpp"

namespace {

using namespace jixiao;

const std::string root = JIXIAO_SOURCE_DIR;

// A test file as if it lay beside rules/beijing/2021.rules, so that its default rule set and
// its relative form paths resolve as in the bundled tests.
expected<dsl::test_file, dsl::diagnostics> parse(std::string text) {
  return dsl::parse_test_file(std::move(text), root + "/rules/beijing/2021.test");
}

// The first problem as "line:column: message".
std::string first_error(const std::string& text) {
  auto parsed = parse(text);
  REQUIRE_FALSE(parsed);
  const auto& d = parsed.error().front();
  return std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.message;
}

const engine::program& beijing() {
  static const auto rules = [] {
    auto loaded = engine::load_ruleset(root + "/rules/beijing/2021.rules");
    REQUIRE(loaded);
    return std::move(*loaded);
  }();
  return rules;
}

std::vector<engine::test_run> run(const std::string& text) {
  static std::vector<dsl::test_file> keep;  // runs point into their file
  auto parsed = parse(text);
  if (!parsed) FAIL(parsed.error().front().message);
  keep.push_back(std::move(*parsed));
  return engine::run_rule_tests(keep.back(), beijing(), "");
}

}  // namespace

TEST_CASE("test files: syntax errors name the line, the column and what was expected") {
  CHECK(first_error("test \"a\" {\n  indicator 产出指标 / 数量指标 / \"x\" target \"6项\"\n  expect score 1\n") ==
        "4:1: unexpected end of file; expected a statement (form, indicator, group, budget, total, goals, year, "
        "jurisdiction, expect) or '}' to close the test");
  CHECK(first_error("test \"a\" {\n  expect score 1.00 extra\n}\n") == "2:21: expected the end of the line");
  CHECK(first_error("test \"a\" {\n  expect score \"1.00\n}\n") == "2:16: unterminated string");
  CHECK(first_error("test a {\n}\n") == "1:6: expected the test's name as a string, e.g. \"时效：延迟两个月\"");
  CHECK(first_error("test \"a\" {\n  expect 分析关键技术 score 1\n}\n") ==
        "2:10: expected what to expect: score, outcome, rule, band, range, total, grade, budget, lint or no lint (an "
        "indicator's name is quoted: expect \"分析关键技术\" score 1.00)");
  CHECK(first_error("testing\n") ==
        "1:1: expected 'test \"name\" {', 'cases \"name\" {', 'rules', 'year' or 'jurisdiction'");

  SECTION("a missing '}' points at the '{' it should close") {
    auto parsed = parse("test \"a\" {\n  expect total 1\ntest \"b\" {\n");
    REQUIRE_FALSE(parsed);
    REQUIRE(parsed.error().front().notes.size() == 1);
    CHECK(parsed.error().front().notes.front().span.line == 1);
    CHECK(parsed.error().front().notes.front().span.column == 10);
  }
}

TEST_CASE("test files: every mistake that does not stop the parse is reported") {
  auto parsed = parse(R"(test "a" {
  indicator 产出指标 / 数量指标 / "x" target "6项" actaul "2项" weight 3
  expect score high
}
test "a" {
  indicator 数量指标 / "x" weight 3 score 2
  expect outcome finished
  expect lint "a b"
  expect budget rate abc
}
cases "c" {
  indicator 产出指标 / 数量指标 / "x" weight 3
  columns target actual score
          "6项" "2项"
}
)");
  REQUIRE_FALSE(parsed);
  std::vector<std::string> found;
  for (const auto& d : parsed.error())
    found.push_back(std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.message);
  CHECK(found == std::vector<std::string>{
                     "2:43: unknown field 'actaul' of indicator; expected target (年度指标值), actual (实际完成值), "
                     "weight (分值), declared (得分), reason (偏差原因), op (比较符), unit (度量单位)",
                     "3:16: expected a score such as 1.60, got 'high'",
                     "5:6: a test named \"a\" is already defined",
                     "6:13: expected the indicator as 一级指标 / 二级指标 / 三级指标 (three names), got 2",
                     "6:33: 'score' is what the rules give: write it as an expectation (expect score 1.00); the score "
                     "the form declares is 'declared' (得分)",
                     "7:18: expected an outcome: computed, judged, unscored or not applicable, got 'finished'",
                     "8:15: expected a check id such as score.mismatch (ASCII letters, digits, '.', '-', '_'), got 'a b'",
                     "9:22: expected an execution rate such as 74.69%, got 'abc'",
                     "14:11: expected 3 values (target, actual, score), got 2",
                 });
}

TEST_CASE("test files: statements, defaults and tables of cases") {
  auto parsed = parse(R"(# comment
year 2021
test "inline" {   # a comment after the brace
  jurisdiction "北京"
  indicator 产出指标 / 时效指标 / "完成时间" 年度指标值 "2021年10月前" 实际完成值 "2021年12月底" 分值 1 得分 0.8
  expect "完成时间" outcome not   applicable
  expect 时效指标 / "完成时间" range 0 .. 1
  expect lint score.mismatch on "完成时间"
  expect no lint "actual.empty"
}

cases "正向定量" {
  indicator 产出指标 / 数量指标 / "分析关键技术" weight 3
  expect outcome computed
  columns target  actual  score
          "6项"   "2项"   1.00
          6项     8项     3.00
}
)");
  REQUIRE(parsed);
  CHECK(dsl::test_rules_path(*parsed) == root + "/rules/beijing/2021.rules");
  CHECK(parsed->year == 2021);
  REQUIRE(parsed->tests.size() == 3);
  const auto& inline_test = parsed->tests[0];
  CHECK(inline_test.jurisdiction == "北京");
  REQUIRE(inline_test.rows.size() == 1);
  const auto& fields = inline_test.rows[0].fields;
  REQUIRE(fields.size() == 4);
  CHECK(fields[0].key == "target");
  CHECK(fields[0].name == "年度指标值");
  CHECK(fields[3].key == "score");
  CHECK(fields[3].value.text == "0.8");
  REQUIRE(inline_test.expectations.size() == 4);
  CHECK(inline_test.expectations[0].value.text == "not applicable");
  CHECK(inline_test.expectations[0].written == "expect \"完成时间\" outcome not   applicable");
  CHECK(inline_test.expectations[1].subject == std::vector<std::string>{"时效指标", "完成时间"});
  CHECK(inline_test.expectations[1].high->text == "1");
  CHECK(inline_test.expectations[2].on->text == "完成时间");
  CHECK(inline_test.expectations[3].kind == dsl::expectation_kind::no_lint);

  const auto& second = parsed->tests[2];
  CHECK(second.name == "正向定量 #2");
  CHECK(second.inputs == "target 6项 · actual 8项");
  CHECK(second.span.line == 17);
  REQUIRE(second.expectations.size() == 2);
  CHECK(second.expectations[1].written == "score 3.00");
  CHECK(second.expectations[1].span.column == 25);
}

TEST_CASE("inline forms are read by the form loader, with the rule set's year and jurisdiction") {
  auto parsed = parse(R"(test "t" {
  budget annual 498.000000 executed 371.9618 weight 10 rate "74.69%" declared 7.47
  indicator 产出指标（50分） / 数量指标 / "分析关键技术" target "不少于6项" actual "2项" weight 3 declared 1
  total declared 8.47
  expect total 8.47
}
test "year" {
  year 2020
  indicator 产出指标 / 数量指标 / "x" target "6项" actual "2项" weight 三分
  expect total 1
}
)");
  REQUIRE(parsed);
  auto built = engine::build_test_form(*parsed, parsed->tests[0], beijing());
  REQUIRE(built);
  const auto& f = **built;
  CHECK(f.year == 2021);
  CHECK(f.jurisdiction == "北京");
  CHECK(f.budget.rows.front().annual.text == "498.000000");
  CHECK(f.budget.rate.percent);
  CHECK(f.indicators.front().level1 == "产出指标");
  CHECK(f.indicators.front().level1_weight == decimal::from_int(50));
  CHECK(f.total_score.value == decimal::parse("8.47").value());

  auto bad = engine::build_test_form(*parsed, parsed->tests[1], beijing());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().span.line == 9);
  CHECK(bad.error().span.column == 62);
  CHECK(bad.error().message == "expected a number such as 7.47 or 74.69%, got \"三分\"");
}

TEST_CASE("every kind of expectation passes when it holds and fails with the actual value when not") {
  const auto runs = run(R"(test "seed 000" {
  form "../../examples/forms/seed-000-beijing-2021.json"
  expect "完成杰出工程师宣传展示工作" score 1.60
  expect "完成杰出工程师宣传展示工作" score 1.61
  expect "科技志愿服务社会影响力" outcome judged
  expect "科技志愿服务社会影响力" outcome computed
  expect "项目完成时间" rule 进度
  expect "项目完成时间" rule 时效
  expect "科技志愿服务社会影响力" band 达成
  expect "科技志愿服务社会影响力" band 部分达成
  expect "科技志愿服务社会影响力" range 8 .. 10
  expect "科技志愿服务社会影响力" range 0 .. 10
  expect total 85.87
  expect total 87.87
  expect grade "良"
  expect grade "优"
  expect budget score 7.47
  expect budget score 7.5
  expect budget rate 74.69%
  expect budget rate 74.6%
  expect lint score.mismatch on "分析重点领域"
  expect lint score.mismatch on "分析关键技术"
  expect no lint indicator.duplicate
  expect no lint score.mismatch
  expect lint no.such-check
  expect "没有这一项" score 1
  expect score 1
}
)");
  REQUIRE(runs.size() == 1);
  const auto& r = runs[0];
  CHECK(r.status == engine::test_status::failed);
  std::vector<std::string> outcomes;
  for (const auto& e : r.expectations)
    outcomes.push_back((e.passed ? "pass " : "fail ") + e.expected + " | " + e.actual);
  CHECK(outcomes == std::vector<std::string>{
                        "pass 1.60 | 1.60",
                        "fail 1.61 | 1.60",
                        "pass judged | judged",
                        "fail computed | judged",
                        "pass 进度 | 进度",
                        "fail 时效 | 进度",
                        "pass 达成 | 达成",
                        "fail 部分达成 | 达成",
                        "fail 8..10 | 0..10",
                        "pass 0..10 | 0..10",
                        "pass 85.87 | 85.87",
                        "fail 87.87 | 85.87",
                        "pass 良 | 良",
                        "fail 优 | 良",
                        "pass 7.47 | 7.47",
                        "fail 7.5 | 7.47",
                        "pass 74.69% | 74.69%",
                        "fail 74.6% | 74.7%",
                        "pass a finding of score.mismatch on 分析重点领域 | 1 finding",
                        "fail a finding of score.mismatch on 分析关键技术 | none",
                        "pass no finding of indicator.duplicate | none",
                        "fail no finding of score.mismatch | 3 findings",
                        "fail a finding of no.such-check | the rule set has no check no.such-check",
                        "fail 1 | no indicator or group named 没有这一项",
                        "fail 1 | the form has 21 indicators and groups: name the one meant, e.g. expect \"梳理整理央企技术创新\" score …",
                    });
}

TEST_CASE("a rate is compared at the precision written") {
  // 371.9618 ÷ 498 = 74.6911…%: 74.7% at one decimal, 0.7469 at four.
  const auto runs = run(R"(test "rate" {
  form "../../examples/forms/seed-000-beijing-2021.json"
  expect budget rate 74.7%
  expect budget rate 0.7469
}
)");
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].status == engine::test_status::passed);
}

TEST_CASE("a failed expectation is shown with its position, expected, actual and the derivation") {
  static auto file = parse(R"(test "时效" {
  indicator 产出指标 / 时效指标 / "完成时间" target "2021年10月前" actual "2021年12月底" weight 1
  expect score 0.60
}
)");
  REQUIRE(file);
  auto r = engine::run_rule_test(*file, file->tests[0], beijing());
  CHECK(engine::render_test_run(r, *file) ==
        "  FAIL  时效\n"
        "        " + root + "/rules/beijing/2021.test:3:3: expect score 0.60\n"
        "          expected  0.60\n"
        "          actual    0.80\n"
        "          why       " + engine::explain_line(r.scored.items.front()) + "\n");
  CHECK(engine::explain_line(r.scored.items.front()).find("= 0.80") != std::string::npos);
}

TEST_CASE("coverage: the parts of a rule set in effect, and which a form exercised") {
  auto central = engine::load_ruleset(root + "/rules/central/2020.rules");
  REQUIRE(central);
  const engine::coverage_map map(*central);
  std::map<engine::coverage_kind, int> kinds;
  for (const auto& i : map.items()) ++kinds[i.kind];
  CHECK(kinds[engine::coverage_kind::rule] == 6);
  CHECK(kinds[engine::coverage_kind::band] == 3);
  CHECK(kinds[engine::coverage_kind::group_rule] == 2);
  CHECK(kinds[engine::coverage_kind::grade_arm] == 4);
  CHECK(kinds[engine::coverage_kind::budget_rule] == 2);
  CHECK(kinds[engine::coverage_kind::check] == 39);
  CHECK(map.items().front().name == "rate");
  CHECK(map.items()[2].name == "不适用");
  CHECK(map.items()[2].file == root + "/rules/central/2020.rules");
  CHECK(map.items()[2].span.line == 29);

  auto f = engine::load_form_file(root + "/examples/forms/seed-000-beijing-2021.json");
  REQUIRE(f);
  auto scored = engine::score_form(*central, *f, engine::score_options{.explain = true});
  auto findings = engine::run_checks(*central, *f, scored);
  std::vector<std::string> hit;
  for (auto i : map.exercised(scored, findings))
    hit.push_back(std::string(engine::coverage_kind_name(map.items()[i].kind)) + " " + map.items()[i].name);
  CHECK(hit == std::vector<std::string>{"budget rule rate", "budget rule score", "rule 成本", "rule 正向定量", "rule 定性",
                                        "band 定性 › 达成", "grade arm >= 80 \"良\"", "check score.mismatch",
                                        "check quantity.unmeasurable", "check quantity.target-not-quantified"});

  // Two rule sets share central's declarations: one's tests cover them for the other.
  auto beijing_rules = engine::load_ruleset(root + "/rules/beijing/2021.rules");
  REQUIRE(beijing_rules);
  engine::tested_ruleset a{&*central, {"central.test"}, {{"seed 000", map.exercised(scored, findings)}}};
  engine::tested_ruleset b{&*beijing_rules, {"beijing.test"}, {}};
  const auto report = engine::measure_coverage({a, b});
  REQUIRE(report.rulesets.size() == 2);
  const auto& shared = report.rulesets[1].items;
  auto qualitative = std::find_if(shared.begin(), shared.end(), [](const engine::covered_item& i) { return i.item.name == "定性"; });
  REQUIRE(qualitative != shared.end());
  CHECK(qualitative->tests.empty());
  CHECK(qualitative->other_rulesets == std::vector<std::string>{"central.2020"});
  auto timing = std::find_if(shared.begin(), shared.end(), [](const engine::covered_item& i) { return i.item.name == "时效"; });
  REQUIRE(timing != shared.end());
  CHECK_FALSE(timing->covered());
}
