// `jixiao score --explain`: the derivation of every score on the seed forms, exactly as printed,
// the reasons the earlier rules did not apply, the table rows used, and the plain scorer left
// as it was.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/explain.hpp"
#include "engine/scoring.hpp"
#include "tests/engine/planned_rules.hpp"

using namespace jixiao;
using namespace jixiao::engine;
using jixiao::engine::testing::bundled_rules;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

struct explained {
  form f;
  form_result r;
};

form load_seed(const std::string& name) {
  auto loaded = load_form_file(root + "/examples/forms/" + name);
  REQUIRE(loaded);
  return std::move(*loaded);
}

std::unique_ptr<explained> explain_seed(const std::string& name, bool explain = true) {
  auto s = std::make_unique<explained>();
  s->f = load_seed(name);
  auto rules = select_ruleset(bundled_rules(), s->f);
  REQUIRE(rules);
  s->r = score_form(**rules, s->f, score_options{.explain = explain});
  return s;
}

// Rule files are named by the path the catalog was given; the tests read them from the root.
std::string relative(std::string text) {
  const std::string prefix = root + "/";
  for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) text.erase(at, prefix.size());
  return text;
}

const item_result& find_item(const std::vector<item_result>& items, const std::string& label) {
  for (const auto& i : items)
    if (i.label() == label || i.name() == label) return i;
  FAIL("no item " << label);
  return items.front();
}

std::string line(const item_result& item) { return relative(explain_line(item)); }

}  // namespace

TEST_CASE("explain: seed 000 under beijing.2021, computed indicators") {
  auto s = explain_seed("seed-000-beijing-2021.json");
  const auto& key = find_item(s->r.items, "分析关键技术");
  REQUIRE(key.why);
  CHECK(line(key) == "分析关键技术: rule 正向定量 (rules/beijing/2021.rules:31) 3 × min(2项 ÷ 6项, 1) = 1.00; declared 1 ✓");
  // Every rule before 正向定量, in order, with the first part of its condition that failed.
  REQUIRE(key.why->not_applied.size() == 6);
  CHECK(relative(key.why->not_applied[0]) == "rule 不适用 (rules/central/2020.rules:29): 分值 is not_applicable is false (分值 = 3)");
  CHECK(relative(key.why->not_applied[1]) ==
        "rule 时效 (rules/beijing/2021.rules:21): 有期限: 二级指标 == \"时效指标\" is false (二级指标 = \"数量指标\")");
  CHECK(relative(key.why->not_applied[3]) == "rule 零目标 (rules/central/2020.rules:33): 年度指标值 == 0 is false (年度指标值 = 6项)");
  CHECK(relative(key.why->not_applied[5]) ==
        "rule 反向定量 (rules/beijing/2021.rules:27): 年度指标值.op in (\"≤\", \"<\") is false (年度指标值.op = \"≥\")");
  CHECK(key.why->tables.empty());

  CHECK(line(find_item(s->r.items, "完成杰出工程师宣传展示工作")) ==
        "完成杰出工程师宣传展示工作: rule 正向定量 (rules/beijing/2021.rules:31) 4 × min(2场 ÷ 5场, 1) = 1.60; declared 1.6 ✓");
  // Nothing achieved counts as 0, and the disagreement is shown with its difference.
  CHECK(line(find_item(s->r.items, "分析重点领域")) ==
        "分析重点领域: rule 正向定量 (rules/beijing/2021.rules:31) 3 × min(「未形成分析报告」→0 ÷ 3个, 1) = 0.00; declared 1 ✗ (+1.00)");
  // Two quantities set against two: the share of the part that fell shortest.
  CHECK(find_item(s->r.items, "杰出工程师和青年杰出工程师发现、服务与促进").why->derivation ==
        "4 × min((10位, 1位) ÷ (10位, 1位), 1) = 4.00");

  const auto& progress = find_item(s->r.items, "项目完成时间");
  CHECK(line(progress) == "项目完成时间: rule 进度 (rules/beijing/2021.rules:24) 1 × min(80%, 1) = 0.80; declared 0.8 ✓");
  REQUIRE(progress.why->not_applied.size() == 2);
  CHECK(relative(progress.why->not_applied[1]) ==
        "rule 时效 (rules/beijing/2021.rules:21): 实际完成值 is date is false (实际完成值 = 「整体工作进度已完成80%」)");

  // A conditional shows the condition's value and the branch taken.
  CHECK(find_item(s->r.items, "项目预算控制数").why->derivation == "371.9618万元 <= 498万元 (true) ? 10 : … = 10.00");
  // A date rule: the intermediate values of the function on top.
  CHECK(find_item(s->r.items, "新一批首都科技志愿服务站建设").why->derivation ==
        "max(1 × 0.5, 1 − 0.1 × 1 × months_late(2021年12月, 2021年12月)) = max(0.5, 1) = 1.00");
}

