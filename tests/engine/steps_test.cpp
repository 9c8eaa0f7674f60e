// The fused steps of the plain evaluator (engine/steps.cpp) against the nodes as planned: the
// explaining evaluator walks the plan as written, node by node, so every node of every bundled
// rule set, evaluated both ways on the example forms and on hand-made cells, must give the
// same value. A step that computed anything else (another flag, unit, error message or span)
// fails here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/evaluator.hpp"
#include "engine/scoring.hpp"
#include "tests/engine/planned_rules.hpp"

using namespace jixiao;
using namespace jixiao::engine;
using jixiao::engine::testing::bundled_rules;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

std::string shown(const rt::value& v) {
  return v.is_error() ? "error at " + std::to_string(v.error->span.begin) + ": " + v.error->message : rt::to_display(v);
}

// Evaluates every node of `p` for one indicator both ways, each with a memo of its own (or
// none); returns how many nodes were compared.
std::size_t compare_all(const program& p, const form& f, const indicator& ind, const values::cell& target,
                        const values::cell& actual, bool memo) {
  rt::error_scope errors;
  cell_ratio plain_ratio, recorded_ratio;
  eval_context plain{.source = &f, .item = &ind, .target = &target, .actual = &actual,
                     .ratio = memo ? &plain_ratio : nullptr};
  eval_context recorded = plain;
  recorded.ratio = memo ? &recorded_ratio : nullptr;
  for (node_index n = 0; n < p.nodes.size(); ++n) {
    eval_record record;
    const auto fused = evaluate(p, n, plain);
    const auto planned = evaluate(p, n, recorded, record);
    if (!testing::same_value(fused, planned))
      FAIL(p.id << " node " << n << ": 年度指标值 「" << target.text << "」, 实际完成值 「" << actual.text << "」, memo "
                << memo << ": fused " << shown(fused) << ", as planned " << shown(planned));
  }
  return p.nodes.size();
}

std::size_t count_steps(const program& p, step_kind kind) {
  std::size_t count = 0;
  for (const auto& s : p.steps) count += s.kind == kind;
  return count;
}

}  // namespace

TEST_CASE("the bundled rule sets are planned with every kind of fused step") {
  const program* central = nullptr;
  for (const auto& p : bundled_rules().rulesets)
    if (p.id == "central.2020") central = &p;
  REQUIRE(central);
  CHECK(central->steps.size() == central->nodes.size());
  // 年度指标值 is quantity (three rules), 实际完成值 is nothing (under `not` in the bands too).
  CHECK(count_steps(*central, step_kind::is_cell) >= 5);
  CHECK(count_steps(*central, step_kind::is_field) >= 1);        // 分值 is not_applicable
  CHECK(count_steps(*central, step_kind::compare_leaves) >= 4);  // 年度指标值 == 0, 二级指标 == "成本指标", ...
  CHECK(count_steps(*central, step_kind::comparable) == 3);
  CHECK(count_steps(*central, step_kind::ratio) == 3);
  CHECK(count_steps(*central, step_kind::extremum) >= 3);  // min(rate, 1), max(0, ...), min(... , 1)
}

TEST_CASE("fused steps give what the planned nodes give on the example forms") {
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root + "/examples/forms")) {
    auto loaded = load_form_file(entry.path().string());
    REQUIRE(loaded);
    const form& f = *loaded;
    for (const auto& p : bundled_rules().rulesets) {
      for (const auto& ind : f.indicators) {
        const auto cells = read_cells(ind, f.year);
        compared += compare_all(p, f, ind, cells.target, cells.actual, true);
        compared += compare_all(p, f, ind, cells.target, cells.actual, false);
      }
    }
  }
  CHECK(compared > 10000);
}

TEST_CASE("fused steps give what the planned nodes give on hand-made cells") {
  // Targets and actuals of every shape the steps tell apart: one quantity or several, units
  // that convert and units that do not, percentages, nothing achieved, not applicable, empty,
  // text, dates, zero.
  const std::vector<std::string> texts = {
      "",          "/",           "无",          "未完成",       "合规",        "0",          "0%",
      "100%",      "≥90%",        "95.5%",       "≤5%",          "15个",        "不少于6项",  "2项",
      "≤498万元",  "371.9618万元", "4980000元",   "3项、5个",     "80%-90%",     "2021年10月",  "2021年12月底前",
      "12",        "1.5",         "<3天",        "达到预期",     "-2",          "0.5万元",    "6项,2个"};
  auto loaded = load_form_file(root + "/examples/forms/seed-000-beijing-2021.json");
  REQUIRE(loaded);
  const form& f = *loaded;
  REQUIRE(!f.indicators.empty());
  std::vector<values::cell> cells;
  for (const auto& t : texts) cells.push_back(values::parse_cell(t, f.year));

  // Shapes the bundled rule sets do not write: min and max with the constant first, numbers
  // with units, percentages and dates as constants, `not` around each `is`, comparisons both ways round.
  const std::string extra = R"(ruleset test.steps {
  jurisdiction "测试"
  version      "1"
  effective    2020-01-01 .. 2029-12-31
  source       "steps_test"
  decimals     2
}
rule a when not 实际完成值 is percent or 年度指标值 is number or not 年度指标值 is date
  score = min(1, 实际完成值) * 分值
rule b when 实际完成值 >= 年度指标值 and 年度指标值 < 实际完成值 and 实际完成值 != 年度指标值
  score = max(实际完成值 / 年度指标值, 0.5) + max(分值, 实际完成值) + min(实际完成值, 50%)
rule c when 实际完成值 <= 2021-11 or 实际完成值 > 0.5 or 0 <= 实际完成值 or 实际完成值 == "合规"
  score = 实际完成值 > 年度指标值.value ? 分值 : min(实际完成值, 年度指标值.high) / 年度指标值.value
rule d when not (实际完成值 is missing) and 得分 is number and 年度指标值 is text and not 实际完成值 is absent
  score = 实际完成值 - 年度指标值 + 实际完成值 * 2
rule e when 实际完成值 is quantity and comparable(年度指标值, 实际完成值) and 分值 > 得分
  score = 年度指标值 / 实际完成值 * max(得分, 分值 - 1)
rule f otherwise
  score = 0
)";
  const program planned = testing::plan_text(extra, "steps_test.rules");

  std::vector<const program*> programs{&planned};
  for (const auto& p : bundled_rules().rulesets) programs.push_back(&p);
  std::size_t compared = 0;
  for (const auto* p : programs)
    for (const auto& target : cells)
      for (const auto& actual : cells)
        for (const bool memo : {true, false}) compared += compare_all(*p, f, f.indicators.front(), target, actual, memo);
  CHECK(compared > 100000);
}
