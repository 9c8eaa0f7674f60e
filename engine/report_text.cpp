#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "engine/figure_cache.hpp"
#include "engine/fit_cache.hpp"
#include "engine/fit_text.hpp"
#include "engine/report.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::engine {
namespace {

// The report is appended to one string per form. A table row is written through a pointer
// into room made for it at the end of that string: every cell is measured and its figures are
// written into buffers on the stack first, which bounds the row's length, then the row is
// copied out piece by piece. So a row makes no temporary strings, parses no format string and
// does not check the string's capacity for each of its twenty-odd pieces (the text report once
// cost more per form than the whole reference scorer, and then a fifth of a `score --corpus`
// run). The lines once per form are appended in one piece each (append() below), and row
// numbers are written with a compiled fmt format.
using appender = std::back_insert_iterator<std::string>;

void spaces(std::string& out, std::size_t n) { out.append(n, ' '); }

// Scores and weights are shown with two decimals.
constexpr int places = 2;

// Figures that do not terminate within two decimals (a third of a weight) are shown rounded
// and marked, so the reader never takes a rounded figure for an exact one. The exact text is
// to_string's, which for two decimals or fewer is the fixed text with that many decimals.
figure_cache::written write_brief(const decimal& d, char* out) {
  if (char* end = d.write_exact(out, places)) return {end, static_cast<std::size_t>(end - out)};
  static constexpr std::string_view approx = "≈";
  std::copy(approx.begin(), approx.end(), out);
  char* end = d.write_fixed(out + approx.size(), places);
  return {end, static_cast<std::size_t>(end - out) - approx.size() + 1};  // "≈" takes one column
}

figure_cache::written write_places(const decimal& d, char* out) {
  char* end = d.write_fixed(out, places);
  return {end, static_cast<std::size_t>(end - out)};
}

// The figure cache's kinds: which of the two writers above wrote a figure.
constexpr std::uint8_t brief_figure = 1;
constexpr std::uint8_t places_figure = 2;

// A table cell: text from the results (a declared cell, a band's name), then text written here
// (figures, brackets), and the columns both take.
struct cell {
  std::string_view given;
  // Two figures with "≈", brackets and ", ", and room for figure_cache::longest bytes past them.
  char data[2 * decimal::text_capacity + 16 + figure_cache::longest];
  std::size_t size = 0;
  std::size_t width = 0;

  // The first sixteen bytes are set, as row_writer::put_short copies them whatever the size.
  cell() { std::memset(data, 0, 16); }

  std::size_t bytes() const { return given.size() + size; }
  std::string_view written() const { return {data, size}; }
  void give(std::string_view text) {
    given = text;
    width += utf8::display_width(text);
  }
  // ASCII text: a column a byte.
  void put(std::string_view text) {
    std::copy(text.begin(), text.end(), data + size);
    size += text.size();
    width += text.size();
  }
  void put(char c) {
    data[size++] = c;
    ++width;
  }
  void put_fixed(const decimal& d, int decimals) {
    const std::size_t before = size;
    size = static_cast<std::size_t>(d.write_fixed(data + size, decimals) - data);
    width += size - before;
  }
  // A figure from the figure cache, copied in one fixed move when there is room to read and
  // write that many bytes.
  void put(const figure_cache::figure& f) {
    if (size + figure_cache::longest <= sizeof data) {
      std::memcpy(data + size, f.text, figure_cache::longest);
    } else {
      std::memcpy(data + size, f.text, f.size);
    }
    size += f.size;
    width += f.columns;
  }
};

// Writes a row into room the caller made for it, with row_writer::slack bytes to spare past
// the row's bound for the padding, which is written eight spaces at a time rather than by a
// call to memset, and for the short pieces of the report's own buffers (figures, row numbers,
// outcomes), which are copied sixteen bytes at a time. Either may write past its piece: what
// it leaves there is overwritten by the next piece or falls past the row's end.
class row_writer {
public:
  static constexpr std::size_t slack = 16;

  explicit row_writer(char* p) : m_p(p) {}
  char* end() const { return m_p; }

