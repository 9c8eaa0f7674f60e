// Running checks over a scored form. Each scope gets its facts (engine::fact) from the
// scorer's results, then every check on that scope is evaluated once per element.
#include "engine/lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "engine/evaluator.hpp"

namespace jixiao::engine {
namespace {

using fact_values = std::array<rt::value, static_cast<std::size_t>(fact::count)>;

rt::value& at(fact_values& v, fact f) { return v[static_cast<std::size_t>(f)]; }

// Sets the facts `first` to `last` (one scope's, in fields.hpp order) to absent. A check reads
// only its own scope's facts (find_fact), so clearing that range is all a scope needs; clearing
// the whole table for every element was 9% of a lint run.
void clear(fact_values& v, fact first, fact last) {
  std::fill(v.begin() + static_cast<std::size_t>(first), v.begin() + static_cast<std::size_t>(last) + 1,
            rt::value::absent());
}

rt::value number_or_absent(const std::optional<decimal>& d) { return d ? rt::value::of(*d) : rt::value::absent(); }

std::string_view trim(std::string_view s) {
  auto blank = [](std::string_view t) { return t.starts_with(" ") || t.starts_with("\t") || t.starts_with("\n"); };
  while (!s.empty() && (blank(s) || s.starts_with("\xE3\x80\x80"))) s.remove_prefix(s.starts_with("\xE3\x80\x80") ? 3 : 1);
  auto blank_end = [](std::string_view t) { return t.ends_with(" ") || t.ends_with("\t") || t.ends_with("\n"); };
  while (!s.empty() && (blank_end(s) || s.ends_with("\xE3\x80\x80"))) s.remove_suffix(s.ends_with("\xE3\x80\x80") ? 3 : 1);
  return s;
}

// A reason that explains something: not blank and not a placeholder for "none".
bool explains(std::string_view reason) {
  auto r = trim(reason);
  for (std::string_view none : {"", "无", "无。", "/", "-", "—", "——", "不适用", "暂无"})
    if (r == none) return false;
  return true;
}

// How a value reads in a message: the text of cells and texts as written, numbers exactly.
std::string display(const rt::value& v) {
  switch (v.type) {
    case rt::kind::absent: return "（空）";
    case rt::kind::not_applicable: return "不适用";
    case rt::kind::boolean: return v.flag ? "是" : "否";
    case rt::kind::text: return std::string(v.text);
    case rt::kind::cell: return v.cell && v.cell->kind == values::cell_kind::absent ? "（空）" : std::string(v.text);
    case rt::kind::number:
    case rt::kind::date:
    case rt::kind::error: return rt::to_display(v);
  }
  return "";
}

// Where a check is run. The label is joined only when a check fires: most elements have no
// finding, and building every element's label was a string per element thrown away.
struct element {
  std::string_view path;                   // the element's JSON path
  std::array<std::string_view, 4> label;   // the parts of its human label (join_label skips empty ones)
};

class linter {
public:
  linter(const program& p, const form& f, const form_result& r) : m_p(p), m_f(f), m_r(r) {}

  std::vector<finding> run();

private:
  void run_scope(dsl::check_scope on, const eval_context& ctx, const element& where);
  void indicator_facts(std::size_t index, const item_result* item, const indicator_cell_refs& cells);
  void group_facts(const item_result& item, const indicator_group& g);
  void budget_facts();
  void form_facts();

