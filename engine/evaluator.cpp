#include "engine/evaluator.hpp"

#include <fmt/format.h>

#include <memory>

#include "stdlib/operators.hpp"

namespace jixiao::engine {
namespace {

// `Record` is a compile-time switch: the plain evaluator is the same code as before explain
// existed, and only the explaining instance stores each node's value (and the table rows read).
template <bool Record>
class evaluator {
public:
  evaluator(const program& p, const eval_context& ctx, eval_record* record = nullptr)
      : m_p(p), m_ctx(ctx), m_record(record) {}

  rt::value eval(node_index i) {
    if constexpr (Record) {
      auto v = eval_node(i);
      m_record->values.insert_or_assign(i, v);
      return v;
    } else {
      if (i < m_p.steps.size() && m_p.steps[i].kind != step_kind::planned) {
        const step& st = m_p.steps[i];
        // `is` on a form cell, the whole of most band conditions (not 未完成): answered here,
        // as run_step answers it, without its frame.
        if (st.kind == step_kind::is_cell)
          if (const values::cell* c = st.cell == field::target ? m_ctx.target : m_ctx.actual)
            return rt::value::boolean(is_cell(*c, static_cast<value_type>(st.op)) != st.flag);
        return run_step(i, st);
      }
      return eval_node(i);
    }
  }

private:
  // Room for a value that may never be written: an operand read in place (a constant) needs
  // none, and clearing one first would cost as much as the read.
  struct slot {
    slot() {}
    union {
      rt::value v;
    };
  };

  // The value of an operand without evaluating it as a node of its own where it is a
  // constant (read where it lies) or a field (read directly). Only the plain evaluator takes
  // this shortcut: the explaining one records every node's value.
  const rt::value& operand(node_index i, slot& s) {
    if constexpr (!Record) {
      const node& n = m_p.nodes[i];
      if (n.kind == node_kind::constant) return m_p.constants[n.index];
      if (n.kind == node_kind::field) {
        // The two cells, the commonest operands of a comparison, as read() gives them.
        const auto f = static_cast<field>(n.op);
        if (f == field::target) return *::new (&s.v) rt::value(rt::value::of_cell(*m_ctx.target));
        if (f == field::actual) return *::new (&s.v) rt::value(rt::value::of_cell(*m_ctx.actual));
        return *::new (&s.v) rt::value(read(f, n));
      }
    }
    return *::new (&s.v) rt::value(eval(i));
  }

  // A fused step (program.hpp, engine/steps.cpp): its common case here, the rest as planned.
  rt::value run_step(node_index i, const step& st) {
    const node& n = m_p.nodes[i];
    switch (st.kind) {
      case step_kind::planned: break;
      case step_kind::is_cell: {
        const values::cell* c = st.cell == field::target ? m_ctx.target : m_ctx.actual;
        if (!c) break;
        const bool yes = is_cell(*c, static_cast<value_type>(st.op));
        return rt::value::boolean(st.flag ? !yes : yes);
      }
      case step_kind::is_field: {
        const node& f = m_p.nodes[st.a];
        const auto which = static_cast<field>(f.op);
        // An indicator's 分值, which the first rule of every bundled rule set asks about
        // (分值 is not_applicable): its cell as read() gives it, without read()'s dispatch.
        const auto subject = which == field::weight && m_ctx.item && !m_ctx.weight_override
                                 ? cell_value(m_ctx.item->weight)
                                 : read(which, f);
        if (subject.is_error()) return subject;
        const bool yes = is(subject, static_cast<value_type>(st.op));
        return rt::value::boolean(st.flag ? !yes : yes);
      }
      case step_kind::compare_leaves: {
        slot x, y;
        const auto& a = operand(st.a, x);
        const auto& b = operand(st.b, y);
        if (const int answer = text_equality(a, b, n); answer != other_answer) return rt::value::boolean(answer != 0);
        return rt::compare(a, b, static_cast<rt::comparison>(n.op), n.span);
      }
      case step_kind::comparable: {
        if (!m_ctx.ratio || !m_ctx.actual || !m_ctx.target) break;
        return rt::value::boolean(!memo_ratio(*m_ctx.ratio).fails);
      }
      case step_kind::ratio: {
        if (!m_ctx.ratio || !m_ctx.actual || !m_ctx.target) break;
        const auto& r = memo_ratio(*m_ctx.ratio);
        if (r.fails) break;
        return rt::value::of(r.value);
      }
      case step_kind::extremum: {
        slot x, y;
        const auto& a = operand(st.a, x);
        if (a.is_error()) return a;
        const auto& b = operand(st.b, y);
        if (b.is_error()) return b;
        // Plain numbers: what extremum() in stdlib/builtins.cpp does for them, without its
        // conversions and copies. The second replaces the first when it is below (min) or not
        // below (max) it.
        if (a.type == rt::kind::number && b.type == rt::kind::number && rt::dimensionless(a.unit) &&
            rt::dimensionless(b.unit))
          return ((b.number <=> a.number) < 0) == (st.op != 0) ? b : a;
        const rt::value both[] = {a, b};
        return rt::call_builtin(static_cast<rt::builtin>(n.op), both, n.span);
      }
    }
    return eval_node(i);
  }

