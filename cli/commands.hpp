// The subcommands of the `jixiao` program. Each registers its options on the CLI11 app and
// returns the function that runs it; the function's result is the exit status.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace jixiao::cli {

using command = std::function<int()>;

command add_score(CLI::App& app);
command add_check(CLI::App& app);
command add_rules(CLI::App& app);
command add_replay(CLI::App& app);
command add_lint(CLI::App& app);
command add_test(CLI::App& app);
command add_fmt(CLI::App& app);

}  // namespace jixiao::cli
