// The hash of the per-thread caches keyed by short texts (the fit cache of the text report,
// and the cell cache, cell_cache.cpp, for texts longer than its slots hold): cell texts and
// labels are a few to a few dozen bytes, and a look-up must cost less than std::hash's
// byte-at-a-time loop.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace jixiao::engine {

inline std::uint64_t load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

inline std::uint64_t load4(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// Every byte counts: labels share long prefixes and suffixes ("产出指标 › 数量指标 › 报告完成率",
// "… › 会议完成率") and differ in a few bytes anywhere between. Eight bytes a step, multiplied
// and folded, the last step overlapping the one before it; shorter texts in whole loads, as a
// copy of a variable length is a byte loop the multiply would wait on. `seed` (below 256)
// mixes in what else tells two keys apart, such as a column width.
[[gnu::always_inline]] inline std::uint64_t hash_text(std::string_view text, std::uint64_t seed = 0) {
  const char* p = text.data();
  const std::size_t n = text.size();
  std::uint64_t h = (n << 8 | seed) * 0x9E3779B97F4A7C15u;
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) h = (h ^ load8(p + i)) * 0xBF58476D1CE4E5B9u;
    h ^= load8(p + n - 8);
  } else if (n >= 4) {
    h ^= load4(p) << 32 | load4(p + n - 4);
  } else if (n > 0) {
    h ^= std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
         std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 | static_cast<unsigned char>(p[n - 1]);
  }
  h *= 0x94D049BB133111EBu;
  return h ^ (h >> 31);
}

}  // namespace jixiao::engine
