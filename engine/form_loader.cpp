// Reads `jixiao.form/1` documents (docs/form-format.md) into engine::form.
//
// simdjson's On Demand API is used because it hands out the raw text of every number token:
// a figure such as 498.000000 or 7.47 goes from that text straight to values::parse_amount and
// never passes through a double. The walk is a single forward pass over the document; each
// object is read against a table of its keys (English names and their Chinese aliases), which
// is also where unknown keys, duplicate keys and typo suggestions are decided. The first
// problem ends the load and comes back as a form_error naming the JSON path.

// The error-code API is the only one used here; turning the exception API off makes the
// compiler reject any accidental use of a throwing accessor.
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/form.hpp"
#include "engine/spare_elements.hpp"
#include "stdlib/values.hpp"

namespace jixiao::engine {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view form_schema = "jixiao.form/1";
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view number_expected = "expected a number such as 7.47 or 74.69%, got ";

using step = expected<void, form_error>;

// The loader's own wording for a cell that is not a number, so that a JSON number is shown
// as written (without quotes); parse_amount's reason is kept when it says more than that,
// such as a number with too many digits for an exact decimal.
std::string number_message(const std::string& shown, const std::string& reason) {
  std::string message = std::string(number_expected) + shown;
  if (!reason.starts_with("expected a number")) message += " (" + reason + ")";
  return message;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

[[gnu::always_inline]] inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Trims ASCII white space, the ideographic space U+3000 and the no-break space U+00A0, all of
// which appear around cells copied out of the official templates.
std::string_view trim_spaces(std::string_view text);

// Almost every cell is already trimmed: its first and last bytes start no space. That test is
// kept apart from the loop so that it is inlined where cells are read.
[[gnu::always_inline]] inline std::string_view trim(std::string_view text) {
  if (text.empty()) return text;
  const char first = text.front();
  const char last = text.back();
  const bool may_start_space = is_json_space(first) || first == '\xE3' || first == '\xC2';
  const bool may_end_space = is_json_space(last) || last == '\x80' || last == '\xA0';
  if (!may_start_space && !may_end_space) return text;
  return trim_spaces(text);
}

std::string_view trim_spaces(std::string_view text) {
  constexpr std::string_view wide_space = "\xE3\x80\x80";
  constexpr std::string_view no_break_space = "\xC2\xA0";
  for (bool changed = true; changed;) {
    changed = false;
    while (!text.empty() && is_json_space(text.front())) {
      text.remove_prefix(1);
      changed = true;
    }
    while (!text.empty() && is_json_space(text.back())) {
      text.remove_suffix(1);
      changed = true;
    }
    for (std::string_view space : {wide_space, no_break_space}) {
      if (text.starts_with(space)) {
        text.remove_prefix(space.size());
        changed = true;
      }
      if (text.ends_with(space)) {
        text.remove_suffix(space.size());
        changed = true;
      }
    }
  }
  return text;
}

// Decodes UTF-8 that simdjson has already validated.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? lead : length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += length;
  }
  return out;
}

// The offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF included), so that the error can point at
// it; simdjson only says that the input is not valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
      ++i;
    } else if (lead >= 0xC2 && lead <= 0xDF && continuation(i + 1)) {
      i += 2;
    } else if (lead >= 0xE0 && lead <= 0xEF && continuation(i + 1) && continuation(i + 2)) {
      const unsigned char second = byte(i + 1);
      if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0)) return i;
      i += 3;
    } else if (lead >= 0xF0 && lead <= 0xF4 && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
      const unsigned char second = byte(i + 1);
      if ((lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return std::nullopt;
}

// Levenshtein distance over code points, so that one mistyped Chinese character counts as one
// edit, like one mistyped letter.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A string as shown inside a message: quoted, with quotes and backslashes escaped, and cut
// after 40 characters so that a pasted paragraph does not swamp the message.
std::string quote(std::string_view text) {
  constexpr std::size_t shown = 40;
  std::string out = "\"";
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && count++ == shown) {
      out += "…";
      break;
    }
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

// Whether two texts are equal, compared inline as two overlapping 64-bit words when they are
// 8 to 16 bytes long, as most labels are, rather than by a call to memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const std::size_t size = a.size();
  if (size < 8 || size > 16) return a == b;
  std::uint64_t a_head = 0, a_tail = 0, b_head = 0, b_tail = 0;
  std::memcpy(&a_head, a.data(), 8);
  std::memcpy(&a_tail, a.data() + size - 8, 8);
  std::memcpy(&b_head, b.data(), 8);
  std::memcpy(&b_tail, b.data() + size - 8, 8);
  return a_head == b_head && a_tail == b_tail;
}

// Copies `size` bytes, at most 32, as two overlapping blocks of the largest size that fits:
// most cells are that short, and a call to memcpy costs more than the copy.
[[gnu::always_inline]] inline void copy_short(char* to, const char* from, std::size_t size) {
  const auto copy_twice = [&]<std::size_t block>() {
    std::array<char, block> head, tail;
    std::memcpy(head.data(), from, block);
    std::memcpy(tail.data(), from + size - block, block);
    std::memcpy(to, head.data(), block);
    std::memcpy(to + size - block, tail.data(), block);
  };
  if (size >= 16) {
    copy_twice.template operator()<16>();
  } else if (size >= 8) {
    copy_twice.template operator()<8>();
  } else if (size >= 4) {
    copy_twice.template operator()<4>();
  } else {
    for (std::size_t i = 0; i < size; ++i) to[i] = from[i];
  }
}

// A field growing to hold a longer text than it has held before: rare once a corpus thread has
// seen a few forms, and kept out of assign_text so that its copy needs no stack frame.
[[gnu::noinline]] void assign_growing(std::string& out, std::string_view text) { out.assign(text); }

// Copies a cell into a field whose capacity is usually enough already (corpus mode reuses its
// forms). Flattened, so that resize_and_overwrite, which GCC keeps out of line, is inlined here
// and the copy costs a call and a few moves rather than std::string::assign's general path
// and a call to memcpy.
[[gnu::flatten]] void assign_text(std::string& out, std::string_view text) {
  const std::size_t size = text.size();
  if (size > out.capacity()) {
    assign_growing(out, text);
    return;
  }
  out.resize_and_overwrite(size, [&](char* to, std::size_t) {
    if (size <= 32) {
      copy_short(to, text.data(), size);
    } else {
      std::memcpy(to, text.data(), size);
    }
    return size;
  });
}

// Whether `text`, a string token of a document with simdjson's padding after it, holds a
// backslash: sixteen bytes at a time with SSE2 (every x86-64 has it), reading up to 15 bytes
// past the token, which the padding allows; memchr elsewhere. Most cells are shorter than a
// call to memchr costs.
[[gnu::always_inline]] inline bool has_backslash(std::string_view text) {
#if defined(__SSE2__)
  const __m128i backslash = _mm_set1_epi8('\\');
  for (std::size_t at = 0; at < text.size(); at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    auto found = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, backslash)));
    if (text.size() - at < 16) found &= (1u << (text.size() - at)) - 1;
    if (found != 0) return true;
  }
  return false;
#else
  return std::memchr(text.data(), '\\', text.size()) != nullptr;
#endif
}

// Copies `text`, the content of a string token of a document with simdjson's padding after it,
// into `out` when it holds no backslash; false, with `out` as it was, when it holds one. A text of
// up to 32 bytes, as almost every cell is, is tested and copied in the same one or two 16-byte
// blocks: the padding allows reading past the token, and a string always has room for 15 bytes
// and its terminator, so a shorter text is stored as one whole block of which only `size` bytes
// count. Testing first and copying then loaded every byte twice and branched on the size twice.
// Flattened and out of line, like assign_text, so that each field that reads text holds a call;
// longer texts take copy_plain_long, so that the short path needs no registers saved.
bool copy_plain_long(std::string_view text, std::string& out);

[[gnu::flatten]] bool copy_plain(std::string_view text, std::string& out) {
  const std::size_t size = text.size();
#if defined(__SSE2__)
  constexpr std::size_t block = 16;
  constexpr std::size_t room = 15;  // the least capacity of a std::string
  if (size <= 2 * block && size <= out.capacity()) {
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i head = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data()));
    if (size < block) {
      const auto found = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(head, backslash))) & ((1u << size) - 1);
      if (found != 0) return false;
      // resize_and_overwrite(n) lets the operation write n bytes and the terminator's place. Its
      // path for a string that must grow is never taken here; saying so keeps it out of the code.
      if (out.capacity() < room) std::unreachable();
      out.resize_and_overwrite(room, [&](char* to, std::size_t) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to), head);
        return size;
      });
      return true;
    }
    const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + size - block));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(head, backslash), _mm_cmpeq_epi8(tail, backslash))) != 0) {
      return false;
    }
    if (out.capacity() < size) std::unreachable();
    out.resize_and_overwrite(size, [&](char* to, std::size_t) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(to), head);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(to + size - block), tail);
      return size;
    });
    return true;
  }
#endif
  return copy_plain_long(text, out);
}

// assign_text, called rather than inlined into a flattened caller whose short path it would
// otherwise burden with saved registers.
[[gnu::noinline]] void assign_text_apart(std::string& out, std::string_view text) { assign_text(out, text); }

// assign_text for a text followed in memory by at least 16 readable bytes, such as a figure in a
// document with simdjson's padding after it: one shorter than 16 bytes is copied as one whole
// 16-byte block, as copy_plain copies it.
[[gnu::flatten]] void assign_readable(std::string& out, std::string_view text) {
#if defined(__SSE2__)
  constexpr std::size_t block = 16;
  constexpr std::size_t room = 15;  // the least capacity of a std::string
  if (text.size() < block) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data()));
    if (out.capacity() < room) std::unreachable();
    out.resize_and_overwrite(room, [&](char* to, std::size_t) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(to), bytes);
      return text.size();
    });
    return;
  }
#endif
  assign_text_apart(out, text);
}