  void put(char c) { *m_p++ = c; }
  void put(std::string_view text) {
    // An empty view may hold a null pointer, which memcpy must not be given even for 0 bytes.
    if (text.empty()) return;
    std::memcpy(m_p, text.data(), text.size());
    m_p += text.size();
  }
  // `n` bytes at `p`, which has at least sixteen bytes to read: one fixed move, which the
  // compiler inlines, rather than a call to memcpy.
  void put_short(const char* p, std::size_t n) {
    if (n <= 16) {
      std::memcpy(m_p, p, 16);
    } else {
      std::memcpy(m_p, p, n);
    }
    m_p += n;
  }
  void put(const cell& c) {
    put(c.given);
    put_short(c.data, c.size);
  }
  // Eight spaces at a time, the last store running into the slack.
  void spaces(std::size_t n) {
    static constexpr std::uint64_t eight = 0x2020202020202020;
    for (std::size_t k = 0; k < n; k += 8) std::memcpy(m_p + k, &eight, 8);
    m_p += n;
  }
  // `text` takes `w` columns.
  void pad(std::string_view text, std::size_t w, std::size_t width) {
    put(text);
    spaces(w < width ? width - w : 0);
  }
  void pad_left(const cell& c, std::size_t width) {
    spaces(c.width < width ? width - c.width : 0);
    put(c);
  }
  // fit_text then pad: a text that fits is written as it is, one that does not is cut where
  // fit_text cuts it, and both are padded to `width` columns.
  void fit(std::string_view text, const text_fit& f, std::size_t width) {
    if (f.whole) {
      pad(text, f.used, width);
      return;
    }
    put(text.substr(0, f.cut));
    pad("…", f.used + 1, width);  // "…" takes one column
  }

private:
  char* m_p;
};

// Room for `text` fitted to `width` columns: the text, "…" and the padding.
constexpr std::size_t fit_bytes(std::string_view text, std::size_t width) { return text.size() + 3 + width; }

// Room for a padded cell.
constexpr std::size_t pad_bytes(std::size_t bytes, std::size_t width) { return bytes + width; }

// Appends pieces of text, growing the string once for all of them.
template <class... Text>
void append(std::string& out, const Text&... pieces) {
  const std::string_view views[] = {std::string_view(pieces)...};
  std::size_t size = 0;
  for (const auto v : views) size += v.size();
  const std::size_t at = out.size();
  out.resize_and_overwrite(at + size, [&](char* p, std::size_t) {
    char* q = p + at;
    for (const auto v : views) q = std::copy(v.begin(), v.end(), q);
    return at + size;
  });
}

// A count or a year as text, for append(): fmt::format_int keeps its digits, so it is passed
// through this view while it lives, to the end of the full expression.
struct number_text {
  template <class Int>
  explicit number_text(Int n) : digits(n) {}
  operator std::string_view() const { return {digits.data(), digits.size()}; }
  fmt::format_int digits;
};

std::string_view declared_text(const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: return "—";
    case number_cell::state::not_applicable: return c.text.empty() ? std::string_view("—") : std::string_view(c.text);
    case number_cell::state::number: return c.text;
  }
  return "";
}

// An outcome's name for the table, with its columns, measured once for each outcome, and its
// bytes in a buffer row_writer::put_short can copy from.
struct outcome_text {
  std::string_view name;
  std::size_t columns = 0;
  char bytes[16] = {};
};

const outcome_text& outcome_column(outcome o) {
  static const auto texts = [] {
    std::array<outcome_text, 4> t;
    for (const outcome each : {outcome::computed, outcome::judged, outcome::unscored, outcome::not_applicable}) {
      outcome_text& e = t[static_cast<std::size_t>(each)];
      e.name = outcome_name(each);
      e.columns = utf8::display_width(e.name);
      std::copy_n(e.name.begin(), std::min(e.name.size(), sizeof e.bytes), e.bytes);
    }
    return t;
  }();
  return texts[static_cast<std::size_t>(o)];
}

