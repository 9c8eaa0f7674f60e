// Structural equality of planned expressions (program.hpp): the static checks compare
// conditions with it, and planning merges the target guards several rules share.
#include "engine/program.hpp"

namespace jixiao::engine {
namespace {

bool same_constant(const rt::value& a, const rt::value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case rt::kind::number: return a.number == b.number && a.unit == b.unit;
    case rt::kind::text: return a.text == b.text;
    case rt::kind::boolean: return a.flag == b.flag;
    case rt::kind::date:
      return a.date.year == b.date.year && a.date.first_month == b.date.first_month &&
             a.date.last_month == b.date.last_month && a.date.day == b.date.day;
    case rt::kind::absent:
    case rt::kind::not_applicable: return true;
    case rt::kind::cell:
    case rt::kind::error: return false;
  }
  return false;
}

}  // namespace

bool same_expression(const program& p, node_index a, node_index b) {
  if (a == b) return true;
  if (a == no_node || b == no_node) return false;
  const node& x = p.nodes[a];
  const node& y = p.nodes[b];
  if (x.kind != y.kind) return false;
  if (x.kind == node_kind::constant) return same_constant(p.constants[x.index], p.constants[y.index]);
  if (x.op != y.op || x.index != y.index || x.list_size != y.list_size) return false;
  if (!same_expression(p, x.a, y.a) || !same_expression(p, x.b, y.b) || !same_expression(p, x.c, y.c) ||
      !same_expression(p, x.d, y.d))
    return false;
  for (std::uint32_t k = 0; k < x.list_size; ++k)
    if (!same_expression(p, p.argument_lists[x.list_begin + k], p.argument_lists[y.list_begin + k])) return false;
  return true;
}

}  // namespace jixiao::engine
