#include "stdlib/value.hpp"

#include <deque>

#include <fmt/format.h>

namespace jixiao::rt {

namespace {

// A deque keeps its elements in place as it grows, so the pointers values hold stay valid.
std::deque<error_info>& error_arena() {
  thread_local std::deque<error_info> arena;
  return arena;
}

}  // namespace

error_scope::error_scope() : m_mark(error_arena().size()) {}

error_scope::~error_scope() {
  auto& arena = error_arena();
  while (arena.size() > m_mark) arena.pop_back();
}

value value::of_date(const values::date_value& d) {
  value v;
  v.type = kind::date;
  v.date = {.year = d.year,
            .first_month = static_cast<std::int16_t>(d.first_month),
            .last_month = static_cast<std::int16_t>(d.last_month),
            .day = static_cast<std::int16_t>(d.day)};
  return v;
}

value value::fail(std::string message, const dsl::source_span& span) {
  value v;
  v.type = kind::error;
  v.error = &error_arena().emplace_back(error_info{std::move(message), span});
  return v;
}

values::date_value to_date_value(const date_fields& d) {
  return {.year = d.year, .first_month = d.first_month, .last_month = d.last_month, .day = d.day, .text = {}};
}

std::string_view describe(kind k) {
  switch (k) {
    case kind::absent: return "a missing value";
    case kind::not_applicable: return "a not-applicable value";
    case kind::boolean: return "true or false";
    case kind::number: return "a number";
    case kind::text: return "a text";
    case kind::date: return "a date";
    case kind::cell: return "a form cell";
    case kind::error: return "an error";
  }
  return "a value";
}

std::string to_display(const value& v) {
  switch (v.type) {
    case kind::absent: return "(missing)";
    case kind::not_applicable: return "(not applicable)";
    case kind::boolean: return v.flag ? "true" : "false";
    case kind::number:
      if (v.percent) return (v.number * decimal::from_int(100)).to_string() + "%";
      if (v.unit.empty()) return v.number.to_string();
      return v.number.to_string() + std::string(v.unit);
    case kind::text: return fmt::format("\"{}\"", v.text);
    case kind::date:
      return v.date.day > 0 ? fmt::format("{}-{:02}-{:02}", v.date.year, v.date.last_month, v.date.day)
                            : fmt::format("{}-{:02}", v.date.year, v.date.last_month);
    case kind::cell: return fmt::format("「{}」", v.text);
    case kind::error: return "error: " + v.error->message;
  }
  return "?";
}

}  // namespace jixiao::rt
