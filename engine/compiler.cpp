// Checking and planning a rule file (see program.hpp). The checker walks each expression
// once, in the scope it will be evaluated in, resolves every name, infers a static type where
// it can and reports every problem it finds before giving up.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "engine/program.hpp"
#include "engine/static_checks.hpp"

namespace jixiao::engine {
namespace {

// What the checker knows of an expression's type. `any` defers the question to run time.
enum class st : std::uint8_t { any, number, boolean, text, date, cell };

std::string_view describe(st t) {
  switch (t) {
    case st::any: return "a value";
    case st::number: return "a number";
    case st::boolean: return "true or false";
    case st::text: return "a text";
    case st::date: return "a date";
    case st::cell: return "a form cell";
  }
  return "a value";
}

bool numeric(st t) { return t == st::any || t == st::number || t == st::cell; }

// Whether `==` can ever hold between the two (rt::compare): a form cell equals a text (by its
// text) or a number (by its only quantity); otherwise only values of one kind are equal.
bool equatable(st a, st b) {
  if (a == st::any || b == st::any || a == b) return true;
  auto cell_and = [&](st other) { return (a == st::cell && b == other) || (b == st::cell && a == other); };
  return cell_and(st::text) || cell_and(st::number);
}

std::string never_equal(st a, st b, std::string_view op) {
  const bool dated = (a == st::cell && b == st::date) || (a == st::date && b == st::cell);
  return fmt::format("cannot compare {} with {}: '{}' between them {}{}", describe(a), describe(b), op,
                     op == "==" ? "never holds" : "always holds",
                     dated ? "; to test a cell's date, order it: <=, <, >=, >" : "");
}

// Levenshtein distance over code points, for "did you mean" hints on misspelt names.
std::size_t distance(std::string_view a, std::string_view b) {
  auto points = [](std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = 1;
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xF0) len = 4;
      else if (c >= 0xE0) len = 3;
      else if (c >= 0xC0) len = 2;
      len = std::min(len, s.size() - i);
      out.push_back(s.substr(i, len));
      i += len;
    }
    return out;
  };
  auto x = points(a), y = points(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::string suggestion(std::string_view name) {
  std::string_view best;
  std::size_t best_distance = 3;
  auto consider = [&](std::string_view candidate) {
    if (candidate.empty()) return;
    auto d = distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  };
  for (const auto& f : fields())
    for (auto candidate : {f.chinese, f.english, f.alias}) consider(candidate);
  for (const auto& f : facts())
    for (auto candidate : {f.chinese, f.english}) consider(candidate);
  if (best.empty()) return "";
  return fmt::format("; did you mean '{}'?", best);
}

struct typed {
  node_index index = no_node;
  st type = st::any;
};

// A definition is copied into every place it is used, so a chain of definitions each used
// twice doubles the plan at every link, and a chain of definitions nests the plan deeper than
// the parser lets one expression nest. Real rule sets plan a few hundred nodes, a few dozen
// deep; the limits keep compiling, and evaluating (which recurses over the plan), bounded.
constexpr std::size_t max_planned_nodes = 100000;
constexpr std::size_t max_planned_depth = 1024;

constexpr std::pair<std::string_view, member_kind> member_names[] = {
    {"op", member_kind::op},       {"unit", member_kind::unit},   {"value", member_kind::value},
    {"text", member_kind::text},   {"count", member_kind::count}, {"low", member_kind::low},
    {"high", member_kind::high},
};

constexpr std::pair<std::string_view, value_type> type_names[] = {
    {"absent", value_type::absent},   {"not_applicable", value_type::not_applicable},
    {"na", value_type::not_applicable}, {"missing", value_type::missing},
    {"nothing", value_type::nothing}, {"quantity", value_type::quantity},
    {"number", value_type::number},   {"percent", value_type::percent},
    {"date", value_type::date},       {"text", value_type::text},
    {"bool", value_type::boolean},
};

std::string list_names(auto const& pairs) {
  std::string out;
  for (const auto& [name, id] : pairs) {
    (void)id;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string_view check_scope_name(scope s) {
  switch (s) {
    case scope::indicator: return "an indicator";
    case scope::group: return "a group";
    case scope::budget: return "the budget block";
    case scope::form: return "the form";
    case scope::grade: return "a grade";
  }
  return "?";
}

scope scope_of(dsl::check_scope s) {
  switch (s) {
    case dsl::check_scope::indicator: return scope::indicator;
    case dsl::check_scope::group: return scope::group;
    case dsl::check_scope::budget: return scope::budget;
    case dsl::check_scope::form: return scope::form;
  }
  return scope::form;
}

// The names an expression reads, in order of first appearance, each once.
void names_in(const dsl::expr& e, std::vector<std::pair<std::string, dsl::source_span>>& out) {
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, dsl::name_ref>) {
          if (std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.first == n.name; }))
            out.emplace_back(n.name, e.span);
        } else if constexpr (std::is_same_v<T, dsl::member_access>) {
          names_in(*n.object, out);
        } else if constexpr (std::is_same_v<T, dsl::call>) {
          for (const auto& a : n.args) names_in(*a, out);
        } else if constexpr (std::is_same_v<T, dsl::unary>) {
          names_in(*n.operand, out);
        } else if constexpr (std::is_same_v<T, dsl::binary>) {
          names_in(*n.lhs, out);
          names_in(*n.rhs, out);
        } else if constexpr (std::is_same_v<T, dsl::conditional>) {
          names_in(*n.condition, out);
          names_in(*n.then_branch, out);
          names_in(*n.else_branch, out);
        } else if constexpr (std::is_same_v<T, dsl::in_list>) {
          names_in(*n.subject, out);
          for (const auto& a : n.items) names_in(*a, out);
        } else if constexpr (std::is_same_v<T, dsl::is_type>) {
          names_in(*n.subject, out);
        } else if constexpr (std::is_same_v<T, dsl::deduction>) {
          names_in(*n.points, out);
          names_in(*n.step, out);
          names_in(*n.amount, out);
          if (n.cap) names_in(*n.cap, out);
        }
      },
      e.node);
}

