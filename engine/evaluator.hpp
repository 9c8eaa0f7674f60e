// Evaluates planned expressions against one form element. Total: no loops, no I/O, every
// path ends; problems come back as error values.
#pragma once

#include <optional>
#include <span>

#include "engine/form.hpp"
#include "engine/program.hpp"
#include "stdlib/values.hpp"

namespace jixiao::engine {

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
};

rt::value evaluate(const program& p, node_index n, const eval_context& ctx);

// The value of a numeric form cell.
rt::value cell_value(const number_cell& c);

}  // namespace jixiao::engine