// The "rules" column.
void rules_text(cell& c, const item_result& item, figure_cache& figures) {
  const auto brief = [&](const decimal& d) { c.put(figures.get(d, brief_figure, write_brief)); };
  switch (item.result) {
    case outcome::computed: c.put(figures.get(*item.computed, places_figure, write_places)); return;
    case outcome::judged: {
      // Inside: the band the declared score lies in; outside (or a member): every allowed score.
      if (!item.band.empty()) {
        for (const auto& b : item.bands) {
          if (b.name != item.band) continue;
          c.give(b.name);
          c.put(' ');
          c.put(b.low_closed ? '[' : '(');
          brief(b.low);
          c.put(", ");
          brief(b.high);
          c.put(b.high_closed ? ']' : ')');
          return;
        }
      }
      c.put('[');
      brief(*item.low);
      c.put(", ");
      brief(*item.high);
      c.put(']');
      return;
    }
    case outcome::unscored: c.give("—"); return;
    case outcome::not_applicable: c.put("n/a"); return;
  }
}

// The check column, the row's last: not padded, so its width does not count.
void verdict(cell& c, const item_result& item) {
  switch (item.result) {
    case outcome::computed:
    case outcome::judged:
      if (item.agrees) {
        c.put("✓");
      } else if (item.difference) {
        if (item.difference->sign() > 0) c.put('+');
        c.put_fixed(*item.difference, places);
        c.put(" ✗");
      } else {
        c.put("✗");
      }
      return;
    case outcome::unscored: c.put('?'); return;
    case outcome::not_applicable: return;
  }
}

// A row number, "12" or "12.3", written in place.
class row_number {
public:
  explicit row_number(std::size_t n) { m_end = fmt::format_to(m_data, FMT_COMPILE("{}"), n); }
  row_number(std::size_t n, std::size_t m) { m_end = fmt::format_to(m_data, FMT_COMPILE("{}.{}"), n, m); }
  std::string_view text() const { return {m_data, static_cast<std::size_t>(m_end - m_data)}; }
  // Sixteen bytes or more to read at data(), for row_writer::put_short.
  const char* data() const { return m_data; }

private:
  char m_data[48];  // two 20-digit numbers and the point
  char* m_end;
};

constexpr std::size_t label_width = 40;

// Columns: number, indicator, weight, rule, outcome, rules, declared; then the check.
constexpr std::size_t widths[] = {5, label_width, 6, 10, 9, 16, 8};

// A member's name is indented by two columns under its group's label: it is fitted to the
// columns left after the indent, which cuts it where fitting the indented text would.
// Flattened: at -O3 GCC kept the row's writer (the lambda given to resize_and_overwrite), the
// cells' helpers and the look-ups as calls of their own, which cost a Release build about a
// sixth of the row (render_text_form 69.2 M against 59.0 M on 2,000 forms).
[[gnu::flatten]] void item_row(std::string& out, const row_number& row, const item_result& item, std::string_view label,
              std::size_t indent, std::vector<std::string>& notes, fit_cache& fits, figure_cache& figures) {
  const std::string_view number = row.text();
  const text_fit label_fit = fits.fit(label, label_width - indent);
  cell weight;
  if (item.share) {
    weight.put(figures.get(*item.share, brief_figure, write_brief));
  } else {
    weight.give(declared_text(item.weight()));
  }
  const std::string_view rule = item.rule ? std::string_view(item.rule->name) : std::string_view("—");
  const text_fit rule_fit = fits.fit(rule, widths[3]);
  const outcome_text& outcome = outcome_column(item.result);
  cell rules;
  rules_text(rules, item, figures);
  cell declared;
  if (!item.share) declared.give(declared_text(item.declared()));
  cell check;
  verdict(check, item);
  std::size_t note = 0;
  if (!item.note.empty()) {
    // The whole label: a member's row shows only its name.
    const std::string full = item.label();
    std::string text;
    text.reserve(number.size() + full.size() + item.note.size() + 3);
    text += number;
    text += ' ';
    text += full;
    text += ": ";
    text += item.note;
    notes.push_back(std::move(text));
    note = notes.size();
  }
  const fmt::format_int note_number(note);

  // Seven cells, each after a space or two, then " [n]" and the newline.
  const std::size_t bound = 2 + pad_bytes(number.size(), widths[0]) + 1 + indent + fit_bytes(label, widths[1] - indent) + 1 +
                            pad_bytes(weight.bytes(), widths[2]) + 1 + fit_bytes(rule, widths[3]) + 1 +
                            pad_bytes(outcome.name.size(), widths[4]) + 1 + pad_bytes(rules.bytes(), widths[5]) + 1 +
                            pad_bytes(declared.bytes(), widths[6]) + 1 + check.bytes() + 3 + note_number.size() + 1 +
                            row_writer::slack;
  const std::size_t at = out.size();
  out.resize_and_overwrite(at + bound, [&](char* p, std::size_t) {
    row_writer w(p + at);
    w.put("  ");
    w.put_short(row.data(), number.size());
    w.spaces(number.size() < widths[0] ? widths[0] - number.size() : 0);
    w.put(' ');
    w.spaces(indent);
    w.fit(label, label_fit, widths[1] - indent);
    w.put(' ');
    w.pad_left(weight, widths[2]);
    w.put(' ');
    w.fit(rule, rule_fit, widths[3]);
    w.put(' ');
    if (outcome.name.size() <= sizeof outcome.bytes) {
      w.put_short(outcome.bytes, outcome.name.size());
    } else {
      w.put(outcome.name);
    }
    w.spaces(outcome.columns < widths[4] ? widths[4] - outcome.columns : 0);
    w.put(' ');
    w.pad_left(rules, widths[5]);
    w.put(' ');
    w.pad_left(declared, widths[6]);
    w.put(' ');
    w.put(check);
    if (note != 0) {
      w.put(" [");
      w.put(std::string_view(note_number.data(), note_number.size()));
      w.put(']');
    }
    w.put('\n');
    return static_cast<std::size_t>(w.end() - p);
  });
}

