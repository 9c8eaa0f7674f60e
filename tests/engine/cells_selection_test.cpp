// Two shortcuts that must not change an answer: `jixiao lint` takes an indicator's cells from
// the scorer's cell cache (read_cells_cached) instead of reading them again (read_cells), and
// choosing a folder's rule set asks covers() instead of formatting mismatch() and testing it
// for "".
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/form.hpp"
#include "engine/scoring.hpp"
#include "tests/stdlib/describe.hpp"

namespace engine = jixiao::engine;
using jixiao::values::testing::describe_cell;
namespace fs = std::filesystem;

namespace {

const fs::path root = JIXIAO_SOURCE_DIR;

// Every good fixture and every example: Sichuan's separate comparator and unit columns,
// Shenzhen's groups, deadlines with and without their year.
std::vector<engine::form> forms() {
  std::vector<fs::path> paths;
  for (const auto& dir : {root / "tests" / "golden" / "forms" / "good", root / "examples" / "forms"})
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<engine::form> out;
  for (const auto& path : paths) {
    auto loaded = engine::load_form_file(path.string());
    REQUIRE(loaded);
    out.push_back(std::move(*loaded));
  }
  return out;
}

const engine::catalog& bundled() {
  static const engine::catalog c = engine::load_catalog((root / "rules").string());
  return c;
}

}  // namespace

// One thread scores each form in its own year and then a year on and a year back, as a corpus
// of several years would come, and reads every indicator's cells both ways after each score.
// A text with a month but no year ("12月底") must be read in each form's own year, not in the
// year of the form that put it into the cache.
TEST_CASE("cells from the scorer's cache equal cells read afresh, in every form's own year", "[scoring][lint]") {
  REQUIRE(!bundled().rulesets.empty());
  const engine::program& rules = bundled().rulesets.front();
  std::size_t compared = 0, year_bound = 0;
  for (const auto& original : forms()) {
    for (int shift : {0, 1, -1}) {
      engine::form f = original;
      f.year += shift;
      engine::score_form(rules, f);
      for (const auto& ind : f.indicators) {
        const auto fresh = engine::read_cells(ind, f.year);
        const auto cached = engine::read_cells_cached(ind, f.year);
        CHECK(describe_cell(cached.target) == describe_cell(fresh.target));
        CHECK(describe_cell(cached.actual) == describe_cell(fresh.actual));
        ++compared;
        // Cells whose reading the form's year changes.
        const auto other = engine::read_cells(ind, f.year + 1);
        if (describe_cell(other.target) != describe_cell(fresh.target) || describe_cell(other.actual) != describe_cell(fresh.actual))
          ++year_bound;
      }
    }
  }
  CHECK(compared == 528);
  CHECK(year_bound == 6);
}

// The deadline "12月底" of seed-001 after the same text was read for 2021: 2022 in a 2022 form.
TEST_CASE("a cached month without its year takes the year of the form that reads it", "[scoring][lint]") {
  auto loaded = engine::load_form_file((root / "examples/forms/seed-001-beijing-2021.json").string());
  REQUIRE(loaded);
  const engine::program& rules = bundled().rulesets.front();
  engine::form f = *loaded;
  const auto find = [](const engine::form& form) -> const engine::indicator& {
    for (const auto& ind : form.indicators)
      if (ind.name == "中俄技术交流活动" && ind.level2 == "时效指标") return ind;
    FAIL("no 中俄技术交流活动 时效指标 row");
    return form.indicators.front();
  };
  engine::score_form(rules, f);
  const auto in_2021 = engine::read_cells_cached(find(f), f.year);
  REQUIRE(in_2021.actual.latest_date());
  CHECK(in_2021.actual.latest_date()->year == 2021);
  CHECK(in_2021.actual.latest_date()->last_month == 12);
  f.year = 2022;
  engine::score_form(rules, f);
  const auto in_2022 = engine::read_cells_cached(find(f), f.year);
  REQUIRE(in_2022.actual.latest_date());
  CHECK(in_2022.actual.latest_date()->year == 2022);
  // The target names its year and reads the same in both.
  REQUIRE(in_2022.target.latest_date());
  CHECK(in_2022.target.latest_date()->year == 2021);
}

// covers is mismatch().empty() for every bundled rule set and every form, in its own year and
// in years and places no rule set takes.
TEST_CASE("covers agrees with mismatch on the bundled rule sets and forms", "[catalog]") {
  const auto& rulesets = bundled().rulesets;
  REQUIRE(rulesets.size() == 5);
  std::size_t covered = 0, checked = 0;
  for (const auto& original : forms()) {
    for (int year : {original.year, 1999, 2021, 2022}) {
      for (const char* place : {"", "北京", "中央", "西藏自治区"}) {
        engine::form f = original;
        f.year = year;
        if (*place) f.jurisdiction = place;
        for (const auto& r : rulesets) {
          const bool yes = engine::covers(r, f);
          CHECK(yes == engine::mismatch(r, f).empty());
          covered += yes;
          ++checked;
        }
        // select_ruleset picks by covers: one hit, or an error naming what it found.
        const auto chosen = engine::select_ruleset(bundled(), f);
        const auto hits = std::count_if(rulesets.begin(), rulesets.end(), [&](const auto& r) { return engine::covers(r, f); });
        CHECK(chosen.has_value() == (hits == 1));
      }
    }
  }
  CHECK(checked == 800);
  CHECK(covered == 82);
}

// A form of a year and a place no rule set takes: no rule set covers it, each says why.
TEST_CASE("a form no rule set takes is covered by none, and the error lists them", "[catalog]") {
  auto loaded = engine::load_form_file((root / "examples/forms/seed-000-beijing-2021.json").string());
  REQUIRE(loaded);
  engine::form f = *loaded;
  f.year = 1999;
  f.jurisdiction = "西藏自治区";
  for (const auto& r : bundled().rulesets) {
    CHECK_FALSE(engine::covers(r, f));
    CHECK(!engine::mismatch(r, f).empty());
  }
  const auto chosen = engine::select_ruleset(bundled(), f);
  REQUIRE_FALSE(chosen);
  CHECK(chosen.error() ==
        "no rule set covers 西藏自治区 1999; rule sets found: beijing.2021 (北京, 2021..2021), beijing.2022 (北京, "
        "2022..2022), central.2020 (中央, 2020..2029), shenzhen.2020 (深圳, 2020..2020), sichuan.2021 (四川, 2021..2021)");
  CHECK(engine::mismatch(bundled().rulesets.front(), f) ==
        "rule set beijing.2021 is for 北京, the form is from 西藏自治区; rule set beijing.2021 is effective "
        "2021-01-01 .. 2021-12-31, the form is for 1999");
  // Only the year wrong: one part of the sentence.
  f.jurisdiction = "北京";
  CHECK_FALSE(engine::covers(bundled().rulesets.front(), f));
  CHECK(engine::mismatch(bundled().rulesets.front(), f) ==
        "rule set beijing.2021 is effective 2021-01-01 .. 2021-12-31, the form is for 1999");
}
