// The whole-rule-set analyses (see static_checks.hpp). They reason about the plan, where a
// definition is already copied into each use and every name is resolved, so `有期限` in two
// rules is the same expression. Every verdict is sound for the evaluator's semantics
// (evaluator.cpp, stdlib/operators.cpp): a condition is "always false" only when no form can
// make it true, "always true" only when it holds, without an error, on every form. Where the
// analysis cannot tell, it says nothing.
#include "engine/static_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "stdlib/builtins.hpp"
#include "stdlib/operators.hpp"

namespace jixiao::engine {
namespace {

using rt::comparison;
using rt::kind;

// ---------------------------------------------------------------------------------------------
// Intervals of decimals, each side bounded or infinite. They describe band ranges, table keys,
// the values an expression can take and the parts of these nothing covers.

struct span_interval {
  std::optional<decimal> lower;  // empty: -inf
  bool lower_closed = false;
  std::optional<decimal> upper;  // empty: +inf
  bool upper_closed = false;
};

span_interval from_planned(const planned_interval& p) {
  return {p.lower, p.lower && p.lower_closed, p.upper, p.upper && p.upper_closed};
}

bool empty(const span_interval& i) {
  if (!i.lower || !i.upper) return false;
  if (*i.upper < *i.lower) return true;
  return *i.upper == *i.lower && !(i.lower_closed && i.upper_closed);
}

span_interval intersect(const span_interval& a, const span_interval& b) {
  span_interval out = a;
  if (b.lower && (!out.lower || *out.lower < *b.lower)) {
    out.lower = b.lower;
    out.lower_closed = b.lower_closed;
  } else if (b.lower && out.lower && *out.lower == *b.lower) {
    out.lower_closed = out.lower_closed && b.lower_closed;
  }
  if (b.upper && (!out.upper || *b.upper < *out.upper)) {
    out.upper = b.upper;
    out.upper_closed = b.upper_closed;
  } else if (b.upper && out.upper && *out.upper == *b.upper) {
    out.upper_closed = out.upper_closed && b.upper_closed;
  }
  return out;
}

// Whether a lies before b's lower bound (for sorting rows and bands by where they start).
bool starts_before(const span_interval& a, const span_interval& b) {
  if (!a.lower || !b.lower) return !a.lower && b.lower;
  if (*a.lower != *b.lower) return *a.lower < *b.lower;
  return a.lower_closed && !b.lower_closed;
}

// The parts of `whole` that no interval of `parts` covers, in order.
std::vector<span_interval> uncovered(const span_interval& whole, std::vector<span_interval> parts) {
  std::sort(parts.begin(), parts.end(), starts_before);
  std::vector<span_interval> out;
  std::optional<span_interval> rest = whole;
  for (const auto& p : parts) {
    if (!rest || empty(*rest)) break;
    if (p.lower) {
      auto before = intersect(*rest, {std::nullopt, false, p.lower, !p.lower_closed});
      if (!empty(before)) out.push_back(before);
    }
    if (!p.upper) {
      rest.reset();
      break;
    }
    rest = intersect(*rest, {p.upper, !p.upper_closed, std::nullopt, false});
  }
  if (rest && !empty(*rest)) out.push_back(*rest);
  return out;
}

// How a bound is written: 60% for band bounds and for table keys written as percentages.
std::string number_text(const decimal& v, bool percent) {
  if (percent) return (v * decimal::from_int(100)).to_string() + "%";
  return v.to_string();
}

// "[3, 5)", "(60%, 70%)", "80%" for a single point.
std::string interval_text(const span_interval& i, bool lower_percent, bool upper_percent) {
  if (i.lower && i.upper && *i.lower == *i.upper) return number_text(*i.lower, lower_percent || upper_percent);
  return fmt::format("{}{}, {}{}", i.lower_closed ? "[" : "(", i.lower ? number_text(*i.lower, lower_percent) : "-inf",
                     i.upper ? number_text(*i.upper, upper_percent) : "inf", i.upper_closed ? "]" : ")");
}

std::string interval_text(const span_interval& i, bool percent) { return interval_text(i, percent, percent); }

// Whether a bound of an interval as written is a percentage (`80%`, `-5%`).
bool written_as_percent(const dsl::expr* e) {
  if (!e) return false;
  if (const auto* u = std::get_if<dsl::unary>(&e->node)) return written_as_percent(u->operand.get());
  if (const auto* n = std::get_if<dsl::number_literal>(&e->node)) return n->percent;
  return false;
}

// ---------------------------------------------------------------------------------------------
// What `is TYPE` accepts. The value an expression tests is one of a few shapes (a plain value
// or a cell read from the form, per stdlib/values.cpp parse_cell); each type accepts some of
// them, exactly as evaluator.cpp decides. Two tests contradict each other when no shape passes
// both.

struct shape {
  bool cell = false;
  kind k = kind::absent;  // when not a cell
  values::cell_kind ck = values::cell_kind::absent;  // when a cell
  bool dates = false;     // a cell that names dates
  bool several = false;   // a quantity cell with more than one quantity
  bool percent = false;   // a number written as a percentage; a cell whose quantities all are
};

const std::vector<shape>& shapes() {
  static const std::vector<shape> all = [] {
    std::vector<shape> out;
    for (auto k : {kind::absent, kind::not_applicable, kind::text, kind::date, kind::boolean})
      out.push_back({.k = k});
    out.push_back({.k = kind::number});
    out.push_back({.k = kind::number, .percent = true});
    using values::cell_kind;
    out.push_back({.cell = true, .ck = cell_kind::absent});
    out.push_back({.cell = true, .ck = cell_kind::not_applicable});
    out.push_back({.cell = true, .ck = cell_kind::text});
    out.push_back({.cell = true, .ck = cell_kind::date, .dates = true});
    for (bool dates : {false, true}) {
      out.push_back({.cell = true, .ck = cell_kind::nothing, .dates = dates});
      for (bool several : {false, true})
        for (bool percent : {false, true})
          out.push_back({.cell = true, .ck = cell_kind::quantity, .dates = dates, .several = several, .percent = percent});
    }
    return out;
  }();
  return all;
}

bool accepts(value_type t, const shape& s) {
  using values::cell_kind;
  switch (t) {
    case value_type::absent: return s.cell ? s.ck == cell_kind::absent : s.k == kind::absent;
    case value_type::not_applicable: return s.cell ? s.ck == cell_kind::not_applicable : s.k == kind::not_applicable;
    case value_type::missing: return accepts(value_type::absent, s) || accepts(value_type::not_applicable, s);
    case value_type::nothing: return s.cell && s.ck == cell_kind::nothing;
    case value_type::quantity: return s.cell ? s.ck == cell_kind::quantity : s.k == kind::number;
    case value_type::number: return s.cell ? s.ck == cell_kind::quantity && !s.several : s.k == kind::number;
    case value_type::percent: return s.percent && (s.cell ? s.ck == cell_kind::quantity : s.k == kind::number);
    case value_type::date: return s.cell ? s.dates && s.ck != cell_kind::not_applicable : s.k == kind::date;
    case value_type::text: return s.cell ? s.ck == cell_kind::text : s.k == kind::text;
    case value_type::boolean: return !s.cell && s.k == kind::boolean;
  }
  return true;
}

using shape_set = std::vector<bool>;  // per shapes() entry: still possible

// ---------------------------------------------------------------------------------------------
// What a condition says about its subject: the literals of a conjunction or a disjunction.

enum class literal_form : std::uint8_t { opaque, type, compare, member };

struct literal {
  literal_form form = literal_form::opaque;
  node_index at = no_node;       // the expression tested
  node_index shown = no_node;    // the same as written in the condition (`not X` for X failing), for messages
  node_index subject = no_node;  // type, compare, member: the value tested
  bool positive = true;          // opaque: holds (true) or is false; type: `is` / `is not`; member: `in` / `not in`
  value_type type = value_type::absent;
  comparison op = comparison::equal;  // compare: subject op constant
  std::vector<rt::value> constants;   // compare: one; member: the items
};

// What the literals about one subject allow of its numbers and of its texts (and booleans).
// A literal that says nothing of one of them leaves it free.
struct number_constraint {
  span_interval range;                     // starts as everything
  std::optional<std::vector<decimal>> only;  // `== c`, `in (…)`: the values allowed
  std::vector<decimal> excluded;           // `!= c`, `not in (…)`
  bool says_something = false;
};

struct key_constraint {
  std::optional<std::set<std::string>> only;
  std::set<std::string> excluded;
  bool says_something = false;
};

// A text or a boolean constant as a key for key_constraint; "" for a number (handled apart).
std::optional<std::string> key_of(const rt::value& v) {
  if (v.type == kind::text) return "t:" + std::string(v.text);
  if (v.type == kind::boolean) return v.flag ? "b:1" : "b:0";
  return std::nullopt;
}

// A dimensionless number constant: 80% is 0.8, as a cell reads it.
std::optional<decimal> number_of(const rt::value& v) {
  if (v.type != kind::number || !(v.unit.empty() || v.unit == "%")) return std::nullopt;
  return v.number;
}

comparison negated(comparison op) {
  switch (op) {
    case comparison::equal: return comparison::not_equal;
    case comparison::not_equal: return comparison::equal;
    case comparison::less: return comparison::greater_equal;
    case comparison::less_equal: return comparison::greater;
    case comparison::greater: return comparison::less_equal;
    case comparison::greater_equal: return comparison::less;
  }
  return op;
}

comparison mirrored(comparison op) {
  switch (op) {
    case comparison::less: return comparison::greater;
    case comparison::less_equal: return comparison::greater_equal;
    case comparison::greater: return comparison::less;
    case comparison::greater_equal: return comparison::less_equal;
    default: return op;
  }
}

// Why a condition never or always holds: a sentence and the parts of it that show it.
struct verdict {
  std::string why;
  std::vector<node_index> parts;
};

class analysis {
public:
  explicit analysis(const static_check_input& in) : m_in(in), m_p(in.planned) {}
  dsl::diagnostics run();

private:
  // Reading the plan.
  const node& at(node_index i) const { return m_p.nodes[i]; }
  std::string_view text_of(node_index i) const;
  std::optional<rt::value> fold(node_index i) const;
  bool can_fail(node_index i) const;
  bool boolean_valued(node_index i) const;
  bool small(node_index i) const;
  bool same(node_index a, node_index b) const { return same_expression(m_p, a, b); }

