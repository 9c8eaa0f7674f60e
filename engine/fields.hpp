// The names a rule can read from a form, in Chinese (the labels of the official template)
// and English. Which names exist depends on where the expression stands: an indicator rule
// reads the indicator's cells, a group rule its group's, the budget rule the 项目资金 block.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace jixiao::engine {

enum class field : std::uint8_t {
  level1, level2, name, target, actual, weight, score, reason, level1_weight,
  members, initial, annual, executed, declared_rate, rate, year, jurisdiction, total,
};

enum class scope : std::uint8_t { indicator, group, budget, grade };

struct field_info {
  field id;
  std::string_view english;
  std::string_view chinese;
  std::string_view alias;  // a second Chinese label, or ""
  bool in_indicator;
  bool in_group;
  bool in_budget;
  bool in_grade;
  std::string_view summary;
};

std::span<const field_info> fields();
const field_info* find_field(std::string_view name);
bool available(const field_info& f, scope s);
std::string_view scope_name(scope s);

}  // namespace jixiao::engine
