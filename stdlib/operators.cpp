#include "stdlib/operators.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace jixiao::rt {
namespace {

value quantity_value(const values::quantity& q) {
  return value::of(q.value, q.unit, q.unit == "%");
}

std::string quote(const value& v) { return to_display(v); }

// The number of a cell's quantity converted into the unit of `into`, or empty when the
// units measure different things.
std::optional<decimal> converted(const values::quantity& q, std::string_view into) {
  auto factor = values::unit_factor(q.unit, into);
  if (!factor) return std::nullopt;
  return q.value * *factor;
}

// A cell set against another, quantity by quantity: for each quantity of the target, the
// matching quantity of the actual (or 0 when the actual says nothing was achieved).
struct matched_pair {
  decimal actual;
  decimal target;
};

// The pairs of one match. A target cell holds one or two quantities, a few at most, so they
// are kept inline and matching two cells (once per comparison or division of two cells)
// allocates nothing for them; a target with more quantities keeps them on the heap.
class matched_pairs {
public:
  explicit matched_pairs(std::size_t capacity) : m_heap(capacity > inline_count) {
    if (m_heap) m_more.reserve(capacity);
  }
  void push_back(const matched_pair& p) {
    if (m_heap) {
      m_more.push_back(p);
    } else {
      m_few[m_size] = p;
    }
    ++m_size;
  }
  const matched_pair* begin() const { return m_heap ? m_more.data() : m_few.data(); }
  const matched_pair* end() const { return begin() + m_size; }

private:
  static constexpr std::size_t inline_count = 4;
  bool m_heap;
  std::size_t m_size = 0;
  std::array<matched_pair, inline_count> m_few;
  std::vector<matched_pair> m_more;
};

// One quantity against one in the same unit (or a bare number), the commonest pair: it
// matches whatever its nouns say, and converting it is multiplying by 1, which changes
// nothing. The quantities of the actual and the target, when the two cells are such a pair;
// match_cells() gives the same pair.
std::optional<std::pair<const values::quantity*, const values::quantity*>> single_pair(const values::cell& actual,
                                                                                     const values::cell& target) {
  if (target.quantities.size() != 1 || actual.quantities.size() != 1) return std::nullopt;
  const auto& a = actual.quantities.front();
  const auto& t = target.quantities.front();
  // Units are views into the unit table, so one unit is usually one pointer: compared
  // before the bytes.
  const bool same_unit = a.unit.size() == t.unit.size() && (a.unit.data() == t.unit.data() || a.unit == t.unit);
  if (!same_unit && !a.unit.empty() && !t.unit.empty()) return std::nullopt;
  return std::pair{&a, &t};
}

std::variant<matched_pairs, value> match_cells(const values::cell& actual, const values::cell& target,
                                               const dsl::source_span& span) {
  if (target.quantities.empty())
    return value::fail(fmt::format("「{}」 holds no quantity to measure against", target.text), span);
  matched_pairs pairs(target.quantities.size());
  if (auto one = single_pair(actual, target)) {
    pairs.push_back({one->first->value, one->second->value});
    return pairs;
  }
  if (actual.kind == values::cell_kind::nothing && actual.quantities.empty()) {
    for (const auto& t : target.quantities) pairs.push_back({decimal{}, t.value});
    return pairs;
  }
  const auto matches = values::match_quantities(actual, target);
  for (std::size_t i = 0; i < target.quantities.size(); ++i) {
    const auto& t = target.quantities[i];
    if (!matches[i])
      return value::fail(fmt::format("「{}」 has no quantity in {} to set against 「{}」", actual.text,
                                     t.unit.empty() ? std::string_view("the same unit") : t.unit, t.text),
                         span);
    const auto& a = actual.quantities[*matches[i]];
    auto amount = converted(a, t.unit);
    if (!amount)
      return value::fail(fmt::format("cannot compare {} with {}", a.text, t.text), span);
    pairs.push_back({*amount, t.value});
  }
  return pairs;
}

bool is_cell_with_quantities(const value& v) {
  return v.type == kind::cell && (v.cell->kind == values::cell_kind::quantity ||
                                  v.cell->kind == values::cell_kind::nothing);
}

std::string_view symbol(comparison op) {
  switch (op) {
    case comparison::equal: return "==";
    case comparison::not_equal: return "!=";
    case comparison::less: return "<";
    case comparison::less_equal: return "<=";
    case comparison::greater: return ">";
    case comparison::greater_equal: return ">=";
  }
  return "?";
}

bool holds(std::partial_ordering order, comparison op) {
  switch (op) {
    case comparison::equal: return order == 0;
    case comparison::not_equal: return order != 0;
    case comparison::less: return order < 0;
    case comparison::less_equal: return order <= 0;
    case comparison::greater: return order > 0;
    case comparison::greater_equal: return order >= 0;
  }
  return false;
}

// Brings two numbers to one unit; an error when they measure different things. The message
// names the verb and, for an ordering, its symbol ("compare (≥)"); they are put together only
// when the units differ, since ordering comparisons are among the commonest operations.
std::variant<std::pair<decimal, decimal>, value> common_unit(const value& a, const value& b,
                                                             std::string_view verb,
                                                             const dsl::source_span& span,
                                                             std::string_view symbol_text = {}) {
  if (dimensionless(a.unit) && dimensionless(b.unit)) return std::pair{a.number, b.number};
  auto factor = values::unit_factor(a.unit, b.unit);
  if (!factor) {
    const std::string what = symbol_text.empty() ? std::string(verb) : fmt::format("{} ({})", verb, symbol_text);
    return value::fail(fmt::format("cannot {} {} and {}: the units differ", what, quote(a), quote(b)), span);
  }
  return std::pair{a.number * *factor, b.number};
}

// The number as_number() gives and its unit, when it gives one without an error: a number,
// a cell's only quantity, 0 for a cell that says nothing was achieved. No copy of the value.
const decimal* number_of(const value& v, std::string_view& unit) {
  static const decimal zero;
  if (v.type == kind::number) {
    unit = v.unit;
    return &v.number;
  }
  if (v.type != kind::cell) return nullptr;
  const auto& c = *v.cell;
  if (c.kind == values::cell_kind::nothing && c.quantities.empty()) {
    unit = {};
    return &zero;
  }
  if (c.quantities.size() != 1) return nullptr;
  unit = c.quantities.front().unit;
  return &c.quantities.front().value;
}

// Whether common_unit() leaves both numbers as they are: both without a dimension, or the
// factor between the units is 1 (the same unit, or one side bare).
bool same_scale(std::string_view a, std::string_view b) {
  return (dimensionless(a) && dimensionless(b)) || a == b || a.empty() || b.empty();
}

// Both operands plain numbers (not cells): the arithmetic fast paths below take only these,
// where the result's unit is "" and no conversion applies.
bool plain_numbers(const value& a, const value& b) {
  return a.type == kind::number && b.type == kind::number && dimensionless(a.unit) && dimensionless(b.unit);
}

value checked(decimal d, std::string_view unit, bool percent, const dsl::source_span& span) {
  if (!d.valid()) return value::fail("number out of range", span);
  return value::of(d, unit, percent);
}

}  // namespace

