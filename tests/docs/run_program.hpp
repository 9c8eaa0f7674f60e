// Runs a program without a shell, as the command transcripts of the documentation need: the
// arguments go to the program as given, and what it writes is captured for comparison.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace jixiao::docs_test {

struct program_output {
  int status = -1;      // the exit status; 128 + N when signal N ended it
  std::string out;      // what it wrote to stdout
  std::string err;      // what it wrote to stderr
  std::string failure;  // why it could not be run; empty when it ran
};

// Runs `program` with `args` (argv[1] on) in the folder `cwd`, stdin from /dev/null, stdout and
// stderr captured in temporary files. No shell is involved, so nothing in `args` is expanded.
program_output run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                           const std::filesystem::path& cwd);

// Splits a command line the way the transcripts write it: on spaces, with "double quotes"
// around an argument that holds spaces. No escapes, variables or other shell syntax.
std::vector<std::string> split_command(std::string_view line);

// An argument whose last path component holds `*` or `?` becomes the sorted names it matches
// in `cwd` (fnmatch), as a shell would expand it; one that matches nothing stays as it is.
std::vector<std::string> expand_globs(const std::vector<std::string>& args, const std::filesystem::path& cwd);

}  // namespace jixiao::docs_test
