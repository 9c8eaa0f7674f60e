// `jixiao score FORM... [--rules PATH] [--format text|json] [--output FILE]`
#include <fmt/core.h>

#include <deque>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/diagnostics_output.hpp"
#include "engine/catalog.hpp"
#include "engine/report.hpp"

namespace jixiao::cli {
namespace {

struct score_options {
  std::vector<std::string> forms;
  std::string rules = "rules";
  std::string format = "text";
  std::string output;
};

int run_score(const score_options& opt) {
  namespace fs = std::filesystem;
  int status = 0;
  engine::catalog catalog;
  std::optional<engine::program> explicit_rules;
  std::error_code ec;
  if (fs::is_directory(opt.rules, ec)) {
    catalog = engine::load_catalog(opt.rules);
    if (!catalog.problems.empty()) {
      print_diagnostics(catalog.problems, stderr);
      status = 2;
    }
  } else if (fs::exists(opt.rules, ec)) {
    auto loaded = engine::load_ruleset(opt.rules);
    if (!loaded) {
      print_diagnostics(loaded.error(), stderr);
      return 2;
    }
    explicit_rules = std::move(*loaded);
  } else {
    fmt::print(stderr, "error: no rule file or folder '{}' (pass --rules PATH)\n", opt.rules);
    return 2;
  }
  if (explicit_rules) print_diagnostics(explicit_rules->warnings, stderr);

  // Forms stay alive for the whole run: results point into them.
  std::deque<engine::form> forms;
  engine::score_run run;
  for (const auto& path : opt.forms) {
    auto loaded = engine::load_form_file(path);
    if (!loaded) {
      run.failures.push_back(std::move(loaded.error()));
      continue;
    }
    const auto& f = forms.emplace_back(std::move(*loaded));
    const engine::program* rules = nullptr;
    std::string mismatch;
    if (explicit_rules) {
      rules = &*explicit_rules;
      mismatch = engine::mismatch(*rules, f);
    } else {
      auto chosen = engine::select_ruleset(catalog, f);
      if (!chosen) {
        run.failures.push_back({f.file, "", 0, chosen.error()});
        continue;
      }
      rules = *chosen;
    }
    auto result = engine::score_form(*rules, f);
    result.mismatch = mismatch;
    run.results.push_back(std::move(result));
  }
  auto text = opt.format == "json" ? engine::render_json(run) : engine::render_text(run);
  if (opt.output.empty()) {
    fmt::print("{}", text);
  } else {
    std::FILE* out = std::fopen(opt.output.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "error: cannot write {}\n", opt.output);
      return 2;
    }
    fmt::print(out, "{}", text);
    std::fclose(out);
  }
  if (!run.failures.empty()) status = 2;
  return status;
}

}  // namespace

command add_score(CLI::App& app) {
  auto opt = std::make_shared<score_options>();
  auto* cmd = app.add_subcommand("score", "Score forms under their jurisdiction's rules");
  cmd->add_option("forms", opt->forms, "Form files (jixiao.form/1 JSON)")->required();
  cmd->add_option("--rules", opt->rules,
                  "A rule file applied to every form, or a folder of rule sets chosen by each form's "
                  "jurisdiction and year")
      ->capture_default_str();
  cmd->add_option("--format", opt->format, "Report format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", opt->output, "Write the report to this file instead of standard output");
  cmd->footer("Exit status: 0 every form scored; 2 a form or rule file could not be read (the rest are still scored).");
  return [opt] { return run_score(*opt); };
}

}  // namespace jixiao::cli
