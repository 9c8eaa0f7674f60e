// The meaning of a rule file as text: its syntax tree, one declaration a line, without spans,
// comments or layout. Two sources mean the same rules exactly when their dumps
// are equal; the formatter checks its own output this way, and the tests use it to state what
// a file parses to.
#pragma once

#include <string>

#include "dsl/ast.hpp"

namespace jixiao::dsl {

// An expression in the language's own spelling with every compound node in parentheses, so
// that the tree can be read off in one line: `1 + 2 * 3` dumps as `(1 + (2 * 3))`, `a.b` as
// `(a.b)`, `-a` as `(-a)`, `if a then b else c` as `(a ? b : c)`. Operators take their ASCII
// spelling (`×` and `*` dump alike); numbers keep their source text (`80%` is not `0.8`);
// strings are quoted with the language's escapes; dates are YYYY-MM-DD.
std::string dump_expression(const expr& e);

// The header, then each declaration, each on its own line as an S-expression:
// `(rule 定性 (otherwise) (judged (band 达成 [80% 100%] (not 未完成))))`.
std::string dump_rules(const rule_file& file);

}  // namespace jixiao::dsl