class compiler {
public:
  compiler(const assembled_ruleset& set, program& out) : m_set(set), m_file(*set.main), m_current(set.main), m_out(out) {}

  void run();
  dsl::diagnostics take_errors() { return std::move(m_errors); }
  dsl::diagnostics take_warnings() { return std::move(m_warnings); }

private:
  void error(std::string_view code, const dsl::source_span& span, std::string message,
             std::vector<dsl::diagnostic_note> notes = {}) {
    m_errors.push_back({dsl::severity::error, m_current->path, span, std::move(message), std::move(notes), std::string(code)});
  }
  void warning(std::string_view code, const dsl::source_span& span, std::string message,
               std::vector<dsl::diagnostic_note> notes = {}) {
    m_warnings.push_back({dsl::severity::warning, m_current->path, span, std::move(message), std::move(notes), std::string(code)});
  }

  node_index emit(node n) {
    m_out.nodes.push_back(n);
    m_node_files.push_back(m_current);
    return static_cast<node_index>(m_out.nodes.size() - 1);
  }
  // The planned constant a node stands for, when it is one.
  const rt::value* constant_of(node_index i) const {
    if (i == no_node || m_out.nodes[i].kind != node_kind::constant) return nullptr;
    return &m_out.constants[m_out.nodes[i].index];
  }
  void static_checks();
  node_index constant(rt::value v, const dsl::source_span& span) {
    m_out.constants.push_back(std::move(v));
    node n{.kind = node_kind::constant, .span = span};
    n.index = static_cast<std::uint32_t>(m_out.constants.size() - 1);
    return emit(n);
  }

  void header();
  void collect_names();
  std::optional<decimal> constant_number(const dsl::expr& e, std::string_view what);
  std::optional<planned_interval> interval(const dsl::interval& iv, std::string_view what);
  void rule(const dsl::rule_decl& r);
  void check(const dsl::check_decl& c, const dsl::check_decl* severity);
  void message_template(const dsl::check_decl& c, planned_check& out);

  typed expr(const dsl::expr& e);
  typed expect_type(const dsl::expr& e, st wanted, std::string_view role);

  typed visit(const dsl::expr& e, const dsl::number_literal& n);
  typed visit(const dsl::expr& e, const dsl::string_literal& s);
  typed visit(const dsl::expr& e, const dsl::date_literal& d);
  typed visit(const dsl::expr& e, const dsl::bool_literal& b);
  typed visit(const dsl::expr& e, const dsl::infinity_literal&);
  typed visit(const dsl::expr& e, const dsl::name_ref& n);
  typed visit(const dsl::expr& e, const dsl::member_access& m);
  typed visit(const dsl::expr& e, const dsl::call& c);
  typed visit(const dsl::expr& e, const dsl::unary& u);
  typed visit(const dsl::expr& e, const dsl::binary& b);
  typed visit(const dsl::expr& e, const dsl::conditional& c);
  typed visit(const dsl::expr& e, const dsl::in_list& l);
  typed visit(const dsl::expr& e, const dsl::is_type& t);
  typed visit(const dsl::expr& e, const dsl::deduction& d);

  const assembled_ruleset& m_set;
  const dsl::rule_file& m_file;
  const dsl::rule_file* m_current;  // the file of the declaration being checked, for messages
  program& m_out;
  dsl::diagnostics m_errors;
  dsl::diagnostics m_warnings;
  scope m_scope = scope::indicator;
  bool m_checking = false;  // planning a check: the facts of its scope are names too
  std::map<std::string, std::pair<const dsl::rule_file*, const dsl::let_decl*>, std::less<>> m_lets;
  std::map<std::string, std::size_t, std::less<>> m_tables;
  std::vector<const dsl::table_decl*> m_table_decls;
  std::vector<std::string> m_expanding;  // let definitions being expanded, to catch cycles
  std::set<std::string, std::less<>> m_used_lets;
  std::size_t m_depth = 0;     // expressions being planned, nested
  bool m_too_large = false;    // the plan outgrew a limit; said once
  // What the whole-rule-set analyses (static_checks.hpp) need beyond the plan.
  std::vector<const dsl::rule_file*> m_node_files;  // per planned node: the file its span is in
  std::vector<rule_origin> m_rule_origins;
  std::vector<rule_origin> m_group_origins;
  std::vector<table_origin> m_table_origins;
  std::vector<check_origin> m_check_origins;
  std::vector<table_call_site> m_table_calls;
  std::set<std::string, std::less<>> m_named_tables;  // tables used wrongly (as a name, with 2 keys): still used
};

void compiler::header() {
  const auto& h = m_file.header;
  m_out.id = h.id;
  if (!h.jurisdiction) error("missing-header-field", h.span, fmt::format("ruleset {} has no 'jurisdiction'", h.id));
  if (!h.version) error("missing-header-field", h.span, fmt::format("ruleset {} has no 'version'", h.id));
  if (!h.effective_from || !h.effective_to)
    error("missing-header-field", h.span, fmt::format("ruleset {} has no 'effective' period", h.id));
  m_out.jurisdiction = h.jurisdiction.value_or("");
  m_out.version = h.version.value_or("");
  m_out.policy = h.source.value_or("");
  if (h.effective_from) m_out.effective_from = *h.effective_from;
  if (h.effective_to) m_out.effective_to = *h.effective_to;
  if (h.effective_from && h.effective_to) {
    auto key = [](const dsl::date_literal& d) { return (d.year * 13 + d.month) * 32 + d.day; };
    if (key(*h.effective_to) < key(*h.effective_from))
      error("invalid-header", h.span, "the effective period ends before it begins");
  }
  if (h.decimals) {
    if (*h.decimals < 0 || *h.decimals > 6) error("invalid-header", h.span, "decimals must be between 0 and 6");
    else m_out.decimals = *h.decimals;
  }
}

