#include "engine/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/explain.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::engine {
namespace {

constexpr coverage_kind kinds[] = {coverage_kind::rule,      coverage_kind::group_rule, coverage_kind::band,
                                   coverage_kind::check,     coverage_kind::table_row,  coverage_kind::grade_arm,
                                   coverage_kind::budget_rule};

std::string_view plural(coverage_kind kind) {
  switch (kind) {
    case coverage_kind::rule: return "rules";
    case coverage_kind::group_rule: return "group rules";
    case coverage_kind::band: return "bands";
    case coverage_kind::check: return "checks";
    case coverage_kind::table_row: return "table rows";
    case coverage_kind::grade_arm: return "grade arms";
    case coverage_kind::budget_rule: return "budget rules";
  }
  return "";
}

// The source text of a span in its file, for names such as a grade arm's `>= 90 "优"`.
std::string source_text(const dsl::rule_file& file, const dsl::source_span& span) {
  if (span.end > file.text.size() || span.begin > span.end) return {};
  return file.text.substr(span.begin, span.end - span.begin);
}

// `text` padded with spaces to `width` terminal columns (CJK characters take two).
std::string pad(std::string_view text, std::size_t width) {
  const auto shown = utf8::display_width(text);
  return std::string(text) + std::string(width > shown ? width - shown : 0, ' ');
}

}  // namespace

std::string_view coverage_kind_name(coverage_kind kind) {
  switch (kind) {
    case coverage_kind::rule: return "rule";
    case coverage_kind::group_rule: return "group rule";
    case coverage_kind::band: return "band";
    case coverage_kind::check: return "check";
    case coverage_kind::table_row: return "table row";
    case coverage_kind::grade_arm: return "grade arm";
    case coverage_kind::budget_rule: return "budget rule";
  }
  return "";
}

std::string coverage_item::key() const { return fmt::format("{}:{}", file, span.begin); }

coverage_map::coverage_map(const program& rules) : m_rules(&rules) {
  const auto& declarations = rules.source->declarations;
  // The budget rules, as the report shows the budget row first.
  for (const auto& d : declarations)
    if (const auto* b = std::get_if<dsl::budget_decl>(d.declaration))
      m_items.push_back({coverage_kind::budget_rule, b->target == dsl::budget_target::rate ? "rate" : "score",
                         d.file->path, b->span});
  std::sort(m_items.begin(), m_items.end(), [](const coverage_item& a, const coverage_item& b) { return a.name < b.name; });
  for (const auto& r : rules.rules) {
    m_items.push_back({coverage_kind::rule, r.name, r.file, r.span});
    for (const auto& band : r.bands)
      m_items.push_back({coverage_kind::band, join_label({r.name, band.name}), r.file, band.span});
  }
  for (const auto& r : rules.group_rules) m_items.push_back({coverage_kind::group_rule, r.name, r.file, r.span});
  for (const auto& table : rules.tables) {
    for (const auto& d : declarations) {
      const auto* t = std::get_if<dsl::table_decl>(d.declaration);
      if (!t || t->name != table.name || t->span.begin != table.span.begin) continue;
      for (std::size_t i = 0; i < t->rows.size(); ++i)
        m_items.push_back({coverage_kind::table_row,
                           fmt::format("{} row {} {}", t->name, i + 1, source_text(*d.file, t->rows[i].key.span)),
                           d.file->path, t->rows[i].span});
    }
  }
  for (const auto& d : declarations)
    if (const auto* g = std::get_if<dsl::grade_decl>(d.declaration)) {
      for (const auto& arm : g->arms)
        m_items.push_back({coverage_kind::grade_arm, source_text(*d.file, arm.span), d.file->path, arm.span});
      break;  // one grade table; the compiler rejects a second
    }
  for (const auto& c : rules.checks) m_items.push_back({coverage_kind::check, c.id, c.file, c.span});
}