[[gnu::noinline]] bool copy_plain_long(std::string_view text, std::string& out) {
#if defined(__SSE2__)
  // Up to 64 bytes (a sentence of reasons) in four blocks, the last two overlapping the first.
  constexpr std::size_t block = 16;
  const std::size_t size = text.size();
  if (size > 2 * block && size <= 4 * block && size <= out.capacity()) {
    const __m128i backslash = _mm_set1_epi8('\\');
    const auto load = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at)); };
    const __m128i first = load(0), second = load(block), third = load(size - 2 * block), fourth = load(size - block);
    const __m128i found = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(first, backslash), _mm_cmpeq_epi8(second, backslash)),
                                       _mm_or_si128(_mm_cmpeq_epi8(third, backslash), _mm_cmpeq_epi8(fourth, backslash)));
    if (_mm_movemask_epi8(found) != 0) return false;
    if (out.capacity() < size) std::unreachable();
    out.resize_and_overwrite(size, [&](char* to, std::size_t) {
      const auto store = [&](std::size_t at, __m128i bytes) { _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), bytes); };
      store(0, first);
      store(block, second);
      store(size - 2 * block, third);
      store(size - block, fourth);
      return size;
    });
    return true;
  }
#endif
  if (has_backslash(text)) return false;
  assign_text(out, text);
  return true;
}

// RFC 8259 number grammar. simdjson does not check a number until it is converted, and the
// loader never converts through simdjson, so the token is checked here.
bool is_json_number(std::string_view token) {
  std::size_t i = 0;
  const auto digit = [&] { return i < token.size() && token[i] >= '0' && token[i] <= '9'; };
  if (i < token.size() && token[i] == '-') ++i;
  if (!digit()) return false;
  if (token[i] == '0') {
    ++i;
  } else {
    while (digit()) ++i;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (!digit()) return false;
    while (digit()) ++i;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digit()) return false;
    while (digit()) ++i;
  }
  return i == token.size();
}

// A figure written plainly — digits with at most one decimal point, an optional leading minus
// and an optional trailing % — read as parse_amount reads it, without its general steps
// (Unicode trimming, thousands separators, a message prepared for failure): almost every
// figure on a form is written so. False for anything else, which the caller hands to
// parse_amount; also false when the digits might not fit in 64 bits, so that the digit limits
// keep their messages. Such a text holds a digit, so it is never a not-applicable marker. On
// success the cell's status, value, percent sign and decimals are set; on failure it is left
// as it was.
[[gnu::always_inline]] inline bool plain_amount(std::string_view text, number_cell& cell) {
  constexpr int max_plain_digits = 18;  // 10^18 fits in an int64_t
  std::size_t i = 0;
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) ++i;
  std::size_t end = text.size();
  const bool percent = end > i && text[end - 1] == '%';
  if (percent) --end;
  std::uint64_t digits = 0;
  int count = 0;
  std::size_t point = std::string_view::npos;
  for (std::size_t k = i; k < end; ++k) {
    const char c = text[k];
    if (c >= '0' && c <= '9') {
      if (++count > max_plain_digits) return false;
      digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
    } else if (c == '.' && point == std::string_view::npos) {
      point = k;
    } else {
      return false;
    }
  }
  // decimal::parse wants a digit on both sides of the point.
  if (count == 0 || point == i || point + 1 == end) return false;
  const int decimals = point == std::string_view::npos ? 0 : static_cast<int>(end - point - 1);
  // The value is digits / 10^scale. Trailing zeros (498.000000) come off first, which leaves
  // most figures whole; the rest is reduced by decimal::from_digits, to the same normalized
  // fraction that parse_amount gives.
  int scale = decimals + (percent ? 2 : 0);
  while (scale > 0 && digits % 10 == 0 && digits != 0) {
    digits /= 10;
    --scale;
  }
  if (digits == 0) scale = 0;
  if (scale > max_plain_digits) return false;
  const auto numerator = negative ? -static_cast<std::int64_t>(digits) : static_cast<std::int64_t>(digits);
  cell.value = scale == 0 ? decimal::from_int(numerator) : decimal::from_digits(numerator, scale);
  cell.status = number_cell::state::number;
  cell.percent = percent;
  cell.decimals = decimals;
  return true;
}

// A JSON path such as indicators[12].weight, kept as a chain of stack frames and turned
// into text only when a message or an element's `path` needs it: almost every value reads
// without error, and formatting a path for each would cost more than reading the value.
struct json_path {
  const json_path* parent = nullptr;
  std::string_view key;              // a member's key (the table's text, or the key as written)
  // An array element's index, or no_index for a member: a plain number rather than an
  // optional keeps paths small, and one is made for every value read.
  static constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();
  std::size_t index = no_index;
  std::string_view text;  // the whole path as text, when already formatted
  // Whether `text` starts a buffer of at least 16 readable bytes (read_array's), so that a short
  // one can be copied as one block.
  bool text_in_block = false;

  json_path member(std::string_view name) const { return json_path{this, name, no_index, {}}; }
  json_path element(std::size_t i) const { return json_path{this, {}, i, {}}; }
  // Every indicator keeps its path, so this runs once per indicator: formatting on the stack
  // and copying once costs a fraction of joining a string per level.
  std::string str() const {
    std::string out;
    assign_to(out);
    return out;
  }
  void assign_to(std::string& out) const {
    if (text_in_block) {
      assign_readable(out, text);
      return;
    }
    if (!text.empty()) {
      assign_text(out, text);
      return;
    }
    std::array<char, 128> buffer;
    std::size_t size = 0;
    if (format(buffer, size)) {
      assign_text(out, std::string_view(buffer.data(), size));
      return;
    }
    out.clear();
    append_to(out);
  }
  // Appends this path to `buffer`; false when it does not fit (a long unknown key).
  bool format(std::array<char, 128>& buffer, std::size_t& size) const {
    if (!text.empty()) {
      if (buffer.size() - size < text.size()) return false;
      std::memcpy(buffer.data() + size, text.data(), text.size());
      size += text.size();
      return true;
    }
    if (parent != nullptr && !parent->format(buffer, size)) return false;
    if (index != no_index) {
      if (buffer.size() - size < std::numeric_limits<std::size_t>::digits10 + 3) return false;
      buffer[size++] = '[';
      // The digits end one byte before the buffer does, so the ']' always fits (which GCC's
      // -O3 overflow warning cannot tell from the size check above).
      const auto [end, ec] = std::to_chars(buffer.data() + size, buffer.data() + buffer.size() - 1, index);
      if (ec != std::errc{}) return false;
      size = static_cast<std::size_t>(end - buffer.data());
      buffer[size++] = ']';
    } else if (!key.empty()) {
      const std::size_t dot = size != 0 ? 1 : 0;
      if (buffer.size() - size < dot + key.size()) return false;
      if (dot != 0) buffer[size++] = '.';
      std::memcpy(buffer.data() + size, key.data(), key.size());
      size += key.size();
    }
    return true;
  }
  void append_to(std::string& out) const {
    if (!text.empty()) {
      out += text;
      return;
    }
    if (parent != nullptr) parent->append_to(out);
    if (index != no_index) {
      char digits[std::numeric_limits<std::size_t>::digits10 + 1];
      const char* end = std::to_chars(std::begin(digits), std::end(digits), index).ptr;
      out += '[';
      out.append(digits, static_cast<std::size_t>(end - digits));
      out += ']';
    } else if (!key.empty()) {
      if (!out.empty()) out += '.';
      out += key;
    }
  }
};

// "产出指标（50分）" and "产出指标(50分)" → {"产出指标", 50}. A label whose parentheses hold
// anything but a number of points is kept whole.
std::pair<std::string, std::optional<decimal>> split_level1(std::string_view label) {
  const std::string_view text = trim(label);
  std::string_view rest = text;
  if (rest.ends_with("）")) {
    rest.remove_suffix(std::string_view("）").size());
  } else if (rest.ends_with(")")) {
    rest.remove_suffix(1);
  } else {
    return {std::string(text), std::nullopt};
  }
  const std::size_t wide_open = rest.rfind("（");
  const std::size_t narrow_open = rest.rfind('(');
  std::size_t open = std::string_view::npos;
  std::size_t open_size = 0;
  if (wide_open != std::string_view::npos && (narrow_open == std::string_view::npos || wide_open > narrow_open)) {
    open = wide_open;
    open_size = std::string_view("（").size();
  } else if (narrow_open != std::string_view::npos) {
    open = narrow_open;
    open_size = 1;
  }
  if (open == std::string_view::npos) return {std::string(text), std::nullopt};
  std::string_view inner = trim(rest.substr(open + open_size));
  if (!inner.ends_with("分")) return {std::string(text), std::nullopt};
  inner.remove_suffix(std::string_view("分").size());
  const auto weight = decimal::parse(trim(inner));
  const std::string_view name = trim(rest.substr(0, open));
  if (!weight || name.empty()) return {std::string(text), std::nullopt};
  return {std::string(name), *weight};
}

// ---------------------------------------------------------------------------------------------
// Where broken JSON goes wrong. simdjson finds some faults (an unclosed string, a raw line
// break inside a string, a missing closing brace) while indexing the whole buffer, before any
// position is known; this scan, run only after such a failure, finds the position to report.

struct structure_scan {
  std::optional<std::size_t> unclosed_string;  // the opening quote of a string never closed
  std::optional<std::size_t> control_char;     // the first raw control character in a string
  std::optional<std::size_t> broken_string;    // the opening quote of the string holding it
  std::vector<std::size_t> open_brackets;      // { and [ never closed, outermost first
  std::optional<std::size_t> after_root;       // the first byte after the root value closed
};

