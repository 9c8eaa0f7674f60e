// The values that rule expressions compute with. A value is small and trivially copyable:
// every node's result, every operand converted to a number and every comparison makes one,
// so a copy must be a few word moves, not a string copy and a reference count. Text and
// cells are views into the form being scored (or the cell cache, or the program), which
// outlive every evaluation; a date is its fields without its text, which nothing computed
// from a value shows.
//
// Errors are values too: dividing by a zero target, comparing a date with a quantity or
// reading a quantity from a cell that holds none yields an `error` that carries its message
// and the span of the expression that failed. The evaluator reports it with the indicator;
// it never throws and never becomes a silent number. The message lives in the thread's error
// arena (below), and the value points at it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "dsl/ast.hpp"
#include "stdlib/decimal.hpp"
#include "stdlib/values.hpp"

namespace jixiao::rt {

enum class kind : std::uint8_t { absent, not_applicable, boolean, number, text, date, cell, error };

struct error_info {
  std::string message;
  dsl::source_span span;
};

// A date's period and day, as values::date_value has them, without the text it was read from.
struct date_fields {
  std::int32_t year = 0;  // a rule's date literal may name any year the grammar reads
  std::int16_t first_month = 0;
  std::int16_t last_month = 0;
  std::int16_t day = 0;  // 0 when not written
};

// The parts a kind does not use share their room: a number's unit with a text, and the number
// with a date, a cell or an error. Read only the members of the value's kind (absent, not
// applicable and boolean values hold the number 0 without a unit).
struct value {
  kind type = kind::absent;
  bool flag = false;     // boolean
  bool percent = false;  // number written or read as a percentage
  union {
    std::string_view unit;  // number: "" plain, "%", "万元", "个", ...
    std::string_view text;  // text; cell: its source text
  };
  union {
    decimal number;            // number
    date_fields date;          // date
    const values::cell* cell;  // cell
    const error_info* error;   // error: held by the error arena
  };

  // A union member with a constructor of its own gets no implicit one: an absent value, as
  // every factory below starts from.
  constexpr value() : unit(), number() {}

  // The factories every node calls are inline, so a result is built where it is returned.
  static value absent() { return {}; }
  static value not_applicable() {
    value v;
    v.type = kind::not_applicable;
    return v;
  }
  static value boolean(bool b) {
    value v;
    v.type = kind::boolean;
    v.flag = b;
    return v;
  }
  static value of(decimal d, std::string_view unit = {}, bool percent = false) {
    value v;
    v.type = kind::number;
    v.number = d;
    v.unit = unit;
    v.percent = percent || unit == "%";
    return v;
  }
  static value of_text(std::string_view t) {
    value v;
    v.type = kind::text;
    v.text = t;
    return v;
  }
  static value of_date(const values::date_value& d);
  static value of_cell(const values::cell& c) {
    value v;
    v.type = kind::cell;
    v.cell = &c;
    v.text = c.text;
    return v;
  }
  static value fail(std::string message, const dsl::source_span& span);

  bool is_error() const { return type == kind::error; }
};

// The date_value those fields describe, with no text: for the date functions of values.hpp.
values::date_value to_date_value(const date_fields& d);

static_assert(std::is_trivially_copyable_v<value>);
static_assert(sizeof(value) <= 64, "a value is copied at every node: keep it small");

// Error records outlive the values that point at them for as long as an error_scope that
// was open when they were made. Each thread has one arena, so evaluating needs no context
// passed down to every operator; scoring a form opens a scope, copies every message it
// shows into its result, and the scope gives the records back when it closes, so a corpus
// run holds only the errors of the form being scored. Records made outside any scope (the
// static checks of a rule file) stay until the thread ends; there are few of them.
class error_scope {
public:
  error_scope();
  ~error_scope();
  error_scope(const error_scope&) = delete;
  error_scope& operator=(const error_scope&) = delete;

private:
  std::size_t m_mark;
};

// Human name of a kind, for messages: "a number", "a date", ...
std::string_view describe(kind k);

// Display text of a value for traces and messages: "1.6", "80%", "2021-10", "\"合规\"".
std::string to_display(const value& v);

}  // namespace jixiao::rt
