// A RapidJSON output stream for the JSON reports. RapidJSON's own StringBuffer grows from
// nothing for every report, and the pretty report's forms were re-indented in a second pass
// (docs/performance.md); this stream is kept from one report to the next and indents as the
// writer writes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include <rapidjson/stream.h>

namespace jixiao::engine {

// Writes into `buffer` from its beginning; text() is what was written. The buffer is kept as
// long as its capacity and written through a pointer, so that writing a character is a store,
// not a push_back that checks the capacity and writes a terminator; and a buffer kept from one
// report to the next is neither zero-filled nor copied again as it grows, which a new string
// per report is, a few times its length.
//
// `indent` spaces follow every line break written, so that a value written by PrettyWriter
// (which indents from its own root) appears as it does `indent` columns deep in a larger
// document. JSON strings never hold a raw line break, and PrettyWriter writes its line breaks
// with Put, never PutUnsafe, so only Put has to look for them.
class json_sink {
public:
  using Ch = char;

  explicit json_sink(std::string& buffer, std::size_t indent = 0) : m_buffer(buffer), m_indent(indent) {
    claim(0);
  }
  json_sink(const json_sink&) = delete;
  json_sink& operator=(const json_sink&) = delete;

  std::string_view text() const { return {m_buffer.data(), static_cast<std::size_t>(m_cur - m_buffer.data())}; }

  // Inlined, so that the test for a line break folds away for the writer's constant
  // punctuation.
  [[gnu::always_inline]] void Put(char c) {
    if (c == '\n') {
      newline();
      return;
    }
    if (m_cur == m_end) grow(1);
    *m_cur++ = c;
  }
  // RapidJSON reserves room before every run of PutUnsafe (a string, a number, an indent).
  void reserve(std::size_t count) {
    if (static_cast<std::size_t>(m_end - m_cur) < count) grow(count);
  }
  void put_unsafe(char c) { *m_cur++ = c; }
  // `count` copies of `c`: PrettyWriter's indents, a few spaces at a time. A short run is
  // filled as a block of fixed size, a couple of vector stores where a fill of the exact
  // length is a loop or a call to memset.
  void put_n(char c, std::size_t count) {
    constexpr std::size_t block = 16;
    if (count > block) {
      reserve(count);
      m_cur = std::fill_n(m_cur, count, c);
      return;
    }
    reserve(block);
    std::fill_n(m_cur, block, c);
    m_cur += count;
  }
  void Flush() {}

private:
  void claim(std::size_t used) {
    m_buffer.resize(std::max(m_buffer.capacity(), used + 256));
    m_cur = m_buffer.data() + used;
    m_end = m_buffer.data() + m_buffer.size();
  }
  void newline() {
    reserve(1);
    *m_cur++ = '\n';
    put_n(' ', m_indent);
  }
  void grow(std::size_t count) {
    const auto used = static_cast<std::size_t>(m_cur - m_buffer.data());
    m_buffer.resize(std::max(used + count, 2 * m_buffer.size()));
    claim(used);
  }

  std::string& m_buffer;
  std::size_t m_indent;
  char* m_cur = nullptr;
  char* m_end = nullptr;
};

}  // namespace jixiao::engine

namespace rapidjson {
// The OutputStream concept's fast paths (rapidjson/stream.h), as stringbuffer.h gives them for
// RapidJSON's own buffer: reserve once, then store; runs of one character as a block.
template <>
inline void PutReserve(jixiao::engine::json_sink& stream, std::size_t count) {
  stream.reserve(count);
}
template <>
inline void PutUnsafe(jixiao::engine::json_sink& stream, char c) {
  stream.put_unsafe(c);
}
template <>
inline void PutN(jixiao::engine::json_sink& stream, char c, std::size_t n) {
  stream.put_n(c, n);
}
}  // namespace rapidjson