  // Conditions, in the plain evaluator, are answered as true or false without building a
  // value for each node on the way: 0 false, 1 true, and other_answer when the node gives
  // anything else (an error, or a value that is not true or false), which is then in `other`.
  // Each answer is the one eval() gives for the node.
  static constexpr int other_answer = 2;

  int test(node_index i, slot& other) {
    const node& n = m_p.nodes[i];
    const step_kind kind = i < m_p.steps.size() ? m_p.steps[i].kind : step_kind::planned;
    if (kind == step_kind::is_cell) {
      const step& st = m_p.steps[i];
      if (const values::cell* c = st.cell == field::target ? m_ctx.target : m_ctx.actual)
        return is_cell(*c, static_cast<value_type>(st.op)) != st.flag;
    } else if (kind == step_kind::compare_leaves) {
      const step& st = m_p.steps[i];
      slot x, y;
      const auto& a = operand(st.a, x);
      const auto& b = operand(st.b, y);
      if (const int answer = text_equality(a, b, n); answer != other_answer) return answer;
      const auto& v = *::new (&other.v) rt::value(rt::compare(a, b, static_cast<rt::comparison>(n.op), n.span));
      return v.type == rt::kind::boolean ? int{v.flag} : other_answer;
    } else if (kind == step_kind::comparable) {
      if (m_ctx.ratio && m_ctx.actual && m_ctx.target) return memo_ratio(*m_ctx.ratio).fails ? 0 : 1;
    } else if (kind == step_kind::planned) {
      if (n.kind == node_kind::logical_and || n.kind == node_kind::logical_or) return test_logic(n, other);
      if (n.kind == node_kind::logical_not) {
        slot inner;
        const int answer = test(n.a, inner);
        if (answer != other_answer) return answer ^ 1;
        ::new (&other.v) rt::value(boolean(inner.v, n));
        return other_answer;
      }
    }
    const auto& v = *::new (&other.v) rt::value(eval(i));
    return v.type == rt::kind::boolean ? int{v.flag} : other_answer;
  }

  // `==` and `!=` between texts or cells, which compare their texts (rt::compare): the
  // commonest comparison of a condition (二级指标 == "成本指标"), answered without the call.
  // other_answer for any other comparison.
  static int text_equality(const rt::value& a, const rt::value& b, const node& n) {
    return text_equality(a, b, static_cast<rt::comparison>(n.op));
  }
  static int text_equality(const rt::value& a, const rt::value& b, rt::comparison op) {
    if (op != rt::comparison::equal && op != rt::comparison::not_equal) return other_answer;
    auto textual = [](const rt::value& v) { return v.type == rt::kind::text || v.type == rt::kind::cell; };
    if (!textual(a) || !textual(b)) return other_answer;
    return (a.text == b.text) == (op == rt::comparison::equal) ? 1 : 0;
  }

