// The actions that build the typed AST (ast.hpp) while the grammar (grammar.hpp) matches, and
// the state they build it in.
//
// Expressions are built on a stack: a literal pushes a node, an operator's tail pops its
// operands and pushes the combined node. This is safe without undo because the grammar commits
// (if_must) before any action whose work could be thrown away: an expression either fails at
// its first token, having pushed nothing, or succeeds, or is a syntax error that ends the parse.
// Declarations do not nest, so their parts are collected in one `declaration_parts`.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>
#include <utility>
#include <variant>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/grammar.hpp"
#include "dsl/separators.hpp"

namespace jixiao::dsl::actions {

namespace pegtl = tao::pegtl;

// Byte offsets to line and character column, in O(log lines + line length) per span.
class line_index {
 public:
  explicit line_index(std::string_view text) : m_text(text) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        m_starts.push_back(i + 1);
      }
    }
    // A byte order mark is not a character of the first line.
    if (text.starts_with("\xEF\xBB\xBF")) {
      m_first_line_origin = 3;
    }
  }

  [[nodiscard]] source_span span(std::size_t begin, std::size_t end) const {
    begin = std::min(begin, m_text.size());
    const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), begin);
    const auto line = static_cast<std::size_t>(after - m_starts.begin());
    std::size_t from = *(after - 1);
    if (line == 1) {
      from = std::min(std::max(from, m_first_line_origin), begin);
    }
    std::uint32_t column = 1;
    for (std::size_t i = from; i < begin; ++i) {
      if ((static_cast<unsigned char>(m_text[i]) & 0xC0U) != 0x80U) {
        ++column;
      }
    }
    return {begin, std::max(begin, end), static_cast<std::uint32_t>(line), column};
  }

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
  std::size_t m_first_line_origin = 0;
};

// What a required rule reported when it failed; parser.cpp turns it into a diagnostic.
struct syntax_failure {
  std::size_t offset = 0;  // where the failed rule began, before its separators
  std::string message;
  std::optional<std::size_t> opener;        // the unclosed bracket, for closers
  std::optional<std::size_t> string_begin;  // the opening quote, for an unterminated string
  std::optional<source_span> span;          // the exact span, when the failure knows it
};

// How deep expressions may nest, in the source (parentheses, prefix operators, branches) and
// in the tree (a chain of 300 additions is 300 levels deep). The parser and every later stage
// recurse over expressions; the limit keeps them far from the end of a thread's stack.
inline constexpr std::uint32_t max_nesting = 256;

// Call arguments, `in` lists and deductions collect a variable number of operands: the frame
// remembers where on the stack they begin.
struct frame {
  std::size_t mark = 0;
  std::string name;  // the callee
  source_span name_span;
  bool prorata = false;  // deductions
};

// The parts of the declaration being parsed.
struct declaration_parts {
  std::string name;
  source_span name_span;
  budget_target target = budget_target::rate;
  expr_ptr when;
  std::variant<score_body, judged_body, not_applicable_body, share_body> body;
  std::optional<interval> range;  // the last interval parsed, for a band or a table row
  std::string band_name;
  source_span band_name_span;
  expr_ptr band_when;
  std::vector<band> bands;
  std::vector<table_row> rows;
  std::vector<grade_arm> arms;
  std::optional<placement> position;
  check_decl check;  // the check being parsed
};

struct state {
  state(std::string_view source, std::string path) : text(source), lines(source) { file.path = std::move(path); }

  std::string_view text;
  line_index lines;
  rule_file file;
  diagnostics errors;  // problems that do not stop the parse (duplicates, invalid dates)
  std::optional<syntax_failure> failure;

  std::vector<expr_ptr> exprs;
  std::vector<std::uint32_t> depths;  // the tree depth of each entry of exprs
  std::uint32_t nesting = 0;          // recursive rules entered and not yet left
  std::vector<binary_op> ops;
  std::vector<frame> frames;
  std::vector<std::size_t> brackets;  // offsets of the open ( [ { not yet closed
  std::size_t string_begin = 0;
  std::map<std::string, source_span, std::less<>> header_items_seen;
  std::string type_name;
  source_span type_span;
  std::string field;
  source_span field_span;
  std::optional<int> decimals;  // the value of the `decimals` item being parsed
  declaration_parts parts;

