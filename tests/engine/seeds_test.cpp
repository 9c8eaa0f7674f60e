// The four real forms under their jurisdictions' rule sets: the acceptance figures of the
// core issue, exactly as printed on the forms or derived by hand from the rules.
#include <catch2/catch.hpp>

#include <string>

#include "engine/catalog.hpp"
#include "engine/scoring.hpp"
#include "tests/engine/planned_rules.hpp"

using namespace jixiao;
using namespace jixiao::engine;
using jixiao::engine::testing::bundled_rules;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

struct scored {
  form f;
  form_result r;
};

// The result keeps a pointer to its form, so both live together on the heap.
std::unique_ptr<scored> score_seed(const std::string& name) {
  auto loaded = load_form_file(root + "/examples/forms/" + name);
  INFO(name << ": " << (loaded ? "" : loaded.error().path + ": " + loaded.error().message));
  REQUIRE(loaded);
  auto s = std::make_unique<scored>();
  s->f = std::move(*loaded);
  auto rules = select_ruleset(bundled_rules(), s->f);
  INFO((rules ? "" : rules.error()));
  REQUIRE(rules);
  s->r = score_form(**rules, s->f);
  return s;
}

const item_result& item(const form_result& r, const std::string& name) {
  for (const auto& i : r.items)
    if (i.name() == name) return i;
  FAIL("no item named " << name);
  return r.items.front();
}

std::string fixed(const std::optional<decimal>& d) { return d ? d->to_fixed(2) : "none"; }

}  // namespace

TEST_CASE("the bundled rule sets load without problems") {
  const auto& c = bundled_rules();
  for (const auto& p : c.problems) INFO(p.file << ":" << p.span.line << ":" << p.span.column << ": " << p.message);
  CHECK(c.problems.empty());
  CHECK(c.rulesets.size() >= 3);
}

TEST_CASE("seed 000 under beijing.2021") {
  auto s = score_seed("seed-000-beijing-2021.json");
  const auto& r = s->r;
  CHECK(r.ruleset_id == "beijing.2021");
  CHECK(r.budget.rate->round(4).to_string() == "0.7469");
  CHECK(fixed(r.budget.score) == "7.47");
  CHECK(r.budget.rate_agrees);
  CHECK(r.budget.score_agrees);

  const auto& key_tech = item(r, "分析关键技术");
  CHECK(key_tech.result == outcome::computed);
  CHECK(key_tech.rule_name() == "正向定量");
  CHECK(fixed(key_tech.computed) == "1.00");
  CHECK(key_tech.agrees);

  const auto& shows = item(r, "完成杰出工程师宣传展示工作");
  CHECK(fixed(shows.computed) == "1.60");
  CHECK(shows.agrees);

  const auto& fields = item(r, "分析重点领域");
  CHECK(fields.result == outcome::computed);
  CHECK(fixed(fields.computed) == "0.00");
  CHECK(fields.declared().text == "1");
  CHECK_FALSE(fields.agrees);
  CHECK(fixed(fields.difference) == "1.00");

  const auto& satisfaction = item(r, "杰出工程师满意度");
  CHECK(fixed(satisfaction.computed) == "5.00");
  CHECK(satisfaction.agrees);

  const auto& progress = item(r, "项目完成时间");
  CHECK(progress.rule_name() == "进度");
  CHECK(fixed(progress.computed) == "0.80");

  CHECK(r.declared_total.text == "87.87");
  CHECK(r.declared_sum.to_string() == "87.87");
  CHECK(r.declared_sum_agrees);
}

TEST_CASE("seed 001 under beijing.2021") {
  auto s = score_seed("seed-001-beijing-2021.json");
  const auto& r = s->r;
  CHECK(fixed(r.budget.score) == "7.63");
  CHECK(r.budget.rate_agrees);
  CHECK(r.declared_sum.to_string() == "93.83");
  CHECK(r.declared_sum_agrees);
  // Qualitative rows scored inside the 达成 band, with a reason.
  for (const auto* name : {"央地协同效果", "科技创新服务体系建设与服务能力"}) {
    const auto& i = item(r, name);
    INFO(name);
    CHECK(i.result == outcome::judged);
    CHECK(i.band == "达成");
    CHECK(i.agrees);
  }
}

TEST_CASE("seed 002 under beijing.2021") {
  auto s = score_seed("seed-002-beijing-2021.json");
  const auto& r = s->r;
  // Against 全年预算数 351.59, not 年初 380.
  CHECK(r.budget.rate->round(4).to_string() == "0.6426");
  CHECK(fixed(r.budget.score) == "6.43");
  const auto& acceptance = item(r, "课题验收通过率");
  CHECK(fixed(acceptance.computed) == "0.00");
  CHECK(acceptance.declared().text == "4");
  CHECK_FALSE(acceptance.agrees);
  const auto& survey = item(r, "调研军工单位、高校、科研院所、民参军高科技企业");
  CHECK(fixed(survey.computed) == "1.00");
  CHECK(survey.agrees);
  CHECK(r.declared_sum.to_string() == "95.43");
  CHECK(r.declared_sum_agrees);
}

TEST_CASE("seed 004 under shenzhen.2020") {
  auto s = score_seed("seed-004-shenzhen-2020.json");
  const auto& r = s->r;
  CHECK(r.ruleset_id == "shenzhen.2020");
  CHECK(fixed(r.budget.score) == "9.97");
  CHECK(r.budget.rate_agrees);
  const auto& quantity = item(r, "数量指标");
  CHECK(quantity.is_group());
  CHECK(quantity.members.size() == 15);
  CHECK(quantity.result == outcome::computed);
  CHECK(fixed(quantity.computed) == "14.70");
  CHECK(quantity.declared().text == "15");
  CHECK_FALSE(quantity.agrees);
  const auto& economic = item(r, "经济效益指标");
  CHECK(economic.result == outcome::not_applicable);
  CHECK(r.declared_sum.to_string() == "99.97");
  CHECK(r.declared_sum_agrees);
}
