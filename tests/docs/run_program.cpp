#include "run_program.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

extern char** environ;

namespace jixiao::docs_test {
namespace {

namespace fs = std::filesystem;

// A temporary file for one captured stream, removed when it goes out of scope.
class capture_file {
 public:
  capture_file() {
    auto pattern = (fs::temp_directory_path() / "jixiao-docs-capture-XXXXXX").string();
    m_fd = ::mkstemp(pattern.data());
    if (m_fd >= 0) m_path = pattern;
  }
  ~capture_file() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_path.empty()) ::unlink(m_path.c_str());
  }
  capture_file(const capture_file&) = delete;
  capture_file& operator=(const capture_file&) = delete;

  int fd() const { return m_fd; }
  std::string text() const {
    std::ifstream in(m_path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  int m_fd = -1;
  std::string m_path;
};

// posix_spawn's file actions, released however the spawn ends.
class file_actions {
 public:
  file_actions() { m_ok = ::posix_spawn_file_actions_init(&m_actions) == 0; }
  ~file_actions() {
    if (m_ok) ::posix_spawn_file_actions_destroy(&m_actions);
  }
  file_actions(const file_actions&) = delete;
  file_actions& operator=(const file_actions&) = delete;

  bool ok() const { return m_ok; }
  posix_spawn_file_actions_t* get() { return &m_actions; }

 private:
  posix_spawn_file_actions_t m_actions{};
  bool m_ok = false;
};

}  // namespace

program_output run_program(const fs::path& program, const std::vector<std::string>& args, const fs::path& cwd) {
  program_output result;
  capture_file out, err;
  if (out.fd() < 0 || err.fd() < 0) {
    result.failure = fmt::format("cannot create a temporary file: {}", std::strerror(errno));
    return result;
  }
  file_actions actions;
  const auto cwd_text = cwd.string();
  if (!actions.ok() || ::posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0) != 0 ||
      ::posix_spawn_file_actions_adddup2(actions.get(), out.fd(), 1) != 0 ||
      ::posix_spawn_file_actions_adddup2(actions.get(), err.fd(), 2) != 0 ||
      ::posix_spawn_file_actions_addchdir_np(actions.get(), cwd_text.c_str()) != 0) {
    result.failure = "cannot prepare the file actions of posix_spawn";
    return result;
  }
  const auto program_text = program.string();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program_text.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (const int e = ::posix_spawn(&pid, program_text.c_str(), actions.get(), nullptr, argv.data(), environ); e != 0) {
    result.failure = fmt::format("cannot run {}: {}", program_text, std::strerror(e));
    return result;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      result.failure = fmt::format("cannot wait for {}: {}", program_text, std::strerror(errno));
      return result;
    }
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = out.text();
  result.err = err.text();
  return result;
}

std::vector<std::string> split_command(std::string_view line) {
  std::vector<std::string> out;
  std::string current;
  bool in_word = false, quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
      in_word = true;
    } else if (c == ' ' && !quoted) {
      if (in_word) out.push_back(std::move(current));
      current.clear();
      in_word = false;
    } else {
      current += c;
      in_word = true;
    }
  }
  if (in_word) out.push_back(std::move(current));
  return out;
}

std::vector<std::string> expand_globs(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    const auto slash = a.rfind('/');
    const auto folder = slash == std::string::npos ? std::string() : a.substr(0, slash + 1);
    const auto pattern = a.substr(folder.size());
    if (pattern.find_first_of("*?") == std::string::npos || folder.find_first_of("*?") != std::string::npos) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> matches;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(cwd / folder, ec)) {
      const auto name = entry.path().filename().string();
      if (!name.starts_with('.') && ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0) matches.push_back(folder + name);
    }
    if (matches.empty()) {
      out.push_back(a);
      continue;
    }
    std::sort(matches.begin(), matches.end());
    out.insert(out.end(), matches.begin(), matches.end());
  }
  return out;
}

}  // namespace jixiao::docs_test