structure_scan scan_structure(std::string_view text) {
  structure_scan scan;
  bool in_string = false;
  bool root_closed = false;
  std::size_t string_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      } else if (static_cast<unsigned char>(c) < 0x20 && !scan.control_char) {
        scan.control_char = i;
        scan.broken_string = string_start;
      }
      continue;
    }
    if (root_closed) {
      if (!is_json_space(c)) {
        scan.after_root = i;
        break;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      string_start = i;
    } else if (c == '{' || c == '[') {
      scan.open_brackets.push_back(i);
    } else if ((c == '}' || c == ']') && !scan.open_brackets.empty()) {
      scan.open_brackets.pop_back();
      root_closed = scan.open_brackets.empty();
    }
  }
  if (in_string) scan.unclosed_string = string_start;
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Key tables. Each object of the format has an enum of its keys and a table of the ways each
// key may be written; the first spelling of a key is its English name, which paths use.

// A key is first compared where it lies in the input, as one 64-bit word holding its first
// eight bytes, or all of it and its closing quote when it is shorter: most keys are then told
// apart in one comparison per table entry, without finding the end of the key first. The
// probe is those bytes as the text would give them, and the mask of the bytes that count.
struct key_probe {
  std::uint64_t bytes = 0;
  std::uint64_t mask = 0;
};

constexpr key_probe probe_of(std::string_view text) {
  std::array<unsigned char, 8> bytes{};
  std::array<unsigned char, 8> mask{};
  for (std::size_t i = 0; i < bytes.size() && i <= text.size(); ++i) {
    bytes[i] = i < text.size() ? static_cast<unsigned char>(text[i]) : '"';
    mask[i] = 0xFF;
  }
  return {std::bit_cast<std::uint64_t>(bytes), std::bit_cast<std::uint64_t>(mask)};
}

template <class key>
struct key_name {
  constexpr key_name(std::string_view spelling, key of) : text(spelling), kind(of), probe(probe_of(spelling)) {}
  std::string_view text;
  key kind;
  key_probe probe;
  // The key's English name, which paths use (filled in by with_english): read from the entry
  // matched, rather than through its kind from the table's entry for that kind, which made each
  // field wait for two loads in a row.
  std::string_view english;
};

// The index of the entry of `table` that the key starting at `raw` (just after its opening
// quote) spells without escapes, or the table's size. The input has simdjson's padding after
// it, so eight bytes can be read from any key; a key that holds an escape, or is not in the
// table, gives no entry and is then unescaped and looked up as written.
//
// The entry at `hint`, the one the caller expects, is tried first. No table spells two keys
// alike (checked below), so the order in which entries are tried does not change what is
// found.
template <class key, std::size_t size>
[[gnu::always_inline]] inline std::size_t match_raw_key(const std::array<key_name<key>, size>& table, const char* raw,
                                                        std::size_t hint) {
  std::uint64_t word = 0;
  std::memcpy(&word, raw, sizeof word);
  const auto matches = [&](const key_name<key>& entry) {
    if ((word & entry.probe.mask) != entry.probe.bytes) return false;
    const std::size_t length = entry.text.size();
    return length < sizeof word ||
           (std::memcmp(raw + sizeof word, entry.text.data() + sizeof word, length - sizeof word) == 0 &&
            raw[length] == '"');
  };
  if (hint < size && matches(table[hint])) return hint;
  for (std::size_t i = 0; i < size; ++i) {
    if (matches(table[i])) return i;
  }
  return size;
}

template <class key, std::size_t size>
constexpr bool unique_spellings(const std::array<key_name<key>, size>& table) {
  for (std::size_t i = 0; i < size; ++i) {
    for (std::size_t j = i + 1; j < size; ++j) {
      if (table[i].text == table[j].text) return false;
    }
  }
  return true;
}

// No object of the format has more keys than this.
constexpr std::size_t max_keys = 20;

template <class key>
constexpr std::size_t key_index(key kind) {
  return static_cast<std::size_t>(kind);
}

// Each table starts with the English names in the order of its enum (checked below), so that
// a key's English name is found by its index rather than by a search for every field read.
template <class key, std::size_t size>
constexpr bool english_names_first(const std::array<key_name<key>, size>& table) {
  for (const auto& entry : table) {
    if (key_index(entry.kind) >= size || table[key_index(entry.kind)].kind != entry.kind) return false;
  }
  return true;
}

template <class key, std::size_t size>
std::string_view english_name(const std::array<key_name<key>, size>& table, key kind) {
  return table[key_index(kind)].text;
}

template <class key, std::size_t size>
constexpr std::array<key_name<key>, size> with_english(std::array<key_name<key>, size> table) {
  for (auto& entry : table) entry.english = table[key_index(entry.kind)].text;
  return table;
}

// The keys an object gave, with the spelling used (as 1 + its index in the key table, 0 when
// not given), for duplicate and missing-key messages. Bytes rather than the spellings' text
// keep clearing it cheap: it is made for every object read.
template <class key>
struct given_keys {
  std::array<std::uint8_t, max_keys> spelling{};
  bool has(key kind) const { return spelling[key_index(kind)] != 0; }
};

// One spelling per line keeps the tables below readable as tables.
// clang-format off
enum class form_key {
  schema, id, source, notes, year, jurisdiction, project, department, unit, leader, phone,
  money_unit, budget, goals, indicators, groups, total,
};
constexpr auto form_keys = with_english(std::array{
    key_name<form_key>{"schema", form_key::schema},
    key_name<form_key>{"id", form_key::id},
    key_name<form_key>{"source", form_key::source},
    key_name<form_key>{"notes", form_key::notes},
    key_name<form_key>{"year", form_key::year},
    key_name<form_key>{"jurisdiction", form_key::jurisdiction},
    key_name<form_key>{"project", form_key::project},
    key_name<form_key>{"department", form_key::department},
    key_name<form_key>{"unit", form_key::unit},
    key_name<form_key>{"leader", form_key::leader},
    key_name<form_key>{"phone", form_key::phone},
    key_name<form_key>{"money_unit", form_key::money_unit},
    key_name<form_key>{"budget", form_key::budget},
    key_name<form_key>{"goals", form_key::goals},
    key_name<form_key>{"indicators", form_key::indicators},
    key_name<form_key>{"groups", form_key::groups},
    key_name<form_key>{"total", form_key::total},
    key_name<form_key>{"项目名称", form_key::project},
    key_name<form_key>{"主管部门", form_key::department},
    key_name<form_key>{"实施单位", form_key::unit},
    key_name<form_key>{"项目负责人", form_key::leader},
    key_name<form_key>{"联系电话", form_key::phone},
    key_name<form_key>{"年度", form_key::year},
    key_name<form_key>{"实施年度", form_key::year},
    key_name<form_key>{"地区", form_key::jurisdiction},
    key_name<form_key>{"金额单位", form_key::money_unit},
    key_name<form_key>{"项目资金", form_key::budget},
    key_name<form_key>{"年度总体目标", form_key::goals},
    key_name<form_key>{"绩效指标", form_key::indicators},
    key_name<form_key>{"指标组", form_key::groups},
    key_name<form_key>{"总分", form_key::total},
});

enum class budget_key { weight, rate, score, rows };
constexpr auto budget_keys = with_english(std::array{
    key_name<budget_key>{"weight", budget_key::weight},
    key_name<budget_key>{"rate", budget_key::rate},
    key_name<budget_key>{"score", budget_key::score},
    key_name<budget_key>{"rows", budget_key::rows},
    key_name<budget_key>{"分值", budget_key::weight},
    key_name<budget_key>{"执行率", budget_key::rate},
    key_name<budget_key>{"得分", budget_key::score},
    key_name<budget_key>{"明细", budget_key::rows},
});

enum class row_key { name, initial, annual, executed, weight, rate, score };
constexpr auto row_keys = with_english(std::array{
    key_name<row_key>{"name", row_key::name},
    key_name<row_key>{"initial", row_key::initial},
    key_name<row_key>{"annual", row_key::annual},
    key_name<row_key>{"executed", row_key::executed},
    key_name<row_key>{"weight", row_key::weight},
    key_name<row_key>{"rate", row_key::rate},
    key_name<row_key>{"score", row_key::score},
    key_name<row_key>{"名称", row_key::name},
    key_name<row_key>{"年初预算数", row_key::initial},
    key_name<row_key>{"全年预算数", row_key::annual},
    key_name<row_key>{"调整后预算数", row_key::annual},
    key_name<row_key>{"全年执行数", row_key::executed},
    key_name<row_key>{"预算执行数", row_key::executed},
    key_name<row_key>{"分值", row_key::weight},
    key_name<row_key>{"执行率", row_key::rate},
    key_name<row_key>{"得分", row_key::score},
});

enum class goals_key { expected, actual };
constexpr auto goals_keys = with_english(std::array{
    key_name<goals_key>{"expected", goals_key::expected},
    key_name<goals_key>{"actual", goals_key::actual},
    key_name<goals_key>{"预期目标", goals_key::expected},
    key_name<goals_key>{"实际完成情况", goals_key::actual},
});

enum class indicator_key { level1, level2, name, target, actual, op, unit, weight, score, reason };
constexpr auto indicator_keys = with_english(std::array{
    key_name<indicator_key>{"level1", indicator_key::level1},
    key_name<indicator_key>{"level2", indicator_key::level2},
    key_name<indicator_key>{"name", indicator_key::name},
    key_name<indicator_key>{"target", indicator_key::target},
    key_name<indicator_key>{"actual", indicator_key::actual},
    key_name<indicator_key>{"op", indicator_key::op},
    key_name<indicator_key>{"unit", indicator_key::unit},
    key_name<indicator_key>{"weight", indicator_key::weight},
    key_name<indicator_key>{"score", indicator_key::score},
    key_name<indicator_key>{"reason", indicator_key::reason},
    key_name<indicator_key>{"一级指标", indicator_key::level1},
    key_name<indicator_key>{"二级指标", indicator_key::level2},
    key_name<indicator_key>{"三级指标", indicator_key::name},
    key_name<indicator_key>{"年度指标值", indicator_key::target},
    key_name<indicator_key>{"实际完成值", indicator_key::actual},
    key_name<indicator_key>{"比较符", indicator_key::op},
    key_name<indicator_key>{"度量单位", indicator_key::unit},
    key_name<indicator_key>{"计量单位", indicator_key::unit},
    key_name<indicator_key>{"分值", indicator_key::weight},
    key_name<indicator_key>{"权重", indicator_key::weight},
    key_name<indicator_key>{"得分", indicator_key::score},
    key_name<indicator_key>{"偏差原因分析及改进措施", indicator_key::reason},
});