  // Conditions.
  void literals(node_index i, bool positive, bool conjunction, std::vector<literal>& out,
                node_index shown = no_node) const;
  std::vector<literal> conjuncts(node_index i) const {
    std::vector<literal> out;
    literals(i, true, true, out);
    return out;
  }
  shape_set shapes_of(const std::vector<const literal*>& about) const;
  void constrain(number_constraint& n, key_constraint& k, const literal& l) const;
  bool satisfiable(const number_constraint& n) const;
  bool satisfiable(const key_constraint& k) const;
  bool jointly_possible(const std::vector<const literal*>& about) const;
  std::optional<verdict> contradiction(const std::vector<literal>& all) const;
  bool implied(const std::vector<literal>& given, const literal& wanted) const;
  bool implies(node_index stronger, node_index weaker) const;
  std::optional<verdict> never_true(node_index i) const;
  std::optional<verdict> always_true(node_index i) const;
  std::optional<verdict> tautology(const std::vector<literal>& disjuncts) const;
  std::string quoted_parts(const std::vector<node_index>& parts, std::string_view joiner) const;

  // Ranges of numbers an expression can take, where knowable.
  struct range {
    span_interval values;
    bool lower_known = false;  // the lower side (a bound or -inf) is what the expression can reach
    bool upper_known = false;
  };
  range range_of(node_index i) const;

  // The analyses.
  void rules(const std::vector<planned_rule>& planned, const std::vector<rule_origin>& origins, bool groups);
  void bands(const planned_rule& rule, const rule_origin& origin);
  void tables();
  void table_calls();
  void checks();
  void definitions();

  void report(dsl::severity level, std::string_view code, const dsl::rule_file* file, const dsl::source_span& span,
              std::string message, std::vector<dsl::diagnostic_note> notes = {});
  // A note pointing at a part of a condition that lies outside `shown` (the span reported).
  void notes_for(const verdict& v, const dsl::rule_file* file, const dsl::source_span& shown,
                 std::vector<dsl::diagnostic_note>& notes) const;
  dsl::diagnostic_note note(const dsl::rule_file* file, const dsl::source_span& span, std::string message) const {
    return {span, std::move(message), file->path};
  }