void compiler::collect_names() {
  std::map<std::string, dsl::source_span, std::less<>> seen;
  auto claim = [&](const std::string& name, const dsl::source_span& span, std::string_view what) {
    auto [it, fresh] = seen.emplace(name, span);
    if (!fresh)
      error("duplicate-definition", span, fmt::format("{} '{}' is defined twice", what, name),
            {{it->second, "first defined here"}});
    if (find_field(name) || rt::find_builtin(name))
      error("name-clash", span, fmt::format("{} '{}' hides the {} of the same name", what, name,
                              find_field(name) ? "form field" : "built-in function"));
    return fresh;
  };
  for (const auto& sourced : m_set.declarations) {
    const auto* file = sourced.file;
    const auto* d = sourced.declaration;
    m_current = file;
    if (const auto* l = std::get_if<dsl::let_decl>(d)) {
      if (claim(l->name, l->name_span, "definition")) m_lets.emplace(l->name, std::pair{file, l});
    } else if (const auto* t = std::get_if<dsl::table_decl>(d)) {
      if (claim(t->name, t->name_span, "table")) {
        m_tables.emplace(t->name, m_out.tables.size());
        m_out.tables.push_back({t->name, {}, t->span});
        m_table_decls.push_back(t);
        m_table_origins.push_back({t, file, true});
      }
    }
  }
  m_current = m_set.main;
}

std::optional<decimal> compiler::constant_number(const dsl::expr& e, std::string_view what) {
  const dsl::expr* inner = &e;
  bool negative = false;
  if (const auto* u = std::get_if<dsl::unary>(&e.node); u && u->op == dsl::unary_op::negate) {
    negative = true;
    inner = u->operand.get();
  }
  const auto* n = std::get_if<dsl::number_literal>(&inner->node);
  if (!n) {
    error("not-constant", e.span, fmt::format("{} must be a number such as 80% or 0.5", what));
    return std::nullopt;
  }
  auto parsed = decimal::parse(n->text);
  if (!parsed) {
    error("invalid-number", e.span, parsed.error());
    return std::nullopt;
  }
  auto v = n->percent ? *parsed / decimal::from_int(100) : *parsed;
  return negative ? -v : v;
}

