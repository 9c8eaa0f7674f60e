#include "dsl/ast_dump.hpp"

#include <fmt/format.h>

#include <string_view>
#include <type_traits>
#include <variant>

namespace jixiao::dsl {

namespace {

std::string quoted(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string_view op_name(binary_op op) {
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

std::string date_text(const date_literal& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

std::string optional_expression(const expr_ptr& e) { return e ? dump_expression(*e) : "()"; }

std::string interval_text(const interval& i) {
  return fmt::format("{}{} {}{}", i.lower_closed ? '[' : '(', i.lower ? dump_expression(*i.lower) : "-inf",
                     i.upper ? dump_expression(*i.upper) : "inf", i.upper_closed ? ']' : ')');
}

std::string_view kind_name(declaration_kind k) {
  switch (k) {
    case declaration_kind::rule:
      return "rule";
    case declaration_kind::group:
      return "group";
    case declaration_kind::let:
      return "let";
    case declaration_kind::table:
      return "table";
    case declaration_kind::grade:
      return "grade";
    case declaration_kind::budget_rate:
      return "budget-rate";
    case declaration_kind::budget_score:
      return "budget-score";
    case declaration_kind::check:
      return "check";
  }
  return "?";
}

std::string_view severity_name(check_severity s) {
  switch (s) {
    case check_severity::error:
      return "error";
    case check_severity::warning:
      return "warning";
    case check_severity::info:
      return "info";
  }
  return "?";
}

std::string_view scope_name(check_scope s) {
  switch (s) {
    case check_scope::indicator:
      return "indicator";
    case check_scope::group:
      return "group";
    case check_scope::budget:
      return "budget";
    case check_scope::form:
      return "form";
  }
  return "?";
}

std::string header_text(const ruleset_header& h) {
  std::string out = fmt::format("({} {}", h.kind == file_kind::library ? "library" : "ruleset", h.id);
  if (h.extends) out += fmt::format(" (extends {})", quoted(*h.extends));
  if (h.jurisdiction) out += fmt::format(" (jurisdiction {})", quoted(*h.jurisdiction));
  if (h.version) out += fmt::format(" (version {})", quoted(*h.version));
  if (h.effective_from && h.effective_to) {
    out += fmt::format(" (effective {} {})", date_text(*h.effective_from), date_text(*h.effective_to));
  }
  if (h.source) out += fmt::format(" (source {})", quoted(*h.source));
  if (h.decimals) out += fmt::format(" (decimals {})", *h.decimals);
  return out + ")";
}

std::string override_mark(bool is_override) { return is_override ? "override " : ""; }

std::string declaration_text(const declaration& d) {
  return std::visit(
      [](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, let_decl>) {
          return fmt::format("({}let {} {})", override_mark(n.is_override), n.name, dump_expression(*n.value));
        } else if constexpr (std::is_same_v<T, budget_decl>) {
          return fmt::format("({}budget {} {})", override_mark(n.is_override),
                             n.target == budget_target::rate ? "rate" : "score", dump_expression(*n.value));
        } else if constexpr (std::is_same_v<T, rule_decl>) {
          std::string out =
              fmt::format("({}{} {}", override_mark(n.is_override), n.is_group ? "group" : "rule", n.name);
          if (n.position) out += fmt::format(" ({} {})", n.position->before ? "before" : "after", n.position->anchor);
          out += n.when ? fmt::format(" (when {})", dump_expression(*n.when)) : " (otherwise)";
          out += std::visit(
              [](const auto& b) -> std::string {
                using B = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<B, score_body>) {
                  return fmt::format(" (score {})", dump_expression(*b.value));
                } else if constexpr (std::is_same_v<B, share_body>) {
                  return fmt::format(" (share {})", dump_expression(*b.value));
                } else if constexpr (std::is_same_v<B, not_applicable_body>) {
                  return " (not-applicable)";
                } else {
                  std::string bands = " (judged";
                  for (const auto& band : b.bands) {
                    bands += fmt::format(" (band {} {} {})", band.name, interval_text(band.range),
                                         optional_expression(band.when));
                  }
                  return bands + ")";
                }
              },
              n.body);
          return out + ")";
        } else if constexpr (std::is_same_v<T, table_decl>) {
          std::string out = fmt::format("({}table {}", override_mark(n.is_override), n.name);
          for (const auto& row : n.rows) {
            out += fmt::format(" (row {} {})", interval_text(row.key), dump_expression(*row.value));
          }
          return out + ")";
        } else if constexpr (std::is_same_v<T, grade_decl>) {
          std::string out = fmt::format("({}grade", override_mark(n.is_override));
          for (const auto& arm : n.arms) {
            out += arm.comparison ? fmt::format(" ({} {} {})", op_name(*arm.comparison),
                                                dump_expression(*arm.threshold), quoted(arm.label))
                                  : fmt::format(" (else {})", quoted(arm.label));
          }
          return out + ")";
        } else if constexpr (std::is_same_v<T, remove_decl>) {
          return n.name.empty() ? fmt::format("(remove {})", kind_name(n.kind))
                                : fmt::format("(remove {} {})", kind_name(n.kind), n.name);
        } else if constexpr (std::is_same_v<T, include_decl>) {
          return fmt::format("(include {})", quoted(n.path));
        } else {
          static_assert(std::is_same_v<T, check_decl>);
          if (n.severity_only) {
            return fmt::format("({}check {} (severity {}))", override_mark(n.is_override), n.id,
                               severity_name(n.level));
          }
          return fmt::format("({}check {} {} (on {}) (at {}) (when {}) (message {}))", override_mark(n.is_override),
                             n.id, severity_name(n.level), scope_name(n.on), n.cell, optional_expression(n.when),
                             quoted(n.message));
        }
      },
      d);
}

}  // namespace

std::string dump_expression(const expr& e) {
  return std::visit(
      [](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, number_literal>) {
          return n.text + (n.percent ? "%" : "");
        } else if constexpr (std::is_same_v<T, string_literal>) {
          return quoted(n.value);
        } else if constexpr (std::is_same_v<T, date_literal>) {
          return date_text(n);
        } else if constexpr (std::is_same_v<T, bool_literal>) {
          return n.value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, infinity_literal>) {
          return "inf";
        } else if constexpr (std::is_same_v<T, name_ref>) {
          return fmt::format("(name {})", n.name);
        } else if constexpr (std::is_same_v<T, member_access>) {
          return fmt::format("(. {} {})", dump_expression(*n.object), n.field);
        } else if constexpr (std::is_same_v<T, call>) {
          std::string out = "(call " + n.callee;
          for (const auto& arg : n.args) {
            out += " " + dump_expression(*arg);
          }
          return out + ")";
        } else if constexpr (std::is_same_v<T, unary>) {
          return fmt::format("({} {})", n.op == unary_op::negate ? "neg" : "not", dump_expression(*n.operand));
        } else if constexpr (std::is_same_v<T, binary>) {
          return fmt::format("({} {} {})", op_name(n.op), dump_expression(*n.lhs), dump_expression(*n.rhs));
        } else if constexpr (std::is_same_v<T, conditional>) {
          return fmt::format("(if {} {} {})", dump_expression(*n.condition), dump_expression(*n.then_branch),
                             dump_expression(*n.else_branch));
        } else if constexpr (std::is_same_v<T, in_list>) {
          std::string out = fmt::format("({} {}", n.negated ? "not-in" : "in", dump_expression(*n.subject));
          for (const auto& item : n.items) {
            out += " " + dump_expression(*item);
          }
          return out + ")";
        } else if constexpr (std::is_same_v<T, is_type>) {
          return fmt::format("({} {} {})", n.negated ? "is-not" : "is", dump_expression(*n.subject), n.type_name);
        } else {
          static_assert(std::is_same_v<T, deduction>);
          return fmt::format("(deduct {} {} {} {} {})", dump_expression(*n.points), dump_expression(*n.step),
                             dump_expression(*n.amount), n.whole_steps ? "whole" : "prorata",
                             optional_expression(n.cap));
        }
      },
      e.node);
}

std::string dump_rules(const rule_file& file) {
  std::string out = header_text(file.header) + "\n";
  for (const auto& d : file.declarations) {
    out += declaration_text(d) + "\n";
  }
  return out;
}

}  // namespace jixiao::dsl