enum class group_key { level1, level2, weight, score, reason };
constexpr auto group_keys = with_english(std::array{
    key_name<group_key>{"level1", group_key::level1},
    key_name<group_key>{"level2", group_key::level2},
    key_name<group_key>{"weight", group_key::weight},
    key_name<group_key>{"score", group_key::score},
    key_name<group_key>{"reason", group_key::reason},
    key_name<group_key>{"一级指标", group_key::level1},
    key_name<group_key>{"二级指标", group_key::level2},
    key_name<group_key>{"分值", group_key::weight},
    key_name<group_key>{"权重", group_key::weight},
    key_name<group_key>{"得分", group_key::score},
    key_name<group_key>{"偏差原因分析及改进措施", group_key::reason},
});

enum class total_key { weight, score };
constexpr auto total_keys = with_english(std::array{
    key_name<total_key>{"weight", total_key::weight},
    key_name<total_key>{"score", total_key::score},
    key_name<total_key>{"分值", total_key::weight},
    key_name<total_key>{"得分", total_key::score},
});

// clang-format on

static_assert(key_index(form_key::total) < max_keys);
static_assert(english_names_first(form_keys) && english_names_first(budget_keys) && english_names_first(row_keys) &&
              english_names_first(goals_keys) && english_names_first(indicator_keys) &&
              english_names_first(group_keys) && english_names_first(total_keys));
static_assert(unique_spellings(form_keys) && unique_spellings(budget_keys) && unique_spellings(row_keys) &&
              unique_spellings(goals_keys) && unique_spellings(indicator_keys) && unique_spellings(group_keys) &&
              unique_spellings(total_keys));
static_assert(std::max({form_keys.size(), budget_keys.size(), row_keys.size(), goals_keys.size(),
                        indicator_keys.size(), group_keys.size(), total_keys.size()}) < 256);

// The last level-1 labels read and what split_level1 made of them, kept per thread across
// forms: a form repeats its three or four labels down its indicators, forms of one template
// share them, and splitting one costs more than reading it.
struct level1_memo {
  struct split_label {
    std::string label;
    std::pair<std::string, std::optional<decimal>> split;
    // The split name again when it is shorter than 16 bytes, as the usual ones are, in a block
    // that assign_readable can copy whole.
    std::array<char, 16> short_name{};
  };
  std::array<split_label, 8> splits;
  std::size_t known = 0;  // labels split so far; the next one replaces [known % 8]
  // The slot found last, tried first: indicators come in runs under one label.
  std::size_t last = 0;
};

// ---------------------------------------------------------------------------------------------
// Reading into a form that held another one (load_form_into): every field is put back to what
// a fresh form holds, but strings and vectors keep their capacity, so that a corpus thread
// loading form after form into one scratch form allocates nothing once it has seen a large
// one. A reset leaves nothing of the previous form behind; the reader then fills the form as
// it would a new one.

void reset(budget_row& row) {
  row.name.clear();
  row.initial.reset();
  row.annual.reset();
  row.executed.reset();
  row.weight.reset();
  row.rate.reset();
  row.score.reset();
  row.path.clear();
}

void reset(indicator& ind) {
  ind.level1.clear();
  ind.level1_weight.reset();
  ind.level2.clear();
  ind.name.clear();
  ind.target.clear();
  ind.actual.clear();
  ind.op.clear();
  ind.unit.clear();
  ind.weight.reset();
  ind.score.reset();
  ind.reason.clear();
  ind.path.clear();
  ind.group.reset();
}

void reset(indicator_group& group) {
  group.level1.clear();
  group.level1_weight.reset();
  group.level2.clear();
  group.weight.reset();
  group.score.reset();
  group.reason.clear();
  group.path.clear();
  group.members.clear();
}

// The vectors of a form being read, element by element: the next element of `elements` is the
// one a previous form left there (reset), else a spare one, else a new one. finish() then drops
// what the previous form had beyond the elements used.
template <class element>
class element_cursor {
 public:
  element_cursor(std::vector<element>& elements, spare_elements<element>& spare) : m_elements(elements), m_spare(spare) {}

  element& next() {
    if (m_used < m_elements.size()) {
      element& reused = m_elements[m_used++];
      reset(reused);
      return reused;
    }
    ++m_used;
    auto [appended, kept] = m_spare.append(m_elements);
    if (kept) reset(appended);
    return appended;
  }

  void finish() { m_spare.keep_beyond(m_elements, m_used); }

 private:
  std::vector<element>& m_elements;
  spare_elements<element>& m_spare;
  std::size_t m_used = 0;
};

struct spares {
  spare_elements<indicator> indicators;
  spare_elements<indicator_group> groups;
  spare_elements<budget_row> rows;
};

// ---------------------------------------------------------------------------------------------
// The reader: one per document. It keeps the text and the document so that an error found
// anywhere can say where it is.

class reader {
 public:
  reader(std::string_view text, std::size_t skipped, std::string_view file, od::document& document,
         level1_memo& level1, spares& spare)
      : m_text(text), m_skipped(skipped), m_file(file), m_document(document), m_level1(level1), m_spare(spare) {}

  // Overwrites every field of `out`, whatever form it held before. On failure `out` holds part
  // of the document; the next read overwrites it all the same.
  step read(form& out);

  // Errors found before the document can be walked (by parser.iterate).
  form_error iterate_error(simdjson::error_code error) const;

 private:
  form_error fail(std::string path, std::string message) const {
    return form_error{std::string(m_file), std::move(path), 0, std::move(message)};
  }
  unexpected<form_error> failure(std::string path, std::string message) const {
    return unexpected(fail(std::move(path), std::move(message)));
  }
  unexpected<form_error> failure(const json_path& path, std::string message) const {
    return failure(path.str(), std::move(message));
  }

  std::string location(std::optional<std::size_t> offset) const;
  std::optional<std::size_t> offset_of(const char* where) const;
  std::optional<std::size_t> current_offset();
  unexpected<form_error> invalid_json(std::optional<std::size_t> offset, const json_path& path,
                                      std::string detail) const;
  unexpected<form_error> simdjson_failure(simdjson::error_code error, std::optional<std::size_t> offset,
                                          const json_path& path) const;
  unexpected<form_error> root_failure(simdjson::error_code error);

  expected<od::json_type, form_error> type_of(od::value& value, const json_path& path);
  expected<std::string_view, form_error> number_token(od::value& value, const json_path& path);
  expected<std::string, form_error> describe(od::value& value, od::json_type type, const json_path& path);
  unexpected<form_error> wrong_type(od::value& value, od::json_type type, const json_path& path,
                                    std::string_view wanted);

  template <class key, std::size_t size, class handler>
  expected<given_keys<key>, form_error> read_object(od::value& value, const json_path& path,
                                                    const std::array<key_name<key>, size>& table, handler&& handle);
  template <class key, std::size_t size>
  unexpected<form_error> unknown_key(std::string_view name, const json_path& path,
                                     const std::array<key_name<key>, size>& table) const;
  template <class handler>
  step read_array(od::value& value, const json_path& path, handler&& handle);

  // Whether the value is a plain string, its text then in `text`. Not an optional view: GCC
  // keeps that in memory, written as two words and read back as one 16-byte block, which the
  // store buffer cannot forward, once per cell.
  bool plain_string(od::value& value, std::string_view& text);
  // Whether the value is a string token, its content (escapes not decoded) then in `text`; the
  // value is not consumed.
  bool string_token(od::value& value, std::string_view& text);
  // Hands a string value over to simdjson as read, as get_string would.
  [[gnu::always_inline]] static bool consume_string(od::value& value) {
    od::raw_json_string consumed;
    return !value.get_raw_json_string().get(consumed);
  }
  // The plain string is read inline where cells are read, tested for escapes and copied in one
  // pass; anything else by read_other_text.
  [[gnu::always_inline]] step read_text(od::value& value, const json_path& path, std::string& out,
                                       bool number_allowed = false) {
    // A string token always starts with a quote, and consuming one cannot fail then: the copy
    // comes first so that the test for escapes and the copy are one pass.
    if (std::string_view text; string_token(value, text) && copy_plain(text, out) && consume_string(value)) return {};
    return read_other_text(value, path, out, number_allowed);
  }
  // read_text for a label that is kept without the spaces around it.
  [[gnu::always_inline]] step read_trimmed_text(od::value& value, const json_path& path, std::string& out) {
    // Spaces are never backslashes, so the trimmed text holds one exactly when the token does.
    if (std::string_view text; string_token(value, text) && copy_plain(trim(text), out) && consume_string(value)) {
      return {};
    }
    return read_other_trimmed_text(value, path, out);
  }
  step read_other_trimmed_text(od::value& value, const json_path& path, std::string& out);
  step read_other_text(od::value& value, const json_path& path, std::string& out, bool number_allowed);
  // read_text for a cell that is cut further before it is kept: the text where it lies when it
  // can be, else read into `buffer`.
  [[gnu::always_inline]] expected<std::string_view, form_error> read_text_view(od::value& value, const json_path& path,
                                                                               std::string& buffer) {
    if (std::string_view text; plain_string(value, text)) return text;
    if (auto done = read_other_text(value, path, buffer, false); !done) return unexpected(done.error());
    return std::string_view(buffer);
  }
  step read_level1(od::value& value, const json_path& path, std::string& label, std::optional<decimal>& weight);
  // The two usual cases, a JSON number and a plain string, are told apart inline where cells
  // are read; anything else goes to read_other_number. `out` is a cell not read before (a
  // duplicate key fails before its value is read), so it starts absent and is not reset.
  [[gnu::always_inline]] step read_number(od::value& value, const json_path& path, number_cell& out) {
    // A JSON number is told by its first byte, as simdjson's type() tells it.
    const std::string_view token = value.raw_json_token();
    if (!token.empty() && (token.front() == '-' || (token.front() >= '0' && token.front() <= '9'))) {
      return read_number_token(value, path, out);
    }
    if (std::string_view raw; plain_string(value, raw)) return read_number_text(raw, path, out);
    return read_other_number(value, path, out);
  }
  step read_other_number(od::value& value, const json_path& path, number_cell& out);
  step read_number_token(od::value& value, const json_path& path, number_cell& out);
  step read_other_number_token(od::value& value, const json_path& path, number_cell& out);
  // `in_document` when `raw` lies in the document (not decoded into simdjson's string buffer).
  step read_number_text(std::string_view raw, const json_path& path, number_cell& out, bool in_document = true);
  step read_other_number_text(std::string_view raw, std::string_view text, const json_path& path, number_cell& out);
  step read_year(od::value& value, const json_path& path, int& out);
  step read_schema(od::value& value, const json_path& path);

