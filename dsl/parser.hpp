// The first stage of the pipeline: rule-file text in, typed AST (ast.hpp) or diagnostics out.
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::dsl {

// Parses a whole rule file. `path` is only used to label spans and diagnostics. On failure the
// diagnostics hold every problem found: those that do not stop the parse (a duplicate header
// item, an impossible date) and the first syntax error, which does. Never throws a parse error.
jixiao::expected<rule_file, diagnostics> parse(std::string text, std::string path);

// Reads and parses a file; a file that cannot be read is reported as a diagnostic too.
jixiao::expected<rule_file, diagnostics> parse_file(const std::string& path);

}  // namespace jixiao::dsl