  [[nodiscard]] std::size_t offset_of(const char* p) const { return static_cast<std::size_t>(p - text.data()); }

  [[nodiscard]] source_span span(std::size_t begin, std::size_t end) const { return lines.span(begin, end); }

  // The span of an action input without its leading separators.
  template <typename ActionInput>
  [[nodiscard]] source_span span_of(const ActionInput& in) const {
    const auto end = offset_of(in.end());
    return span(skip_separators(text, offset_of(in.begin())), end);
  }

  // The text of an action input without its leading separators.
  template <typename ActionInput>
  [[nodiscard]] std::string_view token_of(const ActionInput& in) const {
    const auto s = span_of(in);
    return text.substr(s.begin, s.end - s.begin);
  }

  // Pushes a node whose operands, if any, are the stack entries from `operands` up; call it
  // before popping them. Throws a parse error when the tree gets too deep.
  template <typename Node>
  void push(source_span s, Node node, std::size_t operands) {
    std::uint32_t depth = 1;
    for (std::size_t i = operands; i < depths.size(); ++i) {
      depth = std::max(depth, depths[i] + 1);
    }
    if (depth > max_nesting) {
      too_deep(s.begin, s);
    }
    auto e = std::make_unique<expr>(expr{s, std::move(node)});
    exprs.resize(operands);
    depths.resize(operands);
    exprs.push_back(std::move(e));
    depths.push_back(depth);
  }

  // A literal or a name.
  template <typename Node>
  void push(source_span s, Node node) {
    push(s, std::move(node), exprs.size());
  }

  // Pushes a placeholder for an unbounded interval side.
  void push_unbounded() {
    exprs.emplace_back();
    depths.push_back(0);
  }

  // The entry `from_top` places below the top of the stack (0 is the top).
  [[nodiscard]] const expr_ptr& peek(std::size_t from_top = 0) const { return exprs[exprs.size() - 1 - from_top]; }

  // Moves out the entry `from_top` places below the top; push() or pop() removes it after.
  expr_ptr take(std::size_t from_top) { return std::move(exprs[exprs.size() - 1 - from_top]); }

  expr_ptr pop() {
    auto e = std::move(exprs.back());
    exprs.pop_back();
    depths.pop_back();
    return e;
  }

  // Moves out the entries from `mark` to the top, leaving them in place for push() to drop.
  std::vector<expr_ptr> take_from(std::size_t mark) {
    return {std::make_move_iterator(exprs.begin() + static_cast<std::ptrdiff_t>(mark)),
            std::make_move_iterator(exprs.end())};
  }

  [[noreturn]] void too_deep(std::size_t at, std::optional<source_span> s = std::nullopt) {
    failure = syntax_failure{at, fmt::format("expression nested too deeply (more than {} levels)", max_nesting),
                             std::nullopt, std::nullopt, s};
    throw pegtl::parse_error(failure->message, pegtl::position(at, 0, 0, file.path));
  }

  // Called by the control (errors.hpp) around the rules through which expressions recurse.
  void enter_nesting(const char* at) {
    if (++nesting > max_nesting) {
      too_deep(offset_of(at));
    }
  }
  void leave_nesting() { --nesting; }

  void error(source_span s, std::string message, std::vector<diagnostic_note> notes = {}) {
    errors.push_back({severity::error, file.path, s, std::move(message), std::move(notes)});
  }

  // Called by the control (errors.hpp) just before a required rule throws.
  void syntax_error(const char* at, const char* message, bool closes, bool from_string_start) {
    syntax_failure f{offset_of(at), message, std::nullopt, std::nullopt, std::nullopt};
    if (closes && !brackets.empty()) {
      f.opener = brackets.back();
    }
    if (from_string_start) {
      f.string_begin = string_begin;
    }
    failure = std::move(f);
  }

  void add_comment(std::size_t begin, std::size_t end) {
    // Backtracking can match the same comment again; record each once.
    if (!file.comments.empty() && file.comments.back().span.begin >= begin) {
      return;
    }
    auto body = text.substr(begin + 1, end - begin - 1);
    if (body.ends_with('\r')) {
      body.remove_suffix(1);
      --end;
    }
    file.comments.push_back({span(begin, end), std::string(body)});
  }

