#include "dsl/formatter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "dsl/ast_dump.hpp"
#include "dsl/parser.hpp"
#include "dsl/separators.hpp"
#include "dsl/spelling.hpp"
#include "stdlib/utf8.hpp"

namespace jixiao::dsl {

namespace {

constexpr std::size_t body_indent = 2;
constexpr std::size_t continuation_indent = 4;
constexpr std::string_view ideographic_space = "\xE3\x80\x80";

// Whether a line holding nothing but whitespace lies between two offsets. The lines holding
// `from` and `to` are not counted: they hold the tokens before and after.
bool has_blank_line(std::string_view text, std::size_t from, std::size_t to) {
  bool blank_so_far = false;
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      if (blank_so_far) {
        return true;
      }
      blank_so_far = true;
    } else if (text.substr(i).starts_with(ideographic_space)) {
      i += ideographic_space.size() - 1;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      blank_so_far = false;
    }
  }
  return false;
}

// How tightly each kind of expression binds, loosest first, as in grammar.hpp.
enum precedence : int {
  conditional_level,
  or_level,
  and_level,
  not_level,
  comparison_level,
  additive_level,
  multiplicative_level,
  unary_level,
  postfix_level,
  primary_level,
};

int precedence_of(const expr& e) {
  return std::visit(
      [](const auto& n) -> int {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, conditional>) {
          return conditional_level;
        } else if constexpr (std::is_same_v<T, binary>) {
          switch (n.op) {
            case binary_op::logical_or:
              return or_level;
            case binary_op::logical_and:
              return and_level;
            case binary_op::add:
            case binary_op::subtract:
              return additive_level;
            case binary_op::multiply:
            case binary_op::divide:
              return multiplicative_level;
            case binary_op::equal:
            case binary_op::not_equal:
            case binary_op::less:
            case binary_op::less_equal:
            case binary_op::greater:
            case binary_op::greater_equal:
              return comparison_level;
          }
          return primary_level;
        } else if constexpr (std::is_same_v<T, unary>) {
          return n.op == unary_op::negate ? unary_level : not_level;
        } else if constexpr (std::is_same_v<T, in_list> || std::is_same_v<T, is_type>) {
          return comparison_level;
        } else if constexpr (std::is_same_v<T, member_access>) {
          return postfix_level;
        } else {
          return primary_level;
        }
      },
      e.node);
}

// The operand a node's span begins with when it is not parenthesized, if any.
const expr* first_operand(const expr& e) {
  if (const auto* b = std::get_if<binary>(&e.node)) return b->lhs.get();
  if (const auto* m = std::get_if<member_access>(&e.node)) return m->object.get();
  if (const auto* i = std::get_if<in_list>(&e.node)) return i->subject.get();
  if (const auto* t = std::get_if<is_type>(&e.node)) return t->subject.get();
  if (const auto* c = std::get_if<conditional>(&e.node)) return c->condition.get();
  return nullptr;
}

// A deduction with a cap ends in an expression that would take in an operator written after
// it (`deduct 1 per 3% of x whole cap 15 * 2` caps at 30), so it needs parentheses whenever
// something follows it.
bool open_ended(const expr& e) {
  const auto* d = std::get_if<deduction>(&e.node);
  return d != nullptr && d->cap != nullptr;
}

// One piece of a condition or value that may begin a line: the first operand, or an `and` or
// `or` with its right operand.
struct chunk {
  std::string text;
  std::size_t source = 0;  // where its first token (the operator, for all but the first) is
};

class expression_printer {
 public:
  explicit expression_printer(std::string_view text) : m_text(text) {}

  // The expression on one line, parenthesized when the author wrote parentheses around it or
  // when the place it is printed in (`context`, the loosest precedence allowed there without
  // parentheses) needs them.
  [[nodiscard]] std::string print(const expr& e, int context = conditional_level, bool followed = false) const {
    if (wrapped(e, context, followed)) {
      return "(" + bare(e, false) + ")";
    }
    return bare(e, followed);
  }

