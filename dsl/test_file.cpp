// Parsing rule-test files: the actions that build the AST (test_file.hpp) while the grammar
// (test_grammar.hpp) matches, the checks that need no rule set, and the expansion of tables
// of cases into one test per row.
//
// Statements are assembled from the parts their rules collected (a path, fields, values):
// every statement commits right after its keyword, so parts are never collected for a
// statement that is later abandoned. Problems that do not stop the parse (an unknown field, a
// score that is not a number) are collected, so an author sees them all at once.
#include "dsl/test_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <string_view>
#include <system_error>
#include <tao/pegtl.hpp>
#include <utility>

#include "dsl/actions.hpp"
#include "dsl/test_grammar.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::dsl {
namespace {

namespace pegtl = tao::pegtl;
namespace g = test_grammar;

// ---------------------------------------------------------------------------------------------
// Field names: the form format's key, the English name and the form's Chinese labels.

struct field_spelling {
  std::string_view key;
  std::array<std::string_view, 4> names;  // unused slots are empty
};

// clang-format off
constexpr field_spelling indicator_fields[] = {
    {"target", {"target", "年度指标值", "指标值", ""}},
    {"actual", {"actual", "实际完成值", "完成值", ""}},
    {"weight", {"weight", "分值", "权重", ""}},
    {"score", {"declared", "得分", "", ""}},
    {"reason", {"reason", "偏差原因", "偏差原因分析及改进措施", ""}},
    {"op", {"op", "比较符", "", ""}},
    {"unit", {"unit", "度量单位", "", ""}},
};
constexpr field_spelling group_fields[] = {
    {"weight", {"weight", "分值", "权重", ""}},
    {"score", {"declared", "得分", "", ""}},
    {"reason", {"reason", "偏差原因", "偏差原因分析及改进措施", ""}},
};
constexpr field_spelling budget_fields[] = {
    {"initial", {"initial", "年初预算数", "", ""}},
    {"annual", {"annual", "全年预算数", "调整后预算数", ""}},
    {"executed", {"executed", "全年执行数", "预算执行数", ""}},
    {"weight", {"weight", "分值", "", ""}},
    {"rate", {"rate", "执行率", "", ""}},
    {"score", {"declared", "得分", "", ""}},
};
constexpr field_spelling total_fields[] = {
    {"weight", {"weight", "分值", "总分值", ""}},
    {"score", {"declared", "得分", "总分", ""}},
};
constexpr field_spelling goals_fields[] = {
    {"expected", {"expected", "预期目标", "", ""}},
    {"actual", {"actual", "实际完成情况", "", ""}},
};
// clang-format on

std::span<const field_spelling> spellings(inline_kind kind) {
  switch (kind) {
    case inline_kind::indicator: return indicator_fields;
    case inline_kind::group: return group_fields;
    case inline_kind::budget: return budget_fields;
    case inline_kind::total: return total_fields;
    case inline_kind::goals: return goals_fields;
  }
  return {};
}

std::string_view row_keyword(inline_kind kind) {
  switch (kind) {
    case inline_kind::indicator: return "indicator";
    case inline_kind::group: return "group";
    case inline_kind::budget: return "budget";
    case inline_kind::total: return "total";
    case inline_kind::goals: return "goals";
  }
  return "";
}

const field_spelling* find_field(inline_kind kind, std::string_view name) {
  for (const auto& f : spellings(kind))
    for (auto n : f.names)
      if (!n.empty() && n == name) return &f;
  return nullptr;
}

// "target (年度指标值), actual (实际完成值), …" for messages.
std::string list_fields(inline_kind kind) {
  std::string out;
  for (const auto& f : spellings(kind)) {
    if (!out.empty()) out += ", ";
    out += f.names[0];
    if (!f.names[1].empty()) out += fmt::format(" ({})", f.names[1]);
  }
  return out;
}

// The columns a table of cases may have besides the indicator's fields: what is expected.
struct column_expectation {
  std::string_view name;
  expectation_kind kind;
};
constexpr column_expectation expectation_columns[] = {
    {"score", expectation_kind::score}, {"outcome", expectation_kind::outcome}, {"rule", expectation_kind::rule},
    {"band", expectation_kind::band},   {"total", expectation_kind::total},     {"grade", expectation_kind::grade},
};

bool is_check_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  });
}