std::optional<planned_interval> compiler::interval(const dsl::interval& iv, std::string_view what) {
  planned_interval out;
  out.lower_closed = iv.lower_closed;
  out.upper_closed = iv.upper_closed;
  bool ok = true;
  if (iv.lower) {
    out.lower = constant_number(*iv.lower, what);
    ok = ok && out.lower.has_value();
  }
  if (iv.upper) {
    out.upper = constant_number(*iv.upper, what);
    ok = ok && out.upper.has_value();
  }
  if (ok && out.lower && out.upper && (*out.upper < *out.lower ||
                                       (*out.upper == *out.lower && !(out.lower_closed && out.upper_closed)))) {
    // The bounds as written: 80% rather than 0.8.
    auto written = [](const dsl::expr& bound, const decimal& v) {
      const auto* e = &bound;
      if (const auto* u = std::get_if<dsl::unary>(&e->node)) e = u->operand.get();
      const auto* n = std::get_if<dsl::number_literal>(&e->node);
      return n && n->percent ? (v * decimal::from_int(100)).to_string() + "%" : v.to_string();
    };
    error("empty-interval", iv.span, fmt::format("the interval is empty: its lower bound {} is not below its upper bound {}",
                                                 written(*iv.lower, *out.lower), written(*iv.upper, *out.upper)));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void compiler::run() {
  header();
  collect_names();
  std::map<std::string, dsl::source_span, std::less<>> rule_names;
  std::optional<dsl::source_span> budget_rate_span;
  std::optional<dsl::source_span> budget_score_span;
  std::optional<dsl::source_span> graded;
  std::map<std::string, dsl::source_span, std::less<>> check_ids;
  for (const auto& sourced : m_set.declarations) {
    const auto* file = sourced.file;
    const auto* d = sourced.declaration;
    m_current = file;
    std::visit(
        [&](const auto& decl) {
          using T = std::decay_t<decltype(decl)>;
          if constexpr (std::is_same_v<T, dsl::let_decl>) {
            // Checked where used, in the scope of the use.
          } else if constexpr (std::is_same_v<T, dsl::budget_decl>) {
            auto& seen = decl.target == dsl::budget_target::rate ? budget_rate_span : budget_score_span;
            if (seen) {
              error("duplicate-definition", decl.span, "the budget rule is defined twice", {{*seen, "first defined here"}});
              return;
            }
            seen = decl.span;
            m_scope = scope::budget;
            // `rate` is the computed rate; inside `budget rate` itself it would be circular.
            auto v = expect_type(*decl.value, st::number, "a budget rule");
            (decl.target == dsl::budget_target::rate ? m_out.budget_rate : m_out.budget_score) = v.index;
          } else if constexpr (std::is_same_v<T, dsl::rule_decl>) {
            auto [it, fresh] = rule_names.emplace(decl.name, decl.name_span);
            if (!fresh)
              error("duplicate-definition", decl.name_span, fmt::format("rule '{}' is defined twice", decl.name),
                    {{it->second, "first defined here"}});
            const auto errors_before = m_errors.size();
            rule(decl);
            (decl.is_group ? m_group_origins : m_rule_origins).push_back({&decl, file, m_errors.size() == errors_before});
          } else if constexpr (std::is_same_v<T, dsl::table_decl>) {
            auto found = m_tables.find(decl.name);
            if (found == m_tables.end() || m_table_decls[found->second] != &decl) return;
            auto& table = m_out.tables[found->second];
            m_scope = scope::indicator;
            const auto errors_before = m_errors.size();
            for (const auto& row : decl.rows) {
              auto key = interval(row.key, "a table key");
              auto v = expect_type(*row.value, st::number, "a table value");
              if (key) table.rows.push_back({*key, v.index});
            }
            m_table_origins[found->second].clean = m_errors.size() == errors_before;
          } else if constexpr (std::is_same_v<T, dsl::remove_decl> || std::is_same_v<T, dsl::include_decl>) {
            // Resolved by the assembler; a lone file given to compile() cannot have them.
            error("needs-assembly", decl.span, "'include' and 'remove' need the rule set's files: load it with assemble()");
          } else if constexpr (std::is_same_v<T, dsl::check_decl>) {
            if (decl.severity_only) {
              // Applied by the assembler; a lone file given to compile() cannot have them.
              error("needs-assembly", decl.span, "'check ID severity' changes an included or inherited check: load the rule set with assemble()");
              return;
            }
            auto [it, fresh] = check_ids.emplace(decl.id, decl.id_span);
            if (!fresh)
              error("duplicate-definition", decl.id_span, fmt::format("check '{}' is defined twice", decl.id), {{it->second, "first defined here"}});
            const auto errors_before = m_errors.size();
            check(decl, sourced.severity);
            m_check_origins.push_back({&decl, file, m_errors.size() == errors_before});
          } else if constexpr (std::is_same_v<T, dsl::grade_decl>) {
            if (graded) {
              error("duplicate-definition", decl.span, "the grade table is defined twice", {{*graded, "first defined here"}});
              return;
            }
            graded = decl.span;
            for (const auto& arm : decl.arms) {
              planned_grade_arm out{.label = arm.label};
              if (arm.comparison) {
                switch (*arm.comparison) {
                  case dsl::binary_op::greater_equal: out.comparison = rt::comparison::greater_equal; break;
                  case dsl::binary_op::greater: out.comparison = rt::comparison::greater; break;
                  case dsl::binary_op::less_equal: out.comparison = rt::comparison::less_equal; break;
                  case dsl::binary_op::less: out.comparison = rt::comparison::less; break;
                  case dsl::binary_op::equal: out.comparison = rt::comparison::equal; break;
                  default: error("invalid-grade", arm.span, "a grade compares the total with >=, >, <=, < or =="); break;
                }
                if (auto t = constant_number(*arm.threshold, "a grade threshold")) out.threshold = *t;
              }
              m_out.grades.push_back(std::move(out));
            }
            if (m_out.grades.empty() || m_out.grades.back().comparison)
              warning("grade-no-else", decl.span, "the grade table has no 'else' arm: some totals get no grade");
          }
        },
        *d);
  }
  m_current = m_set.main;
  if (!budget_score_span)
    warning("missing-budget-score", m_file.header.span, "the rule set has no 'budget score' rule: the budget block stays unscored");
  static_checks();
  m_current = m_set.main;
}

// The analyses that look at the whole planned rule set at once (static_checks.cpp).
void compiler::static_checks() {
  static_check_input in{.set = m_set, .planned = m_out, .node_files = m_node_files};
  in.rules = std::move(m_rule_origins);
  in.group_rules = std::move(m_group_origins);
  in.tables = std::move(m_table_origins);
  in.checks = std::move(m_check_origins);
  in.table_calls = std::move(m_table_calls);
  for (const auto& [name, let] : m_lets)
    in.definitions.push_back({"definition", name, let.second->name_span, let.first, m_used_lets.contains(name)});
  for (std::size_t i = 0; i < in.tables.size(); ++i) {
    const bool used = m_named_tables.contains(in.tables[i].decl->name) ||
                      std::any_of(in.table_calls.begin(), in.table_calls.end(),
                                  [&](const table_call_site& c) { return c.table == i; });
    in.definitions.push_back({"table", in.tables[i].decl->name, in.tables[i].decl->name_span, in.tables[i].file, used});
  }
  for (auto& d : run_static_checks(in))
    (d.level == dsl::severity::error ? m_errors : m_warnings).push_back(std::move(d));
}

void compiler::rule(const dsl::rule_decl& r) {
  planned_rule out{.name = r.name, .file = m_current->path, .span = r.span};
  m_scope = r.is_group ? scope::group : scope::indicator;
  auto& list = r.is_group ? m_out.group_rules : m_out.rules;
  if (r.when) out.when = expect_type(*r.when, st::boolean, "a 'when' condition").index;
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, dsl::score_body>) {
          out.body = body_kind::score;
          out.value = expect_type(*body.value, st::number, "a score").index;
        } else if constexpr (std::is_same_v<T, dsl::share_body>) {
          out.body = body_kind::share;
          if (!r.is_group) error("misplaced-body", r.span, "'share' belongs in a group rule");
          out.value = expect_type(*body.value, st::number, "a share").index;
        } else if constexpr (std::is_same_v<T, dsl::not_applicable_body>) {
          out.body = body_kind::not_applicable;
        } else if constexpr (std::is_same_v<T, dsl::judged_body>) {
          out.body = body_kind::judged;
          if (r.is_group) error("misplaced-body", r.span, "a group rule cannot judge bands; judge its members instead");
          for (const auto& b : body.bands) {
            planned_band band{.name = b.name, .span = b.span};
            auto range = interval(b.range, "a band bound");
            if (range) {
              band.range = *range;
              auto zero = decimal{};
              auto one = decimal::from_int(1);
              if ((range->lower && *range->lower < zero) || (range->upper && one < *range->upper))
                error("band-out-of-range", b.range.span, "a band is a share of the weight: its bounds lie within [0, 100%]");
            }
            if (b.when) band.when = expect_type(*b.when, st::boolean, "a band condition").index;
            out.bands.push_back(std::move(band));
          }
        }
      },
      r.body);
  list.push_back(std::move(out));
}

void compiler::check(const dsl::check_decl& c, const dsl::check_decl* severity) {
  planned_check out{.id = c.id, .file = m_current->path, .span = c.span};
  out.severity = severity ? severity->level : c.level;
  out.on = c.on;
  out.message = c.message;
  m_scope = scope_of(c.on);
  m_checking = true;
  if (!c.cell.empty()) {
    out.cell = find_check_cell(c.cell, m_scope);
    if (!out.cell)
      error("unknown-cell", c.cell_span, fmt::format("a check on {} cannot point at '{}' (it can point at {})", check_scope_name(m_scope),
                                     c.cell, check_cells(m_scope)));
  }
  if (c.when) {
    out.when = expect_type(*c.when, st::boolean, "a check's condition").index;
    // The values shown with a finding: the form fields and facts the condition reads.
    std::vector<std::pair<std::string, dsl::source_span>> names;
    names_in(*c.when, names);
    for (const auto& [name, span] : names) {
      if (m_lets.contains(name) || m_tables.contains(name)) continue;
      if (const auto* f = find_field(name); f ? !available(*f, m_scope) : !find_fact(name, m_scope)) continue;
      dsl::expr ref{span, dsl::name_ref{name}};
      out.values.push_back({name, expr(ref).index});
    }
  }
  message_template(c, out);
  m_checking = false;
  m_out.checks.push_back(std::move(out));
}