  // The expression split before each `and` and `or` that is not inside parentheses.
  void split(const expr& e, int context, std::vector<chunk>& out) const {
    const auto* b = std::get_if<binary>(&e.node);
    if (b != nullptr && (b->op == binary_op::logical_and || b->op == binary_op::logical_or) &&
        !wrapped(e, context, false)) {
      const int level = precedence_of(e);
      split(*b->lhs, level, out);
      const auto first = out.size();
      split(*b->rhs, level + 1, out);
      out[first].text = fmt::format("{} {}", operator_text(b->op), out[first].text);
      out[first].source = skip_separators(m_text, b->lhs->span.end);
      return;
    }
    out.push_back({print(e, context), e.span.begin});
  }

  [[nodiscard]] std::string interval_text(const interval& i) const {
    return fmt::format("{}{}, {}{}", i.lower_closed ? '[' : '(', i.lower ? print(*i.lower) : "-inf",
                       i.upper ? print(*i.upper) : "inf", i.upper_closed ? ']' : ')');
  }

 private:
  [[nodiscard]] bool wrapped(const expr& e, int context, bool followed) const {
    return written_in_parentheses(e) || precedence_of(e) < context || (followed && open_ended(e));
  }

  // The parser widens a node's span over the parentheses written around it. A node that
  // begins with an operand begins where the operand does unless it was widened; any other
  // node begins with a token that is never '('.
  [[nodiscard]] bool written_in_parentheses(const expr& e) const {
    if (e.span.begin >= m_text.size() || m_text[e.span.begin] != '(') {
      return false;
    }
    const auto* first = first_operand(e);
    return first == nullptr || first->span.begin != e.span.begin;
  }

  // `if c then a else b` rather than `c ? a : b`: between the node's beginning and its
  // condition there is more than opening parentheses.
  [[nodiscard]] bool written_as_if(const expr& e, const conditional& c) const {
    auto at = e.span.begin;
    while (at < c.condition->span.begin && m_text[at] == '(') {
      at = skip_separators(m_text, at + 1);
    }
    return at < c.condition->span.begin;
  }

  [[nodiscard]] std::string list(const std::vector<expr_ptr>& items) const {
    std::string out;
    for (const auto& item : items) {
      out += (out.empty() ? "" : ", ") + print(*item);
    }
    return out;
  }

  // `followed`: something that an open-ended expression would take in is printed after it.
  [[nodiscard]] std::string bare(const expr& e, bool followed) const {
    return std::visit(
        [&](const auto& n) -> std::string {
          using T = std::decay_t<decltype(n)>;
          if constexpr (requires { token_text(n); }) {
            return token_text(n);
          } else if constexpr (std::is_same_v<T, member_access>) {
            return print(*n.object, postfix_level, true) + "." + n.field;
          } else if constexpr (std::is_same_v<T, call>) {
            return n.callee + "(" + list(n.args) + ")";
          } else if constexpr (std::is_same_v<T, unary>) {
            if (n.op == unary_op::negate) {
              return "-" + print(*n.operand, unary_level, followed);
            }
            return "not " + print(*n.operand, not_level, followed);
          } else if constexpr (std::is_same_v<T, binary>) {
            const int level = precedence_of(e);
            // Comparisons do not chain, so neither side may be a comparison; the others are
            // left-associative, so only the right side needs a tighter operand.
            const int left = level == comparison_level ? level + 1 : level;
            return fmt::format("{} {} {}", print(*n.lhs, left, true), operator_text(n.op),
                               print(*n.rhs, level + 1, followed));
          } else if constexpr (std::is_same_v<T, conditional>) {
            if (written_as_if(e, n)) {
              return fmt::format("if {} then {} else {}", print(*n.condition), print(*n.then_branch),
                                 print(*n.else_branch));
            }
            return fmt::format("{} ? {} : {}", print(*n.condition, or_level, true), print(*n.then_branch),
                               print(*n.else_branch));
          } else if constexpr (std::is_same_v<T, in_list>) {
            return fmt::format("{} {}in ({})", print(*n.subject, additive_level, true), n.negated ? "not " : "",
                               list(n.items));
          } else if constexpr (std::is_same_v<T, is_type>) {
            return fmt::format("{} is {}{}", print(*n.subject, additive_level, true), n.negated ? "not " : "",
                               n.type_name);
          } else {
            static_assert(std::is_same_v<T, deduction>);
            std::string out = fmt::format("deduct {} per {} of {} {}", print(*n.points, additive_level, true),
                                          print(*n.step, additive_level, true), print(*n.amount, additive_level, true),
                                          n.whole_steps ? "whole" : "prorata");
            if (n.cap) {
              out += " cap " + print(*n.cap, additive_level, followed);
            }
            return out;
          }
        },
        e.node);
  }