// A plain decimal number as written: digits, one optional point, an optional sign.
bool is_plain_number(const test_value& v) { return v.type == test_value::kind::number && !v.text.ends_with('%'); }

// ---------------------------------------------------------------------------------------------
// The parse state

struct block {
  test_case test;
  bool is_cases = false;
  std::size_t begin = 0;  // the keyword
  std::size_t errors_before = 0;  // problems reported before the block: a block with its own says no more
  source_span name_span;
  std::optional<source_span> form_span, year_span, jurisdiction_span;
  std::vector<test_value> columns;
  std::vector<std::vector<test_value>> rows;
  std::vector<source_span> row_spans;
};

struct state {
  state(std::string_view source, std::string file_path) : text(source), lines(source) {
    file.path = std::move(file_path);
  }

  std::string_view text;
  actions::line_index lines;
  test_file file;
  diagnostics errors;
  std::optional<actions::syntax_failure> failure;

  std::optional<block> current;  // the test or cases block being parsed
  std::size_t block_opener = 0;  // the '{' of the current block
  std::size_t string_begin = 0;  // the opening quote of the string being read
  std::map<std::string, source_span, std::less<>> names_seen;
  std::optional<source_span> file_year_span, file_jurisdiction_span;

  // Parts of the statement being parsed.
  std::vector<test_value> path;
  std::vector<test_field> fields;
  std::optional<test_value> field_name;
  std::vector<std::string> subject;
  test_value value, low, high;
  std::optional<test_value> on;
  std::size_t statement_begin = 0;
  std::size_t expectation_end = 0;
  expectation_kind pending = expectation_kind::score;  // what the expectation being parsed states
  bool not_applicable = false;                         // the outcome was written `not applicable`
  std::vector<test_value> cells;

  [[nodiscard]] source_span span(std::size_t begin, std::size_t end) const { return lines.span(begin, end); }
  [[nodiscard]] std::size_t offset_of(const char* p) const { return static_cast<std::size_t>(p - text.data()); }

  // The first offset at or after `at` that is not a blank (newlines are not skipped).
  [[nodiscard]] std::size_t skip_blanks(std::size_t at) const {
    while (at < text.size()) {
      if (text[at] == ' ' || text[at] == '\t') {
        ++at;
      } else if (text.substr(at, 3) == "\xE3\x80\x80") {
        at += 3;
      } else {
        break;
      }
    }
    return at;
  }

  template <typename ActionInput>
  [[nodiscard]] source_span span_of(const ActionInput& in) const {
    return span(skip_blanks(offset_of(in.begin())), offset_of(in.end()));
  }

