// Compact text for the values a cell holds, so that table rows read like the forms:
// "≥6 项", "2..3 家", "0.9 %", dates as "2021-10", "2022-07..12", "2021-11-15".
#pragma once

#include <string>

#include <fmt/format.h>

#include "stdlib/values.hpp"

namespace jixiao::values::testing {

inline std::string describe(const quantity& q) {
  std::string out = fmt::format("{}{}", symbol(q.op), q.value.to_string());
  if (q.high) {
    out += ".." + q.high->to_string();
  }
  if (!q.unit.empty()) {
    out += " ";
    out += q.unit;
  }
  return out;
}

inline std::string describe(const date_value& d) {
  std::string out = fmt::format("{}-{:02}", d.year, d.first_month);
  if (d.last_month != d.first_month) {
    out += fmt::format("..{:02}", d.last_month);
  }
  if (d.day != 0) {
    out += fmt::format("-{:02}", d.day);
  }
  return out;
}

// Any list of quantities or dates: a cell keeps its quantities in a values::inline_vector.
template <class List>
std::string describe_all(const List& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += ", ";
    }
    out += describe(item);
  }
  return out;
}

inline std::string_view kind_name(cell_kind k) {
  switch (k) {
    case cell_kind::absent:
      return "absent";
    case cell_kind::not_applicable:
      return "not_applicable";
    case cell_kind::nothing:
      return "nothing";
    case cell_kind::quantity:
      return "quantity";
    case cell_kind::date:
      return "date";
    case cell_kind::text:
      return "text";
  }
  return "?";
}

}  // namespace jixiao::values::testing
