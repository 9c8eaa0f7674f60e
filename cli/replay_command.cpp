// `jixiao replay FORM... | --corpus FILE.jsonl [--rules A] --against B [--detail]
//  [--format text|json|csv]`: every form under two rule sets (or its declared scores and one
// rule set), with the differences per form and a summary.
#include <fmt/core.h>

#include <cstdio>
#include <deque>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/rule_source.hpp"
#include "engine/corpus.hpp"
#include "engine/replay.hpp"

namespace jixiao::cli {
namespace {

struct replay_options {
  std::vector<std::string> forms;
  std::string corpus;
  unsigned jobs = 0;
  std::string rules;  // empty: the declared scores
  std::string against;
  bool detail = false;
  std::string format = "text";
  std::string output;
};

// One form through both sides; read-only on the rule sources, so corpus threads share them.
// Both sides are scored into results kept per thread, which hold their memory from form to form
// (engine::score_form_into overwrites them whole); only the differences leave with the form.
expected<engine::form_replay, engine::form_error> replay_one(const engine::form& f, const rule_source* a,
                                                             const rule_source& b) {
  thread_local engine::form_result a_result, b_result;
  auto b_rules = b.choose(f);
  if (!b_rules) return unexpected(b_rules.error());
  engine::score_form_into(**b_rules, f, {}, b_result);
  if (!a) return engine::replay_form(f, nullptr, b_result, **b_rules);
  if (auto scored = a->score_into(f, {}, a_result); !scored) return unexpected(std::move(scored.error()));
  return engine::replay_form(f, &a_result, b_result, **b_rules);
}

int run_replay(const replay_options& opt) {
  if (opt.forms.empty() == opt.corpus.empty()) {
    fmt::print(stderr, "error: give form files or --corpus FILE.jsonl{}\n", opt.forms.empty() ? "" : ", not both");
    return 2;
  }
  bool problems = false;
  std::optional<rule_source> a;
  if (!opt.rules.empty()) {
    a = load_rule_source(opt.rules, problems);
    if (!a) return 2;
  }
  auto b = load_rule_source(opt.against, problems);
  if (!b) return 2;

  engine::replay_run run;
  auto record = [&](expected<engine::form_replay, engine::form_error> r) {
    if (r) {
      run.summary.add(*r);
      run.forms.push_back(std::move(*r));
    } else {
      run.failures.push_back(std::move(r.error()));
    }
  };
  if (!opt.corpus.empty()) {
    auto reader = engine::corpus_reader::open(opt.corpus);
    if (!reader) {
      fmt::print(stderr, "error: {}\n", reader.error());
      return 2;
    }
    progress shown(*reader);
    using line_result = std::optional<expected<engine::form_replay, engine::form_error>>;
    engine::stream_corpus<line_result>(
        *reader, opt.jobs == 0 ? engine::default_jobs() : opt.jobs,
        [&](const engine::corpus_line& line, line_result& out) {
          // Each thread loads every line into the same form (engine::load_corpus_form_into
          // overwrites all of it, after a failing line too), keeping its memory.
          thread_local engine::form form;
          if (auto loaded = engine::load_corpus_form_into(line, reader->name(), form); !loaded) {
            out = unexpected(std::move(loaded.error()));
            return;
          }
          out = replay_one(form, a ? &*a : nullptr, *b);
        },
        [&](const engine::corpus_line&, line_result& out) { record(std::move(*out)); },
        [&](const engine::corpus_counts& so_far) { shown.update(so_far.read); });
    if (!reader->error().empty()) {
      fmt::print(stderr, "error: {}\n", reader->error());
      problems = true;
    }
  } else {
    for (const auto& path : opt.forms) {
      auto loaded = engine::load_form_file(path);
      if (!loaded) {
        record(unexpected(std::move(loaded.error())));
        continue;
      }
      record(replay_one(*loaded, a ? &*a : nullptr, *b));
    }
  }
  std::string text = opt.format == "json"  ? engine::render_replay_json(run, opt.detail)
                     : opt.format == "csv" ? engine::render_replay_csv(run, opt.detail)
                                           : engine::render_replay_text(run, opt.detail);
  std::FILE* out = opt.output.empty() ? stdout : std::fopen(opt.output.c_str(), "wb");
  if (!out) {
    fmt::print(stderr, "error: cannot write {}\n", opt.output);
    return 2;
  }
  std::fwrite(text.data(), 1, text.size(), out);
  if (out != stdout) std::fclose(out);
  return problems || !run.failures.empty() ? 2 : 0;
}

}  // namespace

command add_replay(CLI::App& app) {
  auto opt = std::make_shared<replay_options>();
  auto* cmd = app.add_subcommand("replay", "Score forms under two rule sets and show what changes");
  cmd->add_option("forms", opt->forms, "Form files (jixiao.form/1 JSON)");
  cmd->add_option("--corpus", opt->corpus, "A JSON Lines corpus, one form per line ('-' for standard input)");
  cmd->add_option("-j,--jobs", opt->jobs, "Threads for a corpus (0: all cores)")->capture_default_str();
  cmd->add_option("--rules", opt->rules,
                  "Side A: a rule file, or a folder to choose from per form; without it, the scores the forms declare");
  cmd->add_option("--against", opt->against, "Side B: a rule file, or a folder to choose from per form")->required();
  cmd->add_flag("--detail", opt->detail, "List every indicator whose score or outcome changed");
  cmd->add_option("--format", opt->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opt->output, "Write the report to this file instead of standard output");
  cmd->footer("Exit status: 0 every form replayed; 2 a form or rule file could not be read (the rest are replayed).");
  return [opt] { return run_replay(*opt); };
}

}  // namespace jixiao::cli
