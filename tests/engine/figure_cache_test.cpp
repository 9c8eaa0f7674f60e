// The per-thread memo of the score report's figures: an answer from it is always what its
// writer writes for that decimal, whatever was looked up before, and it keeps at most one
// figure a slot.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/figure_cache.hpp"
#include "stdlib/decimal.hpp"

namespace engine = jixiao::engine;
using jixiao::decimal;

namespace {

std::size_t calls = 0;

// The report's two writers, as the memo sees them: two decimals, and the exact text within two
// decimals or "≈" and two decimals (three bytes, one column).
engine::figure_cache::written fixed_two(const decimal& d, char* out) {
  ++calls;
  char* end = d.write_fixed(out, 2);
  return {end, static_cast<std::size_t>(end - out)};
}

engine::figure_cache::written brief(const decimal& d, char* out) {
  ++calls;
  if (char* end = d.write_exact(out, 2)) return {end, static_cast<std::size_t>(end - out)};
  const std::string text = "≈" + d.to_fixed(2);
  std::copy(text.begin(), text.end(), out);
  return {out + text.size(), text.size() - 2};
}

// Longer than the memo keeps: 30 decimals.
engine::figure_cache::written long_text(const decimal& d, char* out) {
  ++calls;
  char* end = d.write_fixed(out, 30);
  return {end, static_cast<std::size_t>(end - out)};
}

std::string written_by(engine::figure_cache::written (*write)(const decimal&, char*), const decimal& d,
                       std::size_t& columns) {
  char buf[engine::figure_cache::room];
  const auto w = write(d, buf);
  columns = w.columns;
  return std::string(buf, w.end);
}

}  // namespace

TEST_CASE("figure_cache answers as its writers do, for figures kept, replaced and too long to keep") {
  std::vector<decimal> figures;
  // Shares, band limits and scores as the report meets them, ties and negatives among them.
  for (std::int64_t k = -300; k <= 3000; ++k)
    for (const std::int64_t den : {1, 2, 3, 8, 100, 1000}) figures.push_back(decimal::fraction(k, den));
  // Every size of numerator and denominator, wide products, invalid.
  std::mt19937_64 random(7);
  for (int i = 0; i < 3000; ++i) {
    const auto num = static_cast<std::int64_t>(random() >> (1 + random() % 63)) * (random() % 2 == 0 ? 1 : -1);
    const auto den = static_cast<std::int64_t>(random() >> (1 + random() % 63)) | 1;
    figures.push_back(decimal::fraction(num, den));
    figures.push_back(decimal::fraction(num, den) * decimal::from_int(num));
  }
  figures.push_back(decimal::invalid());
  // More figures than slots, so slots are taken over.
  REQUIRE(figures.size() > 4 * engine::figure_cache::slot_count);

  engine::figure_cache cache;
  std::size_t checked = 0;
  for (int round = 0; round < 2; ++round) {
    for (const decimal& d : figures) {
      for (const auto& [kind, write] : {std::pair{std::uint8_t{1}, &fixed_two}, std::pair{std::uint8_t{2}, &brief},
                                        std::pair{std::uint8_t{3}, &long_text}}) {
        std::size_t columns = 0;
        const std::string expected = written_by(write, d, columns);
        const auto got = cache.get(d, kind, write);
        if (got.view() != expected || got.columns != columns)
          FAIL("kind " << int{kind} << ": '" << std::string(got.view()) << "', expected '" << expected << "'");
        ++checked;
      }
    }
  }
  CHECK(checked == figures.size() * 6);
  CHECK(cache.size() <= engine::figure_cache::slot_count);
}

TEST_CASE("figure_cache writes a figure once while it is kept, and keeps writers apart") {
  engine::figure_cache cache;
  calls = 0;
  const decimal share = decimal::fraction(15, 8);
  CHECK(cache.get(share, 2, brief).view() == "≈1.88");
  CHECK(cache.get(share, 2, brief).columns == 5);
  CHECK(calls == 1);
  // The same decimal under the other writer is another figure.
  CHECK(cache.get(share, 1, fixed_two).view() == "1.88");
  CHECK(calls == 2);
  // The same value made another way has the same bytes, so it is found.
  CHECK(cache.get(decimal::fraction(30, 16), 2, brief).view() == "≈1.88");
  CHECK(calls == 2);
  CHECK(cache.get(decimal::from_digits(1875, 3), 1, fixed_two).view() == "1.88");
  CHECK(calls == 2);
  // Not the same decimal: 1.88 itself is exact.
  CHECK(cache.get(decimal::from_digits(188, 2), 2, brief).view() == "1.88");
  CHECK(calls == 3);
  CHECK(cache.size() == 3);
  // Too long to keep: written every time, and not kept.
  CHECK(cache.get(share, 3, long_text).view() == "1.875000000000000000000000000000");
  CHECK(cache.get(share, 3, long_text).size == 32);
  CHECK(calls == 5);
  CHECK(cache.size() == 3);
  CHECK(&engine::thread_figure_cache() == &engine::thread_figure_cache());
}