  step read_budget(od::value& value, const json_path& path, budget_block& out);
  step read_budget_row(od::value& value, const json_path& path, budget_row& out);
  step read_goals(od::value& value, const json_path& path, form& out);
  step read_indicator(od::value& value, const json_path& path, indicator& out);
  step read_group(od::value& value, const json_path& path, indicator_group& out);
  step read_total(od::value& value, const json_path& path, form& out);
  step link_groups(form& out) const;

  std::string_view m_text;  // the JSON handed to simdjson, after any byte-order mark
  std::size_t m_skipped;    // bytes skipped before m_text, so that byte offsets match the file
  std::string_view m_file;  // the caller's, which outlives the reader
  od::document& m_document;
  level1_memo& m_level1;
  spares& m_spare;
  std::string m_scratch;  // a label decoded from escapes, before it is split
};

std::optional<std::size_t> reader::offset_of(const char* where) const {
  if (where == nullptr || where < m_text.data() || where > m_text.data() + m_text.size()) return std::nullopt;
  return static_cast<std::size_t>(where - m_text.data());
}

std::optional<std::size_t> reader::current_offset() {
  const char* where = nullptr;
  if (m_document.current_location().get(where)) return std::nullopt;
  return offset_of(where);
}

// "line 3, column 17 (byte 45)": the column counts characters, not bytes, because forms are
// mostly Chinese and an editor's column is a character column.
std::string reader::location(std::optional<std::size_t> offset) const {
  if (!offset) return {};
  const std::string_view before = m_text.substr(0, std::min(*offset, m_text.size()));
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const std::size_t line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
  std::size_t column = 1;
  for (std::size_t i = line_start; i < before.size(); ++i) {
    if ((static_cast<unsigned char>(before[i]) & 0xC0) != 0x80) ++column;
  }
  return " at line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(*offset + m_skipped) + ")";
}

// Broken JSON is a fault of the whole document, so its path is ""; the message carries the
// position and, when the fault is inside the form, the path of the enclosing element.
unexpected<form_error> reader::invalid_json(std::optional<std::size_t> offset, const json_path& path,
                                            std::string detail) const {
  std::string message = "invalid JSON" + location(offset);
  if (const std::string where = path.str(); !where.empty()) message += ", in " + where;
  message += ": " + detail;
  return failure("", std::move(message));
}

// Adds what the loader can tell about the fault to what simdjson said. A fault found at the
// end of the text is a bracket never closed: pointing at that bracket helps more than
// pointing at the end of the file.
unexpected<form_error> reader::simdjson_failure(simdjson::error_code error, std::optional<std::size_t> offset,
                                                const json_path& path) const {
  const std::string said = simdjson::error_message(error);
  const bool at_end = !offset || trim(m_text.substr(std::min(*offset, m_text.size()))).empty();
  if (at_end) {
    const structure_scan scan = scan_structure(m_text);
    if (!scan.open_brackets.empty()) {
      const std::size_t open = scan.open_brackets.back();
      return invalid_json(open, {}, std::string("this ") + m_text[open] + " is never closed; simdjson: " + said);
    }
  }
  if (error == simdjson::STRING_ERROR) {
    constexpr std::string_view hint =
        "a backslash in a string must start one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, and \\u escapes "
        "must pair surrogates";
    return invalid_json(offset, path, std::string(hint) + "; simdjson: " + said);
  }
  if (error == simdjson::T_ATOM_ERROR || error == simdjson::F_ATOM_ERROR || error == simdjson::N_ATOM_ERROR ||
      error == simdjson::INCORRECT_TYPE) {
    std::string_view token = offset ? m_text.substr(*offset) : std::string_view();
    token = token.substr(0, token.find_first_of(",}] \t\r\n"));
    if (!token.empty()) {
      return invalid_json(offset, path, "not a valid JSON value: " + std::string(token) + "; simdjson: " + said);
    }
  }
  return invalid_json(offset, path, said);
}

form_error reader::iterate_error(simdjson::error_code error) const {
  if (error == simdjson::EMPTY) return fail("", "empty file");
  const std::string said = simdjson::error_message(error);
  if (error == simdjson::UTF8_ERROR) {
    const auto offset = first_invalid_utf8(m_text);
    std::string detail = "the text is not UTF-8";
    if (offset) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(m_text[*offset]));
      detail += " (byte " + std::string(byte) + ")";
    }
    return invalid_json(offset, {}, detail + "; simdjson: " + said).error();
  }
  const structure_scan scan = scan_structure(m_text);
  // A missing quote flips every later quote, so the last string opened is usually far from
  // the mistake; the first "string" that runs over a line break is next to it.
  if (error == simdjson::UNCLOSED_STRING && scan.broken_string) {
    constexpr std::string_view hint =
        "this string runs past the end of its line; a quote is missing here or earlier on the line";
    return invalid_json(scan.broken_string, {}, std::string(hint) + "; simdjson: " + said).error();
  }
  if (error == simdjson::UNCLOSED_STRING && scan.unclosed_string) {
    return invalid_json(scan.unclosed_string, {}, "this string is never closed; simdjson: " + said).error();
  }
  if (error == simdjson::UNESCAPED_CHARS && scan.control_char) {
    constexpr std::string_view hint =
        "a line break or control character inside a string must be written as an escape such as \\n, or a "
        "closing quote is missing";
    return invalid_json(scan.control_char, {}, std::string(hint) + "; simdjson: " + said).error();
  }
  return invalid_json(std::nullopt, {}, said).error();
}

// simdjson checks when it opens the root object that the document ends with its closing
// brace; it then reports "ended early" both for a missing brace and for content after the
// form. The scan tells the two apart and finds the position.
unexpected<form_error> reader::root_failure(simdjson::error_code error) {
  if (error == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) {
    const structure_scan scan = scan_structure(m_text);
    const std::string said = simdjson::error_message(error);
    if (scan.after_root) {
      return invalid_json(scan.after_root, {}, "unexpected content after the form; simdjson: " + said);
    }
    return simdjson_failure(error, std::nullopt, {});
  }
  return simdjson_failure(error, current_offset(), {});
}

expected<od::json_type, form_error> reader::type_of(od::value& value, const json_path& path) {
  od::json_type type{};
  if (auto error = value.type().get(type)) {
    return simdjson_failure(error, offset_of(value.raw_json_token().data()), path);
  }
  return type;
}

// The number exactly as written, checked against the JSON grammar.
expected<std::string_view, form_error> reader::number_token(od::value& value, const json_path& path) {
  std::string_view token = value.raw_json_token();
  while (!token.empty() && is_json_space(token.back())) token.remove_suffix(1);
  if (!is_json_number(token)) {
    return invalid_json(offset_of(token.data()), path, "not a valid JSON number: " + std::string(token));
  }
  return token;
}

// Names a value of the wrong type for "expected X, got Y". Scalars are validated on the way so
// that a misspelt literal (tru, nul) is reported as broken JSON rather than as a wrong type.
expected<std::string, form_error> reader::describe(od::value& value, od::json_type type, const json_path& path) {
  const auto where = offset_of(value.raw_json_token().data());
  switch (type) {
    case od::json_type::array:
      return std::string("an array");
    case od::json_type::object:
      return std::string("an object");
    case od::json_type::number: {
      auto token = number_token(value, path);
      if (!token) return unexpected(token.error());
      return std::string(*token);
    }
    case od::json_type::string: {
      std::string_view text;
      if (auto error = value.get_string().get(text)) return simdjson_failure(error, where, path);
      return quote(text);
    }
    case od::json_type::boolean: {
      bool flag = false;
      if (auto error = value.get_bool().get(flag)) return simdjson_failure(error, where, path);
      return std::string(flag ? "true" : "false");
    }
    case od::json_type::null: {
      bool null = false;
      if (auto error = value.is_null().get(null)) return simdjson_failure(error, where, path);
      if (!null) return invalid_json(where, path, "not a valid JSON value");
      return std::string("null");
    }
  }
  std::unreachable();
}

unexpected<form_error> reader::wrong_type(od::value& value, od::json_type type, const json_path& path,
                                          std::string_view wanted) {
  auto got = describe(value, type, path);
  if (!got) return unexpected(got.error());
  return failure(path, "expected " + std::string(wanted) + ", got " + *got);
}

