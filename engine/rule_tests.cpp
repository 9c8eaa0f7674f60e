#include "engine/rule_tests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "engine/explain.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::engine {
namespace {

namespace fs = std::filesystem;
using dsl::expectation_kind;

// ---------------------------------------------------------------------------------------------
// Figures as the author wrote them

// Decimal places written: "1.60" → 2, "85" → 0, "74.69%" → 2.
int written_places(std::string_view text) {
  if (text.ends_with('%')) text.remove_suffix(1);
  const auto dot = text.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

// The expected figure: the parser has checked that it is a number.
decimal figure(const dsl::test_value& v) {
  std::string_view text = v.text;
  const bool percent = text.ends_with('%');
  if (percent) text.remove_suffix(1);
  auto d = decimal::parse(text).value_or(decimal::invalid());
  return percent ? d / decimal::from_int(100) : d;
}

// An actual figure with as many places as the expected one was written with, unless that
// would hide a difference: then exactly.
std::string show(const decimal& d, int places) {
  auto fixed = d.to_fixed(places);
  auto back = decimal::parse(fixed);
  return back && *back == d ? fixed : d.to_string();
}

std::string show_percent(const decimal& d, int places) { return show(d * decimal::from_int(100), places) + "%"; }

std::string quoted_list(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " / ") + p;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inline forms

struct located {
  std::string path;  // JSON path in the loader's spelling: indicators[0].weight
  dsl::source_span span;
};

dsl::diagnostic test_error(const dsl::test_file& file, dsl::source_span span, std::string message) {
  return {dsl::severity::error, file.path, span, std::move(message), {}};
}

expected<std::shared_ptr<const form>, dsl::diagnostic> inline_form(const dsl::test_file& file,
                                                                   const dsl::test_case& test, const program& rules) {
  nlohmann::ordered_json doc;
  std::vector<located> where;
  doc["schema"] = "jixiao.form/1";
  doc["id"] = test.name;
  doc["year"] = test.year.value_or(file.year.value_or(rules.effective_from.year));
  doc["jurisdiction"] = test.jurisdiction.value_or(file.jurisdiction.value_or(rules.jurisdiction));
  auto fill = [&](nlohmann::ordered_json& object, const std::string& at, const dsl::inline_row& row) {
    where.push_back({at, row.span});
    for (const auto& f : row.fields) {
      object[f.key] = f.value.text;
      where.push_back({fmt::format("{}.{}", at, f.key), f.value.span});
    }
  };
  auto labels = [&](nlohmann::ordered_json& object, const std::string& at, const dsl::inline_row& row) {
    static constexpr std::string_view keys[] = {"level1", "level2", "name"};
    for (std::size_t i = 0; i < row.path.size() && i < 3; ++i) {
      object[std::string(keys[i])] = row.path[i].text;
      where.push_back({fmt::format("{}.{}", at, keys[i]), row.path[i].span});
    }
  };
  auto indicators = nlohmann::ordered_json::array();
  auto groups = nlohmann::ordered_json::array();
  for (const auto& row : test.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    switch (row.kind) {
      case dsl::inline_kind::indicator: {
        const auto at = fmt::format("indicators[{}]", indicators.size());
        labels(object, at, row);
        fill(object, at, row);
        indicators.push_back(std::move(object));
        break;
      }
      case dsl::inline_kind::group: {
        const auto at = fmt::format("groups[{}]", groups.size());
        labels(object, at, row);
        fill(object, at, row);
        groups.push_back(std::move(object));
        break;
      }
      case dsl::inline_kind::budget:
        object["name"] = "年度资金总额";
        fill(object, "budget.rows[0]", row);
        doc["budget"]["rows"] = nlohmann::ordered_json::array({std::move(object)});
        break;
      case dsl::inline_kind::goals:
        fill(object, "goals", row);
        doc["goals"] = std::move(object);
        break;
      case dsl::inline_kind::total:
        fill(object, "total", row);
        doc["total"] = std::move(object);
        break;
    }
  }
  doc["indicators"] = std::move(indicators);
  if (!groups.empty()) doc["groups"] = std::move(groups);

  auto loaded = load_form(doc.dump(), fmt::format("{}:{}", file.path, test.span.line));
  if (loaded) return std::make_shared<const form>(std::move(*loaded));
  // The loader names the JSON element; the author wrote it at a line and column of the test.
  const auto& e = loaded.error();
  const located* best = nullptr;
  for (const auto& w : where) {
    const bool inside = e.path == w.path ||
                        (e.path.starts_with(w.path) && (e.path[w.path.size()] == '.' || e.path[w.path.size()] == '['));
    if (inside && (!best || w.path.size() > best->path.size())) best = &w;
  }
  return unexpected(test_error(file, best ? best->span : test.span, e.message));
}

// ---------------------------------------------------------------------------------------------
// Finding what an expectation is about

// The parts of an item's label: 产出指标 › 数量指标 › 分析关键技术.
std::vector<std::string_view> label_parts(std::string_view label) {
  std::vector<std::string_view> out;
  constexpr std::string_view separator = " › ";
  while (true) {
    const auto at = label.find(separator);
    out.push_back(label.substr(0, at));
    if (at == std::string_view::npos) break;
    label.remove_prefix(at + separator.size());
  }
  return out;
}

// The subject names the last parts of the label: "分析关键技术", or 数量指标 / "分析关键技术".
bool names(const std::vector<std::string>& subject, const item_result& item) {
  const auto label = item.label();
  const auto parts = label_parts(label);
  if (subject.size() > parts.size()) return false;
  return std::equal(subject.rbegin(), subject.rend(), parts.rbegin());
}

void every_item(const std::vector<item_result>& items, std::vector<const item_result*>& out) {
  for (const auto& item : items) {
    out.push_back(&item);
    every_item(item.members, out);
  }
}

struct lookup {
  const item_result* item = nullptr;
  std::string problem;                // why there is no single item
  std::vector<std::string> candidates;  // what the form has instead
};

lookup find_item(const form_result& r, const std::vector<std::string>& subject) {
  std::vector<const item_result*> all;
  every_item(r.items, all);
  lookup out;
  if (subject.empty()) {
    if (r.items.size() == 1) {
      out.item = &r.items.front();
      return out;
    }
    out.problem = fmt::format("the form has {} indicators and groups: name the one meant, e.g. expect \"{}\" score …",
                              r.items.size(), r.items.empty() ? std::string_view("名称") : r.items.front().name());
    return out;
  }
  std::vector<const item_result*> hits;
  for (const auto* item : all)
    if (names(subject, *item)) hits.push_back(item);
  if (hits.size() == 1) {
    out.item = hits.front();
    return out;
  }
  if (hits.empty()) {
    out.problem = fmt::format("no indicator or group named {}", quoted_list(subject));
    for (const auto* item : all) out.candidates.push_back(item->label());
  } else {
    out.problem = fmt::format("{} rows are named {}: give more of the path, e.g. 二级指标 / \"三级指标\"", hits.size(),
                              quoted_list(subject));
    for (const auto* item : hits) out.candidates.push_back(item->label());
  }
  return out;
}

// How an item came out, in a few words, for an expectation that wanted something else.
std::string describe(const item_result& item, int places) {
  switch (item.result) {
    case outcome::computed: return fmt::format("computed {}", show(*item.computed, places));
    case outcome::judged:
      return fmt::format("judged {}..{}{}", show(*item.low, places), show(*item.high, places),
                         item.band.empty() ? "" : fmt::format(" ({})", item.band));
    case outcome::unscored: return fmt::format("unscored: {}", item.note);
    case outcome::not_applicable: return "not applicable";
  }
  return "";
}

// The derivation of an item: its explain line, and its members' for a group.
std::vector<std::string> derivation(const item_result& item) {
  std::vector<std::string> out{explain_line(item)};
  for (const auto& m : item.members) out.push_back("  " + explain_line(m));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checking expectations

// Does the finding lie on the element the author named: a part of its label (分析重点领域,
// 项目资金) or its JSON path (budget, indicators[3])?
bool on_element(const finding& f, std::string_view element) {
  for (auto part : label_parts(f.label))
    if (part == element) return true;
  return f.path == element || (f.path.starts_with(element) &&
                               (f.path[element.size()] == '.' || f.path[element.size()] == '['));
}

std::string finding_line(const finding& f) {
  return fmt::format("{} {} {}: {}", f.check, severity_name(f.severity), f.label.empty() ? "表" : f.label, f.message);
}

class checker {
public:
  checker(const program& p, const form_result& r, const std::vector<finding>& findings)
      : m_p(p), m_r(r), m_findings(findings) {}

  expectation_result check(const dsl::test_expectation& e) const {
    expectation_result out{.expectation = &e};
    switch (e.kind) {
      case expectation_kind::score:
      case expectation_kind::outcome:
      case expectation_kind::rule:
      case expectation_kind::band:
      case expectation_kind::range: item(e, out); break;
      case expectation_kind::budget_score:
      case expectation_kind::budget_rate: budget(e, out); break;
      case expectation_kind::total: total(e, out); break;
      case expectation_kind::grade: grade(e, out); break;
      case expectation_kind::lint:
      case expectation_kind::no_lint: lint(e, out); break;
    }
    return out;
  }

private:
  void item(const dsl::test_expectation& e, expectation_result& out) const {
    const int places = written_places(e.value.text);
    out.expected = e.value.text;
    const auto found = find_item(m_r, e.subject);
    if (!found.item) {
      out.actual = found.problem;
      out.because_label = "the form";
      // Enough rows to spot a misspelt name without burying the failure.
      constexpr std::size_t shown = 8;
      for (std::size_t i = 0; i < found.candidates.size() && i < shown; ++i) out.because.push_back(found.candidates[i]);
      if (found.candidates.size() > shown) out.because.push_back(fmt::format("… and {} more", found.candidates.size() - shown));
      return;
    }
    const auto& it = *found.item;
    out.because = derivation(it);
    switch (e.kind) {
      case expectation_kind::score: {
        const auto want = figure(e.value);
        if (it.result != outcome::computed) {
          out.actual = describe(it, places);
          return;
        }
        out.actual = show(*it.computed, places);
        // A group member's share is kept exact; the author writes it at some precision.
        out.passed = *it.computed == want || (it.share && it.computed->round(places) == want);
        return;
      }
      case expectation_kind::outcome:
        out.actual = outcome_name(it.result);
        if (it.result == outcome::unscored) out.actual += ": " + it.note;
        out.passed = outcome_name(it.result) == e.value.text;
        return;
      case expectation_kind::rule:
        out.actual = it.rule ? it.rule->name : fmt::format("no rule applied ({})", it.note);
        out.passed = it.rule_name() == e.value.text;
        return;
      case expectation_kind::band:
        if (it.result != outcome::judged)
          out.actual = describe(it, places);
        else if (it.band.empty())
          out.actual = fmt::format("declared {} lies in no allowed band ({}..{})",
                                   it.declared().is_number() ? it.declared().text : "nothing", show(*it.low, 2), show(*it.high, 2));
        else
          out.actual = it.band;
        out.passed = it.result == outcome::judged && it.band == e.value.text;
        return;
      case expectation_kind::range: {
        const int high_places = written_places(e.high->text);
        out.expected = fmt::format("{}..{}", e.value.text, e.high->text);
        if (it.result != outcome::judged) {
          out.actual = describe(it, places);
          return;
        }
        out.actual = fmt::format("{}..{}", show(*it.low, places), show(*it.high, high_places));
        out.passed = *it.low == figure(e.value) && *it.high == figure(*e.high);
        return;
      }
      default: return;
    }
  }

  void budget(const dsl::test_expectation& e, expectation_result& out) const {
    const auto& b = m_r.budget;
    out.expected = e.value.text;
    out.because = {explain_line(b)};
    if (!b.present) {
      out.actual = "the form has no budget block";
      out.because.clear();
      return;
    }
    const int places = written_places(e.value.text);
    if (e.kind == expectation_kind::budget_score) {
      if (!b.score) {
        out.actual = fmt::format("not computed: {}", b.note);
        return;
      }
      out.actual = show(*b.score, places);
      out.passed = *b.score == figure(e.value);
      return;
    }
    if (!b.rate) {
      out.actual = fmt::format("not computed: {}", b.note);
      return;
    }
    // A rate is compared at the precision written, as the form's own rate is.
    const bool percent = e.value.text.ends_with('%');
    const auto rounded = b.rate->round(places + (percent ? 2 : 0));
    out.actual = percent ? show_percent(rounded, places) : show(rounded, places);
    out.passed = rounded == figure(e.value);
  }

  void total(const dsl::test_expectation& e, expectation_result& out) const {
    const int places = written_places(e.value.text);
    out.expected = e.value.text;
    out.actual = show(m_r.rules_total, places);
    out.passed = m_r.rules_total == figure(e.value);
    // The sum, then the rows whose rules score is not what the form declares: where a total
    // that surprises its author usually comes from.
    decimal items;
    std::size_t counted = 0;
    for (const auto& it : m_r.items)
      if (it.result != outcome::not_applicable) {
        items = items + it.contribution;
        ++counted;
      }
    const auto budget = m_r.rules_total - items.round(m_p.decimals);
    out.because.push_back(fmt::format("rules total = budget {} + {} rows {} = {}", show(budget, m_p.decimals), counted,
                                      show(items, m_p.decimals), show(m_r.rules_total, m_p.decimals)));
    for (const auto& it : m_r.items)
      if (!it.agrees && it.result != outcome::not_applicable) out.because.push_back("  " + explain_line(it));
  }

  void grade(const dsl::test_expectation& e, expectation_result& out) const {
    out.expected = e.value.text;
    out.actual = m_r.rules_grade.empty() ? "no grade" : m_r.rules_grade;
    out.passed = m_r.rules_grade == e.value.text;
    out.because.push_back(fmt::format("rules total {} → {}", show(m_r.rules_total, m_p.decimals), out.actual));
  }

  void lint(const dsl::test_expectation& e, expectation_result& out) const {
    const bool present = e.kind == expectation_kind::lint;
    const auto& id = e.value.text;
    const std::string where = e.on ? fmt::format(" on {}", e.on->text) : "";
    out.expected = fmt::format("{} of {}{}", present ? "a finding" : "no finding", id, where);
    out.because_label = "findings";
    if (std::none_of(m_p.checks.begin(), m_p.checks.end(), [&](const planned_check& c) { return c.id == id; })) {
      out.actual = fmt::format("the rule set has no check {}", id);
      return;
    }
    std::vector<const finding*> hits;
    for (const auto& f : m_findings)
      if (f.check == id && (!e.on || on_element(f, e.on->text))) hits.push_back(&f);
    if (present) {
      out.passed = !hits.empty();
      out.actual = hits.empty() ? "none" : fmt::format("{} finding{}", hits.size(), hits.size() == 1 ? "" : "s");
      for (const auto& f : m_findings) out.because.push_back(finding_line(f));
      if (out.because.empty()) out.because.push_back("none");
    } else {
      out.passed = hits.empty();
      out.actual = hits.empty() ? "none" : fmt::format("{} finding{}", hits.size(), hits.size() == 1 ? "" : "s");
      for (const auto* f : hits) out.because.push_back(finding_line(*f));
    }
  }

  const program& m_p;
  const form_result& m_r;
  const std::vector<finding>& m_findings;
};

// ---------------------------------------------------------------------------------------------
// Text

// `label` padded to the width of the widest label, so that the values line up.
constexpr std::size_t label_width = 10;

void labelled(std::string& out, std::string_view indent, std::string_view label, const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += fmt::format("{}{:<{}}{}\n", indent, i == 0 ? label : "", label_width, lines[i]);
}

}  // namespace

expected<std::shared_ptr<const form>, dsl::diagnostic> build_test_form(const dsl::test_file& file,
                                                                        const dsl::test_case& test,
                                                                        const program& rules) {
  if (!test.form) return inline_form(file, test, rules);
  const auto path = (fs::path(file.path).parent_path() / test.form->text).lexically_normal().generic_string();
  auto loaded = load_form_file(path);
  if (!loaded)
    return unexpected(test_error(file, test.form->span, fmt::format("cannot read the form {}: {}", path, to_string(loaded.error()))));
  return std::make_shared<const form>(std::move(*loaded));
}

test_run run_rule_test(const dsl::test_file& file, const dsl::test_case& test, const program& rules) {
  test_run run{.test = &test};
  auto built = build_test_form(file, test, rules);
  if (!built) {
    run.status = test_status::error;
    run.problems.push_back(std::move(built.error()));
    return run;
  }
  run.scored_form = std::move(*built);
  run.scored = score_form(rules, *run.scored_form, score_options{.explain = true});
  run.findings = run_checks(rules, *run.scored_form, run.scored);
  const checker check(rules, run.scored, run.findings);
  for (const auto& e : test.expectations) {
    run.expectations.push_back(check.check(e));
    if (!run.expectations.back().passed) run.status = test_status::failed;
  }
  return run;
}

std::vector<test_run> run_rule_tests(const dsl::test_file& file, const program& rules, std::string_view filter) {
  std::vector<test_run> out;
  for (const auto& t : file.tests)
    if (filter.empty() || t.name.find(filter) != std::string::npos) out.push_back(run_rule_test(file, t, rules));
  return out;
}

std::string render_test_run(const test_run& run, const dsl::test_file& file) {
  const auto& t = *run.test;
  const auto name = t.inputs.empty() ? t.name : fmt::format("{} ({})", t.name, t.inputs);
  std::string out;
  switch (run.status) {
    case test_status::passed: return fmt::format("  ok    {}\n", name);
    case test_status::failed: out = fmt::format("  FAIL  {}\n", name); break;
    case test_status::error: out = fmt::format("  ERROR {}\n", name); break;
  }
  constexpr std::string_view indent = "        ";
  for (const auto& d : run.problems) {
    const auto text = dsl::render(d, file.text);
    std::string_view rest = text;
    while (!rest.empty()) {
      const auto eol = rest.find('\n');
      out += fmt::format("{}{}\n", indent, rest.substr(0, eol));
      if (eol == std::string_view::npos) break;
      rest.remove_prefix(eol + 1);
    }
  }
  for (const auto& r : run.expectations) {
    if (r.passed) continue;
    const auto& e = *r.expectation;
    out += fmt::format("{}{}:{}:{}: {}\n", indent, file.path, e.span.line, e.span.column, e.written);
    const std::string inner = std::string(indent) + "  ";
    labelled(out, inner, "expected", {r.expected});
    labelled(out, inner, "actual", {r.actual});
    labelled(out, inner, r.because_label, r.because);
  }
  return out;
}

}  // namespace jixiao::engine
