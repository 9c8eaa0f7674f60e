// Just enough UTF-8 for reading form cells: decoding one code point forwards or backwards,
// and the character classes the value reader needs (spaces, ideographs, punctuation).
// Cells are byte strings throughout and only decoded where a decision depends on the
// character. The diagnostics and reports use it to align Chinese text.
#pragma once

#include <cstddef>
#include <string_view>

namespace jixiao::utf8 {

struct decoded {
  char32_t cp = 0;
  std::size_t size = 0;  // bytes consumed; 0 only at the end of the text
};

// The general case of decode(): two- and four-byte sequences and malformed bytes. Kept out of
// line so that decode() itself stays small enough to be inlined into every scanner.
[[gnu::noinline]] inline decoded decode_general(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return {0xFFFD, 1};
  }
  if (i + n > s.size()) {
    return {0xFFFD, 1};
  }
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      return {0xFFFD, 1};
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms (C0 8D for '\r'), surrogates and code points past U+10FFFF are not UTF-8.
  // Accepting them would let a byte that is not '\r' decode as '\r', and readers that then
  // step over the '\r' byte by byte would not move.
  constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < smallest[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return {0xFFFD, 1};
  }
  return {cp, n};
}

// Malformed bytes decode as U+FFFD one byte at a time, so scanning always advances.
inline decoded decode(std::string_view s, std::size_t i) {
  if (i >= s.size()) {
    return {};
  }
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    return {b0, 1};
  }
  // Chinese text is almost all three-byte sequences: they are decoded here, without the
  // general loop. Reading cells and laying out reports decode every character.
  if ((b0 & 0xF0) == 0xE0 && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      const char32_t cp = (char32_t{b0 & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        return {cp, 3};
      }
      return {0xFFFD, 1};
    }
  }
  return decode_general(s, i);
}

// Terminal columns taken by a character: East Asian wide and full-width characters take two,
// combining marks and zero-width characters none. Used wherever Chinese text is aligned:
// carets under rule-file errors, report tables.
inline std::size_t display_width(char32_t c) {
  // The common cases first: ASCII and the CJK Unified Ideographs.
  if (c < 0x300) {
    return 1;
  }
  if (c >= 0x4E00 && c <= 0x9FFF) {
    return 2;
  }
  // Then the punctuation between labels ("›", "—", "…"): below U+2E80 only the zero-width
  // spaces and joiners differ from one column.
  if (c >= 0x2000 && c < 0x2E80) {
    return c >= 0x200B && c <= 0x200F ? 0 : 1;
  }
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF) {
    return 0;
  }
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
                    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
                    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

struct measured {
  std::size_t width = 0;  // display_width of the character
  std::size_t size = 0;   // its bytes, as decode() reads them
};

// The general case of measure(), out of line so that measure() is inlined into the loops that
// lay out text.
[[gnu::noinline]] inline measured measure_general(std::string_view s, std::size_t i) {
  const decoded d = decode(s, i);
  return {display_width(d.cp), d.size};
}

// Whether the three bytes at `i` (i + 2 < s.size()) are an ideograph U+4E00–U+9FFF: the lead
// byte and the next one from E4 B8 to E9 BF, both next ones continuation bytes (80 to BF),
// tested without branches, as they are all but always true together.
inline bool ideograph_at(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  const unsigned lead = (unsigned{b0} << 8) | b1;
  const bool ideograph = lead - 0xE4B8u <= 0xE9BFu - 0xE4B8u;
  const bool continued = ((b1 ^ 0x80u) | (b2 ^ 0x80u)) < 0x40u;
  return ideograph & continued;
}

// The character at byte `i` (< s.size()) as a terminal shows it: display_width(decode(s, i).cp)
// and decode(s, i).size. ASCII and the ideographs, nearly every character of a report's
// Chinese text, are told by their bytes alone, without assembling the code point and going
// through the width classes.
inline measured measure(std::string_view s, std::size_t i) {
  if (static_cast<unsigned char>(s[i]) < 0x80) {
    return {1, 1};
  }
  if (i + 2 < s.size()) {
    if (ideograph_at(s, i)) {
      return {2, 3};
    }
    // The punctuation between label levels and in figures ("›", "—", "…", "≈"), U+2000 to
    // U+2E7F (E2 80 80 to E2 B9 BF): one column, but none for the zero-width spaces and
    // joiners U+200B to U+200F (E2 80 8B to E2 80 8F).
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 == 0xE2 && b1 >= 0x80 && b1 <= 0xB9 && (b2 & 0xC0) == 0x80) {
      return {b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8F ? 0u : 1u, 3};
    }
  }
  return measure_general(s, i);
}

inline std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++width;
      ++i;
      continue;
    }
    const measured m = measure(s, i);
    width += m.width;
    i += m.size;
  }
  return width;
}

// The code point that ends just before byte `i`; size 0 at the start of the text.
inline decoded decode_before(std::string_view s, std::size_t i) {
  if (i == 0 || i > s.size()) {
    return {};
  }
  std::size_t start = i - 1;
  while (start > 0 && i - start < 4 &&
         (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  const decoded d = decode(s, start);
  if (start + d.size != i) {
    return {0xFFFD, 1};
  }
  return d;
}

inline bool starts_with_at(std::string_view s, std::size_t i, std::string_view prefix) {
  return i <= s.size() && s.substr(i).starts_with(prefix);
}

inline bool ends_with_at(std::string_view s, std::size_t end, std::string_view suffix) {
  return end <= s.size() && s.substr(0, end).ends_with(suffix);
}

// ASCII whitespace, the ideographic (full-width) space and the no-break space: all three
// appear in cells copied out of PDFs and spreadsheets.
inline bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
         cp == 0x3000 || cp == 0x00A0;
}

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

inline bool is_ascii_letter(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

inline bool is_ideograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

// Letters that can be part of a name: ideographs, ASCII and full-width Latin letters.
inline bool is_word_char(char32_t cp) {
  return is_ideograph(cp) || is_ascii_letter(cp) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
         (cp >= 0xFF41 && cp <= 0xFF5A);
}

// The index of the first character at or after `i` that is not a space.
inline std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    const decoded d = decode(s, i);
    if (!is_space(d.cp)) {
      break;
    }
    i += d.size;
  }
  return i;
}

inline std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    const decoded d = decode(s, begin);
    if (!is_space(d.cp)) {
      break;
    }
    begin += d.size;
  }
  std::size_t end = s.size();
  while (end > begin) {
    const decoded d = decode_before(s, end);
    if (!is_space(d.cp)) {
      break;
    }
    end -= d.size;
  }
  return s.substr(begin, end - begin);
}

}  // namespace jixiao::utf8
