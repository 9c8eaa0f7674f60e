// Loading and scoring into a form and a result that held another form's (load_form_padded_into,
// load_corpus_form_into, score_form_into), as a corpus thread does line after line: the result
// must equal a fresh load and a fresh score, field by field, whatever came before — a larger
// form, a form of another layout (groups, separate unit columns, budget rows), or a line that
// failed half-way.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/corpus.hpp"
#include "engine/form.hpp"
#include "engine/scoring.hpp"
#include "tests/engine/fixture_forms.hpp"
#include "tests/engine/same_form.hpp"

namespace engine = jixiao::engine;
namespace fs = std::filesystem;

namespace {

using jixiao::engine::testing::failing_late;
using jixiao::engine::testing::failing_midway;
using jixiao::engine::testing::form_texts;
using jixiao::engine::testing::padded_line;
using jixiao::engine::testing::read_bytes;

const fs::path& root = jixiao::engine::testing::source_root();

void check_same(const engine::number_cell& a, const engine::number_cell& b) { engine::testing::check_same_cell(a, b); }

template <class optional_decimal>
void check_same_optional(const optional_decimal& a, const optional_decimal& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (a) CHECK(*a == *b);
}

void check_same(const engine::form& a, const engine::form& b) {
  CHECK(a.file == b.file);
  engine::testing::check_same_form(a, b);
}

void check_same(const std::optional<engine::explanation>& a, const std::optional<engine::explanation>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->applied == b->applied);
  CHECK(a->derivation == b->derivation);
  CHECK(a->not_applied == b->not_applied);
  REQUIRE(a->tables.size() == b->tables.size());
  for (std::size_t i = 0; i < a->tables.size(); ++i) {
    CHECK(a->tables[i].table == b->tables[i].table);
    CHECK(a->tables[i].row == b->tables[i].row);
  }
}

void check_same(const engine::item_result& a, const engine::item_result& b) {
  CHECK(a.label() == b.label());
  CHECK(a.name() == b.name());
  CHECK(a.path() == b.path());
  CHECK(a.is_group() == b.is_group());
  check_same(a.weight(), b.weight());
  check_same_optional(a.share, b.share);
  check_same(a.declared(), b.declared());
  CHECK(a.result == b.result);
  REQUIRE((a.rule == nullptr) == (b.rule == nullptr));
  if (a.rule) {
    CHECK(a.rule->name == b.rule->name);
    CHECK(a.rule->file == b.rule->file);
    CHECK(a.rule->span.begin == b.rule->span.begin);
    CHECK(a.rule->span.end == b.rule->span.end);
    CHECK(a.rule->span.line == b.rule->span.line);
    CHECK(a.rule->span.column == b.rule->span.column);
  }
  check_same_optional(a.computed, b.computed);
  REQUIRE(a.bands.size() == b.bands.size());
  for (std::size_t i = 0; i < a.bands.size(); ++i) {
    CHECK(a.bands[i].name == b.bands[i].name);
    CHECK(a.bands[i].low == b.bands[i].low);
    CHECK(a.bands[i].high == b.bands[i].high);
    CHECK(a.bands[i].low_closed == b.bands[i].low_closed);
    CHECK(a.bands[i].high_closed == b.bands[i].high_closed);
  }
  CHECK(a.band == b.band);
  check_same_optional(a.low, b.low);
  check_same_optional(a.high, b.high);
  CHECK(a.agrees == b.agrees);
  check_same_optional(a.difference, b.difference);
  CHECK(a.contribution == b.contribution);
  CHECK(a.note == b.note);
  REQUIRE(a.members.size() == b.members.size());
  for (std::size_t i = 0; i < a.members.size(); ++i) check_same(a.members[i], b.members[i]);
  check_same(a.why, b.why);
}

void check_same(const engine::form_result& a, const engine::form_result& b) {
  CHECK(a.ruleset_id == b.ruleset_id);
  CHECK(a.ruleset_version == b.ruleset_version);
  CHECK(a.ruleset_path == b.ruleset_path);
  CHECK(a.ruleset_sha256 == b.ruleset_sha256);
  CHECK(a.ruleset_ancestry == b.ruleset_ancestry);
  CHECK(a.mismatch == b.mismatch);
  CHECK(a.budget.present == b.budget.present);
  check_same(a.budget.weight, b.budget.weight);
  check_same(a.budget.declared_rate, b.budget.declared_rate);
  check_same(a.budget.declared_score, b.budget.declared_score);
  check_same_optional(a.budget.rate, b.budget.rate);
  check_same_optional(a.budget.score, b.budget.score);
  CHECK(a.budget.rate_agrees == b.budget.rate_agrees);
  CHECK(a.budget.score_agrees == b.budget.score_agrees);
  CHECK(a.budget.note == b.budget.note);
  check_same(a.budget.why, b.budget.why);
  REQUIRE(a.items.size() == b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) check_same(a.items[i], b.items[i]);
  check_same(a.declared_total, b.declared_total);
  CHECK(a.declared_sum == b.declared_sum);
  CHECK(a.declared_sum_agrees == b.declared_sum_agrees);
  CHECK(a.rules_total == b.rules_total);
  CHECK(a.rules_grade == b.rules_grade);
  CHECK(a.declared_grade == b.declared_grade);
  CHECK(a.computed == b.computed);
  CHECK(a.judged == b.judged);
  CHECK(a.unscored == b.unscored);
  CHECK(a.not_applicable == b.not_applicable);
  CHECK(a.disagreements == b.disagreements);
}

