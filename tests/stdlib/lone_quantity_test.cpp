// The shortcut for lone figures (detail::find_lone_quantity, "96.7%", "60期") against the
// general reading of a cell, field by field, over many generated texts: the shortcut may only
// ever make reading faster, never different.
#include <cstddef>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "stdlib/values.hpp"
#include "stdlib/values_detail.hpp"
#include "tests/stdlib/describe.hpp"

namespace {

using jixiao::values::cell;
using jixiao::values::cell_kind;
using jixiao::values::parse_cell_into;
using jixiao::values::quantity_list;
using jixiao::values::detail::find_lone_quantity;
using jixiao::values::detail::parse_cell_general_into;
using jixiao::values::testing::describe_all;
using jixiao::values::testing::describe_cell;
using jixiao::values::testing::kind_name;

// Prefix × figure × suffix: signs, decimals, separators, years, long figures, full-width
// digits, comparators, every unit of the table and its aliases, counter words that are not
// units, suffix comparators, ranges, dates, spaces, line breaks and broken UTF-8.
std::vector<std::string> generated_texts() {
  const std::vector<std::string> prefixes = {
      "", " ", "≥", "≤", ">", "<=", "不少于", "约", "第", "a", "（", "-", "+", "　", "\n", "完成",
  };
  const std::vector<std::string> figures = {
      "0", "7", "10", "96.7", "100", "0.00", "007", "60", "227.91", "1900", "2020", "2100",
      "2101", "1899", "2020.5", "1234.5", "123.45", "12345", "1,000", "12,345.67", "1,2345",
      "10,20", "1,000,000", "5.", ".5", "1.2.3", "1234567890123456", "12345678901234567",
      "1234567890123456789012345678901", "99999999999999999999.5", "９６", "5５", "3\n0",
  };
  std::vector<std::string> suffixes = {
      "", "%", "％", "%%", "%以上", "及以上", "以内", "余家", "多家", "家次以上", "-3家", "～20%",
      "-2021", " 家", "家 ", "家\n", "\n家", "年9月", "年", "月", "个月内", "期完成", "季度", "半年",
      "x", "G", "、", ".", "．", "）", ")", "\xE6\x9C", "\xFF", "\xE6", "的人数", "人和5家",
      "万", "万元整", "千", "平方", "个百", "百分点以上", "家/", "/年", "至5人", "到10",
  };
  for (const char* unit : {
           "元", "千元", "万元", "亿元", "百分点", "个", "项", "次", "场", "场次", "篇", "期",
           "批次", "批", "家", "家次", "位", "名", "人", "人次", "本", "份", "册", "件", "套",
           "台", "处", "所", "座", "条", "部", "类", "种", "户", "轮", "天", "周", "周年", "小时",
           "分钟", "个月", "年", "工作日", "平方米", "平方公里", "公顷", "亩", "公里", "千米",
           "米", "吨", "课时", "学时", "届", "组", "张", "支", "辆", "门", "节", "集", "岁",
           "万人次", "亿人次", "万人", "万册", "万份", "万件", "万个", "万户", "万次", "万平方米",
           "万吨", "万套", "百分比", "个百分点", "个工作日",
       }) {
    suffixes.emplace_back(unit);
    suffixes.push_back(std::string(unit) + "以上");
    suffixes.push_back(std::string(unit) + "x");
  }
  std::vector<std::string> texts;
  for (const std::string& p : prefixes) {
    for (const std::string& f : figures) {
      for (const std::string& s : suffixes) {
        texts.push_back(p + f + s);
      }
    }
  }
  return texts;
}

}  // namespace

TEST_CASE("the shortcut for lone figures reads every cell as the general reading does",
          "[stdlib][cell]") {
  const std::vector<std::string> texts = generated_texts();
  // One cell read over and over, as the cell cache does: nothing of an earlier reading may
  // remain.
  cell fast;
  std::size_t shortcut = 0;
  std::size_t differing = 0;
  for (const int year : {2019, 2021}) {
    for (const std::string& text : texts) {
      const bool fast_year = parse_cell_into(text, year, fast);
      cell general;
      const bool general_year = parse_cell_general_into(text, year, general);
      const std::string fast_reading = describe_cell(fast);
      const std::string general_reading = describe_cell(general);
      if (fast_reading != general_reading || fast_year != general_year) {
        // The first few, to say what went wrong; the count says how much.
        if (++differing <= 5) {
          UNSCOPED_INFO(text << ": " << fast_reading << " (used form year " << fast_year << ") against "
                             << general_reading << " (used form year " << general_year << ")");
        }
      }
      quantity_list found;
      if (find_lone_quantity(jixiao::values::parse_cell(text, year).text, found)) {
        ++shortcut;
      }
    }
  }
  CHECK(differing == 0);
  // Not vacuous: a good share of the texts take the shortcut.
  CHECK(shortcut > 1000);
  CHECK(shortcut < texts.size());
}

TEST_CASE("the shortcut reads the common varying figures", "[stdlib][cell]") {
  const auto [text, taken, kind, quantities] = GENERATE(table<const char*, bool, const char*, const char*>({
      {"96.7%", true, "quantity", "0.967 %"},
      {"100%", true, "quantity", "1 %"},
      {"60期", true, "quantity", "60 期"},
      {"32次", true, "quantity", "32 次"},
      {"227.91万元", true, "quantity", "227.91 万元"},
      {"5个工作日", true, "quantity", "5 工作日"},
      {"12,345元", true, "quantity", "12345 元"},
      {"12,345.67元", false, "quantity", "12345.67 元"},
      {"0", true, "nothing", "0"},
      {"0个", true, "nothing", "0 个"},
      {"85", true, "quantity", "85"},
      {"2020", false, "quantity", "2020"},
      {"3个月", false, "quantity", "3 个月"},
      {"2020年9月完成", false, "date", ""},
      {"≥90%", true, "quantity", "≥0.9 %"},
      {"不少于6项", true, "quantity", "≥6 项"},
      {"≤211.03万元", true, "quantity", "≤211.03 万元"},
      {"1000人次以上", true, "quantity", "≥1000 人次"},
      {"不少于5个以上", true, "quantity", "≥5 个"},
      {"5天内", true, "quantity", "≤5 天"},
      {"≥ 90%", false, "quantity", "≥0.9 %"},
      {"至少于5个", false, "quantity", "<5 个"},
      {"≥2-3家", false, "quantity", "≥2..3 家"},
      {"30余家", false, "quantity", ">30 家"},
      {"96.7%以上", true, "quantity", "≥0.967 %"},
  }));
  CAPTURE(text);
  quantity_list found;
  CHECK(find_lone_quantity(text, found) == taken);
  cell c;
  parse_cell_into(text, 2020, c);
  CHECK(kind_name(c.kind) == kind);
  CHECK(describe_all(c.quantities) == quantities);
  if (taken) {
    REQUIRE(c.quantities.size() == 1);
    CHECK(c.quantities.front().text == text);
    CHECK(c.quantities.front().noun.empty());
  }
}
