// Cells, amounts and markers: the entry points of the values family. Dates are found by
// dates.cpp, quantities by units.cpp; this file decides what kind of value a cell holds.
#include "stdlib/values.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "stdlib/utf8.hpp"
#include "stdlib/values_detail.hpp"

namespace jixiao::values {

namespace {

// The header's markers, plus the doubled and en dashes that word processors make of a typed
// "-" or "--", and the Latin N/A.
constexpr auto not_applicable_markers = std::to_array<std::string_view>({
    "不适用", "—", "——", "－", "-", "--", "–", "/", "／", "N/A", "n/a",
});

// Phrases that say the indicator achieved nothing. "未超过" (did not exceed) is deliberately
// absent: "未超过全年预算数" is a good result for a cost ceiling, not a failure.
constexpr auto nothing_phrases = std::to_array<std::string_view>({
    "未完成", "未形成", "未开展", "未达到", "未达成",
    "未实现", "未举办", "未召开", "未启动", "未验收",
});

// Whole cells that mean "none". "无" only counts alone: inside text it starts words such
// as 无人机 and 无投诉.
constexpr auto nothing_cells = std::to_array<std::string_view>({"无", "没有", "暂无", "零"});

// Whether any byte of `word` is `b`: the has-zero-byte test on word XOR b repeated.
constexpr bool has_byte(std::uint64_t word, unsigned char b) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  const std::uint64_t x = word ^ (ones * b);
  return ((x - ones) & ~x & (ones << 7)) != 0;
}

// The text the readers scan. Full-width digits (０-９), typed with a Chinese input method,
// become ASCII so one number scanner serves both. Line breaks next to a Chinese character
// are dropped: text copied out of a PDF table breaks lines inside words and numbers
// ("2000\n家次"), and Chinese puts no spaces between words anyway.
// Most cells need neither change, and are copied as they are without decoding.
bool needs_normalizing(std::string_view text) {
  // Every cell is looked at, so eight bytes at a time while none is a line break or EF (the
  // lead byte of a full-width digit); from the first eight that hold one, byte by byte. Most
  // cells are shorter than eight bytes: the word is padded with zeros, which match neither.
  std::size_t i = 0;
  for (; i < text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, std::min<std::size_t>(sizeof word, text.size() - i));
    if (has_byte(word, '\n') || has_byte(word, '\r') || has_byte(word, 0xEF)) {
      break;
    }
  }
  for (; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n' || b == '\r') {
      return true;
    }
    // U+FF10..U+FF19 are EF BC 90..99 in UTF-8.
    if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
        static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      return true;
    }
  }
  return false;
}

std::string normalize(std::string_view text) {
  if (!needs_normalizing(text)) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const utf8::decoded d = utf8::decode(text, i);
    if (d.cp >= 0xFF10 && d.cp <= 0xFF19) {
      out.push_back(static_cast<char>('0' + (d.cp - 0xFF10)));
    } else if (d.cp == '\n' || d.cp == '\r') {
      std::size_t next = i;
      while (next < text.size() && (text[next] == '\n' || text[next] == '\r')) {
        ++next;
      }
      const char32_t before = utf8::decode_before(text, i).cp;
      const char32_t after = utf8::decode(text, next).cp;
      if (before < 0x80 && after < 0x80) {
        out.push_back(' ');
      }
      i = next;
      continue;
    } else {
      out.append(text.substr(i, d.size));
    }
    i += d.size;
  }
  return out;
}

// The longest whole-cell "none", in bytes: longer text is compared with none of them.
constexpr std::size_t longest_nothing_cell = std::ranges::max(nothing_cells, {}, &std::string_view::size).size();