// `--explain`: one line per indicator, numbered as in the table, with the rules passed over
// indented below it.
void explain_item(std::string& out, std::string_view number, const item_result& item, std::size_t indent) {
  if (!item.why) return;
  spaces(out, indent);
  out += number;
  out += ' ';
  out += explain_line(item);
  out += '\n';
  for (const auto& line : item.why->not_applied) {
    spaces(out, indent + 6);
    out += line;
    out += '\n';
  }
}

void explain_text(std::string& out, const form_result& r) {
  bool any = r.budget.why.has_value();
  for (const auto& item : r.items) any = any || item.why.has_value();
  if (!any) return;
  out += "  explain\n";
  if (r.budget.why) append(out, "    ", explain_line(r.budget), "\n");
  std::size_t n = 0;
  for (const auto& item : r.items) {
    ++n;
    explain_item(out, row_number(n).text(), item, 4);
    std::size_t m = 0;
    for (const auto& member : item.members) explain_item(out, row_number(n, ++m).text(), member, 6);
  }
}

void form_text(std::string& out, const form_result& r) {
  const form& f = *r.source;
  append(out, f.id.empty() ? f.file : f.id, " · ", f.project, "\n");
  append(out, "  form   ", f.file, " (", f.jurisdiction, ", ", number_text(f.year), ")\n");
  append(out, "  rules  ", r.ruleset_id, " ", r.ruleset_version);
  for (const auto& parent : r.ruleset_ancestry) append(out, " ← ", parent);
  append(out, " — ", r.ruleset_path, "\n");
  append(out, "         sha256 ", r.ruleset_sha256, " · jixiao " JIXIAO_VERSION "\n");
  if (!r.mismatch.empty()) append(out, "  note   applied as given although ", r.mismatch, "\n");

  const auto& b = r.budget;
  if (b.present) {
    // The rate as a percentage: 0.7469 reads "74.69%".
    cell rate;
    if (b.rate) {
      rate.put_fixed(*b.rate * decimal::from_int(100), 2);
      rate.put('%');
    }
    cell score;
    if (b.score) score.put_fixed(*b.score, places);
    const bool ok = b.rate_agrees && b.score_agrees;
    append(out, "  budget rate ", b.rate ? rate.written() : "—", " (declared ", declared_text(b.declared_rate),
           ") · score ", b.score ? score.written() : "—", " (declared ", declared_text(b.declared_score), ", weight ",
           declared_text(b.weight), ok ? ") ✓\n" : ") ✗\n");
    if (!b.note.empty()) append(out, "         ", b.note, "\n");
  }
  out += '\n';
  // The header row is the same for every form.
  static const std::string header = [] {
    char buf[256];
    row_writer w(buf);
    const auto left = [&](std::string_view title, std::size_t width) { w.pad(title, title.size(), width); };
    const auto right = [&](std::string_view title, std::size_t width) {
      w.spaces(width - std::min(width, title.size()));
      w.put(title);
    };
    w.put("  ");
    left("#", widths[0]);
    w.put(' ');
    left("indicator", widths[1]);
    w.put(' ');
    right("weight", widths[2]);
    w.put(' ');
    left("rule", widths[3]);
    w.put(' ');
    left("outcome", widths[4]);
    w.put(' ');
    right("rules", widths[5]);
    w.put(' ');
    right("declared", widths[6]);
    w.put(" check\n");
    return std::string(buf, w.end());
  }();
  out += header;
  std::vector<std::string> notes;
  fit_cache& fits = thread_fit_cache();
  figure_cache& figures = thread_figure_cache();
  std::string label;  // each item's, built into one string
  std::size_t n = 0;
  for (const auto& item : r.items) {
    ++n;
    item.label_into(label);
    item_row(out, row_number(n), item, label, 0, notes, fits, figures);
    std::size_t m = 0;
    for (const auto& member : item.members) {
      ++m;
      item_row(out, row_number(n, m), member, member.name(), 2, notes, fits, figures);
    }
  }
  out += '\n';
  const std::string_view declared_total = r.declared_total.is_number() ? std::string_view(r.declared_total.text) : "—";
  char sum[decimal::text_capacity];
  const char* sum_end = r.declared_sum.write_exact(sum, 12);
  const std::string sum_approx = sum_end ? std::string() : r.declared_sum.to_string();
  cell total;
  total.put_fixed(r.rules_total, places);
  append(out, "  total  declared ", declared_total, " (budget + Σ declared = ",
         sum_end ? std::string_view(sum, static_cast<std::size_t>(sum_end - sum)) : std::string_view(sum_approx),
         r.declared_sum_agrees ? " ✓) · rules " : " ✗) · rules ", total.written(), " · grade ",
         r.rules_grade.empty() ? std::string_view("—") : std::string_view(r.rules_grade), " (declared ",
         r.declared_grade.empty() ? std::string_view("—") : std::string_view(r.declared_grade), ")\n");
  append(out, "  ", number_text(r.disagreements), r.disagreements == 1 ? " disagreement · " : " disagreements · ",
         number_text(r.computed), " computed, ", number_text(r.judged), " judged, ", number_text(r.unscored),
         " unscored, ", number_text(r.not_applicable), " not applicable\n");
  if (!notes.empty()) {
    out += "  notes\n";
    for (std::size_t i = 0; i < notes.size(); ++i) append(out, "    [", number_text(i + 1), "] ", notes[i], "\n");
  }
  explain_text(out, r);
}

}  // namespace

std::size_t display_width(std::string_view text) { return utf8::display_width(text); }

std::string render_text_form(const form_result& r) {
  std::string out;
  // About 4.7 kB for a form of 30 indicators: reserving once saves the string's doublings.
  out.reserve(8192);
  form_text(out, r);
  out += '\n';
  return out;
}

std::string render_text_end(const std::vector<form_error>& failures, run_counts counts) {
  std::string out;
  for (const auto& e : failures) {
    std::string where = e.line ? fmt::format("{}:{}", e.file, e.line) : e.file;
    fmt::format_to(appender(out), "error: {}: {}{}\n", where, e.path.empty() ? "" : e.path + ": ", e.message);
  }
  if (!failures.empty()) out += '\n';
  out += fmt::format("read {}, scored {}, failed {}\n", counts.read(), counts.scored, counts.failed);
  return out;
}

std::string render_text(const score_run& run) {
  std::string out;
  for (const auto& r : run.results) out += render_text_form(r);
  out += render_text_end(run.failures, {run.results.size(), run.failures.size()});
  return out;
}

}  // namespace jixiao::engine
