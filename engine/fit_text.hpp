// Text cut to a number of terminal columns, for the tables and lines that show Chinese text:
// the score report's labels and rule names, the cells an explanation quotes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "stdlib/utf8.hpp"

namespace jixiao::engine {

// How `text` fits in `width` columns: whole, taking `used` columns, or cut after its first
// `cut` bytes, which take `used` columns and leave one for "…". Found in one pass over the
// text that stops as soon as the text is known not to fit: the report fits two texts per row,
// and measuring a text first and cutting it afterwards decoded most characters twice.
struct text_fit {
  bool whole = true;
  std::size_t cut = 0;
  std::size_t used = 0;
};

inline text_fit fit_width(std::string_view text, std::size_t width) {
  const std::size_t n = text.size();
  std::size_t used = 0;
  std::size_t i = 0;
  // The cut is before the first character that would leave no column for "…". Runs of
  // ideographs, most of a Chinese label, are measured in a loop of their own.
  bool full = false;
  while (i < n) {
    while (i + 2 < n && utf8::ideograph_at(text, i)) {
      if (used + 3 > width) {
        full = true;
        break;
      }
      used += 2;
      i += 3;
    }
    if (full || i == n) break;
    const auto c = utf8::measure(text, i);
    if (used + c.width + 1 > width) break;
    used += c.width;
    i += c.size;
  }
  if (i == n) return {true, i, used};
  // The rest still fits when it takes no more than the column kept for "…" (a last wide
  // character does not, a combining mark does).
  const text_fit cut{false, i, used};
  while (i < n) {
    const auto c = utf8::measure(text, i);
    used += c.width;
    if (used > width) return cut;
    i += c.size;
  }
  return {true, i, used};
}

// `text` when it takes at most `width` columns, else as much of it as fits before "…" within
// `width` columns (a CJK character takes two, as utf8::display_width counts them).
inline std::string fit_text(std::string_view text, std::size_t width) {
  const text_fit f = fit_width(text, width);
  if (f.whole) return std::string(text);
  std::string out;
  out.reserve(f.cut + 3);
  out.append(text.substr(0, f.cut));
  out += "…";
  return out;
}

}  // namespace jixiao::engine