std::optional<std::size_t> coverage_map::find(coverage_kind kind, std::string_view file, std::size_t offset) const {
  for (std::size_t i = 0; i < m_items.size(); ++i)
    if (m_items[i].kind == kind && m_items[i].file == file && m_items[i].span.begin == offset) return i;
  return std::nullopt;
}

std::vector<std::size_t> coverage_map::exercised(const form_result& scored, const std::vector<finding>& findings) const {
  std::set<std::size_t> hit;
  auto add = [&](std::optional<std::size_t> i) {
    if (i) hit.insert(*i);
  };
  auto tables = [&](const std::optional<explanation>& why) {
    if (!why) return;
    for (const auto& use : why->tables)
      for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].kind == coverage_kind::table_row && m_items[i].name.starts_with(fmt::format("{} row {} ", use.table, use.row + 1)))
          hit.insert(i);
  };
  auto item = [&](const item_result& it, auto&& self) -> void {
    if (it.rule) {
      const auto kind = it.is_group() ? coverage_kind::group_rule : coverage_kind::rule;
      add(find(kind, it.rule->file, it.rule->span.begin));
      if (it.result == outcome::judged && !it.band.empty() && !it.is_group()) {
        const auto label = join_label({it.rule->name, it.band});
        for (std::size_t i = 0; i < m_items.size(); ++i)
          if (m_items[i].kind == coverage_kind::band && m_items[i].file == it.rule->file && m_items[i].name == label)
            hit.insert(i);
      }
    }
    tables(it.why);
    for (const auto& m : it.members) self(m, self);
  };
  for (const auto& it : scored.items) item(it, item);
  tables(scored.budget.why);
  for (std::size_t i = 0; i < m_items.size(); ++i) {
    if (m_items[i].kind != coverage_kind::budget_rule) continue;
    if ((m_items[i].name == "rate" && scored.budget.rate) || (m_items[i].name == "score" && scored.budget.score))
      hit.insert(i);
  }
  if (const auto arm = m_rules->grade_arm(scored.rules_total)) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < m_items.size(); ++i)
      if (m_items[i].kind == coverage_kind::grade_arm && seen++ == *arm) hit.insert(i);
  }
  for (const auto& f : findings)
    for (std::size_t i = 0; i < m_items.size(); ++i)
      if (m_items[i].kind == coverage_kind::check && m_items[i].name == f.check) hit.insert(i);
  return {hit.begin(), hit.end()};
}

std::size_t coverage_report::uncovered() const {
  std::size_t n = 0;
  for (const auto& r : rulesets)
    for (const auto& i : r.items)
      if (!i.covered()) ++n;
  return n;
}

coverage_report measure_coverage(const std::vector<tested_ruleset>& tested) {
  coverage_report out;
  // Which rule sets' tests exercised each declaration, by its key.
  std::map<std::string, std::set<std::string>> by_key;
  std::vector<coverage_map> maps;
  for (const auto& t : tested) {
    maps.emplace_back(*t.rules);
    for (const auto& test : t.tests)
      for (auto i : test.items) by_key[maps.back().items()[i].key()].insert(t.rules->id);
  }
  for (std::size_t r = 0; r < tested.size(); ++r) {
    const auto& t = tested[r];
    ruleset_coverage rc{t.rules->id, t.rules->path(), t.test_files, {}};
    for (const auto& item : maps[r].items()) rc.items.push_back({item, {}, {}});
    for (const auto& test : t.tests)
      for (auto i : test.items) {
        auto& names = rc.items[i].tests;
        if (std::find(names.begin(), names.end(), test.test) == names.end()) names.push_back(test.test);
      }
    for (auto& ci : rc.items) {
      if (!ci.tests.empty()) continue;
      if (auto found = by_key.find(ci.item.key()); found != by_key.end())
        for (const auto& id : found->second)
          if (id != t.rules->id) ci.other_rulesets.push_back(id);
    }
    out.rulesets.push_back(std::move(rc));
  }
  return out;
}

