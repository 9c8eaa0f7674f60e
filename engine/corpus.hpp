// Reading a corpus: one `jixiao.form/1` document per line of a JSON Lines file (or standard
// input), streamed in blocks so that memory stays flat whatever the corpus size, and worked
// on by several threads with the results handed back in input order. `score`, `lint` and
// `replay` differ only in what they do with each form.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/form.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::engine {

// One non-blank line of the corpus: its 1-based line number and its text, which points into
// its block's buffer and stays valid until that block is read into again.
struct corpus_line {
  std::size_t number = 0;
  std::string_view text;
};

// A block of lines read together. The text is followed by simdjson's padding, so every line
// can be parsed where it lies.
struct corpus_block {
  std::string buffer;
  std::vector<corpus_line> lines;
};

// Reads a JSON Lines source block by block. Blank lines (nothing but spaces) are skipped and
// not counted as forms; a line ending in "\r\n" loses the "\r".
class corpus_reader {
public:
  // "-" reads standard input. The error is a sentence such as "cannot read corpus.jsonl: No
  // such file or directory".
  static expected<corpus_reader, std::string> open(const std::string& path);

  corpus_reader(corpus_reader&& other) noexcept;
  corpus_reader& operator=(corpus_reader&&) = delete;
  corpus_reader(const corpus_reader&) = delete;
  ~corpus_reader();

  // The name forms and errors carry: the path, or "<stdin>".
  const std::string& name() const { return m_name; }

  // Fills `block` with up to `max_lines` lines (or about `max_bytes` of text, whichever comes
  // first, but always whole lines); false at the end of the input. A read error ends the
  // input and is kept in error().
  bool next(corpus_block& block, std::size_t max_lines, std::size_t max_bytes = std::size_t{8} << 20);
  const std::string& error() const { return m_error; }

  // Bytes consumed so far and the size of the input when it is a regular file (for progress).
  std::size_t consumed() const { return m_consumed; }
  std::optional<std::size_t> size() const { return m_size; }

private:
  corpus_reader(std::FILE* file, bool owned, std::string name, std::optional<std::size_t> size);

  std::FILE* m_file = nullptr;
  bool m_owned = false;
  std::string m_name;
  std::optional<std::size_t> m_size;
  std::string m_pending;  // bytes read past the last whole line handed out
  std::size_t m_pending_begin = 0;
  std::size_t m_line = 0;
  std::size_t m_consumed = 0;
  bool m_eof = false;
  std::string m_error;
};

// Loads the form on one corpus line. Forms are named "<source>:<line>"; an error carries the
// source in `file` and the line number in `line`.
expected<form, form_error> load_corpus_form(const corpus_line& line, const std::string& source);
// The same into a form that may hold the previous line's (load_form_padded_into), which it
// overwrites whole; on failure `out` is left for the next line to overwrite.
expected<void, form_error> load_corpus_form_into(const corpus_line& line, const std::string& source, form& out);

// What a corpus run did.
struct corpus_counts {
  std::size_t read = 0;    // forms (non-blank lines) read
  std::size_t blocks = 0;
};

// The number of threads `--jobs 0` (all cores) means.
unsigned default_jobs();

// Helper threads that live as long as the pool and, block after block, each run the same task
// while the calling thread does something else and then, usually, joins in. Scoring keeps
// per-thread state (scratch forms and results, parsed cells, key guesses) that a thread
// started per block would have to build again every block; these threads keep it warm for
// the whole corpus.
class corpus_pool {
public:
  explicit corpus_pool(unsigned helpers);
  corpus_pool(const corpus_pool&) = delete;
  corpus_pool& operator=(const corpus_pool&) = delete;
  // Stops the helpers, each after the task it is running, and joins them.
  ~corpus_pool();

  // Starts a round: every helper runs `task` once, and this returns at once, so that the
  // caller can do other work meanwhile (and run `task` itself too). `task` must outlive the
  // round and must not throw; a round must be waited for before the next one starts.
  void start(const std::function<void()>& task);
  // Returns when every helper has finished the round's task, sleeping meanwhile; everything a
  // helper wrote is then visible to the caller.
  void wait();

private:
  void serve();

