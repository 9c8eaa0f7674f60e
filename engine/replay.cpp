#include "engine/replay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/csv_row.hpp"
#include "engine/report.hpp"

namespace jixiao::engine {
namespace {

constexpr std::size_t max_movers = 10;

// What an item counts for in its side's total; empty when it is left out.
std::optional<decimal> counted(const item_result& item) {
  if (item.result == outcome::not_applicable) return std::nullopt;
  return item.contribution;
}

std::optional<decimal> declared(const item_result& item) {
  if (!item.declared().is_number()) return std::nullopt;
  return item.declared().value;
}

std::string side(const form_result& r) { return fmt::format("{} {}", r.ruleset_id, r.ruleset_version); }

std::string figure(const std::optional<decimal>& d) { return d ? d->to_fixed(2) : "—"; }

std::string signed_figure(const decimal& d) {
  return fmt::format("{}{}", d.sign() > 0 ? "+" : "", d.to_fixed(2));
}

}  // namespace

form_replay replay_form(const form& f, const form_result* a, const form_result& b, const program& b_rules) {
  form_replay out;
  out.file = f.file;
  out.id = f.id;
  out.project = f.project;
  out.jurisdiction = f.jurisdiction;
  out.year = f.year;
  out.ruleset_b = side(b);
  out.total_b = b.rules_total;
  out.grade_b = b.rules_grade;
  if (a) {
    out.ruleset_a = side(*a);
    out.total_a = a->rules_total;
    out.grade_a = a->rules_grade;
  } else {
    out.ruleset_a = "declared";
    out.total_a = f.total_score.is_number() ? f.total_score.value : b.declared_sum;
    out.grade_a = b_rules.grade(out.total_a);
  }
  out.delta = out.total_b - out.total_a;
  // Both sides list the same items in the same order: the items follow the form. An item's
  // path, label and rules are copied only when it moved: most items do not, and building a
  // change for every item was most of this function's cost.
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    const auto& ib = b.items[i];
    const item_result* ia = a && i < a->items.size() ? &a->items[i] : nullptr;
    const auto score_b = counted(ib);
    const auto outcome_b = outcome_name(ib.result);
    const auto score_a = ia ? counted(*ia) : declared(ib);
    const std::string_view outcome_a = ia ? outcome_name(ia->result) : std::string_view("declared");
    const bool moved = score_a != score_b || (a && outcome_a != outcome_b);
    if (!moved) continue;
    indicator_change c;
    c.path = ib.path();
    c.label = ib.label();
    c.rule_b = ib.rule_name();
    c.outcome_b = outcome_b;
    c.score_b = score_b;
    if (ia) c.rule_a = ia->rule_name();
    c.outcome_a = outcome_a;
    c.score_a = score_a;
    c.delta = c.score_b.value_or(decimal{}) - c.score_a.value_or(decimal{});
    out.changes.push_back(std::move(c));
  }
  return out;
}

void replay_summary::add(const form_replay& r) {
  ++forms;
  if (!r.delta.is_zero()) ++totals_changed;
  if (!r.changes.empty()) ++indicators_changed;
  sum_delta = sum_delta + r.delta;
  if (!largest || largest->abs() < r.delta.abs()) {
    largest = r.delta;
    largest_form = r.id.empty() ? r.file : r.id;
  }
  for (const auto* g : {&r.grade_a, &r.grade_b})
    if (std::find(grades.begin(), grades.end(), *g) == grades.end()) grades.push_back(*g);
  ++transitions[{r.grade_a, r.grade_b}];
  for (const auto& c : r.changes) {
    if (c.delta.is_zero()) continue;
    movers.push_back({r.id.empty() ? r.file : r.id, c});
    // Keep the largest, and among equals the earliest: stable and deterministic.
    std::stable_sort(movers.begin(), movers.end(),
                     [](const mover& x, const mover& y) { return y.change.delta.abs() < x.change.delta.abs(); });
    if (movers.size() > max_movers) movers.pop_back();
  }
}

std::optional<decimal> replay_summary::mean() const {
  if (forms == 0) return std::nullopt;
  return sum_delta / decimal::from_int(static_cast<std::int64_t>(forms));
}

