// The values that rule expressions compute with. A value is small and cheap to copy: text
// and cells are views into the form being scored, which outlives every evaluation.
//
// Errors are values too: dividing by a zero target, comparing a date with a quantity or
// reading a quantity from a cell that holds none yields an `error` that carries its message
// and the span of the expression that failed. The evaluator reports it with the indicator;
// it never throws and never becomes a silent number.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dsl/ast.hpp"
#include "stdlib/decimal.hpp"
#include "stdlib/values.hpp"

namespace jixiao::rt {

enum class kind : std::uint8_t { absent, not_applicable, boolean, number, text, date, cell, error };

struct error_info {
  std::string message;
  dsl::source_span span;
};

struct value {
  kind type = kind::absent;
  bool flag = false;                  // boolean
  bool percent = false;               // number written or read as a percentage
  decimal number;                     // number
  std::string_view unit;              // number: "" plain, "%", "万元", "个", ...
  std::string_view text;              // text; cell: its source text
  const values::cell* cell = nullptr; // cell
  values::date_value date;            // date
  std::shared_ptr<const error_info> error;

  static value absent() { return {}; }
  static value not_applicable();
  static value boolean(bool b);
  static value of(decimal d, std::string_view unit = {}, bool percent = false);
  static value of_text(std::string_view t);
  static value of_date(const values::date_value& d);
  static value of_cell(const values::cell& c);
  static value fail(std::string message, const dsl::source_span& span);

  bool is_error() const { return type == kind::error; }
};

// Human name of a kind, for messages: "a number", "a date", ...
std::string_view describe(kind k);

// Display text of a value for traces and messages: "1.6", "80%", "2021-10", "\"合规\"".
std::string to_display(const value& v);

}  // namespace jixiao::rt
