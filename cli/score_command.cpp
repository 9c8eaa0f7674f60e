// `jixiao score FORM... [--rules PATH] [--format text|json|jsonl|csv] [--output FILE] [--explain]`
// `jixiao score --corpus FILE.jsonl [--jobs N] ...`
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/rule_source.hpp"
#include "engine/catalog.hpp"
#include "engine/corpus.hpp"
#include "engine/report.hpp"

namespace jixiao::cli {
namespace {

struct score_options {
  std::vector<std::string> forms;
  std::string corpus;
  unsigned jobs = 0;
  std::string rules = "rules";
  std::string format = "text";
  std::string output;
  bool explain = false;
};

// Writes the report as forms are scored: forms in input order, then the failures and the
// counts. Only failures are kept until the end (the JSON document lists them after the forms);
// JSON Lines and CSV give each failure at its place in the input.
class report_writer {
public:
  report_writer(std::FILE* out, std::string format) : m_out(out), m_format(std::move(format)) {
    if (m_format == "json") write(engine::render_json_begin());
    else if (m_format == "csv") write(engine::render_csv_begin());
  }

  // A scored form's report, rendered by render(), which may run on any thread.
  std::string render(const engine::form_result& r) const {
    if (m_format == "json") return engine::render_json_form(r);
    if (m_format == "jsonl") return engine::render_jsonl_form(r);
    if (m_format == "csv") return engine::render_csv_form(r);
    return engine::render_text_form(r);
  }

  // A failure's row, for the formats that render failures where they occur as well (CSV),
  // on any thread like render(); empty for the others. `read` is the form when it was read
  // but could not be scored.
  std::string render_failure(const engine::form_error& e, const engine::form* read) const {
    if (m_format == "csv") return engine::render_csv_failure(e, read);
    return {};
  }

  void form(const std::string& rendered) {
    if (m_format == "json" && m_counts.scored > 0) write(",");
    write(rendered);
    ++m_counts.scored;
  }

  // `rendered` is what render_failure gave for it.
  void failure(engine::form_error e, const std::string& rendered) {
    ++m_counts.failed;
    if (m_format == "csv") {
      write(rendered);
      return;
    }
    if (m_format == "jsonl") {
      write(engine::render_jsonl_failure(e));
      return;
    }
    m_failures.push_back(std::move(e));
  }

  void finish() {
    if (m_format == "json") write(engine::render_json_end(m_failures, m_counts));
    else if (m_format == "jsonl") write(engine::render_jsonl_summary(m_counts));
    else if (m_format == "text") write(engine::render_text_end(m_failures, m_counts));
  }

  const engine::run_counts& counts() const { return m_counts; }

private:
  void write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), m_out); }

  std::FILE* m_out;
  std::string m_format;
  engine::run_counts m_counts;
  std::vector<engine::form_error> m_failures;
};

// What a corpus thread hands back for one line: the form's report, or its failure (with the
// failure's report, for the formats that have one).
struct scored_line {
  std::string report;
  std::optional<engine::form_error> failure;
};

int run_corpus(const score_options& opt, const rule_source& rules, report_writer& writer) {
  auto reader = engine::corpus_reader::open(opt.corpus);
  if (!reader) {
    fmt::print(stderr, "error: {}\n", reader.error());
    return 2;
  }
  progress shown(*reader);
  const unsigned jobs = opt.jobs == 0 ? engine::default_jobs() : opt.jobs;
  engine::stream_corpus<scored_line>(
      *reader, jobs,
      [&](const engine::corpus_line& line, scored_line& out) {
        // Each thread loads and scores every line into the same form and result, which keep
        // their strings and vectors from line to line: building them afresh for every form
        // was the largest part of a run's allocation. Each load and score overwrites all of
        // it, and after a failing line the next one does.
        thread_local engine::form form;
        thread_local engine::form_result result;
        if (auto loaded = engine::load_corpus_form_into(line, reader->name(), form); !loaded) {
          out.failure = std::move(loaded.error());
          // The form holds part of the line, which a report must not take for the form's.
          out.report = writer.render_failure(*out.failure, nullptr);
          return;
        }
        if (auto scored = rules.score_into(form, engine::score_options{.explain = opt.explain}, result); !scored) {
          out.failure = std::move(scored.error());
          out.failure->file = reader->name();
          out.failure->line = line.number;
          out.report = writer.render_failure(*out.failure, &form);
          return;
        }
        out.report = writer.render(result);
      },
      [&](const engine::corpus_line&, scored_line& out) {
        if (out.failure) writer.failure(std::move(*out.failure), out.report);
        else writer.form(out.report);
      },
      [&](const engine::corpus_counts& counts) { shown.update(counts.read); });
  if (!reader->error().empty()) {
    fmt::print(stderr, "error: {}\n", reader->error());
    return 2;
  }
  return 0;
}

