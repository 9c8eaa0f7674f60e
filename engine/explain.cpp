#include "engine/explain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "engine/evaluator.hpp"
#include "engine/fit_text.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"
#include "stdlib/builtins.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::engine {
namespace {

// How a form cell is best shown where it is used: as the number a rule computes with (2项),
// as the date months_late reads (2021年12月), or as written (「合规」) where its text matters.
enum class want : std::uint8_t { any, date, raw };

constexpr std::size_t raw_width = 24;  // columns of cell text shown before "…"

// Exact when the figure terminates within `places` decimals, else marked as rounded.
std::string figure(const decimal& d, int places = 4) {
  if (!d.valid()) return "invalid";
  if (d.round(places) == d) return d.to_string();
  return "≈" + d.to_fixed(places);
}

std::string percent_figure(const decimal& fraction) { return figure(fraction * decimal::from_int(100), 2) + "%"; }

std::string number_text(const decimal& d, std::string_view unit, bool percent) {
  if (percent || unit == "%") return percent_figure(d);
  return figure(d) + std::string(unit);
}

std::string date_text(const values::date_value& d) {
  if (d.day > 0) return fmt::format("{}年{}月{}日", d.year, d.last_month, d.day);
  return fmt::format("{}年{}月", d.year, d.last_month);
}

std::string date_text(const rt::date_fields& d) { return date_text(rt::to_date_value(d)); }

std::string raw_text(std::string_view text) { return fmt::format("「{}」", fit_text(text, raw_width)); }

std::string quantity_text(const values::quantity& q) {
  if (q.unit == "%") {
    if (q.high) return percent_figure(q.value) + "–" + percent_figure(*q.high);
    return percent_figure(q.value);
  }
  if (q.high) return fmt::format("{}–{}{}", figure(q.value), figure(*q.high), q.unit);
  return figure(q.value).append(q.unit);
}

std::string cell_text(const values::cell& c, want w) {
  using values::cell_kind;
  if (w == want::raw) return c.kind == cell_kind::absent ? "blank" : raw_text(c.text);
  if (w == want::date) {
    if (auto d = c.latest_date()) return date_text(*d);
    return raw_text(c.text);
  }
  switch (c.kind) {
    case cell_kind::absent: return "blank";
    case cell_kind::not_applicable: return raw_text(c.text);
    case cell_kind::nothing:
      if (c.quantities.empty()) return raw_text(c.text) + "→0";
      [[fallthrough]];
    case cell_kind::quantity: {
      if (c.quantities.size() == 1) return quantity_text(c.quantities.front());
      std::string out = "(";
      for (std::size_t i = 0; i < c.quantities.size(); ++i) out += (i ? ", " : "") + quantity_text(c.quantities[i]);
      return out + ")";
    }
    case cell_kind::date:
      if (auto d = c.latest_date()) return date_text(*d);
      return raw_text(c.text);
    case cell_kind::text: return raw_text(c.text);
  }
  return raw_text(c.text);
}

std::string value_text(const rt::value& v, want w = want::any) {
  switch (v.type) {
    case rt::kind::absent: return "blank";
    case rt::kind::not_applicable: return "n/a";
    case rt::kind::boolean: return v.flag ? "true" : "false";
    case rt::kind::number: return number_text(v.number, v.unit, v.percent);
    case rt::kind::text: return fmt::format("\"{}\"", fit_text(v.text, raw_width));
    case rt::kind::date: return date_text(v.date);
    case rt::kind::cell: return cell_text(*v.cell, w);
    case rt::kind::error: return "error";
  }
  return "?";
}

std::string_view member_name(member_kind m) {
  switch (m) {
    case member_kind::op: return "op";
    case member_kind::unit: return "unit";
    case member_kind::value: return "value";
    case member_kind::text: return "text";
    case member_kind::count: return "count";
    case member_kind::low: return "low";
    case member_kind::high: return "high";
  }
  return "?";
}

std::string_view type_name(value_type t) {
  switch (t) {
    case value_type::absent: return "absent";
    case value_type::not_applicable: return "not_applicable";
    case value_type::missing: return "missing";
    case value_type::nothing: return "nothing";
    case value_type::quantity: return "quantity";
    case value_type::number: return "number";
    case value_type::percent: return "percent";
    case value_type::date: return "date";
    case value_type::text: return "text";
    case value_type::boolean: return "bool";
  }
  return "?";
}

std::string_view comparison_symbol(rt::comparison c) {
  switch (c) {
    case rt::comparison::equal: return "==";
    case rt::comparison::not_equal: return "!=";
    case rt::comparison::less: return "<";
    case rt::comparison::less_equal: return "<=";
    case rt::comparison::greater: return ">";
    case rt::comparison::greater_equal: return ">=";
  }
  return "?";
}

std::string_view arithmetic_symbol(arithmetic_op op) {
  switch (op) {
    case arithmetic_op::add: return "+";
    case arithmetic_op::subtract: return "−";
    case arithmetic_op::multiply: return "×";
    case arithmetic_op::divide: return "÷";
  }
  return "?";
}

std::string_view builtin_name(std::uint8_t id) {
  for (const auto& b : rt::builtins())
    if (static_cast<std::uint8_t>(b.id) == id) return b.name;
  return "?";
}

std::string field_name(const node& n) {
  const auto f = static_cast<field>(n.op);
  if (f == field::fact) {
    for (const auto& info : facts())
      if (static_cast<std::uint32_t>(info.id) == n.index) return std::string(info.chinese);
    return "?";
  }
  for (const auto& info : fields())
    if (info.id == f) return std::string(info.chinese);
  return "?";
}

std::string interval_text(const planned_interval& r) {
  return fmt::format("{}{}, {}{}", r.lower_closed && r.lower ? "[" : "(", r.lower ? figure(*r.lower) : "-inf",
                     r.upper ? figure(*r.upper) : "inf", r.upper_closed && r.upper ? "]" : ")");
}

// Binding strength, loosest first, so that only the parentheses the reading needs are shown.
int precedence(const node& n) {
  switch (n.kind) {
    case node_kind::conditional:
    case node_kind::deduction: return 0;
    case node_kind::logical_or: return 1;
    case node_kind::logical_and: return 2;
    case node_kind::logical_not: return 3;
    case node_kind::comparison:
    case node_kind::in_list:
    case node_kind::is_type: return 4;
    case node_kind::arithmetic: {
      const auto op = static_cast<arithmetic_op>(n.op);
      return op == arithmetic_op::add || op == arithmetic_op::subtract ? 5 : 6;
    }
    case node_kind::negate: return 7;
    default: return 8;
  }
}

bool is_true(const rt::value* v) { return v && v->type == rt::kind::boolean && v->flag; }

class renderer {
public:
  // Without a record: symbolic. With one: values where the record has them.
  renderer(const program& p, const eval_record* record) : m_p(p), m_record(record) {}