  // A value token: its kind and its text, with a string's escapes resolved.
  template <typename ActionInput>
  [[nodiscard]] test_value value_of(const ActionInput& in) const {
    const auto s = span_of(in);
    const auto raw = text.substr(s.begin, s.end - s.begin);
    test_value v{test_value::kind::word, std::string(raw), s};
    if (raw.starts_with('"')) {
      v.type = test_value::kind::string;
      v.text.clear();
      for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
        if (raw[i] == '\\') {
          ++i;
          v.text += raw[i] == 'n' ? '\n' : raw[i];
        } else {
          v.text += raw[i];
        }
      }
    } else if (pegtl::parse<pegtl::seq<g::number_text, pegtl::eof>>(pegtl::memory_input(raw.data(), raw.size(), ""))) {
      v.type = test_value::kind::number;
    }
    return v;
  }

  void error(source_span s, std::string message, std::vector<diagnostic_note> notes = {}) {
    errors.push_back({severity::error, file.path, s, std::move(message), std::move(notes)});
  }

  // Called by the control (test_grammar.hpp) just before a required rule throws.
  void syntax_error(const char* at, const char* message, bool closes, bool from_string_start) {
    actions::syntax_failure f{offset_of(at), message, std::nullopt, std::nullopt, std::nullopt};
    if (closes && current) f.opener = block_opener;
    if (from_string_start) f.string_begin = string_begin;
    failure = std::move(f);
  }

  void reset_statement() {
    path.clear();
    fields.clear();
    field_name.reset();
    subject.clear();
    value = low = high = {};
    on.reset();
    cells.clear();
    not_applicable = false;
  }

  // --- statements --------------------------------------------------------------------------

  void year_statement(source_span where) {
    int year = 0;
    const auto& t = value.text;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), year);
    if (value.type != test_value::kind::number || ec != std::errc{} || end != t.data() + t.size() || year < 1990 ||
        year > 2100) {
      error(value.span, fmt::format("expected a year such as 2021 (1990–2100), got '{}'", value.text));
      return;
    }
    if (current) {
      if (current->year_span) {
        error(where, "the test gives its year twice", {{*current->year_span, "first given here"}});
        return;
      }
      current->year_span = where;
      current->test.year = year;
    } else {
      if (file_year_span) {
        error(where, "the file gives its year twice", {{*file_year_span, "first given here"}});
        return;
      }
      file_year_span = where;
      file.year = year;
    }
  }

  void jurisdiction_statement(source_span where) {
    if (value.text.empty()) {
      error(value.span, "expected a jurisdiction such as \"北京\"");
      return;
    }
    auto& seen = current ? current->jurisdiction_span : file_jurisdiction_span;
    if (seen) {
      error(where, "the jurisdiction is given twice", {{*seen, "first given here"}});
      return;
    }
    seen = where;
    (current ? current->test.jurisdiction : file.jurisdiction) = value.text;
  }

  void rules_statement(source_span where) {
    if (file.rules) {
      error(where, "the file names its rule set twice", {{file.rules->span, "first given here"}});
      return;
    }
    if (value.type != test_value::kind::string) {
      error(value.span, fmt::format("expected the rule file as a string, e.g. \"2021.rules\", got {}", value.text));
      return;
    }
    if (!file.tests.empty()) {
      error(where, "'rules' comes before the tests");
      return;
    }
    file.rules = value;
  }

  void form_statement(source_span where) {
    if (value.type != test_value::kind::string) {
      error(value.span, fmt::format("expected the form file as a string, e.g. \"../../examples/forms/seed-000-beijing-2021.json\", got {}", value.text));
      return;
    }
    if (current->test.form) {
      error(where, "the test reads two forms", {{*current->form_span, "first given here"}});
      return;
    }
    current->form_span = where;
    current->test.form = value;
  }

  void row_statement(inline_kind kind, source_span where) {
    inline_row row{kind, where, std::move(path), {}};
    const std::size_t parts = kind == inline_kind::indicator ? 3 : kind == inline_kind::group ? 2 : 0;
    if (parts != 0 && row.path.size() != parts) {
      const auto s = span(row.path.front().span.begin, row.path.back().span.end);
      error(s, kind == inline_kind::indicator
                   ? fmt::format("expected the indicator as 一级指标 / 二级指标 / 三级指标 (three names), got {}", row.path.size())
                   : fmt::format("expected the group as 一级指标 / 二级指标 (two names), got {}", row.path.size()));
    }
    std::map<std::string_view, source_span> given;
    for (auto& f : fields) {
      const auto* spelling = find_field(kind, f.name);
      if (!spelling) {
        if (f.name == "score" && kind != inline_kind::goals)
          error(f.name_span,
                "'score' is what the rules give: write it as an expectation (expect score 1.00); the score the form "
                "declares is 'declared' (得分)");
        else
          error(f.name_span, fmt::format("unknown field '{}' of {}; expected {}", f.name, row_keyword(kind), list_fields(kind)));
        continue;
      }
      f.key = spelling->key;
      if (const auto [at, fresh] = given.emplace(spelling->key, f.name_span); !fresh) {
        error(f.name_span, fmt::format("the field '{}' is given twice", f.name), {{at->second, "first given here"}});
        continue;
      }
      row.fields.push_back(std::move(f));
    }
    if (kind != inline_kind::indicator && kind != inline_kind::group) {
      for (const auto& other : current->test.rows)
        if (other.kind == kind) {
          error(where, fmt::format("the form has one {} row", row_keyword(kind)), {{other.span, "first given here"}});
          return;
        }
    }
    current->test.rows.push_back(std::move(row));
  }

  // Checks an expectation's value and adds it to the block.
  void add_expectation(test_expectation e) {
    const auto& v = e.value;
    auto bad = [&](const test_value& at, std::string_view what) {
      error(at.span, fmt::format("expected {}, got '{}'", what, at.text));
    };
    switch (e.kind) {
      case expectation_kind::score:
      case expectation_kind::budget_score:
        if (!is_plain_number(v)) return bad(v, "a score such as 1.60");
        break;
      case expectation_kind::total:
        if (!is_plain_number(v)) return bad(v, "a total such as 85.87");
        break;
      case expectation_kind::range:
        if (!is_plain_number(v)) return bad(v, "the lowest allowed score, a number such as 3.20");
        if (!is_plain_number(*e.high)) return bad(*e.high, "the highest allowed score, a number such as 4.00");
        break;
      case expectation_kind::budget_rate:
        if (v.type != test_value::kind::number) return bad(v, "an execution rate such as 74.69%");
        break;
      case expectation_kind::outcome:
        if (v.text == "not_applicable") e.value.text = "not applicable";
        if (e.value.text != "computed" && e.value.text != "judged" && e.value.text != "unscored" &&
            e.value.text != "not applicable")
          return bad(v, "an outcome: computed, judged, unscored or not applicable");
        break;
      case expectation_kind::rule:
      case expectation_kind::band:
      case expectation_kind::grade:
        if (v.text.empty()) return bad(v, "a name");
        break;
      case expectation_kind::lint:
      case expectation_kind::no_lint:
        if (!is_check_id(v.text)) return bad(v, "a check id such as score.mismatch (ASCII letters, digits, '.', '-', '_')");
        break;
    }
    current->test.expectations.push_back(std::move(e));
  }

  void expectation(expectation_kind kind) {
    test_expectation e{kind, {}, {}, std::move(subject), value, std::nullopt, std::move(on)};
    if (kind == expectation_kind::range) {
      e.value = low;
      e.high = high;
    }
    e.span = span(statement_begin, expectation_end);
    e.written = std::string(text.substr(e.span.begin, e.span.end - e.span.begin));
    add_expectation(std::move(e));
  }

  // --- blocks ------------------------------------------------------------------------------

  void begin_block(std::size_t at, bool is_cases) {
    current.emplace();
    current->is_cases = is_cases;
    current->begin = at;
    current->errors_before = errors.size();
  }

  void name_block(const test_value& name) {
    current->test.name = name.text;
    current->name_span = name.span;
    current->test.span = span(current->begin, name.span.end);
    if (name.text.empty()) error(name.span, "the test's name is empty");
    if (const auto [at, fresh] = names_seen.emplace(name.text, name.span); !fresh)
      error(name.span, fmt::format("a test named \"{}\" is already defined", name.text), {{at->second, "first defined here"}});
  }

  // The checks of a test that need the whole block.
  bool check_test(const test_case& t, const block& b) {
    bool ok = true;
    if (t.form && !t.rows.empty()) {
      error(t.rows.front().span, "a test reads its form from a file or writes it inline, not both",
            {{*b.form_span, "the form file"}});
      ok = false;
    }
    if (!t.form && std::none_of(t.rows.begin(), t.rows.end(), [](const inline_row& r) {
          return r.kind == inline_kind::indicator || r.kind == inline_kind::group || r.kind == inline_kind::budget;
        })) {
      error(b.test.span, fmt::format("\"{}\" has no form: add form \"path\" or inline rows (indicator, group, budget)", t.name));
      ok = false;
    }
    return ok;
  }

  void end_test() {
    auto b = std::move(*current);
    current.reset();
    if (!check_test(b.test, b)) return;
    // An expectation written wrongly has been reported already; "expects nothing" would only repeat it.
    if (b.test.expectations.empty() && errors.size() == b.errors_before) {
      error(b.test.span, fmt::format("\"{}\" expects nothing: add a line such as expect total 85.87", b.test.name));
      return;
    }
    file.tests.push_back(std::move(b.test));
  }

  void end_cases() {
    auto b = std::move(*current);
    current.reset();
    if (!check_test(b.test, b) || errors.size() != b.errors_before) return;
    if (b.rows.empty()) {
      error(b.test.span, fmt::format("the cases \"{}\" have no rows: add a row of values under 'columns'", b.test.name));
      return;
    }
    // Each column sets a field of the one inline indicator or states an expectation.
    struct column {
      const field_spelling* field = nullptr;
      std::optional<expectation_kind> expects;
    };
    std::vector<column> columns;
    std::map<std::string_view, source_span> seen;
    const auto indicators = std::count_if(b.test.rows.begin(), b.test.rows.end(),
                                          [](const inline_row& r) { return r.kind == inline_kind::indicator; });
    bool ok = true;
    for (const auto& c : b.columns) {
      column col;
      col.field = find_field(inline_kind::indicator, c.text);
      for (const auto& e : expectation_columns)
        if (e.name == c.text) col.expects = e.kind;
      if (!col.field && !col.expects) {
        error(c.span, fmt::format("unknown column '{}'; expected a field of the indicator ({}) or an expectation "
                                  "(score, outcome, rule, band, total, grade)",
                                  c.text, list_fields(inline_kind::indicator)));
        ok = false;
      } else if (col.field && (b.test.form || indicators != 1)) {
        error(c.span, fmt::format("the column '{}' sets a field of the indicator, so the cases need exactly one inline "
                                  "indicator row; they have {}",
                                  c.text, b.test.form ? 0 : indicators));
        ok = false;
      }
      const std::string_view key = col.field ? col.field->key : c.text;
      if (const auto [at, fresh] = seen.emplace(key, c.span); !fresh) {
        error(c.span, fmt::format("the column '{}' is given twice", c.text), {{at->second, "first given here"}});
        ok = false;
      }
      columns.push_back(col);
    }
    if (!ok) return;
    if (std::none_of(columns.begin(), columns.end(), [](const column& c) { return c.expects.has_value(); }) &&
        b.test.expectations.empty()) {
      error(b.columns.front().span,
            "the cases expect nothing: add a column such as score, or an expect line above 'columns'");
      return;
    }
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      const auto& values = b.rows[r];
      if (values.size() != columns.size()) {
        std::string names;
        for (const auto& c : b.columns) names += (names.empty() ? "" : ", ") + c.text;
        error(b.row_spans[r], fmt::format("expected {} values ({}), got {}", columns.size(), names, values.size()));
        continue;
      }
      test_case t = b.test;
      t.name = fmt::format("{} #{}", b.test.name, r + 1);
      t.span = b.row_spans[r];
      const auto before = errors.size();
      current.emplace();
      current->test = std::move(t);
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto& cell = values[c];
        if (columns[c].field) {
          auto& row = *std::find_if(current->test.rows.begin(), current->test.rows.end(),
                                    [](const inline_row& x) { return x.kind == inline_kind::indicator; });
          test_field f{std::string(columns[c].field->key), b.columns[c].text, b.columns[c].span, cell};
          auto same = std::find_if(row.fields.begin(), row.fields.end(), [&](const test_field& x) { return x.key == f.key; });
          if (same != row.fields.end())
            *same = std::move(f);
          else
            row.fields.push_back(std::move(f));
          auto shown = cell.type == test_value::kind::string ? fmt::format("\"{}\"", cell.text) : cell.text;
          current->test.inputs += fmt::format("{}{} {}", current->test.inputs.empty() ? "" : " · ", b.columns[c].text, shown);
        } else {
          test_expectation e{*columns[c].expects, cell.span, {}, {}, cell, std::nullopt, std::nullopt};
          e.written = fmt::format("{} {}", b.columns[c].text, text.substr(cell.span.begin, cell.span.end - cell.span.begin));
          add_expectation(std::move(e));
        }
      }
      t = std::move(current->test);
      current.reset();
      if (errors.size() == before) file.tests.push_back(std::move(t));
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Actions

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::string_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.string_begin = st.offset_of(in.begin());
  }
};

