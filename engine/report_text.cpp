#include <fmt/format.h>

#include "engine/fit_text.hpp"
#include "engine/report.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::engine {
namespace {

std::string pad(std::string_view text, std::size_t width) {
  auto w = display_width(text);
  return std::string(text) + std::string(w < width ? width - w : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
  auto w = display_width(text);
  return std::string(w < width ? width - w : 0, ' ') + std::string(text);
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

std::string declared_text(const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: return "—";
    case number_cell::state::not_applicable: return c.text.empty() ? "—" : c.text;
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

std::string verdict(const item_result& item, int places) {
  switch (item.result) {
    case outcome::computed:
    case outcome::judged:
      if (item.agrees) return "✓";
      if (item.difference) return signed_fixed(*item.difference, places) + " ✗";
      return "✗";
    case outcome::unscored: return "?";
    case outcome::not_applicable: return "";
  }
  return "";
}

constexpr std::size_t label_width = 40;
constexpr int places = 2;

void item_row(std::string& out, const std::string& number, const item_result& item, const std::string& label,
              std::vector<std::string>& notes) {
  std::string weight = item.share ? brief(*item.share) : declared_text(item.weight);
  std::string mark = verdict(item, places);
  if (!item.note.empty()) {
    notes.push_back(fmt::format("{} {}: {}", number, item.label, item.note));
    mark += fmt::format(" [{}]", notes.size());
  }
  out += fmt::format("  {} {} {} {} {} {} {} {}\n", pad(number, 5), pad(fit_text(label, label_width), label_width),
                     pad_left(weight, 6), pad(fit_text(item.rule.empty() ? "—" : item.rule, 10), 10),
                     pad(outcome_name(item.result), 9), pad_left(rules_text(item, places), 16),
                     pad_left(item.share ? "" : declared_text(item.declared), 8), mark);
}

// `--explain`: one line per indicator, numbered as in the table, with the rules passed over
// indented below it.
void explain_item(std::string& out, const std::string& number, const item_result& item, std::size_t indent) {
  if (!item.why) return;
  const std::string pad_by(indent, ' ');
  out += fmt::format("{}{} {}\n", pad_by, number, explain_line(item));
  for (const auto& line : item.why->not_applied) out += fmt::format("{}      {}\n", pad_by, line);
}

void explain_text(std::string& out, const form_result& r) {
  bool any = r.budget.why.has_value();
  for (const auto& item : r.items) any = any || item.why.has_value();
  if (!any) return;
  out += "  explain\n";
  if (r.budget.why) out += fmt::format("    {}\n", explain_line(r.budget));
  std::size_t n = 0;
  for (const auto& item : r.items) {
    ++n;
    explain_item(out, std::to_string(n), item, 4);
    std::size_t m = 0;
    for (const auto& member : item.members) explain_item(out, fmt::format("{}.{}", n, ++m), member, 6);
  }
}

void form_text(std::string& out, const form_result& r) {
  const form& f = *r.source;
  out += fmt::format("{} · {}\n", f.id.empty() ? f.file : f.id, f.project);
  out += fmt::format("  form   {} ({}, {})\n", f.file, f.jurisdiction, f.year);
  std::string lineage;
  for (const auto& parent : r.ruleset_ancestry) lineage += fmt::format(" ← {}", parent);
  out += fmt::format("  rules  {} {}{} — {}\n", r.ruleset_id, r.ruleset_version, lineage, r.ruleset_path);
  out += fmt::format("         sha256 {} · jixiao {}\n", r.ruleset_sha256, JIXIAO_VERSION);
  if (!r.mismatch.empty()) out += fmt::format("  note   applied as given although {}\n", r.mismatch);

  const auto& b = r.budget;
  if (b.present) {
    std::string rate = b.rate ? percent(*b.rate, 2) : "—";
    std::string score = b.score ? b.score->to_fixed(places) : "—";
    bool ok = b.rate_agrees && b.score_agrees;
    out += fmt::format("  budget rate {} (declared {}) · score {} (declared {}, weight {}) {}\n", rate,
                       declared_text(b.declared_rate), score, declared_text(b.declared_score),
                       declared_text(b.weight), ok ? "✓" : "✗");
    if (!b.note.empty()) out += fmt::format("         {}\n", b.note);
  }
  out += '\n';
  out += fmt::format("  {} {} {} {} {} {} {} {}\n", pad("#", 5), pad("indicator", label_width), pad_left("weight", 6),
                     pad("rule", 10), pad("outcome", 9), pad_left("rules", 16), pad_left("declared", 8), "check");
  std::vector<std::string> notes;
  std::size_t n = 0;
  for (const auto& item : r.items) {
    ++n;
    item_row(out, std::to_string(n), item, item.label, notes);
    std::size_t m = 0;
    for (const auto& member : item.members) {
      ++m;
      item_row(out, fmt::format("{}.{}", n, m), member, "  " + member.name, notes);
    }
  }
  out += '\n';
  std::string declared_total = r.declared_total.is_number() ? r.declared_total.text : "—";
  out += fmt::format("  total  declared {} (budget + Σ declared = {} {}) · rules {} · grade {} (declared {})\n",
                     declared_total, r.declared_sum.to_string(), r.declared_sum_agrees ? "✓" : "✗",
                     r.rules_total.to_fixed(places), r.rules_grade.empty() ? "—" : r.rules_grade,
                     r.declared_grade.empty() ? "—" : r.declared_grade);
  out += fmt::format("  {} disagreement{} · {} computed, {} judged, {} unscored, {} not applicable\n", r.disagreements,
                     r.disagreements == 1 ? "" : "s", r.computed, r.judged, r.unscored, r.not_applicable);
  if (!notes.empty()) {
    out += "  notes\n";
    for (std::size_t i = 0; i < notes.size(); ++i) out += fmt::format("    [{}] {}\n", i + 1, notes[i]);
  }
  explain_text(out, r);
}

}  // namespace

std::size_t display_width(std::string_view text) { return utf8::display_width(text); }

std::string render_text_form(const form_result& r) {
  std::string out;
  form_text(out, r);
  out += '\n';
  return out;
}

std::string render_text_end(const std::vector<form_error>& failures, run_counts counts) {
  std::string out;
  for (const auto& e : failures) {
    std::string where = e.line ? fmt::format("{}:{}", e.file, e.line) : e.file;
    out += fmt::format("error: {}: {}{}\n", where, e.path.empty() ? "" : e.path + ": ", e.message);
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
