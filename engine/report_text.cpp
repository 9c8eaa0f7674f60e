#include <fmt/format.h>

#include <iterator>

#include "engine/fit_text.hpp"
#include "engine/report.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::engine {
namespace {

// The report is appended to one string per form: every row goes through fmt::format_to into
// it, and padding and fitting append in place, so a row makes no temporary strings for its
// columns (the text report once cost more per form than the whole reference scorer).
using appender = std::back_insert_iterator<std::string>;

void spaces(std::string& out, std::size_t n) { out.append(n, ' '); }

void pad(std::string& out, std::string_view text, std::size_t width) {
  auto w = display_width(text);
  out += text;
  spaces(out, w < width ? width - w : 0);
}

void pad_left(std::string& out, std::string_view text, std::size_t width) {
  auto w = display_width(text);
  spaces(out, w < width ? width - w : 0);
  out += text;
}

// fit_text then pad, measuring the text once: a text that fits is appended as it is, one
// that does not is cut where fit_text cuts it, and both are padded to `width` columns.
void fit_pad(std::string& out, std::string_view text, std::size_t width) {
  const auto w = utf8::display_width(text);
  if (w <= width) {
    out += text;
    spaces(out, width - w);
    return;
  }
  static const std::size_t ellipsis = utf8::display_width("…");
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto d = utf8::decode(text, i);
    const std::size_t cw = utf8::display_width(d.cp);
    if (used + cw + 1 > width) break;
    used += cw;
    i += d.size;
  }
  out += text.substr(0, i);
  out += "…";
  used += ellipsis;
  spaces(out, used < width ? width - used : 0);
}

std::string signed_fixed(const decimal& d, int places) {
  return fmt::format("{}{}", d.sign() > 0 ? "+" : "", d.to_fixed(places));
}

// Figures that do not terminate within two decimals (a third of a weight) are shown rounded
// and marked, so the reader never takes a rounded figure for an exact one.
std::string brief(const decimal& d) {
  if (d.round(2) == d) return d.to_string();
  return fmt::format("≈{}", d.to_fixed(2));
}

std::string percent(const decimal& fraction, int places) {
  return (fraction * decimal::from_int(100)).to_fixed(places) + "%";
}

std::string_view declared_text(const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: return "—";
    case number_cell::state::not_applicable: return c.text.empty() ? std::string_view("—") : std::string_view(c.text);
    case number_cell::state::number: return c.text;
  }
  return "";
}

std::string rules_text(const item_result& item, int places) {
  switch (item.result) {
    case outcome::computed: return item.computed->to_fixed(places);
    case outcome::judged: {
      // Inside: the band the declared score lies in; outside (or a member): every allowed score.
      for (const auto& b : item.bands)
        if (!item.band.empty() && b.name == item.band)
          return fmt::format("{} {}{}, {}{}", b.name, b.low_closed ? "[" : "(", brief(b.low), brief(b.high),
                             b.high_closed ? "]" : ")");
      return fmt::format("[{}, {}]", brief(*item.low), brief(*item.high));
    }
    case outcome::unscored: return "—";
    case outcome::not_applicable: return "n/a";
  }
  return "";
}

void verdict(std::string& out, const item_result& item, int places) {
  switch (item.result) {
    case outcome::computed:
    case outcome::judged:
      if (item.agrees) {
        out += "✓";
      } else if (item.difference) {
        out += signed_fixed(*item.difference, places);
        out += " ✗";
      } else {
        out += "✗";
      }
      return;
    case outcome::unscored: out += "?"; return;
    case outcome::not_applicable: return;
  }
}

constexpr std::size_t label_width = 40;
constexpr int places = 2;

void item_row(std::string& out, std::string_view number, const item_result& item, std::string_view label,
              std::vector<std::string>& notes) {
  out += "  ";
  pad(out, number, 5);
  out += ' ';
  fit_pad(out, label, label_width);
  out += ' ';
  if (item.share) {
    pad_left(out, brief(*item.share), 6);
  } else {
    pad_left(out, declared_text(item.weight), 6);
  }
  out += ' ';
  fit_pad(out, item.rule.empty() ? std::string_view("—") : std::string_view(item.rule), 10);
  out += ' ';
  pad(out, outcome_name(item.result), 9);
  out += ' ';
  pad_left(out, rules_text(item, places), 16);
  out += ' ';
  pad_left(out, item.share ? std::string_view() : declared_text(item.declared), 8);
  out += ' ';
  verdict(out, item, places);
  if (!item.note.empty()) {
    notes.push_back(fmt::format("{} {}: {}", number, item.label, item.note));
    fmt::format_to(appender(out), " [{}]", notes.size());
  }
  out += '\n';
}