template <>
struct action<g::block_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.block_opener = st.skip_blanks(st.offset_of(in.begin()));
  }
};

// Every statement starts from empty parts; its keyword marks where it begins.
template <typename Keyword>
struct statement_start {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.reset_statement();
    st.statement_begin = st.skip_blanks(st.offset_of(in.begin()));
  }
};
template <> struct action<g::kw_expect> : statement_start<g::kw_expect> {};
template <> struct action<g::kw_indicator> : statement_start<g::kw_indicator> {};
template <> struct action<g::kw_group> : statement_start<g::kw_group> {};
template <> struct action<g::kw_budget_row> : statement_start<g::kw_budget_row> {};
template <> struct action<g::kw_total_row> : statement_start<g::kw_total_row> {};
template <> struct action<g::kw_goals> : statement_start<g::kw_goals> {};
template <> struct action<g::kw_form> : statement_start<g::kw_form> {};
template <> struct action<g::kw_year> : statement_start<g::kw_year> {};
template <> struct action<g::kw_jurisdiction> : statement_start<g::kw_jurisdiction> {};
template <> struct action<g::kw_rules> : statement_start<g::kw_rules> {};
template <> struct action<g::kw_columns> : statement_start<g::kw_columns> {};

template <>
struct action<g::kw_test> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.begin_block(st.skip_blanks(st.offset_of(in.begin())), false);
  }
};