  // logic() answered as test() answers.
  int test_logic(const node& n, slot& other) {
    const int deciding = n.kind == node_kind::logical_and ? 0 : 1;
    slot a_value, b_value;
    const int a = test(n.a, a_value);
    if (a == deciding) return a;
    const int b = test(n.b, b_value);
    if (b == deciding) return b;
    if (a == other_answer) {
      ::new (&other.v) rt::value(boolean(a_value.v, m_p.nodes[n.a]));
      return other_answer;
    }
    if (b == other_answer) {
      ::new (&other.v) rt::value(boolean(b_value.v, m_p.nodes[n.b]));
      return other_answer;
    }
    return deciding ^ 1;
  }

  // The indicator's memo of actual ÷ target, filled on first use.
  const cell_ratio& memo_ratio(cell_ratio& memo) {
    if (!memo.known) {
      const auto quotient = rt::divide_cells(*m_ctx.actual, *m_ctx.target);
      memo.known = true;
      memo.fails = !quotient;
      if (quotient) memo.value = *quotient;
    }
    return memo;
  }

  rt::value eval_node(node_index i) {
    const node& n = m_p.nodes[i];
    switch (n.kind) {
      case node_kind::constant: return m_p.constants[n.index];
      case node_kind::field: return read(static_cast<field>(n.op), n);
      case node_kind::builtin_call: {
        // Arity is at most a handful; a small fixed buffer avoids a heap allocation per call.
        // Its slots are left unconstructed until an argument is stored (a value is trivially
        // copyable and destructible), so a call does not first clear eight values.
        union slots {
          slots() {}
          rt::value at[8];
        } args;
        std::vector<rt::value> many;
        std::span<rt::value> view;
        if (n.list_size <= 8) {
          for (std::uint32_t k = 0; k < n.list_size; ++k)
            std::construct_at(&args.at[k], eval(m_p.argument_lists[n.list_begin + k]));
          view = std::span<rt::value>(args.at, n.list_size);
        } else {
          for (std::uint32_t k = 0; k < n.list_size; ++k) many.push_back(eval(m_p.argument_lists[n.list_begin + k]));
          view = many;
        }
        for (const auto& a : view)
          if (a.is_error()) return a;
        if (static_cast<rt::builtin>(n.op) == rt::builtin::comparable && view.size() == 2)
          if (const auto* r = ratio(view[0], view[1])) return rt::value::boolean(!r->fails);
        return rt::call_builtin(static_cast<rt::builtin>(n.op), view, n.span);
      }
      case node_kind::table_call: return table(n);
      case node_kind::member: return member(n);
      case node_kind::negate: return rt::negate(eval(n.a), n.span);
      case node_kind::logical_not: {
        auto v = eval(n.a);
        if (v.type == rt::kind::boolean) return rt::value::boolean(!v.flag);
        return boolean(v, n);
      }
      case node_kind::arithmetic: {
        slot a_value, b_value;
        const auto& a = operand(n.a, a_value);
        if (a.is_error()) return a;
        const auto& b = operand(n.b, b_value);
        // Two plain numbers, as a score formula's weight and ratio are: what the operators of
        // stdlib/operators.cpp give them (a number without a unit), without their call and
        // checks. A quotient by zero and a result out of range take the operators' messages.
        if (a.type == rt::kind::number && b.type == rt::kind::number && rt::dimensionless(a.unit) &&
            rt::dimensionless(b.unit)) {
          decimal r = decimal::invalid();
          switch (static_cast<arithmetic_op>(n.op)) {
            case arithmetic_op::add: r = a.number + b.number; break;
            case arithmetic_op::subtract: r = a.number - b.number; break;
            case arithmetic_op::multiply: r = a.number * b.number; break;
            case arithmetic_op::divide: r = a.number / b.number; break;
          }
          if (r.valid()) return rt::value::of(r);
        }
        switch (static_cast<arithmetic_op>(n.op)) {
          case arithmetic_op::add: return rt::add(a, b, n.span);
          case arithmetic_op::subtract: return rt::subtract(a, b, n.span);
          case arithmetic_op::multiply: return rt::multiply(a, b, n.span);
          case arithmetic_op::divide:
            if (const auto* r = ratio(a, b); r && !r->fails) return rt::value::of(r->value);
            return rt::divide(a, b, n.span);
        }
        return rt::value::fail("unknown operator", n.span);
      }
      case node_kind::comparison: {
        slot a_value, b_value;
        const auto& a = operand(n.a, a_value);
        const auto& b = operand(n.b, b_value);
        return rt::compare(a, b, static_cast<rt::comparison>(n.op), n.span);
      }
      case node_kind::logical_and:
      case node_kind::logical_or:
        if constexpr (!Record) {
          slot other;
          const int answer = test_logic(n, other);
          return answer == other_answer ? other.v : rt::value::boolean(answer != 0);
        }
        return logic(n);
      case node_kind::conditional: {
        if constexpr (!Record) {
          slot other;
          const int answer = test(n.a, other);
          if (answer == other_answer) return boolean(other.v, m_p.nodes[n.a]);
          return eval(answer ? n.b : n.c);
        }
        auto c = eval(n.a);
        if (c.type != rt::kind::boolean) return boolean(c, m_p.nodes[n.a]);
        return eval(c.flag ? n.b : n.c);
      }
      case node_kind::in_list: {
        auto subject = eval(n.a);
        if (subject.is_error()) return subject;
        bool found = false;
        for (std::uint32_t k = 0; k < n.list_size && !found; ++k) {
          slot item;
          const auto& candidate = operand(m_p.argument_lists[n.list_begin + k], item);
          // Texts (年度指标值.op in ("≤", "<")) compare their views, as rt::compare does.
          if (const int answer = text_equality(subject, candidate, rt::comparison::equal); answer != other_answer) {
            found = answer != 0;
            continue;
          }
          auto eq = rt::compare(subject, candidate, rt::comparison::equal, n.span);
          if (eq.is_error()) return eq;
          found = eq.flag;
        }
        return rt::value::boolean(n.op ? !found : found);
      }
      case node_kind::is_type: {
        auto subject = eval(n.a);
        if (subject.is_error()) return subject;
        bool yes = is(subject, static_cast<value_type>(n.op));
        return rt::value::boolean(n.index ? !yes : yes);
      }
      case node_kind::deduction: return deduction(n);
    }
    return rt::value::fail("unknown expression", n.span);
  }