  const static_check_input& m_in;
  const program& m_p;
  dsl::diagnostics m_out;
};

std::string_view analysis::text_of(node_index i) const {
  const auto* file = m_in.node_files[i];
  const auto& s = at(i).span;
  if (!file || s.end > file->text.size() || s.end < s.begin) return "?";
  return std::string_view(file->text).substr(s.begin, s.end - s.begin);
}

// The value of an expression that reads nothing from a form; empty when it does.
std::optional<rt::value> analysis::fold(node_index i) const {
  const node& n = at(i);
  switch (n.kind) {
    case node_kind::constant: return m_p.constants[n.index];
    case node_kind::negate: {
      auto a = fold(n.a);
      if (!a) return std::nullopt;
      return rt::negate(*a, n.span);
    }
    case node_kind::logical_not: {
      auto a = fold(n.a);
      if (!a || a->type != kind::boolean) return std::nullopt;
      return rt::value::boolean(!a->flag);
    }
    case node_kind::arithmetic: {
      auto a = fold(n.a);
      auto b = fold(n.b);
      if (!a || !b) return std::nullopt;
      switch (static_cast<arithmetic_op>(n.op)) {
        case arithmetic_op::add: return rt::add(*a, *b, n.span);
        case arithmetic_op::subtract: return rt::subtract(*a, *b, n.span);
        case arithmetic_op::multiply: return rt::multiply(*a, *b, n.span);
        case arithmetic_op::divide: return rt::divide(*a, *b, n.span);
      }
      return std::nullopt;
    }
    case node_kind::comparison: {
      auto a = fold(n.a);
      auto b = fold(n.b);
      if (!a || !b) return std::nullopt;
      return rt::compare(*a, *b, static_cast<comparison>(n.op), n.span);
    }
    case node_kind::logical_and:
    case node_kind::logical_or: {
      // `false and x` is false and `true or x` is true whatever x is, as in the evaluator.
      const bool is_and = n.kind == node_kind::logical_and;
      auto a = fold(n.a);
      auto b = fold(n.b);
      for (const auto& side : {a, b})
        if (side && side->type == kind::boolean && side->flag != is_and) return rt::value::boolean(!is_and);
      if (a && b && a->type == kind::boolean && b->type == kind::boolean) return rt::value::boolean(is_and);
      return std::nullopt;
    }
    case node_kind::conditional: {
      auto c = fold(n.a);
      if (!c || c->type != kind::boolean) return std::nullopt;
      return fold(c->flag ? n.b : n.c);
    }
    case node_kind::builtin_call: {
      std::vector<rt::value> args;
      for (std::uint32_t k = 0; k < n.list_size; ++k) {
        auto a = fold(m_p.argument_lists[n.list_begin + k]);
        if (!a || a->is_error()) return std::nullopt;
        args.push_back(*a);
      }
      return rt::call_builtin(static_cast<rt::builtin>(n.op), args, n.span);
    }
    case node_kind::field:
    case node_kind::table_call:
    case node_kind::member:
    case node_kind::in_list:
    case node_kind::is_type:
    case node_kind::deduction: return std::nullopt;
  }
  return std::nullopt;
}

// Whether evaluating the expression can give an error value on some form. Reading a field
// never fails (except `rate`, which is computed, and the facts of checks); equality never
// fails; `is` fails only when its subject does.
bool analysis::can_fail(node_index i) const {
  const node& n = at(i);
  switch (n.kind) {
    case node_kind::constant: return m_p.constants[n.index].is_error();
    case node_kind::field: {
      const auto f = static_cast<field>(n.op);
      return f == field::rate || f == field::fact;
    }
    case node_kind::member: {
      const auto m = static_cast<member_kind>(n.op);
      const node& object = at(n.a);
      const bool cell = object.kind == node_kind::field &&
                        (static_cast<field>(object.op) == field::target || static_cast<field>(object.op) == field::actual);
      return !cell || m == member_kind::value || m == member_kind::low || m == member_kind::high;
    }
    case node_kind::is_type: return can_fail(n.a);
    case node_kind::comparison: {
      const auto op = static_cast<comparison>(n.op);
      return (op != comparison::equal && op != comparison::not_equal) || can_fail(n.a) || can_fail(n.b);
    }
    case node_kind::in_list: {
      if (can_fail(n.a)) return true;
      for (std::uint32_t k = 0; k < n.list_size; ++k)
        if (can_fail(m_p.argument_lists[n.list_begin + k])) return true;
      return false;
    }
    case node_kind::logical_not: return can_fail(n.a) || !boolean_valued(n.a);
    case node_kind::logical_and:
    case node_kind::logical_or:
      return can_fail(n.a) || can_fail(n.b) || !boolean_valued(n.a) || !boolean_valued(n.b);
    default: return true;
  }
}

// The analyses of a condition flatten and compare its parts again and again; a condition of
// thousands of nodes (definitions copied into definitions) is left alone rather than slow the
// check down. Real conditions have a few dozen.
bool analysis::small(node_index i) const {
  constexpr std::size_t limit = 2000;
  std::size_t seen = 0;
  std::vector<node_index> todo{i};
  while (!todo.empty()) {
    const auto k = todo.back();
    todo.pop_back();
    if (k == no_node) continue;
    if (++seen > limit) return false;
    const node& n = at(k);
    for (auto child : {n.a, n.b, n.c, n.d}) todo.push_back(child);
    for (std::uint32_t j = 0; j < n.list_size; ++j) todo.push_back(m_p.argument_lists[n.list_begin + j]);
  }
  return true;
}

// Whether the expression, when it does not fail, is true or false (`not`, `and` and `or`
// fail on anything else).
bool analysis::boolean_valued(node_index i) const {
  const node& n = at(i);
  switch (n.kind) {
    case node_kind::is_type:
    case node_kind::comparison:
    case node_kind::in_list:
    case node_kind::logical_not:
    case node_kind::logical_and:
    case node_kind::logical_or: return true;
    case node_kind::constant: return m_p.constants[n.index].type == kind::boolean;
    case node_kind::builtin_call: {
      const auto id = static_cast<rt::builtin>(n.op);
      return id == rt::builtin::comparable || id == rt::builtin::contains;
    }
    default: return false;
  }
}

// Splits a condition into the literals of its conjunction (`a and b and not c`) or of its
// disjunction (`a or b`), seeing through `not` (De Morgan), and reads each literal.
void analysis::literals(node_index i, bool positive, bool conjunction, std::vector<literal>& out,
                        node_index shown) const {
  const node& n = at(i);
  if (shown == no_node) shown = i;
  if (n.kind == node_kind::logical_not) {
    literals(n.a, !positive, conjunction, out, shown);
    return;
  }
  // `a and b` is a conjunction when it holds (and `a or b` when it fails).
  const bool joins = (n.kind == node_kind::logical_and && positive == conjunction) ||
                     (n.kind == node_kind::logical_or && positive != conjunction);
  if (joins) {
    literals(n.a, positive, conjunction, out);
    literals(n.b, positive, conjunction, out);
    return;
  }
  literal l{.at = i, .shown = shown, .positive = positive};
  if (n.kind == node_kind::is_type) {
    l.form = literal_form::type;
    l.subject = n.a;
    l.type = static_cast<value_type>(n.op);
    l.positive = (n.index == 0) == positive;
  } else if (n.kind == node_kind::comparison) {
    auto op = static_cast<comparison>(n.op);
    auto rhs = fold(n.b);
    auto lhs = fold(n.a);
    const bool usable_rhs = rhs && (number_of(*rhs) || key_of(*rhs));
    const bool usable_lhs = lhs && (number_of(*lhs) || key_of(*lhs));
    if (usable_rhs && !lhs) {
      l.form = literal_form::compare;
      l.subject = n.a;
      l.constants = {*rhs};
      l.op = positive ? op : negated(op);
    } else if (usable_lhs && !rhs) {
      l.form = literal_form::compare;
      l.subject = n.b;
      l.constants = {*lhs};
      l.op = positive ? mirrored(op) : negated(mirrored(op));
    }
  } else if (n.kind == node_kind::in_list) {
    std::vector<rt::value> items;
    bool constant = !fold(n.a);
    for (std::uint32_t k = 0; k < n.list_size && constant; ++k) {
      auto v = fold(m_p.argument_lists[n.list_begin + k]);
      if (!v || !(number_of(*v) || key_of(*v))) constant = false;
      else items.push_back(*v);
    }
    if (constant) {
      l.form = literal_form::member;
      l.subject = n.a;
      l.constants = std::move(items);
      l.positive = (n.op == 0) == positive;
    }
  }
  out.push_back(std::move(l));
}

shape_set analysis::shapes_of(const std::vector<const literal*>& about) const {
  shape_set possible(shapes().size(), true);
  for (const auto* l : about) {
    if (l->form != literal_form::type) continue;
    for (std::size_t s = 0; s < possible.size(); ++s)
      if (accepts(l->type, shapes()[s]) != l->positive) possible[s] = false;
  }
  return possible;
}

void analysis::constrain(number_constraint& n, key_constraint& k, const literal& l) const {
  if (l.form == literal_form::compare) {
    const auto& c = l.constants.front();
    if (auto v = number_of(c)) {
      n.says_something = true;
      switch (l.op) {
        case comparison::equal:
          n.range = intersect(n.range, {*v, true, *v, true});
          break;
        case comparison::not_equal: n.excluded.push_back(*v); break;
        case comparison::less: n.range = intersect(n.range, {std::nullopt, false, *v, false}); break;
        case comparison::less_equal: n.range = intersect(n.range, {std::nullopt, false, *v, true}); break;
        case comparison::greater: n.range = intersect(n.range, {*v, false, std::nullopt, false}); break;
        case comparison::greater_equal: n.range = intersect(n.range, {*v, true, std::nullopt, false}); break;
      }
    } else if (auto key = key_of(c); key && (l.op == comparison::equal || l.op == comparison::not_equal)) {
      k.says_something = true;
      if (l.op == comparison::equal) {
        std::set<std::string> one{*key};
        if (!k.only) k.only = one;
        else if (!k.only->contains(*key)) k.only->clear();
        else k.only = one;
      } else {
        k.excluded.insert(*key);
      }
    }
  } else if (l.form == literal_form::member) {
    // A list of numbers constrains the number, a list of texts the text; a mixed list neither.
    const bool numbers = std::all_of(l.constants.begin(), l.constants.end(), [](const auto& c) { return number_of(c).has_value(); });
    const bool keys = std::all_of(l.constants.begin(), l.constants.end(), [](const auto& c) { return key_of(c).has_value(); });
    if (numbers) {
      n.says_something = true;
      std::vector<decimal> items;
      for (const auto& c : l.constants) items.push_back(*number_of(c));
      if (!l.positive) {
        n.excluded.insert(n.excluded.end(), items.begin(), items.end());
      } else if (!n.only) {
        n.only = items;
      } else {
        std::vector<decimal> kept;
        for (const auto& v : *n.only)
          if (std::find(items.begin(), items.end(), v) != items.end()) kept.push_back(v);
        n.only = kept;
      }
    } else if (keys) {
      k.says_something = true;
      std::set<std::string> items;
      for (const auto& c : l.constants) items.insert(*key_of(c));
      if (!l.positive) {
        k.excluded.insert(items.begin(), items.end());
      } else if (!k.only) {
        k.only = items;
      } else {
        std::set<std::string> kept;
        for (const auto& v : *k.only)
          if (items.contains(v)) kept.insert(v);
        k.only = kept;
      }
    }
  }
}

bool contains(const span_interval& i, const decimal& v) { return !empty(intersect(i, {v, true, v, true})); }

bool listed(const std::vector<decimal>& list, const decimal& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

bool analysis::satisfiable(const number_constraint& n) const {
  if (empty(n.range)) return false;
  if (n.only) {
    return std::any_of(n.only->begin(), n.only->end(),
                       [&](const decimal& v) { return contains(n.range, v) && !listed(n.excluded, v); });
  }
  // An interval holds infinitely many numbers unless it is one point.
  if (n.range.lower && n.range.upper && *n.range.lower == *n.range.upper) return !listed(n.excluded, *n.range.lower);
  return true;
}

bool analysis::satisfiable(const key_constraint& k) const {
  if (!k.only) return true;
  return std::any_of(k.only->begin(), k.only->end(), [&](const std::string& v) { return !k.excluded.contains(v); });
}

// Whether some value of the subject passes every literal about it. A subject's number and its
// text are judged apart (a cell "1" equals both 1 and "1"), so only literals of one family can
// contradict each other.
bool analysis::jointly_possible(const std::vector<const literal*>& about) const {
  const auto possible = shapes_of(about);
  if (std::none_of(possible.begin(), possible.end(), [](bool b) { return b; })) return false;
  number_constraint n;
  key_constraint k;
  for (const auto* l : about) constrain(n, k, *l);
  return satisfiable(n) && satisfiable(k);
}

std::string analysis::quoted_parts(const std::vector<node_index>& parts, std::string_view joiner) const {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? fmt::format(" {} ", joiner) : ", ";
    // A condition written over several lines is quoted on one.
    std::string text;
    bool space = false;
    for (char c : text_of(parts[i])) {
      if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
        space = !text.empty();
        continue;
      }
      if (space) text += ' ';
      space = false;
      text += c;
    }
    out += fmt::format("'{}'", text);
  }
  return out;
}

// Why the conjunction of `all` can never hold, if it cannot.
std::optional<verdict> analysis::contradiction(const std::vector<literal>& all) const {
  // `X and not X`, also when X is a definition whose parts the other literals require.
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& l = all[i];
    if (l.form != literal_form::opaque || l.positive) continue;
    std::vector<literal> others;
    for (std::size_t j = 0; j < all.size(); ++j)
      if (j != i) others.push_back(all[j]);
    const auto parts = conjuncts(l.at);
    if (std::all_of(parts.begin(), parts.end(), [&](const literal& p) { return implied(others, p); }))
      return verdict{fmt::format("{} contradicts the rest of the condition", quoted_parts({l.shown}, "")), {l.shown}};
  }
  // Literals about one subject: first a pair that cannot both hold, else the whole group.
  std::vector<bool> grouped(all.size(), false);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (grouped[i] || all[i].form == literal_form::opaque) continue;
    std::vector<const literal*> about;
    for (std::size_t j = i; j < all.size(); ++j) {
      if (all[j].form == literal_form::opaque || !same(all[i].subject, all[j].subject)) continue;
      grouped[j] = true;
      about.push_back(&all[j]);
    }
    for (std::size_t a = 0; a < about.size(); ++a)
      for (std::size_t b = a + 1; b < about.size(); ++b)
        if (!jointly_possible({about[a], about[b]}))
          return verdict{fmt::format("{} cannot both hold", quoted_parts({about[a]->shown, about[b]->shown}, "and")),
                         {about[a]->shown, about[b]->shown}};
    if (about.size() > 2 && !jointly_possible(about)) {
      std::vector<node_index> parts;
      for (const auto* l : about) parts.push_back(l->shown);
      return verdict{fmt::format("{} cannot all hold", quoted_parts(parts, "and")), parts};
    }
  }
  return std::nullopt;
}

