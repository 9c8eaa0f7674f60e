// A bounded memo of fit_width for the texts the score report fits over and over: level-1 and
// level-2 labels, group members' names and rule names repeat from row to row and from form to
// form, and measuring a label was most of the cost of a table row (about 460 instructions a
// label on the generated corpus, against about 60 for a look-up here).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "engine/fit_text.hpp"
#include "engine/text_hash.hpp"

namespace jixiao::engine {

// Keys are the text's bytes and the width, so an answer never depends on where a text is
// stored or on what was looked up before. Each thread keeps its own (thread_fit_cache()), so
// look-ups take no lock. When half the slots are taken or the keys fill their buffer,
// everything is forgotten and the cache fills again: its memory is fixed, 80 kB.
class fit_cache {
public:
  // Texts longer than this are measured every time: a label that long is cut anyway, and
  // keeping it would take the room of several short ones.
  static constexpr std::size_t longest = 255;
  static constexpr std::size_t slot_count = 2048;  // a power of two
  static constexpr std::size_t key_bytes = 49152;  // 48 bytes a text

  // fit_width(text, width), for width < 256.
  [[gnu::always_inline]] text_fit fit(std::string_view text, std::size_t width) {
    if (text.size() > longest || width > 255) return crowded(text, width);
    const std::uint64_t h = hash_text(text, width);
    const std::uint32_t key = key_of(text.size(), width);
    std::size_t i = static_cast<std::size_t>(h >> 53);  // the top 11 bits: slot_count = 2^11
    for (std::size_t probe = 0; probe < max_probes; ++probe, i = (i + 1) & (slot_count - 1)) {
      slot& s = m_slots[i];
      if (s.key == 0) return insert(s, text, width);
      if (s.key == key && same_bytes(m_keys.data() + s.offset, text.data(), text.size()))
        return {s.whole, s.cut, s.used};
    }
    return crowded(text, width);
  }

  // How many texts are kept now (for the tests).
  std::size_t size() const { return m_filled; }

private:
  static constexpr std::size_t max_probes = 16;

  // A slot is free when its key is 0: a kept text's key has its lowest bit set.
  struct slot {
    std::uint32_t offset = 0;  // of the text in m_keys
    std::uint32_t key = 0;     // key_of(size, width)
    std::uint16_t cut = 0;
    std::uint16_t used = 0;
    bool whole = false;
  };

  // The text's size and the width in one word, so a slot is told apart by one compare.
  static std::uint32_t key_of(std::size_t size, std::size_t width) {
    return static_cast<std::uint32_t>(size << 9 | width << 1 | 1);
  }

  // Whether the kept text at `kept` is `text`'s `n` bytes. Labels are a few dozen bytes, which
  // eight-byte words compare in a few steps (the last overlapping the one before it) for less
  // than a call to memcmp costs.
  static bool same_bytes(const char* kept, const char* text, std::size_t n) {
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8)
        if (load8(kept + i) != load8(text + i)) return false;
      return load8(kept + n - 8) == load8(text + n - 8);
    }
    if (n >= 4) return load4(kept) == load4(text) && load4(kept + n - 4) == load4(text + n - 4);
    for (std::size_t i = 0; i < n; ++i)
      if (kept[i] != text[i]) return false;
    return true;
  }


  // Every slot near this one holds another text: measured without being kept.
  [[gnu::noinline]] static text_fit crowded(std::string_view text, std::size_t width) { return fit_width(text, width); }

  [[gnu::noinline]] text_fit insert(slot& s, std::string_view text, std::size_t width) {
    const text_fit f = fit_width(text, width);
    if (m_filled * 2 >= slot_count || m_key_end + text.size() > key_bytes) {
      // Forgotten all at once, so the slot found free above may now be a different one.
      m_slots.fill(slot{});
      m_filled = 0;
      m_key_end = 0;
      return insert(m_slots[static_cast<std::size_t>(hash_text(text, width) >> 53)], text, width, f);
    }
    return insert(s, text, width, f);
  }

  text_fit insert(slot& s, std::string_view text, std::size_t width, const text_fit& f) {
    if (!text.empty()) std::memcpy(m_keys.data() + m_key_end, text.data(), text.size());
    s.offset = static_cast<std::uint32_t>(m_key_end);
    s.key = key_of(text.size(), width);
    s.whole = f.whole;
    s.cut = static_cast<std::uint16_t>(f.cut);
    s.used = static_cast<std::uint16_t>(f.used);
    m_key_end += text.size();
    ++m_filled;
    return f;
  }

  std::array<slot, slot_count> m_slots{};
  std::array<char, key_bytes> m_keys;
  std::size_t m_key_end = 0;
  std::size_t m_filled = 0;
};

// This thread's cache, made on first use.
inline fit_cache& thread_fit_cache() {
  thread_local std::unique_ptr<fit_cache> cache;
  if (!cache) cache = std::make_unique<fit_cache>();
  return *cache;
}

}  // namespace jixiao::engine