// Splits the template into text and {name} placeholders, planning each name in the check's
// scope. `{{` and `}}` are literal braces. Positions come from the literal as written (escapes
// never involve braces, so the braces of the two texts correspond one to one).
void compiler::message_template(const dsl::check_decl& c, planned_check& out) {
  const std::string_view raw = std::string_view(m_current->text).substr(c.message_span.begin, c.message_span.end - c.message_span.begin);
  std::vector<std::size_t> raw_opens;  // offsets in raw of every placeholder's '{'
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '{' && i + 1 < raw.size() && raw[i + 1] == '{') {
      ++i;
    } else if (raw[i] == '{') {
      raw_opens.push_back(i);
    } else if (raw[i] == '}' && i + 1 < raw.size() && raw[i + 1] == '}') {
      ++i;
    }
  }
  auto span_at = [&](std::size_t raw_offset, std::size_t length) {
    std::uint32_t column = c.message_span.column;
    for (std::size_t k = 0; k < raw_offset; ++k)
      if ((static_cast<unsigned char>(raw[k]) & 0xC0U) != 0x80U) ++column;
    const auto begin = c.message_span.begin + raw_offset;
    return dsl::source_span{begin, begin + length, c.message_span.line, column};
  };
  const std::string& t = c.message;
  std::string literal;
  std::size_t placeholder = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{' && i + 1 < t.size() && t[i + 1] == '{') {
      literal += '{';
      ++i;
    } else if (t[i] == '}' && i + 1 < t.size() && t[i + 1] == '}') {
      literal += '}';
      ++i;
    } else if (t[i] == '}') {
      const auto where = raw.find('}');
      error("message-template", span_at(where == std::string_view::npos ? 0 : where, 1), "unmatched '}' in the message; write '}}' for a brace");
      return;
    } else if (t[i] == '{') {
      const auto close = t.find('}', i);
      const auto raw_open = placeholder < raw_opens.size() ? raw_opens[placeholder] : 0;
      ++placeholder;
      if (close == std::string::npos) {
        error("message-template", span_at(raw_open, 1), "unclosed '{' in the message; write '{{' for a brace");
        return;
      }
      auto name = std::string_view(t).substr(i + 1, close - i - 1);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      const auto name_offset = raw.find(name, raw_open);
      const auto span = span_at(name_offset == std::string_view::npos ? raw_open : name_offset, std::max<std::size_t>(name.size(), 1));
      if (!literal.empty()) out.parts.push_back({std::move(literal), no_node});
      literal.clear();
      if (name.empty()) {
        error("message-template", span, "empty '{}' in the message: name a field or a fact, e.g. {得分}");
      } else {
        dsl::expr ref{span, dsl::name_ref{std::string(name)}};
        out.parts.push_back({std::string(name), expr(ref).index});
      }
      i = close;
    } else {
      literal += t[i];
    }
  }
  if (!literal.empty()) out.parts.push_back({std::move(literal), no_node});
}

typed compiler::expect_type(const dsl::expr& e, st wanted, std::string_view role) {
  auto t = expr(e);
  bool fits = t.type == st::any || t.type == wanted || (wanted == st::number && t.type == st::cell);
  if (!fits) error("type-mismatch", e.span, fmt::format("{} must be {}, but this is {}", role, describe(wanted), describe(t.type)));
  return t;
}

typed compiler::expr(const dsl::expr& e) {
  if (m_depth >= max_planned_depth || m_out.nodes.size() >= max_planned_nodes) {
    if (!m_too_large) {
      m_too_large = true;
      const auto limit = m_depth >= max_planned_depth
                             ? fmt::format("nests more than {} levels deep", max_planned_depth)
                             : fmt::format("has more than {} nodes", max_planned_nodes);
      const auto via = m_expanding.empty() ? std::string()
                                           : fmt::format(" (expanding definition '{}')", m_expanding.back());
      error("plan-too-large", e.span, fmt::format("the planned rule set {} once definitions are copied into their uses{}; "
                                "use fewer or shallower definitions",
                                limit, via));
    }
    return {constant(rt::value::absent(), e.span), st::any};
  }
  ++m_depth;
  auto t = std::visit([&](const auto& n) { return visit(e, n); }, e.node);
  --m_depth;
  return t;
}

typed compiler::visit(const dsl::expr& e, const dsl::number_literal& n) {
  auto parsed = decimal::parse(n.text);
  if (!parsed) {
    error("invalid-number", e.span, parsed.error());
    return {constant(rt::value::of(decimal{}), e.span), st::number};
  }
  if (n.percent) return {constant(rt::value::of(*parsed / decimal::from_int(100), "%", true), e.span), st::number};
  return {constant(rt::value::of(*parsed), e.span), st::number};
}

typed compiler::visit(const dsl::expr& e, const dsl::string_literal& s) {
  return {constant(rt::value::of_text(s.value), e.span), st::text};
}

typed compiler::visit(const dsl::expr& e, const dsl::date_literal& d) {
  values::date_value date{.year = d.year, .first_month = d.month, .last_month = d.month, .day = d.day, .text = {}};
  return {constant(rt::value::of_date(date), e.span), st::date};
}

typed compiler::visit(const dsl::expr& e, const dsl::bool_literal& b) {
  return {constant(rt::value::boolean(b.value), e.span), st::boolean};
}

typed compiler::visit(const dsl::expr& e, const dsl::infinity_literal&) {
  error("misplaced-inf", e.span, "'inf' can only bound an interval");
  return {constant(rt::value::of(decimal{}), e.span), st::number};
}