// Reads an object against its key table and hands each value to `handle(key, value, path)`.
// Paths use the English key name whatever spelling the form used, so that messages and
// rule files refer to one name.
template <class key, std::size_t size, class handler>
expected<given_keys<key>, form_error> reader::read_object(od::value& value, const json_path& path,
                                                          const std::array<key_name<key>, size>& table,
                                                          handler&& handle) {
  // An object is told by its first byte, as simdjson's type() tells it; the rest take type_of
  // for its error.
  const char* start = value.raw_json_token().data();
  if (value.raw_json_token().empty() || *start != '{') {
    auto type = type_of(value, path);
    if (!type) return unexpected(type.error());
    if (*type != od::json_type::object) return wrong_type(value, *type, path, "an object");
  }
  od::object object;
  if (auto error = value.get_object().get(object)) return simdjson_failure(error, offset_of(start), path);

  // The entry that followed each entry (or began the object, at [0]) the last time an object
  // was read here, kept per thread as each thread reads its own forms: forms write the keys
  // of every indicator (row, group) in one order, so this is almost always the entry of the
  // next key. It is only the first guess of match_raw_key, so a wrong one costs a search.
  static thread_local std::array<std::uint8_t, size + 1> successor{};
  std::size_t previous = 0;  // 1 + the entry the previous key matched, 0 at the start
  given_keys<key> given;
  // Each field's path differs from the previous one's only in its key: made once, and the key
  // set for each field.
  json_path field_path = path.member({});
  for (auto entry : object) {
    if (auto error = entry.error()) return simdjson_failure(error, current_offset(), path);
    // The field is used where the iterator made it: copying it out (get) would store its
    // value's iterator as two scalars and load it back as one 16-byte block, which the store
    // buffer cannot forward: a quarter of the time spent reading indicators went to that stall.
    od::field& field = entry.value_unsafe();
    std::size_t matched = match_raw_key(table, field.key().raw(), successor[previous]);
    if (matched == size) {
      std::string_view name;
      // A key without escapes is its own text in the input; simdjson has found the closing
      // quote of every string before the walk starts, so the scan ends there at the latest.
      const char* key_begin = field.key().raw();
      const char* key_end = key_begin;
      while (*key_end != '"' && *key_end != '\\') ++key_end;
      if (*key_end == '"') {
        name = std::string_view(key_begin, static_cast<std::size_t>(key_end - key_begin));
      } else if (auto error = field.unescaped_key().get(name)) {
        return simdjson_failure(error, current_offset(), path);
      }
      const auto found = std::find_if(table.begin(), table.end(),
                                      [&](const auto& entry_name) { return entry_name.text == name; });
      matched = static_cast<std::size_t>(found - table.begin());
      if (matched == size) return unknown_key(name, path, table);
    }
    const key_name<key>& match = table[matched];

    // The key as written is the table's text (an escaped key is unescaped to it).
    field_path.key = match.english;
    std::uint8_t& first = given.spelling[key_index(match.kind)];
    if (first != 0) {
      const std::string_view before = table[first - 1].text;
      std::string message = "duplicate key " + quote(match.text);
      if (before != match.text) message += " (the same key as " + quote(before) + ", given before)";
      return failure(field_path, std::move(message));
    }
    first = static_cast<std::uint8_t>(matched + 1);
    successor[previous] = static_cast<std::uint8_t>(matched);
    previous = matched + 1;

    if (auto done = handle(match.kind, field.value(), field_path); !done) return unexpected(done.error());
  }
  return given;
}

// "unknown key", with a suggestion when the key is a typo of one in the table.
template <class key, std::size_t size>
unexpected<form_error> reader::unknown_key(std::string_view name, const json_path& path,
                                           const std::array<key_name<key>, size>& table) const {
  std::string message = "unknown key " + quote(name);
  const std::u32string written = code_points(name);
  std::optional<std::size_t> best_distance;
  std::string_view best;
  for (const auto& candidate : table) {
    const std::size_t distance = edit_distance(written, code_points(candidate.text));
    if (!best_distance || distance < *best_distance) {
      best_distance = distance;
      best = candidate.text;
    }
  }
  // A suggestion as far from the key as the key is long would be a guess, not a typo.
  if (best_distance && *best_distance <= 2 && *best_distance < written.size()) {
    message += "; did you mean " + quote(best) + "?";
  }
  return failure(path.member(name), std::move(message));
}

template <class handler>
step reader::read_array(od::value& value, const json_path& path, handler&& handle) {
  auto type = type_of(value, path);
  if (!type) return unexpected(type.error());
  if (*type != od::json_type::array) return wrong_type(value, *type, path, "an array");
  const auto start = offset_of(value.raw_json_token().data());
  od::array array;
  if (auto error = value.get_array().get(array)) return simdjson_failure(error, start, path);
  // Elements keep their paths, which all start with the array's: formatted once, here, with
  // only the index written for each element.
  const std::string array_text = path.str();
  json_path array_path = path;
  array_path.text = array_text;
  array_path.text_in_block = false;
  std::array<char, 128> element_text{};
  const bool element_fits = array_text.size() + std::numeric_limits<std::size_t>::digits10 + 3 <= element_text.size();
  if (element_fits) {
    std::memcpy(element_text.data(), array_text.data(), array_text.size());
    element_text[array_text.size()] = '[';
  }
  std::size_t index = 0;
  for (auto entry : array) {
    if (auto error = entry.error()) return simdjson_failure(error, current_offset(), path);
    // Used where the iterator made it, as read_object uses its fields.
    od::value& element = entry.value_unsafe();
    json_path element_path = array_path.element(index);
    if (element_fits) {
      char* end = std::to_chars(element_text.data() + array_text.size() + 1, element_text.data() + element_text.size(),
                                index)
                      .ptr;
      *end++ = ']';
      element_path.text = std::string_view(element_text.data(), static_cast<std::size_t>(end - element_text.data()));
      element_path.text_in_block = true;
    }
    if (auto done = handle(element, element_path); !done) return done;
    ++index;
  }
  return {};
}

// Whether the value is a string that holds no escape, its text then in `text` where it lies in
// the input and the value consumed as get_string consumes it; false for any other value, which
// then takes the general path. Almost every cell is such a string, and unescaping it would copy
// it once more into simdjson's string buffer. The raw token runs from the opening quote to the
// next token, so its last byte other than white space is the closing quote, which simdjson has
// found.
[[gnu::always_inline]] inline bool reader::plain_string(od::value& value, std::string_view& text) {
  std::string_view token;
  if (!string_token(value, token) || has_backslash(token) || !consume_string(value)) return false;
  text = token;
  return true;
}

[[gnu::always_inline]] inline bool reader::string_token(od::value& value, std::string_view& text) {
  std::string_view token = value.raw_json_token();
  if (token.empty() || token.front() != '"') return false;
  if (token.back() != '"') {
    while (token.size() > 1 && is_json_space(token.back())) token.remove_suffix(1);
    if (token.back() != '"') return false;
  }
  if (token.size() < 2) return false;
  text = std::string_view(token.data() + 1, token.size() - 2);
  return true;
}

// A label that is not a plain string: decoded (or refused) by read_other_text, then trimmed.
step reader::read_other_trimmed_text(od::value& value, const json_path& path, std::string& out) {
  std::string buffer;
  if (auto done = read_other_text(value, path, buffer, false); !done) return done;
  assign_text(out, trim(buffer));
  return {};
}

// A level-1 label, with a weight in it split off.
[[gnu::always_inline]] inline step reader::read_level1(od::value& value, const json_path& path, std::string& label,
                                                       std::optional<decimal>& weight) {
  auto text = read_text_view(value, path, m_scratch);
  if (!text) return unexpected(text.error());
  const std::size_t known = std::min(m_level1.known, m_level1.splits.size());
  const level1_memo::split_label* found = nullptr;
  if (known != 0 && same_text(m_level1.splits[m_level1.last].label, *text)) {
    found = &m_level1.splits[m_level1.last];
  }
  for (std::size_t i = 0; i < known && found == nullptr; ++i) {
    if (!same_text(m_level1.splits[i].label, *text)) continue;
    found = &m_level1.splits[i];
    m_level1.last = i;
  }
  if (found == nullptr) {
    m_level1.last = m_level1.known++ % m_level1.splits.size();
    level1_memo::split_label& slot = m_level1.splits[m_level1.last];
    slot.split = split_level1(*text);
    slot.label.assign(*text);
    slot.short_name.fill('\0');
    if (slot.split.first.size() < slot.short_name.size()) {
      std::memcpy(slot.short_name.data(), slot.split.first.data(), slot.split.first.size());
    }
    found = &slot;
  }
  const std::string& name = found->split.first;
  if (name.size() < found->short_name.size()) {
    assign_readable(label, std::string_view(found->short_name.data(), name.size()));
  } else {
    assign_text(label, name);
  }
  weight = found->split.second;
  return {};
}

// Text cells must be strings, so that a target written as 100 is not silently read as "100"
// when the author meant the number; null counts as not given. `number_allowed` is for the few
// fields (phone) whose text is commonly typed as a bare number.
step reader::read_other_text(od::value& value, const json_path& path, std::string& out, bool number_allowed) {
  auto type = type_of(value, path);
  if (!type) return unexpected(type.error());
  switch (*type) {
    case od::json_type::string: {
      std::string_view text;
      if (auto error = value.get_string().get(text)) {
        return simdjson_failure(error, offset_of(value.raw_json_token().data()), path);
      }
      out.assign(text);
      return {};
    }
    case od::json_type::null: {
      auto got = describe(value, *type, path);
      if (!got) return unexpected(got.error());
      out.clear();
      return {};
    }
    case od::json_type::number:
      if (number_allowed) {
        auto token = number_token(value, path);
        if (!token) return unexpected(token.error());
        out.assign(*token);
        return {};
      }
      return wrong_type(value, *type, path, "a string");
    case od::json_type::array:
    case od::json_type::object:
    case od::json_type::boolean:
      return wrong_type(value, *type, path, "a string");
  }
  std::unreachable();
}

// A numeric cell. Strings are accepted because templates write figures as text ("74.69%",
// "498.000000"); both strings and JSON numbers are read from their text by parse_amount, so
// the value, the percent sign and the number of decimals are exactly those written.
step reader::read_other_number(od::value& value, const json_path& path, number_cell& out) {
  auto type = type_of(value, path);
  if (!type) return unexpected(type.error());
  switch (*type) {
    case od::json_type::null: {
      auto got = describe(value, *type, path);
      if (!got) return unexpected(got.error());
      return {};
    }
    case od::json_type::string: {
      std::string_view raw;
      if (auto error = value.get_string().get(raw)) {
        return simdjson_failure(error, offset_of(value.raw_json_token().data()), path);
      }
      return read_number_text(raw, path, out, false);
    }
    case od::json_type::number:
      return read_number_token(value, path, out);
    case od::json_type::array:
    case od::json_type::object:
    case od::json_type::boolean: {
      auto got = describe(value, *type, path);
      if (!got) return unexpected(got.error());
      return failure(path, std::string(number_expected) + *got);
    }
  }
  std::unreachable();
}