// Whether `wanted` holds whenever every literal of `given` does.
bool analysis::implied(const std::vector<literal>& given, const literal& wanted) const {
  for (const auto& g : given)
    if (g.form == wanted.form && g.positive == wanted.positive && same(g.at, wanted.at) &&
        (g.form != literal_form::compare || g.op == wanted.op))
      return true;
  if (wanted.form == literal_form::opaque) {
    if (!wanted.positive) return false;
    // `a or b` follows from either side.
    if (at(wanted.at).kind == node_kind::logical_or) {
      std::vector<literal> sides;
      literals(wanted.at, true, false, sides);
      return std::any_of(sides.begin(), sides.end(), [&](const literal& side) {
        return side.at != wanted.at && implied(given, side);
      });
    }
    // A definition required as a whole: each of its parts must follow.
    const auto parts = conjuncts(wanted.at);
    if (parts.size() == 1 && parts.front().form == literal_form::opaque) return false;
    return std::all_of(parts.begin(), parts.end(), [&](const literal& p) { return implied(given, p); });
  }
  std::vector<const literal*> about;
  for (const auto& g : given)
    if (g.form != literal_form::opaque && same(g.subject, wanted.subject)) about.push_back(&g);
  if (about.empty()) return false;
  if (wanted.form == literal_form::type) {
    const auto possible = shapes_of(about);
    for (std::size_t s = 0; s < possible.size(); ++s)
      if (possible[s] && accepts(wanted.type, shapes()[s]) != wanted.positive) return false;
    return true;
  }
  number_constraint have;
  key_constraint have_keys;
  for (const auto* l : about) constrain(have, have_keys, *l);
  number_constraint want;
  key_constraint want_keys;
  constrain(want, want_keys, wanted);
  if (want.says_something) {
    if (!have.says_something) return false;
    auto passes = [&](const decimal& v) {
      return contains(want.range, v) && (!want.only || listed(*want.only, v)) && !listed(want.excluded, v);
    };
    if (have.only || (have.range.lower && have.range.upper && *have.range.lower == *have.range.upper)) {
      const auto values = have.only ? *have.only : std::vector<decimal>{*have.range.lower};
      return std::all_of(values.begin(), values.end(), [&](const decimal& v) {
        return !contains(have.range, v) || listed(have.excluded, v) || passes(v);
      });
    }
    if (want.only || !uncovered(have.range, {want.range}).empty()) return false;
    return std::all_of(want.excluded.begin(), want.excluded.end(),
                       [&](const decimal& v) { return !contains(have.range, v) || listed(have.excluded, v); });
  }
  if (want_keys.says_something) {
    if (!have_keys.says_something) return false;
    if (have_keys.only) {
      return std::all_of(have_keys.only->begin(), have_keys.only->end(), [&](const std::string& v) {
        return have_keys.excluded.contains(v) ||
               ((!want_keys.only || want_keys.only->contains(v)) && !want_keys.excluded.contains(v));
      });
    }
    if (want_keys.only) return false;
    return std::all_of(want_keys.excluded.begin(), want_keys.excluded.end(),
                       [&](const std::string& v) { return have_keys.excluded.contains(v); });
  }
  return false;
}

