// A row of a CSV report (`score --format csv`, `replay --format csv`), appended to the report's
// string field by field. Text is quoted by libcsv; figures and counts are written unquoted,
// the way the JSON reports write them, so that every figure reconciles with them and
// spreadsheets import them as numbers.
#pragma once

#include <csv.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "stdlib/decimal.hpp"

namespace jixiao::engine {

// One row, appended to a report string field by field.
class csv_row {
public:
  explicit csv_row(std::string& out) : m_out(out) {}

  // Text, as libcsv writes a field: always quoted, a quote inside doubled, so that a comma, a
  // quote or a line break in a project's name stays inside its field. An empty text is "".
  void text(std::string_view s) {
    separate();
    // Every byte a quote, doubled, and the two quotes around: csv_write needs at most this.
    const std::size_t room = 2 * s.size() + 2;
    const std::size_t at = m_out.size();
    m_out.resize_and_overwrite(at + room,
                               [&](char* p, std::size_t) { return at + csv_write(p + at, room, s.data(), s.size()); });
  }

  // Figures are digits, a sign and a point, which need no quoting; left unquoted, they are read
  // as numbers also by importers that keep every quoted field as text.
  // Scores have 2 decimals, as in the text and JSON reports.
  void fixed(const decimal& d) {
    char text[decimal::text_capacity];
    raw({text, static_cast<std::size_t>(d.write_fixed(text, 2) - text)});
  }
  // The exact text, as the JSON report writes a declared figure (engine/report_json.cpp).
  void exact(const decimal& d) {
    char text[decimal::text_capacity];
    if (const char* end = d.write_exact(text, 12))
      raw({text, static_cast<std::size_t>(end - text)});
    else
      raw(d.to_string());
  }
  template <class Int>
  void count(Int n) {
    const fmt::format_int digits(n);
    raw({digits.data(), digits.size()});
  }
  // No figure: an empty field.
  void none() { separate(); }

  // RFC 4180's line end.
  void end() { m_out += "\r\n"; }

private:
  void separate() {
    if (m_fields++ > 0) m_out += ',';
  }
  void raw(std::string_view s) {
    separate();
    m_out += s;
  }

  std::string& m_out;
  std::size_t m_fields = 0;
};

}  // namespace jixiao::engine
