// How the rule language writes what the syntax tree holds: operators, string literals, dates
// and the words of `check` and `remove`. The formatter (formatter.hpp), which prints rule
// files, and ast_dump.hpp, which prints their meaning, both spell through these, so the text
// the formatter writes and the tree it is checked against cannot drift apart.
#pragma once

#include <string>
#include <string_view>

#include "dsl/ast.hpp"

namespace jixiao::dsl {

// The ASCII spelling, as the bundled rule files write it: `×` is `*`, `≥` is `>=`.
std::string_view operator_text(binary_op op);

// A string literal: in double quotes, with `"`, `\` and newlines escaped as the language does.
std::string quoted(std::string_view value);

// YYYY-MM-DD.
std::string date_text(const date_literal& d);

// The expressions that are one token, as written: `80%` (numbers keep their source text),
// `"text"`, `2021-12-31`, `true`, `inf`, `分值`. A printer visiting an expression can ask
// `requires { token_text(n); }` to handle them all in one branch.
std::string token_text(const number_literal& n);
std::string token_text(const string_literal& s);
std::string token_text(const date_literal& d);
std::string token_text(const bool_literal& b);
std::string token_text(const infinity_literal&);
std::string token_text(const name_ref& n);

// `error`, `warning`, `info`.
std::string_view severity_text(check_severity s);

// `indicator`, `group`, `budget`, `form`.
std::string_view scope_text(check_scope s);

// What follows `remove`: `rule`, `let`, …, `budget rate`, `budget score`, `check`.
std::string_view kind_text(declaration_kind k);

}  // namespace jixiao::dsl
