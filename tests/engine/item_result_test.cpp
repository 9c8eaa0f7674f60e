// An item_result points at what it scored instead of copying it: the indicator or group in the
// form, and the rule (and band) in the program. These tests pin that every item reads the
// form's own fields through those pointers, that rules and bands are the program's, and that
// a result scored over an earlier form's points at the new form only.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/scoring.hpp"
#include "tests/engine/planned_rules.hpp"

using namespace jixiao;
using namespace jixiao::engine;
using jixiao::engine::testing::bundled_rules;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

const std::vector<std::string> seeds = {"seed-000-beijing-2021.json", "seed-001-beijing-2021.json",
                                        "seed-002-beijing-2021.json", "seed-004-shenzhen-2020.json"};

std::unique_ptr<form> load_seed(const std::string& name) {
  auto loaded = load_form_file(root + "/examples/forms/" + name);
  INFO(name << ": " << (loaded ? "" : loaded.error().path + ": " + loaded.error().message));
  REQUIRE(loaded);
  return std::make_unique<form>(std::move(*loaded));
}

const program& rules_for(const form& f) {
  auto rules = select_ruleset(bundled_rules(), f);
  INFO((rules ? "" : rules.error()));
  REQUIRE(rules);
  return **rules;
}

template <class T>
bool within(const T* p, const std::vector<T>& v) {
  return !v.empty() && p >= v.data() && p < v.data() + v.size();
}

struct seen {
  std::size_t indicators = 0, groups = 0, members = 0, rules = 0, bands = 0;
};

// Checks one item (and its members) against the form and program it was scored with.
void check_item(const item_result& item, const form& f, const program& p, bool member, seen& n) {
  INFO(item.path());
  if (item.is_group()) {
    ++n.groups;
    REQUIRE(within(item.group, f.groups));
    CHECK(item.source == nullptr);
    const auto& g = *item.group;
    CHECK(item.name() == g.level2);
    CHECK(item.path() == g.path);
    CHECK(item.label() == join_label({g.level1, g.level2}));
    CHECK(&item.weight() == &g.weight);
    CHECK(&item.declared() == &g.score);
    CHECK(item.members.size() <= g.members.size());
    for (std::size_t k = 0; k < item.members.size(); ++k) {
      CHECK(item.members[k].source == &f.indicators[g.members[k]]);
      check_item(item.members[k], f, p, true, n);
    }
  } else {
    ++(member ? n.members : n.indicators);
    REQUIRE(within(item.source, f.indicators));
    const auto& ind = *item.source;
    CHECK(item.name() == ind.name);
    CHECK(item.path() == ind.path);
    CHECK(item.label() == join_label({ind.level1, ind.level2, ind.name}));
    CHECK(&item.weight() == &ind.weight);
    CHECK(&item.declared() == &ind.score);
  }
  // label_into overwrites whatever the string held.
  std::string label(200, 'x');
  item.label_into(label);
  CHECK(label == item.label());

  if (item.rule) {
    ++n.rules;
    CHECK(within(item.rule, item.is_group() ? p.group_rules : p.rules));
    CHECK(item.rule_name() == item.rule->name);
  } else {
    CHECK(item.rule_name().empty());
  }
  if (!item.band.empty() && !item.is_group()) {
    // The band is the program's own text, not a copy.
    ++n.bands;
    REQUIRE(item.rule);
    bool found = false;
    for (const auto& b : item.rule->bands) found = found || item.band.data() == b.name.data();
    CHECK(found);
  }
}

seen check_result(const form_result& r, const form& f, const program& p) {
  CHECK(r.source == &f);
  seen n;
  for (const auto& item : r.items) check_item(item, f, p, false, n);
  return n;
}

}  // namespace

TEST_CASE("an item reads its form's fields and its program's rule and band", "[scoring][items]") {
  seen total;
  for (const auto& name : seeds) {
    INFO(name);
    const auto f = load_seed(name);
    const program& p = rules_for(*f);
    const auto r = score_form(p, *f);
    const auto n = check_result(r, *f, p);
    // Every ungrouped indicator is an item, and every group; a group's members are items when
    // its share rule applied (a group that does not apply lists none).
    std::size_t ungrouped = 0;
    for (const auto& ind : f->indicators) ungrouped += !ind.group;
    CHECK(n.indicators == ungrouped);
    CHECK(n.groups == f->groups.size());
    CHECK(n.indicators + n.members <= f->indicators.size());
    total.indicators += n.indicators;
    total.groups += n.groups;
    total.members += n.members;
    total.rules += n.rules;
    total.bands += n.bands;
  }
  // The seeds hold ungrouped indicators, Shenzhen groups with members, applied rules and judged
  // bands, so every branch above ran.
  CHECK(total.indicators > 0);
  CHECK(total.groups > 0);
  CHECK(total.members > 0);
  CHECK(total.rules > 0);
  CHECK(total.bands > 0);
}

TEST_CASE("an item scored over an earlier form's points at the new form only", "[scoring][items]") {
  // Each form over each other into one result, as a corpus thread scores them.
  for (const auto& first : seeds) {
    for (const auto& second : seeds) {
      INFO(first << " then " << second);
      const auto a = load_seed(first);
      const auto b = load_seed(second);
      form_result r;
      score_form_into(rules_for(*a), *a, {}, r);
      score_form_into(rules_for(*b), *b, {}, r);
      check_result(r, *b, rules_for(*b));
    }
  }
}

// The scorer keeps each judged rule's band limits per weight (band_limits in scoring.cpp); the
// limits must be the rule's fractions of this item's own weight whichever rule set and form
// came before in the thread.
void check_band_limits(const item_result& item, std::size_t& checked) {
  for (const auto& m : item.members) check_band_limits(m, checked);
  if (item.result != outcome::judged || item.is_group()) return;
  REQUIRE(item.rule);
  const decimal weight = item.share ? *item.share : item.weight().value;
  for (const auto& b : item.bands) {
    const planned_band* band = nullptr;
    for (const auto& candidate : item.rule->bands)
      if (candidate.name.data() == b.name.data()) band = &candidate;
    REQUIRE(band);
    INFO(item.path() << " " << b.name << " weight " << weight.to_string());
    CHECK(b.low == (band->range.lower ? *band->range.lower * weight : decimal{}));
    CHECK(b.high == (band->range.upper ? *band->range.upper * weight : weight));
    ++checked;
  }
}

TEST_CASE("a judged item's bands are its rule's fractions of its own weight", "[scoring][items]") {
  std::vector<std::unique_ptr<form>> forms;
  for (const auto& name : seeds) forms.push_back(load_seed(name));
  std::size_t checked = 0;
  // Every seed under every bundled rule set, twice over, in one thread: the limits kept for one
  // rule and weight are asked for again by other forms, rule sets and weights.
  for (int round = 0; round < 2; ++round)
    for (const auto& p : bundled_rules().rulesets)
      for (const auto& f : forms) {
        INFO(p.id << " on " << f->file);
        const auto r = score_form(p, *f);
        for (const auto& item : r.items) check_band_limits(item, checked);
      }
  CHECK(checked > 100);
}

TEST_CASE("an item without a source reads as empty", "[scoring][items]") {
  const item_result item;
  CHECK_FALSE(item.is_group());
  CHECK(item.name().empty());
  CHECK(item.path().empty());
  CHECK(item.label().empty());
  std::string label = "left over";
  item.label_into(label);
  CHECK(label.empty());
  CHECK(item.weight().status == number_cell::state::absent);
  CHECK(item.declared().status == number_cell::state::absent);
  CHECK(item.rule_name().empty());
}
