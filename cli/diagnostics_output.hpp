// Printing rule-file diagnostics: the library returns them as data, the program shows them.
#pragma once

#include <cstdio>

#include "dsl/diagnostic.hpp"

namespace jixiao::cli {

// Renders each diagnostic with its source line and carets to `out`, reading each file once.
void print_diagnostics(const dsl::diagnostics& diags, std::FILE* out);

}  // namespace jixiao::cli