template <>
struct action<g::kw_cases> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.begin_block(st.skip_blanks(st.offset_of(in.begin())), true);
  }
};

template <>
struct action<g::test_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.name_block(st.value_of(in));
  }
};

// Values: each place keeps the value it read.
template <>
struct action<g::path_part> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.path.push_back(st.value_of(in));
  }
};

template <>
struct action<g::field_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.field_name = st.value_of(in);
  }
};

template <>
struct action<g::field_value> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.fields.push_back({"", st.field_name->text, st.field_name->span, st.value_of(in)});
  }
};

template <typename Rule>
struct keep_value {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.value = st.value_of(in);
  }
};
template <> struct action<g::score_value> : keep_value<g::score_value> {};
template <> struct action<g::name_value> : keep_value<g::name_value> {};
template <> struct action<g::rate_value> : keep_value<g::rate_value> {};
template <> struct action<g::total_value> : keep_value<g::total_value> {};
template <> struct action<g::grade_value> : keep_value<g::grade_value> {};
template <> struct action<g::check_ref> : keep_value<g::check_ref> {};
template <> struct action<g::form_path> : keep_value<g::form_path> {};
template <> struct action<g::year_value> : keep_value<g::year_value> {};
template <> struct action<g::jurisdiction_value> : keep_value<g::jurisdiction_value> {};
template <> struct action<g::rules_path> : keep_value<g::rules_path> {};

