// Choosing the fused step of each planned node (program.hpp, step_kind). Only the shape of the
// plan decides: which node kinds, which fields, which functions. Whether a step's common case
// holds (a memo to read, numbers without units) is decided when it runs, and outside it the
// evaluator runs the node as planned, so a step never changes what a node computes.
#include "engine/program.hpp"

#include <atomic>

namespace jixiao::engine {
namespace {

bool is_field(const program& p, node_index i, field f) {
  const auto& n = p.nodes[i];
  return n.kind == node_kind::field && static_cast<field>(n.op) == f;
}

bool is_cell_field(const program& p, node_index i) {
  return is_field(p, i, field::target) || is_field(p, i, field::actual);
}

bool is_leaf(const program& p, node_index i) {
  const auto kind = p.nodes[i].kind;
  return kind == node_kind::constant || kind == node_kind::field;
}

// The step of an `is` node on a field, negated once more when `flip` (a `not` around it).
std::optional<step> is_step(const program& p, const node& n, bool flip) {
  if (n.kind != node_kind::is_type || p.nodes[n.a].kind != node_kind::field) return std::nullopt;
  const bool negated = (n.index != 0) != flip;
  if (is_cell_field(p, n.a))
    return step{.kind = step_kind::is_cell, .op = n.op, .flag = negated, .cell = static_cast<field>(p.nodes[n.a].op)};
  return step{.kind = step_kind::is_field, .op = n.op, .flag = negated, .a = n.a};
}

step choose(const program& p, const node& n) {
  switch (n.kind) {
    case node_kind::is_type:
      if (auto s = is_step(p, n, false)) return *s;
      break;
    // `not` of an `is` is the `is` negated: `is` gives true, false or the error of its subject,
    // and `not` passes an error through unchanged.
    case node_kind::logical_not:
      if (auto s = is_step(p, p.nodes[n.a], true)) return *s;
      break;
    case node_kind::comparison:
      if (is_leaf(p, n.a) && is_leaf(p, n.b)) return {.kind = step_kind::compare_leaves, .a = n.a, .b = n.b};
      break;
    case node_kind::arithmetic:
      if (static_cast<arithmetic_op>(n.op) == arithmetic_op::divide && is_field(p, n.a, field::actual) &&
          is_field(p, n.b, field::target))
        return {.kind = step_kind::ratio};
      break;
    case node_kind::builtin_call: {
      if (n.list_size != 2) break;
      const node_index first = p.argument_lists[n.list_begin];
      const node_index second = p.argument_lists[n.list_begin + 1];
      switch (static_cast<rt::builtin>(n.op)) {
        case rt::builtin::comparable:
          if (is_field(p, first, field::actual) && is_field(p, second, field::target)) return {.kind = step_kind::comparable};
          break;
        case rt::builtin::min:
        case rt::builtin::max:
          return {.kind = step_kind::extremum,
                  .op = static_cast<std::uint8_t>(static_cast<rt::builtin>(n.op) == rt::builtin::min),
                  .a = first,
                  .b = second};
        default: break;
      }
      break;
    }
    default: break;
  }
  return {};
}

// Whether node `i` reads nothing but 年度指标值 and constants.
bool reads_target_only(const program& p, node_index i) {
  if (i == no_node) return true;
  const node& n = p.nodes[i];
  auto list = [&] {
    for (std::uint32_t k = 0; k < n.list_size; ++k)
      if (!reads_target_only(p, p.argument_lists[n.list_begin + k])) return false;
    return true;
  };
  switch (n.kind) {
    case node_kind::constant: return true;
    case node_kind::field: return static_cast<field>(n.op) == field::target;
    case node_kind::builtin_call: return list();
    case node_kind::in_list: return reads_target_only(p, n.a) && list();
    case node_kind::table_call:
      for (const auto& row : p.tables[n.index].rows)
        if (!reads_target_only(p, row.value)) return false;
      return reads_target_only(p, n.a);
    // No default: a new kind of node must say here what it reads.
    case node_kind::member:
    case node_kind::negate:
    case node_kind::logical_not:
    case node_kind::arithmetic:
    case node_kind::comparison:
    case node_kind::logical_and:
    case node_kind::logical_or:
    case node_kind::conditional:
    case node_kind::is_type:
    case node_kind::deduction:
      return reads_target_only(p, n.a) && reads_target_only(p, n.b) && reads_target_only(p, n.c) &&
             reads_target_only(p, n.d);
  }
  return false;
}

// The guards among the conjuncts of `i`, a chain of `and` (or a single condition), for rule `rule`.
void add_guards(program& p, std::uint32_t rule, node_index i) {
  const node& n = p.nodes[i];
  if (n.kind == node_kind::logical_and) {
    add_guards(p, rule, n.a);
    add_guards(p, rule, n.b);
    return;
  }
  if (!reads_target_only(p, i)) return;
  const std::uint64_t bit = std::uint64_t{1} << rule;
  // Rules often test the target alike (three rules of the central rule set ask 年度指标值 is
  // quantity): one guard serves them all, evaluated once.
  for (auto& g : p.target_guards)
    if (same_expression(p, g.when, i)) {
      g.rules |= bit;
      return;
    }
  p.target_guards.push_back({i, bit});
}

}  // namespace

void plan_guards(program& p) {
  static std::atomic<std::uint64_t> planned{0};
  p.serial = ++planned;
  p.target_guards.clear();
  // The scorer keeps the rules a cell rules out as bits of a 64-bit word.
  for (std::uint32_t r = 0; r < p.rules.size() && r < 64; ++r)
    if (p.rules[r].when != no_node) add_guards(p, r, p.rules[r].when);
}

void plan_steps(program& p) {
  p.steps.clear();
  p.steps.reserve(p.nodes.size());
  for (const auto& n : p.nodes) p.steps.push_back(choose(p, n));
}

}  // namespace jixiao::engine
