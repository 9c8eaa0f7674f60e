// Evaluates planned expressions against one form element. Total: no loops, no I/O, every
// path ends; problems come back as error values.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <unordered_map>

#include "engine/form.hpp"
#include "engine/program.hpp"
#include "stdlib/values.hpp"

namespace jixiao::engine {

// 实际完成值 ÷ 年度指标值 of one indicator. A quantitative indicator's rules compute it again and
// again: comparable() in the condition of each rule tried, then the score itself. Setting the
// two cells against each other (matching quantities, converting units, exact division) is the
// costliest step of evaluating, so the scorer gives each indicator one of these and the
// evaluator divides the two cells once. Only whether the division fails and its exact result
// are kept: an error's message and span are rebuilt where one is shown.
struct cell_ratio {
  bool known = false;
  bool fails = false;
  decimal value;
};

// What an expression can see while it is evaluated.
struct eval_context {
  const form* source = nullptr;
  const indicator* item = nullptr;
  const indicator_group* group = nullptr;
  const values::cell* target = nullptr;
  const values::cell* actual = nullptr;
  std::optional<decimal> weight_override;  // a group member's share of the group weight
  std::size_t member_count = 0;
  rt::value rate;                          // the budget rate, once computed
  decimal total;                           // the total being graded
  std::span<const rt::value> facts;        // checks: the facts of engine::fact, by index
  cell_ratio* ratio = nullptr;             // the memo of actual ÷ target, when the caller keeps one
};

rt::value evaluate(const program& p, node_index n, const eval_context& ctx);

// What an explaining evaluation saw: the value of every node it evaluated and, for every
// table call, the row it took. Nodes that were never evaluated (the branch not taken, the
// side of `and` not needed) are absent. Used only by `jixiao score --explain`.
struct eval_record {
  std::unordered_map<node_index, rt::value> values;
  std::unordered_map<node_index, std::size_t> rows;  // table_call node → row index
  const rt::value* find(node_index n) const {
    auto it = values.find(n);
    return it == values.end() ? nullptr : &it->second;
  }
};

// The same evaluation, recording into `record` (which may hold earlier evaluations).
rt::value evaluate(const program& p, node_index n, const eval_context& ctx, eval_record& record);

// The value of a numeric form cell.
rt::value cell_value(const number_cell& c);

}  // namespace jixiao::engine
