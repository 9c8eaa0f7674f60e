#include "engine/fields.hpp"

#include <array>
#include <optional>

namespace jixiao::engine {
namespace {

constexpr std::array table{
    //          id                    english          chinese            alias     ind    grp    bud    grade
    field_info{field::level1, "level1", "一级指标", "", true, true, false, false, "一级指标 (产出指标, 效益指标, 满意度指标)"},
    field_info{field::level2, "level2", "二级指标", "", true, true, false, false, "二级指标 (数量指标, 质量指标, ...)"},
    field_info{field::name, "name", "三级指标", "指标名称", true, false, false, false, "三级指标: the indicator's name"},
    field_info{field::target, "target", "年度指标值", "指标值", true, false, false, false, "年度指标值: the target cell"},
    field_info{field::actual, "actual", "实际完成值", "完成值", true, false, false, false, "实际完成值: the actual cell"},
    field_info{field::weight, "weight", "分值", "权重", true, true, true, false, "分值: the weight (in a group rule's members: the share)"},
    field_info{field::score, "declared", "得分", "", true, true, true, false, "得分: the score the form declares"},
    field_info{field::reason, "reason", "偏差原因分析及改进措施", "偏差原因", true, true, false, false, "the deviation reason"},
    field_info{field::level1_weight, "level1_weight", "一级指标分值", "", true, true, false, false, "the weight in a level-1 label such as 产出指标（50分）"},
    field_info{field::members, "members", "成员数", "", false, true, false, false, "the number of indicators in the group"},
    field_info{field::initial, "initial", "年初预算数", "", false, false, true, false, "年初预算数 of the total row"},
    field_info{field::annual, "annual", "全年预算数", "调整后预算数", false, false, true, false, "全年预算数 (the adjusted budget) of the total row"},
    field_info{field::executed, "executed", "全年执行数", "预算执行数", false, false, true, false, "全年执行数 of the total row"},
    field_info{field::declared_rate, "declared_rate", "执行率", "", false, false, true, false, "执行率 as the form declares it"},
    field_info{field::rate, "rate", "rate", "", false, false, true, false, "the execution rate computed by `budget rate`"},
    field_info{field::year, "year", "年度", "", true, true, true, true, "the form's year"},
    field_info{field::jurisdiction, "jurisdiction", "地区", "", true, true, true, true, "the form's jurisdiction"},
    field_info{field::total, "total", "总分", "", false, false, false, true, "the total score being graded"},
};

using enum fact;
using enum fact_type;
constexpr std::array fact_table{
    fact_info{computed, scope::indicator, "computed", "计算得分", number, "the score the rules compute (computed outcome only)"},
    fact_info{outcome, scope::indicator, "outcome", "结果", text, "\"computed\", \"judged\", \"unscored\" or \"not applicable\""},
    fact_info{rule_name, scope::indicator, "rule_name", "适用规则", text, "the rule that applied, \"\" when none"},
    fact_info{low, scope::indicator, "low", "允许下限", number, "judged: the lowest score the bands allow"},
    fact_info{high, scope::indicator, "high", "允许上限", number, "judged: the highest score the bands allow"},
    fact_info{difference, scope::indicator, "difference", "差异", number, "declared − computed, or the distance to the nearest band"},
    fact_info{agrees, scope::indicator, "agrees", "一致", boolean, "the declared score matches the rules"},
    fact_info{band, scope::indicator, "band", "档次", text, "judged: the band the declared score lies in, \"\" outside"},
    fact_info{ratio, scope::indicator, "ratio", "完成比例", number, "实际完成值 ÷ 年度指标值 where they are comparable"},
    fact_info{duplicates, scope::indicator, "duplicates", "重复次数", number, "rows of the form with the same 二级指标, 三级指标 and 年度指标值 (itself included)"},
    fact_info{grouped, scope::indicator, "grouped", "组内指标", boolean, "the row belongs to a level-2 group that carries the score"},
    fact_info{has_reason, scope::indicator, "has_reason", "已填原因", boolean, "偏差原因 holds an explanation (not blank, 无, /, —)"},
    fact_info{measurable, scope::indicator, "measurable", "可计量", boolean, "target and actual are both quantities that can be set against each other, or both dates"},
    fact_info{group_computed, scope::group, "computed", "计算得分", number, "the score the rules compute for the group"},
    fact_info{group_outcome, scope::group, "outcome", "结果", text, "as for indicators"},
    fact_info{group_rule_name, scope::group, "rule_name", "适用规则", text, "the group rule that applied"},
    fact_info{group_low, scope::group, "low", "允许下限", number, "judged: Σ of the members' lowest scores"},
    fact_info{group_high, scope::group, "high", "允许上限", number, "judged: Σ of the members' highest scores"},
    fact_info{group_difference, scope::group, "difference", "差异", number, "declared − computed, or the distance to the interval"},
    fact_info{group_agrees, scope::group, "agrees", "一致", boolean, "the declared score matches the rules"},
    fact_info{missed_members, scope::group, "missed_members", "未完成成员数", number, "members whose computed score is below their share"},
    fact_info{group_has_reason, scope::group, "has_reason", "已填原因", boolean, "the group's 偏差原因, or a member's, holds an explanation"},
    fact_info{computed_rate, scope::budget, "computed_rate", "计算执行率", number, "the computed rate, rounded to the precision the form prints 执行率 with"},
    fact_info{budget_computed, scope::budget, "computed", "计算得分", number, "the budget score the rules compute"},
    fact_info{rate_agrees, scope::budget, "rate_agrees", "执行率一致", boolean, "the declared 执行率 follows from the money figures at its printed precision"},
    fact_info{score_agrees, scope::budget, "score_agrees", "得分一致", boolean, "the declared budget 得分 follows from the rate"},
    fact_info{subrows, scope::budget, "subrows", "分项数", number, "the rows after the total row that hold a figure"},
    fact_info{initial_subtotal, scope::budget, "initial_subtotal", "分项年初预算数", number, "Σ 年初预算数 of the sub-rows (absent when none has one)"},
    fact_info{annual_subtotal, scope::budget, "annual_subtotal", "分项全年预算数", number, "Σ 全年预算数 of the sub-rows"},
    fact_info{executed_subtotal, scope::budget, "executed_subtotal", "分项全年执行数", number, "Σ 全年执行数 of the sub-rows"},
    fact_info{declared_total, scope::form, "declared_total", "申报总分", number, "总分 as declared"},
    fact_info{declared_sum, scope::form, "declared_sum", "申报得分合计", number, "budget 得分 + Σ declared scores"},
    fact_info{sum_agrees, scope::form, "sum_agrees", "合计一致", boolean, "申报总分 equals 申报得分合计"},
    fact_info{total_weight, scope::form, "total_weight", "总分值", number, "the 总分 row's 分值 (100)"},
    fact_info{weight_sum, scope::form, "weight_sum", "权重合计", number, "budget 分值 + Σ weights of the scored rows or groups"},
    fact_info{output_weight, scope::form, "output_weight", "产出指标权重", number, "Σ weights under 产出指标"},
    fact_info{benefit_weight, scope::form, "benefit_weight", "效益指标权重", number, "Σ weights under 效益指标"},
    fact_info{satisfaction_weight, scope::form, "satisfaction_weight", "满意度指标权重", number, "Σ weights under 满意度指标"},
    fact_info{rules_total, scope::form, "rules_total", "规则总分", number, "the total the rules give"},
    fact_info{goal_expected, scope::form, "goal_expected", "预期目标", text, "年度总体目标: 预期目标"},
    fact_info{goal_actual, scope::form, "goal_actual", "实际完成情况", text, "年度总体目标: 实际完成情况"},
    fact_info{indicator_count, scope::form, "indicator_count", "指标数", number, "the indicator rows of the form"},
};
static_assert(fact_table.size() == static_cast<std::size_t>(fact::count));

}  // namespace

std::span<const fact_info> facts() { return fact_table; }

const fact_info* find_fact(std::string_view name, scope s) {
  for (const auto& f : fact_table)
    if (f.in == s && (f.english == name || f.chinese == name)) return &f;
  return nullptr;
}

namespace {

struct cell_name {
  scope in;
  std::string_view name;
  check_cell cell;
};

constexpr cell_name cell_names[] = {
    {scope::indicator, "一级指标", {"level1", "一级指标"}},       {scope::indicator, "二级指标", {"level2", "二级指标"}},
    {scope::indicator, "三级指标", {"name", "三级指标"}},         {scope::indicator, "指标名称", {"name", "三级指标"}},
    {scope::indicator, "年度指标值", {"target", "年度指标值"}},   {scope::indicator, "指标值", {"target", "年度指标值"}},
    {scope::indicator, "实际完成值", {"actual", "实际完成值"}},   {scope::indicator, "完成值", {"actual", "实际完成值"}},
    {scope::indicator, "分值", {"weight", "分值"}},               {scope::indicator, "权重", {"weight", "分值"}},
    {scope::indicator, "得分", {"score", "得分"}},
    {scope::indicator, "偏差原因分析及改进措施", {"reason", "偏差原因分析及改进措施"}},
    {scope::indicator, "偏差原因", {"reason", "偏差原因分析及改进措施"}},
    {scope::group, "二级指标", {"level2", "二级指标"}},           {scope::group, "分值", {"weight", "分值"}},
    {scope::group, "权重", {"weight", "分值"}},                   {scope::group, "得分", {"score", "得分"}},
    {scope::group, "偏差原因分析及改进措施", {"reason", "偏差原因分析及改进措施"}},
    {scope::group, "偏差原因", {"reason", "偏差原因分析及改进措施"}},
    {scope::budget, "年初预算数", {"rows[0].initial", "年初预算数"}},
    {scope::budget, "全年预算数", {"rows[0].annual", "全年预算数"}},
    {scope::budget, "调整后预算数", {"rows[0].annual", "全年预算数"}},
    {scope::budget, "全年执行数", {"rows[0].executed", "全年执行数"}},
    {scope::budget, "预算执行数", {"rows[0].executed", "全年执行数"}},
    {scope::budget, "分值", {"rows[0].weight", "分值"}},          {scope::budget, "执行率", {"rows[0].rate", "执行率"}},
    {scope::budget, "得分", {"rows[0].score", "得分"}},
    {scope::form, "申报总分", {"total.score", "总分 › 得分"}},    {scope::form, "总分值", {"total.weight", "总分 › 分值"}},
    {scope::form, "预期目标", {"goals.expected", "年度总体目标 › 预期目标"}},
    {scope::form, "实际完成情况", {"goals.actual", "年度总体目标 › 实际完成情况"}},
};

}  // namespace

std::optional<check_cell> find_check_cell(std::string_view name, scope s) {
  for (const auto& c : cell_names)
    if (c.in == s && c.name == name) return c.cell;
  return std::nullopt;
}

std::string_view check_cells(scope s) {
  switch (s) {
    case scope::indicator: return "三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因, 一级指标, 二级指标";
    case scope::group: return "二级指标, 分值, 得分, 偏差原因";
    case scope::budget: return "年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分";
    case scope::form: return "申报总分, 总分值, 预期目标, 实际完成情况";
    case scope::grade: return "";
  }
  return "";
}

std::span<const field_info> fields() { return table; }

const field_info* find_field(std::string_view name) {
  for (const auto& f : table)
    if (f.english == name || f.chinese == name || (!f.alias.empty() && f.alias == name)) return &f;
  return nullptr;
}

bool available(const field_info& f, scope s) {
  switch (s) {
    case scope::indicator: return f.in_indicator;
    case scope::group: return f.in_group;
    case scope::budget: return f.in_budget;
    case scope::grade: return f.in_grade;
    case scope::form: return f.id == field::year || f.id == field::jurisdiction;
  }
  return false;
}

std::string_view scope_name(scope s) {
  switch (s) {
    case scope::indicator: return "an indicator rule";
    case scope::group: return "a group rule";
    case scope::budget: return "a budget rule";
    case scope::grade: return "a grade";
    case scope::form: return "a form check";
  }
  return "a rule";
}

}  // namespace jixiao::engine
