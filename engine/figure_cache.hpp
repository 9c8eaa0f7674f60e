// A bounded memo of the figures the score report writes over and over: a group member's share
// ("≈1.88" for 15/8), a band's limits ("2.5"), a computed score ("5.00") recur from row to row
// and from form to form, and writing one (deciding whether it terminates within two decimals,
// dividing, rounding) cost more than the rest of its table cell (about 180 instructions a
// figure on the generated corpus, against about 40 for a look-up here).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>

#include "stdlib/decimal.hpp"

namespace jixiao::engine {

// A figure is found by the decimal's bytes and by which writer wrote it (`kind`, chosen by the
// caller: the report writes one decimal in two ways). A decimal is its numerator and
// denominator with nothing else in its bytes, so equal bytes are the same decimal and the
// writers, which read nothing else, write the same text for it; an answer never depends on
// what was looked up before. Each thread keeps its own (thread_figure_cache()), so look-ups
// take no lock. A slot keeps one figure, and a figure found missing takes its slot over:
// the memory is fixed, 64 kB.
class figure_cache {
public:
  static constexpr std::size_t slot_count = 1024;  // a power of two
  // Texts longer than this are written every time (a figure past 10^20, "≈" and 26 digits).
  static constexpr std::size_t longest = 29;

  // What a writer wrote: text at `text`, with at least `longest` bytes readable there whatever
  // `size` is, so a caller may copy them in one fixed move; `columns` it takes in a terminal.
  struct figure {
    const char* text = nullptr;
    std::size_t size = 0;
    std::size_t columns = 0;
    std::string_view view() const { return {text, size}; }
  };
  // A writer writes into a buffer of `room` bytes and returns {the end of what it wrote,
  // the columns it takes}.
  static constexpr std::size_t room = 2 * decimal::text_capacity + 8;
  struct written {
    char* end;
    std::size_t columns;
  };

  // write(d, buffer) as a figure, kept under `kind` (1 to 255).
  template <class Write>
  [[gnu::always_inline]] figure get(const decimal& d, std::uint8_t kind, Write write) {
    static_assert(std::has_unique_object_representations_v<decimal> && sizeof(decimal) == 32,
                  "figures are keyed by a decimal's bytes");
    std::uint64_t key[4];
    std::memcpy(key, &d, sizeof key);
    slot& s = m_slots[index(key, kind)];
    if (s.kind == kind && s.key[0] == key[0] && s.key[2] == key[2] && s.key[1] == key[1] && s.key[3] == key[3])
      return {s.text, s.size, s.columns};
    return fill(s, key, kind, write(d, m_scratch));
  }

  // How many figures are kept now (for the tests).
  std::size_t size() const {
    std::size_t n = 0;
    for (const slot& s : m_slots) n += s.kind != 0 ? 1 : 0;
    return n;
  }

private:
  // A cache line a slot. A free slot's kind is 0.
  struct slot {
    std::uint64_t key[4] = {};
    std::uint8_t kind = 0;
    std::uint8_t size = 0;
    std::uint8_t columns = 0;
    char text[longest] = {};
  };
  static_assert(sizeof(slot) == 64);

  // The numerator's and the denominator's low words carry nearly all of a figure; the high
  // words are 0, or all ones for a negative numerator.
  static std::size_t index(const std::uint64_t* key, std::uint8_t kind) {
    std::uint64_t h = ((key[0] ^ key[1] * 0xBF58476D1CE4E5B9u) * 0x9E3779B97F4A7C15u) ^
                      ((key[2] ^ key[3] * 0x94D049BB133111EBu ^ kind) * 0xD6E8FEB86659FD93u);
    h = (h ^ (h >> 32)) * 0x9E3779B97F4A7C15u;
    return static_cast<std::size_t>(h >> 54);  // the top 10 bits: slot_count = 2^10
  }

  [[gnu::noinline]] figure fill(slot& s, const std::uint64_t* key, std::uint8_t kind, written w) {
    const auto size = static_cast<std::size_t>(w.end - m_scratch);
    // Too long to keep: the text stays in the scratch buffer, which has room to read past it.
    if (size > longest) return {m_scratch, size, w.columns};
    std::memcpy(s.key, key, sizeof s.key);
    s.kind = kind;
    s.size = static_cast<std::uint8_t>(size);
    s.columns = static_cast<std::uint8_t>(w.columns);
    std::memcpy(s.text, m_scratch, size);
    return {s.text, s.size, s.columns};
  }

  std::array<slot, slot_count> m_slots{};
  char m_scratch[room + longest];
};

// This thread's cache, made on first use.
inline figure_cache& thread_figure_cache() {
  thread_local std::unique_ptr<figure_cache> cache;
  if (!cache) cache = std::make_unique<figure_cache>();
  return *cache;
}

}  // namespace jixiao::engine