  // Parses YYYY-MM-DD (already matched by the grammar) and reports an impossible date.
  date_literal date(std::string_view t, source_span s) {
    const auto number = [&](std::size_t pos, std::size_t len) {
      int value = 0;
      std::from_chars(t.data() + pos, t.data() + pos + len, value);
      return value;
    };
    date_literal d{number(0, 4), number(5, 2), number(8, 2)};
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const bool valid = d.month >= 1 && d.month <= 12 && d.day >= 1 &&
                       d.day <= days[std::clamp(d.month, 1, 12) - 1] + (d.month == 2 && leap ? 1 : 0);
    if (!valid) {
      error(s, fmt::format("invalid date {}", t));
    }
    return d;
  }

  // Keeps the first occurrence of a header item and reports any repeat.
  bool first_header_item(std::string_view name, source_span keyword) {
    const auto [it, inserted] = header_items_seen.emplace(std::string(name), keyword);
    if (!inserted) {
      error(keyword, fmt::format("duplicate '{}' in ruleset header", name),
            {{it->second, fmt::format("'{}' first given here", name)}});
    }
    return inserted;
  }

  // Like the above, and records the whole item (keyword to value) in the header's items.
  template <typename ActionInput>
  bool first_header_item(const ActionInput& in, std::string_view name) {
    const auto keyword = keyword_span(in, name);
    if (!first_header_item(name, keyword)) {
      return false;
    }
    file.header.items.push_back({std::string(name), span(keyword.begin, offset_of(in.end()))});
    return true;
  }

  // The keyword span at the start of a header item's input.
  template <typename ActionInput>
  [[nodiscard]] source_span keyword_span(const ActionInput& in, std::string_view keyword) const {
    const auto begin = skip_separators(text, offset_of(in.begin()));
    return span(begin, begin + keyword.size());
  }
};

// Resolves the escapes of a string literal's source text, quotes included.
inline std::string unescape(std::string_view quoted) {
  std::string out;
  const auto body = quoted.substr(1, quoted.size() - 2);
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size()) {
      ++i;
      out += body[i] == 'n' ? '\n' : body[i];
    } else {
      out += body[i];
    }
  }
  return out;
}

inline binary_op operator_from(std::string_view op) {
  if (op == "+") return binary_op::add;
  if (op == "-") return binary_op::subtract;
  if (op == "*" || op == "\u00D7") return binary_op::multiply;
  if (op == "/" || op == "\u00F7") return binary_op::divide;
  if (op == "==") return binary_op::equal;
  if (op == "!=" || op == "\u2260") return binary_op::not_equal;
  if (op == "<") return binary_op::less;
  if (op == "<=" || op == "\u2264") return binary_op::less_equal;
  if (op == ">") return binary_op::greater;
  return binary_op::greater_equal;  // ">=" and "≥", the only spellings left
}

inline constexpr int max_decimals = 18;

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

namespace g = grammar;

// ---------------------------------------------------------------------------------------------
// Comments and literals

template <>
struct action<g::comment> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.add_comment(st.offset_of(in.begin()), st.offset_of(in.end()));
  }
};

template <>
struct action<g::date_literal> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto s = st.span_of(in);
    st.push(s, st.date(st.token_of(in), s));
  }
};

template <>
struct action<g::number_literal> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto t = st.token_of(in);
    const bool percent = t.ends_with('%');
    if (percent) {
      t.remove_suffix(1);
    }
    st.push(st.span_of(in), number_literal{std::string(t), percent});
  }
};

template <>
struct action<g::string_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.string_begin = st.span_of(in).begin;
  }
};

template <>
struct action<g::string_literal> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.push(st.span_of(in), string_literal{unescape(st.token_of(in))});
  }
};
template <>
struct action<g::header_string> : action<g::string_literal> {};
template <>
struct action<g::grade_label> : action<g::string_literal> {};
template <>
struct action<g::extends_path> : action<g::string_literal> {};
template <>
struct action<g::include_path> : action<g::string_literal> {};

