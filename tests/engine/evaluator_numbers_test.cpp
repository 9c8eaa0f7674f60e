// The evaluator's shortcuts that leave out a call into stdlib/operators.cpp must give what
// the call gives: + − × ÷ of two plain numbers computed in place (eval_node), the texts of an
// `in` list compared as views, and the memo of 实际完成值 ÷ 年度指标值 filled by
// rt::divide_cells. The fused steps' test (steps_test.cpp) cannot see these, since the
// explaining evaluator it compares with takes the same shortcuts; here each node's value is
// compared with the operator applied to its operands' values.
#include <catch2/catch.hpp>

#include <optional>
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
  return v.is_error() ? "error: " + v.error->message : rt::to_display(v);
}

// What eval_node gave before its shortcuts: the operator of stdlib/operators.cpp on the
// operands' values, or the first error among them.
rt::value by_operators(const program& p, const node& n, const eval_context& ctx) {
  const auto a = evaluate(p, n.a, ctx);
  if (n.kind == node_kind::arithmetic) {
    if (a.is_error()) return a;
    const auto b = evaluate(p, n.b, ctx);
    switch (static_cast<arithmetic_op>(n.op)) {
      case arithmetic_op::add: return rt::add(a, b, n.span);
      case arithmetic_op::subtract: return rt::subtract(a, b, n.span);
      case arithmetic_op::multiply: return rt::multiply(a, b, n.span);
      case arithmetic_op::divide: return rt::divide(a, b, n.span);
    }
  }
  // in_list
  if (a.is_error()) return a;
  bool found = false;
  for (std::uint32_t k = 0; k < n.list_size && !found; ++k) {
    auto eq = rt::compare(a, evaluate(p, p.argument_lists[n.list_begin + k], ctx), rt::comparison::equal, n.span);
    if (eq.is_error()) return eq;
    found = eq.flag;
  }
  return rt::value::boolean(n.op ? !found : found);
}

}  // namespace

TEST_CASE("arithmetic and 'in' nodes give what the operators give") {
  const std::string source = R"(ruleset test.numbers {
  jurisdiction "测试"
  version      "1"
  effective    2020-01-01 .. 2029-12-31
  source       "evaluator_numbers_test"
  decimals     2
}
rule a when 年度指标值.op in ("≤", "<") or 年度指标值.unit in ("%", "万元", "个") or 二级指标 in ("成本指标")
  score = 分值 + 1 - 2.5 + 分值 * 80% + 分值 / 3 + 1 / (分值 - 分值) + 分值 * 100000000000000000000
rule b when 年度指标值.value in (0, 90%, 6) and 实际完成值 not in ("合规", "2项")
  score = 分值 / 实际完成值 + 实际完成值 / 年度指标值 + 分值 * 实际完成值 - 年度指标值 + 50% * 分值
rule c otherwise
  score = (分值 - 分值) / (分值 - 分值) + 分值 * (1 / 3) * 3 - 分值 / 分值
)";
  const program planned = testing::plan_text(source, "evaluator_numbers_test.rules");
  std::vector<const program*> programs{&planned};
  for (const auto& p : bundled_rules().rulesets) programs.push_back(&p);

  auto loaded = load_form_file(root + "/examples/forms/seed-000-beijing-2021.json");
  REQUIRE(loaded);
  const form& f = *loaded;
  const std::vector<std::string> texts = {"",       "无",       "合规",      "0",       "0%",     "100%",
                                          "≥90%",   "95.5%",    "≤5%",       "15个",    "2项",    "≤498万元",
                                          "4980000元", "3项、5个", "2021年10月", "-2",     "6",      "0.5万元"};
  std::vector<values::cell> cells;
  for (const auto& t : texts) cells.push_back(values::parse_cell(t, f.year));
  // 分值 as the form has it, and overridden (a group member's share) by whole numbers,
  // fractions, zero, a negative and one whose products pass 128 bits.
  const std::vector<std::optional<decimal>> weights = {
      std::nullopt, decimal::from_int(10), decimal::fraction(5, 2), decimal::fraction(10, 3), decimal{},
      decimal::from_int(-4), *decimal::parse("1000000000000000000000000000")};

  rt::error_scope errors;
  std::size_t compared = 0;
  for (const auto* p : programs)
    for (const auto& target : cells)
      for (const auto& actual : cells)
        for (const auto& weight : weights) {
          // No memo: a quotient of the two cells is then divided by rt::divide as well.
          const eval_context ctx{.source = &f, .item = &f.indicators.front(), .target = &target,
                                 .actual = &actual, .weight_override = weight};
          for (node_index i = 0; i < p->nodes.size(); ++i) {
            const node& n = p->nodes[i];
            if (n.kind != node_kind::arithmetic && n.kind != node_kind::in_list) continue;
            const auto got = evaluate(*p, i, ctx);
            const auto expected = by_operators(*p, n, ctx);
            if (!testing::same_value(got, expected))
              FAIL(p->id << " node " << i << ": 年度指标值 「" << target.text << "」, 实际完成值 「" << actual.text
                         << "」: " << shown(got) << ", the operators give " << shown(expected));
            ++compared;
          }
        }
  CHECK(compared > 20000);
}

TEST_CASE("the memo of actual ÷ target holds what rt::divide gives") {
  const std::vector<std::string> texts = {
      "",        "/",        "无",     "未完成",  "合规",      "0",        "0%",       "100%",      "≥90%",
      "95.5%",   "≤5%",      "15个",   "不少于6项", "2项",     "≤498万元",  "371.9618万元", "4980000元", "3项、5个",
      "80%-90%", "2021年10月", "12",    "1.5",     "<3天",     "达到预期",  "-2",       "0.5万元",   "6项,2个",
      "0万元",    "0个",      "1000人次以上", "9223372036854775807", "0.000000000000000000000000001"};
  std::vector<values::cell> cells;
  for (const auto& t : texts) cells.push_back(values::parse_cell(t, 2021));
  rt::error_scope errors;
  int quotients = 0;
  int failures = 0;
  for (const auto& actual : cells)
    for (const auto& target : cells) {
      const auto memo = rt::divide_cells(actual, target);
      const auto full = rt::divide(rt::value::of_cell(actual), rt::value::of_cell(target), {});
      INFO("「" << actual.text << "」 ÷ 「" << target.text << "」: " << shown(full));
      REQUIRE(memo.has_value() == !full.is_error());
      if (memo) {
        REQUIRE(full.type == rt::kind::number);
        REQUIRE(full.unit.empty());
        REQUIRE(*memo == full.number);
        ++quotients;
      } else {
        ++failures;
      }
    }
  // Both outcomes occur: quotients of every shape and failures (zero, no quantity, units).
  CHECK(quotients > 200);
  CHECK(failures > 300);
}
