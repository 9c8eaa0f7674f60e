// Text cut to a number of terminal columns, for the tables and lines that show Chinese text:
// the score report's labels and rule names, the cells an explanation quotes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "stdlib/utf8.hpp"

namespace jixiao::engine {

// `text` when it takes at most `width` columns, else as much of it as fits before "…" within
// `width` columns (a CJK character takes two, as utf8::display_width counts them).
inline std::string fit_text(std::string_view text, std::size_t width) {
  if (utf8::display_width(text) <= width) return std::string(text);
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto d = utf8::decode(text, i);
    const std::size_t w = utf8::display_width(d.cp);
    if (used + w + 1 > width) break;
    out.append(text.substr(i, d.size));
    used += w;
    i += d.size;
  }
  return out + "…";
}

}  // namespace jixiao::engine
