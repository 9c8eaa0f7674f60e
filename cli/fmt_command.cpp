// `jixiao fmt FILE...`: rewrites rule files in the canonical layout (docs/formatting.md).
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"
#include "cli/file_list.hpp"
#include "cli/diagnostics_output.hpp"
#include "cli/unified_diff.hpp"
#include "dsl/formatter.hpp"

namespace jixiao::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view standard_input = "-";
constexpr std::string_view standard_input_label = "<stdin>";

struct fmt_options {
  std::vector<std::string> paths;
  bool check = false;
  bool verbose = false;
};

std::optional<std::string> read_all(const std::string& path) {
  if (path == standard_input) {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "{}: cannot read the rule file: {}\n", path, std::generic_category().message(errno));
    return std::nullopt;
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    fmt::print(stderr, "{}: cannot read the rule file: read error\n", path);
    return std::nullopt;
  }
  return text;
}

// Writes `text` to a temporary file beside `path` and renames it over `path`: a crash leaves
// the old file or the new one, never half of one. The new file keeps the old one's
// permissions; a symbolic link is followed, so that the link stays a link.
bool write_in_place(const std::string& path, std::string_view text) {
  std::error_code ec;
  const fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : fs::path(path);
  if (ec) {
    fmt::print(stderr, "{}: cannot follow the link: {}\n", path, ec.message());
    return false;
  }
  auto temporary = (target.parent_path() / ("." + target.filename().string() + ".fmt-XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    fmt::print(stderr, "{}: cannot write: {}\n", path, std::generic_category().message(errno));
    return false;
  }
  const auto fail = [&](std::string_view what) {
    fmt::print(stderr, "{}: cannot write ({}): {}\n", path, what, std::generic_category().message(errno));
    ::close(fd);
    ::unlink(temporary.c_str());
    return false;
  };
  struct stat original {};
  if (::stat(target.c_str(), &original) == 0 && ::fchmod(fd, original.st_mode & 07777) != 0) {
    return fail("permissions");
  }
  for (std::size_t written = 0; written < text.size();) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    return fail("sync");
  }
  if (::close(fd) != 0) {
    fmt::print(stderr, "{}: cannot write (close): {}\n", path, std::generic_category().message(errno));
    ::unlink(temporary.c_str());
    return false;
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    fmt::print(stderr, "{}: cannot write (rename): {}\n", path, std::generic_category().message(errno));
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

// Formats one file; the exit status for it.
int format_one(const fmt_options& opts, const std::string& path) {
  const auto source = read_all(path);
  if (!source) {
    return 2;
  }
  const bool from_stdin = path == standard_input;
  const std::string_view label = from_stdin ? standard_input_label : std::string_view(path);
  const auto formatted = dsl::format_rules(*source, label);
  if (!formatted) {
    print_diagnostics(formatted.error(), *source, stderr);
    return 2;
  }
  if (from_stdin && !opts.check) {
    fmt::print("{}", *formatted);
    return 0;
  }
  if (*formatted == *source) {
    if (opts.verbose) fmt::print(stderr, "{}: formatted\n", label);
    return 0;
  }
  if (opts.check) {
    // git's a/ and b/ prefixes, so that `git apply` and `patch -p1` take the diff; an absolute
    // path keeps one slash.
    const std::string_view relative = std::string_view(label).substr(label.starts_with('/') ? 1 : 0);
    fmt::print("{}", unified_diff(*source, *formatted, fmt::format("a/{}", relative), fmt::format("b/{}", relative)));
    if (opts.verbose) fmt::print(stderr, "{}: not formatted\n", label);
    return 1;
  }
  if (!write_in_place(path, *formatted)) {
    return 2;
  }
  if (opts.verbose) fmt::print(stderr, "{}: reformatted\n", label);
  return 0;
}

}  // namespace

command add_fmt(CLI::App& app) {
  auto opts = std::make_shared<fmt_options>();
  auto* cmd = app.add_subcommand("fmt", "Rewrite rule files in the canonical layout");
  cmd->add_option("files", opts->paths, "Rule files; folders (every *.rules under them); - for standard input")
      ->required();
  cmd->add_flag("--check", opts->check, "Change nothing; print a unified diff for each file not in the layout");
  cmd->add_flag("-v,--verbose", opts->verbose, "Say for each file whether it was formatted");
  cmd->footer(
      "Files are rewritten in place, only when their layout changes. `-` reads standard input and writes "
      "standard output.\nExit status: 0 every file is formatted; 1 (--check) a file is not; 2 a file could not be "
      "read, parsed or written.");
  return [opts] {
    bool listed = true;
    // `-` is standard input, never a folder.
    const auto files = expand_folders(opts->paths, ".rules", listed);
    int status = listed ? 0 : 2;
    for (const auto& path : files) {
      status = std::max(status, format_one(*opts, path));
    }
    return status;
  };
}

}  // namespace jixiao::cli
