// Arithmetic and comparison on rule values, with the units and cells of real forms:
// "371.9618万元" ≤ "498万元" compares money, "2项" ÷ "不少于6项" is 1/3, and a cell that
// holds several quantities is set against another one quantity by quantity (matched by what
// they count). Every mismatch is an error value naming both sides.
#pragma once

#include <optional>
#include <string_view>

#include "stdlib/value.hpp"

namespace jixiao::rt {

// "" and "%" carry no dimension: 80% of a weight is a number of points.
inline bool dimensionless(std::string_view unit) { return unit.empty() || unit == "%"; }

// The number a value stands for: itself, the only quantity of a cell, 0 for a cell that
// says nothing was achieved; an error value otherwise.
value as_number(const value& v, const dsl::source_span& span);

// The date a value stands for: itself, or the latest date written in a cell.
value as_date(const value& v, const dsl::source_span& span);

value add(const value& a, const value& b, const dsl::source_span& span);
value subtract(const value& a, const value& b, const dsl::source_span& span);
value multiply(const value& a, const value& b, const dsl::source_span& span);
value divide(const value& a, const value& b, const dsl::source_span& span);
value negate(const value& a, const dsl::source_span& span);

// divide() of two cells reduced to what the evaluator's memo of 实际完成值 ÷ 年度指标值 keeps:
// the quotient, or nothing where divide() gives an error. A quantity against one in the same
// unit, the common pair, is divided without building values or error messages.
std::optional<decimal> divide_cells(const values::cell& actual, const values::cell& target);

enum class comparison { equal, not_equal, less, less_equal, greater, greater_equal };

// == and != never fail: values of different kinds are unequal, two cells are equal when
// their text is. Ordering fails on kinds that have no order between them.
value compare(const value& a, const value& b, comparison op, const dsl::source_span& span);

}  // namespace jixiao::rt