  // The name of the definition whose copy `n` is the root of, or null.
  const std::string* let_name(node_index n) const {
    for (auto it = m_p.let_uses.rbegin(); it != m_p.let_uses.rend(); ++it) {
      if (it->node == n) return &it->name;
      if (it->node < n) break;  // planned in order: no later entry can match
    }
    return nullptr;
  }

  const rt::value* value_of(node_index n) const { return m_record ? m_record->find(n) : nullptr; }

  // `open_let`: show the definition's expansion instead of its name (once, at the root).
  std::string render(node_index i, int min_precedence = 0, want w = want::any, bool open_let = false) const {
    const node& n = m_p.nodes[i];
    if (!open_let) {
      if (const auto* name = let_name(i)) {
        const auto* v = value_of(i);
        if (!v) return *name;
        return fmt::format("{} (= {})", *name, v->is_error() ? "error" : value_text(*v, w));
      }
    }
    // A part the evaluation never reached (the branch not taken, the side `and` did not
    // need) is shown as written.
    if (m_record && n.kind != node_kind::constant && !value_of(i)) return renderer(m_p, nullptr).render(i, min_precedence, w, open_let);
    std::string text = node_text(i, n, w);
    if (precedence(n) < min_precedence) return "(" + text + ")";
    return text;
  }