  // The indicator's memo of actual ÷ target when `a` and `b` are those two cells, filled on
  // first use. Dividing one cell by another gives a plain number or fails, so the exact
  // quotient is all there is to keep.
  const cell_ratio* ratio(const rt::value& a, const rt::value& b) {
    cell_ratio* memo = m_ctx.ratio;
    if (!memo || a.type != rt::kind::cell || b.type != rt::kind::cell || a.cell != m_ctx.actual ||
        b.cell != m_ctx.target)
      return nullptr;
    return &memo_ratio(*memo);
  }

  rt::value boolean(const rt::value& v, const node& n) {
    if (v.is_error() || v.type == rt::kind::boolean) return v;
    return rt::value::fail(fmt::format("expected true or false, got {}", rt::describe(v.type)), n.span);
  }

  // `and` and `or` decide without the other side where they can, so an error on one side
  // only matters when it would change the answer: false and error = false, true or error = true.
  // Every condition is a chain of these, so the sides are checked where they lie rather than
  // copied through boolean(), and a deciding side is answered with a fresh boolean (what it
  // is) instead of a copy of the whole value.
  rt::value logic(const node& n) {
    const bool is_and = n.kind == node_kind::logical_and;
    auto a = eval(n.a);
    if (a.type == rt::kind::boolean && a.flag != is_and) return rt::value::boolean(a.flag);
    auto b = eval(n.b);
    if (b.type == rt::kind::boolean && b.flag != is_and) return rt::value::boolean(b.flag);
    if (a.type != rt::kind::boolean) return boolean(a, m_p.nodes[n.a]);
    if (b.type != rt::kind::boolean) return boolean(b, m_p.nodes[n.b]);
    return rt::value::boolean(is_and);
  }

