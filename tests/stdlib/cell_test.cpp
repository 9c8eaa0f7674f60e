// Every target (年度指标值) and actual (实际完成值) of the seed forms that is not plain
// prose, read by parse_cell with the form's year.
#include <string>

#include <catch2/catch.hpp>

#include "stdlib/values.hpp"
#include "tests/stdlib/describe.hpp"

namespace {

using jixiao::values::cell_kind;
using jixiao::values::parse_cell;
using jixiao::values::testing::describe_all;
using jixiao::values::testing::kind_name;

}  // namespace

TEST_CASE("parse_cell reads the kind and quantities of seed cells", "[stdlib][cell]") {
  const auto [text, kind, quantities] = GENERATE(table<const char*, const char*, const char*>({
      // seed 000
      {"不少于6项，形成分析报告", "quantity", "≥6 项"},
      {"分析关键技术2项", "quantity", "2 项"},
      {"未形成分析报告", "nothing", ""},
      {"不少于3个，形成分析报告", "quantity", "≥3 个"},
      {"形成分析报告", "text", ""},
      {"形成分析报告1篇", "quantity", "1 篇"},
      {"10位杰出工程师，1位青年杰出工程师", "quantity", "10 位, 1 位"},
      {"发现10位杰出工程师和1位青年杰出工程师", "quantity", "10 位, 1 位"},
      {"形成年度汇编1本", "quantity", "1 本"},
      {"扩大宣传杰出工程师创新成果与先进事迹，组织巡展不少于5场", "quantity", "≥5 场"},
      {"组织巡展2场", "quantity", "2 场"},
      {"志愿服务体系建设、平台建设得到提升，新建首都科技志愿服务站2-3家", "quantity",
       "2..3 家"},
      {"开展志愿服务体系建设，开展科技志愿服务“三进”活动14场；组织服务站参与前沿技术创新圆桌"
       "会议，使平台建设得到提升，新建首都科技志愿服务站1家",
       "quantity", "14 场, 1 家"},
      {"整体工作进度已完成80%", "quantity", "0.8 %"},
      {"498万元主要用于杰出工程师和青年杰出工程师发现、服务与促进；形成央企技术创新分析报告；"
       "重点领域、关键技术的报告",
       "quantity", "498 万元"},
      {"371.9618万元", "quantity", "371.9618 万元"},
      {"通过纸媒、电视台、新媒体宣传展示杰出工程师及青年杰出工程师创新事迹，并线下组织巡展不少"
       "于5场、交流活动不少于3场，展现其在全国科技创新中心建设中做出的突出贡献以及感人至深的先"
       "进事迹",
       "quantity", "≥5 场, ≥3 场"},
      {"已组织2场巡展", "quantity", "2 场"},
      {"评议产生了11位杰出工程师和2位青年杰出工程师，深入了解了创新型央企（院）的创新动态",
       "quantity", "11 位, 2 位"},
      {"≥90%", "quantity", "≥0.9 %"},
      {"100%", "quantity", "1 %"},
      {"2021年第二季度完成40%，第三季度完成70%，第四季度完成100%", "quantity",
       "0.4 %, 0.7 %, 1 %"},
      {"2021年第一季度完成20%，第二季度完成50%，第三季度完成70%，第四季度完成100%", "quantity",
       "0.2 %, 0.5 %, 0.7 %, 1 %"},
      {"2021年7月底前完成评选工作，2021年9月底前完成前期采访和人物宣传片拍摄工作，2021年11月底"
       "前完成2020杰出工程师活动录播并制作成片",
       "date", ""},
      // seed 001
      {"3次", "quantity", "3 次"},
      {"1次", "quantity", "1 次"},
      {"10家", "quantity", "10 家"},
      {"1项", "quantity", "1 项"},
      {"为在京央企、科技型民营企业、高校院所等科技创新主体提供不少于15次的线上、线下政策宣讲服"
       "务，服务企业1000家次以上",
       "quantity", "≥15 次, ≥1000 家次"},
      {"组织17场服务央企（院）等创新主体的政策宣讲，参加宣讲企业总计2000家次以上", "quantity",
       "17 场, ≥2000 家次"},
      {"不低于2批次", "quantity", "≥2 批次"},
      {"2批次", "quantity", "2 批次"},
      {"发掘、设计央企应用场景项目10项", "quantity", "10 项"},
      {"1份", "quantity", "1 份"},
      {"≥60期", "quantity", "≥60 期"},
      {"98期", "quantity", "98 期"},
      {"未完成", "nothing", ""},
      {"≥5场", "quantity", "≥5 场"},
      {"1000家次以上", "quantity", "≥1000 家次"},
      {"达到预期目标", "text", ""},
      {"两批次近3000家企业对其新技术新产品进行申报，为打造出创新氛围提供一定支撑", "quantity",
       "3000 家"},
      {"经过2轮征集华能清能院、航材院、国家电投技术研究院等30余家央企（院）主题，凝练为1.氢能——"
       "10-20年氢能技术发展与产业化2.新型储能技术发展与展望3.“双碳”目标下二氧化碳捕集与利用",
       "quantity", "2 轮, >30 家, 10..20 年"},
      {"2021年12月全部完成", "date", ""},
      {"2021年11月15日前", "date", ""},
      {"2022年下半年", "date", ""},
      {"2021年12月底前", "date", ""},
      {"2021年10月前", "date", ""},
      {"12月底完成", "date", ""},
      {"492万元。主要用于国际学术交流活动", "quantity", "492 万元"},
      {"375.5442万元", "quantity", "375.5442 万元"},
      {"不少于3次，数控技术领域产学研合作得到提升", "quantity", "≥3 次"},
      {"开展远程技术交流3次，针对伺服驱动装置的结构设计改进等进行技术探讨", "quantity", "3 次"},
      {"1000个以上", "quantity", "≥1000 个"},
      {"认定超1000个新技术和新产品", "quantity", ">1000 个"},
      {"得到提升，便利中央在京创新主体更好更快地了解最新科技政策和规定", "text", ""},
      {"不少于10家，重点领域央企相关科技创新现状得到有效跟踪和总结", "quantity", "≥10 家"},
      {"≥1项", "quantity", "≥1 项"},
      {"进行对接交流与研讨不少于5场，协同创新发展", "quantity", "≥5 场"},
      {"中国铁塔、航天五院502所、华能清能院、北京长城计量测试技术研究所等10家央企院表示科技政策"
       "、人才、学术交流取得较好效果",
       "quantity", "502 所, 10 家"},
      // seed 002
      {"15个", "quantity", "15 个"},
      {"28个", "quantity", "28 个"},
      {"8次", "quantity", "8 次"},
      {"20项", "quantity", "20 项"},
      {"新建2家国防单位对接渠道", "quantity", "2 家"},
      {"梳理2个新兴领域军地科技资源并成功组织对接活动", "quantity", "2 个"},
      {"0", "nothing", "0"},
      {"预算总数380万元，用于：（1）军民科技成果转化促进服务：一是梳理整合新兴领域资源情况",
       "quantity", "380 万元"},
      {"军民科技协同创新平台建设", "text", ""},
      {"服务在京高校、科研院所、国防科研单位及新兴领域民口单位，满意度大于90%", "quantity",
       ">0.9 %"},
      // seed 004
      {"1", "quantity", "1"},
      {"1个", "quantity", "1 个"},
      {"10", "quantity", "10"},
      {"7", "quantity", "7"},
      {"合规", "text", ""},
      {"顺利完成", "text", ""},
      {"及时", "text", ""},
      {"当年完成", "text", ""},
      {"正常运行", "text", ""},
      {"有效保障", "text", ""},
      {"得到提升", "text", ""},
      {"不超过全年预算数", "text", ""},
      {"未超过全年预算数", "text", ""},
      {"不适用", "not_applicable", ""},
      {"—", "not_applicable", ""},
      {"≤1次", "quantity", "≤1 次"},
      {"90%", "quantity", "0.9 %"},
      // DOMAIN.md §3
      {"≤90万元", "quantity", "≤90 万元"},
      {"=100%", "quantity", "=1 %"},
      {"≥100百分比", "quantity", "≥1 %"},
      {"", "absent", ""},
      {"   ", "absent", ""},
      {"/", "not_applicable", ""},
      {"-", "not_applicable", ""},
      {"－", "not_applicable", ""},
      {"／", "not_applicable", ""},
  }));
  DYNAMIC_SECTION(text) {
    const auto c = parse_cell(text, 2021);
    CHECK(kind_name(c.kind) == kind);
    CHECK(describe_all(c.quantities) == quantities);
  }
}