template <>
struct action<g::bool_literal> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.push(st.span_of(in), bool_literal{st.token_of(in) == "true"});
  }
};

template <>
struct action<g::rate_reference> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.push(st.span_of(in), name_ref{"rate"});
  }
};

template <>
struct action<g::name_reference> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.push(st.span_of(in), name_ref{std::string(st.token_of(in))});
  }
};

// ---------------------------------------------------------------------------------------------
// Brackets: openers are remembered so that a missing closer can point at them.

struct open_bracket {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.brackets.push_back(st.span_of(in).begin);
  }
};
struct close_bracket {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.brackets.pop_back();
  }
};

template <>
struct action<g::group_open> : open_bracket {};
template <>
struct action<g::group_close> : close_bracket {};
template <>
struct action<g::call_open> : open_bracket {};
template <>
struct action<g::call_close> : close_bracket {};
template <>
struct action<g::header_open> : open_bracket {};
template <>
struct action<g::header_close> : close_bracket {};
template <>
struct action<g::table_open> : open_bracket {};
template <>
struct action<g::table_close> : close_bracket {};
template <>
struct action<g::interval_open> : open_bracket {};
template <>
struct action<g::interval_close> : close_bracket {};
template <>
struct action<g::in_list_close> : close_bracket {};

template <>
struct action<g::in_list_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    open_bracket::apply(in, st);
    st.frames.push_back({st.exprs.size(), {}, {}, false});
  }
};

// ---------------------------------------------------------------------------------------------
// Expressions

// ( e ): no node of its own, but the span grows to cover the parentheses.
template <>
struct action<g::parenthesized> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.exprs.back()->span = st.span_of(in);
  }
};

template <>
struct action<g::deduct_keyword> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.frames.push_back({st.exprs.size(), {}, {}, false});
  }
};

template <>
struct action<g::deduction_mode> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.frames.back().prorata = st.token_of(in) == "prorata";
  }
};

template <>
struct action<g::deduction> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const frame f = std::move(st.frames.back());
    st.frames.pop_back();
    auto operands = st.take_from(f.mark);  // points, step, amount and perhaps the cap
    deduction d{std::move(operands[0]), std::move(operands[1]), std::move(operands[2]), !f.prorata,
                operands.size() > 3 ? std::move(operands[3]) : nullptr};
    st.push(st.span_of(in), std::move(d), f.mark);
  }
};

template <>
struct action<g::callee> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.frames.push_back({st.exprs.size(), std::string(st.token_of(in)), st.span_of(in), false});
  }
};

template <>
struct action<g::call> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    frame f = std::move(st.frames.back());
    st.frames.pop_back();
    st.push(st.span_of(in), call{std::move(f.name), f.name_span, st.take_from(f.mark)}, f.mark);
  }
};

template <>
struct action<g::field_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.field = st.token_of(in);
    st.field_span = st.span_of(in);
  }
};

template <>
struct action<g::member_suffix> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    const auto s = st.span(st.peek()->span.begin, st.field_span.end);
    st.push(s, member_access{st.take(0), std::move(st.field), st.field_span}, st.exprs.size() - 1);
  }
};

// A prefix operator: from the operator to the end of the operand.
template <unary_op Op>
struct prefix {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto s = st.span(st.span_of(in).begin, st.peek()->span.end);
    st.push(s, unary{Op, st.take(0)}, st.exprs.size() - 1);
  }
};
template <>
struct action<g::negation> : prefix<unary_op::negate> {};
template <>
struct action<g::logical_not> : prefix<unary_op::logical_not> {};

struct push_operator {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.ops.push_back(operator_from(st.token_of(in)));
  }
};
template <>
struct action<g::multiplicative_operator> : push_operator {};
template <>
struct action<g::additive_operator> : push_operator {};
template <>
struct action<g::relational_operator> : push_operator {};
template <>
struct action<g::grade_comparison> : push_operator {};

inline void combine(state& st, binary_op op) {
  const auto s = st.span(st.peek(1)->span.begin, st.peek()->span.end);
  st.push(s, binary{op, st.take(1), st.take(0)}, st.exprs.size() - 2);
}