  std::string_view m_text;
};

std::size_t width(std::string_view s) { return utf8::display_width(s); }

std::string padded(std::string_view s, std::size_t columns) {
  std::string out(s);
  out.append(columns > width(s) ? columns - width(s) : 0, ' ');
  return out;
}

// One line of output, before comments are woven in.
struct line {
  std::size_t indent = 0;
  std::string text;
  std::size_t source = 0;          // where the first token printed on it is in the source
  std::size_t comment_indent = 0;  // the indentation of comments placed before it
  std::vector<std::string> comments_before;
  std::optional<std::string> trailing_comment;
};

// The header or one declaration, or a comment between them.
struct unit {
  std::size_t first_line = 0;
  std::size_t end_line = 0;
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
};

struct top_level_comment {
  std::string text;
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
};

class file_formatter {
 public:
  explicit file_formatter(const rule_file& file) : m_file(file), m_text(file.text), m_expr(file.text) {}

  std::string run() {
    header();
    for (const auto& d : m_file.declarations) {
      std::visit([&](const auto& n) { declaration(n); }, d);
    }
    weave_comments();
    return render();
  }

 private:
  // ---- lines ------------------------------------------------------------------------------

  void begin_unit(std::size_t source_begin, std::size_t source_end) {
    m_units.push_back({m_lines.size(), m_lines.size(), source_begin, source_end});
  }

  void emit(std::size_t indent, std::string text, std::size_t source) {
    m_lines.push_back({indent, std::move(text), source, indent, {}, {}});
    m_units.back().end_line = m_lines.size();
  }

  // `lead` and then the chunks, filled greedily: a chunk stays on the line while the line
  // fits in max_line_width, else it begins a new line at `continuation` columns.
  void emit_chunks(std::size_t indent, std::string lead, std::size_t source, std::vector<chunk> chunks,
                   std::size_t continuation, std::string_view suffix = {}) {
    chunks.back().text += suffix;
    std::string current = lead + chunks.front().text;
    for (std::size_t i = 1; i < chunks.size(); ++i) {
      if (indent + width(current) + 1 + width(chunks[i].text) <= max_line_width) {
        current += " " + chunks[i].text;
        continue;
      }
      emit(indent, std::move(current), source);
      indent = continuation;
      current = std::move(chunks[i].text);
      source = chunks[i].source;
    }
    emit(indent, std::move(current), source);
  }

  void emit_expression(std::size_t indent, std::string lead, std::size_t source, const expr& e,
                       std::size_t continuation, std::string_view suffix = {}) {
    std::vector<chunk> chunks;
    m_expr.split(e, conditional_level, chunks);
    emit_chunks(indent, std::move(lead), source, std::move(chunks), continuation, suffix);
  }

  static std::string override_mark(bool is_override) { return is_override ? "override " : ""; }

  // ---- the header -------------------------------------------------------------------------

  [[nodiscard]] std::string header_value(const ruleset_header& h, const header_item& item) const {
    if (item.keyword == "jurisdiction") return quoted(h.jurisdiction.value_or(""));
    if (item.keyword == "version") return quoted(h.version.value_or(""));
    if (item.keyword == "source") return quoted(h.source.value_or(""));
    if (item.keyword == "extends") return quoted(h.extends.value_or(""));
    if (item.keyword == "effective" && h.effective_from && h.effective_to) {
      return fmt::format("{} .. {}", date_text(*h.effective_from), date_text(*h.effective_to));
    }
    // decimals: the digits as written.
    const auto at = skip_separators(m_text, item.span.begin + item.keyword.size());
    return std::string(m_text.substr(at, item.span.end - at));
  }

