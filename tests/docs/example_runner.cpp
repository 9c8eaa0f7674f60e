#include "example_runner.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/evaluator.hpp"
#include "engine/scoring.hpp"
#include "markdown_blocks.hpp"
#include "output_match.hpp"
#include "run_program.hpp"

namespace jixiao::docs_test {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view header_text =
    "ruleset docs.example {\n"
    "  jurisdiction \"示例\"\n"
    "  version      \"1\"\n"
    "  effective    2021-01-01 .. 2021-12-31\n"
    "}\n";
constexpr std::uint32_t header_lines = 5;
constexpr std::string_view default_path = "rules/docs/example.rules";
constexpr std::string_view probe_rule = "文档探针";
constexpr std::string_view arrow = "⇒";
constexpr std::string_view prompt = "$ ";
constexpr std::string_view status_open = "[exit status ";

std::string trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A block is a whole file when its first line that is neither blank nor a comment opens the
// header; anything else is a fragment.
bool is_whole_file(std::string_view text, bool& library) {
  for (const auto& raw : lines_of(text)) {
    auto line = trim(raw);
    if (line.empty() || line.starts_with('#')) continue;
    library = line.starts_with("library");
    return line.starts_with("ruleset") || library;
  }
  return false;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// `KEY: VALUE` pairs in the order first given; giving a key again replaces its value.
class givens {
public:
  void set(const std::string& key, const std::string& value) {
    for (auto& [k, v] : m_pairs)
      if (k == key) {
        v = value;
        return;
      }
    m_pairs.emplace_back(key, value);
  }
  const std::string* get(std::string_view key) const {
    for (const auto& [k, v] : m_pairs)
      if (k == key) return &v;
    return nullptr;
  }
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return m_pairs; }
  std::string object() const {
    std::string out = "{";
    for (const auto& [k, v] : m_pairs) {
      if (out.size() > 1) out += ", ";
      out += json_string(k) + ": " + json_string(v);
    }
    return out + "}";
  }

private:
  std::vector<std::pair<std::string, std::string>> m_pairs;
};

// The keys of the form itself; every other key belongs to the row being described.
bool form_key(std::string_view k) { return k == "年度" || k == "地区" || k == "year" || k == "jurisdiction"; }

std::string form_head(const givens& form_level) {
  const auto* year = form_level.get("年度");
  const auto* place = form_level.get("地区");
  return fmt::format(R"("schema": "jixiao.form/1", "year": {}, "jurisdiction": {})", json_string(year ? *year : "2021"),
                     json_string(place ? *place : "示例"));
}

// A rule file of the page, written into the scratch folder: where it is, its text, and the
// part the reader sees when it is a fragment.
struct example_file {
  fs::path path;             // absolute, in the scratch folder
  std::string text;          // as written to disk (a fragment: header + fragment)
  bool fragment = false;
};

class runner {
public:
  runner(std::string page, const page_setup& setup) : m_page(std::move(page)), m_program(setup.program) {
    static int counter = 0;
    m_scratch = fs::temp_directory_path() /
                fmt::format("jixiao-docs-{}-{}", static_cast<long>(::getpid()), ++counter);
    fs::remove_all(m_scratch);
    fs::create_directories(m_scratch / "rules");
    fs::copy(setup.rules_dir, m_scratch / "rules", fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    for (const auto& [from, to] : setup.copies) {
      fs::create_directories(m_scratch / to);
      fs::copy(from, m_scratch / to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
    m_prefix = m_scratch.generic_string() + "/";
  }
  ~runner() {
    std::error_code ec;
    fs::remove_all(m_scratch, ec);
  }
  runner(const runner&) = delete;
  runner& operator=(const runner&) = delete;

  run_result run(std::string_view markdown);

private:
  void fail(std::size_t line, const std::string& message) {
    m_result.failures.push_back(fmt::format("{}:{}: {}", m_page, line, message));
  }
  // The line with what follows its ⇒ (and the spaces after it) replaced by `value`.
  void edit_after_arrow(std::size_t line, const std::string& text, const std::string& value) {
    auto at = text.find(arrow) + arrow.size();
    while (at < text.size() && text[at] == ' ') ++at;
    m_result.edits.push_back({line, 1, text.substr(0, at) + value + "\n"});
  }

  // `persist`: later `+PATH` blocks build on this text (a failing example never persists).
  example_file write(const fenced_block& b, bool& library, bool persist);
  // Puts back what the page last gave `relative`, or removes the file when it gave nothing,
  // so that a failing example does not stay on disk for the commands after it.
  void restore(const std::string& relative);
  std::string render(const dsl::diagnostics& ds, const example_file& f) const;
  void check_block(const fenced_block& b);
  void error_block(const fenced_block& b, const fenced_block* expected);
  void eval_block(const fenced_block& b);
  void score_block(const fenced_block& b);
  void file_block(const fenced_block& b);
  void console_block(const fenced_block& b);
  std::string probe(const std::string& expression, const givens& form_level, const givens& row);

  std::string m_page;
  fs::path m_program;  // the jixiao program that ```console blocks run
  fs::path m_scratch;
  std::string m_prefix;  // the scratch folder as it appears in paths and messages
  std::map<std::string, std::string> m_texts;  // PATH → the text the page has given it so far
  std::optional<example_file> m_context;       // the rules eval and score blocks run under
  run_result m_result;
};

// The file a ```jixiao or ```jixiao-error block writes, relative to the scratch folder.
std::string block_path(const fenced_block& b) {
  auto argument = info_argument(b);
  if (argument.starts_with('+')) argument.erase(0, 1);
  return argument.empty() ? std::string(default_path) : argument;
}

example_file runner::write(const fenced_block& b, bool& library, bool persist) {
  const bool append = info_argument(b).starts_with('+');
  const auto relative = block_path(b);
  std::string text = b.text;
  if (append) {
    const auto earlier = m_texts.find(relative);
    if (earlier != m_texts.end()) text = earlier->second + text;
  }
  if (persist) m_texts[relative] = text;
  library = false;
  example_file f;
  f.path = m_scratch / relative;
  f.fragment = !is_whole_file(text, library);
  f.text = f.fragment ? std::string(header_text) + text : text;
  write_text(f.path, f.text);
  return f;
}

void runner::restore(const std::string& relative) {
  const auto earlier = m_texts.find(relative);
  std::error_code ec;
  if (earlier == m_texts.end()) {
    fs::remove(m_scratch / relative, ec);
    return;
  }
  bool library = false;
  const auto& text = earlier->second;
  write_text(m_scratch / relative, is_whole_file(text, library) ? text : std::string(header_text) + text);
}

// The diagnostics as `jixiao check` prints them, with the scratch folder taken out of paths
// and a fragment's lines counted from the fragment's first line.
std::string runner::render(const dsl::diagnostics& ds, const example_file& f) const {
  std::string out;
  const auto own = f.path.generic_string();
  for (auto d : ds) {
    if (d.file == own && f.fragment && d.span.line > header_lines) {
      auto shift = [](dsl::source_span& s) {
        s.line -= header_lines;
        s.begin -= header_text.size();
        s.end -= header_text.size();
      };
      shift(d.span);
      for (auto& n : d.notes)
        if (n.span.line > header_lines) shift(n.span);
      out += dsl::render(d, std::string_view(f.text).substr(header_text.size()));
    } else {
      out += dsl::render(d, d.file == own ? f.text : read_text(d.file));
    }
  }
  replace_all(out, m_prefix, "");
  return out;
}

// The minimal header has no budget rule, and a fragment rarely needs one: its warning about
// that is not the example's.
dsl::diagnostics without_header_warning(const dsl::diagnostics& ds, const example_file& f) {
  dsl::diagnostics out;
  for (const auto& d : ds)
    if (!(f.fragment && d.level == dsl::severity::warning &&
          d.message.starts_with("the rule set has no 'budget score' rule")))
      out.push_back(d);
  return out;
}

void runner::check_block(const fenced_block& b) {
  ++m_result.counts.checked;
  bool library = false;
  auto f = write(b, library, true);
  if (library) {
    auto parsed = dsl::parse_file(f.path.generic_string());
    if (!parsed) fail(b.line, "the library does not parse:\n" + render(parsed.error(), f));
    return;
  }
  auto loaded = engine::load_ruleset(f.path.generic_string());
  if (!loaded) {
    fail(b.line, "the example does not check:\n" + render(without_header_warning(loaded.error(), f), f));
    return;
  }
  const auto warnings = without_header_warning(loaded->warnings, f);
  if (!warnings.empty()) fail(b.line, "the example checks with warnings:\n" + render(warnings, f));
  m_context = f;
}

void runner::error_block(const fenced_block& b, const fenced_block* expected) {
  ++m_result.counts.errors;
  bool library = false;
  auto f = write(b, library, false);
  if (!expected || info_kind(*expected) != "text") {
    fail(b.line, "a jixiao-error block must be followed by a text block holding the exact diagnostics");
    return;
  }
  std::string got;
  if (library) {
    auto parsed = dsl::parse_file(f.path.generic_string());
    if (parsed) {
      fail(b.line, "the example was expected to fail, but it parses");
      return;
    }
    got = render(parsed.error(), f);
  } else {
    auto loaded = engine::load_ruleset(f.path.generic_string());
    if (loaded) {
      fail(b.line, "the example was expected to fail, but it checks");
      return;
    }
    got = render(without_header_warning(loaded.error(), f), f);
  }
  if (trim(got) != trim(expected->text)) {
    fail(expected->line, fmt::format("the diagnostics differ.\nexpected:\n{}\ngot:\n{}", trim(expected->text), trim(got)));
    m_result.edits.push_back({expected->line, lines_of(expected->text).size(), trim(got) + "\n"});
  }
}

// Evaluates EXPR for the indicator: the probe rule `rule 文档探针 when (EXPR) is absent` is
// added to the context's rules, and the operand of its `is` is evaluated on its own, so that
// EXPR is checked in an indicator rule's scope and any value it has can be shown.
std::string runner::probe(const std::string& expression, const givens& form_level, const givens& row) {
  example_file f;
  f.fragment = !m_context || m_context->fragment;
  const std::string base = m_context ? m_context->text : std::string(header_text);
  f.path = (m_context ? m_context->path.parent_path() : m_scratch / "rules/docs") / "probe.rules";
  f.text = fmt::format("{}\nrule {} when ({}) is absent\n  not applicable\n", base, probe_rule, expression);
  write_text(f.path, f.text);
  auto loaded = engine::load_ruleset(f.path.generic_string());
  if (!loaded) {
    std::string message = loaded.error().front().message;
    replace_all(message, m_prefix, "");
    return "check error: " + message;
  }
  const auto& program = *loaded;
  const engine::planned_rule* rule = nullptr;
  for (const auto& r : program.rules)
    if (r.name == probe_rule) rule = &r;
  if (!rule) return "(the probe rule was not planned)";
  const auto subject = program.nodes[rule->when].a;
  const auto json = fmt::format("{{{}, \"indicators\": [{}]}}", form_head(form_level), row.object());
  auto form = engine::load_form(json, "example");
  if (!form) return "the stated indicator does not load: " + engine::to_string(form.error());
  const auto cells = engine::read_cells(form->indicators.front(), form->year);
  engine::eval_context ctx{.source = &*form, .item = &form->indicators.front(), .target = &cells.target,
                           .actual = &cells.actual};
  auto v = engine::evaluate(program, subject, ctx);
  return rt::to_display(v);
}

void runner::eval_block(const fenced_block& b) {
  givens form_level, row;
  auto lines = lines_of(b.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = trim(lines[i]);
    const auto number = b.line + i;
    if (line.empty() || line.starts_with('#')) continue;
    if (auto at = line.find(arrow); at != std::string::npos) {
      ++m_result.counts.probes;
      const auto expression = trim(line.substr(0, at));
      const auto expected = trim(line.substr(at + arrow.size()));
      const auto got = probe(expression, form_level, row);
      if (got != expected) {
        fail(number, fmt::format("{} ⇒ {}, but the page says {}", expression, got, expected));
        edit_after_arrow(number, lines[i], got);
      }
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) {
      fail(number, "expected `KEY: VALUE` or `EXPRESSION ⇒ VALUE`");
      continue;
    }
    auto key = trim(line.substr(0, colon));
    auto value = trim(line.substr(colon + 1));
    (form_key(key) ? form_level : row).set(key, value);
  }
}

std::string interval(const engine::allowed_band& b) {
  return fmt::format("{}{}, {}{}", b.low_closed ? "[" : "(", b.low.to_string(), b.high.to_string(), b.high_closed ? "]" : ")");
}

// One line per outcome: `computed 1.00 by 正向定量`, `judged by 定性: 达成 [1.6, 2]; counts 1.8`,
// `unscored: …; counts 1`, `not applicable by 不适用`.
std::string describe(const engine::item_result& item, int decimals) {
  switch (item.result) {
    case engine::outcome::computed: return fmt::format("computed {} by {}", item.computed->to_fixed(decimals), item.rule_name());
    case engine::outcome::judged: {
      std::string bands;
      for (const auto& band : item.bands) bands += fmt::format("{}{} {}", bands.empty() ? "" : ", ", band.name, interval(band));
      return fmt::format("judged by {}: {}; counts {}", item.rule_name(), bands, item.contribution.to_string());
    }
    case engine::outcome::unscored: return fmt::format("unscored: {}; counts {}", item.note, item.contribution.to_string());
    case engine::outcome::not_applicable: return fmt::format("not applicable by {}", item.rule_name());
  }
  return "?";
}

std::string describe(const engine::budget_result& b, int decimals) {
  std::vector<std::string> parts;
  if (b.rate) parts.push_back("rate " + rt::to_display(rt::value::of(*b.rate, {}, true)));
  if (b.score) parts.push_back("score " + b.score->to_fixed(decimals));
  if (!b.note.empty()) parts.push_back("note " + b.note);
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void runner::score_block(const fenced_block& b) {
  const auto mode = info_argument(b);
  if (mode != "" && mode != "budget" && mode != "group") {
    fail(b.line, "jixiao-score takes no argument, `budget` or `group`");
    return;
  }
  const auto rules_path = m_context ? m_context->path : m_scratch / "rules/docs/bare.rules";
  // Written again: a failing example may have used the same path since.
  write_text(rules_path, m_context ? m_context->text : std::string(header_text));
  auto loaded = engine::load_ruleset(rules_path.generic_string());
  if (!loaded) {
    fail(b.line, "the rules above this block do not check");
    return;
  }
  givens form_level, row;
  std::vector<givens> members;
  auto lines = lines_of(b.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = trim(lines[i]);
    const auto number = b.line + i;
    if (line.empty() || line.starts_with('#')) continue;
    if (line.starts_with(arrow)) {
      ++m_result.counts.scores;
      const auto expected = trim(line.substr(arrow.size()));
      std::string json;
      if (mode == "budget") {
        givens total_row;
        total_row.set("name", "年度资金总额");
        for (const auto& [k, v] : row.pairs()) total_row.set(k, v);
        json = fmt::format(R"({{{}, "budget": {{"rows": [{}]}}, "indicators": []}})", form_head(form_level),
                           total_row.object());
      } else if (mode == "group") {
        const auto* level1 = row.get("一级指标");
        const auto* level2 = row.get("二级指标");
        std::string list;
        for (const auto& m : members) {
          auto member = m;
          if (!member.get("一级指标")) member.set("一级指标", level1 ? *level1 : "");
          if (!member.get("二级指标")) member.set("二级指标", level2 ? *level2 : "");
          list += (list.empty() ? "" : ", ") + member.object();
        }
        json = fmt::format(R"({{{}, "indicators": [{}], "groups": [{}]}})", form_head(form_level), list, row.object());
      } else {
        json = fmt::format(R"({{{}, "indicators": [{}]}})", form_head(form_level), row.object());
      }
      auto form = engine::load_form(json, "example");
      if (!form) {
        fail(number, "the stated form does not load: " + engine::to_string(form.error()));
        continue;
      }
      auto scored = engine::score_form(*loaded, *form);
      std::string got;
      if (mode == "budget") got = describe(scored.budget, loaded->decimals);
      else if (scored.items.empty()) got = "(nothing scored)";
      else got = describe(scored.items.front(), loaded->decimals);
      replace_all(got, m_prefix, "");
      if (got != expected) {
        fail(number, fmt::format("scored ⇒ {}, but the page says {}", got, expected));
        edit_after_arrow(number, lines[i], got);
      }
      continue;
    }
    if (mode == "group" && line == "成员") {
      members.emplace_back();
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) {
      fail(number, mode == "group" ? "expected `KEY: VALUE`, `成员` or `⇒ RESULT`" : "expected `KEY: VALUE` or `⇒ RESULT`");
      continue;
    }
    auto key = trim(line.substr(0, colon));
    auto value = trim(line.substr(colon + 1));
    if (form_key(key)) form_level.set(key, value);
    else if (mode == "group" && !members.empty()) members.back().set(key, value);
    else row.set(key, value);
  }
}

void runner::file_block(const fenced_block& b) {
  ++m_result.counts.files;
  const auto relative = info_argument(b);
  if (relative.empty() || relative.starts_with('/') || relative.find("..") != std::string::npos) {
    fail(b.line, "a file block names a path inside the page's folder: ```file PATH");
    return;
  }
  write_text(m_scratch / relative, b.text);
}

// One `$ jixiao …` line of a transcript and the lines after it, up to the next such line.
struct transcript_command {
  std::size_t line = 0;               // the `$` line, in the page
  std::string command;                // what follows the prompt
  std::vector<std::string> output;    // the output shown, without the status line and trailing blank lines
  std::optional<int> status;          // from a last line `[exit status N]`
  std::size_t span = 0;               // the page lines after the `$` line up to the last one not blank
};

std::optional<int> status_line(std::string_view line) {
  const auto text = trim(line);
  if (!text.starts_with(status_open) || !text.ends_with(']')) return std::nullopt;
  const auto digits = std::string_view(text).substr(status_open.size(), text.size() - status_open.size() - 1);
  if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  return std::stoi(std::string(digits));
}

std::vector<transcript_command> transcript_commands(const fenced_block& b) {
  std::vector<transcript_command> out;
  const auto lines = lines_of(b.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].starts_with(prompt)) {
      out.push_back({b.line + i, lines[i].substr(prompt.size()), {}, std::nullopt, 0});
      continue;
    }
    if (out.empty()) continue;
    auto& c = out.back();
    c.output.push_back(lines[i]);
    if (!trim(lines[i]).empty()) c.span = c.output.size();
  }
  for (auto& c : out) {
    c.output.resize(c.span);
    if (!c.output.empty()) {
      if (auto status = status_line(c.output.back())) {
        c.status = status;
        c.output.pop_back();
        while (!c.output.empty() && trim(c.output.back()).empty()) c.output.pop_back();
      }
    }
  }
  return out;
}

void runner::console_block(const fenced_block& b) {
  const auto commands = transcript_commands(b);
  if (commands.empty() || !b.text.starts_with(prompt)) {
    fail(b.line, "a console block starts with a command: `$ jixiao …`");
    return;
  }
  for (const auto& c : commands) {
    ++m_result.counts.transcripts;
    auto args = split_command(c.command);
    if (args.empty() || args.front() != "jixiao") {
      fail(c.line, "a transcript runs only the jixiao program: `$ jixiao …`");
      continue;
    }
    args.erase(args.begin());
    const auto ran = run_program(m_program, expand_globs(args, m_scratch), m_scratch);
    if (!ran.failure.empty()) {
      fail(c.line, ran.failure);
      continue;
    }
    auto out = ran.out;
    replace_all(out, m_prefix, "");
    const auto matched = match_output(c.output, lines_of(out));
    // A transcript that shows no status says that the command succeeded.
    const int expected_status = c.status.value_or(0);
    if (matched.matches && ran.status == expected_status) continue;
    std::string settled;
    for (const auto& l : matched.settled) settled += l + "\n";
    if (ran.status != 0) settled += fmt::format("{}{}]\n", status_open, ran.status);
    std::string message;
    if (!matched.matches) {
      message = "the output differs (- the page, + the program):\n";
      for (const auto& d : matched.differences) message += d + "\n";
    }
    if (ran.status != expected_status)
      message += fmt::format("exit status {}, but the page {}\n", ran.status,
                             c.status ? fmt::format("says {}", *c.status) : std::string("shows none (0)"));
    if (!ran.err.empty()) message += "stderr:\n" + ran.err;
    fail(c.line, message);
    m_result.edits.push_back({c.line + 1, c.span, settled});
  }
}

run_result runner::run(std::string_view markdown) {
  const auto blocks = fenced_blocks(markdown);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto& b = blocks[i];
    const auto kind = info_kind(b);
    if (kind == "jixiao") check_block(b);
    else if (kind == "jixiao-error") {
      error_block(b, i + 1 < blocks.size() ? &blocks[i + 1] : nullptr);
      restore(block_path(b));
    }
    else if (kind == "jixiao-eval") eval_block(b);
    else if (kind == "jixiao-score") score_block(b);
    else if (kind == "file") file_block(b);
    else if (kind == "console") console_block(b);
    else if (kind == "text" && b.text.starts_with("$ jixiao"))
      fail(b.line, "a command transcript is a ```console block, so that it is run");
  }
  return std::move(m_result);
}

}  // namespace

run_result run_examples(std::string_view markdown, const std::string& page, const page_setup& setup) {
  return runner(page, setup).run(markdown);
}

std::string apply_edits(std::string_view markdown, std::vector<page_edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const page_edit& a, const page_edit& b) { return a.line > b.line; });
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < markdown.size()) {
    auto end = markdown.find('\n', at);
    if (end == std::string_view::npos) end = markdown.size() - 1;
    lines.emplace_back(markdown.substr(at, end + 1 - at));
    at = end + 1;
  }
  for (const auto& e : edits) {
    if (e.line == 0 || e.line - 1 + e.count > lines.size()) continue;
    const auto first = lines.begin() + static_cast<std::ptrdiff_t>(e.line - 1);
    lines.erase(first, first + static_cast<std::ptrdiff_t>(e.count));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(e.line - 1), e.text);
  }
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

}  // namespace jixiao::docs_test
