#include "engine/corpus.hpp"

#include <sys/stat.h>

#include <simdjson.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>

namespace jixiao::engine {
namespace {

// Large enough that a read fetches many lines, small enough to stay a detail in memory.
constexpr std::size_t read_chunk = std::size_t{1} << 20;

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

expected<corpus_reader, std::string> corpus_reader::open(const std::string& path) {
  std::optional<std::size_t> size;
  if (path == "-") {
    struct stat info {};
    if (::fstat(0, &info) == 0 && S_ISREG(info.st_mode)) size = static_cast<std::size_t>(info.st_size);
    return corpus_reader(stdin, false, "<stdin>", size);
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return unexpected("cannot read " + path + ": " + std::strerror(errno));
  struct stat info {};
  if (::fstat(::fileno(file), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      std::fclose(file);
      return unexpected("cannot read " + path + ": " + std::strerror(EISDIR));
    }
    if (S_ISREG(info.st_mode)) size = static_cast<std::size_t>(info.st_size);
  }
  return corpus_reader(file, true, path, size);
}

corpus_reader::corpus_reader(std::FILE* file, bool owned, std::string name, std::optional<std::size_t> size)
    : m_file(file), m_owned(owned), m_name(std::move(name)), m_size(size) {}

corpus_reader::corpus_reader(corpus_reader&& other) noexcept
    : m_file(std::exchange(other.m_file, nullptr)),
      m_owned(other.m_owned),
      m_name(std::move(other.m_name)),
      m_size(other.m_size),
      m_pending(std::move(other.m_pending)),
      m_pending_begin(other.m_pending_begin),
      m_line(other.m_line),
      m_consumed(other.m_consumed),
      m_eof(other.m_eof),
      m_error(std::move(other.m_error)) {}

corpus_reader::~corpus_reader() {
  if (m_file != nullptr && m_owned) std::fclose(m_file);
}

bool corpus_reader::next(corpus_block& block, std::size_t max_lines, std::size_t max_bytes) {
  block.buffer.clear();
  block.lines.clear();
  // Offsets, not views, while the buffer grows.
  std::vector<std::size_t> offsets;
  while (block.lines.size() < max_lines && block.buffer.size() < max_bytes) {
    std::size_t end = m_pending.find('\n', m_pending_begin);
    if (end == std::string::npos) {
      if (!m_eof) {
        m_pending.erase(0, m_pending_begin);
        m_pending_begin = 0;
        const std::size_t had = m_pending.size();
        std::size_t got = 0;
        // Read straight into the string's new space: resize() would first zero the whole
        // chunk, a megabyte of stores for every megabyte read.
        m_pending.resize_and_overwrite(had + read_chunk, [&](char* data, std::size_t) {
          got = std::fread(data + had, 1, read_chunk, m_file);
          return had + got;
        });
        if (got == 0) {
          m_eof = true;
          if (std::ferror(m_file)) m_error = "cannot read " + m_name + ": " + std::strerror(errno);
        }
        continue;
      }
      if (m_pending_begin == m_pending.size()) break;
      end = m_pending.size();  // a last line without a line break
    }
    std::string_view line(m_pending.data() + m_pending_begin, end - m_pending_begin);
    m_consumed += line.size() + (end < m_pending.size() ? 1 : 0);
    m_pending_begin = std::min(end + 1, m_pending.size());
    ++m_line;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (blank(line)) continue;
    offsets.push_back(block.buffer.size());
    block.buffer.append(line);
    // The line break stays between lines, so that nothing of one line can be read as part
    // of the one before.
    block.buffer.push_back('\n');
    block.lines.push_back({m_line, std::string_view{}});
  }
  block.buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    const std::size_t end = i + 1 < offsets.size() ? offsets[i + 1] - 1 : block.buffer.size() - simdjson::SIMDJSON_PADDING - 1;
    block.lines[i].text = std::string_view(block.buffer.data() + offsets[i], end - offsets[i]);
  }
  return !block.lines.empty();
}

expected<form, form_error> load_corpus_form(const corpus_line& line, const std::string& source) {
  form out;
  if (auto loaded = load_corpus_form_into(line, source, out); !loaded) return unexpected(std::move(loaded.error()));
  return out;
}

expected<void, form_error> load_corpus_form_into(const corpus_line& line, const std::string& source, form& out) {
  // "<source>:<line>", written into a buffer the thread keeps: the form copies it.
  thread_local std::string name;
  name.assign(source);
  name.push_back(':');
  std::array<char, std::numeric_limits<std::size_t>::digits10 + 2> digits;
  name.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), line.number).ptr);
  // Every line in a block is followed by at least the padding simdjson needs.
  auto loaded = load_form_padded_into(line.text, line.text.size() + simdjson::SIMDJSON_PADDING, name, out);
  if (!loaded) {
    loaded.error().file = source;
    loaded.error().line = line.number;
  }
  return loaded;
}

corpus_pool::corpus_pool(unsigned helpers) {
  m_threads.reserve(helpers);
  for (unsigned t = 0; t < helpers; ++t) m_threads.emplace_back([this] { serve(); });
}

corpus_pool::~corpus_pool() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_threads.clear();  // joins
}

void corpus_pool::start(const std::function<void()>& task) {
  {
    std::lock_guard lock(m_mutex);
    m_task = &task;
    m_busy = static_cast<unsigned>(m_threads.size());
    ++m_round;
  }
  m_wake.notify_all();
}

void corpus_pool::wait() {
  // The mutex, taken by every helper after its task, makes their results visible here.
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [&] { return m_busy == 0; });
  m_task = nullptr;
}

void corpus_pool::serve() {
  std::uint64_t seen = 0;
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [&] { return m_stop || m_round != seen; });
    if (m_stop) return;
    seen = m_round;
    const std::function<void()>& task = *m_task;
    lock.unlock();
    task();
    lock.lock();
    // The caller waits for every helper before it starts another round, so this helper
    // cannot miss one or see the same one twice.
    if (--m_busy == 0) m_done.notify_one();
  }
}

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace jixiao::engine