value as_number(const value& v, const dsl::source_span& span) {
  switch (v.type) {
    case kind::number: return v;
    case kind::error: return v;
    case kind::cell: {
      const auto& c = *v.cell;
      if (c.kind == values::cell_kind::nothing && c.quantities.empty()) return value::of(decimal{});
      if (c.quantities.size() == 1) return quantity_value(c.quantities.front());
      if (c.quantities.empty())
        return value::fail(fmt::format("「{}」 is not a number", c.text), span);
      return value::fail(fmt::format("「{}」 holds {} quantities; set it against another cell to "
                                     "match them",
                                     c.text, c.quantities.size()),
                         span);
    }
    case kind::absent: return value::fail("the value is missing", span);
    case kind::not_applicable: return value::fail("the value is marked not applicable", span);
    case kind::boolean:
    case kind::text:
    case kind::date:
      return value::fail(fmt::format("expected a number, got {} ({})", describe(v.type), quote(v)), span);
  }
  return value::fail("expected a number", span);
}

value as_date(const value& v, const dsl::source_span& span) {
  if (v.type == kind::date || v.type == kind::error) return v;
  if (v.type == kind::cell) {
    if (auto d = v.cell->latest_date()) return value::of_date(*d);
    return value::fail(fmt::format("「{}」 names no date", v.cell->text), span);
  }
  return value::fail(fmt::format("expected a date, got {}", describe(v.type)), span);
}