TEST_CASE("parse_cell: phrases that mean nothing was achieved", "[stdlib][cell]") {
  const auto [text, kind] = GENERATE(table<const char*, const char*>({
      {"未完成", "nothing"},
      {"未形成分析报告", "nothing"},
      {"未开展", "nothing"},
      {"未达到", "nothing"},
      {"未达成", "nothing"},
      {"未实现", "nothing"},
      {"未举办", "nothing"},
      {"未召开", "nothing"},
      {"未启动", "nothing"},
      {"未验收", "nothing"},
      {"无", "nothing"},
      {"0", "nothing"},
      {"0个", "nothing"},
      {"因疫情原因未开展", "nothing"},
      {"未达到90%", "nothing"},
      // A comparator or a non-zero makes it a quantity; "未超过" is a good result.
      {"≤0次", "quantity"},
      {"0.5", "quantity"},
      {"未超过全年预算数", "text"},
      {"无投诉", "text"},
      {"未发生安全事故", "text"},
  }));
  DYNAMIC_SECTION(text) {
    CHECK(kind_name(parse_cell(text, 2021).kind) == kind);
  }
}

TEST_CASE("parse_cell keeps the zero of a lone 0", "[stdlib][cell]") {
  const auto c = parse_cell(" 0 ", 2020);
  CHECK(c.text == "0");
  CHECK(c.kind == cell_kind::nothing);
  REQUIRE(c.quantities.size() == 1);
  CHECK(c.quantities[0].value.is_zero());
  CHECK(c.quantities[0].unit.empty());
}

