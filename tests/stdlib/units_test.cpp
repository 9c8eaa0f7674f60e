// Comparators, units, nouns and the pairing of actual quantities with their targets.
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "stdlib/values.hpp"
#include "tests/stdlib/describe.hpp"

namespace {

using jixiao::decimal;
using jixiao::values::comparator;
using jixiao::values::match_quantities;
using jixiao::values::parse_cell;
using jixiao::values::symbol;
using jixiao::values::unit_factor;
using jixiao::values::testing::describe_all;

std::string matches_of(const char* actual, const char* target) {
  const auto m = match_quantities(parse_cell(actual, 2021), parse_cell(target, 2021));
  std::string out;
  for (const auto& index : m) {
    if (!out.empty()) {
      out += " ";
    }
    out += index ? std::to_string(*index) : "-";
  }
  return out;
}

std::string nouns_of(const char* text) {
  std::string out;
  for (const auto& q : parse_cell(text, 2021).quantities) {
    if (!out.empty()) {
      out += "|";
    }
    out += q.noun;
  }
  return out;
}

}  // namespace

TEST_CASE("comparator symbols", "[stdlib][units]") {
  CHECK(symbol(comparator::none).empty());
  CHECK(symbol(comparator::equal) == "=");
  CHECK(symbol(comparator::at_least) == "≥");
  CHECK(symbol(comparator::greater) == ">");
  CHECK(symbol(comparator::at_most) == "≤");
  CHECK(symbol(comparator::less) == "<");
}

TEST_CASE("comparators in symbols and words", "[stdlib][units]") {
  const auto [text, expected] = GENERATE(table<const char*, const char*>({
      {"≥90%", "≥0.9 %"},
      {">=90%", "≥0.9 %"},
      {"＞=90%", "≥0.9 %"},
      {"≧90%", "≥0.9 %"},
      {"≤1次", "≤1 次"},
      {"<=1次", "≤1 次"},
      {">5场", ">5 场"},
      {"＞5场", ">5 场"},
      {"大于5场", ">5 场"},
      {"高于5场", ">5 场"},
      {"超过5场", ">5 场"},
      {"超5场", ">5 场"},
      {"<5场", "<5 场"},
      {"＜5场", "<5 场"},
      {"小于5场", "<5 场"},
      {"低于5场", "<5 场"},
      {"=5场", "=5 场"},
      {"＝5场", "=5 场"},
      {"等于5场", "=5 场"},
      {"不少于5场", "≥5 场"},
      {"不低于5场", "≥5 场"},
      {"至少5场", "≥5 场"},
      {"大于等于5场", "≥5 场"},
      {"不小于5场", "≥5 场"},
      {"不超过5场", "≤5 场"},
      {"不高于5场", "≤5 场"},
      {"不多于5场", "≤5 场"},
      {"至多5场", "≤5 场"},
      {"小于等于5场", "≤5 场"},
      {"不大于5场", "≤5 场"},
      {"5场以上", "≥5 场"},
      {"5场及以上", "≥5 场"},
      {"5场以下", "≤5 场"},
      {"30万元以内", "≤30 万元"},
      {"4个月内完成主题选取", "≤4 个月"},
      {"3天内", "≤3 天"},
      {"10个内容", "10 个"},
      {"满意度大于90%", ">0.9 %"},
      {"满意度≥90%以上", "≥0.9 %"},
  }));
  DYNAMIC_SECTION(text) {
    CHECK(describe_all(parse_cell(text, 2021).quantities) == expected);
  }
}

TEST_CASE("counter words and units, longest first", "[stdlib][units]") {
  const auto [text, expected] = GENERATE(table<const char*, const char*>({
      {"1000家次", "1000 家次"},
      {"10家", "10 家"},
      {"2批次", "2 批次"},
      {"2批", "2 批"},
      {"3个月", "3 个月"},
      {"3个", "3 个"},
      {"500人次", "500 人次"},
      {"5人", "5 人"},
      {"8位", "8 位"},
      {"8名", "8 名"},
      {"1本", "1 本"},
      {"2册", "2 册"},
      {"3件", "3 件"},
      {"1套", "1 套"},
      {"2台", "2 台"},
      {"3处", "3 处"},
      {"2所", "2 所"},
      {"1座", "1 座"},
      {"6条", "6 条"},
      {"1部", "1 部"},
      {"4类", "4 类"},
      {"3种", "3 种"},
      {"50户", "50 户"},
      {"2轮", "2 轮"},
      {"10天", "10 天"},
      {"3周", "3 周"},
      {"4小时", "4 小时"},
      {"3年", "3 年"},
      {"100平方米", "100 平方米"},
      {"5公里", "5 公里"},
      {"20米", "20 米"},
      {"3吨", "3 吨"},
      {"40课时", "40 课时"},
      {"16学时", "16 学时"},
      {"2名35岁以下青年杰出工程师", "2 名, ≤35 岁"},
      {"10篇", "10 篇"},
      {"12期", "12 期"},
      {"2场", "2 场"},
      {"3次", "3 次"},
      {"2项", "2 项"},
      {"1份", "1 份"},
      {"498万元", "498 万元"},
      {"8086475.64元", "8086475.64 元"},
      {"1.2亿元", "1.2 亿元"},
      {"5%", "0.05 %"},
      {"12.5%", "0.125 %"},
      {"≥100百分比", "≥1 %"},
      {"10%-20%", "0.1..0.2 %"},
      {"2-3家", "2..3 家"},
      {"10～20人", "10..20 人"},
      {"5至10人", "5..10 人"},
      {"1,000家", "1000 家"},
      {"42", "42"},
      {"2000", "2000"},
      {"2021京华大地上的杰出工程师巡礼", ""},
      {"3.5", "3.5"},
      // Ordinals, list markers and identifiers are not quantities.
      {"第22届高交会", ""},
      {"1.氢能技术", ""},
      {"1、形成机制", ""},
      {"（1）军民科技成果转化", ""},
      {"5G基站", ""},
      // Chinese numerals are not read (a known limitation).
      {"一次", ""},
      {"两场", ""},
  }));
  DYNAMIC_SECTION(text) {
    CHECK(describe_all(parse_cell(text, 2021).quantities) == expected);
  }
}