// The tail of a binary operator whose operator was pushed by push_operator.
struct operator_tail {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    const auto op = st.ops.back();
    st.ops.pop_back();
    combine(st, op);
  }
};
template <>
struct action<g::multiplicative_tail> : operator_tail {};
template <>
struct action<g::additive_tail> : operator_tail {};
template <>
struct action<g::relation_tail> : operator_tail {};

template <binary_op Op>
struct keyword_tail {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    combine(st, Op);
  }
};
template <>
struct action<g::conjunction_tail> : keyword_tail<binary_op::logical_and> {};
template <>
struct action<g::disjunction_tail> : keyword_tail<binary_op::logical_or> {};

template <>
struct action<g::in_tail> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const frame f = std::move(st.frames.back());
    st.frames.pop_back();
    const auto subject = f.mark - 1;
    const auto s = st.span(st.exprs[subject]->span.begin, st.offset_of(in.end()));
    const bool negated = st.token_of(in).starts_with('n');  // `not in`, as opposed to `in`
    st.push(s, in_list{std::move(st.exprs[subject]), st.take_from(f.mark), negated}, subject);
  }
};

template <>
struct action<g::type_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.type_name = st.token_of(in);
    st.type_span = st.span_of(in);
  }
};

template <>
struct action<g::is_tail> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto s = st.span(st.peek()->span.begin, st.type_span.end);
    // Anything between `is` and the type name is the `not`.
    const auto after_is = st.span_of(in).begin + 2;
    const bool negated = skip_separators(st.text, after_is) != st.type_span.begin;
    st.push(s, is_type{st.take(0), std::move(st.type_name), st.type_span, negated}, st.exprs.size() - 1);
  }
};

template <>
struct action<g::ternary_tail> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    const auto s = st.span(st.peek(2)->span.begin, st.peek()->span.end);
    st.push(s, conditional{st.take(2), st.take(1), st.take(0)}, st.exprs.size() - 3);
  }
};

template <>
struct action<g::if_then_else> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.push(st.span_of(in), conditional{st.take(2), st.take(1), st.take(0)}, st.exprs.size() - 3);
  }
};

// ---------------------------------------------------------------------------------------------
// Intervals

struct unbounded {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.push_unbounded();
  }
};
template <>
struct action<g::positive_infinity> : unbounded {};
template <>
struct action<g::negative_infinity> : unbounded {};

template <>
struct action<g::interval> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto upper = st.pop();
    auto lower = st.pop();
    const auto t = st.token_of(in);
    st.parts.range = interval{st.span_of(in), t.front() == '[', std::move(lower), std::move(upper), t.back() == ']'};
  }
};

// ---------------------------------------------------------------------------------------------
// The header

template <>
struct action<g::ruleset_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.header.id = st.token_of(in);
    st.file.header.id_span = st.span_of(in);
  }
};

template <>
struct action<g::header_date> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto s = st.span_of(in);
    st.push(s, st.date(st.token_of(in), s));
  }
};
template <>
struct action<g::effective_from> : action<g::header_date> {};
template <>
struct action<g::effective_to> : action<g::header_date> {};

// jurisdiction, version and source: a keyword and a string. The first occurrence is kept.
template <typename ActionInput>
void header_string_item(const ActionInput& in, state& st, std::string_view keyword,
                        std::optional<std::string>& member) {
  auto value = st.pop();
  if (st.first_header_item(in, keyword)) {
    member = std::move(std::get<string_literal>(value->node).value);
  }
}

template <>
struct action<g::jurisdiction_item> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    header_string_item(in, st, "jurisdiction", st.file.header.jurisdiction);
  }
};

template <>
struct action<g::version_item> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    header_string_item(in, st, "version", st.file.header.version);
  }
};

template <>
struct action<g::source_item> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    header_string_item(in, st, "source", st.file.header.source);
  }
};

template <>
struct action<g::effective_item> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto to = st.pop();
    auto from = st.pop();
    if (st.first_header_item(in, "effective")) {
      st.file.header.effective_from = std::get<date_literal>(from->node);
      st.file.header.effective_to = std::get<date_literal>(to->node);
    }
  }
};