  void header() {
    const auto& h = m_file.header;
    begin_unit(h.span.begin, h.span.end);
    if (h.kind == file_kind::library) {
      emit(0, "library " + h.id, h.span.begin);
      return;
    }
    if (h.items.empty()) {
      emit(0, fmt::format("ruleset {} {{}}", h.id), h.span.begin);
      return;
    }
    emit(0, fmt::format("ruleset {} {{", h.id), h.span.begin);
    std::size_t key_width = 0;
    for (const auto& item : h.items) {
      key_width = std::max(key_width, item.keyword.size());
    }
    for (const auto& item : h.items) {
      emit(body_indent, padded(item.keyword, key_width + 1) + header_value(h, item), item.span.begin);
    }
    emit(0, "}", h.span.end - 1);
    m_lines.back().comment_indent = body_indent;
  }

  // ---- declarations -----------------------------------------------------------------------

  void declaration(const let_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    emit_expression(0, fmt::format("{}let {} = ", override_mark(d.is_override), d.name), d.span.begin, *d.value,
                    continuation_indent);
  }

  void declaration(const budget_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    emit_expression(
        0,
        fmt::format("{}budget {} = ", override_mark(d.is_override), d.target == budget_target::rate ? "rate" : "score"),
        d.span.begin, *d.value, continuation_indent);
  }

