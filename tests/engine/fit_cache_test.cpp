// Fitting text to report columns, and the per-thread memo the score report looks fits up in:
// an answer from the memo is always fit_width's, whatever was looked up before.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/fit_cache.hpp"
#include "engine/fit_text.hpp"

namespace engine = jixiao::engine;

namespace {

bool same(const engine::text_fit& a, const engine::text_fit& b) {
  return a.whole == b.whole && a.cut == b.cut && a.used == b.used;
}

}  // namespace

TEST_CASE("fit_width measures Chinese labels and cuts them before a column for the ellipsis") {
  // Eight ideographs, two spaces and "›": 19 columns.
  const auto whole = engine::fit_width("产出指标 › 数量指标", 40);
  CHECK(whole.whole);
  CHECK(whole.cut == 29);
  CHECK(whole.used == 19);
  // Ten columns: four ideographs take eight, the fifth would leave none for "…".
  const auto cut = engine::fit_width("满意度指标 › 服务对象满意度指标", 10);
  CHECK_FALSE(cut.whole);
  CHECK(cut.cut == 12);
  CHECK(cut.used == 8);
  CHECK(engine::fit_text("满意度指标 › 服务对象满意度指标", 10) == "满意度指…");
  // A last wide character does not fit in the ellipsis' column; a combining mark does.
  CHECK_FALSE(engine::fit_width("abcdefghi中", 10).whole);
  CHECK(engine::fit_width("abcdefghij\xCC\x81", 10).whole);
  CHECK(engine::fit_width("", 10).used == 0);
}

TEST_CASE("fit_cache answers as fit_width does, for texts kept, forgotten and never kept") {
  engine::fit_cache cache;
  std::vector<std::string> texts;
  // Labels alike but for a few bytes in the middle, which is where generated and real labels
  // differ ("… › 报告完成率", "… › 会议完成率").
  const std::vector<std::string> names = {"报告", "会议", "课题", "成果", "巡展", "调研", "a", "‍", "\xE5\x80"};
  for (const auto& l1 : {"产出指标", "效益指标", "满意度指标"})
    for (const auto& l2 : {"数量指标", "质量指标", "服务对象满意度指标"})
      for (const auto& name : names)
        for (const auto& tail : {"完成率", "完成时间", "数量", "", "数量数量数量数量数量数量数量"})
          texts.push_back(std::string(l1) + " › " + l2 + " › " + name + tail);
  // Short, empty, ASCII, malformed and too long to keep.
  for (const auto& t : {"", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "中", "—", "\xFF\xFE", "\xE4\xB8"})
    texts.push_back(t);
  texts.push_back(std::string(300, 'x'));
  texts.push_back(std::string(engine::fit_cache::longest, 'y'));
  // Five widths of each text are kept: more than the cache holds, so it is forgotten at least once.
  REQUIRE(texts.size() * 5 > engine::fit_cache::slot_count);

  std::size_t checked = 0;
  std::size_t most_kept = 0;
  for (int round = 0; round < 3; ++round) {
    for (const auto& text : texts) {
      for (const std::size_t width : {std::size_t{0}, std::size_t{1}, std::size_t{10}, std::size_t{40}, std::size_t{255},
                                      std::size_t{300}}) {
        const auto expected = engine::fit_width(text, width);
        const auto got = cache.fit(text, width);
        if (!same(got, expected)) FAIL("'" << text << "' in " << width << " columns");
        ++checked;
      }
      most_kept = std::max(most_kept, cache.size());
    }
  }
  CHECK(checked == texts.size() * 18);
  CHECK(most_kept <= engine::fit_cache::slot_count / 2);
  CHECK(cache.size() < most_kept);
}

TEST_CASE("fit_cache is forgotten when half its slots are taken") {
  engine::fit_cache cache;
  const std::size_t limit = engine::fit_cache::slot_count / 2;
  for (std::size_t i = 0; i < limit; ++i) cache.fit("k" + std::to_string(i), 10);
  CHECK(cache.size() == limit);
  // Kept texts are found, not added again.
  for (std::size_t i = 0; i < limit; ++i) cache.fit("k" + std::to_string(i), 10);
  CHECK(cache.size() == limit);
  // One more starts again from nothing.
  CHECK(cache.fit("one more", 10).used == 8);
  CHECK(cache.size() == 1);
  CHECK(cache.fit("k1", 10).used == 2);
  CHECK(cache.size() == 2);
}

TEST_CASE("fit_cache keeps one entry per text and width") {
  engine::fit_cache cache;
  CHECK(cache.size() == 0);
  CHECK(cache.fit("服务对象满意度", 40).used == 14);
  CHECK(cache.fit("服务对象满意度", 40).used == 14);
  CHECK(cache.size() == 1);
  CHECK(cache.fit("服务对象满意度", 10).used == 8);
  CHECK(cache.size() == 2);
  // Too long to keep, or too wide a column: measured, not kept.
  CHECK(cache.fit(std::string(256, 'z'), 40).cut == 39);
  CHECK(cache.fit("服务对象满意度", 256).whole);
  CHECK(cache.size() == 2);
  CHECK(&engine::thread_fit_cache() == &engine::thread_fit_cache());
}

TEST_CASE("fit_width cuts an indented text where it cuts the text in the columns left after the indent") {
  // The score report fits a group member's name to 38 columns and writes two spaces before it,
  // rather than fitting the name behind two spaces to 40. (With fewer than three columns the
  // second space itself would not fit.)
  const std::vector<std::string> names = {"", "a", "服务对象满意度", "服务对象满意度指标服务对象满意度指标服务对象",
                                          "abcdefghijklmnopqrstuvwxyz0123456789abcdef", "中\xCC\x81文", "\xE5\x80",
                                          "报告完成率‍报告完成率报告完成率报告完成率报告"};
  for (const auto& name : names) {
    for (std::size_t width = 3; width <= 44; ++width) {
      const auto indented = engine::fit_width("  " + name, width);
      const auto fitted = engine::fit_width(name, width - 2);
      if (indented.whole != fitted.whole || indented.cut != fitted.cut + 2 || indented.used != fitted.used + 2)
        FAIL("'" << name << "' in " << width << " columns");
    }
  }
  CHECK(engine::fit_text("  服务对象满意度指标服务对象满意度指标服务对象", 40) ==
        "  " + engine::fit_text("服务对象满意度指标服务对象满意度指标服务对象", 38));
}
