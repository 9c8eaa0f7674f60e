// Reading the values people write in form cells (DOMAIN.md §3): comparators in symbols and
// words, numbers with counter words and units, ranges, quantities inside sentences, several
// quantities in one cell, dates and deadlines with the form's year implied, "nothing achieved"
// phrases and not-applicable markers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/decimal.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::values {

enum class comparator { none, equal, at_least, greater, at_most, less };

// "≥", "=", ... ; "" for none.
std::string_view symbol(comparator c);

// One quantity found in a cell: "不少于6项" → {at_least, 6, -, "项"};
// "2-3家" → {none, 2, 3, "家"}; "≥90%" → {at_least, 0.9, -, "%"} (percent values are stored
// as fractions: 90% is 0.9). "noun" is what the quantity counts, for matching several
// quantities in one cell: "1位青年杰出工程师" → noun "青年杰出工程师"; when nothing follows
// the unit, the words before the number ("新建首都科技志愿服务站2-3家" → "新建首都科技志愿服务站").
struct quantity {
  comparator op = comparator::none;
  decimal value;                 // the number, or the low end of a range
  std::optional<decimal> high;   // the high end of a range
  std::string unit;              // normalized: "%" for % and 百分比; "" when bare
  std::string noun;
  std::string text;              // the matched source text, e.g. "不少于6项"
};

// A date or deadline at month precision, day when written. "2021年10月前" → 2021-10;
// "12月底" → {form year}-12; "2022年下半年" → 2022-07..2022-12; "第二季度" → 04..06.
struct date_value {
  int year = 0;
  int first_month = 0;  // the period the text names
  int last_month = 0;
  int day = 0;          // 0 when not written
  std::string text;
};

enum class cell_kind {
  absent,          // blank
  not_applicable,  // 不适用, —, -, /
  nothing,         // 未完成, 未形成分析报告, 0: nothing achieved
  quantity,        // at least one quantity (dates may be present too)
  date,            // dates but no quantity
  text,            // qualitative: 合规, 达成年度指标, free text
};

struct cell {
  std::string text;  // trimmed source text
  cell_kind kind = cell_kind::absent;
  std::vector<quantity> quantities;  // in order of appearance; dates are not quantities
  std::vector<date_value> dates;     // in order of appearance
  // The latest date named (the deadline of a target, the completion of an actual).
  std::optional<date_value> latest_date() const;
};

// Parses a cell; `form_year` is implied where the text names no year. Never fails: text that
// holds no number or date is qualitative.
cell parse_cell(std::string_view text, int form_year);

// A numeric form field: "74.69%", "498.000000", "7.47", 10. Blank and the not-applicable
// markers are not numbers; callers check is_not_applicable_marker first.
struct amount {
  decimal value;      // 74.69% → 0.7469
  bool percent = false;
  int decimals = 0;   // as written: "74.69%" → 2, "498.000000" → 6
};
expected<amount, std::string> parse_amount(std::string_view text);

// "不适用", "—", "－", "-", "/", "／", "" (after trimming whitespace and full-width spaces).
bool is_not_applicable_marker(std::string_view text);

// Factor that converts an amount in `from` into `to`: ("万元", "元") → 10000; equal units
// → 1; a bare number ("") converts to anything with factor 1. Empty when incompatible.
std::optional<decimal> unit_factor(std::string_view from, std::string_view to);

// For each quantity of `target`, the index of the quantity of `actual` that measures the same
// thing (compatible unit, best-matching noun, each actual used once), or empty.
std::vector<std::optional<std::size_t>> match_quantities(const cell& actual, const cell& target);

// Whole months from the deadline to the completion, 0 when on time:
// months_late({2021-12}, {2021-10}) = 2. Uses the last month of each period.
int months_late(const date_value& actual, const date_value& deadline);

}  // namespace jixiao::values