template <>
struct action<g::outcome_value> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.value = st.value_of(in);
    // `not applicable` is two words; written with one blank or several, it means one thing.
    if (st.not_applicable) st.value.text = "not applicable";
  }
};

template <>
struct action<g::outcome_not_applicable> {
  static void apply0(state& st) { st.not_applicable = true; }
};

template <>
struct action<g::range_low> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.low = st.value_of(in);
  }
};

template <>
struct action<g::range_high> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.high = st.value_of(in);
  }
};

template <>
struct action<g::lint_element> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.on = st.value_of(in);
  }
};

template <>
struct action<g::subject_path> {
  static void apply0(state& st) {
    for (auto& p : st.path) st.subject.push_back(std::move(p.text));
    st.path.clear();
  }
};

template <>
struct action<g::subject_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.subject.push_back(st.value_of(in).text);
  }
};

template <>
struct action<g::expectation> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.expectation_end = st.offset_of(in.end());
  }
};

// The expectations: the property's rule notes what is expected; the statement's action, which
// runs once the whole line has matched, adds it.
template <expectation_kind Kind>
struct note_kind {
  static void apply0(state& st) { st.pending = Kind; }
};
template <> struct action<g::item_score> : note_kind<expectation_kind::score> {};
template <> struct action<g::item_outcome> : note_kind<expectation_kind::outcome> {};
template <> struct action<g::item_rule> : note_kind<expectation_kind::rule> {};
template <> struct action<g::item_band> : note_kind<expectation_kind::band> {};
template <> struct action<g::item_range> : note_kind<expectation_kind::range> {};
template <> struct action<g::budget_score> : note_kind<expectation_kind::budget_score> {};
template <> struct action<g::budget_rate> : note_kind<expectation_kind::budget_rate> {};
template <> struct action<g::expect_total> : note_kind<expectation_kind::total> {};
template <> struct action<g::expect_grade> : note_kind<expectation_kind::grade> {};
template <> struct action<g::lint_present> : note_kind<expectation_kind::lint> {};
template <> struct action<g::lint_absent> : note_kind<expectation_kind::no_lint> {};