  // The values the form supplied to a condition: its fields and cell properties, looked for
  // through definitions too, each once.
  void leaves(node_index i, std::vector<std::pair<std::string, std::string>>& out, want w = want::any) const {
    const node& n = m_p.nodes[i];
    auto add = [&](node_index leaf, want shown_as) {
      const auto* v = value_of(leaf);
      if (!v) return;
      auto name = renderer(m_p, nullptr).render(leaf, 0, want::any, true);
      for (const auto& [seen, _] : out)
        if (seen == name) return;
      out.emplace_back(std::move(name), v->is_error() ? "error" : value_text(*v, shown_as));
    };
    switch (n.kind) {
      case node_kind::constant: return;
      case node_kind::field: add(i, w); return;
      case node_kind::member: add(i, want::any); return;
      default: break;
    }
    for_each_child(i, [&](node_index child, want child_want) { leaves(child, out, child_want); });
  }

private:
  template <typename F>
  void for_each_child(node_index i, F&& f) const {
    const node& n = m_p.nodes[i];
    switch (n.kind) {
      case node_kind::builtin_call: {
        const auto id = static_cast<rt::builtin>(n.op);
        const want w = id == rt::builtin::months_late ? want::date : id == rt::builtin::contains ? want::raw : want::any;
        for (std::uint32_t k = 0; k < n.list_size; ++k) f(m_p.argument_lists[n.list_begin + k], w);
        return;
      }
      case node_kind::in_list:
        f(n.a, want::raw);
        for (std::uint32_t k = 0; k < n.list_size; ++k) f(m_p.argument_lists[n.list_begin + k], want::raw);
        return;
      case node_kind::comparison: {
        const want w = comparison_want(n);
        f(n.a, w);
        f(n.b, w);
        return;
      }
      case node_kind::is_type: f(n.a, is_shown_as(static_cast<value_type>(n.op))); return;
      default:
        for (auto c : {n.a, n.b, n.c, n.d})
          if (c != no_node) f(c, want::any);
        return;
    }
  }

  // `==` between texts and cells compares text; with a number, and in orderings, the
  // quantities; an ordering between dates reads the cells' dates.
  want comparison_want(const node& n) const {
    const auto op = static_cast<rt::comparison>(n.op);
    if (op == rt::comparison::equal || op == rt::comparison::not_equal) {
      for (auto side : {n.a, n.b}) {
        const auto* v = value_or_constant(side);
        if (v && v->type == rt::kind::number) return want::any;
      }
      return want::raw;
    }
    return date_side(n) ? want::date : want::any;
  }

  const rt::value* value_or_constant(node_index i) const {
    if (m_p.nodes[i].kind == node_kind::constant) return &m_p.constants[m_p.nodes[i].index];
    return value_of(i);
  }

  bool date_side(const node& n) const {
    for (auto side : {n.a, n.b}) {
      const auto* v = value_of(side);
      if (v && (v->type == rt::kind::date || (v->type == rt::kind::cell && v->cell->kind == values::cell_kind::date))) return true;
    }
    return false;
  }

  static want is_shown_as(value_type t) {
    switch (t) {
      case value_type::date: return want::date;
      case value_type::quantity:
      case value_type::number:
      case value_type::percent: return want::any;
      default: return want::raw;
    }
  }

  std::string args(node_index i, want w) const {
    const node& n = m_p.nodes[i];
    std::string out;
    for (std::uint32_t k = 0; k < n.list_size; ++k) {
      if (k) out += ", ";
      out += render(m_p.argument_lists[n.list_begin + k], 0, w);
    }
    return out;
  }

