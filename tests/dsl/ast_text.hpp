// Test helper: an expression as a fully parenthesized string, so that a test can state the
// tree the parser built in one line: "((a + (b * c)) >= 1)".
#pragma once

#include <string>
#include <type_traits>
#include <variant>

#include "dsl/ast.hpp"

namespace jixiao::dsl::testing {

inline std::string op_text(binary_op op) {
  switch (op) {
    case binary_op::add:
      return "+";
    case binary_op::subtract:
      return "-";
    case binary_op::multiply:
      return "*";
    case binary_op::divide:
      return "/";
    case binary_op::equal:
      return "==";
    case binary_op::not_equal:
      return "!=";
    case binary_op::less:
      return "<";
    case binary_op::less_equal:
      return "<=";
    case binary_op::greater:
      return ">";
    case binary_op::greater_equal:
      return ">=";
    case binary_op::logical_and:
      return "and";
    case binary_op::logical_or:
      return "or";
  }
  return "?";
}

inline std::string text(const expr_ptr& e);

inline std::string list_text(const std::vector<expr_ptr>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + text(item);
  }
  return out;
}

inline std::string text(const expr_ptr& e) {
  if (!e) {
    return "<null>";
  }
  return std::visit(
      [](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, number_literal>) {
          return n.text + (n.percent ? "%" : "");
        } else if constexpr (std::is_same_v<T, string_literal>) {
          std::string out = "\"";
          for (const char c : n.value) {
            out += c == '\n' ? std::string("\\n") : c == '"' || c == '\\' ? std::string{'\\', c} : std::string{c};
          }
          return out + "\"";
        } else if constexpr (std::is_same_v<T, date_literal>) {
          return std::to_string(n.year) + "-" + std::to_string(n.month) + "-" + std::to_string(n.day);
        } else if constexpr (std::is_same_v<T, bool_literal>) {
          return n.value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, infinity_literal>) {
          return "inf";
        } else if constexpr (std::is_same_v<T, name_ref>) {
          return n.name;
        } else if constexpr (std::is_same_v<T, member_access>) {
          return "(" + text(n.object) + "." + n.field + ")";
        } else if constexpr (std::is_same_v<T, call>) {
          return n.callee + "(" + list_text(n.args) + ")";
        } else if constexpr (std::is_same_v<T, unary>) {
          return std::string("(") + (n.op == unary_op::negate ? "-" : "not ") + text(n.operand) + ")";
        } else if constexpr (std::is_same_v<T, binary>) {
          return "(" + text(n.lhs) + " " + op_text(n.op) + " " + text(n.rhs) + ")";
        } else if constexpr (std::is_same_v<T, conditional>) {
          return "(" + text(n.condition) + " ? " + text(n.then_branch) + " : " + text(n.else_branch) + ")";
        } else if constexpr (std::is_same_v<T, in_list>) {
          return "(" + text(n.subject) + (n.negated ? " not in (" : " in (") + list_text(n.items) + "))";
        } else if constexpr (std::is_same_v<T, is_type>) {
          return "(" + text(n.subject) + (n.negated ? " is not " : " is ") + n.type_name + ")";
        } else {
          static_assert(std::is_same_v<T, deduction>);
          return "(deduct " + text(n.points) + " per " + text(n.step) + " of " + text(n.amount) +
                 (n.whole_steps ? " whole" : " prorata") + (n.cap ? " cap " + text(n.cap) : "") + ")";
        }
      },
      e->node);
}

}  // namespace jixiao::dsl::testing