template <>
struct action<g::expect_statement> {
  static void apply0(state& st) { st.expectation(st.pending); }
};

// Statements, once their line has matched.
template <typename Rule>
struct whole_statement {
  template <typename ActionInput>
  static source_span where(const ActionInput& in, const state& st) {
    // The statement without its comment and line end: up to the end of its last token.
    auto end = st.offset_of(in.end());
    auto line = st.text.substr(st.statement_begin, end - st.statement_begin);
    const auto newline = line.find('\n');
    if (newline != std::string_view::npos) line = line.substr(0, newline);
    // A '#' outside quotes starts the comment.
    bool quoted = false;
    std::size_t cut = line.size();
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && quoted) {
        ++i;
      } else if (line[i] == '"') {
        quoted = !quoted;
      } else if (line[i] == '#' && !quoted) {
        cut = i;
        break;
      }
    }
    line = line.substr(0, cut);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    return st.span(st.statement_begin, st.statement_begin + line.size());
  }
};

template <>
struct action<g::year_statement> : whole_statement<g::year_statement> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.year_statement(where(in, st));
  }
};

template <>
struct action<g::jurisdiction_statement> : whole_statement<g::jurisdiction_statement> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.jurisdiction_statement(where(in, st));
  }
};

template <>
struct action<g::rules_statement> : whole_statement<g::rules_statement> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.rules_statement(where(in, st));
  }
};

template <>
struct action<g::form_statement> : whole_statement<g::form_statement> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.form_statement(where(in, st));
  }
};

template <inline_kind Kind>
struct row_statement : whole_statement<void> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.row_statement(Kind, where(in, st));
  }
};
template <> struct action<g::indicator_statement> : row_statement<inline_kind::indicator> {};
template <> struct action<g::group_statement> : row_statement<inline_kind::group> {};
template <> struct action<g::budget_statement> : row_statement<inline_kind::budget> {};
template <> struct action<g::total_statement> : row_statement<inline_kind::total> {};
template <> struct action<g::goals_statement> : row_statement<inline_kind::goals> {};

template <>
struct action<g::column_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.current->columns.push_back(st.value_of(in));
  }
};

template <>
struct action<g::cell> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.cells.push_back(st.value_of(in));
  }
};

template <>
struct action<g::case_row> {
  static void apply0(state& st) {
    st.current->row_spans.push_back(st.span(st.cells.front().span.begin, st.cells.back().span.end));
    st.current->rows.push_back(std::move(st.cells));
    st.cells.clear();
  }
};

template <>
struct action<g::test_block> {
  static void apply0(state& st) { st.end_test(); }
};

template <>
struct action<g::cases_block> {
  static void apply0(state& st) { st.end_cases(); }
};

// ---------------------------------------------------------------------------------------------
// Syntax errors

// Characters an input method or a word processor puts where the test language wants ASCII.
struct lookalike {
  char32_t value;
  std::string_view description;
};

constexpr lookalike lookalikes[] = {
    {U'\u201C', "curly quotation mark, use '\"' instead"}, {U'\u201D', "curly quotation mark, use '\"' instead"},
    {U'\uFF02', "full-width quotation mark, use '\"' instead"}, {U'\uFF5B', "full-width brace, use '{' instead"},
    {U'\uFF5D', "full-width brace, use '}' instead"},       {U'\uFF0F', "full-width solidus, use '/' instead"},
    {U'\uFF03', "full-width number sign, use '#' instead"},
};

// The end of the token at `at`, to underline it: a word or a string's first character.
std::size_t token_end(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] == '\n' || text[at] == '\r') return at;
  const auto first = utf8::decode(text, at);
  if (first.cp == '"' || first.cp == '{' || first.cp == '}' || first.cp == '/' || first.cp == '#') return at + 1;
  auto end = at;
  while (end < text.size()) {
    const auto d = utf8::decode(text, end);
    if (d.cp == ' ' || d.cp == '\t' || d.cp == '\r' || d.cp == '\n' || d.cp == 0x3000 || d.cp == '"' ||
        d.cp == '#' || d.cp == '/' || d.cp == '{' || d.cp == '}')
      break;
    end += d.size;
  }
  return end;
}