// Whether the condition `weaker` holds whenever `stronger` does.
bool analysis::implies(node_index stronger, node_index weaker) const {
  const auto given = conjuncts(stronger);
  const auto wanted = conjuncts(weaker);
  return std::all_of(wanted.begin(), wanted.end(), [&](const literal& w) { return implied(given, w); });
}

std::optional<verdict> analysis::never_true(node_index i) const {
  if (auto v = fold(i)) {
    if (v->is_error()) return verdict{fmt::format("it always fails: {}", v->error->message), {}};
    if (v->type == kind::boolean && !v->flag) return verdict{"it reduces to false", {}};
    if (v->type != kind::boolean) return verdict{"it is not true or false", {}};
    return std::nullopt;
  }
  const auto lits = conjuncts(i);
  if (lits.size() == 1 && lits.front().at == i && lits.front().positive) {
    const node& n = at(i);
    if (n.kind == node_kind::logical_or) {
      auto a = never_true(n.a);
      auto b = a ? never_true(n.b) : std::nullopt;
      if (a && b) {
        auto parts = a->parts;
        parts.insert(parts.end(), b->parts.begin(), b->parts.end());
        return verdict{fmt::format("neither side of 'or' can hold: {}; {}", a->why, b->why), parts};
      }
    }
    return std::nullopt;
  }
  if (auto v = contradiction(lits)) return v;
  for (const auto& l : lits) {
    if (l.at == i) continue;
    if (auto v = l.positive ? never_true(l.at) : always_true(l.at)) return v;
  }
  return std::nullopt;
}

// Whether the disjunction of `disjuncts` holds for every form: one of them follows from the
// others all failing. Only asked of conditions that cannot fail.
std::optional<verdict> analysis::tautology(const std::vector<literal>& disjuncts) const {
  auto negation = [](literal l) {
    if (l.form == literal_form::compare) l.op = negated(l.op);
    else l.positive = !l.positive;
    return l;
  };
  for (std::size_t i = 0; i < disjuncts.size(); ++i) {
    std::vector<literal> others;
    for (std::size_t j = 0; j < disjuncts.size(); ++j)
      if (j != i) others.push_back(negation(disjuncts[j]));
    if (others.empty()) continue;
    if (implied(others, disjuncts[i])) return verdict{"whatever the form holds, one of its alternatives does", {}};
  }
  return std::nullopt;
}

std::optional<verdict> analysis::always_true(node_index i) const {
  if (auto v = fold(i)) {
    if (v->type == kind::boolean && v->flag) return verdict{"it reduces to true", {}};
    return std::nullopt;
  }
  std::vector<literal> lits;
  literals(i, true, false, lits);
  if (lits.size() == 1 && lits.front().at == i && lits.front().positive) {
    const node& n = at(i);
    if (n.kind == node_kind::logical_and) {
      auto a = always_true(n.a);
      auto b = a ? always_true(n.b) : std::nullopt;
      if (a && b) {
        auto parts = a->parts;
        parts.insert(parts.end(), b->parts.begin(), b->parts.end());
        return verdict{fmt::format("both sides of 'and' always hold: {}; {}", a->why, b->why), parts};
      }
    }
    return std::nullopt;
  }
  // `true or error` is true: one disjunct that always holds is enough, whatever the others do.
  for (const auto& l : lits) {
    if (l.at == i) continue;
    if (l.positive) {
      if (auto v = always_true(l.at)) return v;
    } else if (!can_fail(l.at)) {
      if (auto v = never_true(l.at)) return v;
    }
  }
  if (can_fail(i)) return std::nullopt;
  return tautology(lits);
}