template <>
struct action<g::extends_item> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto value = st.pop();
    if (st.first_header_item(in, "extends")) {
      st.file.header.extends = std::move(std::get<string_literal>(value->node).value);
      st.file.header.extends_span = value->span;
    }
  }
};

template <>
struct action<g::library_id> : action<g::ruleset_id> {};

template <>
struct action<g::library_header> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.header.kind = file_kind::library;
    st.file.header.span = st.span_of(in);
  }
};

template <>
struct action<g::decimals_value> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto t = st.token_of(in);
    int value = -1;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    st.decimals.reset();
    // 18 places is already more than any amount in yuan can carry.
    if (ec != std::errc{} || end != t.data() + t.size() || value > max_decimals) {
      st.error(st.span_of(in), fmt::format("decimals must be between 0 and {}", max_decimals));
      return;
    }
    st.decimals = value;
  }
};

template <>
struct action<g::decimals_item> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    if (st.first_header_item(in, "decimals") && st.decimals) {
      st.file.header.decimals = st.decimals;
    }
  }
};

template <>
struct action<g::ruleset_header> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.header.span = st.span_of(in);
  }
};

// ---------------------------------------------------------------------------------------------
// Declarations

struct declared_name {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.name = st.token_of(in);
    st.parts.name_span = st.span_of(in);
  }
};
template <>
struct action<g::let_name> : declared_name {};
template <>
struct action<g::rule_name> : declared_name {};
template <>
struct action<g::group_name> : declared_name {};
template <>
struct action<g::table_name> : declared_name {};

template <>
struct action<g::let_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.declarations.emplace_back(let_decl{st.span_of(in), std::move(st.parts.name), st.parts.name_span, st.pop()});
    st.parts = {};
  }
};

template <>
struct action<g::budget_target> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.target = st.token_of(in) == "rate" ? budget_target::rate : budget_target::score;
  }
};

template <>
struct action<g::budget_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.declarations.emplace_back(budget_decl{st.span_of(in), st.parts.target, st.pop()});
    st.parts = {};
  }
};

template <>
struct action<g::rule_when> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.when = st.pop();
  }
};

template <>
struct action<g::score_body> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.body = score_body{st.pop()};
  }
};

template <>
struct action<g::share_body> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.body = share_body{st.pop()};
  }
};

template <>
struct action<g::not_applicable_body> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.body = not_applicable_body{};
  }
};

template <>
struct action<g::band_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.band_name = st.token_of(in);
    st.parts.band_name_span = st.span_of(in);
    st.parts.band_when = nullptr;
  }
};

template <>
struct action<g::band_condition> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.band_when = st.pop();
  }
};

template <>
struct action<g::band> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.bands.push_back(
        band{st.span_of(in), std::move(st.parts.band_name), std::move(*st.parts.range), std::move(st.parts.band_when)});
    st.parts.range.reset();
  }
};

template <>
struct action<g::judged_body> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.body = judged_body{std::move(st.parts.bands)};
  }
};

template <>
struct action<g::placement_word> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.position = placement{st.span_of(in), st.token_of(in) == "before", {}, {}};
  }
};

template <>
struct action<g::anchor_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.position->anchor = st.token_of(in);
    st.parts.position->anchor_span = st.span_of(in);
    st.parts.position->span.end = st.span_of(in).end;
  }
};

template <bool IsGroup>
struct rule_like {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.declarations.emplace_back(rule_decl{st.span_of(in), IsGroup, std::move(st.parts.name), st.parts.name_span,
                                                std::move(st.parts.when), std::move(st.parts.body), false,
                                                std::move(st.parts.position)});
    st.parts = {};
  }
};
template <>
struct action<g::rule_decl> : rule_like<false> {};
template <>
struct action<g::group_decl> : rule_like<true> {};

template <>
struct action<g::table_row> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.rows.push_back(table_row{st.span_of(in), std::move(*st.parts.range), st.pop()});
    st.parts.range.reset();
  }
};

template <>
struct action<g::table_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.declarations.emplace_back(
        table_decl{st.span_of(in), std::move(st.parts.name), st.parts.name_span, std::move(st.parts.rows)});
    st.parts = {};
  }
};

