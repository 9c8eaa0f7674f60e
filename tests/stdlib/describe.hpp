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

// All a cell holds, in one line: its kind and text, and every field of each quantity and date,
// texts quoted and escaped so that no two different cells read the same. Two readings of a
// text are the same reading when their lines are equal.
inline std::string describe_cell(const cell& c) {
  std::string out = fmt::format("{} {:?}", kind_name(c.kind), std::string_view(c.text));
  for (const auto& q : c.quantities)
    out += fmt::format(" q({} {} {} {:?} {:?} {:?})", symbol(q.op), q.value.to_string(),
                       q.high ? q.high->to_string() : "-", std::string_view(q.unit), std::string_view(q.noun),
                       std::string_view(q.text));
  for (const auto& d : c.dates)
    out += fmt::format(" d({} {} {} {} {:?})", d.year, d.first_month, d.last_month, d.day, std::string_view(d.text));
  return out;
}

}  // namespace jixiao::values::testing
