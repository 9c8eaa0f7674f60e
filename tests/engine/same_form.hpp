// Field-by-field comparison of two loaded forms, for the tests that must show two ways of
// loading give the same form (a fixture against its expected fields, a form loaded into a
// reused object against a fresh load).
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "engine/form.hpp"

namespace Catch {
template <>
struct StringMaker<jixiao::decimal> {
  static std::string convert(const jixiao::decimal& value) { return value.to_string(); }
};
}  // namespace Catch

namespace jixiao::engine::testing {

inline void check_same_cell(const number_cell& a, const number_cell& b) {
  CHECK(a.status == b.status);
  CHECK(a.value == b.value);
  CHECK(a.percent == b.percent);
  CHECK(a.decimals == b.decimals);
  CHECK(a.text == b.text);
}

// Every field the loader fills, except the file name.
inline void check_same_form(const form& a, const form& b) {
  CHECK(a.id == b.id);
  CHECK(a.year == b.year);
  CHECK(a.jurisdiction == b.jurisdiction);
  CHECK(a.project == b.project);
  CHECK(a.department == b.department);
  CHECK(a.unit == b.unit);
  CHECK(a.leader == b.leader);
  CHECK(a.phone == b.phone);
  CHECK(a.money_unit == b.money_unit);
  CHECK(a.budget.present == b.budget.present);
  check_same_cell(a.budget.weight, b.budget.weight);
  check_same_cell(a.budget.rate, b.budget.rate);
  check_same_cell(a.budget.score, b.budget.score);
  REQUIRE(a.budget.rows.size() == b.budget.rows.size());
  for (std::size_t i = 0; i < a.budget.rows.size(); ++i) {
    const auto& x = a.budget.rows[i];
    const auto& y = b.budget.rows[i];
    CHECK(x.name == y.name);
    CHECK(x.path == y.path);
    check_same_cell(x.initial, y.initial);
    check_same_cell(x.annual, y.annual);
    check_same_cell(x.executed, y.executed);
    check_same_cell(x.weight, y.weight);
    check_same_cell(x.rate, y.rate);
    check_same_cell(x.score, y.score);
  }
  CHECK(a.goal_expected == b.goal_expected);
  CHECK(a.goal_actual == b.goal_actual);
  REQUIRE(a.indicators.size() == b.indicators.size());
  for (std::size_t i = 0; i < a.indicators.size(); ++i) {
    const auto& x = a.indicators[i];
    const auto& y = b.indicators[i];
    CHECK(x.level1 == y.level1);
    CHECK(x.level1_weight == y.level1_weight);
    CHECK(x.level2 == y.level2);
    CHECK(x.name == y.name);
    CHECK(x.target == y.target);
    CHECK(x.actual == y.actual);
    CHECK(x.op == y.op);
    CHECK(x.unit == y.unit);
    check_same_cell(x.weight, y.weight);
    check_same_cell(x.score, y.score);
    CHECK(x.reason == y.reason);
    CHECK(x.path == y.path);
    CHECK(x.group == y.group);
  }
  REQUIRE(a.groups.size() == b.groups.size());
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    const auto& x = a.groups[g];
    const auto& y = b.groups[g];
    CHECK(x.level1 == y.level1);
    CHECK(x.level1_weight == y.level1_weight);
    CHECK(x.level2 == y.level2);
    check_same_cell(x.weight, y.weight);
    check_same_cell(x.score, y.score);
    CHECK(x.reason == y.reason);
    CHECK(x.path == y.path);
    CHECK(x.members == y.members);
  }
  check_same_cell(a.total_weight, b.total_weight);
  check_same_cell(a.total_score, b.total_score);
}

}  // namespace jixiao::engine::testing
