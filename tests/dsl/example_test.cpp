// The example file of the language description (tests/dsl/example.rules), parsed whole.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "parse_helpers.hpp"

namespace {

using namespace jixiao::dsl;
using namespace jixiao::dsl::testing;

const std::string example_path = JIXIAO_SOURCE_DIR "/tests/dsl/example.rules";

std::string slice(const rule_file& file, const source_span& span) {
  return file.text.substr(span.begin, span.end - span.begin);
}

}  // namespace

TEST_CASE("the example rule file parses into the expected tree", "[dsl][example]") {
  auto parsed = parse_file(example_path);
  REQUIRE(parsed.has_value());
  const rule_file& file = *parsed;

  SECTION("header") {
    const auto& h = file.header;
    CHECK(h.id == "beijing.2021");
    CHECK(h.id_span.line == 2);
    CHECK(h.id_span.column == 9);
    CHECK(h.jurisdiction == "北京");
    CHECK(h.version == "2021.1");
    REQUIRE(h.effective_from.has_value());
    CHECK(h.effective_from->year == 2021);
    CHECK(h.effective_from->month == 1);
    CHECK(h.effective_from->day == 1);
    REQUIRE(h.effective_to.has_value());
    CHECK(h.effective_to->month == 12);
    CHECK(h.effective_to->day == 31);
    CHECK(h.source == "北京 2021 年三张自评表的做法（推断）；财预〔2020〕10号");
    CHECK(h.decimals == 2);
    CHECK(h.span.line == 2);
    CHECK(h.span.column == 1);
    CHECK(slice(file, h.span).starts_with("ruleset beijing.2021 {"));
    CHECK(slice(file, h.span).ends_with("decimals     2\n}"));
  }

  SECTION("comments") {
    REQUIRE(file.comments.size() == 1);
    CHECK(file.comments[0].text == " 北京 2021（推断）");
    CHECK(file.comments[0].span.line == 1);
    CHECK(file.comments[0].span.column == 1);
  }

  SECTION("declarations in order") {
    REQUIRE(file.declarations.size() == 13);
    const auto& let = declaration_at<let_decl>(file, 0);
    CHECK(let.name == "宽限");
    CHECK(let.name_span.line == 10);
    CHECK(let.name_span.column == 5);
    CHECK(text(let.value) == "0.5");

    const auto& rate = declaration_at<budget_decl>(file, 1);
    CHECK(rate.target == budget_target::rate);
    CHECK(text(rate.value) == "(全年执行数 / 全年预算数)");
    const auto& score = declaration_at<budget_decl>(file, 2);
    CHECK(score.target == budget_target::score);
    CHECK(text(score.value) == "(分值 * min(rate, 1))");

    const char* names[] = {"时效", "反向定量", "扣分", "查表", "不适用", "定性"};
    for (std::size_t i = 0; i < 6; ++i) {
      const auto& r = declaration_at<rule_decl>(file, 3 + i);
      CHECK(r.name == names[i]);
      CHECK_FALSE(r.is_group);
    }
    CHECK(declaration_at<rule_decl>(file, 9).is_group);
    CHECK(declaration_at<rule_decl>(file, 10).is_group);
    CHECK(declaration_at<table_decl>(file, 11).name == "执行率得分");
    CHECK(declaration_at<grade_decl>(file, 12).arms.size() == 4);
  }

  SECTION("rule 时效: condition, body and spans") {
    const auto& r = declaration_at<rule_decl>(file, 3);
    CHECK(r.span.line == 15);
    CHECK(r.span.column == 1);
    CHECK(r.name_span.line == 15);
    CHECK(r.name_span.column == 6);
    CHECK(slice(file, r.name_span) == "时效");
    CHECK(text(r.when) == "(((二级指标 == \"时效指标\") and (年度指标值 is date)) and (实际完成值 is date))");
    const auto& conj = std::get<binary>(r.when->node);
    const auto& is_date = std::get<is_type>(conj.rhs->node);
    CHECK(is_date.type_name == "date");
    CHECK(is_date.type_span.line == 15);
    CHECK(is_date.type_span.column == 60);
    CHECK(conj.rhs->span.column == 51);
    const auto& body = std::get<score_body>(r.body);
    CHECK(text(body.value) == "max((分值 * 0.5), (分值 - ((0.1 * 分值) * months_late(实际完成值, 年度指标值))))");
    CHECK(body.value->span.line == 16);
    CHECK(body.value->span.column == 11);
    CHECK(slice(file, r.span).ends_with("months_late(实际完成值, 年度指标值))"));
  }

  SECTION("rule 反向定量: member access, in list and the ternary") {
    const auto& r = declaration_at<rule_decl>(file, 4);
    CHECK(text(r.when) == "((年度指标值 is quantity) and ((年度指标值.op) in (\"<=\", \"<\")))");
    const auto& in = std::get<in_list>(std::get<binary>(r.when->node).rhs->node);
    CHECK_FALSE(in.negated);
    const auto& member = std::get<member_access>(in.subject->node);
    CHECK(member.field == "op");
    CHECK(member.field_span.line == 18);
    CHECK(member.field_span.column == 44);
    CHECK(text(std::get<score_body>(r.body).value) ==
          "((实际完成值 <= 年度指标值) ? 分值 : (分值 * max(0, (2 - (实际完成值 / 年度指标值)))))");
  }

  SECTION("rule 扣分: the deduction node") {
    const auto& r = declaration_at<rule_decl>(file, 5);
    const auto& diff = std::get<binary>(std::get<score_body>(r.body).value->node);
    CHECK(diff.op == binary_op::subtract);
    const auto& d = std::get<deduction>(diff.rhs->node);
    CHECK(text(d.points) == "1");
    const auto& step = std::get<number_literal>(d.step->node);
    CHECK(step.text == "3");
    CHECK(step.percent);
    CHECK(text(d.amount) == "abs(((实际完成值 / 年度指标值) - 1))");
    CHECK(d.whole_steps);
    REQUIRE(d.cap != nullptr);
    CHECK(text(d.cap) == "15");
    CHECK(diff.rhs->span.line == 22);
    CHECK(diff.rhs->span.column == 16);
    CHECK(slice(file, diff.rhs->span) == "deduct 1 per 3% of abs(实际完成值 / 年度指标值 - 1) whole cap 15");
  }

  SECTION("rules 查表 and 不适用") {
    const auto& lookup = declaration_at<rule_decl>(file, 6);
    CHECK(text(std::get<score_body>(lookup.body).value) == "执行率得分(实际完成值)");
    CHECK(text(lookup.when) == "(年度指标值 is percent)");
    const auto& na = declaration_at<rule_decl>(file, 7);
    CHECK(std::holds_alternative<not_applicable_body>(na.body));
    CHECK(text(na.when) == "(分值 is absent)");
  }

  SECTION("rule 定性: otherwise and three bands") {
    const auto& r = declaration_at<rule_decl>(file, 8);
    CHECK(r.when == nullptr);
    const auto& bands = std::get<judged_body>(r.body).bands;
    REQUIRE(bands.size() == 3);
    CHECK(bands[0].name == "未达成");
    CHECK(bands[0].range.lower_closed);
    CHECK(text(bands[0].range.lower) == "0");
    CHECK(text(bands[0].range.upper) == "60%");
    CHECK_FALSE(bands[0].range.upper_closed);
    CHECK(text(bands[0].when) == "(实际完成值 is nothing)");
    CHECK(bands[0].span.line == 31);
    CHECK(bands[0].span.column == 10);
    CHECK(bands[0].range.span.column == 14);
    CHECK(bands[1].name == "达成");
    CHECK(bands[1].range.lower_closed);
    CHECK(bands[1].range.upper_closed);
    CHECK(text(bands[1].range.upper) == "100%");
    CHECK(text(bands[1].when) == "(实际完成值 == 年度指标值)");
    CHECK(bands[2].name == "部分达成");
    CHECK(bands[2].when == nullptr);
    CHECK(text(bands[2].range.lower) == "60%");
    CHECK(slice(file, bands[2].span) == "部分达成 [60%, 80%)");
  }

  SECTION("groups") {
    const auto& share = declaration_at<rule_decl>(file, 9);
    CHECK(share.name == "等分");
    CHECK(text(share.when) == "(分值 is number)");
    CHECK(text(std::get<share_body>(share.body).value) == "(分值 / 成员数)");
    const auto& na = declaration_at<rule_decl>(file, 10);
    CHECK(na.when == nullptr);
    CHECK(std::holds_alternative<not_applicable_body>(na.body));
  }

  SECTION("table rows with open bounds and optional commas") {
    const auto& t = declaration_at<table_decl>(file, 11);
    REQUIRE(t.rows.size() == 4);
    CHECK(text(t.rows[0].key.lower) == "90%");
    CHECK(t.rows[0].key.upper == nullptr);  // inf
    CHECK_FALSE(t.rows[0].key.upper_closed);
    CHECK(text(t.rows[0].value) == "5");
    CHECK_FALSE(t.rows[2].key.lower_closed);
    CHECK(text(t.rows[2].key.lower) == "0");
    CHECK(text(t.rows[2].value) == "2");
    CHECK(t.rows[3].key.lower_closed);
    CHECK(t.rows[3].key.upper_closed);
    CHECK(t.rows[3].span.line == 45);
    CHECK(t.rows[3].span.column == 3);
    CHECK(slice(file, t.rows[3].span) == "[0, 0]     => 0");
  }

  SECTION("grade arms") {
    const auto& g = declaration_at<grade_decl>(file, 12);
    CHECK(g.arms[0].comparison == binary_op::greater_equal);
    CHECK(text(g.arms[0].threshold) == "90");
    CHECK(g.arms[0].label == "优");
    CHECK(g.arms[2].label == "中");
    CHECK_FALSE(g.arms[3].comparison.has_value());
    CHECK(g.arms[3].threshold == nullptr);
    CHECK(g.arms[3].label == "差");
    CHECK(g.arms[3].span.line == 48);
    CHECK(g.arms[3].span.column == 40);
  }

  SECTION("the file keeps its path and text") {
    CHECK(file.path == example_path);
    CHECK(file.text.starts_with("# 北京 2021"));
  }
}
