// Linting a form: score it under its rule set, then run the rule set's checks (`check`
// declarations) over the results, each in its scope (every indicator, every group, the budget
// block, the form). A lint never re-implements scoring: the facts checks read (计算得分, 结果,
// 允许下限, 权重合计, …) come from the scorer's form_result. See docs/lint.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"

namespace jixiao::engine {

using check_severity = dsl::check_severity;

// "error", "warning", "info".
std::string_view severity_name(check_severity s);
std::optional<check_severity> parse_severity(std::string_view s);

struct finding_value {
  std::string name;   // as written in the check: 得分, 计算得分
  std::string value;  // as displayed in messages
};

struct finding {
  std::string check;  // the check's id
  check_severity severity = check_severity::error;
  std::string file;   // the form file (a corpus: "corpus.jsonl:12")
  std::string form;   // the form's id, or its file when it has none
  std::string path;   // JSON path of the cell: indicators[3].score
  std::string label;  // 绩效指标 › 产出指标 › 数量指标 › 分析重点领域 › 得分
  std::string message;
  std::vector<finding_value> values;
  bool accepted = false;  // silenced by a baseline entry
  std::string accepted_reason;
};

struct lint_result {
  form_result scored;
  std::vector<finding> findings;  // in check order, then element order
};

// Runs the checks of `rules` over a form already scored under them.
std::vector<finding> run_checks(const program& rules, const form& f, const form_result& scored);

// Scores the form and runs the checks.
lint_result lint_form(const program& rules, const form& f);
// The same into a result that may hold an earlier form's: `scored` is overwritten in place
// (score_form_into) and keeps its memory, `findings` is replaced. A corpus thread lints form
// after form into one result.
void lint_form_into(const program& rules, const form& f, lint_result& out);

// A baseline: findings accepted on purpose, each with the reason. A finding is matched by
// check id, form and path (not by message, whose values may be reformatted).
struct baseline_entry {
  std::string check;
  std::string form;
  std::string path;
  std::string reason;
  std::size_t matched = 0;
};

struct baseline {
  std::vector<baseline_entry> entries;
  // Marks the findings an entry accepts and counts the matches per entry.
  void apply(std::vector<finding>& findings);
};

expected<baseline, std::string> load_baseline(const std::string& path);
// A baseline accepting every finding given, with a reason to fill in.
std::string render_baseline(const std::vector<finding>& findings);

// The checks a rule set defines, for SARIF's rule list.
struct check_summary {
  std::string id;
  check_severity severity;
  std::string message;
  std::string file;
  dsl::source_span span;
};

// What a lint run did. Forms read = forms with errors + with warnings (and no error) + with
// info only + clean.
struct lint_counts {
  std::size_t given = 0;       // forms given (files or corpus lines)
  std::size_t read = 0;
  std::size_t unreadable = 0;
  std::size_t with_errors = 0, with_warnings = 0, with_info = 0, clean = 0;
  std::size_t errors = 0, warnings = 0, infos = 0;  // findings, not counting accepted ones
  std::size_t accepted = 0;
};

struct linted_form {
  std::string file;
  std::string form;     // id
  std::string project;
  std::string ruleset_id, ruleset_version, ruleset_path, ruleset_sha256;
  std::vector<finding> findings;
};

void count(lint_counts& counts, const linted_form& f);

std::string render_lint_text(const linted_form& f);
// render_lint_text appended to `out`.
void append_lint_text(std::string& out, const linted_form& f);
std::string render_lint_text_end(const std::vector<form_error>& failures, const std::vector<baseline_entry>& stale,
                                 const lint_counts& counts);
std::string render_lint_json(const std::vector<linted_form>& forms, const std::vector<form_error>& failures,
                             const std::vector<baseline_entry>& stale, const lint_counts& counts);
std::string render_lint_sarif(const std::vector<linted_form>& forms, const std::vector<check_summary>& checks,
                              const std::vector<form_error>& failures);

std::vector<check_summary> summarize_checks(const program& rules);

}  // namespace jixiao::engine
