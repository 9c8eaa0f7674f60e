// Dates and deadlines in cells, with the form's year implied (DOMAIN.md §3), and the
// timeliness comparisons of seed 001 and 002.
#include <string>

#include <catch2/catch.hpp>

#include "stdlib/values.hpp"
#include "tests/stdlib/describe.hpp"

namespace {

using jixiao::values::date_value;
using jixiao::values::months_late;
using jixiao::values::parse_cell;
using jixiao::values::testing::describe;
using jixiao::values::testing::describe_all;
using jixiao::values::testing::kind_name;

std::string latest(const char* text, int form_year) {
  const auto d = parse_cell(text, form_year).latest_date();
  return d ? describe(*d) : "none";
}

}  // namespace

TEST_CASE("dates in cells", "[stdlib][dates]") {
  const auto [text, form_year, dates] = GENERATE(table<const char*, int, const char*>({
      {"2021年10月前完成", 2021, "2021-10"},
      {"2021年10月前", 2021, "2021-10"},
      {"12月底完成", 2021, "2021-12"},
      {"12月底前", 2020, "2020-12"},
      {"2021年12月底", 2021, "2021-12"},
      {"2021年12月底前", 2021, "2021-12"},
      {"2021年12月全部完成", 2021, "2021-12"},
      {"2021年底", 2020, "2021-12"},
      {"2021年底前与《Nature》杂志合作举办前沿技术领域创新圆桌会议一次", 2021, "2021-12"},
      {"2021年11月15日前", 2021, "2021-11-15"},
      {"日常推进工作，计划2021年11月15日前完成", 2021, "2021-11-15"},
      {"11月30日前", 2021, "2021-11-30"},
      {"2022年5月21日进行", 2021, "2022-05-21"},
      {"2022年下半年", 2021, "2022-07..12"},
      {"2022年上半年", 2021, "2022-01..06"},
      {"下半年", 2020, "2020-07..12"},
      {"2021年第二季度", 2021, "2021-04..06"},
      {"第四季度完成", 2021, "2021-10..12"},
      {"2021年第二季度完成40%，第三季度完成70%，第四季度完成100%", 2021,
       "2021-04..06, 2021-07..09, 2021-10..12"},
      {"2021年第二季度完成40%，第四季度完成100%", 2021, "2021-04..06, 2021-10..12"},
      {"35岁以下", 2021, ""},
      {"2021年1月-3月", 2021, "2021-01..03"},
      {"2021年4-9月", 2021, "2021-04..09"},
      {"2021年10月-12月", 2021, "2021-10..12"},
      {"2021年10月-\n12月", 2021, "2021-10..12"},
      {"2021年10月至今", 2021, "2021-10"},
      {"2021年1月-3月，制定项目工作方案；2021年4-9月，开展实地调研、组织凝练需求、课题组织和项"
       "目遴选；2021年10月-12月，组织民口先进技术对接活动，形成工作总结与成果",
       2021, "2021-01..03, 2021-04..09, 2021-10..12"},
      {"2021年1月-3月，制定项目工作方案；2021年4-9月，开展实地调研、组织凝练需求、课题组织和项"
       "目遴选；2021年10月至今，组织民口先进技术对接活动，形成工作总结与成果",
       2021, "2021-01..03, 2021-04..09, 2021-10"},
      {"2021年下半年开始筹备，4个月内完成主题选取、会议筹办等准备工作，预计12月召开", 2021,
       "2021-07..12, 2021-12"},
      {"预计12月召开", 2020, "2020-12"},
      {"2021年7月前至少开展一次、12月前至少开展一次", 2021, "2021-07, 2021-12"},
      // The most recent year written earlier in the cell, not the form's.
      {"2022年3月启动，6月完成", 2021, "2022-03, 2022-06"},
      {"在2021年1月1日至2021年12月31日期间", 2021, "2021-01..12-31"},
      {"2021年1月至2022年3月", 2021, "2021-01, 2022-03"},
      {"2021年度", 2021, "2021-01..12"},
      {"2021-10-15前", 2021, "2021-10-15"},
      {"2021/12", 2021, "2021-12"},
      {"2021.12.31", 2021, "2021-12-31"},
      {"从8月13日起", 2020, "2020-08-13"},
      {"10月份", 2021, "2021-10"},
      {"2024年2月29日", 2021, "2024-02-29"},
      {"2021年2月28日", 2021, "2021-02-28"},
      // Not dates.
      {"4个月内", 2021, ""},
      {"2-3家", 2021, ""},
      {"10-20年", 2021, ""},
      {"2021.5万元", 2021, ""},
      {"13月", 2021, ""},
      {"2021年2月30日前", 2021, ""},
      {"2021年4月31日", 2021, ""},
      {"2021-02-29", 2021, ""},
      {"第三方评估", 2021, ""},
  }));
  DYNAMIC_SECTION(text) {
    const auto c = parse_cell(text, form_year);
    CHECK(describe_all(c.dates) == dates);
  }
}