TEST_CASE("the matched text of a quantity", "[stdlib][units]") {
  const auto c = parse_cell("组织巡展不少于5场，服务企业1000家次以上", 2021);
  REQUIRE(c.quantities.size() == 2);
  CHECK(c.quantities[0].text == "不少于5场");
  CHECK(c.quantities[1].text == "1000家次以上");
}

TEST_CASE("what a quantity counts", "[stdlib][units]") {
  const auto [text, nouns] = GENERATE(table<const char*, const char*>({
      {"10位杰出工程师，1位青年杰出工程师", "杰出工程师|青年杰出工程师"},
      {"发现10位杰出工程师和1位青年杰出工程师", "杰出工程师|青年杰出工程师"},
      {"发现10位杰出\n工程师和1位\n青年杰出工程\n师", "杰出工程师|青年杰出工程师"},
      {"志愿服务体系建设、平台建设得到提升，新建首都科技志愿服务站2-3家", "新建首都科技志愿服务站"},
      {"开展科技志愿服务“三进”活动14场；新建首都科技志愿服务站1家", "活动|新建首都科技志愿服务站"},
      {"满意度大于90%", "满意度"},
      {"服务企业1000家次以上", "服务企业"},
      {"提供不少于15次的线上、线下政策宣讲服务", "线上"},
      {"进企业活动7场、进校园活动5场、进社区活动2场", "进企业活动|进校园活动|进社区活动"},
      {"新建2家国防单位对接渠道", "国防单位对接渠道"},
      {"≥90%", ""},
  }));
  DYNAMIC_SECTION(text) {
    CHECK(nouns_of(text) == nouns);
  }
}

TEST_CASE("unit_factor converts money and rejects other units", "[stdlib][units]") {
  const auto factor = [](const char* from, const char* to) {
    const auto f = unit_factor(from, to);
    return f ? f->to_string() : std::string("none");
  };
  CHECK(factor("万元", "元") == "10000");
  CHECK(factor("元", "万元") == "0.0001");
  CHECK(factor("亿元", "万元") == "10000");
  CHECK(factor("万元", "亿元") == "0.0001");
  CHECK(factor("千元", "元") == "1000");
  CHECK(factor("个", "个") == "1");
  CHECK(factor("%", "%") == "1");
  CHECK(factor("", "万元") == "1");
  CHECK(factor("项", "") == "1");
  CHECK(factor("个", "项") == "none");
  CHECK(factor("场", "次") == "none");
  CHECK(factor("家次", "次") == "none");
  CHECK(factor("家次", "家") == "none");
  CHECK(factor("%", "元") == "none");
  CHECK(factor("万人次", "人次") == "10000");
  CHECK(factor("公里", "米") == "1000");
  CHECK(factor("位", "名") == "1");
  CHECK(factor("人", "位") == "1");
  CHECK(unit_factor("元", "万元") == decimal::fraction(1, 10000));
}

TEST_CASE("match_quantities pairs actuals with targets", "[stdlib][units]") {
  const auto [actual, target, expected] = GENERATE(table<const char*, const char*, const char*>({
      {"发现10位杰出工程师和1位青年杰出工程师", "10位杰出工程师，1位青年杰出工程师", "0 1"},
      // The actual names them in the other order: matched by noun, not position.
      {"1位青年杰出工程师和10位杰出工程师", "10位杰出工程师，1位青年杰出工程师", "1 0"},
      {"开展志愿服务体系建设，开展科技志愿服务“三进”活动14场；组织服务站参与前沿技术创新圆桌会"
       "议，使平台建设得到提升，新建首都科技志愿服务站1家",
       "志愿服务体系建设、平台建设得到提升，新建首都科技志愿服务站2-3家", "1"},
      {"组织17场服务央企（院）等创新主体的政策宣讲，参加宣讲企业总计2000家次以上",
       "为在京央企、科技型民营企业、高校院所等科技创新主体提供不少于15次的线上、线下政策宣讲服"
       "务，服务企业1000家次以上",
       "- 1"},
      {"分析关键技术2项", "不少于6项，形成分析报告", "0"},
      {"未形成分析报告", "不少于3个，形成分析报告", "-"},
      {"0", "≤1次", "0"},
      {"100%", "≥90%", "0"},
      {"371.9618万元", "498万元主要用于杰出工程师和青年杰出工程师发现、服务与促进", "0"},
      {"3718000元", "≤498万元", "0"},
      {"28个", "15个", "0"},
      {"合规", "合规", ""},
      {"7场", "≥5场，≥3次", "0 -"},
      // Each actual is used once.
      {"5场", "≥5场，≥3场", "0 -"},
      // One and one: paired whatever the nouns, unless the units cannot convert.
      {"培训12场", "举办讲座10场", "0"},
      {"12人", "10位专家", "0"},
      {"12场", "≥10人", "-"},
      {"3.5公里", "3000米", "0"},
      {"3.5公顷", "3000米", "-"},
  }));
  DYNAMIC_SECTION(target << " ← " << actual) {
    CHECK(matches_of(actual, target) == expected);
  }
}
