#include "dsl/diagnostic.hpp"

#include "stdlib/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::dsl {

namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
constexpr std::size_t tab_width = 8;

std::string_view severity_name(severity s) {
  switch (s) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      return "note";
  }
  return "error";
}

// One `file:line:col: kind: message` block with the source line and carets under the span.
void render_one(std::string& out, std::string_view file, std::string_view kind, const source_span& span,
                std::string_view message, std::string_view source) {
  if (span.line == 0) {
    out += fmt::format("{}: {}: {}\n", file, kind, message);
    return;
  }
  out += fmt::format("{}:{}:{}: {}: {}\n", file, span.line, span.column, kind, message);

  const auto begin = std::min(span.begin, source.size());
  const auto newline_before = begin == 0 ? std::string_view::npos : source.rfind('\n', begin - 1);
  auto line_begin = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  if (line_begin == 0 && source.starts_with(byte_order_mark)) {
    line_begin = std::min(byte_order_mark.size(), begin);
  }
  auto line_end = source.find('\n', line_begin);
  if (line_end == std::string_view::npos) {
    line_end = source.size();
  }
  if (line_end > line_begin && source[line_end - 1] == '\r') {
    --line_end;
  }
  // A span that goes on past the line is underlined to the end of the line.
  const auto end = std::clamp(span.end, begin, std::max(begin, line_end));

  std::string shown;
  std::size_t column = 0;
  std::optional<std::size_t> caret_from;
  std::optional<std::size_t> caret_to;
  for (std::size_t i = line_begin; i < line_end;) {
    if (!caret_from && i >= begin) {
      caret_from = column;
    }
    if (!caret_to && i >= end) {
      caret_to = column;
    }
    const auto cp = utf8::decode(source, i);
    if (cp.cp == '\t') {
      const auto spaces = tab_width - column % tab_width;
      shown.append(spaces, ' ');
      column += spaces;
    } else {
      shown.append(source.substr(i, cp.size));
      column += utf8::display_width(cp.cp);
    }
    i += cp.size;
  }
  const auto from = caret_from.value_or(column);
  const auto to = caret_to.value_or(column);
  out += shown;
  out += '\n';
  out.append(from, ' ');
  out += '^';
  if (to > from + 1) {
    out.append(to - from - 1, '~');
  }
  out += '\n';
}

}  // namespace

std::string render(const diagnostic& d, std::string_view source) {
  std::string out;
  render_one(out, d.file, severity_name(d.level), d.span, d.message, source);
  for (const auto& note : d.notes) {
    render_one(out, d.file, "note", note.span, note.message, source);
  }
  return out;
}

source_span span_at(std::string_view source, std::size_t begin, std::size_t end) {
  begin = std::min(begin, source.size());
  std::uint32_t line = 1;
  std::size_t line_begin = source.starts_with(byte_order_mark) ? byte_order_mark.size() : 0;
  for (std::size_t i = 0; i < begin; ++i) {
    if (source[i] == '\n') {
      ++line;
      line_begin = i + 1;
    }
  }
  std::uint32_t column = 1;
  for (std::size_t i = std::min(line_begin, begin); i < begin; ++i) {
    if ((static_cast<unsigned char>(source[i]) & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return {begin, std::max(begin, end), line, column};
}

}  // namespace jixiao::dsl