typed compiler::visit(const dsl::expr& e, const dsl::name_ref& n) {
  if (auto let = m_lets.find(n.name); let != m_lets.end()) {
    m_used_lets.insert(n.name);
    if (std::find(m_expanding.begin(), m_expanding.end(), n.name) != m_expanding.end()) {
      error("recursive-definition", e.span, fmt::format("definition '{}' refers to itself", n.name),
            {{let->second.second->name_span, "defined here"}});
      return {constant(rt::value::absent(), e.span), st::any};
    }
    // The definition's own file, for messages about its body.
    auto* user = std::exchange(m_current, let->second.first);
    m_expanding.push_back(n.name);
    auto t = expr(*let->second.second->value);
    m_out.let_uses.push_back({t.index, n.name});
    m_expanding.pop_back();
    m_current = user;
    return t;
  }
  const auto* f = find_field(n.name);
  if (!f) {
    if (const auto* fact_found = find_fact(n.name, m_scope); fact_found && m_checking) {
      node fn{.kind = node_kind::field, .op = static_cast<std::uint8_t>(field::fact), .span = e.span};
      fn.index = static_cast<std::uint32_t>(fact_found->id);
      const st type = fact_found->type == fact_type::number ? st::number
                      : fact_found->type == fact_type::text ? st::text
                                                            : st::boolean;
      return {emit(fn), type};
    }
    bool fact_elsewhere = false;
    for (const auto& candidate : facts())
      if (candidate.english == n.name || candidate.chinese == n.name) fact_elsewhere = true;
    if (fact_elsewhere) {
      error("unavailable-name", e.span, fmt::format("'{}' is known only to checks{}", n.name,
                                m_checking ? fmt::format(", and not to a check on {}", check_scope_name(m_scope)) : ""));
      return {constant(rt::value::absent(), e.span), st::any};
    }
    if (m_tables.contains(n.name)) {
      m_named_tables.insert(n.name);  // a mistaken use is still a use: no "never used" on top
      error("type-mismatch", e.span, fmt::format("table '{}' is called like a function: {}(x)", n.name, n.name));
    } else {
      error("unknown-name", e.span, fmt::format("unknown name '{}'{}", n.name, suggestion(n.name)));
    }
    return {constant(rt::value::absent(), e.span), st::any};
  }
  if (!available(*f, m_scope)) {
    error("unavailable-name", e.span, fmt::format("'{}' is not available in {}", n.name, scope_name(m_scope)));
    return {constant(rt::value::absent(), e.span), st::any};
  }
  if (f->id == field::rate && m_scope == scope::budget && m_out.budget_rate == no_node && m_expanding.empty()) {
    // Allowed: without a `budget rate` rule, rate is 全年执行数 ÷ 全年预算数.
  }
  node n2{.kind = node_kind::field, .op = static_cast<std::uint8_t>(f->id), .span = e.span};
  st type = st::any;
  switch (f->id) {
    case field::target:
    case field::actual: type = st::cell; break;
    case field::level1:
    case field::level2:
    case field::name:
    case field::reason:
    case field::jurisdiction: type = st::text; break;
    // Numeric fields may be absent or not applicable at run time; statically they are numbers.
    case field::weight:
    case field::score:
    case field::level1_weight:
    case field::members:
    case field::initial:
    case field::annual:
    case field::executed:
    case field::declared_rate:
    case field::rate:
    case field::year:
    case field::total: type = st::number; break;
    case field::fact: break;  // not in the field table: facts are resolved above
  }
  return {emit(n2), type};
}

typed compiler::visit(const dsl::expr& e, const dsl::member_access& m) {
  auto object = expr(*m.object);
  node n{.kind = node_kind::member, .a = object.index, .span = e.span};
  auto found = std::find_if(std::begin(member_names), std::end(member_names),
                            [&](const auto& p) { return p.first == m.field; });
  if (found == std::end(member_names)) {
    error("unknown-property", m.field_span, fmt::format("unknown property '{}' (a cell has {})", m.field, list_names(member_names)));
    return {emit(n), st::any};
  }
  if (object.type != st::cell && object.type != st::any)
    error("type-mismatch", e.span, fmt::format("'.{}' reads a form cell, but this is {}", m.field, describe(object.type)));
  n.op = static_cast<std::uint8_t>(found->second);
  st type = st::number;
  if (found->second == member_kind::op || found->second == member_kind::unit || found->second == member_kind::text)
    type = st::text;
  return {emit(n), type};
}

typed compiler::visit(const dsl::expr& e, const dsl::call& c) {
  if (auto t = m_tables.find(c.callee); t != m_tables.end()) {
    if (c.args.size() != 1) {
      m_named_tables.insert(c.callee);  // called wrongly, but called: no "never used" on top
      error("arity", e.span, fmt::format("table '{}' takes 1 argument, got {}", c.callee, c.args.size()));
      return {constant(rt::value::absent(), e.span), st::any};
    }
    auto arg = expect_type(*c.args[0], st::number, fmt::format("the key of table '{}'", c.callee));
    node n{.kind = node_kind::table_call, .a = arg.index, .index = static_cast<std::uint32_t>(t->second), .span = e.span};
    auto call = emit(n);
    m_table_calls.push_back({t->second, call});
    return {call, st::number};
  }
  const auto* b = rt::find_builtin(c.callee);
  if (!b) {
    error("unknown-function", c.callee_span, fmt::format("unknown function '{}'", c.callee));
    return {constant(rt::value::absent(), e.span), st::any};
  }
  const int count = static_cast<int>(c.args.size());
  if (count < b->min_args || (b->max_args >= 0 && count > b->max_args)) {
    std::string wanted = b->min_args == b->max_args ? fmt::format("{}", b->min_args)
                         : b->max_args < 0          ? fmt::format("at least {}", b->min_args)
                                                    : fmt::format("{} to {}", b->min_args, b->max_args);
    error("arity", e.span, fmt::format("'{}' takes {} argument{}, got {} ({})", b->name, wanted,
                              wanted == "1" ? "" : "s", count, b->signature));
  }
  std::vector<node_index> args;
  for (const auto& a : c.args) {
    auto t = expr(*a);
    bool wants_number = b->id != rt::builtin::months_late && b->id != rt::builtin::comparable &&
                        b->id != rt::builtin::contains;
    if (wants_number && !numeric(t.type))
      error("type-mismatch", a->span, fmt::format("'{}' takes numbers, but this is {}", b->name, describe(t.type)));
    if (b->id == rt::builtin::months_late && !(t.type == st::any || t.type == st::cell || t.type == st::date))
      error("type-mismatch", a->span, fmt::format("'months_late' takes dates or cells, but this is {}", describe(t.type)));
    // Both would fail on every form: comparable() divides its arguments, contains() reads text.
    if (b->id == rt::builtin::comparable && !numeric(t.type))
      error("type-mismatch", a->span,
            fmt::format("'comparable' sets quantities against each other (cells or numbers), but this is {}", describe(t.type)));
    if (b->id == rt::builtin::contains && !(t.type == st::any || t.type == st::cell || t.type == st::text))
      error("type-mismatch", a->span, fmt::format("'contains' searches a text or a form cell, but this is {}", describe(t.type)));
    args.push_back(t.index);
  }
  node n{.kind = node_kind::builtin_call, .op = static_cast<std::uint8_t>(b->id), .span = e.span};
  n.list_begin = static_cast<std::uint32_t>(m_out.argument_lists.size());
  n.list_size = static_cast<std::uint32_t>(args.size());
  m_out.argument_lists.insert(m_out.argument_lists.end(), args.begin(), args.end());
  st type = b->result == rt::static_type::boolean ? st::boolean : st::number;
  return {emit(n), type};
}