bool says_nothing(std::string_view text, const cell& c) {
  if (text.size() <= longest_nothing_cell &&
      std::ranges::find(nothing_cells, text) != nothing_cells.end()) {
    return true;
  }
  // Every phrase starts with 未, so a cell without one is spared the ten searches, and the
  // searches start at the first 未.
  if (const std::size_t first = text.find("未"); first != std::string_view::npos) {
    const std::string_view from_first = text.substr(first);
    for (const std::string_view phrase : nothing_phrases) {
      // A phrase opening the cell decides it ("未达到90%" reports a miss, not 90%); further
      // in, it decides only when the cell reports no quantity that could be the result.
      if (text.starts_with(phrase) ||
          (c.quantities.empty() && from_first.find(phrase) != std::string_view::npos)) {
        return true;
      }
    }
  }
  // "0", "0个": a lone zero without a comparator is nothing achieved.
  if (c.quantities.size() == 1) {
    const quantity& q = c.quantities.front();
    return q.op == comparator::none && !q.high && q.value.is_zero() && q.text == text;
  }
  return false;
}

// The longest marker, in bytes: longer text is compared with none of them.
constexpr std::size_t longest_marker = [] {
  std::size_t n = 0;
  for (const std::string_view m : not_applicable_markers) {
    n = std::max(n, m.size());
  }
  return n;
}();

bool is_marker(std::string_view trimmed) {
  return trimmed.empty() ||
         (trimmed.size() <= longest_marker &&
          std::ranges::find(not_applicable_markers, trimmed) != not_applicable_markers.end());
}

// utf8::trim, without decoding when neither end can be a space: a space's first byte is ASCII
// whitespace, C2 (U+00A0) or E3 (U+3000), and its last byte ASCII whitespace, A0 or 80.
// Almost every cell starts and ends with a character that is none of these.
// Inlined: called for every cell and amount, it costs less than the call itself.
[[gnu::always_inline]] inline std::string_view trim_cell(std::string_view text) {
  const auto ascii_space = [](unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); };
  if (!text.empty()) {
    const auto first = static_cast<unsigned char>(text.front());
    const auto last = static_cast<unsigned char>(text.back());
    if (!ascii_space(first) && first != 0xC2 && first != 0xE3 && !ascii_space(last) && last != 0xA0 &&
        last != 0x80) {
      return text;
    }
  }
  return utf8::trim(text);
}

// A plain figure of at most 16 digits ("498.000000", "97.7", "10"): its digits and how many
// follow the point. Nearly every numeric form field is one; its digits over a power of ten
// make the same decimal as decimal::parse, without its checks. Anything else (signs, "5.", ".5", longer
// figures) is left to decimal::parse and its messages.
struct figure {
  std::int64_t digits = 0;
  int decimals = 0;
};

std::optional<figure> short_figure(std::string_view text) {
  constexpr std::size_t most_digits = 16;
  figure f;
  std::size_t count = 0;
  std::size_t point = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (utf8::is_digit(text[i])) {
      if (++count > most_digits) {
        return std::nullopt;
      }
      f.digits = f.digits * 10 + (text[i] - '0');
    } else if (text[i] == '.' && point == std::string_view::npos) {
      point = i;
    } else {
      return std::nullopt;
    }
  }
  if (count == 0 || point == 0 || (point != std::string_view::npos && point + 1 == text.size())) {
    return std::nullopt;
  }
  f.decimals = point == std::string_view::npos ? 0 : static_cast<int>(text.size() - point - 1);
  return f;
}

}  // namespace

bool is_not_applicable_marker(std::string_view text) {
  const std::string_view trimmed = trim_cell(text);
  return trimmed.empty() ||
         std::ranges::find(not_applicable_markers, trimmed) != not_applicable_markers.end();
}

