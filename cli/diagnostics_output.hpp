// Printing rule-file diagnostics: the library returns them as data, the program shows them.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "dsl/diagnostic.hpp"

namespace jixiao::cli {

// Renders each diagnostic with its source line and carets to `out`, reading each file once.
// A note that points into another file is shown with that file's line.
void print_diagnostics(const dsl::diagnostics& diags, std::FILE* out);

// The diagnostics as a JSON array, one object per line after `indent`: file, line, column,
// end (the line and column just after the span), severity, code, message and notes (each with
// file, line, column, end and message). Positions are 0 for a problem with the whole file.
std::string diagnostics_json(const dsl::diagnostics& diags, std::string_view indent);

// A JSON string literal, quotes included.
std::string json_quoted(std::string_view text);

// Renders diagnostics about a text already in memory (standard input, a file just read) to `out`.
void print_diagnostics(const dsl::diagnostics& diags, std::string_view source, std::FILE* out);

}  // namespace jixiao::cli