  std::string node_text(node_index i, const node& n, want w) const {
    switch (n.kind) {
      case node_kind::constant: return value_text(m_p.constants[n.index], w);
      case node_kind::field:
        if (const auto* v = value_of(i)) {
          // The budget rate is shown as the report shows it.
          const auto f = static_cast<field>(n.op);
          if ((f == field::rate || f == field::declared_rate) && v->type == rt::kind::number)
            return (v->number * decimal::from_int(100)).to_fixed(2) + "%";
          return v->is_error() ? field_name(n) : value_text(*v, w);
        }
        return field_name(n);
      case node_kind::member:
        if (const auto* v = value_of(i); v && !v->is_error()) return value_text(*v, w);
        return fmt::format("{}.{}", render(n.a, 8), member_name(static_cast<member_kind>(n.op)));
      case node_kind::builtin_call: {
        const auto id = static_cast<rt::builtin>(n.op);
        const want arg_want = id == rt::builtin::months_late ? want::date : id == rt::builtin::contains ? want::raw : want::any;
        return fmt::format("{}({})", builtin_name(n.op), args(i, arg_want));
      }
      case node_kind::table_call: {
        const auto& t = m_p.tables[n.index];
        std::string key = render(n.a);
        if (m_record) {
          auto row = m_record->rows.find(i);
          const auto* v = value_of(i);
          if (row != m_record->rows.end() && v && !v->is_error())
            return fmt::format("{}({} ∈ {} → {})", t.name, key, interval_text(t.rows[row->second].key), value_text(*v));
        }
        return fmt::format("{}({})", t.name, key);
      }
      case node_kind::negate: return "−" + render(n.a, 8);
      case node_kind::logical_not: return "not " + render(n.a, 4);
      case node_kind::arithmetic: {
        const int p = precedence(n);
        const auto op = static_cast<arithmetic_op>(n.op);
        const bool associative = op == arithmetic_op::add || op == arithmetic_op::multiply;
        return fmt::format("{} {} {}", render(n.a, p), arithmetic_symbol(op), render(n.b, associative ? p : p + 1));
      }
      case node_kind::comparison: {
        const auto op = static_cast<rt::comparison>(n.op);
        const want side = comparison_want(n);
        return fmt::format("{} {} {}", render(n.a, 5, side), comparison_symbol(op), render(n.b, 5, side));
      }
      case node_kind::logical_and: return fmt::format("{} and {}", render(n.a, 2), render(n.b, 3));
      case node_kind::logical_or: return fmt::format("{} or {}", render(n.a, 1), render(n.b, 2));
      case node_kind::conditional: {
        if (!m_record) return fmt::format("{} ? {} : {}", render(n.a, 1), render(n.b, 1), render(n.c, 0));
        // The branch taken, with the condition's value; the other branch elided.
        const auto* c = value_of(n.a);
        std::string condition = render(n.a, 1);
        if (c && !let_name(n.a)) condition += fmt::format(" ({})", c->is_error() ? "error" : value_text(*c));
        if (!c || c->type != rt::kind::boolean) return fmt::format("{} ? … : …", condition);
        if (c->flag) return fmt::format("{} ? {} : …", condition, render(n.b, 1));
        return fmt::format("{} ? … : {}", condition, render(n.c, 0));
      }
      case node_kind::in_list: {
        std::string items;
        for (std::uint32_t k = 0; k < n.list_size; ++k) {
          if (k) items += ", ";
          items += render(m_p.argument_lists[n.list_begin + k], 0, want::raw);
        }
        return fmt::format("{} {}in ({})", render(n.a, 5, want::raw), n.op ? "not " : "", items);
      }
      case node_kind::is_type: {
        const auto t = static_cast<value_type>(n.op);
        return fmt::format("{} is {}{}", render(n.a, 5, is_shown_as(t)), n.index ? "not " : "", type_name(t));
      }
      case node_kind::deduction: {
        std::string out = fmt::format("deduct {} per {} of {} {}", render(n.a, 5), render(n.b, 5), render(n.c, 5),
                                      n.op ? "whole" : "prorata");
        if (n.d != no_node) out += " cap " + render(n.d, 5);
        return out;
      }
    }
    return "?";
  }

  const program& m_p;
  const eval_record* m_record;
};

std::string with_leaves(const renderer& r, node_index i) {
  std::vector<std::pair<std::string, std::string>> found;
  r.leaves(i, found);
  if (found.empty()) return "";
  std::string out = " (";
  for (std::size_t k = 0; k < found.size(); ++k) out += fmt::format("{}{} = {}", k ? ", " : "", found[k].first, found[k].second);
  return out + ")";
}

// The first part of a condition that is not true: through `and` and through definitions.
std::string reason(const program& p, const renderer& r, node_index i, std::string prefix, bool open_let) {
  if (!open_let) {
    if (const auto* name = r.let_name(i)) return reason(p, r, i, prefix + *name + ": ", true);
  }
  const node& n = p.nodes[i];
  if (n.kind == node_kind::logical_and) {
    if (!is_true(r.value_of(n.a))) return reason(p, r, n.a, std::move(prefix), false);
    if (r.value_of(n.b)) return reason(p, r, n.b, std::move(prefix), false);
  }
  std::string out = prefix + renderer(p, nullptr).render(i, 0, want::any, open_let);
  const auto* v = r.value_of(i);
  if (!v) return out + " was not evaluated";
  if (v->is_error()) return out + " fails: " + v->error->message;
  if (v->type == rt::kind::boolean && !v->flag) return out + " is false" + with_leaves(r, i);
  return out + " is " + value_text(*v) + with_leaves(r, i);
}

}  // namespace

std::string shown_value(const rt::value& v) { return value_text(v); }

std::string rule_reference(const planned_rule& rule, bool group) {
  return fmt::format("{} {} ({}:{})", group ? "group" : "rule", rule.name, rule.file, rule.span.line);
}

std::string render_symbolic(const program& p, std::uint32_t node) { return renderer(p, nullptr).render(node); }

std::string render_with_values(const program& p, std::uint32_t node, const eval_record& record) {
  return renderer(p, &record).render(node);
}

