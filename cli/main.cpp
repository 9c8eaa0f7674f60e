// The `jixiao` command line: one subcommand per job (score, lint, replay, check, test, fmt, rules).
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"jixiao — scores and checks project expenditure performance self-evaluation forms (项目支出绩效自评表)"};
  app.set_version_flag("--version", std::string("jixiao ") + JIXIAO_VERSION);
  app.require_subcommand(1);
  auto score = jixiao::cli::add_score(app);
  auto check = jixiao::cli::add_check(app);
  auto rules = jixiao::cli::add_rules(app);
  auto replay = jixiao::cli::add_replay(app);
  auto lint = jixiao::cli::add_lint(app);
  auto run_tests = jixiao::cli::add_test(app);
  auto format_files = jixiao::cli::add_fmt(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (app.got_subcommand("score")) return score();
  if (app.got_subcommand("check")) return check();
  if (app.got_subcommand("rules")) return rules();
  if (app.got_subcommand("replay")) return replay();
  if (app.got_subcommand("lint")) return lint();
  if (app.got_subcommand("test")) return run_tests();
  if (app.got_subcommand("fmt")) return format_files();
  return 2;
}