// `--explain`: one line per indicator, numbered as in the table, with the rules passed over
// indented below it.
void explain_item(std::string& out, std::string_view number, const item_result& item, std::size_t indent) {
  if (!item.why) return;
  spaces(out, indent);
  fmt::format_to(appender(out), "{} {}\n", number, explain_line(item));
  for (const auto& line : item.why->not_applied) {
    spaces(out, indent);
    fmt::format_to(appender(out), "      {}\n", line);
  }
}

// A row number, "12" or "12.3", in a buffer of the caller's.
std::string_view row_number(fmt::memory_buffer& buf, std::size_t n, std::size_t m = 0) {
  buf.clear();
  if (m == 0) {
    fmt::format_to(std::back_inserter(buf), "{}", n);
  } else {
    fmt::format_to(std::back_inserter(buf), "{}.{}", n, m);
  }
  return {buf.data(), buf.size()};
}

void explain_text(std::string& out, const form_result& r) {
  bool any = r.budget.why.has_value();
  for (const auto& item : r.items) any = any || item.why.has_value();
  if (!any) return;
  out += "  explain\n";
  if (r.budget.why) fmt::format_to(appender(out), "    {}\n", explain_line(r.budget));
  fmt::memory_buffer number;
  std::size_t n = 0;
  for (const auto& item : r.items) {
    ++n;
    explain_item(out, row_number(number, n), item, 4);
    std::size_t m = 0;
    for (const auto& member : item.members) explain_item(out, row_number(number, n, ++m), member, 6);
  }
}

void form_text(std::string& out, const form_result& r) {
  const form& f = *r.source;
  fmt::format_to(appender(out), "{} · {}\n", f.id.empty() ? f.file : f.id, f.project);
  fmt::format_to(appender(out), "  form   {} ({}, {})\n", f.file, f.jurisdiction, f.year);
  fmt::format_to(appender(out), "  rules  {} {}", r.ruleset_id, r.ruleset_version);
  for (const auto& parent : r.ruleset_ancestry) fmt::format_to(appender(out), " ← {}", parent);
  fmt::format_to(appender(out), " — {}\n", r.ruleset_path);
  fmt::format_to(appender(out), "         sha256 {} · jixiao {}\n", r.ruleset_sha256, JIXIAO_VERSION);
  if (!r.mismatch.empty()) fmt::format_to(appender(out), "  note   applied as given although {}\n", r.mismatch);

  const auto& b = r.budget;
  if (b.present) {
    std::string rate = b.rate ? percent(*b.rate, 2) : "—";
    std::string score = b.score ? b.score->to_fixed(places) : "—";
    bool ok = b.rate_agrees && b.score_agrees;
    fmt::format_to(appender(out), "  budget rate {} (declared {}) · score {} (declared {}, weight {}) {}\n", rate,
                   declared_text(b.declared_rate), score, declared_text(b.declared_score), declared_text(b.weight),
                   ok ? "✓" : "✗");
    if (!b.note.empty()) fmt::format_to(appender(out), "         {}\n", b.note);
  }
  out += '\n';
  // The header row is the same for every form.
  static const std::string header = [] {
    std::string h = "  ";
    pad(h, "#", 5);
    h += ' ';
    pad(h, "indicator", label_width);
    h += ' ';
    pad_left(h, "weight", 6);
    h += ' ';
    pad(h, "rule", 10);
    h += ' ';
    pad(h, "outcome", 9);
    h += ' ';
    pad_left(h, "rules", 16);
    h += ' ';
    pad_left(h, "declared", 8);
    h += " check\n";
    return h;
  }();
  out += header;
  std::vector<std::string> notes;
  fmt::memory_buffer number;
  std::string member_label;
  std::size_t n = 0;
  for (const auto& item : r.items) {
    ++n;
    item_row(out, row_number(number, n), item, item.label, notes);
    std::size_t m = 0;
    for (const auto& member : item.members) {
      ++m;
      member_label.assign("  ");
      member_label += member.name;
      item_row(out, row_number(number, n, m), member, member_label, notes);
    }
  }
  out += '\n';
  std::string_view declared_total = r.declared_total.is_number() ? std::string_view(r.declared_total.text) : "—";
  fmt::format_to(appender(out), "  total  declared {} (budget + Σ declared = {} {}) · rules {} · grade {} (declared {})\n",
                 declared_total, r.declared_sum.to_string(), r.declared_sum_agrees ? "✓" : "✗",
                 r.rules_total.to_fixed(places), r.rules_grade.empty() ? "—" : r.rules_grade,
                 r.declared_grade.empty() ? "—" : r.declared_grade);
  fmt::format_to(appender(out), "  {} disagreement{} · {} computed, {} judged, {} unscored, {} not applicable\n",
                 r.disagreements, r.disagreements == 1 ? "" : "s", r.computed, r.judged, r.unscored,
                 r.not_applicable);
  if (!notes.empty()) {
    out += "  notes\n";
    for (std::size_t i = 0; i < notes.size(); ++i) fmt::format_to(appender(out), "    [{}] {}\n", i + 1, notes[i]);
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