TEST_CASE("explain: the budget row") {
  auto s = explain_seed("seed-000-beijing-2021.json");
  REQUIRE(s->r.budget.why);
  CHECK(s->r.budget.why->derivation ==
        "rate = 全年执行数 ÷ 全年预算数 = 371.9618 ÷ 498 = 74.69%; score = 10 × min(74.69%, 1) = 7.47");
  CHECK(explain_line(s->r.budget) ==
        "预算执行率: rate = 全年执行数 ÷ 全年预算数 = 371.9618 ÷ 498 = 74.69%; score = 10 × min(74.69%, 1) = 7.47; "
        "declared 74.69%, 7.47 ✓");
}

TEST_CASE("explain: judged indicators list the bands in points") {
  auto s = explain_seed("seed-000-beijing-2021.json");
  const auto& judged = find_item(s->r.items, "梳理整理央企技术创新");
  CHECK(line(judged) ==
        "梳理整理央企技术创新: rule 定性 (rules/central/2020.rules:46) judged on 分值 5: 达成 [4, 5] · 部分达成 [3, 4) · "
        "未达成 [0, 3); declared 5 in 达成 ✓");
  CHECK(judged.why->not_applied.size() == 7);
  CHECK(relative(judged.why->not_applied[6]) ==
        "rule 正向定量 (rules/beijing/2021.rules:31): 年度指标值 is quantity is false (年度指标值 = 「形成分析报告」)");
}

TEST_CASE("explain: seed 001, months late and a cost ceiling") {
  auto s = explain_seed("seed-001-beijing-2021.json");
  CHECK(line(find_item(s->r.items, "产出指标 › 时效指标 › 中俄技术交流活动")) ==
        "中俄技术交流活动: rule 时效 (rules/beijing/2021.rules:21) max(1 × 0.5, 1 − 0.1 × 1 × months_late(2021年12月, "
        "2021年10月)) = max(0.5, 0.8) = 0.80; declared 0.8 ✓");
  CHECK(find_item(s->r.items, "总预算控制数").why->derivation == "375.5442万元 <= 492万元 (true) ? 10 : … = 10.00");
  // Bands excluded by their conditions say why, once for neighbours excluded alike.
  CHECK(find_item(s->r.items, "产出指标 › 数量指标 › 第四届Nature前沿技术创新圆桌会议受众").why->derivation ==
        "judged on 分值 1: 达成, 部分达成 excluded: not 未完成 is false (实际完成值 = 「未完成」) · 未达成 [0, 0.6)");
}

TEST_CASE("explain: seed 004, a group and its members") {
  auto s = explain_seed("seed-004-shenzhen-2020.json");
  const auto& group = find_item(s->r.items, "数量指标");
  CHECK(line(group) ==
        "数量指标: group 等分 (rules/central/2020.rules:51) share = 分值 ÷ 成员数 = 15 ÷ 15 = 1; Σ 15 members = 14.70; "
        "declared 15 ✗ (+0.30)");
  // Members have no declared score of their own: no verdict on their line.
  CHECK(line(find_item(group.members, "年度课题数量")) ==
        "年度课题数量: rule 正向定量 (rules/central/2020.rules:42) 1 × min(7 ÷ 10, 1) = 0.70");
  const auto& quality = find_item(s->r.items, "质量指标");
  CHECK(quality.why->derivation == "share = 分值 ÷ 成员数 = 15 ÷ 15 = 1; Σ 15 members = [13.6, 15]");
  CHECK(find_item(quality.members, "科普后勤管理合规性").why->derivation ==
        "judged on share 1: 达成 [0.8, 1] · 部分达成, 未达成 excluded: not 照抄目标 is false (实际完成值 = 「合规」, "
        "年度指标值 = 「合规」)");
}

