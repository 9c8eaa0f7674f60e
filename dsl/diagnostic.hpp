// Structured problems found in a rule file. The library returns them; only the command line
// prints them (see render in diagnostic_render.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"

namespace jixiao::dsl {

enum class severity { error, warning, note };

struct diagnostic_note {
  source_span span;
  std::string message;
  std::string file = {};  // where the note points when that is another file than the diagnostic's
};

struct diagnostic {
  severity level = severity::error;
  std::string file;
  source_span span;
  std::string message;
  std::vector<diagnostic_note> notes;  // e.g. "to match this '(' at 3:14"
  std::string code = {};  // a stable short name of the check, e.g. "unknown-name" (docs/static-checks.md)
};

using diagnostics = std::vector<diagnostic>;

// `file:line:col: error: message`, then the source line and carets under the span, aligned
// by display width (a CJK character takes two columns); each note follows the same way.
// `source` is the full text of the file the diagnostic refers to.
std::string render(const diagnostic& d, std::string_view source);

// Computes the 1-based line and character column of a byte offset into `source`.
source_span span_at(std::string_view source, std::size_t begin, std::size_t end);

}  // namespace jixiao::dsl