std::string render_replay_text(const replay_run& run, bool detail) {
  std::string out;
  for (const auto& r : run.forms) {
    out += fmt::format("{} · {} ({}, {})\n", r.id.empty() ? r.file : r.id, r.project, r.jurisdiction, r.year);
    out += fmt::format("  A {:<24} total {:>7}  grade {}\n", r.ruleset_a, r.total_a.to_fixed(2),
                       r.grade_a.empty() ? "—" : r.grade_a);
    out += fmt::format("  B {:<24} total {:>7}  grade {}\n", r.ruleset_b, r.total_b.to_fixed(2),
                       r.grade_b.empty() ? "—" : r.grade_b);
    out += fmt::format("  change {}{}\n", signed_figure(r.delta),
                       r.changes.empty() ? "" : fmt::format(" · {} indicator{} changed", r.changes.size(),
                                                            r.changes.size() == 1 ? "" : "s"));
    if (detail) {
      for (const auto& c : r.changes) {
        auto rule = [](const std::string& name, const std::string& outcome) {
          return name.empty() ? outcome : fmt::format("{} ({})", name, outcome);
        };
        out += fmt::format("    {}: {} → {} ({}) · A {} · B {}\n", c.label, figure(c.score_a), figure(c.score_b),
                           signed_figure(c.delta), rule(c.rule_a, c.outcome_a), rule(c.rule_b, c.outcome_b));
      }
    }
    out += '\n';
  }
  for (const auto& e : run.failures) {
    std::string where = e.line ? fmt::format("{}:{}", e.file, e.line) : e.file;
    out += fmt::format("error: {}: {}{}\n", where, e.path.empty() ? "" : e.path + ": ", e.message);
  }
  if (!run.failures.empty()) out += '\n';

  const auto& s = run.summary;
  out += fmt::format("replayed {} form{}: {} total{} changed, {} with changed indicators\n", s.forms,
                     s.forms == 1 ? "" : "s", s.totals_changed, s.totals_changed == 1 ? "" : "s", s.indicators_changed);
  if (auto m = s.mean()) out += fmt::format("mean change {} · largest {} ({})\n", signed_figure(*m),
                                           signed_figure(*s.largest), s.largest_form);
  if (!s.grades.empty()) {
    // Rows: the grade under A; columns: the grade under B.
    auto cell = [](std::string_view text, std::size_t width) {
      auto w = display_width(text);
      return std::string(w < width ? width - w : 0, ' ') + std::string(text);
    };
    auto name = [](const std::string& g) { return g.empty() ? std::string("—") : g; };
    constexpr std::size_t width = 6;
    out += "grades (rows: A, columns: B)\n  " + cell("", width);
    for (const auto& g : s.grades) out += cell(name(g), width);
    out += '\n';
    for (const auto& ga : s.grades) {
      out += "  " + cell(name(ga), width);
      for (const auto& gb : s.grades) {
        auto it = s.transitions.find({ga, gb});
        out += cell(std::to_string(it == s.transitions.end() ? 0 : it->second), width);
      }
      out += '\n';
    }
  }
  if (!s.movers.empty()) {
    out += "largest indicator changes\n";
    for (const auto& m : s.movers)
      out += fmt::format("  {} {} · {} ({} → {})\n", signed_figure(m.change.delta), m.form, m.change.label,
                         figure(m.change.score_a), figure(m.change.score_b));
  }
  out += fmt::format("read {}, replayed {}, failed {}\n", run.read(), run.forms.size(), run.failures.size());
  return out;
}

namespace {

using json = nlohmann::ordered_json;

json optional_figure(const std::optional<decimal>& d) { return d ? json(d->to_fixed(2)) : json(nullptr); }

json change_json(const indicator_change& c) {
  return {{"path", c.path},
          {"label", c.label},
          {"rule_a", c.rule_a.empty() ? json(nullptr) : json(c.rule_a)},
          {"rule_b", c.rule_b.empty() ? json(nullptr) : json(c.rule_b)},
          {"outcome_a", c.outcome_a},
          {"outcome_b", c.outcome_b},
          {"score_a", optional_figure(c.score_a)},
          {"score_b", optional_figure(c.score_b)},
          {"delta", c.delta.to_fixed(2)}};
}

}  // namespace