diagnostic syntax_diagnostic(const state& st, const actions::syntax_failure& f) {
  const auto text = st.text;
  diagnostic d{severity::error, st.file.path, {}, f.message, {}};
  if (f.string_begin) {
    d.span = st.span(*f.string_begin, f.offset);
  } else {
    const auto at = st.skip_blanks(f.offset);
    d.span = st.span(at, token_end(text, at));
    if (at >= text.size()) {
      d.message = "unexpected end of file; " + d.message;
    } else {
      const auto cp = utf8::decode(text, at);
      const auto* l = std::find_if(std::begin(lookalikes), std::end(lookalikes),
                                   [&](const lookalike& x) { return x.value == cp.cp; });
      if (l != std::end(lookalikes))
        d.message = fmt::format("unexpected '{}' ({}); {}", text.substr(at, cp.size), l->description, d.message);
    }
  }
  if (f.opener) d.notes.push_back({st.span(*f.opener, *f.opener + 1), "to match this '{'"});
  return d;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto d = utf8::decode(text, i);
    if (d.cp == 0xFFFD && d.size == 1) return i;
    i += d.size;
  }
  return std::nullopt;
}

jixiao::unexpected<diagnostics> failed(diagnostic d) { return jixiao::unexpected<diagnostics>(diagnostics{std::move(d)}); }

}  // namespace

jixiao::expected<test_file, diagnostics> parse_test_file(std::string text, std::string path) {
  if (const auto bad = first_invalid_utf8(text)) {
    const actions::line_index lines(text);
    return failed({severity::error, path, lines.span(*bad, *bad + 1),
                   fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8, not GBK",
                               static_cast<unsigned char>(text[*bad])),
                   {}});
  }
  state st(text, path);
  try {
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(text.data(), text.size(), path);
    (void)pegtl::parse<g::file, action, g::control>(in, st);
  } catch (const pegtl::parse_error& e) {
    const auto failure =
        st.failure.value_or(actions::syntax_failure{e.positions().front().byte, std::string(e.message()), {}, {}, {}});
    st.errors.push_back(syntax_diagnostic(st, failure));
  }
  if (!st.errors.empty()) {
    std::stable_sort(st.errors.begin(), st.errors.end(),
                     [](const diagnostic& a, const diagnostic& b) { return a.span.begin < b.span.begin; });
    return jixiao::unexpected<diagnostics>(std::move(st.errors));
  }
  if (st.file.tests.empty())
    return failed({severity::error, path, {}, "the file has no tests: add a block test \"name\" { … }", {}});
  test_file out = std::move(st.file);
  out.text = std::move(text);
  return out;
}

jixiao::expected<test_file, diagnostics> read_test_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return failed({severity::error, path, {}, "cannot read the test file: it is a directory", {}});
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return failed({severity::error, path, {},
                   fmt::format("cannot read the test file: {}", std::generic_category().message(errno)), {}});
  // Test files are a few KiB, like rule files; the limit keeps a wrong path from being read whole.
  constexpr std::streamsize max_bytes = 4 * 1024 * 1024;
  std::string text(static_cast<std::size_t>(max_bytes) + 1, '\0');
  in.read(text.data(), max_bytes + 1);
  if (in.bad()) return failed({severity::error, path, {}, "cannot read the test file: read error", {}});
  if (in.gcount() > max_bytes)
    return failed({severity::error, path, {}, "cannot read the test file: over 4 MiB, and a test file is a few KiB", {}});
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_test_file(std::move(text), path);
}

std::string test_rules_path(const test_file& file) {
  namespace fs = std::filesystem;
  const fs::path test(file.path);
  if (file.rules) return (test.parent_path() / file.rules->text).lexically_normal().generic_string();
  return fs::path(test).replace_extension(".rules").lexically_normal().generic_string();
}

}  // namespace jixiao::dsl
