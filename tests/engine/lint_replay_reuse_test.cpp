// `lint --corpus` and `replay --corpus` load every line into one form per thread and score it
// into results kept from line to line (load_corpus_form_into, lint_form_into, score_form_into).
// Linting or replaying forms one after another that way, with a failing line in between, must
// give the same findings and differences as a fresh load and a fresh score of each form.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/corpus.hpp"
#include "engine/fields.hpp"
#include "engine/lint.hpp"
#include "engine/replay.hpp"
#include "tests/engine/fixture_forms.hpp"

namespace engine = jixiao::engine;
namespace fs = std::filesystem;

namespace {

using jixiao::engine::testing::failing_late;
using jixiao::engine::testing::form_texts;
using jixiao::engine::testing::padded_line;
using jixiao::engine::testing::read_bytes;

const fs::path& root = jixiao::engine::testing::source_root();

std::vector<engine::program> programs() {
  std::vector<engine::program> out;
  for (const char* rules : {"rules/central/2020.rules", "rules/shenzhen/2020.rules", "rules/beijing/2021.rules"}) {
    auto loaded = engine::load_ruleset((root / rules).string());
    REQUIRE(loaded);
    out.push_back(std::move(*loaded));
  }
  return out;
}

engine::form fresh(const std::string& text, std::string_view source, std::size_t line) {
  const padded_line padded(text);
  auto loaded = engine::load_corpus_form({line, padded.text}, std::string(source));
  REQUIRE(loaded);
  return std::move(*loaded);
}

void check_same(const std::vector<engine::finding>& a, const std::vector<engine::finding>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CAPTURE(i, b[i].check, b[i].path);
    CHECK(a[i].check == b[i].check);
    CHECK(a[i].severity == b[i].severity);
    CHECK(a[i].file == b[i].file);
    CHECK(a[i].form == b[i].form);
    CHECK(a[i].path == b[i].path);
    CHECK(a[i].label == b[i].label);
    CHECK(a[i].message == b[i].message);
    REQUIRE(a[i].values.size() == b[i].values.size());
    for (std::size_t v = 0; v < a[i].values.size(); ++v) {
      CHECK(a[i].values[v].name == b[i].values[v].name);
      CHECK(a[i].values[v].value == b[i].values[v].value);
    }
  }
}

void check_same(const engine::form_replay& a, const engine::form_replay& b) {
  CHECK(a.file == b.file);
  CHECK(a.id == b.id);
  CHECK(a.project == b.project);
  CHECK(a.jurisdiction == b.jurisdiction);
  CHECK(a.year == b.year);
  CHECK(a.ruleset_a == b.ruleset_a);
  CHECK(a.ruleset_b == b.ruleset_b);
  CHECK(a.total_a == b.total_a);
  CHECK(a.total_b == b.total_b);
  CHECK(a.delta == b.delta);
  CHECK(a.grade_a == b.grade_a);
  CHECK(a.grade_b == b.grade_b);
  REQUIRE(a.changes.size() == b.changes.size());
  for (std::size_t i = 0; i < a.changes.size(); ++i) {
    const auto &x = a.changes[i], &y = b.changes[i];
    CAPTURE(i, y.path);
    CHECK(x.path == y.path);
    CHECK(x.label == y.label);
    CHECK(x.rule_a == y.rule_a);
    CHECK(x.rule_b == y.rule_b);
    CHECK(x.outcome_a == y.outcome_a);
    CHECK(x.outcome_b == y.outcome_b);
    CHECK(x.score_a == y.score_a);
    CHECK(x.score_b == y.score_b);
    CHECK(x.delta == y.delta);
  }
}

}  // namespace