  const program& m_p;
  const form& m_f;
  const form_result& m_r;
  fact_values m_facts;
  std::vector<finding> m_out;
};

void linter::run_scope(dsl::check_scope on, const eval_context& ctx, const element& where) {
  for (const auto& c : m_p.checks) {
    if (c.on != on) continue;
    auto v = evaluate(m_p, c.when, ctx);
    // A condition that cannot be evaluated (a blank score compared with the weight) is not a
    // finding: the checks for blank and unreadable cells report those. See docs/lint.md.
    if (v.is_error() || v.type != rt::kind::boolean || !v.flag) continue;
    finding out{.check = c.id, .severity = c.severity, .file = m_f.file, .form = m_f.id.empty() ? m_f.file : m_f.id};
    out.path = where.path;
    out.label = join_label({where.label[0], where.label[1], where.label[2], where.label[3]});
    if (c.cell) {
      out.path += out.path.empty() ? std::string(c.cell->key) : "." + std::string(c.cell->key);
      out.label = join_label({out.label, c.cell->label});
    }
    for (const auto& part : c.parts) out.message += part.value == no_node ? part.text : display(evaluate(m_p, part.value, ctx));
    for (const auto& value : c.values) {
      auto shown = evaluate(m_p, value.value, ctx);
      if (shown.is_error()) continue;
      out.values.push_back({value.name, display(shown)});
    }
    m_out.push_back(std::move(out));
  }
}

void linter::indicator_facts(std::size_t index, const item_result* item, const indicator_cell_refs& cells) {
  const auto& ind = m_f.indicators[index];
  clear(m_facts, fact::computed, fact::measurable);
  if (item) {
    at(m_facts, fact::computed) = number_or_absent(item->computed);
    at(m_facts, fact::outcome) = rt::value::of_text(outcome_name(item->result));
    at(m_facts, fact::rule_name) = rt::value::of_text(item->rule_name());
    at(m_facts, fact::low) = number_or_absent(item->low);
    at(m_facts, fact::high) = number_or_absent(item->high);
    at(m_facts, fact::difference) = number_or_absent(item->difference);
    at(m_facts, fact::agrees) = rt::value::boolean(item->agrees);
    at(m_facts, fact::band) = rt::value::of_text(item->band);
  }
  const auto target = rt::value::of_cell(cells.target);
  const auto actual = rt::value::of_cell(cells.actual);
  std::array<rt::value, 2> pair{actual, target};
  auto comparable = rt::call_builtin(rt::builtin::comparable, pair, {});
  const bool quantities = cells.target.kind == values::cell_kind::quantity &&
                          cells.actual.kind == values::cell_kind::quantity && comparable.type == rt::kind::boolean &&
                          comparable.flag;
  // Shown as a percentage at two decimals (28个 of 15个: 186.67%).
  auto ratio = quantities ? rt::divide(actual, target, {}) : rt::value::absent();
  if (ratio.type == rt::kind::number) ratio = rt::value::of(ratio.number.round(4), {}, true);
  at(m_facts, fact::ratio) = ratio;
  const bool dates = !cells.target.dates.empty() && !cells.actual.dates.empty();
  // "未完成", "0": nothing achieved is a measured result too.
  const bool nothing = cells.target.kind == values::cell_kind::quantity && cells.actual.kind == values::cell_kind::nothing;
  at(m_facts, fact::measurable) = rt::value::boolean(quantities || dates || nothing);
  std::int64_t same = 0;
  for (const auto& other : m_f.indicators)
    if (other.name == ind.name && other.level2 == ind.level2 && other.target == ind.target) ++same;
  at(m_facts, fact::duplicates) = rt::value::of(decimal::from_int(same));
  at(m_facts, fact::grouped) = rt::value::boolean(ind.group.has_value());
  at(m_facts, fact::has_reason) = rt::value::boolean(explains(ind.reason));
}

void linter::group_facts(const item_result& item, const indicator_group& g) {
  clear(m_facts, fact::group_computed, fact::group_has_reason);
  at(m_facts, fact::group_computed) = number_or_absent(item.computed);
  at(m_facts, fact::group_outcome) = rt::value::of_text(outcome_name(item.result));
  at(m_facts, fact::group_rule_name) = rt::value::of_text(item.rule_name());
  at(m_facts, fact::group_low) = number_or_absent(item.low);
  at(m_facts, fact::group_high) = number_or_absent(item.high);
  at(m_facts, fact::group_difference) = number_or_absent(item.difference);
  at(m_facts, fact::group_agrees) = rt::value::boolean(item.agrees);
  std::int64_t missed = 0;
  for (const auto& m : item.members)
    if (m.result == outcome::computed && m.computed && m.share && *m.computed < *m.share) ++missed;
  at(m_facts, fact::missed_members) = rt::value::of(decimal::from_int(missed));
  bool reason = explains(g.reason);
  for (auto m : g.members) reason = reason || explains(m_f.indicators[m].reason);
  at(m_facts, fact::group_has_reason) = rt::value::boolean(reason);
}

void linter::budget_facts() {
  clear(m_facts, fact::computed_rate, fact::executed_subtotal);
  const auto& b = m_r.budget;
  if (b.rate) {
    const bool percent = !b.declared_rate.is_number() || b.declared_rate.percent;
    const int places = b.declared_rate.is_number() ? b.declared_rate.decimals + (percent ? 2 : 0) : 4;
    at(m_facts, fact::computed_rate) = rt::value::of(b.rate->round(places), {}, percent);
  }
  at(m_facts, fact::budget_computed) = number_or_absent(b.score);
  at(m_facts, fact::rate_agrees) = rt::value::boolean(b.rate_agrees);
  at(m_facts, fact::score_agrees) = rt::value::boolean(!b.score || b.score_agrees);
  const auto& rows = m_f.budget.rows;
  std::int64_t subrows = 0;
  auto subtotal = [&](number_cell budget_row::*column) {
    std::optional<decimal> sum;
    for (std::size_t i = 1; i < rows.size(); ++i)
      if ((rows[i].*column).is_number()) sum = sum.value_or(decimal{}) + (rows[i].*column).value;
    return number_or_absent(sum);
  };
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].initial.is_number() || rows[i].annual.is_number() || rows[i].executed.is_number()) ++subrows;
  at(m_facts, fact::subrows) = rt::value::of(decimal::from_int(subrows));
  at(m_facts, fact::initial_subtotal) = subtotal(&budget_row::initial);
  at(m_facts, fact::annual_subtotal) = subtotal(&budget_row::annual);
  at(m_facts, fact::executed_subtotal) = subtotal(&budget_row::executed);
}