TEST_CASE("dates never become quantities", "[stdlib][dates]") {
  const auto c = parse_cell("2021年10月前完成", 2021);
  CHECK(kind_name(c.kind) == "date");
  CHECK(c.quantities.empty());
  REQUIRE(c.dates.size() == 1);
  CHECK(c.dates[0].text == "2021年10月前");

  const auto quarters = parse_cell("2021年第二季度完成40%，第三季度完成70%，第四季度完成100%", 2021);
  CHECK(kind_name(quarters.kind) == "quantity");
  CHECK(describe_all(quarters.quantities) == "0.4 %, 0.7 %, 1 %");
  REQUIRE(quarters.latest_date());
  CHECK(quarters.latest_date()->last_month == 12);

  const auto edition = parse_cell("2021年11月底前完成2020杰出工程师活动录播并制作成片", 2021);
  CHECK(kind_name(edition.kind) == "date");
  CHECK(edition.quantities.empty());
}

TEST_CASE("latest_date picks the last month, then the day", "[stdlib][dates]") {
  CHECK(latest("2021年10月前完成", 2021) == "2021-10");
  CHECK(latest("2021年7月底前完成评选工作，2021年9月底前完成前期采访和人物宣传片拍摄工作，2021年"
               "11月底前完成2020杰出工程师活动录播并制作成片",
               2021) == "2021-11");
  CHECK(latest("2021年1月-3月，制定项目工作方案；2021年4-9月，开展实地调研；2021年10月-12月，组"
               "织民口先进技术对接活动",
               2021) == "2021-10..12");
  CHECK(latest("2021年12月15日前，12月", 2021) == "2021-12");
  CHECK(latest("2021年12月15日，2021年12月3日", 2021) == "2021-12-15");
  CHECK(latest("2022年1月，2021年12月", 2021) == "2022-01");
  CHECK(latest("合规", 2021) == "none");
}

TEST_CASE("months_late compares the last months", "[stdlib][dates]") {
  const auto month = [](int year, int first, int last) {
    date_value d;
    d.year = year;
    d.first_month = first;
    d.last_month = last;
    return d;
  };
  CHECK(months_late(month(2021, 12, 12), month(2021, 10, 10)) == 2);
  CHECK(months_late(month(2021, 10, 10), month(2021, 12, 12)) == 0);
  CHECK(months_late(month(2022, 7, 12), month(2021, 12, 12)) == 12);
  CHECK(months_late(month(2022, 1, 1), month(2021, 11, 11)) == 2);
  CHECK(months_late(month(2021, 10, 12), month(2021, 10, 12)) == 0);

  // Seed 001 中俄技术交流活动: "2021年10月前完成" → "12月底完成", two months late.
  const auto target = parse_cell("2021年10月前完成", 2021).latest_date();
  const auto actual = parse_cell("12月底完成", 2021).latest_date();
  REQUIRE(target);
  REQUIRE(actual);
  CHECK(months_late(*actual, *target) == 2);

  // Seed 001 Nature 圆桌会议: "预计12月召开" → "2022年下半年".
  const auto meeting = parse_cell(
      "2021年下半年开始筹备，4个月内完成主题选取、会议筹办等准备工作，预计12月召开", 2021);
  const auto held = parse_cell("2022年下半年", 2021);
  CHECK(months_late(*held.latest_date(), *meeting.latest_date()) == 12);

  // Seed 002 工作完成时间: the actual is still going on in October, not late.
  const auto plan = parse_cell(
      "2021年1月-3月，制定项目工作方案；2021年4-9月，开展实地调研、组织凝练需求、课题组织和项目遴"
      "选；2021年10月-12月，组织民口先进技术对接活动，形成工作总结与成果",
      2021);
  const auto done = parse_cell(
      "2021年1月-3月，制定项目工作方案；2021年4-9月，开展实地调研、组织凝练需求、课题组织和项目遴"
      "选；2021年10月至今，组织民口先进技术对接活动，形成工作总结与成果",
      2021);
  REQUIRE(plan.latest_date());
  REQUIRE(done.latest_date());
  CHECK(describe(*plan.latest_date()) == "2021-10..12");
  CHECK(done.latest_date()->last_month == 10);
  CHECK(months_late(*done.latest_date(), *plan.latest_date()) == 0);
}