// ---------------------------------------------------------------------------------------------
// The numbers an expression can take. A form field can take any value as far as the checker
// knows, so a side that depends on fields alone stays unknown; min, max, clamp, months_late and
// constants bound it.

analysis::range analysis::range_of(node_index i) const {
  const node& n = at(i);
  range unknown;
  auto point = [](const decimal& v) { return range{{v, true, v, true}, true, true}; };
  // The smaller (or larger) of two sides, each possibly unknown.
  auto lower_min = [](const range& a, const range& b, range& out) {
    out.lower_known = a.lower_known && b.lower_known;
    if (!out.lower_known) return;
    if (!a.values.lower || !b.values.lower) {
      out.values.lower.reset();
      return;
    }
    const bool a_first = *a.values.lower < *b.values.lower ||
                         (*a.values.lower == *b.values.lower && a.values.lower_closed);
    out.values.lower = a_first ? a.values.lower : b.values.lower;
    out.values.lower_closed = a_first ? a.values.lower_closed : b.values.lower_closed;
  };
  auto upper_min = [](const range& a, const range& b, range& out) {
    // min(a, b) is at most the smaller known upper bound, and reaches it when the other side
    // can be as large.
    const range* pick = nullptr;
    for (const auto* r : {&a, &b}) {
      if (!r->upper_known) continue;
      if (!pick || (r->values.upper && (!pick->values.upper || *r->values.upper < *pick->values.upper)))
        pick = r;
      else if (r->values.upper && pick->values.upper && *r->values.upper == *pick->values.upper)
        out.values.upper_closed = out.values.upper_closed && r->values.upper_closed;
    }
    out.upper_known = pick != nullptr;
    if (pick) {
      out.values.upper = pick->values.upper;
      out.values.upper_closed = pick->values.upper_closed;
    }
  };
  auto negate = [](range r) {
    range out;
    out.values = {r.values.upper ? std::optional<decimal>(-*r.values.upper) : std::nullopt, r.values.upper_closed,
                  r.values.lower ? std::optional<decimal>(-*r.values.lower) : std::nullopt, r.values.lower_closed};
    out.lower_known = r.upper_known;
    out.upper_known = r.lower_known;
    return out;
  };
  auto minimum = [&](const range& a, const range& b) {
    range out;
    lower_min(a, b, out);
    upper_min(a, b, out);
    return out;
  };
  auto maximum = [&](const range& a, const range& b) { return negate(minimum(negate(a), negate(b))); };
  switch (n.kind) {
    case node_kind::constant: {
      const auto& v = m_p.constants[n.index];
      if (v.type == kind::number) return point(v.number);
      return unknown;
    }
    case node_kind::negate: return negate(range_of(n.a));
    case node_kind::conditional: {
      auto a = range_of(n.b);
      auto b = range_of(n.c);
      auto low = minimum(a, b);
      auto high = maximum(a, b);
      range out;
      out.values = {low.values.lower, low.values.lower_closed, high.values.upper, high.values.upper_closed};
      out.lower_known = a.lower_known && b.lower_known;
      out.upper_known = a.upper_known && b.upper_known;
      return out;
    }
    case node_kind::builtin_call: {
      std::vector<range> args;
      for (std::uint32_t k = 0; k < n.list_size; ++k) args.push_back(range_of(m_p.argument_lists[n.list_begin + k]));
      switch (static_cast<rt::builtin>(n.op)) {
        case rt::builtin::min:
        case rt::builtin::max: {
          if (args.empty()) return unknown;
          range out = args.front();
          for (std::size_t k = 1; k < args.size(); ++k)
            out = static_cast<rt::builtin>(n.op) == rt::builtin::min ? minimum(out, args[k]) : maximum(out, args[k]);
          return out;
        }
        case rt::builtin::clamp:
          if (args.size() != 3) return unknown;
          return minimum(maximum(args[0], args[1]), args[2]);
        case rt::builtin::months_late: {
          range out;
          out.values = {decimal{}, true, std::nullopt, false};
          out.lower_known = out.upper_known = true;
          return out;
        }
        default: return unknown;
      }
    }
    case node_kind::arithmetic: {
      auto a = range_of(n.a);
      auto b = range_of(n.b);
      const auto op = static_cast<arithmetic_op>(n.op);
      if (op == arithmetic_op::add || op == arithmetic_op::subtract) {
        if (op == arithmetic_op::subtract) b = negate(b);
        range out;
        out.lower_known = a.lower_known && b.lower_known;
        out.upper_known = a.upper_known && b.upper_known;
        if (a.values.lower && b.values.lower) out.values.lower = *a.values.lower + *b.values.lower;
        out.values.lower_closed = a.values.lower_closed && b.values.lower_closed;
        if (a.values.upper && b.values.upper) out.values.upper = *a.values.upper + *b.values.upper;
        out.values.upper_closed = a.values.upper_closed && b.values.upper_closed;
        return out;
      }
      // Scaling by a constant; anything else is left unknown.
      const auto factor = fold(n.b);
      if (!factor || factor->type != kind::number) return unknown;
      decimal f = factor->number;
      if (op == arithmetic_op::divide) {
        if (f.is_zero()) return unknown;
        f = decimal::from_int(1) / f;
      }
      if (f.is_zero()) return point(decimal{});
      range out = f.sign() < 0 ? negate(a) : a;
      const decimal magnitude = f.abs();
      if (out.values.lower) out.values.lower = *out.values.lower * magnitude;
      if (out.values.upper) out.values.upper = *out.values.upper * magnitude;
      return out;
    }
    default: return unknown;
  }
}

// ---------------------------------------------------------------------------------------------
// The analyses.

void analysis::report(dsl::severity level, std::string_view code, const dsl::rule_file* file,
                      const dsl::source_span& span, std::string message, std::vector<dsl::diagnostic_note> notes) {
  // A definition copied into several uses would report the same problem once per use.
  for (const auto& d : m_out)
    if (d.code == code && d.file == file->path && d.span.begin == span.begin && d.span.end == span.end &&
        d.message == message)
      return;
  // A note in the diagnostic's own file needs no file of its own.
  for (auto& n : notes)
    if (n.file == file->path) n.file.clear();
  m_out.push_back({level, file->path, span, std::move(message), std::move(notes), std::string(code)});
}