void linter::form_facts() {
  clear(m_facts, fact::declared_total, fact::indicator_count);
  at(m_facts, fact::declared_total) = cell_value(m_f.total_score);
  at(m_facts, fact::declared_sum) = rt::value::of(m_r.declared_sum);
  at(m_facts, fact::sum_agrees) = rt::value::boolean(m_r.declared_sum_agrees);
  at(m_facts, fact::total_weight) = cell_value(m_f.total_weight);
  decimal sum = m_f.budget.weight.is_number() ? m_f.budget.weight.value : decimal{};
  std::map<std::string, decimal, std::less<>> level1;
  for (const auto& ind : m_f.indicators)
    if (!ind.group && ind.weight.is_number()) {
      sum = sum + ind.weight.value;
      level1[ind.level1] = level1[ind.level1] + ind.weight.value;
    }
  for (const auto& g : m_f.groups)
    if (g.weight.is_number()) {
      sum = sum + g.weight.value;
      level1[g.level1] = level1[g.level1] + g.weight.value;
    }
  at(m_facts, fact::weight_sum) = rt::value::of(sum);
  auto level = [&](std::string_view name) { return rt::value::of(level1.contains(name) ? level1.find(name)->second : decimal{}); };
  at(m_facts, fact::output_weight) = level("产出指标");
  at(m_facts, fact::benefit_weight) = level("效益指标");
  at(m_facts, fact::satisfaction_weight) = level("满意度指标");
  at(m_facts, fact::rules_total) = rt::value::of(m_r.rules_total);
  at(m_facts, fact::goal_expected) = rt::value::of_text(m_f.goal_expected);
  at(m_facts, fact::goal_actual) = rt::value::of_text(m_f.goal_actual);
  at(m_facts, fact::indicator_count) = rt::value::of(decimal::from_int(static_cast<std::int64_t>(m_f.indicators.size())));
}

