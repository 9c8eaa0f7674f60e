// `jixiao test [PATH...] [--filter TEXT] [--coverage] [--coverage-format text|json]
//   [--coverage-output FILE] [--fail-uncovered]`: runs the rule tests (*.test beside the rule
// sets, docs/testing.md) and reports which parts of the rule sets no test exercised.
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/file_list.hpp"
#include "cli/diagnostics_output.hpp"
#include "dsl/test_file.hpp"
#include "engine/catalog.hpp"
#include "engine/coverage.hpp"
#include "engine/rule_tests.hpp"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

struct test_options {
  std::vector<std::string> paths;
  std::string filter;
  bool coverage = false;
  std::string coverage_format = "text";
  std::string coverage_output;
  bool fail_uncovered = false;
};

// The test files given: files as they are, folders searched for *.test; a path that names
// nothing is an error of its own.
std::vector<std::string> test_files(const std::vector<std::string>& paths, bool& missing) {
  std::vector<std::string> existing;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::exists(p, ec)) {
      existing.push_back(p);
    } else {
      fmt::print(stderr, "error: no test file or folder '{}'\n", p);
      missing = true;
    }
  }
  bool listed = true;
  auto files = expand_folders(existing, ".test", listed);
  if (!listed) missing = true;
  return files;
}

// A rule set, loaded once however many test files name it.
struct loaded_rules {
  std::optional<engine::program> program;
  std::optional<engine::coverage_map> map;
  std::size_t tested = 0;  // index into the coverage input, once a test of it ran
  bool has_tests = false;
};

struct counts {
  std::size_t tests = 0, passed = 0, failed = 0, errors = 0, unreadable_files = 0;
};

int run_tests(const test_options& opt) {
  bool missing = false;
  const auto files = test_files(opt.paths.empty() ? std::vector<std::string>{"rules"} : opt.paths, missing);
  // JSON coverage on standard output keeps standard output for the JSON alone.
  const bool json_to_stdout = opt.coverage_format == "json" && opt.coverage_output.empty();
  std::FILE* out = json_to_stdout ? stderr : stdout;

  std::map<std::string, loaded_rules> rule_sets;
  std::vector<engine::tested_ruleset> tested;
  counts n;
  bool first = true;
  for (const auto& path : files) {
    auto parsed = dsl::read_test_file(path);
    if (!parsed) {
      print_diagnostics(parsed.error(), stderr);
      ++n.unreadable_files;
      continue;
    }
    const auto& file = *parsed;
    std::size_t selected = 0;
    for (const auto& t : file.tests) selected += opt.filter.empty() || t.name.find(opt.filter) != std::string::npos;
    if (selected == 0) continue;

    const auto rules_path = dsl::test_rules_path(file);
    auto [entry, fresh] = rule_sets.try_emplace(rules_path);
    auto& rules = entry->second;
    if (fresh) {
      auto loaded = engine::load_ruleset(rules_path);
      if (loaded) {
        rules.program = std::move(*loaded);
        rules.map.emplace(*rules.program);
      } else {
        print_diagnostics(loaded.error(), stderr);
      }
    }
    fmt::print(out, "{}{}", first ? "" : "\n", path);
    first = false;
    if (!rules.program) {
      fmt::print(out, ": cannot run: the rule set {} could not be loaded\n", rules_path);
      n.tests += selected;
      n.errors += selected;
      continue;
    }
    fmt::print(out, " ({}, {})\n", rules.program->id, rules_path);
    if (!rules.has_tests) {
      rules.has_tests = true;
      rules.tested = tested.size();
      tested.push_back({&*rules.program, {}, {}});
    }
    auto& cover = tested[rules.tested];
    cover.test_files.push_back(path);
    for (const auto& run : engine::run_rule_tests(file, *rules.program, opt.filter)) {
      fmt::print(out, "{}", engine::render_test_run(run, file));
      ++n.tests;
      switch (run.status) {
        case engine::test_status::passed: ++n.passed; break;
        case engine::test_status::failed: ++n.failed; break;
        case engine::test_status::error: ++n.errors; break;
      }
      if (run.status != engine::test_status::error)
        cover.tests.push_back({run.test->name, rules.map->exercised(run.scored, run.findings)});
    }
  }

  std::size_t uncovered = 0;
  bool unwritable = false;
  if (opt.coverage || opt.fail_uncovered || opt.coverage_format == "json" || !opt.coverage_output.empty()) {
    const auto report = engine::measure_coverage(tested);
    uncovered = report.uncovered();
    const bool wanted = opt.coverage || opt.coverage_format == "json" || !opt.coverage_output.empty();
    if (wanted || uncovered > 0) {
      const auto text = opt.coverage_format == "json" ? engine::render_coverage_json(report)
                                                      : engine::render_coverage_text(report);
      if (!opt.coverage_output.empty()) {
        std::ofstream file(opt.coverage_output, std::ios::binary);
        file << text;
        if (!file) {
          fmt::print(stderr, "error: cannot write the coverage report to '{}'\n", opt.coverage_output);
          unwritable = true;
        }
      } else if (json_to_stdout) {
        fmt::print(stdout, "{}", text);
      } else {
        fmt::print(out, "{}{}", first ? "" : "\n", text);
        first = false;
      }
    }
  }

  std::string summary =
      fmt::format("{} test{}, {} passed, {} failed", n.tests, n.tests == 1 ? "" : "s", n.passed, n.failed);
  if (n.errors > 0) summary += fmt::format(", {} could not run", n.errors);
  if (n.unreadable_files > 0)
    summary += fmt::format("; {} test file{} could not be read", n.unreadable_files, n.unreadable_files == 1 ? "" : "s");
  if (opt.fail_uncovered && uncovered > 0)
    summary += fmt::format("; {} part{} of the rule sets not covered", uncovered, uncovered == 1 ? "" : "s");
  fmt::print(out, "{}{}\n", first ? "" : "\n", summary);
  if (!opt.filter.empty() && n.tests == 0 && n.unreadable_files == 0)
    fmt::print(stderr, "error: no test name contains '{}'\n", opt.filter);

  if (missing || unwritable || n.unreadable_files > 0 || n.errors > 0) return 2;
  if (n.failed > 0 || (opt.fail_uncovered && uncovered > 0)) return 1;
  if (n.tests == 0) return 1;
  return 0;
}

}  // namespace

command add_test(CLI::App& app) {
  auto opt = std::make_shared<test_options>();
  auto* cmd = app.add_subcommand("test", "Run rule tests (*.test beside the rule sets) and report rule coverage");
  cmd->add_option("paths", opt->paths, "Test files or folders searched for *.test (default: rules)");
  cmd->add_option("--filter", opt->filter, "Run only the tests whose name contains TEXT");
  cmd->add_flag("--coverage", opt->coverage,
                "Report the rules, group rules, bands, checks, table rows and grade arms no test exercised");
  cmd->add_option("--coverage-format", opt->coverage_format,
                  "text, or json (on standard output unless --coverage-output; the test results then go to standard "
                  "error)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--coverage-output", opt->coverage_output, "Write the coverage report to this file");
  cmd->add_flag("--fail-uncovered", opt->fail_uncovered,
                "Fail when a part of a tested rule set is exercised by no test");
  cmd->footer("Exit status: 0 every test passed; 1 a test failed, no test ran, or (with --fail-uncovered) a part of "
              "a rule set is not covered; 2 a test file, its rule set or a test's form could not be read.");
  return [opt] { return run_tests(*opt); };
}

}  // namespace jixiao::cli
