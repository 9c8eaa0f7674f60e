#include "engine/fields.hpp"

#include <array>

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

}  // namespace

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
  }
  return false;
}

std::string_view scope_name(scope s) {
  switch (s) {
    case scope::indicator: return "an indicator rule";
    case scope::group: return "a group rule";
    case scope::budget: return "a budget rule";
    case scope::grade: return "a grade";
  }
  return "a rule";
}

}  // namespace jixiao::engine