std::vector<finding> linter::run() {
  // The facts and checks of one form make error values; findings keep only their text.
  rt::error_scope errors;
  // Item results by path, sorted; the vector is kept per thread (a map was a node per item per
  // form). Among equal paths the last one listed wins, as it did in the map.
  struct by_path {
    std::string_view path;
    std::size_t order;
    const item_result* item;
  };
  thread_local std::vector<by_path> items;
  items.clear();
  for (const auto& item : m_r.items) {
    items.push_back({item.path(), items.size(), &item});
    for (const auto& m : item.members) items.push_back({m.path(), items.size(), &m});
  }
  std::sort(items.begin(), items.end(),
            [](const by_path& x, const by_path& y) { return x.path != y.path ? x.path < y.path : x.order < y.order; });
  auto find = [&](std::string_view path) -> const item_result* {
    auto it = std::upper_bound(items.begin(), items.end(), path,
                               [](std::string_view p, const by_path& x) { return p < x.path; });
    return it == items.begin() || std::prev(it)->path != path ? nullptr : std::prev(it)->item;
  };
  // The form first, then the budget block, then the rows in form order, then the groups.
  form_facts();
  run_scope(dsl::check_scope::form, {.source = &m_f, .facts = m_facts}, {"", {}});
  if (m_f.budget.present) {
    budget_facts();
    eval_context ctx{.source = &m_f, .facts = m_facts};
    if (m_r.budget.rate) ctx.rate = rt::value::of(*m_r.budget.rate);
    const std::string_view row = m_f.budget.rows.empty() ? std::string_view("年度资金总额") : m_f.budget.rows.front().name;
    run_scope(dsl::check_scope::budget, ctx, {"budget", {"项目资金", row}});
  }
  for (std::size_t i = 0; i < m_f.indicators.size(); ++i) {
    const auto& ind = m_f.indicators[i];
    const auto* found = find(ind.path);
    // The scorer has just read them (lint_form_into scores the form first).
    const auto cells = read_cells_cached(ind, m_f.year);
    indicator_facts(i, found, cells);
    eval_context ctx{.source = &m_f, .item = &ind, .target = &cells.target, .actual = &cells.actual, .facts = m_facts};
    run_scope(dsl::check_scope::indicator, ctx, {ind.path, {"绩效指标", ind.level1, ind.level2, ind.name}});
  }
  for (const auto& g : m_f.groups) {
    const auto* found = find(g.path);
    if (!found) continue;
    group_facts(*found, g);
    eval_context ctx{.source = &m_f, .group = &g, .member_count = g.members.size(), .facts = m_facts};
    run_scope(dsl::check_scope::group, ctx, {g.path, {"绩效指标", g.level1, g.level2}});
  }
  return std::move(m_out);
}

}  // namespace

std::string_view severity_name(check_severity s) {
  switch (s) {
    case check_severity::error: return "error";
    case check_severity::warning: return "warning";
    case check_severity::info: return "info";
  }
  return "error";
}

std::optional<check_severity> parse_severity(std::string_view s) {
  if (s == "error") return check_severity::error;
  if (s == "warning") return check_severity::warning;
  if (s == "info") return check_severity::info;
  return std::nullopt;
}

std::vector<finding> run_checks(const program& rules, const form& f, const form_result& scored) {
  return linter(rules, f, scored).run();
}

lint_result lint_form(const program& rules, const form& f) {
  lint_result out;
  lint_form_into(rules, f, out);
  return out;
}

void lint_form_into(const program& rules, const form& f, lint_result& out) {
  score_form_into(rules, f, {}, out.scored);
  out.findings = run_checks(rules, f, out.scored);
}

std::vector<check_summary> summarize_checks(const program& rules) {
  std::vector<check_summary> out;
  for (const auto& c : rules.checks) out.push_back({c.id, c.severity, c.message, c.file, c.span});
  return out;
}

}  // namespace jixiao::engine
