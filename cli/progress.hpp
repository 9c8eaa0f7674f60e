// Progress of a corpus run on standard error: forms done, rate, share of the input read and
// time left, redrawn in place. `score`, `lint` and `replay --corpus` show it; a corpus of a
// country takes minutes.
#pragma once

#include <chrono>
#include <cstddef>

#include "engine/corpus.hpp"

namespace jixiao::cli {

// Forms done, rate and time left on standard error, redrawn in place. Silent when standard
// error is not a terminal and for runs shorter than a second.
class progress {
public:
  explicit progress(const engine::corpus_reader& reader);
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  ~progress();  // clears the line it drew

  // Called after each block with the forms read so far; draws at most every quarter second,
  // and only after the first second, so that short runs stay silent.
  void update(std::size_t forms);

private:
  using clock = std::chrono::steady_clock;
  const engine::corpus_reader& m_reader;
  bool m_enabled;
  bool m_shown = false;
  clock::time_point m_start;
  clock::time_point m_last;
};

}  // namespace jixiao::cli