engine::form fresh(const std::string& text) {
  auto loaded = engine::load_form(text, "fresh.json");
  REQUIRE(loaded);
  return std::move(*loaded);
}

}  // namespace

TEST_CASE("a form loaded over another equals a fresh load, field by field", "[form][reuse]") {
  const auto texts = form_texts();
  REQUIRE(texts.size() >= 6);
  for (std::size_t a = 0; a < texts.size(); ++a) {
    for (std::size_t b = 0; b < texts.size(); ++b) {
      CAPTURE(a, b);
      engine::form scratch;
      const padded_line first(texts[a]), second(texts[b]);
      REQUIRE(engine::load_form_padded_into(first.text, first.buffer.size(), "fresh.json", scratch));
      REQUIRE(engine::load_form_padded_into(second.text, second.buffer.size(), "fresh.json", scratch));
      check_same(scratch, fresh(texts[b]));
    }
  }
}

TEST_CASE("a failing corpus line between two good ones leaves nothing behind", "[form][reuse]") {
  const auto texts = form_texts();
  const std::string source = "corpus.jsonl";
  for (std::size_t a = 0; a < texts.size(); ++a) {
    for (std::size_t b = 0; b < texts.size(); ++b) {
      for (const auto& bad : {failing_late(texts[a]), failing_midway(texts[a]), failing_late(texts[b])}) {
        CAPTURE(a, b, bad.size());
        engine::form scratch;
        const padded_line first(texts[a]), broken(bad), second(texts[b]);
        REQUIRE(engine::load_corpus_form_into({1, first.text}, source, scratch));
        const auto failed = engine::load_corpus_form_into({2, broken.text}, source, scratch);
        REQUIRE_FALSE(failed);
        CHECK(failed.error().file == source);
        CHECK(failed.error().line == 2);
        REQUIRE(engine::load_corpus_form_into({3, second.text}, source, scratch));
        const auto one_shot = engine::load_corpus_form({3, second.text}, source);
        REQUIRE(one_shot);
        CHECK(scratch.file == "corpus.jsonl:3");
        check_same(scratch, *one_shot);
      }
    }
  }
}

TEST_CASE("a form scored over another form's result equals a fresh score, field by field", "[scoring][reuse]") {
  const auto texts = form_texts();
  std::vector<engine::program> programs;
  for (const char* rules : {"rules/central/2020.rules", "rules/shenzhen/2020.rules", "rules/beijing/2021.rules"}) {
    auto loaded = engine::load_ruleset((root / rules).string());
    REQUIRE(loaded);
    programs.push_back(std::move(*loaded));
  }
  std::vector<engine::form> forms;
  for (const auto& text : texts) forms.push_back(fresh(text));
  const bool explain = GENERATE(false, true);
  for (std::size_t a = 0; a < forms.size(); ++a) {
    for (std::size_t b = 0; b < forms.size(); ++b) {
      for (std::size_t p = 0; p < programs.size(); ++p) {
        const auto& earlier = programs[(p + 1) % programs.size()];
        CAPTURE(a, b, p, explain);
        engine::form_result scratch;
        engine::score_form_into(earlier, forms[a], {.explain = !explain}, scratch);
        scratch.mismatch = "left by the earlier form";
        engine::score_form_into(programs[p], forms[b], {.explain = explain}, scratch);
        CHECK(scratch.source == &forms[b]);
        check_same(scratch, engine::score_form(programs[p], forms[b], {.explain = explain}));
      }
    }
  }
}

// The scorer's cell cache keeps one cell per text for every year unless reading it consulted
// the form's year: "12月底完成" is December of the form's year, so the same text must not
// carry a 2021 form's reading into a 2022 form.
TEST_CASE("a text whose month takes the form's year is read again in another year's form", "[scoring][reuse]") {
  auto loaded = engine::load_ruleset((root / "rules/beijing/2021.rules").string());
  REQUIRE(loaded);
  const engine::form in_2021 = fresh(read_bytes(root / "examples/forms/seed-001-beijing-2021.json"));
  engine::form in_2022 = in_2021;
  in_2022.year = 2022;
  const auto computed = [](const engine::form_result& r) {
    for (const auto& item : r.items)
      if (item.name() == "中俄技术交流活动" && item.label().find("时效指标") != std::string::npos) return item.computed ? item.computed->to_fixed(2) : "none";
    return std::string("missing");
  };
  // Both in the same thread, one after the other, as a corpus is scored.
  // 2021年10月前 → 12月底 of 2021: two months late, 1 − 0.2.
  CHECK(computed(engine::score_form(*loaded, in_2021)) == "0.80");
  // → 12月底 of 2022: fourteen months late, held at half the weight.
  CHECK(computed(engine::score_form(*loaded, in_2022)) == "0.50");
  CHECK(computed(engine::score_form(*loaded, in_2021)) == "0.80");
}