std::string render_derivation(const program& p, std::uint32_t i, const eval_record& record, std::string_view result) {
  const renderer r(p, &record);
  std::string out = r.render(i);
  const node& n = p.nodes[i];
  if (n.kind == node_kind::builtin_call && !r.let_name(i)) {
    // A function of computed arguments: show what it chose between.
    bool compound = false;
    bool complete = true;
    std::string reduced = fmt::format("{}(", builtin_name(n.op));
    for (std::uint32_t k = 0; k < n.list_size; ++k) {
      const auto arg = p.argument_lists[n.list_begin + k];
      const auto kind = p.nodes[arg].kind;
      if (kind != node_kind::constant && kind != node_kind::field && kind != node_kind::member && !r.let_name(arg))
        compound = true;
      const auto* v = r.value_of(arg);
      if (!v || v->is_error()) complete = false;
      else reduced += (k ? ", " : "") + value_text(*v);
    }
    reduced += ")";
    if (compound && complete && reduced != out) out += " = " + reduced;
  }
  out += " = ";
  out += result;
  return out;
}

std::string why_not(const program& p, std::uint32_t condition, const eval_record& record) {
  const renderer r(p, &record);
  return reason(p, r, condition, "", false);
}

std::string why_so(const program& p, std::uint32_t condition, const eval_record& record) {
  const renderer r(p, &record);
  return renderer(p, nullptr).render(condition) + with_leaves(r, condition);
}

std::vector<table_use> tables_used(const program& p, const eval_record& record) {
  std::vector<std::pair<node_index, std::size_t>> calls(record.rows.begin(), record.rows.end());
  std::sort(calls.begin(), calls.end());
  std::vector<table_use> out;
  for (const auto& [call, row] : calls) {
    table_use use{p.tables[p.nodes[call].index].name, row};
    if (std::none_of(out.begin(), out.end(), [&](const table_use& u) { return u.table == use.table && u.row == use.row; }))
      out.push_back(std::move(use));
  }
  return out;
}

namespace {

std::string declared(const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: return "blank";
    case number_cell::state::not_applicable: return c.text.empty() ? "n/a" : c.text;
    case number_cell::state::number: return c.text;
  }
  return "";
}

std::string signed_figure(const decimal& d) { return fmt::format("{}{}", d.sign() > 0 ? "+" : "", d.to_fixed(2)); }

// How the declared score stands against what the rules give.
std::string verdict(const item_result& item) {
  if (item.share) return "";  // a group member has no declared score of its own
  const number_cell& given = item.declared();
  switch (item.result) {
    case outcome::computed:
      if (!given.is_number()) return "no declared score ✗";
      if (item.agrees) return fmt::format("declared {} ✓", given.text);
      return fmt::format("declared {} ✗ ({})", given.text, signed_figure(*item.difference));
    case outcome::judged:
      if (!given.is_number()) return "no declared score ✗";
      if (!item.band.empty()) return fmt::format("declared {} in {} ✓", given.text, item.band);
      if (item.difference)
        return fmt::format("declared {} outside the allowed bands ✗ (nearest {}, {})", given.text,
                           figure(given.value - *item.difference), signed_figure(*item.difference));
      return fmt::format("declared {} ✗", given.text);
    case outcome::unscored: return fmt::format("declared {} ? (counted as declared)", declared(given));
    case outcome::not_applicable: return "";
  }
  return "";
}

}  // namespace

std::string explain_line(const item_result& item) {
  std::string out(item.name());
  out += ':';
  if (!item.why) {
    if (item.rule)
      out += fmt::format(" {} {} ({}:{})", item.is_group() ? "group" : "rule", item.rule->name, item.rule->file,
                         item.rule->span.line);
    out += fmt::format(" {}", outcome_name(item.result));
  } else {
    if (!item.why->applied.empty()) out += " " + item.why->applied;
    if (!item.why->derivation.empty()) out += " " + item.why->derivation;
  }
  if (auto v = verdict(item); !v.empty()) out += "; " + v;
  return out;
}

std::string explain_line(const budget_result& budget) {
  std::string out = "预算执行率:";
  if (budget.why && !budget.why->derivation.empty()) out += " " + budget.why->derivation;
  else if (budget.score) out += " score " + budget.score->to_fixed(2);
  if (budget.score) {
    out += fmt::format("; declared {}, {} {}", declared(budget.declared_rate), declared(budget.declared_score),
                       budget.rate_agrees && budget.score_agrees ? "✓" : "✗");
  }
  return out;
}

}  // namespace jixiao::engine