// A numeric cell written as a JSON number.
[[gnu::always_inline]] inline step reader::read_number_token(od::value& value, const json_path& path,
                                                              number_cell& out) {
  // A plain figure is a JSON number unless it has a % or a leading zero before a digit, so
  // the grammar check of number_token is needed only for the rest.
  std::string_view raw = value.raw_json_token();
  if (!raw.empty() && (raw.back() < '0' || raw.back() > '9')) {
    while (!raw.empty() && is_json_space(raw.back())) raw.remove_suffix(1);
  }
  if (!raw.empty() && raw.back() != '%') {
    const std::size_t lead = raw.front() == '-' ? 1 : 0;
    const bool leading_zero = raw.size() > lead + 1 && raw[lead] == '0' && raw[lead + 1] >= '0' && raw[lead + 1] <= '9';
    if (!leading_zero && plain_amount(raw, out)) {
      assign_readable(out.text, raw);
      return {};
    }
  }
  return read_other_number_token(value, path, out);
}

step reader::read_other_number_token(od::value& value, const json_path& path, number_cell& out) {
  auto token = number_token(value, path);
  if (!token) return unexpected(token.error());
  auto amount = values::parse_amount(*token);
  if (!amount) {
    if (token->find_first_of("eE") != std::string_view::npos) {
      return failure(path, std::string(number_expected) + std::string(*token) + " (write it without an exponent)");
    }
    return failure(path, number_message(std::string(*token), amount.error()));
  }
  out.status = number_cell::state::number;
  out.text.assign(*token);
  out.value = amount->value;
  out.percent = amount->percent;
  out.decimals = amount->decimals;
  return {};
}

// A numeric cell written as a string, `raw` as it stands between the quotes.
[[gnu::always_inline]] inline step reader::read_number_text(std::string_view raw, const json_path& path,
                                                             number_cell& out, bool in_document) {
  const std::string_view text = trim(raw);
  if (text.empty()) return {};
  if (in_document) {
    assign_readable(out.text, text);
  } else {
    assign_text(out.text, text);
  }
  if (plain_amount(text, out)) return {};
  return read_other_number_text(raw, text, path, out);
}

// A numeric cell written as a string that is not a plain figure; `text` is `raw` trimmed.
step reader::read_other_number_text(std::string_view raw, std::string_view text, const json_path& path,
                                    number_cell& out) {
  if (values::is_not_applicable_marker(text)) {
    out.status = number_cell::state::not_applicable;
    return {};
  }
  auto amount = values::parse_amount(text);
  if (!amount) return failure(path, number_message(quote(raw), amount.error()));
  out.status = number_cell::state::number;
  out.value = amount->value;
  out.percent = amount->percent;
  out.decimals = amount->decimals;
  return {};
}

// 2021, "2021", "2021年" or "2021年度", as the header of each template writes it.
step reader::read_year(od::value& value, const json_path& path, int& out) {
  auto type = type_of(value, path);
  if (!type) return unexpected(type.error());
  std::string_view digits;
  std::string shown;
  if (*type == od::json_type::number) {
    auto token = number_token(value, path);
    if (!token) return unexpected(token.error());
    digits = *token;
    shown = std::string(*token);
  } else if (*type == od::json_type::string) {
    std::string_view raw;
    if (auto error = value.get_string().get(raw)) {
      return simdjson_failure(error, offset_of(value.raw_json_token().data()), path);
    }
    shown = quote(raw);
    digits = trim(raw);
    if (digits.ends_with("年度")) {
      digits.remove_suffix(std::string_view("年度").size());
    } else if (digits.ends_with("年")) {
      digits.remove_suffix(std::string_view("年").size());
    }
    digits = trim(digits);
  } else {
    auto got = describe(value, *type, path);
    if (!got) return unexpected(got.error());
    shown = *got;
  }
  int year = 0;
  const bool all_digits =
      digits.size() == 4 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (all_digits) std::from_chars(digits.data(), digits.data() + digits.size(), year);
  // The performance-evaluation system dates from the 2000s; a year outside this window is a
  // typing mistake, not a form.
  if (!all_digits || year < 1990 || year > 2100) {
    return failure(path, "expected a year such as 2021 or \"2021年\", got " + shown);
  }
  out = year;
  return {};
}

step reader::read_schema(od::value& value, const json_path& path) {
  auto type = type_of(value, path);
  if (!type) return unexpected(type.error());
  if (*type == od::json_type::string) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) {
      return simdjson_failure(error, offset_of(value.raw_json_token().data()), path);
    }
    if (text == form_schema) return {};
    return failure(path, "expected " + quote(form_schema) + ", got " + quote(text));
  }
  auto got = describe(value, *type, path);
  if (!got) return unexpected(got.error());
  return failure(path, "expected " + quote(form_schema) + ", got " + *got);
}

step reader::read_budget(od::value& value, const json_path& path, budget_block& out) {
  out.present = true;
  element_cursor<budget_row> rows(out.rows, m_spare.rows);
  auto given =
      read_object(value, path, budget_keys, [&](budget_key kind, od::value& field, const json_path& at) -> step {
        switch (kind) {
          case budget_key::weight:
            return read_number(field, at, out.weight);
          case budget_key::rate:
            return read_number(field, at, out.rate);
          case budget_key::score:
            return read_number(field, at, out.score);
          case budget_key::rows:
            // The total row and a few sources of funds; a row is six number cells, so growing
            // the vector one row at a time would move them.
            out.rows.reserve(4);
            return read_array(field, at, [&](od::value& element, const json_path& element_at) {
              return read_budget_row(element, element_at, rows.next());
            });
        }
        std::unreachable();
      });
  rows.finish();
  if (!given) return unexpected(given.error());
  // Forms state the budget block's 分值, 执行率 and 得分 on the total row only.
  if (!out.rows.empty()) {
    const budget_row& total_row = out.rows.front();
    if (out.weight.status == number_cell::state::absent) out.weight = total_row.weight;
    if (out.rate.status == number_cell::state::absent) out.rate = total_row.rate;
    if (out.score.status == number_cell::state::absent) out.score = total_row.score;
  }
  return {};
}

step reader::read_budget_row(od::value& value, const json_path& path, budget_row& out) {
  path.assign_to(out.path);
  auto given = read_object(value, path, row_keys, [&](row_key kind, od::value& field, const json_path& at) -> step {
    switch (kind) {
      case row_key::name:
        return read_text(field, at, out.name);
      case row_key::initial:
        return read_number(field, at, out.initial);
      case row_key::annual:
        return read_number(field, at, out.annual);
      case row_key::executed:
        return read_number(field, at, out.executed);
      case row_key::weight:
        return read_number(field, at, out.weight);
      case row_key::rate:
        return read_number(field, at, out.rate);
      case row_key::score:
        return read_number(field, at, out.score);
    }
    std::unreachable();
  });
  if (!given) return unexpected(given.error());
  return {};
}

step reader::read_goals(od::value& value, const json_path& path, form& out) {
  auto given = read_object(value, path, goals_keys, [&](goals_key kind, od::value& field, const json_path& at) -> step {
    switch (kind) {
      case goals_key::expected:
        return read_text(field, at, out.goal_expected);
      case goals_key::actual:
        return read_text(field, at, out.goal_actual);
    }
    std::unreachable();
  });
  if (!given) return unexpected(given.error());
  return {};
}

step reader::read_indicator(od::value& value, const json_path& path, indicator& out) {
  path.assign_to(out.path);
  auto given =
      read_object(value, path, indicator_keys, [&](indicator_key kind, od::value& field, const json_path& at) -> step {
        switch (kind) {
          case indicator_key::level1:
            return read_level1(field, at, out.level1, out.level1_weight);
          case indicator_key::level2:
            return read_trimmed_text(field, at, out.level2);
          case indicator_key::name:
            return read_text(field, at, out.name);
          case indicator_key::target:
            return read_text(field, at, out.target);
          case indicator_key::actual:
            return read_text(field, at, out.actual);
          case indicator_key::op:
            return read_text(field, at, out.op);
          case indicator_key::unit:
            return read_text(field, at, out.unit);
          case indicator_key::weight:
            return read_number(field, at, out.weight);
          case indicator_key::score:
            return read_number(field, at, out.score);
          case indicator_key::reason:
            return read_text(field, at, out.reason);
        }
        std::unreachable();
      });
  if (!given) return unexpected(given.error());
  return {};
}

step reader::read_group(od::value& value, const json_path& path, indicator_group& out) {
  path.assign_to(out.path);
  auto given = read_object(value, path, group_keys, [&](group_key kind, od::value& field, const json_path& at) -> step {
    switch (kind) {
      case group_key::level1:
        return read_level1(field, at, out.level1, out.level1_weight);
      case group_key::level2:
        return read_trimmed_text(field, at, out.level2);
      case group_key::weight:
        return read_number(field, at, out.weight);
      case group_key::score:
        return read_number(field, at, out.score);
      case group_key::reason:
        return read_text(field, at, out.reason);
    }
    std::unreachable();
  });
  if (!given) return unexpected(given.error());
  return {};
}

step reader::read_total(od::value& value, const json_path& path, form& out) {
  auto given = read_object(value, path, total_keys, [&](total_key kind, od::value& field, const json_path& at) -> step {
    switch (kind) {
      case total_key::weight:
        return read_number(field, at, out.total_weight);
      case total_key::score:
        return read_number(field, at, out.total_score);
    }
    std::unreachable();
  });
  if (!given) return unexpected(given.error());
  return {};
}

