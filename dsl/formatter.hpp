// The canonical layout of rule files (`jixiao fmt`, docs/formatting.md): one layout for every
// file, comments kept where they were, meaning unchanged. Printed from the syntax tree; the
// source text is read only for what the tree leaves out: comments, blank lines between
// declarations, and the parentheses and `if … then … else` the author chose to write.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::dsl {

// A line is broken when it would be wider than this many terminal columns (a CJK character
// takes two, as stdlib/utf8.hpp counts them). Lines break only before the `and` and `or` of
// a condition or value, and between the arms of a grade; a line that has no such place to
// break stays long. Comments and strings are never broken.
inline constexpr std::size_t max_line_width = 120;

// `source` in the canonical layout, or the parser's diagnostics when it does not parse. The
// result is checked to parse to the same syntax tree (ast_dump.hpp) as `source`; should it
// not, an internal error is returned instead of text that would change the rules.
jixiao::expected<std::string, diagnostics> format_rules(std::string_view source, std::string_view path);

// The canonical text of a parsed file. `file.text` must be the text it was parsed from.
std::string format_file(const rule_file& file);

}  // namespace jixiao::dsl