typed compiler::visit(const dsl::expr& e, const dsl::unary& u) {
  auto operand = expr(*u.operand);
  if (u.op == dsl::unary_op::negate) {
    if (!numeric(operand.type)) error("type-mismatch", e.span, fmt::format("cannot negate {}", describe(operand.type)));
    return {emit({.kind = node_kind::negate, .a = operand.index, .span = e.span}), st::number};
  }
  if (operand.type != st::any && operand.type != st::boolean)
    error("type-mismatch", e.span, fmt::format("'not' takes true or false, but this is {}", describe(operand.type)));
  return {emit({.kind = node_kind::logical_not, .a = operand.index, .span = e.span}), st::boolean};
}

typed compiler::visit(const dsl::expr& e, const dsl::binary& b) {
  auto lhs = expr(*b.lhs);
  auto rhs = expr(*b.rhs);
  node n{.a = lhs.index, .b = rhs.index, .span = e.span};
  auto arithmetic = [&](arithmetic_op op) -> typed {
    if (!numeric(lhs.type) || !numeric(rhs.type)) {
      // Say which side is wrong and what to write instead: dates have months_late, texts nothing.
      const bool dated = lhs.type == st::date || rhs.type == st::date;
      const auto hint = dated ? "; to count the months between two dates, use months_late(done, deadline)"
                        : lhs.type == st::boolean || rhs.type == st::boolean
                            ? "; to turn a condition into a number, use 'if COND then A else B'"
                            : "; arithmetic takes numbers and form cells";
      const auto pair = op == arithmetic_op::add        ? fmt::format("add {} and {}", describe(lhs.type), describe(rhs.type))
                        : op == arithmetic_op::subtract ? fmt::format("subtract {} from {}", describe(rhs.type), describe(lhs.type))
                        : op == arithmetic_op::multiply ? fmt::format("multiply {} by {}", describe(lhs.type), describe(rhs.type))
                                                        : fmt::format("divide {} by {}", describe(lhs.type), describe(rhs.type));
      error("type-mismatch", e.span, fmt::format("cannot {}{}", pair, hint));
    }
    if (op == arithmetic_op::divide) {
      if (const auto* divisor = constant_of(rhs.index); divisor && divisor->type == rt::kind::number && divisor->number.is_zero())
        error("division-by-zero", b.rhs->span, "division by zero: the divisor is always 0");
    }
    n.kind = node_kind::arithmetic;
    n.op = static_cast<std::uint8_t>(op);
    return {emit(n), st::number};
  };
  auto compare = [&](rt::comparison op) -> typed {
    bool ordering = op != rt::comparison::equal && op != rt::comparison::not_equal;
    auto orderable = [](st t) { return t == st::any || t == st::number || t == st::cell || t == st::date; };
    if (ordering && (!orderable(lhs.type) || !orderable(rhs.type)))
      error("type-mismatch", e.span, fmt::format("cannot order {} and {}", describe(lhs.type), describe(rhs.type)));
    else if (ordering && ((lhs.type == st::date && rhs.type == st::number) ||
                          (lhs.type == st::number && rhs.type == st::date)))
      error("type-mismatch", e.span, fmt::format("cannot compare {} with {}", describe(lhs.type), describe(rhs.type)));
    else if (!ordering && !equatable(lhs.type, rhs.type))
      error("type-mismatch", e.span, never_equal(lhs.type, rhs.type, op == rt::comparison::equal ? "==" : "!="));
    n.kind = node_kind::comparison;
    n.op = static_cast<std::uint8_t>(op);
    return {emit(n), st::boolean};
  };
  auto logic = [&](node_kind kind, std::string_view word) -> typed {
    for (auto t : {lhs.type, rhs.type})
      if (t != st::any && t != st::boolean)
        error("type-mismatch", e.span, fmt::format("'{}' takes true or false, but one side is {}", word, describe(t)));
    n.kind = kind;
    return {emit(n), st::boolean};
  };
  switch (b.op) {
    case dsl::binary_op::add: return arithmetic(arithmetic_op::add);
    case dsl::binary_op::subtract: return arithmetic(arithmetic_op::subtract);
    case dsl::binary_op::multiply: return arithmetic(arithmetic_op::multiply);
    case dsl::binary_op::divide: return arithmetic(arithmetic_op::divide);
    case dsl::binary_op::equal: return compare(rt::comparison::equal);
    case dsl::binary_op::not_equal: return compare(rt::comparison::not_equal);
    case dsl::binary_op::less: return compare(rt::comparison::less);
    case dsl::binary_op::less_equal: return compare(rt::comparison::less_equal);
    case dsl::binary_op::greater: return compare(rt::comparison::greater);
    case dsl::binary_op::greater_equal: return compare(rt::comparison::greater_equal);
    case dsl::binary_op::logical_and: return logic(node_kind::logical_and, "and");
    case dsl::binary_op::logical_or: return logic(node_kind::logical_or, "or");
  }
  return {emit(n), st::any};
}

