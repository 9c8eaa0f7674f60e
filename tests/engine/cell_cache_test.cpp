// The cell cache (engine/cell_cache.hpp) compares a text's first 23 bytes and its length in a
// slot, keeps the cells in entries that both generations share, and reuses the entries of a
// dropped generation: every cell it hands out must be the cell read_cells reads, for texts of
// every length around the slot's 23 bytes, texts that differ in one byte anywhere, zero bytes,
// months without their year in forms of different years, forms larger than a generation, and
// across many turnovers; and a form's cells must all still be right once the whole form is read.
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "engine/cell_cache.hpp"
#include "engine/form.hpp"
#include "engine/scoring.hpp"
#include "tests/stdlib/describe.hpp"

namespace engine = jixiao::engine;
using jixiao::values::testing::describe_cell;

namespace {

std::vector<std::string> texts() {
  std::vector<std::string> out;
  // Every length from 0 to 48 bytes of one text (cut anywhere, even inside a character), and
  // each with one byte changed at its start, middle, end and around byte 23.
  const std::string base = "不少于1234567890项目完成情况良好abcdefghijklmnop";
  for (std::size_t n = 0; n <= 48; ++n) {
    const std::string text = base.substr(0, n);
    out.push_back(text);
    for (const std::size_t k : {std::size_t{0}, n / 2, n - 1, std::size_t{21}, std::size_t{22}, std::size_t{23}}) {
      if (k >= n) continue;
      std::string changed = text;
      changed[k] = static_cast<char>(changed[k] ^ 1);
      out.push_back(changed);
    }
  }
  // Zero bytes, which the slot's padding also holds.
  out.push_back(std::string("5个\0", 5));
  out.push_back(std::string("5个\0\0", 6));
  out.push_back(std::string(1, '\0'));
  out.push_back(std::string(30, '\0'));
  // Long texts alike in their first 23 bytes.
  for (const char* tail : {"1", "2", "12", "≥90%"}) out.push_back(std::string(26, '=') + tail);
  // Months without their year read differently in each form's year.
  for (const char* text : {"12月底前完成", "10月前完成", "按时完成", "2021年10月前完成"}) out.push_back(text);
  // Enough figures for the generations to turn over many times.
  for (int k = 0; k < 3000; ++k) {
    out.push_back(std::to_string(k) + "个");
    if (k % 3 == 0) out.push_back("≥" + std::to_string(k / 3) + "%");
  }
  return out;
}

engine::indicator indicator(std::string target, std::string actual) {
  engine::indicator ind;
  ind.target = std::move(target);
  ind.actual = std::move(actual);
  return ind;
}

// Every cell of `f` as the cache handed it out against a fresh reading; the number that differ.
std::size_t differing(const engine::form& f, const std::vector<engine::cell_refs>& refs) {
  REQUIRE(refs.size() == f.indicators.size());
  std::size_t count = 0;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const auto fresh = engine::read_cells(f.indicators[i], f.year);
    if (describe_cell(refs[i].target->cell) != describe_cell(fresh.target) ||
        describe_cell(*refs[i].actual) != describe_cell(fresh.actual)) {
      if (++count <= 3) {
        UNSCOPED_INFO(f.year << " [" << f.indicators[i].target << "] [" << f.indicators[i].actual
                             << "]: " << describe_cell(refs[i].target->cell) << " / "
                             << describe_cell(*refs[i].actual) << " against " << describe_cell(fresh.target)
                             << " / " << describe_cell(fresh.actual));
      }
    }
  }
  return count;
}

}  // namespace

TEST_CASE("the cell cache hands out the cells read_cells reads, form after form", "[engine][cell]") {
  const std::vector<std::string> all = texts();
  std::vector<engine::cell_refs> refs;
  std::size_t wrong = 0;
  std::size_t forms = 0;
  // Forms of 30 indicators walking over the texts three times at different strides, so that
  // texts come back from the previous generation, and after they were dropped, in three years.
  for (std::size_t round = 0; round < 3; ++round) {
    for (std::size_t start = 0; start < all.size(); start += 23) {
      engine::form f;
      f.year = 2020 + static_cast<int>((start / 23 + round) % 3);
      for (std::size_t j = 0; j < 30; ++j)
        f.indicators.push_back(indicator(all[(start + j * (round + 1)) % all.size()],
                                         all[(start * 7 + j * 11 + round) % all.size()]));
      // The Sichuan template's own columns go the single-indicator way.
      if (start % 5 == 0) {
        engine::indicator joined = indicator("90", "95");
        joined.op = "≥";
        joined.unit = "%";
        f.indicators.push_back(joined);
      }
      engine::read_form_cells(f, refs);
      wrong += differing(f, refs);
      ++forms;
    }
  }
  CHECK(forms > 500);
  CHECK(wrong == 0);
}

TEST_CASE("the cell cache takes a form larger than a generation whole", "[engine][cell]") {
  // 2,500 indicators of texts no other test reads: the current generation grows while the
  // form is read, and every cell handed out before must stay where it was.
  engine::form f;
  f.year = 2021;
  for (int k = 0; k < 2500; ++k)
    f.indicators.push_back(indicator("不少于" + std::to_string(k) + "项", std::to_string(k) + ".5万元"));
  std::vector<engine::cell_refs> refs;
  engine::read_form_cells(f, refs);
  CHECK(differing(f, refs) == 0);
  // And once more, now that they are all cached.
  engine::read_form_cells(f, refs);
  CHECK(differing(f, refs) == 0);
}

TEST_CASE("a month without its year is cached per year", "[engine][cell]") {
  std::vector<engine::cell_refs> refs;
  for (const int year : {2021, 2022, 2021, 2022}) {
    engine::form f;
    f.year = year;
    f.indicators.push_back(indicator("12月底前完成", "12月底"));
    engine::read_form_cells(f, refs);
    REQUIRE(refs.size() == 1);
    REQUIRE(refs[0].target->cell.dates.size() == 1);
    CHECK(refs[0].target->cell.dates[0].year == year);
    CHECK(refs[0].actual->dates.at(0).year == year);
  }
}

TEST_CASE("the cell cache stays right when the generations turn over at every form", "[engine][cell]") {
  // 1,100 new cells a form turn the generations over at every form, so each generation is
  // dropped every other form and goes through all of its epochs (255) within 520 forms. Each
  // form also reads the texts of the form before (moved back from the previous generation)
  // and of three forms before (dropped: read again).
  std::vector<engine::cell_refs> refs;
  std::size_t wrong = 0;
  for (int n = 0; n < 520; ++n) {
    engine::form f;
    f.year = 2020 + n % 2;
    for (int k = 0; k < 550; ++k) {
      const int from = k % 10 == 0 ? n - 1 : k % 10 == 1 ? n - 3 : n;
      f.indicators.push_back(indicator(std::to_string(from) + "." + std::to_string(k) + "万元",
                                       "≥" + std::to_string(from) + "." + std::to_string(k) + "%"));
    }
    engine::read_form_cells(f, refs);
    wrong += differing(f, refs);
  }
  CHECK(wrong == 0);
}