namespace {

// + and − bring both sides to one unit first; they differ only in the operation.
value add_or_subtract(const value& a0, const value& b0, bool adding, const dsl::source_span& span) {
  if (plain_numbers(a0, b0)) return checked(adding ? a0.number + b0.number : a0.number - b0.number, {}, false, span);
  auto a = as_number(a0, span);
  if (a.is_error()) return a;
  auto b = as_number(b0, span);
  if (b.is_error()) return b;
  auto both = common_unit(a, b, adding ? "add" : "subtract", span);
  if (auto* e = std::get_if<value>(&both)) return *e;
  auto [x, y] = std::get<0>(both);
  auto unit = dimensionless(b.unit) ? a.unit : b.unit;
  return checked(adding ? x + y : x - y, dimensionless(unit) ? std::string_view{} : unit, false, span);
}

}  // namespace

value add(const value& a0, const value& b0, const dsl::source_span& span) {
  return add_or_subtract(a0, b0, true, span);
}

value subtract(const value& a0, const value& b0, const dsl::source_span& span) {
  return add_or_subtract(a0, b0, false, span);
}

value multiply(const value& a0, const value& b0, const dsl::source_span& span) {
  if (plain_numbers(a0, b0)) return checked(a0.number * b0.number, {}, false, span);
  auto a = as_number(a0, span);
  if (a.is_error()) return a;
  auto b = as_number(b0, span);
  if (b.is_error()) return b;
  if (!dimensionless(a.unit) && !dimensionless(b.unit))
    return value::fail(fmt::format("cannot multiply {} by {}", quote(a), quote(b)), span);
  auto unit = dimensionless(a.unit) ? b.unit : a.unit;
  return checked(a.number * b.number, dimensionless(unit) ? std::string_view{} : unit, false, span);
}

value divide(const value& a0, const value& b0, const dsl::source_span& span) {
  if (a0.is_error()) return a0;
  if (b0.is_error()) return b0;
  // Two cells are set against each other quantity by quantity; the result is the share of
  // the target reached by the part that fell shortest.
  if (is_cell_with_quantities(a0) && b0.type == kind::cell) {
    // One pair: the loop below once, without building the list of pairs.
    if (auto one = single_pair(*a0.cell, *b0.cell)) {
      if (one->second->value.is_zero())
        return value::fail(fmt::format("division by zero: 「{}」 is 0", b0.cell->text), span);
      auto r = one->first->value / one->second->value;
      if (!r.valid()) return value::fail("number out of range", span);
      return value::of(r);
    }
    auto pairs = match_cells(*a0.cell, *b0.cell, span);
    if (auto* e = std::get_if<value>(&pairs)) return *e;
    std::optional<decimal> least;
    for (const auto& p : std::get<0>(pairs)) {
      if (p.target.is_zero())
        return value::fail(fmt::format("division by zero: 「{}」 is 0", b0.cell->text), span);
      auto r = p.actual / p.target;
      if (!r.valid()) return value::fail("number out of range", span);
      if (!least || r < *least) least = r;
    }
    return value::of(*least);
  }
  if (plain_numbers(a0, b0) && !b0.number.is_zero()) return checked(a0.number / b0.number, {}, false, span);
  auto a = as_number(a0, span);
  if (a.is_error()) return a;
  auto b = as_number(b0, span);
  if (b.is_error()) return b;
  if (b.number.is_zero()) return value::fail(fmt::format("division by zero: {} is 0", quote(b0)), span);
  if (dimensionless(b.unit)) return checked(a.number / b.number, a.unit == "%" ? std::string_view{} : a.unit, false, span);
  auto factor = values::unit_factor(a.unit, b.unit);
  if (!factor)
    return value::fail(fmt::format("cannot divide {} by {}: the units differ", quote(a), quote(b)), span);
  return checked(a.number * *factor / b.number, {}, false, span);
}