// Shenzhen-style forms score per level-2 group; each indicator is tied to its group by the
// level-1 label (weight split off) and the level-2 label. Two groups with the same labels
// would make that tie ambiguous.
step reader::link_groups(form& out) const {
  if (out.groups.empty()) return {};
  // A form has a handful of groups: comparing the labels of each in turn, lengths first, costs
  // less than building and searching a map. A form with many groups gets the map.
  constexpr std::size_t few_groups = 16;
  if (out.groups.size() <= few_groups) {
    const auto labelled = [](const indicator_group& group, const std::string& level1, const std::string& level2) {
      return same_text(group.level2, level2) && same_text(group.level1, level1);
    };
    for (std::size_t g = 1; g < out.groups.size(); ++g) {
      const indicator_group& group = out.groups[g];
      for (std::size_t before = 0; before < g; ++before) {
        if (!labelled(out.groups[before], group.level1, group.level2)) continue;
        return failure(group.path, "duplicate group " + quote(group.level1 + " / " + group.level2) +
                                       ", already given as " + out.groups[before].path);
      }
    }
    // Each group's members are counted first, so that each list is allocated once.
    std::array<std::size_t, few_groups> counts{};
    for (indicator& item : out.indicators) {
      for (std::size_t g = 0; g < out.groups.size(); ++g) {
        if (!labelled(out.groups[g], item.level1, item.level2)) continue;
        item.group = g;
        ++counts[g];
        break;
      }
    }
    for (std::size_t g = 0; g < out.groups.size(); ++g) out.groups[g].members.reserve(counts[g]);
    for (std::size_t i = 0; i < out.indicators.size(); ++i) {
      if (const auto g = out.indicators[i].group) out.groups[*g].members.push_back(i);
    }
    return {};
  }
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> by_labels;
  for (std::size_t g = 0; g < out.groups.size(); ++g) {
    const indicator_group& group = out.groups[g];
    const auto [at, inserted] = by_labels.try_emplace({group.level1, group.level2}, g);
    if (!inserted) {
      return failure(group.path, "duplicate group " + quote(group.level1 + " / " + group.level2) +
                                     ", already given as " + out.groups[at->second].path);
    }
  }
  for (std::size_t i = 0; i < out.indicators.size(); ++i) {
    indicator& item = out.indicators[i];
    const auto found = by_labels.find({item.level1, item.level2});
    if (found == by_labels.end()) continue;
    item.group = found->second;
    out.groups[found->second].members.push_back(i);
  }
  return {};
}

step reader::read(form& out) {
  od::json_type root_type{};
  if (auto error = m_document.type().get(root_type)) return simdjson_failure(error, current_offset(), {});
  if (root_type != od::json_type::object) {
    return failure("", std::string("expected a JSON object (the form), got ") +
                           (root_type == od::json_type::array ? "an array" : "a single value"));
  }

  // The schema is checked before anything else: a document in another format (or another
  // version of this one) would otherwise fail on its first unfamiliar key, which hides the
  // real problem.
  {
    od::value schema;
    const auto error = m_document.find_field_unordered("schema").get(schema);
    if (error == simdjson::NO_SUCH_FIELD) {
      return failure("schema", "missing required key \"schema\"; expected " + quote(form_schema));
    }
    if (error) return root_failure(error);
    if (auto done = read_schema(schema, json_path{}.member("schema")); !done) return unexpected(done.error());
    m_document.rewind();
  }

  od::value root;
  if (auto error = m_document.get_value().get(root)) return root_failure(error);

  out.file.assign(m_file);
  out.id.clear();
  out.year = 0;
  out.jurisdiction.clear();
  out.project.clear();
  out.department.clear();
  out.unit.clear();
  out.leader.clear();
  out.phone.clear();
  out.money_unit.clear();
  out.budget.present = false;
  out.budget.weight.reset();
  out.budget.rate.reset();
  out.budget.score.reset();
  out.goal_expected.clear();
  out.goal_actual.clear();
  out.total_weight.reset();
  out.total_score.reset();
  // Budget rows are reset by read_budget, which is where they are read; without a budget the
  // form has none.
  bool budget_given = false;
  element_cursor<indicator> indicators(out.indicators, m_spare.indicators);
  element_cursor<indicator_group> groups(out.groups, m_spare.groups);
  const json_path document;
  auto given =
      read_object(root, document, form_keys, [&](form_key kind, od::value& field, const json_path& at) -> step {
        std::string ignored;
        switch (kind) {
          case form_key::schema:
            return read_schema(field, at);
          case form_key::id:
            return read_text(field, at, out.id);
          case form_key::source:
          case form_key::notes:
            return read_text(field, at, ignored);
          case form_key::year:
            return read_year(field, at, out.year);
          case form_key::jurisdiction:
            return read_text(field, at, out.jurisdiction);
          case form_key::project:
            return read_text(field, at, out.project);
          case form_key::department:
            return read_text(field, at, out.department);
          case form_key::unit:
            return read_text(field, at, out.unit);
          case form_key::leader:
            return read_text(field, at, out.leader);
          case form_key::phone:
            return read_text(field, at, out.phone, true);
          case form_key::money_unit:
            return read_text(field, at, out.money_unit);
          case form_key::budget:
            budget_given = true;
            return read_budget(field, at, out.budget);
          case form_key::goals:
            return read_goals(field, at, out);
          case form_key::indicators:
            // Forms have 20 to 40 indicators; growing the vector from empty would move the
            // ones read so far several times.
            out.indicators.reserve(40);
            return read_array(field, at, [&](od::value& element, const json_path& element_at) {
              return read_indicator(element, element_at, indicators.next());
            });
          case form_key::groups:
            return read_array(field, at, [&](od::value& element, const json_path& element_at) {
              return read_group(element, element_at, groups.next());
            });
          case form_key::total:
            return read_total(field, at, out);
        }
        std::unreachable();
      });
  indicators.finish();
  groups.finish();
  if (!budget_given) element_cursor<budget_row>(out.budget.rows, m_spare.rows).finish();
  if (!given) return unexpected(given.error());

  // Whatever simdjson has not consumed after the root object is content after the form.
  if (const auto rest = current_offset()) {
    return invalid_json(rest, {}, "unexpected content after the form");
  }

  for (form_key required : {form_key::year, form_key::jurisdiction, form_key::indicators}) {
    if (given->has(required)) continue;
    std::string message = "missing required key " + quote(english_name(form_keys, required));
    std::string aliases;
    for (const auto& entry : form_keys) {
      if (entry.kind != required || entry.text == english_name(form_keys, required)) continue;
      aliases += (aliases.empty() ? " (or " : ", ") + quote(entry.text);
    }
    if (!aliases.empty()) message += aliases + ")";
    return failure(std::string(english_name(form_keys, required)), std::move(message));
  }

  if (auto done = link_groups(out); !done) return unexpected(done.error());
  return {};
}

// Real forms are under 100 KiB. The limit keeps a stray database dump or a disk image passed
// as a form from being read whole into memory.
constexpr std::size_t max_form_bytes = 16 * 1024 * 1024;

form_error too_large(std::string_view file) {
  return {std::string(file), "", 0, "file too large: over 16 MiB, and a form is under 100 KiB"};
}

// Loads from a buffer that has simdjson's padding after `size` bytes.
step load_padded(const char* data, std::size_t size, std::size_t capacity, std::string_view file, form& out) {
  std::size_t skipped = 0;
  if (std::string_view(data, size).starts_with(utf8_bom)) {
    skipped = utf8_bom.size();
    data += skipped;
    size -= skipped;
    capacity -= skipped;
  }
  if (size == 0) return unexpected(form_error{std::string(file), "", 0, "empty file"});
  if (size > max_form_bytes) return unexpected(too_large(file));

  // One parser per thread: its buffers grow to the largest form seen and are reused, which is
  // what makes reading a corpus fast.
  thread_local od::parser parser;
  thread_local level1_memo level1;
  thread_local spares spare;
  od::document document;
  const auto error = parser.iterate(simdjson::padded_string_view(data, size, capacity)).get(document);
  reader walk(std::string_view(data, size), skipped, file, document, level1, spare);
  if (error) return unexpected(walk.iterate_error(error));
  return walk.read(out);
}

expected<form, form_error> load_padded(const char* data, std::size_t size, std::size_t capacity,
                                       std::string_view file) {
  form out;
  if (auto done = load_padded(data, size, capacity, file, out); !done) return unexpected(std::move(done.error()));
  return out;
}

}  // namespace

std::string to_string(const form_error& error) {
  if (error.path.empty()) return error.message;
  return error.path + ": " + error.message;
}

expected<form, form_error> load_form(std::string_view json, std::string_view file) {
  const simdjson::padded_string padded(json);
  return load_padded(padded.data(), padded.size(), padded.size() + simdjson::SIMDJSON_PADDING, file);
}

expected<form, form_error> load_form_padded(std::string_view json, std::size_t capacity, std::string_view file) {
  return load_padded(json.data(), json.size(), capacity, file);
}

expected<void, form_error> load_form_padded_into(std::string_view json, std::size_t capacity, std::string_view file,
                                                 form& out) {
  return load_padded(json.data(), json.size(), capacity, file, out);
}

expected<form, form_error> load_form_file(const std::string& path) {
  const auto cannot_read = [&](int code) {
    return unexpected(form_error{path, "", 0, std::string("cannot read file: ") + std::strerror(code)});
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return cannot_read(errno);
  // Read straight into a buffer with simdjson's padding so that the text is not copied again.
  std::string buffer;
  std::array<char, 65536> chunk;
  std::size_t got = 0;
  while ((got = std::fread(chunk.data(), 1, chunk.size(), file)) > 0) {
    buffer.append(chunk.data(), got);
    if (buffer.size() > max_form_bytes) {
      std::fclose(file);
      return unexpected(too_large(path));
    }
  }
  const bool failed = std::ferror(file) != 0;
  const int code = errno;
  std::fclose(file);
  if (failed) return cannot_read(code);
  const std::size_t size = buffer.size();
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  return load_padded(buffer.data(), size, buffer.size(), path);
}

}  // namespace jixiao::engine