int run_score(const score_options& opt) {
  if (opt.forms.empty() == opt.corpus.empty()) {
    fmt::print(stderr, "error: {}\n", opt.forms.empty() ? "no forms to score: give form files or --corpus FILE.jsonl"
                                                         : "give form files or --corpus FILE.jsonl, not both");
    return 2;
  }
  // A row per form has no room for derivations; dropping the flag silently would leave the
  // reader looking for them.
  if (opt.explain && opt.format == "csv") {
    fmt::print(stderr, "error: --explain adds derivations to the text and JSON reports; CSV has none\n");
    return 2;
  }
  int status = 0;
  bool problems = false;
  auto loaded_rules = load_rule_source(opt.rules, problems);
  if (!loaded_rules) return 2;
  const rule_source& rules = *loaded_rules;
  if (problems) status = 2;

  std::FILE* out = stdout;
  if (!opt.output.empty()) {
    out = std::fopen(opt.output.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "error: cannot write {}\n", opt.output);
      return 2;
    }
  }
  report_writer writer(out, opt.format);
  if (!opt.corpus.empty()) {
    status = std::max(status, run_corpus(opt, rules, writer));
  } else {
    for (const auto& path : opt.forms) {
      auto loaded = engine::load_form_file(path);
      if (!loaded) {
        const std::string rendered = writer.render_failure(loaded.error(), nullptr);
        writer.failure(std::move(loaded.error()), rendered);
        continue;
      }
      auto result = rules.score(*loaded, engine::score_options{.explain = opt.explain});
      if (!result) {
        const std::string rendered = writer.render_failure(result.error(), &*loaded);
        writer.failure(std::move(result.error()), rendered);
      } else {
        writer.form(writer.render(*result));
      }
    }
  }
  writer.finish();
  if (out != stdout) std::fclose(out);
  else std::fflush(out);
  if (writer.counts().failed > 0) status = 2;
  return status;
}

}  // namespace

command add_score(CLI::App& app) {
  auto opt = std::make_shared<score_options>();
  auto* cmd = app.add_subcommand("score", "Score forms under their jurisdiction's rules");
  cmd->add_option("forms", opt->forms, "Form files (jixiao.form/1 JSON)");
  cmd->add_option("--corpus", opt->corpus,
                  "A JSON Lines corpus, one jixiao.form/1 document per line ('-' reads standard input), "
                  "streamed with flat memory");
  cmd->add_option("-j,--jobs", opt->jobs, "Threads for --corpus; 0 uses every core (the report is the same for any number)")
      ->capture_default_str();
  cmd->add_option("--rules", opt->rules,
                  "A rule file applied to every form, or a folder of rule sets chosen by each form's "
                  "jurisdiction and year")
      ->capture_default_str();
  cmd->add_option("--format", opt->format,
                  "Report format (jsonl: one JSON object per line; csv: one row per form with its totals, grades "
                  "and counts, UTF-8 with a byte order mark for Excel)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opt->output, "Write the report to this file instead of standard output");
  cmd->add_flag("--explain", opt->explain,
                "For every indicator, the rule that applied and its expression with the values it used, and why "
                "each earlier rule did not apply (text: an explain section; JSON: an \"explain\" object per item; not "
                "with csv)");
  cmd->footer("Exit status: 0 every form scored; 2 a form or rule file could not be read (the rest are still scored).");
  return [opt] { return run_score(*opt); };
}

}  // namespace jixiao::cli