  std::mutex m_mutex;
  std::condition_variable m_wake;  // helpers: a new round, or stop
  std::condition_variable m_done;  // the caller: the last helper finished its round
  const std::function<void()>* m_task = nullptr;
  std::uint64_t m_round = 0;  // a helper runs the task once for every round it sees
  unsigned m_busy = 0;        // helpers still in the current round
  bool m_stop = false;
  // Last, so that the threads are gone before what they wait on.
  std::vector<std::jthread> m_threads;
};

// Streams `reader` block by block. For every line, `work(line, out)` runs on one of `jobs`
// threads and fills `out`; then, on the calling thread and in input order, `emit(line, out)`
// receives it, and `after_block(counts)` runs once per block, after that block's emits. The
// output is the same for every number of jobs: only `work` runs concurrently (with other
// lines' `work`, and with the calling thread's reading, `emit` and `after_block`), and it must
// touch nothing shared but constant data. The same `jobs - 1` helper threads work on every
// block; they are joined before this returns.
template <class result>
corpus_counts stream_corpus(corpus_reader& reader, unsigned jobs,
                            const std::function<void(const corpus_line&, result&)>& work,
                            const std::function<void(const corpus_line&, result&)>& emit,
                            const std::function<void(const corpus_counts&)>& after_block = {},
                            std::size_t block_lines = 0) {
  jobs = std::max(1u, jobs);
  // Enough lines per block that handing a block to the threads is negligible, few enough
  // that a block's forms and reports stay a few megabytes.
  if (block_lines == 0) block_lines = 256 * jobs;
  corpus_counts counts;
  // Two blocks and their results: while the threads work on one, the calling thread emits
  // the one before and then reads the one after into its place. A line's text and its result
  // live until its block has been emitted, and memory stays at two blocks.
  std::array<corpus_block, 2> blocks;
  std::array<std::vector<result>, 2> results;
  const auto finish = [&](std::size_t b) {
    const std::size_t lines = blocks[b].lines.size();
    for (std::size_t i = 0; i < lines; ++i) emit(blocks[b].lines[i], results[b][i]);
    counts.read += lines;
    ++counts.blocks;
    if (after_block) after_block(counts);
  };
  if (jobs == 1) {
    // One thread gains nothing from holding a second block: read, work and emit in turn.
    while (reader.next(blocks[0], block_lines)) {
      const std::size_t n = blocks[0].lines.size();
      results[0].clear();
      results[0].resize(n);
      for (std::size_t i = 0; i < n; ++i) work(blocks[0].lines[i], results[0][i]);
      finish(0);
    }
    return counts;
  }
  // Lines are taken one at a time from a shared counter, so a slow form does not hold up a
  // thread's whole share; each index is taken once, so no two threads fill the same result.
  // `cur` and `n` change only between rounds, while no helper runs.
  std::size_t cur = 0;  // the block being worked on; the other is emitted, then read into
  std::size_t n = 0;
  std::atomic<std::size_t> next{0};
  const std::function<void()> share = [&] {
    for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < n;
         i = next.fetch_add(1, std::memory_order_relaxed))
      work(blocks[cur].lines[i], results[cur][i]);
  };
  // Started once there is something to overlap, a first block of two lines or more or a
  // second block, so that an empty or one-line corpus starts no thread; and with no more
  // helpers than that block has lines for. Declared after everything its helpers touch, so
  // that they are joined first should anything throw.
  std::optional<corpus_pool> pool;
  bool more = reader.next(blocks[cur], block_lines);  // blocks[cur] holds lines to work on
  bool held = false;  // blocks[1 - cur] has been worked on and waits to be emitted
  while (more) {
    n = blocks[cur].lines.size();
    results[cur].clear();
    results[cur].resize(n);
    if (!pool && (held || n >= 2))
      pool.emplace(static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(n, 2))) - 1);
    if (pool) {
      next.store(0, std::memory_order_relaxed);
      pool->start(share);
    } else {
      work(blocks[cur].lines[0], results[cur][0]);  // a first block of one line
    }
    // Meanwhile: the block before is emitted, and only then is the next one read into its
    // buffer, which its lines' text pointed into.
    if (held) finish(1 - cur);
    more = reader.next(blocks[1 - cur], block_lines);
    if (pool) {
      share();
      pool->wait();
    }
    held = true;
    cur = 1 - cur;
  }
  if (held) finish(1 - cur);
  return counts;
}

}  // namespace jixiao::engine
