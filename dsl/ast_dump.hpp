// The meaning of a rule file as text: its syntax tree as S-expressions, one declaration a line,
// without spans, comments or layout. Two sources mean the same rules exactly when their dumps
// are equal; the formatter checks its own output this way, and the tests use it to state what
// a file parses to.
#pragma once

#include <string>

#include "dsl/ast.hpp"

namespace jixiao::dsl {

// `(rule 定性 (otherwise) (judged (band 达成 [80% 100%] (not (name 未完成)))))`. Operators are
// named, not spelled (`×` and `*` dump alike); numbers keep their source text (`80%` is not
// `0.8`); strings are quoted with the language's escapes.
std::string dump_expression(const expr& e);

// The header, then each declaration, each on its own line.
std::string dump_rules(const rule_file& file);

}  // namespace jixiao::dsl