TEST_CASE("parse_cell trims ASCII and full-width spaces", "[stdlib][cell]") {
  const auto c = parse_cell("\xe3\x80\x80 15个\n", 2021);
  CHECK(c.text == "15个");
  CHECK(describe_all(c.quantities) == "15 个");
  CHECK(kind_name(parse_cell("\xe3\x80\x80\xe3\x80\x80", 2021).kind) == "absent");
  CHECK(kind_name(parse_cell(" 不适用\xe3\x80\x80", 2021).kind) == "not_applicable");
}

TEST_CASE("parse_cell reads full-width digits and comparators", "[stdlib][cell]") {
  CHECK(describe_all(parse_cell("≥９０％", 2021).quantities) == "≥0.9 %");
  CHECK(describe_all(parse_cell("＞=5场", 2021).quantities) == "≥5 场");
  CHECK(describe_all(parse_cell(">=5场", 2021).quantities) == "≥5 场");
  CHECK(describe_all(parse_cell("≧5场", 2021).quantities) == "≥5 场");
  CHECK(describe_all(parse_cell("<=5场", 2021).quantities) == "≤5 场");
  CHECK(describe_all(parse_cell("＞5场", 2021).quantities) == ">5 场");
  CHECK(describe_all(parse_cell("＜5场", 2021).quantities) == "<5 场");
  CHECK(describe_all(parse_cell("＝5场", 2021).quantities) == "=5 场");
  CHECK(describe_all(parse_cell("≥ 90 %", 2021).quantities) == "≥0.9 %");
}

TEST_CASE("parse_cell reads cells whose lines were broken inside words", "[stdlib][cell]") {
  CHECK(describe_all(parse_cell("参加宣讲企业总计2000\n家次以上", 2021).quantities) ==
        "≥2000 家次");
  CHECK(describe_all(parse_cell("2021年11\n月15日前", 2021).dates) == "2021-11-15");
  CHECK(describe_all(parse_cell("10 10", 2021).quantities) == "10, 10");
  CHECK(describe_all(parse_cell("10\n10", 2021).quantities) == "10, 10");
  // A year after a list marker is a date, not the decimals of the marker.
  const auto c = parse_cell("4.2021年度开展两批次三新认定申报工作", 2021);
  CHECK(describe_all(c.dates) == "2021-01..12");
  CHECK(c.quantities.empty());
}