typed compiler::visit(const dsl::expr& e, const dsl::conditional& c) {
  auto cond = expect_type(*c.condition, st::boolean, "a condition");
  auto yes = expr(*c.then_branch);
  auto no = expr(*c.else_branch);
  node n{.kind = node_kind::conditional, .a = cond.index, .b = yes.index, .c = no.index, .span = e.span};
  // A score that is a number on one branch and a text on the other fails on some forms. A
  // cell can stand for a number, a text or a date, so it goes with any of them.
  auto fits = [](st x, st y) { return x == st::any || x == y || (x == st::cell && y != st::boolean); };
  if (!fits(yes.type, no.type) && !fits(no.type, yes.type))
    error("type-mismatch", e.span, fmt::format("the branches give {} and {}: give both the same kind of value",
                                               describe(yes.type), describe(no.type)));
  st type = yes.type == no.type ? yes.type : st::any;
  if (type == st::cell) type = st::any;
  return {emit(n), type};
}

typed compiler::visit(const dsl::expr& e, const dsl::in_list& l) {
  auto subject = expr(*l.subject);
  std::vector<node_index> items;
  for (const auto& item : l.items) {
    auto t = expr(*item);
    if (!equatable(subject.type, t.type))
      error("type-mismatch", item->span,
            fmt::format("cannot compare {} with {}: this item never matches", describe(subject.type), describe(t.type)));
    items.push_back(t.index);
  }
  node n{.kind = node_kind::in_list, .op = static_cast<std::uint8_t>(l.negated), .a = subject.index, .span = e.span};
  n.list_begin = static_cast<std::uint32_t>(m_out.argument_lists.size());
  n.list_size = static_cast<std::uint32_t>(items.size());
  m_out.argument_lists.insert(m_out.argument_lists.end(), items.begin(), items.end());
  return {emit(n), st::boolean};
}

typed compiler::visit(const dsl::expr& e, const dsl::is_type& t) {
  auto subject = expr(*t.subject);
  node n{.kind = node_kind::is_type, .a = subject.index, .index = t.negated ? 1u : 0u, .span = e.span};
  auto found = std::find_if(std::begin(type_names), std::end(type_names),
                            [&](const auto& p) { return p.first == t.type_name; });
  if (found == std::end(type_names))
    error("unknown-type", t.type_span, fmt::format("unknown type '{}' (expected {})", t.type_name, list_names(type_names)));
  else
    n.op = static_cast<std::uint8_t>(found->second);
  return {emit(n), st::boolean};
}

typed compiler::visit(const dsl::expr& e, const dsl::deduction& d) {
  auto points = expect_type(*d.points, st::number, "the points of a deduction");
  auto step = expect_type(*d.step, st::number, "the step of a deduction");
  if (const auto* v = constant_of(step.index); v && v->type == rt::kind::number && v->number.sign() <= 0)
    error("invalid-deduction", d.step->span, "a deduction step must be above 0: it is the amount each deduction stands for");
  auto amount = expect_type(*d.amount, st::number, "the amount of a deduction");
  node n{.kind = node_kind::deduction, .op = static_cast<std::uint8_t>(d.whole_steps), .a = points.index,
         .b = step.index, .c = amount.index, .span = e.span};
  if (d.cap) n.d = expect_type(*d.cap, st::number, "the cap of a deduction").index;
  return {emit(n), st::number};
}

}  // namespace

bool planned_interval::contains(const decimal& x) const {
  if (lower) {
    if (lower_closed ? x < *lower : x <= *lower) return false;
  }
  if (upper) {
    if (upper_closed ? *upper < x : *upper <= x) return false;
  }
  return true;
}

std::optional<std::size_t> program::grade_arm(const decimal& total) const {
  for (std::size_t i = 0; i < grades.size(); ++i) {
    const auto& arm = grades[i];
    if (!arm.comparison) return i;
    auto order = total <=> arm.threshold;
    bool hit = false;
    switch (*arm.comparison) {
      case rt::comparison::greater_equal: hit = order >= 0; break;
      case rt::comparison::greater: hit = order > 0; break;
      case rt::comparison::less_equal: hit = order <= 0; break;
      case rt::comparison::less: hit = order < 0; break;
      case rt::comparison::equal: hit = order == 0; break;
      case rt::comparison::not_equal: hit = order != 0; break;
    }
    if (hit) return i;
  }
  return std::nullopt;
}

std::string program::grade(const decimal& total) const {
  const auto arm = grade_arm(total);
  return arm ? grades[*arm].label : "";
}

expected<program, dsl::diagnostics> compile(dsl::rule_file file) {
  if (file.header.extends || file.header.kind != dsl::file_kind::ruleset) {
    return unexpected(dsl::diagnostics{{dsl::severity::error, file.path, file.header.span,
                                        "a rule set that extends another, or a library, is loaded from its files "
                                        "(assemble)",
                                        {}}});
  }
  assembled_ruleset set;
  set.files.push_back(std::make_unique<const dsl::rule_file>(std::move(file)));
  set.main = set.files.front().get();
  for (const auto& d : set.main->declarations) set.declarations.push_back({set.main, &d});
  set.sha256 = sources_sha256(set.files);
  return compile(std::move(set));
}

expected<program, dsl::diagnostics> compile(assembled_ruleset set) {
  program out;
  out.source = std::make_unique<const assembled_ruleset>(std::move(set));
  out.ancestry = out.source->ancestry;
  out.sha256 = out.source->sha256;
  for (const auto& f : out.source->files) out.files.push_back(f->path);
  compiler c(*out.source, out);
  c.run();
  auto errors = c.take_errors();
  if (!errors.empty()) {
    auto warnings = c.take_warnings();
    errors.insert(errors.end(), warnings.begin(), warnings.end());
    return unexpected(std::move(errors));
  }
  out.warnings = c.take_warnings();
  plan_steps(out);
  plan_guards(out);
  return out;
}

}  // namespace jixiao::engine