  rt::value read(field f, const node& n) {
    const auto* ind = m_ctx.item;
    const auto* grp = m_ctx.group;
    const auto& form = *m_ctx.source;
    auto text = [](const std::string& s) { return rt::value::of_text(s); };
    switch (f) {
      case field::level1: return text(ind ? ind->level1 : grp->level1);
      case field::level2: return text(ind ? ind->level2 : grp->level2);
      case field::name: return text(ind->name);
      case field::target: return rt::value::of_cell(*m_ctx.target);
      case field::actual: return rt::value::of_cell(*m_ctx.actual);
      case field::weight:
        if (m_ctx.weight_override) return rt::value::of(*m_ctx.weight_override);
        if (ind) return cell_value(ind->weight);
        if (grp) return cell_value(grp->weight);
        return cell_value(form.budget.weight);
      case field::score:
        if (ind) return cell_value(ind->score);
        if (grp) return cell_value(grp->score);
        return cell_value(form.budget.score);
      case field::reason: return text(ind ? ind->reason : grp->reason);
      case field::level1_weight: {
        const auto& w = ind ? ind->level1_weight : grp->level1_weight;
        return w ? rt::value::of(*w) : rt::value::absent();
      }
      case field::members: return rt::value::of(decimal::from_int(static_cast<std::int64_t>(m_ctx.member_count)));
      case field::initial: return budget_cell(&budget_row::initial);
      case field::annual: return budget_cell(&budget_row::annual);
      case field::executed: return budget_cell(&budget_row::executed);
      case field::declared_rate: return cell_value(form.budget.rate);
      case field::rate:
        if (m_ctx.rate.type == rt::kind::absent) return rt::value::fail("the budget rate is not computed yet", n.span);
        return m_ctx.rate;
      case field::year: return rt::value::of(decimal::from_int(form.year));
      case field::jurisdiction: return text(form.jurisdiction);
      case field::total: return rt::value::of(m_ctx.total);
      case field::fact:
        if (n.index < m_ctx.facts.size()) return m_ctx.facts[n.index];
        return rt::value::fail("this fact is known only to checks (jixiao lint)", n.span);
    }
    return rt::value::fail("unknown field", n.span);
  }

  rt::value budget_cell(number_cell budget_row::*column) {
    const auto& rows = m_ctx.source->budget.rows;
    if (rows.empty()) return rt::value::absent();
    return cell_value(rows.front().*column);
  }

  rt::value member(const node& n) {
    slot object_value;
    const auto& object = operand(n.a, object_value);
    if (object.is_error()) return object;
    if (object.type != rt::kind::cell)
      return rt::value::fail(fmt::format("expected a form cell, got {}", rt::describe(object.type)), n.span);
    const auto& c = *object.cell;
    const values::quantity* q = c.quantities.empty() ? nullptr : &c.quantities.front();
    switch (static_cast<member_kind>(n.op)) {
      case member_kind::op: return rt::value::of_text(q ? values::symbol(q->op) : std::string_view{});
      case member_kind::unit: return rt::value::of_text(q ? std::string_view(q->unit) : std::string_view{});
      case member_kind::text: return rt::value::of_text(c.text);
      case member_kind::count: return rt::value::of(decimal::from_int(static_cast<std::int64_t>(c.quantities.size())));
      case member_kind::value:
      case member_kind::low:
        if (!q) return rt::value::fail(fmt::format("「{}」 holds no quantity", c.text), n.span);
        return rt::value::of(q->value, q->unit);
      case member_kind::high:
        if (!q) return rt::value::fail(fmt::format("「{}」 holds no quantity", c.text), n.span);
        return rt::value::of(q->high ? *q->high : q->value, q->unit);
    }
    return rt::value::fail("unknown property", n.span);
  }