std::optional<decimal> divide_cells(const values::cell& actual, const values::cell& target) {
  // divide()'s single pair, which it takes when the actual holds quantities or says nothing
  // was achieved; everything else, and each failure, as divide() decides it.
  if (actual.kind == values::cell_kind::quantity || actual.kind == values::cell_kind::nothing) {
    if (auto one = single_pair(actual, target)) {
      if (one->second->value.is_zero()) return std::nullopt;
      const decimal r = one->first->value / one->second->value;
      if (!r.valid()) return std::nullopt;
      return r;
    }
  }
  const value v = divide(value::of_cell(actual), value::of_cell(target), {});
  if (v.is_error()) return std::nullopt;
  return v.number;
}

value negate(const value& a0, const dsl::source_span& span) {
  auto a = as_number(a0, span);
  if (a.is_error()) return a;
  return value::of(-a.number, a.unit, a.percent);
}

value compare(const value& a, const value& b, comparison op, const dsl::source_span& span) {
  if (a.is_error()) return a;
  if (b.is_error()) return b;
  const bool equality = op == comparison::equal || op == comparison::not_equal;
  if (equality) {
    bool same = false;
    auto textual = [](const value& v) { return v.type == kind::text || v.type == kind::cell; };
    if (textual(a) && textual(b)) {
      same = a.text == b.text;
    } else if (a.type == kind::boolean && b.type == kind::boolean) {
      same = a.flag == b.flag;
    } else if (a.type == b.type && (a.type == kind::absent || a.type == kind::not_applicable)) {
      same = true;
    } else if (a.type == kind::date && b.type == kind::date) {
      same = a.date.year == b.date.year && a.date.last_month == b.date.last_month && a.date.day == b.date.day;
    } else if ((a.type == kind::number || a.type == kind::cell) && (b.type == kind::number || b.type == kind::cell)) {
      std::string_view ux, uy;
      const decimal* px = number_of(a, ux);
      const decimal* py = px ? number_of(b, uy) : nullptr;
      if (py && same_scale(ux, uy)) return value::boolean((*px == *py) == (op == comparison::equal));
      auto x = as_number(a, span);
      auto y = as_number(b, span);
      if (!x.is_error() && !y.is_error()) {
        auto both = common_unit(x, y, "compare", span);
        if (auto* p = std::get_if<0>(&both)) same = p->first == p->second;
      }
    }
    return value::boolean(op == comparison::equal ? same : !same);
  }
  // Ordering. Two cells with quantities: every matched pair must satisfy the comparison.
  const bool cells = is_cell_with_quantities(a) && is_cell_with_quantities(b);
  // A number against a number or a cell's only quantity, in the same unit or without one: as
  // below, without converting either side. A date-like cell goes below.
  if (!cells && (a.type == kind::number || b.type == kind::number)) {
    std::string_view ux, uy;
    const decimal* px = number_of(a, ux);
    const decimal* py = px ? number_of(b, uy) : nullptr;
    if (py && same_scale(ux, uy) && (a.type != kind::cell || a.cell->kind != values::cell_kind::date) &&
        (b.type != kind::cell || b.cell->kind != values::cell_kind::date))
      return value::boolean(holds(*px <=> *py, op));
  }
  if (cells) {
    if (auto one = single_pair(*a.cell, *b.cell)) return value::boolean(holds(one->first->value <=> one->second->value, op));
    auto pairs = match_cells(*a.cell, *b.cell, span);
    if (auto* e = std::get_if<value>(&pairs)) return *e;
    for (const auto& p : std::get<0>(pairs))
      if (!holds(p.actual <=> p.target, op)) return value::boolean(false);
    return value::boolean(true);
  }
  auto date_like = [](const value& v) {
    return v.type == kind::date || (v.type == kind::cell && v.cell->kind == values::cell_kind::date);
  };
  if (date_like(a) || date_like(b)) {
    auto x = as_date(a, span);
    if (x.is_error()) return x;
    auto y = as_date(b, span);
    if (y.is_error()) return y;
    auto key = [](const date_fields& d) { return (d.year * 12 + d.last_month) * 32 + d.day; };
    return value::boolean(holds(key(x.date) <=> key(y.date), op));
  }
  auto x = as_number(a, span);
  if (x.is_error()) return x;
  auto y = as_number(b, span);
  if (y.is_error()) return y;
  auto both = common_unit(x, y, "compare", span, symbol(op));
  if (auto* e = std::get_if<value>(&both)) return *e;
  auto [p, q] = std::get<0>(both);
  return value::boolean(holds(p <=> q, op));
}

}  // namespace jixiao::rt