void analysis::notes_for(const verdict& v, const dsl::rule_file* file, const dsl::source_span& shown,
                         std::vector<dsl::diagnostic_note>& notes) const {
  for (auto part : v.parts) {
    const auto* where = m_in.node_files[part];
    const auto& s = at(part).span;
    if (where == file && s.begin >= shown.begin && s.end <= shown.end) continue;
    notes.push_back(note(where, s, "this part of the condition, from a definition"));
  }
}

void analysis::rules(const std::vector<planned_rule>& planned, const std::vector<rule_origin>& origins, bool groups) {
  const std::string_view noun = groups ? "group" : "rule";
  std::optional<std::size_t> everything;  // the first rule that applies whenever it is reached
  std::vector<std::size_t> earlier;       // earlier rules that can apply
  for (std::size_t i = 0; i < planned.size() && i < origins.size(); ++i) {
    const auto& o = origins[i];
    const auto& r = planned[i];
    if (everything) {
      const auto& s = origins[*everything];
      report(dsl::severity::warning, "unreachable-rule", o.file, o.decl->name_span,
             fmt::format("{} '{}' can never apply: {} '{}' before it {}", noun, r.name, noun, planned[*everything].name,
                         planned[*everything].when == no_node ? "applies to everything"
                                                              : "always applies (its condition always holds)"),
             {note(s.file, s.decl->name_span, "shadowed by this rule")});
      continue;
    }
    if (r.when == no_node) {
      everything = i;
      continue;
    }
    if (!o.clean || !small(r.when)) continue;
    const auto& when_span = o.decl->when->span;
    if (auto v = never_true(r.when)) {
      std::vector<dsl::diagnostic_note> notes;
      notes_for(*v, o.file, when_span, notes);
      report(dsl::severity::warning, "always-false", o.file, when_span,
             fmt::format("{} '{}' can never apply: its condition is always false ({})", noun, r.name, v->why),
             std::move(notes));
      continue;
    }
    if (auto v = always_true(r.when)) {
      std::vector<dsl::diagnostic_note> notes;
      notes_for(*v, o.file, when_span, notes);
      report(dsl::severity::warning, "always-true", o.file, when_span,
             fmt::format("the condition of {} '{}' always holds ({}): write '{} {} otherwise' to say so", noun, r.name,
                         v->why, noun, r.name),
             std::move(notes));
      everything = i;
      continue;
    }
    for (auto j : earlier) {
      if (!implies(r.when, planned[j].when)) continue;
      report(dsl::severity::warning, "unreachable-rule", o.file, o.decl->name_span,
             fmt::format("{} '{}' can never apply: whenever its condition holds, so does the condition of {} '{}' "
                         "before it",
                         noun, r.name, noun, planned[j].name),
             {note(origins[j].file, origins[j].decl->name_span, "shadowed by this rule")});
      break;
    }
    earlier.push_back(i);
  }
}

void analysis::bands(const planned_rule& rule, const rule_origin& origin) {
  const auto* judged = std::get_if<dsl::judged_body>(&origin.decl->body);
  if (!judged || judged->bands.size() != rule.bands.size()) return;
  const auto& declared = judged->bands;
  std::vector<std::size_t> live;  // bands that can be allowed
  for (std::size_t i = 0; i < rule.bands.size(); ++i) {
    const auto& b = rule.bands[i];
    if (b.when != no_node && !small(b.when)) return;
    if (b.when != no_node) {
      if (auto v = never_true(b.when)) {
        std::vector<dsl::diagnostic_note> notes;
        notes_for(*v, origin.file, declared[i].when->span, notes);
        report(dsl::severity::warning, "always-false", origin.file, declared[i].when->span,
               fmt::format("band '{}' of rule '{}' is never allowed: its condition is always false ({})", b.name,
                           rule.name, v->why),
               std::move(notes));
        continue;
      }
    }
    live.push_back(i);
  }
  // Two bands overlap when their ranges share a score and their conditions can hold together.
  for (std::size_t x = 0; x < live.size(); ++x) {
    for (std::size_t y = x + 1; y < live.size(); ++y) {
      const auto& a = rule.bands[live[x]];
      const auto& b = rule.bands[live[y]];
      const auto common = intersect(from_planned(a.range), from_planned(b.range));
      if (empty(common)) continue;
      std::vector<literal> both;
      if (a.when != no_node) both = conjuncts(a.when);
      if (b.when != no_node) {
        auto more = conjuncts(b.when);
        both.insert(both.end(), more.begin(), more.end());
      }
      if (!both.empty() && contradiction(both)) continue;
      const bool point = common.lower && common.upper && *common.lower == *common.upper;
      report(dsl::severity::warning, "band-overlap", origin.file, declared[live[y]].range.span,
             fmt::format("bands '{}' and '{}' of rule '{}' overlap {} {}: a declared score there falls in both; {}",
                         a.name, b.name, rule.name, point ? "at" : "on", interval_text(common, true),
                         point ? "make one of the two bounds there open" : "narrow one band so that the two only meet"),
             {note(origin.file, declared[live[x]].range.span, fmt::format("band '{}'", a.name))});
    }
  }
  // The part of [0, 100%] no band covers, whatever the conditions.
  std::vector<span_interval> ranges;
  for (auto i : live) ranges.push_back(from_planned(rule.bands[i].range));
  if (ranges.empty()) return;
  for (const auto& gap : uncovered({decimal{}, true, decimal::from_int(1), true}, ranges)) {
    // Point at the band whose range ends where the gap begins, else the one after it.
    std::optional<std::size_t> below, above;
    for (auto i : live) {
      const auto r = from_planned(rule.bands[i].range);
      if (r.upper && gap.lower && *r.upper == *gap.lower) below = i;
      if (r.lower && gap.upper && *r.lower == *gap.upper && !above) above = i;
    }
    const auto shown = below ? *below : above ? *above : live.front();
    std::vector<dsl::diagnostic_note> notes;
    if (below && above)
      notes.push_back(note(origin.file, declared[*above].range.span, fmt::format("band '{}' starts here", rule.bands[*above].name)));
    report(dsl::severity::warning, "band-gap", origin.file, declared[shown].range.span,
           fmt::format("no band of rule '{}' covers {} of the weight: a declared score there falls outside every band; "
                       "widen a band or add one",
                       rule.name, interval_text(gap, true)),
           std::move(notes));
  }
}

