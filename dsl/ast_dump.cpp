#include "dsl/ast_dump.hpp"

#include <fmt/format.h>

#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "dsl/spelling.hpp"

namespace jixiao::dsl {

namespace {

std::string optional_expression(const expr_ptr& e) { return e ? dump_expression(*e) : "()"; }

std::string interval_text(const interval& i) {
  return fmt::format("{}{} {}{}", i.lower_closed ? '[' : '(', i.lower ? dump_expression(*i.lower) : "-inf",
                     i.upper ? dump_expression(*i.upper) : "inf", i.upper_closed ? ']' : ')');
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
            out += arm.comparison ? fmt::format(" ({} {} {})", operator_text(*arm.comparison),
                                                dump_expression(*arm.threshold), quoted(arm.label))
                                  : fmt::format(" (else {})", quoted(arm.label));
          }
          return out + ")";
        } else if constexpr (std::is_same_v<T, remove_decl>) {
          return n.name.empty() ? fmt::format("(remove {})", kind_text(n.kind))
                                : fmt::format("(remove {} {})", kind_text(n.kind), n.name);
        } else if constexpr (std::is_same_v<T, include_decl>) {
          return fmt::format("(include {})", quoted(n.path));
        } else {
          static_assert(std::is_same_v<T, check_decl>);
          if (n.severity_only) {
            return fmt::format("({}check {} (severity {}))", override_mark(n.is_override), n.id,
                               severity_text(n.level));
          }
          return fmt::format("({}check {} {} (on {}) (at {}) (when {}) (message {}))", override_mark(n.is_override),
                             n.id, severity_text(n.level), scope_text(n.on), n.cell, optional_expression(n.when),
                             quoted(n.message));
        }
      },
      d);
}

}  // namespace

std::string dump_expression(const expr& e) {
  const auto list = [](const std::vector<expr_ptr>& items) {
    std::string out;
    for (const auto& item : items) {
      out += (out.empty() ? "" : ", ") + dump_expression(*item);
    }
    return out;
  };
  return std::visit(
      [&](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (requires { token_text(n); }) {
          return token_text(n);
        } else if constexpr (std::is_same_v<T, member_access>) {
          return fmt::format("({}.{})", dump_expression(*n.object), n.field);
        } else if constexpr (std::is_same_v<T, call>) {
          return fmt::format("{}({})", n.callee, list(n.args));
        } else if constexpr (std::is_same_v<T, unary>) {
          return fmt::format("({}{})", n.op == unary_op::negate ? "-" : "not ", dump_expression(*n.operand));
        } else if constexpr (std::is_same_v<T, binary>) {
          return fmt::format("({} {} {})", dump_expression(*n.lhs), operator_text(n.op), dump_expression(*n.rhs));
        } else if constexpr (std::is_same_v<T, conditional>) {
          return fmt::format("({} ? {} : {})", dump_expression(*n.condition), dump_expression(*n.then_branch),
                             dump_expression(*n.else_branch));
        } else if constexpr (std::is_same_v<T, in_list>) {
          return fmt::format("({} {}in ({}))", dump_expression(*n.subject), n.negated ? "not " : "", list(n.items));
        } else if constexpr (std::is_same_v<T, is_type>) {
          return fmt::format("({} is {}{})", dump_expression(*n.subject), n.negated ? "not " : "", n.type_name);
        } else {
          static_assert(std::is_same_v<T, deduction>);
          return fmt::format("(deduct {} per {} of {} {}{})", dump_expression(*n.points), dump_expression(*n.step),
                             dump_expression(*n.amount), n.whole_steps ? "whole" : "prorata",
                             n.cap ? " cap " + dump_expression(*n.cap) : "");
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