inline std::string label_of(expr_ptr e) { return std::move(std::get<string_literal>(e->node).value); }

template <>
struct action<g::threshold_arm> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto label = label_of(st.pop());
    auto threshold = st.pop();
    const auto op = st.ops.back();
    st.ops.pop_back();
    st.parts.arms.push_back(grade_arm{st.span_of(in), op, std::move(threshold), std::move(label)});
  }
};

template <>
struct action<g::else_arm> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.arms.push_back(grade_arm{st.span_of(in), std::nullopt, nullptr, label_of(st.pop())});
  }
};

template <>
struct action<g::grade_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.file.declarations.emplace_back(grade_decl{st.span_of(in), std::move(st.parts.arms)});
    st.parts = {};
  }
};

// ---------------------------------------------------------------------------------------------
// Checks

template <>
struct action<g::check_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.check.id = st.token_of(in);
    st.parts.check.id_span = st.span_of(in);
  }
};

template <>
struct action<g::severity_level> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto t = st.token_of(in);
    st.parts.check.level = t == "error" ? check_severity::error : t == "warning" ? check_severity::warning : check_severity::info;
    st.parts.check.level_span = st.span_of(in);
  }
};

template <>
struct action<g::check_severity_change> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.check.severity_only = true;
  }
};

template <>
struct action<g::check_scope> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    const auto t = st.token_of(in);
    st.parts.check.on = t == "indicator" ? check_scope::indicator
                        : t == "group"   ? check_scope::group
                        : t == "budget"  ? check_scope::budget
                                         : check_scope::form;
  }
};

template <>
struct action<g::check_cell_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.check.cell = st.token_of(in);
    st.parts.check.cell_span = st.span_of(in);
  }
};

template <>
struct action<g::check_condition> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, state& st) {
    st.parts.check.when = st.pop();
  }
};

template <>
struct action<g::check_message> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.check.message = unescape(st.token_of(in));
    st.parts.check.message_span = st.span_of(in);
  }
};

template <>
struct action<g::check_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto check = std::move(st.parts.check);
    check.span = st.span_of(in);
    st.file.declarations.emplace_back(std::move(check));
    st.parts = {};
  }
};

template <>
struct action<g::removed_check_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.name = st.token_of(in);
    st.parts.name_span = st.span_of(in);
  }
};

// ---------------------------------------------------------------------------------------------
// Extension: override, remove, include

template <>
struct action<g::override_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    std::visit(
        [&](auto& d) {
          if constexpr (requires { d.is_override; }) {
            d.is_override = true;
            d.span = st.span_of(in);
          }
        },
        st.file.declarations.back());
  }
};

template <>
struct action<g::removed_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    st.parts.name = st.token_of(in);
    st.parts.name_span = st.span_of(in);
  }
};

template <declaration_kind Kind>
struct removal {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto kind = Kind;
    if constexpr (Kind == declaration_kind::budget_score) {
      if (st.parts.target == budget_target::rate) kind = declaration_kind::budget_rate;
    }
    st.file.declarations.emplace_back(remove_decl{st.span_of(in), kind, std::move(st.parts.name), st.parts.name_span});
    st.parts = {};
  }
};
template <>
struct action<g::remove_rule> : removal<declaration_kind::rule> {};
template <>
struct action<g::remove_group> : removal<declaration_kind::group> {};
template <>
struct action<g::remove_let> : removal<declaration_kind::let> {};
template <>
struct action<g::remove_table> : removal<declaration_kind::table> {};
template <>
struct action<g::remove_budget> : removal<declaration_kind::budget_score> {};
template <>
struct action<g::remove_grade> : removal<declaration_kind::grade> {};
template <>
struct action<g::remove_check> : removal<declaration_kind::check> {};

template <>
struct action<g::remove_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    std::get<remove_decl>(st.file.declarations.back()).span = st.span_of(in);
  }
};

template <>
struct action<g::include_decl> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, state& st) {
    auto value = st.pop();
    st.file.declarations.emplace_back(
        include_decl{st.span_of(in), std::move(std::get<string_literal>(value->node).value), value->span});
  }
};

}  // namespace jixiao::dsl::actions