std::string render_coverage_text(const coverage_report& report) {
  std::string out;
  for (const auto& r : report.rulesets) {
    std::size_t covered = 0;
    for (const auto& i : r.items) covered += i.covered() ? 1 : 0;
    std::string files;
    for (const auto& f : r.test_files) files += (files.empty() ? "" : ", ") + f;
    if (!out.empty()) out += '\n';
    out += fmt::format("coverage of {} ({}) by {}: {}/{}\n", r.id, r.path, files, covered, r.items.size());
    for (auto kind : kinds) {
      std::size_t total = 0, here = 0, elsewhere = 0;
      for (const auto& i : r.items) {
        if (i.item.kind != kind) continue;
        ++total;
        if (!i.tests.empty()) ++here;
        else if (!i.other_rulesets.empty()) ++elsewhere;
      }
      if (total == 0) continue;
      std::string note;
      if (elsewhere > 0) {
        std::set<std::string> ids;
        for (const auto& i : r.items)
          if (i.item.kind == kind && i.tests.empty())
            for (const auto& id : i.other_rulesets) ids.insert(id);
        std::string names;
        for (const auto& id : ids) names += (names.empty() ? "" : ", ") + id;
        note = fmt::format("  ({} by the tests of {})", elsewhere, names);
      }
      out += fmt::format("  {} {:>3}/{}{}\n", pad(plural(kind), 12), here + elsewhere, total, note);
    }
    std::vector<const covered_item*> missing;
    for (const auto& i : r.items)
      if (!i.covered()) missing.push_back(&i);
    if (missing.empty()) continue;
    out += "  not covered:\n";
    std::size_t width = 0;
    std::vector<std::string> what;
    for (const auto* m : missing) {
      what.push_back(fmt::format("{} {}", coverage_kind_name(m->item.kind), m->item.name));
      width = std::max(width, utf8::display_width(what.back()));
    }
    for (std::size_t i = 0; i < missing.size(); ++i)
      out += fmt::format("    {}  {}:{}\n", pad(what[i], width), missing[i]->item.file, missing[i]->item.span.line);
  }
  return out;
}

std::string render_coverage_json(const coverage_report& report) {
  using json = nlohmann::ordered_json;
  json doc;
  std::size_t all = 0, covered_all = 0;
  json rulesets = json::array();
  for (const auto& r : report.rulesets) {
    std::size_t covered = 0;
    for (const auto& i : r.items) covered += i.covered() ? 1 : 0;
    all += r.items.size();
    covered_all += covered;
    json kinds_json = json::array();
    for (auto kind : kinds) {
      std::size_t total = 0, done = 0;
      for (const auto& i : r.items)
        if (i.item.kind == kind) {
          ++total;
          done += i.covered() ? 1 : 0;
        }
      kinds_json.push_back(json{{"kind", coverage_kind_name(kind)}, {"covered", done}, {"total", total}});
    }
    json items = json::array();
    for (const auto& i : r.items)
      items.push_back(json{{"kind", coverage_kind_name(i.item.kind)},
                           {"name", i.item.name},
                           {"file", i.item.file},
                           {"line", i.item.span.line},
                           {"column", i.item.span.column},
                           {"covered", i.covered()},
                           {"tests", i.tests},
                           {"other_rulesets", i.other_rulesets}});
    rulesets.push_back(json{{"id", r.id},
                            {"path", r.path},
                            {"test_files", r.test_files},
                            {"covered", covered},
                            {"total", r.items.size()},
                            {"kinds", std::move(kinds_json)},
                            {"items", std::move(items)}});
  }
  doc["schema"] = "jixiao.coverage/1";
  doc["covered"] = covered_all;
  doc["total"] = all;
  doc["uncovered"] = all - covered_all;
  doc["rulesets"] = std::move(rulesets);
  return doc.dump(2) + "\n";
}

}  // namespace jixiao::engine
