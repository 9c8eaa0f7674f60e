// What separates the tokens of a rule file, for code that walks the source text beside the
// grammar: the actions, which trim it from the beginning of spans, the parser's diagnostics
// and the formatter. It reads exactly what the grammar's `sep` matches.
#pragma once

#include <cstddef>
#include <string_view>

namespace jixiao::dsl {

// The byte offset of the first token at or after `offset`: skips whitespace (including U+3000)
// and comments.
inline std::size_t skip_separators(std::string_view text, std::size_t offset) {
  while (offset < text.size()) {
    const char c = text[offset];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++offset;
    } else if (text.substr(offset, 3) == "\xE3\x80\x80") {
      offset += 3;
    } else if (c == '#') {
      const auto eol = text.find('\n', offset);
      offset = eol == std::string_view::npos ? text.size() : eol;
    } else {
      break;
    }
  }
  return offset;
}

}  // namespace jixiao::dsl