  // What `is` answers for a value that is this cell (the fused steps ask it of a field's cell
  // directly, is() of any value).
  static bool is_cell(const values::cell& c, value_type t) {
    using values::cell_kind;
    switch (t) {
      case value_type::absent: return c.kind == cell_kind::absent;
      case value_type::not_applicable: return c.kind == cell_kind::not_applicable;
      case value_type::missing: return c.kind == cell_kind::absent || c.kind == cell_kind::not_applicable;
      case value_type::nothing: return c.kind == cell_kind::nothing;
      case value_type::quantity: return c.kind == cell_kind::quantity;
      case value_type::number: return c.kind == cell_kind::quantity && c.quantities.size() == 1;
      case value_type::percent:
        if (c.kind != cell_kind::quantity) return false;
        for (const auto& q : c.quantities)
          if (q.unit != "%") return false;
        return true;
      case value_type::date: return !c.dates.empty() && c.kind != cell_kind::not_applicable;
      case value_type::text: return c.kind == cell_kind::text;
      case value_type::boolean: return false;
    }
    return false;
  }

  // A cell answers as is_cell says; any other value by its kind alone.
  static bool is(const rt::value& v, value_type t) {
    if (v.type == rt::kind::cell) return is_cell(*v.cell, t);
    switch (t) {
      case value_type::absent: return v.type == rt::kind::absent;
      case value_type::not_applicable: return v.type == rt::kind::not_applicable;
      case value_type::missing: return v.type == rt::kind::absent || v.type == rt::kind::not_applicable;
      case value_type::nothing: return false;
      case value_type::quantity:
      case value_type::number: return v.type == rt::kind::number;
      case value_type::percent: return v.type == rt::kind::number && v.percent;
      case value_type::date: return v.type == rt::kind::date;
      case value_type::text: return v.type == rt::kind::text;
      case value_type::boolean: return v.type == rt::kind::boolean;
    }
    return false;
  }

  rt::value table(const node& n) {
    const auto& t = m_p.tables[n.index];
    auto key = rt::as_number(eval(n.a), n.span);
    if (key.is_error()) return key;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (!t.rows[r].key.contains(key.number)) continue;
      if constexpr (Record) m_record->rows.insert_or_assign(static_cast<node_index>(&n - m_p.nodes.data()), r);
      return eval(t.rows[r].value);
    }
    return rt::value::fail(fmt::format("no row of table '{}' covers {}", t.name, rt::to_display(key)), n.span);
  }

  rt::value deduction(const node& n) {
    auto points = rt::as_number(eval(n.a), n.span);
    if (points.is_error()) return points;
    auto step = rt::as_number(eval(n.b), n.span);
    if (step.is_error()) return step;
    auto amount = rt::as_number(eval(n.c), n.span);
    if (amount.is_error()) return amount;
    if (step.number.sign() <= 0) return rt::value::fail("a deduction step must be above 0", n.span);
    if (amount.number.sign() <= 0) return rt::value::of(decimal{});
    auto steps = amount.number / step.number;
    if (n.op) steps = steps.floor();
    auto total = steps * points.number;
    if (n.d != no_node) {
      auto cap = rt::as_number(eval(n.d), n.span);
      if (cap.is_error()) return cap;
      if (cap.number < total) total = cap.number;
    }
    if (!total.valid()) return rt::value::fail("number out of range", n.span);
    return rt::value::of(total);
  }

  const program& m_p;
  const eval_context& m_ctx;
  eval_record* m_record;
};

}  // namespace

rt::value cell_value(const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: return rt::value::absent();
    case number_cell::state::not_applicable: return rt::value::not_applicable();
    case number_cell::state::number: return rt::value::of(c.value, {}, c.percent);
  }
  return rt::value::absent();
}

rt::value evaluate(const program& p, node_index n, const eval_context& ctx) {
  return evaluator<false>(p, ctx).eval(n);
}

rt::value evaluate(const program& p, node_index n, const eval_context& ctx, eval_record& record) {
  return evaluator<true>(p, ctx, &record).eval(n);
}

}  // namespace jixiao::engine
