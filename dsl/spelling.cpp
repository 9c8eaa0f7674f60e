#include "dsl/spelling.hpp"

#include <fmt/format.h>

namespace jixiao::dsl {

std::string_view operator_text(binary_op op) {
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

std::string date_text(const date_literal& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

std::string token_text(const number_literal& n) { return n.text + (n.percent ? "%" : ""); }
std::string token_text(const string_literal& s) { return quoted(s.value); }
std::string token_text(const date_literal& d) { return date_text(d); }
std::string token_text(const bool_literal& b) { return b.value ? "true" : "false"; }
std::string token_text(const infinity_literal&) { return "inf"; }
std::string token_text(const name_ref& n) { return n.name; }

std::string_view severity_text(check_severity s) {
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

std::string_view scope_text(check_scope s) {
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

std::string_view kind_text(declaration_kind k) {
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
      return "budget rate";
    case declaration_kind::budget_score:
      return "budget score";
    case declaration_kind::check:
      return "check";
  }
  return "?";
}

}  // namespace jixiao::dsl
