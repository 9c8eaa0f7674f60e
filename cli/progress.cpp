#include "cli/progress.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace jixiao::cli {

progress::progress(const engine::corpus_reader& reader)
    : m_reader(reader), m_enabled(::isatty(2) == 1), m_start(clock::now()), m_last(m_start) {}

progress::~progress() {
  if (m_shown) fmt::print(stderr, "\r\033[K");
}

void progress::update(std::size_t forms) {
  if (!m_enabled) return;
  const auto now = clock::now();
  if (now - m_start < std::chrono::seconds(1) || now - m_last < std::chrono::milliseconds(250)) return;
  m_last = now;
  const double seconds = std::chrono::duration<double>(now - m_start).count();
  const double rate = static_cast<double>(forms) / seconds;
  std::string eta;
  if (auto size = m_reader.size(); size && *size > 0 && m_reader.consumed() > 0) {
    const double done = static_cast<double>(m_reader.consumed()) / static_cast<double>(*size);
    const auto left = static_cast<long>(seconds / done - seconds + 0.5);
    eta = fmt::format(" · {:.0f}% · ETA {}:{:02}", done * 100, left / 60, left % 60);
  }
  fmt::print(stderr, "\r\033[K{} forms · {:.0f} forms/s{}", forms, rate, eta);
  std::fflush(stderr);
  m_shown = true;
}

}  // namespace jixiao::cli
