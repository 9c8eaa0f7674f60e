// The target guards (program.hpp, engine/steps.cpp): the scorer passes over an indicator rule
// whose guard is false for the indicator's target cell, and keeps what each cell rules out with
// the cell in its per-thread cache. The explaining scorer tries every rule, so a form scored
// both ways must give the same results; forms are scored again and again in one thread, under
// rule sets taking turns, and with their targets moved to other indicators, so that what a
// cell ruled out is taken from the cache for indicators whose other fields differ.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/program.hpp"
#include "engine/form.hpp"
#include "engine/report.hpp"
#include "engine/scoring.hpp"
#include "tests/engine/planned_rules.hpp"
#include "tests/engine/fixture_forms.hpp"

namespace engine = jixiao::engine;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

// The result without its explanations, in both report formats, which show every other field.
std::string shown(engine::form_result r) {
  r.budget.why.reset();
  for (auto& item : r.items) {
    item.why.reset();
    for (auto& member : item.members) member.why.reset();
  }
  return engine::render_json_form(r) + engine::render_text_form(r);
}

// The form with each indicator's target (and its comparator and unit columns) moved to the
// next indicator.
engine::form targets_moved(engine::form f) {
  auto& inds = f.indicators;
  for (std::size_t i = 1; i < inds.size(); ++i) {
    std::swap(inds[i - 1].target, inds[i].target);
    std::swap(inds[i - 1].op, inds[i].op);
    std::swap(inds[i - 1].unit, inds[i].unit);
  }
  return f;
}

// A rule set of the given rules, under a header that every test here shares.
engine::program compiled(const std::string& rules) {
  const std::string source = R"(ruleset t.1 {
  jurisdiction "中央"
  version "1"
  effective 2020-01-01 .. 2029-12-31
  source "test"
  decimals 2
}
)" + rules;
  return engine::testing::plan_text(source, "target_guards_test.rules");
}

}  // namespace

TEST_CASE("the central rule set's guards are the conjuncts that read only the target", "[scoring][guards]") {
  const auto c = engine::load_catalog(root + "/rules");
  const engine::program* central = nullptr;
  for (const auto& p : c.rulesets)
    if (p.id == "central.2020") central = &p;
  REQUIRE(central);
  // Each guard as written where it first stands, with the rules it guards.
  std::vector<std::pair<std::string, std::string>> guards;
  for (const auto& g : central->target_guards) {
    const auto& span = central->nodes[g.when].span;
    std::string rules;
    for (std::size_t r = 0; r < central->rules.size(); ++r)
      if (g.rules >> r & 1) rules += (rules.empty() ? "" : " ") + central->rules[r].name;
    guards.emplace_back(std::string(central->source->main->text.substr(span.begin, span.end - span.begin)), rules);
  }
  CHECK(guards == std::vector<std::pair<std::string, std::string>>{
                      {"年度指标值 is number", "零目标"},
                      {"年度指标值 == 0", "零目标"},
                      {"年度指标值 is quantity", "成本 反向定量 正向定量"},
                      {"年度指标值.op in (\"≤\", \"<\")", "反向定量"},
                  });
}

TEST_CASE("a conjunct that reads anything but the target, or a side of `or`, is no guard", "[scoring][guards]") {
  const auto p = compiled(R"(rule 或 when 年度指标值 is quantity or 实际完成值 is quantity
  score = 1
rule 混合 when comparable(实际完成值, 年度指标值) and 分值 is number and not (年度指标值 is text)
  score = 2
rule 其他 otherwise
  score = 0
)");
  REQUIRE(p.target_guards.size() == 1);
  CHECK(p.target_guards[0].rules == 2);  // 混合
  CHECK(p.nodes[p.target_guards[0].when].kind == engine::node_kind::logical_not);
}

TEST_CASE("rules passed over by their guards choose as trying every rule does", "[scoring][guards]") {
  const auto c = engine::load_catalog(root + "/rules");
  REQUIRE(c.rulesets.size() >= 5);
  std::vector<engine::form> forms;
  for (const auto& text : engine::testing::form_texts()) {
    auto loaded = engine::load_form(text, "fixture.json");
    REQUIRE(loaded);
    forms.push_back(targets_moved(*loaded));
    forms.push_back(std::move(*loaded));
  }
  REQUIRE(forms.size() >= 16);
  std::size_t guarded = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& f : forms) {
      for (const auto& p : c.rulesets) {
        CAPTURE(round, p.id, f.id);
        const auto plain = engine::score_form(p, f);
        const auto explained = engine::score_form(p, f, {.explain = true});
        CHECK(shown(plain) == shown(explained));
        guarded += p.target_guards.size();
      }
    }
  }
  CHECK(guarded > 0);
}

// A guard that fails for a cell (a text times 2) rules nothing out: the condition's error is
// noted as when every rule is tried.
TEST_CASE("a guard that fails rules nothing out, and the condition's error is noted", "[scoring][guards]") {
  const auto p = compiled(R"(rule 加倍 when 年度指标值 * 2 > 1 and 实际完成值 is quantity
  score = 1
rule 其他 otherwise
  score = 0
)");
  REQUIRE(p.target_guards.size() == 1);
  std::size_t noted = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& text : engine::testing::form_texts()) {
      auto f = engine::load_form(text, "fixture.json");
      REQUIRE(f);
      const auto plain = engine::score_form(p, *f);
      CHECK(shown(plain) == shown(engine::score_form(p, *f, {.explain = true})));
      for (const auto& item : plain.items)
        if (item.note.find("rule 加倍 does not apply") != std::string::npos) ++noted;
    }
  }
  CHECK(noted > 0);
}