std::string render_replay_json(const replay_run& run, bool detail) {
  json j;
  j["schema"] = "jixiao.replay/1";
  j["jixiao_version"] = JIXIAO_VERSION;
  json forms = json::array();
  for (const auto& r : run.forms) {
    json f{{"file", r.file},         {"id", r.id},           {"project", r.project},
           {"jurisdiction", r.jurisdiction}, {"year", r.year}, {"ruleset_a", r.ruleset_a},
           {"ruleset_b", r.ruleset_b}, {"total_a", r.total_a.to_fixed(2)}, {"total_b", r.total_b.to_fixed(2)},
           {"delta", r.delta.to_fixed(2)}, {"grade_a", r.grade_a}, {"grade_b", r.grade_b},
           {"changed_indicators", r.changes.size()}};
    if (detail) {
      json changes = json::array();
      for (const auto& c : r.changes) changes.push_back(change_json(c));
      f["changes"] = changes;
    }
    forms.push_back(f);
  }
  j["forms"] = forms;
  json failures = json::array();
  for (const auto& e : run.failures)
    failures.push_back({{"file", e.file}, {"line", e.line ? json(e.line) : json(nullptr)}, {"path", e.path}, {"message", e.message}});
  j["failures"] = failures;
  const auto& s = run.summary;
  json transitions = json::array();
  for (const auto& [key, count] : s.transitions) transitions.push_back({{"a", key.first}, {"b", key.second}, {"forms", count}});
  json movers = json::array();
  for (const auto& m : s.movers) {
    auto c = change_json(m.change);
    c["form"] = m.form;
    movers.push_back(c);
  }
  j["summary"] = {{"read", run.read()},
                  {"replayed", s.forms},
                  {"failed", run.failures.size()},
                  {"totals_changed", s.totals_changed},
                  {"indicators_changed", s.indicators_changed},
                  {"mean_change", s.mean() ? json(s.mean()->to_fixed(2)) : json(nullptr)},
                  {"largest_change", s.largest ? json(s.largest->to_fixed(2)) : json(nullptr)},
                  {"largest_form", s.largest ? json(s.largest_form) : json(nullptr)},
                  {"grades", s.grades},
                  {"transitions", transitions},
                  {"movers", movers}};
  return j.dump(2) + "\n";
}

std::string render_replay_csv(const replay_run& run, bool detail) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel then reads the Chinese text correctly
  auto header = [&](std::initializer_list<std::string_view> names) {
    csv_row w(out);
    for (auto name : names) w.text(name);
    w.end();
  };
  if (!detail) {
    header({"file", "id", "project", "jurisdiction", "year", "ruleset_a", "ruleset_b", "total_a", "total_b", "delta",
            "grade_a", "grade_b", "changed_indicators"});
    for (const auto& r : run.forms) {
      csv_row w(out);
      w.text(r.file);
      w.text(r.id);
      w.text(r.project);
      w.text(r.jurisdiction);
      w.count(r.year);
      w.text(r.ruleset_a);
      w.text(r.ruleset_b);
      w.fixed(r.total_a);
      w.fixed(r.total_b);
      w.fixed(r.delta);
      w.text(r.grade_a);
      w.text(r.grade_b);
      w.count(r.changes.size());
      w.end();
    }
    return out;
  }
  header({"file", "id", "path", "label", "rule_a", "rule_b", "outcome_a", "outcome_b", "score_a", "score_b", "delta"});
  for (const auto& r : run.forms)
    for (const auto& c : r.changes) {
      csv_row w(out);
      for (std::string_view text : {std::string_view(r.file), std::string_view(r.id), std::string_view(c.path),
                                    std::string_view(c.label), std::string_view(c.rule_a), std::string_view(c.rule_b),
                                    std::string_view(c.outcome_a), std::string_view(c.outcome_b)})
        w.text(text);
      for (const auto& score : {c.score_a, c.score_b}) {
        if (score)
          w.fixed(*score);
        else
          w.none();
      }
      w.fixed(c.delta);
      w.end();
    }
  return out;
}

}  // namespace jixiao::engine
