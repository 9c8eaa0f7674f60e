#include "engine/cell_cache.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "engine/scoring.hpp"
#include "engine/text_hash.hpp"

namespace jixiao::engine {
namespace {

thread_local cell_cache cached_cells;

}  // namespace

// The Sichuan template writes the comparator and the unit in columns of their own; joined
// with the target they read like any other cell ("≥" "90" "%" → "≥90%").
indicator_cells read_cells(const indicator& ind, int year) {
  std::string target = ind.target;
  if (!ind.op.empty() || !ind.unit.empty()) target = ind.op + ind.target + ind.unit;
  std::string actual = ind.actual;
  if (!ind.unit.empty() && !actual.empty() && values::parse_cell(actual, year).kind == values::cell_kind::quantity &&
      values::parse_cell(actual, year).quantities.front().unit.empty())
    actual += ind.unit;
  return {values::parse_cell(target, year), values::parse_cell(actual, year)};
}

// The bytes are read in whole loads that stay inside the text, as hash_text does, and
// shifted into place; the hash of a short text mixes the three words, so the text is read
// once. Every cell text of the generated corpora is at most 21 bytes.
cell_cache::key cell_cache::key_of(std::string_view text) {
  const char* p = text.data();
  const std::size_t n = text.size();
  key k{text, {0, 0, 0}, 0};
  if (n > inline_key) {
    k.image[0] = load8(p);
    k.image[1] = load8(p + 8);
    k.image[2] = (load8(p + 16) & 0x00FFFFFFFFFFFFFFu) | 0xFFull << 56;
    k.hash = hash_text(text);
    return k;
  }
  if (n > 16) {
    k.image[0] = load8(p);
    k.image[1] = load8(p + 8);
    k.image[2] = load8(p + n - 8) >> (8 * (24 - n));
  } else if (n == 16) {
    k.image[0] = load8(p);
    k.image[1] = load8(p + 8);
  } else if (n > 8) {
    k.image[0] = load8(p);
    k.image[1] = load8(p + n - 8) >> (8 * (16 - n));
  } else if (n == 8) {
    k.image[0] = load8(p);
  } else if (n >= 4) {
    k.image[0] = load4(p) | (load4(p + n - 4) >> (8 * (8 - n))) << 32;
  } else if (n > 0) {
    k.image[0] = static_cast<unsigned char>(p[0]);
    if (n > 1) k.image[0] |= std::uint64_t{static_cast<unsigned char>(p[1])} << 8;
    if (n > 2) k.image[0] |= std::uint64_t{static_cast<unsigned char>(p[2])} << 16;
  }
  k.image[2] |= std::uint64_t{n} << 56;
  std::uint64_t h = k.image[0] * 0x9E3779B97F4A7C15u ^ k.image[1] * 0xBF58476D1CE4E5B9u ^
                    k.image[2] * 0x94D049BB133111EBu;
  h ^= h >> 31;
  h *= 0xD6E8FEB86659FD93u;
  k.hash = h ^ (h >> 32);
  return k;
}

void cell_cache::prefetch(const key& k) const {
  const auto mark = static_cast<std::uint32_t>(k.hash >> 40) << 8;
  for (const generation& g : m_generations)
    if (!g.lines.empty()) __builtin_prefetch(&g.at(g.home(mark)));
}

inline const cell_cache::slot* cell_cache::find(const generation& g, const key& k, int year) const {
  if (g.lines.empty()) return nullptr;
  const auto mark = static_cast<std::uint32_t>(k.hash >> 40) << 8 | g.epoch;
  for (std::size_t i = g.home(mark);; i = (i + 1) & g.mask) {
    const slot& s = g.at(i);
    if (s.mark != mark) {
      if ((s.mark & 0xFF) != g.epoch) return nullptr;
      continue;
    }
    if (s.image[0] != k.image[0] || s.image[1] != k.image[1] || s.image[2] != k.image[2]) continue;
    // Equal images are equal texts up to inline_key bytes; a longer one is compared whole.
    if ((s.ref & by_year) == 0 && k.text.size() <= inline_key) return &s;
    const entry& e = at(entry_of(s.ref));
    if ((s.ref & by_year) != 0 && e.year != year) continue;
    if (k.text.size() <= inline_key || *e.long_key == k.text) return &s;
  }
}

cell_cache::reading& cell_cache::get(const key& k, int year) {
  generation& current = m_generations[m_current];
  if (const slot* s = find(current, k, year)) return hit(s->ref);
  if (const slot* s = find(m_generations[m_current ^ 1], k, year)) {
    const std::uint32_t ref = s->ref;
    const std::uint32_t index = entry_of(ref);
    add(current, s->mark, s->image, ref);
    m_state[index] = static_cast<std::uint8_t>((m_state[index] & ~holder_bits) | m_current);
    return hit(ref);
  }
  // Read in place: the entry's cell keeps the memory its last text had.
  const std::uint32_t index = allocate();
  entry& e = at(index);
  // A freed entry has usually left the processor's caches by the time it is reused, and
  // reading a cell writes its first lines; the next miss will take the next one.
  if (!m_free.empty()) prefetch_entry(m_free.back());
  const bool for_year = values::parse_cell_into(k.text, year, e.read.cell);
  e.read.plan = 0;
  // The entry's last lines are touched only for what needs them: they are seldom in a cache.
  if (for_year) e.year = year;
  constexpr std::size_t longest_kept = 256;
  const values::cell& c = e.read.cell;
  bool keeps_much = c.text.capacity() > longest_kept || c.dates.capacity() > 4;
  if (k.text.size() > inline_key) {
    if (!e.long_key) e.long_key = std::make_unique<std::string>();
    e.long_key->assign(k.text);
    keeps_much = keeps_much || e.long_key->capacity() > longest_kept;
  }
  m_state[index] = static_cast<std::uint8_t>(m_current | (keeps_much ? large : 0));
  std::uint32_t ref = index + 1;
  if (for_year) ref |= by_year;
  if (c.kind == values::cell_kind::quantity) ref |= quantities;
  add(current, static_cast<std::uint32_t>(k.hash >> 40) << 8, k.image, ref);
  return e.read;
}

// The scorer reads a cell soon after its look-up, and seldom finds it in a cache: the first
// line (plan, text, kind), and the lines of the first quantity where there is one. Asked for
// now, they arrive while the form's other cells are looked up.
cell_cache::reading& cell_cache::hit(std::uint32_t ref) const {
  reading& r = at(entry_of(ref)).read;
  const auto* p = reinterpret_cast<const char*>(&r);
  __builtin_prefetch(p);
  if (ref & quantities)
    for (std::size_t k = 1; k < 4; ++k) __builtin_prefetch(p + 64 * k);
  return r;
}

// The text must not be in the generation for the entry's year. At most half full, so a
// probe ends soon; only the slots move when it grows, never the entries.
void cell_cache::add(generation& g, std::uint32_t mark, const std::uint64_t (&image)[3], std::uint32_t ref) {
  if ((g.members.size() + 1) * 2 > g.slots()) grow(g);
  mark = (mark & ~0xFFu) | g.epoch;
  std::size_t i = g.home(mark);
  while ((g.at(i).mark & 0xFF) == g.epoch) i = (i + 1) & g.mask;
  g.at(i) = {{image[0], image[1], image[2]}, mark, ref};
  g.members.push_back(entry_of(ref));
}

void cell_cache::grow(generation& g) {
  const std::vector<line> old = std::move(g.lines);
  const std::size_t size = old.empty() ? first_slots : 4 * old.size();
  g.lines.assign(size / 2, line{});
  g.mask = size - 1;
  for (const line& l : old)
    for (const slot& s : l.slots) {
      if ((s.mark & 0xFF) != g.epoch) continue;
      std::size_t i = g.home(s.mark);
      while ((g.at(i).mark & 0xFF) == g.epoch) i = (i + 1) & g.mask;
      g.at(i) = s;
    }
}

// Freed entries are taken first; their cells keep their text and date buffers, which the next
// cells are read into. Entries live in fixed chunks, so every entry stays where it is while
// others are added and the cells handed out for the form being scored stay valid.
std::uint32_t cell_cache::allocate() {
  if (!m_free.empty()) {
    const std::uint32_t index = m_free.back();
    m_free.pop_back();
    return index;
  }
  const auto index = static_cast<std::uint32_t>(m_state.size());
  if (index == m_chunks.size() * chunk_entries) m_chunks.push_back(new_chunk());
  m_state.push_back(free_entry);
  return index;
}

std::unique_ptr<cell_cache::entry, cell_cache::chunk_deleter> cell_cache::new_chunk() {
  static_assert(sizeof(entry) * chunk_entries == chunk_bytes);
  void* memory = std::aligned_alloc(chunk_bytes, chunk_bytes);
  if (memory == nullptr) throw std::bad_alloc();
  // A request, not a requirement: without a huge page the chunk is the same memory in small ones.
  ::madvise(memory, chunk_bytes, MADV_HUGEPAGE);
  return std::unique_ptr<entry, chunk_deleter>(std::uninitialized_value_construct_n(static_cast<entry*>(memory),
                                                                                     chunk_entries) -
                                               chunk_entries);
}

void cell_cache::chunk_deleter::operator()(entry* p) const {
  std::destroy_n(p, chunk_entries);
  std::free(p);
}

// Frees the entries generation `g` holds that did not move back into the other one. A cell
// that held an unusually long text is emptied, so that what the free entries keep is bounded
// by their number.
void cell_cache::drop(std::uint8_t g) {
  generation& gen = m_generations[g];
  for (const std::uint32_t index : gen.members) {
    if ((m_state[index] & holder_bits) != g) continue;
    if (m_state[index] & large) {
      entry& e = at(index);
      std::destroy_at(&e.read.cell);
      std::construct_at(&e.read.cell);
      e.long_key.reset();
    }
    m_state[index] = free_entry;
    m_free.push_back(index);
  }
  gen.members.clear();
  // Every slot is empty in the next epoch; after the 255th, slots of the first could look
  // current again, so the table is cleared then.
  if (++gen.epoch == 256) {
    std::memset(static_cast<void*>(gen.lines.data()), 0, gen.lines.size() * sizeof(line));
    gen.epoch = 1;
  }
}

void cell_cache::trim() {
  if (m_generations[m_current].members.size() > max_cells) {
    const auto previous = static_cast<std::uint8_t>(m_current ^ 1);
    drop(previous);
    m_current = previous;
  }
  if (!m_free.empty()) prefetch_entry(m_free.back());
}

void cell_cache::prefetch_entry(std::uint32_t index) const {
  const auto* p = reinterpret_cast<const char*>(&at(index));
  for (std::size_t k = 0; k < 5; ++k) __builtin_prefetch(p + 64 * k, 1);
}

// read_cells through the cache.
cell_refs read_cached_cells(const indicator& ind, int year) {
  cell_cache& cache = cached_cells;
  if (ind.op.empty() && ind.unit.empty())
    return {&cache.get(cell_cache::key_of(ind.target), year), &cache.get(cell_cache::key_of(ind.actual), year).cell};
  const std::string target = ind.op + ind.target + ind.unit;
  std::string actual = ind.actual;
  if (!ind.unit.empty() && !actual.empty()) {
    const auto& read = cache.get(cell_cache::key_of(actual), year).cell;
    if (read.kind == values::cell_kind::quantity && read.quantities.front().unit.empty()) actual += ind.unit;
  }
  return {&cache.get(cell_cache::key_of(target), year), &cache.get(cell_cache::key_of(actual), year).cell};
}

// Two passes, so that the processor fetches the slots of every text while the first are
// looked up, and the entries the scorer will read while the rest are: one look-up after the
// other, each waited for its slot and then for its entry.
void read_form_cells(const form& f, std::vector<cell_refs>& out) {
  cell_cache& cache = cached_cells;
  cache.trim();
  out.clear();
  out.reserve(f.indicators.size());
  thread_local std::vector<cell_cache::key> keys;
  if (keys.size() < 2 * f.indicators.size()) keys.resize(2 * f.indicators.size());
  std::size_t next = 0;
  for (const indicator& ind : f.indicators) {
    if (!ind.op.empty() || !ind.unit.empty()) continue;
    keys[next] = cell_cache::key_of(ind.target);
    cache.prefetch(keys[next]);
    keys[next + 1] = cell_cache::key_of(ind.actual);
    cache.prefetch(keys[next + 1]);
    next += 2;
  }
  next = 0;
  for (const indicator& ind : f.indicators) {
    if (!ind.op.empty() || !ind.unit.empty()) {
      out.push_back(read_cached_cells(ind, f.year));
      continue;
    }
    cell_cache::reading& target = cache.get(keys[next], f.year);
    cell_cache::reading& actual = cache.get(keys[next + 1], f.year);
    next += 2;
    out.push_back({&target, &actual.cell});
  }
}

indicator_cell_refs read_cells_cached(const indicator& ind, int year) {
  const auto c = read_cached_cells(ind, year);
  return {c.target->cell, *c.actual};
}

}  // namespace jixiao::engine
