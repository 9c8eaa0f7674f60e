// The cells the scorer reads, kept per thread: reading a cell's text is the costliest step of
// scoring, and a corpus repeats its cell texts form after form ("合规", "≥90%", "100%", "15个").
// Internal to the engine (scoring.cpp; lint through read_cells_cached).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/form.hpp"
#include "stdlib/values.hpp"

namespace jixiao::engine {

// parse_cell is a pure function of the text and the form's year, so each thread keeps the
// cells it has read: a text seen before costs one hash look-up instead of a parse. Most texts
// name no month without its year and read the same in every year's forms: they are kept once
// for all years (on 500 forms, 10,189 parses instead of 12,038), and only the others under
// their year. The scorer points into the cache while it scores a form, so the cache only sheds
// cells between forms.
//
// It sheds them by generation: when the current generation passes its bound, it becomes the
// previous one and the one before is dropped. A cell found in the previous generation moves
// back into the current one, so the texts every form uses survive the turnover; emptying one
// table outright (as before) lost them too and parsed them again. Memory stays within two
// generations whatever the corpus size.
//
// A look-up is on the path of every cell of every form, and in time its cost is waiting for
// memory, not instructions: two generations of cells are about a megabyte, more than the
// processor's nearest caches keep while a form is loaded and scored. So a generation is an
// open-addressing index of 32-byte slots, two to a cache line, each holding the first 23
// bytes of its text and the text's length: a look-up compares the text in the slot and
// touches no entry, which the scorer reads later. The entries (the cells) live in a pool of
// fixed chunks that both generations share: a cell moves back from the previous generation by
// a new slot pointing at it, not by moving the cell. read_form_cells hashes all of a form's
// texts first and asks the processor for their slots, then for the entries it will read.
class cell_cache {
public:
  // A text's cell, and which indicator rules it rules out as a target (rules_ruled_out). The
  // scorer reads `plan` first, so it leads.
  struct reading {
    std::uint64_t plan = 0;       // the serial of the plan `ruled_out` holds for; 0: none yet
    std::uint64_t ruled_out = 0;  // bit r: a target guard of rule r is false for this cell
    values::cell cell;
  };

  // A text as the cache looks it up: its first bytes as a slot holds them, and its hash.
  struct key {
    std::string_view text;
    std::uint64_t image[3];  // bytes 0-22 of the text, zero-padded; byte 23: its length, or 0xFF beyond
    std::uint64_t hash;
  };
  static key key_of(std::string_view text);

  // Asks the processor for the slots where `k` would be found, in both generations.
  void prefetch(const key& k) const;
  reading& get(const key& k, int year);
  // Called before a form is read, never while one is scored.
  void trim();

private:
  // Small on purpose. With 8,192 cells a generation the hit rate was higher but scoring alone
  // was about 15% slower in time (Release, 5,000 forms): two generations of large cells do not
  // stay in the processor's caches, and every look-up waited on memory. The texts every form
  // repeats still survive by moving back from the previous generation.
  static constexpr std::size_t max_cells = 1024;
  static constexpr std::size_t first_slots = 4 * max_cells;
  static constexpr std::size_t inline_key = 23;  // the longest text a slot holds whole
  // A slot's `ref`: the entry's index + 1, and two flags.
  static constexpr std::uint32_t by_year = 1u << 31;     // the cell holds for the entry's year only
  static constexpr std::uint32_t quantities = 1u << 30;  // the cell holds a quantity
  static std::uint32_t entry_of(std::uint32_t ref) { return (ref & (quantities - 1)) - 1; }

  // A slot is in use when the low byte of its `mark` is its generation's epoch: dropping a
  // generation moves on to the next epoch instead of clearing a table of slots that have long
  // left the processor's caches (clearing them cost more than all the look-ups that missed).
  struct alignas(32) slot {
    std::uint64_t image[3] = {};
    std::uint32_t mark = 0;  // the hash's top 24 bits (whose low bits are the slot's home), then the epoch
    std::uint32_t ref = 0;
  };

  // The cell is read first, so it leads; the rest is for long texts and one-year cells only.
  struct alignas(64) entry {
    reading read;
    std::unique_ptr<std::string> long_key;  // the whole text, when longer than inline_key
    int year = 0;                           // the year a `by_year` cell holds for
  };

  // Two slots to a cache line; a text's home is the first slot of a line, so that a look-up
  // that finds its home full usually looks no further than the line it has fetched.
  struct alignas(64) line {
    slot slots[2];
  };
  struct generation {
    std::vector<line> lines;
    std::size_t mask = 0;  // slots - 1
    slot& at(std::size_t i) { return lines[i >> 1].slots[i & 1]; }
    const slot& at(std::size_t i) const { return lines[i >> 1].slots[i & 1]; }
    std::size_t slots() const { return 2 * lines.size(); }
    std::size_t home(std::uint32_t mark) const { return (mark >> 8) & mask & ~std::size_t{1}; }
    std::uint32_t epoch = 1;               // 1 to 255; slots start at 0, empty
    std::vector<std::uint32_t> members;  // the entries it holds, inserted or moved back
  };

  [[gnu::always_inline]] const slot* find(const generation& g, const key& k, int year) const;
  void add(generation& g, std::uint32_t mark, const std::uint64_t (&image)[3], std::uint32_t ref);
  void grow(generation& g);
  reading& hit(std::uint32_t ref) const;
  std::uint32_t allocate();
  void prefetch_entry(std::uint32_t index) const;
  void drop(std::uint8_t g);

  // A chunk is one huge page of the processor (2 MiB, 4,096 entries, more than two
  // generations hold), asked of the kernel as such: the entries a form's cells hit are
  // scattered over the pool, and with 4 KiB pages nearly every look-up also missed the
  // address translation cache (perf put the waits on the prefetches, which must translate).
  static constexpr std::size_t chunk_bytes = std::size_t{2} << 20;
  static constexpr std::size_t chunk_entries = chunk_bytes / 512;
  struct chunk_deleter {
    void operator()(entry* p) const;
  };
  static std::unique_ptr<entry, chunk_deleter> new_chunk();
  entry& at(std::uint32_t k) const { return m_chunks[k / chunk_entries].get()[k % chunk_entries]; }

  // An entry's state: which generation holds it (the lower bits), and whether its cell keeps
  // unusually large buffers, to be given back when the entry is freed. Kept beside the pool, so
  // that dropping a generation touches no entry that can simply be reused.
  static constexpr std::uint8_t free_entry = 3;
  static constexpr std::uint8_t holder_bits = 3;
  static constexpr std::uint8_t large = 4;

  generation m_generations[2];
  std::uint8_t m_current = 0;
  std::vector<std::unique_ptr<entry, chunk_deleter>> m_chunks;
  std::vector<std::uint8_t> m_state;
  std::vector<std::uint32_t> m_free;
};

struct cell_refs {
  cell_cache::reading* target;
  const values::cell* actual;
};

// An indicator's cells through this thread's cache; the separate comparator and unit columns
// of the Sichuan template are joined to the target as read_cells does.
cell_refs read_cached_cells(const indicator& ind, int year);

// Every indicator's cells of `f`, in order, into `out`; the cache sheds cells first, so those
// of the previous form are no longer valid.
void read_form_cells(const form& f, std::vector<cell_refs>& out);

}  // namespace jixiao::engine