TEST_CASE("forms linted one after another through reused objects give fresh findings", "[lint][reuse]") {
  const auto texts = form_texts();
  REQUIRE(texts.size() >= 6);
  const auto rules = programs();
  const std::string source = "corpus.jsonl";
  std::size_t findings = 0;
  for (std::size_t p = 0; p < rules.size(); ++p) {
    // One scratch form and result for the whole run, as a corpus thread keeps them; every
    // form follows every other, the one before it scored under another rule set, and a line
    // that fails after most of it was read sits between each pair.
    engine::form form;
    engine::lint_result result;
    for (std::size_t a = 0; a < texts.size(); ++a) {
      for (std::size_t b = 0; b < texts.size(); ++b) {
        CAPTURE(p, a, b);
        const padded_line first(texts[a]), broken(failing_late(texts[a])), second(texts[b]);
        REQUIRE(engine::load_corpus_form_into({1, first.text}, source, form));
        engine::lint_form_into(rules[(p + 1) % rules.size()], form, result);
        REQUIRE_FALSE(engine::load_corpus_form_into({2, broken.text}, source, form));
        REQUIRE(engine::load_corpus_form_into({3, second.text}, source, form));
        engine::lint_form_into(rules[p], form, result);
        const auto expected = engine::lint_form(rules[p], fresh(texts[b], source, 3));
        check_same(result.findings, expected.findings);
        if (a == 0) findings += expected.findings.size();
      }
    }
  }
  // The comparison is not vacuous: the forms do have findings under these rule sets.
  CHECK(findings > 0);
}

TEST_CASE("forms replayed one after another through reused results give fresh differences", "[replay][reuse]") {
  const auto texts = form_texts();
  const auto rules = programs();
  const std::string source = "corpus.jsonl";
  std::size_t changes = 0;
  engine::form form;
  engine::form_result side_a, side_b;
  for (std::size_t p = 0; p < rules.size(); ++p) {
    const auto& a_rules = rules[p];
    const auto& b_rules = rules[(p + 1) % rules.size()];
    for (std::size_t a = 0; a < texts.size(); ++a) {
      for (std::size_t b = 0; b < texts.size(); ++b) {
        CAPTURE(p, a, b);
        const padded_line first(texts[a]), broken(failing_late(texts[b])), second(texts[b]);
        REQUIRE(engine::load_corpus_form_into({1, first.text}, source, form));
        // The earlier form scored the other way round, so both results hold another side's.
        engine::score_form_into(a_rules, form, {}, side_b);
        engine::score_form_into(b_rules, form, {.explain = true}, side_a);
        REQUIRE_FALSE(engine::load_corpus_form_into({2, broken.text}, source, form));
        REQUIRE(engine::load_corpus_form_into({3, second.text}, source, form));
        engine::score_form_into(b_rules, form, {}, side_b);
        engine::score_form_into(a_rules, form, {}, side_a);
        const auto reused_both = engine::replay_form(form, &side_a, side_b, b_rules);
        const auto reused_declared = engine::replay_form(form, nullptr, side_b, b_rules);

        const auto again = fresh(texts[b], source, 3);
        const auto fresh_a = engine::score_form(a_rules, again);
        const auto fresh_b = engine::score_form(b_rules, again);
        const auto expected = engine::replay_form(again, &fresh_a, fresh_b, b_rules);
        check_same(reused_both, expected);
        check_same(reused_declared, engine::replay_form(again, nullptr, fresh_b, b_rules));
        if (a == 0) changes += expected.changes.size();
      }
    }
  }
  CHECK(changes > 0);
}

// The linter clears only the facts of the scope it is about to fill, by ranges of the `fact`
// enumeration (engine/lint.cpp). That is enough only while every scope's facts are one
// unbroken range in this order: indicator, group, budget, form.
TEST_CASE("each scope's check facts are one range of the fact enumeration", "[lint][reuse]") {
  auto range = [](engine::scope s) -> std::pair<engine::fact, engine::fact> {
    switch (s) {
      case engine::scope::indicator: return {engine::fact::computed, engine::fact::measurable};
      case engine::scope::group: return {engine::fact::group_computed, engine::fact::group_has_reason};
      case engine::scope::budget: return {engine::fact::computed_rate, engine::fact::executed_subtotal};
      case engine::scope::form: return {engine::fact::declared_total, engine::fact::indicator_count};
      case engine::scope::grade: break;
    }
    return {engine::fact::count, engine::fact::count};
  };
  std::size_t seen = 0;
  for (const auto& f : engine::facts()) {
    CAPTURE(f.english);
    const auto [first, last] = range(f.in);
    CHECK(f.id >= first);
    CHECK(f.id <= last);
    ++seen;
  }
  CHECK(seen == static_cast<std::size_t>(engine::fact::count));
}