TEST_CASE("explain: off by default, and the same scores either way") {
  auto plain = explain_seed("seed-004-shenzhen-2020.json", false);
  auto why = explain_seed("seed-004-shenzhen-2020.json", true);
  CHECK_FALSE(plain->r.budget.why);
  REQUIRE(plain->r.items.size() == why->r.items.size());
  for (std::size_t i = 0; i < plain->r.items.size(); ++i) {
    const auto& a = plain->r.items[i];
    const auto& b = why->r.items[i];
    CHECK_FALSE(a.why);
    for (const auto& m : a.members) CHECK_FALSE(m.why);
    CHECK(b.why);
    CHECK(a.result == b.result);
    CHECK(a.contribution == b.contribution);
    CHECK(a.note == b.note);
  }
  CHECK(plain->r.rules_total == why->r.rules_total);
  // Without explain, the line still names the rule and the outcome.
  CHECK(line(plain->r.items.front()) == "数量指标: group 等分 (rules/central/2020.rules:51) computed; declared 15 ✗ (+0.30)");
}

TEST_CASE("explain: definitions, table rows, errors and no rule") {
  const char* text = R"(ruleset test.2021 {
  jurisdiction "北京"
  version      "1"
  effective    2021-01-01 .. 2021-12-31
}

budget rate = 全年执行数 / 全年预算数
budget score = 分值 * 档次(rate)

table 档次 {
  [0, 60%) => 0.5,
  [60%, 90%) => 0.8,
  [90%, inf] => 1
}

let 达标 = 实际完成值 >= 年度指标值

rule 满意度 when 二级指标 == "服务对象满意度指标"
  score = 达标 ? 分值 : 0

rule 坏 when 三级指标 == "杰出工程师社会影响力"
  score = 分值 * 实际完成值

rule 产出 when 一级指标 == "产出指标"
  judged 全部 [0, 100%]
)";
  auto parsed = dsl::parse(text, "test.rules");
  REQUIRE(parsed);
  auto compiled = compile(std::move(*parsed));
  REQUIRE(compiled);
  auto f = load_seed("seed-000-beijing-2021.json");
  auto r = score_form(*compiled, f, score_options{.explain = true});

  CHECK(r.budget.why->derivation ==
        "rate = 全年执行数 ÷ 全年预算数 = 371.9618 ÷ 498 = 74.69%; score = 10 × 档次(74.69% ∈ [0.6, 0.9) → 0.8) = 8.00");
  REQUIRE(r.budget.why->tables.size() == 1);
  CHECK(r.budget.why->tables[0].table == "档次");
  CHECK(r.budget.why->tables[0].row == 1);

  // A definition shows its name and its value.
  CHECK(explain_line(find_item(r.items, "杰出工程师满意度")) ==
        "杰出工程师满意度: rule 满意度 (test.rules:18) 达标 (= true) ? 5 : … = 5.00; declared 5 ✓");
  // An error in the score: the values up to the failure, and the message.
  CHECK(explain_line(find_item(r.items, "杰出工程师社会影响力")) ==
        "杰出工程师社会影响力: rule 坏 (test.rules:21) 10 × 2场 fails: a score is a number of points, got 20场; "
        "declared 8.5 ? (counted as declared)");
  // No rule applies: every rule and why not.
  const auto& none = find_item(r.items, "服务创新主体能力");
  CHECK(explain_line(none) == "服务创新主体能力: no rule applies; declared 10 ? (counted as declared)");
  REQUIRE(none.why->not_applied.size() == 3);
  CHECK(none.why->not_applied[0] ==
        "rule 满意度 (test.rules:18): 二级指标 == \"服务对象满意度指标\" is false (二级指标 = \"可持续影响指标\")");
  CHECK(none.why->not_applied[1] ==
        "rule 坏 (test.rules:21): 三级指标 == \"杰出工程师社会影响力\" is false (三级指标 = \"服务创新主体能力\")");
  CHECK(none.why->not_applied[2] == "rule 产出 (test.rules:24): 一级指标 == \"产出指标\" is false (一级指标 = \"效益指标\")");
}