// The scorer keeps one cell per text for forms of every year unless the reading consulted the
// form's year; a wrong "no" would give a form another year's dates.
TEST_CASE("whether reading a cell consulted the form's year", "[stdlib][dates]") {
  const auto [text, consulted] = GENERATE(table<const char*, bool>({
      {"60期", false},
      {"合规", false},
      {"", false},
      {"不适用", false},
      {"2021年10月前", false},
      {"2021年4-9月", false},
      {"2021年底", false},
      {"2021-10-15", false},
      {"2021年下半年开始筹备，预计12月召开", false},  // 12月 takes 2021 from the text
      {"12月底", true},
      {"年底", true},
      {"第二季度", true},
      {"下半年", true},
      {"2月29日", true},
      {"完成时间：11月", true},
      {"12月召开，2022年验收", true},  // the month comes before any year
  }));
  CAPTURE(text);
  jixiao::values::cell c;
  CHECK(jixiao::values::parse_cell_into(text, 2021, c) == consulted);
}

TEST_CASE("a month without a year reads differently in another year's form", "[stdlib][dates]") {
  // 2020 is a leap year: 2月29日 is a date in a 2020 form and two numbers in a 2021 one.
  CHECK(describe_all(parse_cell("2月29日前", 2020).dates) == "2020-02-29");
  CHECK(parse_cell("2月29日前", 2021).dates.empty());
  CHECK(describe_all(parse_cell("2月29日前", 2021).quantities) == "2, 29");
}

TEST_CASE("a cell read over another equals a cell read afresh", "[stdlib][dates]") {
  jixiao::values::cell c;
  jixiao::values::parse_cell_into("2021年3月前完成12个和5家", 2021, c);
  REQUIRE(c.dates.size() == 1);
  REQUIRE(c.quantities.size() == 2);
  const auto [text, year] = GENERATE(table<const char*, int>({
      {"60期", 2021},
      {"12月底前完成3场", 2020},
      {"  不适用 ", 2021},
      {"", 2021},
      {"合规", 2021},
  }));
  CAPTURE(text);
  jixiao::values::parse_cell_into(text, year, c);
  const auto fresh = parse_cell(text, year);
  CHECK(c.text == fresh.text);
  CHECK(kind_name(c.kind) == kind_name(fresh.kind));
  CHECK(describe_all(c.quantities) == describe_all(fresh.quantities));
  CHECK(describe_all(c.dates) == describe_all(fresh.dates));
}

TEST_CASE("a cell read again from its own text", "[stdlib][dates]") {
  jixiao::values::cell c;
  jixiao::values::parse_cell_into("  2021年3月前完成12个和5家　", 2021, c);
  // The text is a view into the cell being read over.
  jixiao::values::parse_cell_into(c.text, 2021, c);
  CHECK(c.text == "2021年3月前完成12个和5家");
  CHECK(describe_all(c.dates) == "2021-03");
  CHECK(describe_all(c.quantities) == "12 个, 5 家");
}