expected<amount, std::string> parse_amount(std::string_view text) {
  const std::string_view trimmed = trim_cell(text);
  const auto fail = [&] {
    return unexpected(
        fmt::format("expected a number such as 7.47 or 74.69%, got \"{}\"", trimmed));
  };
  amount result;
  std::string_view number = trimmed;
  for (const std::string_view sign : {std::string_view("%"), std::string_view("％")}) {
    if (number.ends_with(sign)) {
      number.remove_suffix(sign.size());
      number = trim_cell(number);
      result.percent = true;
      break;
    }
  }
  // Thousands separators ("8,108,600.00") are accepted only where they group by three, so
  // a stray comma is still an error.
  std::string digits;
  const std::size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  if (whole.find(',') != std::string_view::npos) {
    std::size_t start = whole.find_first_of("0123456789");
    if (start == std::string_view::npos) {
      return fail();
    }
    std::size_t group = 0;
    bool first = true;
    for (std::size_t i = start; i <= whole.size(); ++i) {
      if (i == whole.size() || whole[i] == ',') {
        if (group == 0 || group > 3 || (!first && group != 3)) {
          return fail();
        }
        first = false;
        group = 0;
      } else {
        ++group;
      }
    }
    digits.reserve(number.size());
    for (const char c : number) {
      if (c != ',') {
        digits.push_back(c);
      }
    }
    number = digits;
  }
  if (const auto figure = short_figure(number)) {
    // Divided by 100 in the same step when it is a percent.
    result.value = decimal::from_digits(figure->digits, figure->decimals + (result.percent ? 2 : 0));
  } else {
    auto parsed = decimal::parse(number);
    if (!parsed) {
      // The digit-limit messages are more precise than "expected a number".
      if (parsed.error().starts_with("number too")) {
        return unexpected(std::move(parsed.error()));
      }
      return fail();
    }
    result.value = result.percent ? *parsed / decimal::from_int(100) : *parsed;
  }
  const std::size_t dot = number.find('.');
  result.decimals = dot == std::string_view::npos ? 0 : static_cast<int>(number.size() - dot - 1);
  return result;
}

namespace {

// parse_cell_into; `shortcut` says whether a lone figure may be read by find_lone_quantity.
bool read_cell(std::string_view text, int form_year, cell& out, bool shortcut) {
  // Everything `out` held goes, its memory stays. The text is copied first and read from the
  // copy, so `text` may even be a view into out.text.
  out.text.assign(trim_cell(text));
  out.quantities.clear();
  out.dates.clear();
  const std::string_view trimmed = out.text;
  if (trimmed.empty()) {
    out.kind = cell_kind::absent;
    return false;
  }
  if (is_marker(trimmed)) {
    out.kind = cell_kind::not_applicable;
    return false;
  }

  // Most cells that miss the cell cache are a figure that varies from form to form, alone
  // or with its unit ("96.7%", "60期"): read without the normalizing, date and noun scans
  // that cannot find anything in them.
  if (shortcut && detail::find_lone_quantity(trimmed, out.quantities)) {
    out.kind = says_nothing(trimmed, out) ? cell_kind::nothing : cell_kind::quantity;
    return false;
  }

  // Most cells are read as they are (no copy to normalize) and hold no date (no copy to
  // blank one out).
  std::string normalized;
  std::string_view work = trimmed;
  if (needs_normalizing(work)) {
    normalized = normalize(work);
    work = normalized;
  }
  bool used_form_year = false;
  std::vector<detail::found_date> found = detail::find_dates(work, form_year, used_form_year);
  if (found.empty()) {
    detail::find_quantities(work, out.quantities);
  } else {
    out.dates.reserve(found.size());
    // One buffer per thread for the blanked copy: most dated cells are too long for a
    // string's inline bytes, and each would allocate.
    thread_local std::string blanked;
    blanked.assign(work);
    for (detail::found_date& f : found) {
      std::fill(blanked.begin() + static_cast<std::ptrdiff_t>(f.begin),
                blanked.begin() + static_cast<std::ptrdiff_t>(f.end), detail::blank);
      out.dates.push_back(std::move(f.value));
    }
    detail::find_quantities(blanked, out.quantities);
  }

  if (says_nothing(work, out)) {
    out.kind = cell_kind::nothing;
  } else if (!out.quantities.empty()) {
    out.kind = cell_kind::quantity;
  } else if (!out.dates.empty()) {
    out.kind = cell_kind::date;
  } else {
    out.kind = cell_kind::text;
  }
  return used_form_year;
}

}  // namespace

bool parse_cell_into(std::string_view text, int form_year, cell& out) {
  return read_cell(text, form_year, out, true);
}

namespace detail {

bool parse_cell_general_into(std::string_view text, int form_year, cell& out) {
  return read_cell(text, form_year, out, false);
}

}  // namespace detail

cell parse_cell(std::string_view text, int form_year) {
  cell c;
  parse_cell_into(text, form_year, c);
  return c;
}

}  // namespace jixiao::values
