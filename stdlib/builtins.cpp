#include "stdlib/builtins.hpp"

#include <fmt/format.h>

#include <array>

#include "stdlib/operators.hpp"

namespace jixiao::rt {
namespace {

constexpr std::array table{
    builtin_info{"min", builtin::min, 2, -1, static_type::number, "min(a, b, ...)",
                 "the smallest of the numbers"},
    builtin_info{"max", builtin::max, 2, -1, static_type::number, "max(a, b, ...)",
                 "the largest of the numbers"},
    builtin_info{"clamp", builtin::clamp, 3, 3, static_type::number, "clamp(x, low, high)",
                 "x limited to [low, high]"},
    builtin_info{"round", builtin::round, 1, 2, static_type::number, "round(x, places = 0)",
                 "half-up on the exact decimal value: round(2.675, 2) = 2.68"},
    builtin_info{"floor", builtin::floor, 1, 1, static_type::number, "floor(x)",
                 "the largest whole number not above x"},
    builtin_info{"ceil", builtin::ceil, 1, 1, static_type::number, "ceil(x)",
                 "the smallest whole number not below x"},
    builtin_info{"abs", builtin::abs, 1, 1, static_type::number, "abs(x)", "x without its sign"},
    builtin_info{"months_late", builtin::months_late, 2, 2, static_type::number,
                 "months_late(done, deadline)",
                 "whole months from the deadline to the completion, 0 when on time; cells use "
                 "the latest date they name"},
    builtin_info{"comparable", builtin::comparable, 2, 2, static_type::boolean,
                 "comparable(actual, target)",
                 "true when every quantity of the target has a quantity of the actual to be set "
                 "against (same kind of unit)"},
    builtin_info{"contains", builtin::contains, 2, 2, static_type::boolean,
                 "contains(text, part)", "true when the text (or a cell's text) contains part"},
};

value extremum(std::span<const value> args, bool smallest, const dsl::source_span& span) {
  value best = as_number(args[0], span);
  if (best.is_error()) return best;
  for (std::size_t i = 1; i < args.size(); ++i) {
    auto next = as_number(args[i], span);
    if (next.is_error()) return next;
    auto less = compare(next, best, comparison::less, span);
    if (less.is_error()) return less;
    if (less.flag == smallest) best = next;
  }
  return best;
}

value unary_math(const value& arg, const dsl::source_span& span, decimal (decimal::*op)() const) {
  auto x = as_number(arg, span);
  if (x.is_error()) return x;
  return value::of((x.number.*op)(), x.unit, x.percent);
}

value textual(const value& v, const dsl::source_span& span) {
  if (v.type == kind::text || v.type == kind::cell || v.is_error()) return v;
  return value::fail(fmt::format("expected a text, got {}", describe(v.type)), span);
}

}  // namespace

std::span<const builtin_info> builtins() { return table; }

const builtin_info* find_builtin(std::string_view name) {
  for (const auto& b : table)
    if (b.name == name) return &b;
  return nullptr;
}

value call_builtin(builtin id, std::span<const value> args, const dsl::source_span& span) {
  switch (id) {
    case builtin::min: return extremum(args, true, span);
    case builtin::max: return extremum(args, false, span);
    case builtin::clamp: {
      const value low_high[] = {args[0], args[1]};
      auto raised = extremum(low_high, false, span);
      if (raised.is_error()) return raised;
      const value with_high[] = {raised, args[2]};
      return extremum(with_high, true, span);
    }
    case builtin::round: {
      auto x = as_number(args[0], span);
      if (x.is_error()) return x;
      int places = 0;
      if (args.size() > 1) {
        auto p = as_number(args[1], span);
        if (p.is_error()) return p;
        if (p.number != p.number.floor() || p.number < decimal::from_int(0) ||
            p.number > decimal::from_int(12))
          return value::fail("round: places must be a whole number from 0 to 12", span);
        places = static_cast<int>(p.number.to_double());
      }
      return value::of(x.number.round(places), x.unit, x.percent);
    }
    case builtin::floor: return unary_math(args[0], span, &decimal::floor);
    case builtin::ceil: return unary_math(args[0], span, &decimal::ceil);
    case builtin::abs: return unary_math(args[0], span, &decimal::abs);
    case builtin::months_late: {
      auto done = as_date(args[0], span);
      if (done.is_error()) return done;
      auto deadline = as_date(args[1], span);
      if (deadline.is_error()) return deadline;
      return value::of(decimal::from_int(values::months_late(to_date_value(done.date), to_date_value(deadline.date))));
    }
    case builtin::comparable: {
      if (args[0].is_error()) return args[0];
      if (args[1].is_error()) return args[1];
      auto ratio = divide(args[0], args[1], span);
      return value::boolean(!ratio.is_error());
    }
    case builtin::contains: {
      auto text = textual(args[0], span);
      if (text.is_error()) return text;
      auto part = textual(args[1], span);
      if (part.is_error()) return part;
      return value::boolean(text.text.find(part.text) != std::string_view::npos);
    }
  }
  return value::fail("unknown function", span);
}

}  // namespace jixiao::rt
