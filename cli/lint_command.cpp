// `jixiao lint FORM... | --corpus FILE.jsonl [--rules PATH] [--format text|json|sarif]
//   [--fail-on error|warning|info] [--baseline FILE] [--write-baseline FILE] [--jobs N] [-o FILE]`
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/rule_source.hpp"
#include "engine/corpus.hpp"
#include "engine/lint.hpp"

namespace jixiao::cli {
namespace {

struct lint_options {
  std::vector<std::string> forms;
  std::string corpus;
  unsigned jobs = 0;
  std::string rules = "rules";
  std::string format = "text";
  std::string fail_on = "error";
  std::string baseline;
  std::string write_baseline;
  std::string output;
};

// One form linted, or why it could not be.
struct linted {
  std::optional<engine::linted_form> form;
  const engine::program* rules = nullptr;  // the rule set applied
  std::optional<engine::form_error> failure;
};

linted lint_one(const rule_source& rules, const engine::form& f) {
  linted out;
  auto chosen = rules.choose(f);
  if (!chosen) {
    out.failure = std::move(chosen.error());
    return out;
  }
  const auto& program = **chosen;
  // The scored form is only read by the checks, so each thread scores every form into the same
  // result, which keeps its memory from form to form (as `score --corpus` does); the findings
  // leave with the form.
  thread_local engine::lint_result result;
  engine::lint_form_into(program, f, result);
  engine::linted_form lf{f.file, f.id.empty() ? f.file : f.id, f.project, program.id, program.version,
                         program.path(), program.sha256, std::move(result.findings)};
  out.form = std::move(lf);
  out.rules = &program;
  return out;
}

int run_lint(const lint_options& opt) {
  if (opt.forms.empty() == opt.corpus.empty()) {
    fmt::print(stderr, "error: {}\n", opt.forms.empty() ? "no forms to lint: give form files or --corpus FILE.jsonl"
                                                         : "give form files or --corpus FILE.jsonl, not both");
    return 2;
  }
  const auto threshold = engine::parse_severity(opt.fail_on).value_or(engine::check_severity::error);
  bool rule_problems = false;
  auto rules = load_rule_source(opt.rules, rule_problems);
  if (!rules) return 2;

  std::optional<engine::baseline> accepted;
  if (!opt.baseline.empty()) {
    auto loaded = engine::load_baseline(opt.baseline);
    if (!loaded) {
      fmt::print(stderr, "error: {}\n", loaded.error());
      return 2;
    }
    accepted = std::move(*loaded);
  }

  std::vector<engine::linted_form> forms;
  std::vector<engine::form_error> failures;
  std::vector<engine::check_summary> checks;
  std::vector<const engine::program*> seen_rules;  // SARIF
  engine::lint_counts counts;
  const bool sarif = opt.format == "sarif";
  auto take = [&](linted& l) {
    ++counts.given;
    if (l.failure) {
      ++counts.unreadable;
      failures.push_back(std::move(*l.failure));
      return;
    }
    if (accepted) accepted->apply(l.form->findings);
    engine::count(counts, *l.form);
    // SARIF lists each check once, as first met: only a rule set not seen before adds any.
    if (sarif && std::find(seen_rules.begin(), seen_rules.end(), l.rules) == seen_rules.end()) {
      seen_rules.push_back(l.rules);
      auto more = engine::summarize_checks(*l.rules);
      checks.insert(checks.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    forms.push_back(std::move(*l.form));
  };

  int status = 0;
  if (!opt.corpus.empty()) {
    auto reader = engine::corpus_reader::open(opt.corpus);
    if (!reader) {
      fmt::print(stderr, "error: {}\n", reader.error());
      return 2;
    }
    progress shown(*reader);
    const unsigned jobs = opt.jobs == 0 ? engine::default_jobs() : opt.jobs;
    engine::stream_corpus<linted>(
        *reader, jobs,
        [&](const engine::corpus_line& line, linted& out) {
          // Each thread loads every line into the same form, which keeps its strings and vectors
          // (engine::load_corpus_form_into overwrites all of it, after a failing line too).
          thread_local engine::form form;
          if (auto loaded = engine::load_corpus_form_into(line, reader->name(), form); !loaded) {
            out.failure = std::move(loaded.error());
            return;
          }
          out = lint_one(*rules, form);
          if (out.failure) {
            out.failure->file = reader->name();
            out.failure->line = line.number;
          }
        },
        [&](const engine::corpus_line&, linted& out) { take(out); },
        [&](const engine::corpus_counts& so_far) { shown.update(so_far.read); });
    if (!reader->error().empty()) {
      fmt::print(stderr, "error: {}\n", reader->error());
      status = 2;
    }
  } else {
    for (const auto& path : opt.forms) {
      linted l;
      auto loaded = engine::load_form_file(path);
      if (!loaded) l.failure = std::move(loaded.error());
      else l = lint_one(*rules, *loaded);
      take(l);
    }
  }

  std::vector<engine::baseline_entry> stale;
  if (accepted)
    for (const auto& e : accepted->entries)
      if (e.matched == 0) stale.push_back(e);

  std::string report;
  if (opt.format == "json") {
    report = engine::render_lint_json(forms, failures, stale, counts);
  } else if (sarif) {
    report = engine::render_lint_sarif(forms, checks, failures);
  } else {
    for (const auto& f : forms) engine::append_lint_text(report, f);
    report += engine::render_lint_text_end(failures, stale, counts);
  }
  std::FILE* out = stdout;
  if (!opt.output.empty()) {
    out = std::fopen(opt.output.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "error: cannot write {}\n", opt.output);
      return 2;
    }
  }
  std::fwrite(report.data(), 1, report.size(), out);
  if (out != stdout) std::fclose(out);
  else std::fflush(out);
  if (sarif && !stale.empty())
    for (const auto& e : stale)
      fmt::print(stderr, "warning: stale baseline entry: {} {} {} no longer matches a finding\n", e.check, e.form, e.path);

  if (!opt.write_baseline.empty()) {
    std::vector<engine::finding> all;
    for (const auto& f : forms) all.insert(all.end(), f.findings.begin(), f.findings.end());
    std::FILE* b = std::fopen(opt.write_baseline.c_str(), "wb");
    if (!b) {
      fmt::print(stderr, "error: cannot write {}\n", opt.write_baseline);
      return 2;
    }
    auto text = engine::render_baseline(all);
    std::fwrite(text.data(), 1, text.size(), b);
    std::fclose(b);
  }

  if (rule_problems || counts.unreadable > 0) status = 2;
  if (status == 2) return 2;
  // Severities are ordered error < warning < info: a finding fails the run when it is at
  // least as severe as the threshold.
  for (const auto& f : forms)
    for (const auto& x : f.findings)
      if (!x.accepted && static_cast<int>(x.severity) <= static_cast<int>(threshold)) return 1;
  return 0;
}

}  // namespace

command add_lint(CLI::App& app) {
  auto opt = std::make_shared<lint_options>();
  auto* cmd = app.add_subcommand("lint", "Check forms for what a reviewer would catch (the rule set's checks)");
  cmd->add_option("forms", opt->forms, "Form files (jixiao.form/1 JSON)");
  cmd->add_option("--corpus", opt->corpus, "A JSON Lines corpus, one form per line ('-' reads standard input)");
  cmd->add_option("-j,--jobs", opt->jobs, "Threads for --corpus; 0 uses every core (the report is the same for any number)")
      ->capture_default_str();
  cmd->add_option("--rules", opt->rules,
                  "A rule file applied to every form, or a folder of rule sets chosen by each form's jurisdiction and "
                  "year")
      ->capture_default_str();
  cmd->add_option("--format", opt->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", opt->fail_on, "Exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  cmd->add_option("--baseline", opt->baseline, "Accepted findings (JSON, each with a reason): not reported");
  cmd->add_option("--write-baseline", opt->write_baseline, "Write a baseline accepting every finding of this run");
  cmd->add_option("-o,--output", opt->output, "Write the report to this file instead of standard output");
  cmd->footer("Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a form, the rules or the "
              "baseline could not be read (the other forms are still linted).");
  return [opt] { return run_lint(*opt); };
}

}  // namespace jixiao::cli