void analysis::tables() {
  for (std::size_t t = 0; t < m_in.tables.size() && t < m_p.tables.size(); ++t) {
    const auto& o = m_in.tables[t];
    const auto& table = m_p.tables[t];
    if (!o.clean || table.rows.size() != o.decl->rows.size()) continue;
    const auto& rows = o.decl->rows;
    auto key_text = [&](std::size_t r) {
      return interval_text(from_planned(table.rows[r].key), written_as_percent(rows[r].key.lower.get()),
                           written_as_percent(rows[r].key.upper.get()));
    };
    for (std::size_t a = 0; a < rows.size(); ++a) {
      for (std::size_t b = a + 1; b < rows.size(); ++b) {
        const auto common = intersect(from_planned(table.rows[a].key), from_planned(table.rows[b].key));
        if (empty(common)) continue;
        const bool percent = written_as_percent(rows[b].key.lower.get()) || written_as_percent(rows[b].key.upper.get());
        report(dsl::severity::error, "table-overlap", o.file, rows[b].key.span,
               fmt::format("rows {} and {} of table '{}' overlap on {}: a key there matches both; make the rows disjoint",
                           key_text(a), key_text(b), table.name, interval_text(common, percent)),
               {note(o.file, rows[a].key.span, "the row it overlaps")});
      }
    }
    // Gaps between the rows: from the lowest key to the highest, what no row covers.
    std::vector<span_interval> keys;
    for (const auto& r : table.rows) keys.push_back(from_planned(r.key));
    if (keys.empty()) continue;
    span_interval hull = keys.front();
    for (const auto& k : keys) {
      if (starts_before(k, hull)) {
        hull.lower = k.lower;
        hull.lower_closed = k.lower_closed;
      }
      if (!k.upper || (hull.upper && (*hull.upper < *k.upper || (*hull.upper == *k.upper && k.upper_closed)))) {
        hull.upper = k.upper;
        hull.upper_closed = k.upper_closed;
      }
    }
    for (const auto& gap : uncovered(hull, keys)) {
      std::optional<std::size_t> before, after;
      for (std::size_t r = 0; r < keys.size(); ++r) {
        if (keys[r].upper && gap.lower && *keys[r].upper == *gap.lower) before = r;
        if (keys[r].lower && gap.upper && *keys[r].lower == *gap.upper && !after) after = r;
      }
      const bool lower_percent = before && written_as_percent(rows[*before].key.upper.get());
      const bool upper_percent = after && written_as_percent(rows[*after].key.lower.get());
      const auto shown = after ? *after : before ? *before : 0;
      std::vector<dsl::diagnostic_note> notes;
      if (before && after) notes.push_back(note(o.file, rows[*before].key.span, "the row before the gap"));
      report(dsl::severity::warning, "table-gap", o.file, rows[shown].key.span,
             fmt::format("table '{}' has no row for {}: a key there gives an error when scoring; widen a row or add one",
                         table.name, interval_text(gap, lower_percent, upper_percent)),
             std::move(notes));
    }
  }
}

void analysis::table_calls() {
  for (const auto& site : m_in.table_calls) {
    if (site.table >= m_in.tables.size() || !m_in.tables[site.table].clean) continue;
    const auto& o = m_in.tables[site.table];
    const auto& table = m_p.tables[site.table];
    const auto key = range_of(at(site.call).a);
    if (!key.lower_known && !key.upper_known) continue;
    std::vector<span_interval> keys;
    bool percent = false;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      keys.push_back(from_planned(table.rows[r].key));
      percent = percent || written_as_percent(o.decl->rows[r].key.lower.get()) ||
                written_as_percent(o.decl->rows[r].key.upper.get());
    }
    if (keys.empty()) continue;
    // Only what lies beyond the first or the last row: gaps between rows are table-gap's.
    const auto lowest = *std::min_element(keys.begin(), keys.end(), starts_before);
    std::optional<decimal> highest;
    bool unbounded_above = false;
    for (const auto& k : keys) {
      if (!k.upper) unbounded_above = true;
      else if (!highest || *highest < *k.upper) highest = k.upper;
    }
    for (const auto& piece : uncovered(key.values, keys)) {
      if (!piece.lower && !key.lower_known) continue;
      if (!piece.upper && !key.upper_known) continue;
      const bool below = lowest.lower && piece.upper && !(*lowest.lower < *piece.upper);
      const bool beyond = !unbounded_above && highest && piece.lower && !(*piece.lower < *highest);
      if (!below && !beyond) continue;
      const auto* file = m_in.node_files[site.call];
      report(dsl::severity::warning, "table-coverage", file, at(site.call).span,
             fmt::format("table '{}' has no row for {}, which this key can reach: the call gives an error there; add a "
                         "row, or limit the key (min, max, clamp)",
                         table.name, interval_text(piece, percent)),
             {note(o.file, o.decl->name_span, fmt::format("table '{}' is defined here", table.name))});
    }
  }
}

void analysis::checks() {
  for (std::size_t c = 0; c < m_in.checks.size() && c < m_p.checks.size(); ++c) {
    const auto& o = m_in.checks[c];
    const auto& check = m_p.checks[c];
    if (!o.clean || check.when == no_node || !o.decl->when || !small(check.when)) continue;
    if (auto v = never_true(check.when)) {
      std::vector<dsl::diagnostic_note> notes;
      notes_for(*v, o.file, o.decl->when->span, notes);
      report(dsl::severity::warning, "always-false", o.file, o.decl->when->span,
             fmt::format("check '{}' can never fire: its condition is always false ({})", check.id, v->why),
             std::move(notes));
    }
  }
}

// Unused definitions are reported where the rule set being checked brings them in: written in
// its own file or in a library that file includes. A parent's definition that a child no
// longer uses (it overrode or removed the rules that did) is the parent's business.
void analysis::definitions() {
  std::set<std::string> own;
  std::vector<const dsl::rule_file*> todo{m_in.set.main};
  while (!todo.empty()) {
    const auto* file = todo.back();
    todo.pop_back();
    if (!file || !own.insert(file->path).second) continue;
    for (const auto& d : file->declarations) {
      const auto* inc = std::get_if<dsl::include_decl>(&d);
      if (!inc) continue;
      const auto path = (std::filesystem::path(file->path).parent_path() / inc->path).lexically_normal().generic_string();
      for (const auto& f : m_in.set.files)
        if (f->path == path && f->header.kind == dsl::file_kind::library) todo.push_back(f.get());
    }
  }
  for (const auto& d : m_in.definitions) {
    if (d.used || !d.file || !own.contains(d.file->path)) continue;
    report(dsl::severity::warning, "unused-definition", d.file, d.span,
           d.what == "table" ? fmt::format("table '{}' is never used; call it as {}(key) or remove it", d.name, d.name)
                             : fmt::format("definition '{}' is never used; refer to it by name or remove it", d.name));
  }
}

dsl::diagnostics analysis::run() {
  rules(m_p.rules, m_in.rules, false);
  rules(m_p.group_rules, m_in.group_rules, true);
  for (std::size_t i = 0; i < m_p.rules.size() && i < m_in.rules.size(); ++i)
    if (m_in.rules[i].clean && m_p.rules[i].body == body_kind::judged) bands(m_p.rules[i], m_in.rules[i]);
  tables();
  table_calls();
  checks();
  definitions();
  return std::move(m_out);
}

}  // namespace

dsl::diagnostics run_static_checks(const static_check_input& in) { return analysis(in).run(); }

}  // namespace jixiao::engine