  void declaration(const rule_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    auto head = fmt::format("{}{} {}", override_mark(d.is_override), d.is_group ? "group" : "rule", d.name);
    if (d.position) {
      head += fmt::format(" {} {}", d.position->before ? "before" : "after", d.position->anchor);
    }
    std::size_t body_source = 0;
    if (d.when) {
      emit_expression(0, head + " when ", d.span.begin, *d.when, continuation_indent);
      body_source = skip_separators(m_text, d.when->span.end);
    } else {
      emit(0, head + " otherwise", d.span.begin);
      const auto otherwise = skip_separators(m_text, d.position ? d.position->span.end : d.name_span.end);
      body_source = skip_separators(m_text, otherwise + std::string_view("otherwise").size());
    }
    std::visit(
        [&](const auto& b) {
          using B = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<B, score_body>) {
            emit_expression(body_indent, "score = ", body_source, *b.value, continuation_indent);
          } else if constexpr (std::is_same_v<B, share_body>) {
            emit_expression(body_indent, "share = ", body_source, *b.value, continuation_indent);
          } else if constexpr (std::is_same_v<B, not_applicable_body>) {
            emit(body_indent, "not applicable", body_source);
          } else {
            judged(b, body_source);
          }
        },
        d.body);
  }

  // judged 达成 [80%, 100%] when …,
  //        部分达成 [60%, 80%) when …
  void judged(const judged_body& b, std::size_t body_source) {
    constexpr std::string_view keyword = "judged ";
    const std::size_t band_column = body_indent + keyword.size();
    for (std::size_t i = 0; i < b.bands.size(); ++i) {
      const auto& band = b.bands[i];
      const bool first = i == 0;
      const auto indent = first ? body_indent : band_column;
      const auto source = first ? body_source : band.span.begin;
      auto lead = fmt::format("{}{} {}", first ? keyword : "", band.name, m_expr.interval_text(band.range));
      const std::string_view suffix = i + 1 < b.bands.size() ? "," : "";
      if (band.when) {
        emit_expression(indent, lead + " when ", source, *band.when, band_column + continuation_indent, suffix);
      } else {
        emit(indent, lead + std::string(suffix), source);
      }
    }
  }

  void declaration(const table_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    emit(0, fmt::format("{}table {} {{", override_mark(d.is_override), d.name), d.span.begin);
    std::vector<std::string> keys;
    std::size_t key_width = 0;
    for (const auto& row : d.rows) {
      keys.push_back(m_expr.interval_text(row.key));
      key_width = std::max(key_width, width(keys.back()));
    }
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
      emit(body_indent,
           fmt::format("{} => {}{}", padded(keys[i], key_width), m_expr.print(*d.rows[i].value),
                       i + 1 < d.rows.size() ? "," : ""),
           d.rows[i].span.begin);
    }
    emit(0, "}", d.span.end - 1);
    m_lines.back().comment_indent = body_indent;
  }

  void declaration(const grade_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    std::vector<std::string> arms;
    for (const auto& arm : d.arms) {
      arms.push_back(arm.comparison ? fmt::format("{} {} {}", operator_text(*arm.comparison),
                                                  m_expr.print(*arm.threshold), quoted(arm.label))
                                    : "else " + quoted(arm.label));
    }
    const auto head = override_mark(d.is_override) + "grade ";
    std::string one_line = head;
    for (std::size_t i = 0; i < arms.size(); ++i) {
      one_line += (i == 0 ? "" : ", ") + arms[i];
    }
    if (width(one_line) <= max_line_width) {
      emit(0, std::move(one_line), d.span.begin);
      return;
    }
    // Too long for a line: one arm a line, under the first.
    for (std::size_t i = 0; i < arms.size(); ++i) {
      const auto suffix = i + 1 < arms.size() ? "," : "";
      if (i == 0) {
        emit(0, head + arms[i] + suffix, d.span.begin);
      } else {
        emit(head.size(), arms[i] + suffix, d.arms[i].span.begin);
      }
    }
  }

  void declaration(const check_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    const auto head = fmt::format("{}check {}", override_mark(d.is_override), d.id);
    const auto level = severity_text(d.level);
    if (d.severity_only) {
      emit(0, fmt::format("{} severity {}", head, level), d.span.begin);
      return;
    }
    const auto scope = scope_text(d.on);
    auto first = fmt::format("{} {} on {}", head, level, scope);
    std::size_t before_when = 0;
    if (d.cell.empty()) {
      const auto on = skip_separators(m_text, d.level_span.end);
      before_when = skip_separators(m_text, on + 2) + scope.size();
    } else {
      first += " at " + d.cell;
      before_when = d.cell_span.end;
    }
    emit(0, std::move(first), d.span.begin);
    emit_expression(body_indent, "when ", skip_separators(m_text, before_when), *d.when, continuation_indent);
    emit(body_indent, "message " + quoted(d.message), skip_separators(m_text, d.when->span.end));
  }

  void declaration(const remove_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    const auto kind = kind_text(d.kind);
    emit(0, d.name.empty() ? fmt::format("remove {}", kind) : fmt::format("remove {} {}", kind, d.name), d.span.begin);
  }

  void declaration(const include_decl& d) {
    begin_unit(d.span.begin, d.span.end);
    emit(0, "include " + quoted(d.path), d.span.begin);
  }

  // ---- comments ---------------------------------------------------------------------------

  // Whether code comes before the comment on its line.
  [[nodiscard]] bool after_code(const comment& c) const {
    const auto newline = c.span.begin == 0 ? std::string_view::npos : m_text.rfind('\n', c.span.begin - 1);
    auto at = newline == std::string_view::npos ? 0 : newline + 1;
    if (at == 0 && m_text.starts_with("\xEF\xBB\xBF")) {
      at = 3;
    }
    return skip_separators(m_text.substr(0, c.span.begin), at) < c.span.begin;
  }

  // The last line whose first token is at or before `offset` (before it, when `strictly`).
  [[nodiscard]] std::optional<std::size_t> line_at(std::size_t offset, bool strictly) const {
    const auto after = strictly ? std::lower_bound(m_lines.begin(), m_lines.end(), offset,
                                                   [](const line& l, std::size_t o) { return l.source < o; })
                                : std::upper_bound(m_lines.begin(), m_lines.end(), offset,
                                                   [](std::size_t o, const line& l) { return o < l.source; });
    if (after == m_lines.begin()) {
      return std::nullopt;
    }
    return static_cast<std::size_t>(after - m_lines.begin()) - 1;
  }

  [[nodiscard]] std::size_t unit_of(std::size_t line_index) const {
    const auto it = std::upper_bound(m_units.begin(), m_units.end(), line_index,
                                     [](std::size_t i, const unit& u) { return i < u.first_line; });
    return static_cast<std::size_t>(it - m_units.begin()) - 1;
  }

  // A comment after code stays at the end of the line that holds the token before it. Any
  // other comment goes on its own line before the line that holds the token after it, at
  // that line's indentation; before a declaration's first line and outside its source, it
  // stands between declarations, where blank lines around it are kept.
  void weave_comments() {
    m_comments_before.resize(m_units.size() + 1);
    for (const auto& c : m_file.comments) {
      auto text = c.text;
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.pop_back();
      }
      text.insert(0, "#");
      if (after_code(c)) {
        if (const auto target = line_at(c.span.begin, true); target && !m_lines[*target].trailing_comment) {
          m_lines[*target].trailing_comment = std::move(text);
          continue;
        }
      }
      const auto next = skip_separators(m_text, c.span.end);
      const auto target = next < m_text.size() ? line_at(next, false) : std::nullopt;
      if (!target) {
        m_comments_before[next < m_text.size() ? 0 : m_units.size()].push_back(
            {std::move(text), c.span.begin, c.span.end});
        continue;
      }
      const auto u = unit_of(*target);
      if (*target == m_units[u].first_line && c.span.begin < m_units[u].source_begin) {
        m_comments_before[u].push_back({std::move(text), c.span.begin, c.span.end});
      } else {
        m_lines[*target].comments_before.push_back(std::move(text));
      }
    }
  }

  // ---- output -----------------------------------------------------------------------------

  std::string render() {
    std::string out;
    struct previous {
      std::size_t source_end = 0;
      bool declaration = false;
      bool multi_line = false;
    };
    std::optional<previous> prev;
    // One blank line where the source has at least one, and always between two declarations
    // when either takes more than one line.
    const auto separate = [&](std::size_t source_begin, bool declaration, bool multi_line) {
      if (prev && (has_blank_line(m_text, prev->source_end, source_begin) ||
                   (prev->declaration && declaration && (prev->multi_line || multi_line)))) {
        out += '\n';
      }
    };
    for (std::size_t u = 0; u <= m_units.size(); ++u) {
      for (const auto& c : m_comments_before[u]) {
        separate(c.source_begin, false, false);
        out += c.text + "\n";
        prev = previous{c.source_end, false, false};
      }
      if (u == m_units.size()) {
        break;
      }
      const auto& un = m_units[u];
      const bool multi_line = un.end_line - un.first_line > 1;
      separate(un.source_begin, true, multi_line);
      for (std::size_t i = un.first_line; i < un.end_line; ++i) {
        const auto& l = m_lines[i];
        for (const auto& c : l.comments_before) {
          out += std::string(l.comment_indent, ' ') + c + "\n";
        }
        out += std::string(l.indent, ' ') + l.text;
        if (l.trailing_comment) {
          out += "  " + *l.trailing_comment;
        }
        out += '\n';
      }
      prev = previous{un.source_end, true, multi_line};
    }
    return out;
  }

  const rule_file& m_file;
  std::string_view m_text;
  expression_printer m_expr;
  std::vector<line> m_lines;
  std::vector<unit> m_units;
  std::vector<std::vector<top_level_comment>> m_comments_before;  // one list per unit, and one for the end
};

}  // namespace

std::string format_file(const rule_file& file) { return file_formatter(file).run(); }

jixiao::expected<std::string, diagnostics> format_rules(std::string_view source, std::string_view path) {
  auto parsed = parse(std::string(source), std::string(path));
  if (!parsed) {
    return jixiao::unexpected(std::move(parsed.error()));
  }
  auto formatted = format_file(*parsed);
  // The formatter must never change the rules; if it would, say so rather than write.
  const auto again = parse(formatted, std::string(path));
  if (!again || dump_rules(*again) != dump_rules(*parsed)) {
    return jixiao::unexpected(
        diagnostics{{severity::error,
                     std::string(path),
                     {},
                     "internal error: the formatted text would not mean the same rules; the file is left as it is",
                     {}}});
  }
  return formatted;
}

}  // namespace jixiao::dsl
