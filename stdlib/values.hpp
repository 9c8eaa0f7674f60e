// Reading the values people write in form cells (DOMAIN.md §3): comparators in symbols and
// words, numbers with counter words and units, ranges, quantities inside sentences, several
// quantities in one cell, dates and deadlines with the form's year implied, "nothing achieved"
// phrases and not-applicable markers.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stdlib/decimal.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::values {

// A vector that keeps its first N elements inside itself. A cell holds one or two quantities
// and scoring reads a cell at every miss of its cell cache, where a heap block per cell
// cost a sixth of reading it; only a cell with more than N elements goes to the heap.
// Contiguous, so callers index and iterate it as they did the std::vector it replaces.
template <class T, std::size_t N>
class inline_vector {
public:
  inline_vector() = default;
  // `count` value-initialized elements.
  explicit inline_vector(std::size_t count) {
    reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
      emplace_back();
    }
  }
  inline_vector(const inline_vector& other) {
    reserve(other.m_size);
    for (const T& x : other) {
      emplace_back(x);
    }
  }
  inline_vector(inline_vector&& other) noexcept { take(other); }
  inline_vector& operator=(const inline_vector& other) {
    if (this != &other) {
      clear();
      reserve(other.m_size);
      for (const T& x : other) {
        emplace_back(x);
      }
    }
    return *this;
  }
  inline_vector& operator=(inline_vector&& other) noexcept {
    if (this != &other) {
      clear();
      release();
      take(other);
    }
    return *this;
  }
  ~inline_vector() {
    clear();
    release();
  }

  bool empty() const { return m_size == 0; }
  std::size_t size() const { return m_size; }
  T* begin() { return m_data; }
  T* end() { return m_data + m_size; }
  const T* begin() const { return m_data; }
  const T* end() const { return m_data + m_size; }
  T& operator[](std::size_t i) { return m_data[i]; }
  const T& operator[](std::size_t i) const { return m_data[i]; }
  const T& at(std::size_t i) const {
    if (i >= m_size) {
      throw std::out_of_range("inline_vector::at");
    }
    return m_data[i];
  }
  T& front() { return m_data[0]; }
  const T& front() const { return m_data[0]; }
  T& back() { return m_data[m_size - 1]; }
  const T& back() const { return m_data[m_size - 1]; }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (m_size == m_capacity) {
      reserve(2 * m_capacity);
    }
    T* p = std::construct_at(m_data + m_size, std::forward<Args>(args)...);
    ++m_size;
    return *p;
  }
  void push_back(const T& x) { emplace_back(x); }
  void push_back(T&& x) { emplace_back(std::move(x)); }
  void pop_back() { std::destroy_at(m_data + --m_size); }
  void clear() {
    std::destroy(begin(), end());
    m_size = 0;
  }
  void reserve(std::size_t capacity) {
    if (capacity <= m_capacity) {
      return;
    }
    T* grown = std::allocator<T>().allocate(capacity);
    for (std::size_t k = 0; k < m_size; ++k) {
      std::construct_at(grown + k, std::move(m_data[k]));
      std::destroy_at(m_data + k);
    }
    release();
    m_data = grown;
    m_capacity = capacity;
  }

private:
  bool on_heap() const { return m_data != inline_data(); }
  T* inline_data() { return reinterpret_cast<T*>(m_inline); }
  const T* inline_data() const { return reinterpret_cast<const T*>(m_inline); }
  // Gives the heap block back (the elements are already gone or moved) and points at the
  // inline storage again.
  void release() {
    if (on_heap()) {
      std::allocator<T>().deallocate(m_data, m_capacity);
    }
    m_data = inline_data();
    m_capacity = N;
  }
  // Takes the elements of `other`, which is left empty: a heap block changes hands, inline
  // elements are moved one by one.
  void take(inline_vector& other) {
    if (other.on_heap()) {
      m_data = other.m_data;
      m_capacity = other.m_capacity;
      m_size = other.m_size;
      other.m_data = other.inline_data();
      other.m_capacity = N;
      other.m_size = 0;
      return;
    }
    for (std::size_t k = 0; k < other.m_size; ++k) {
      std::construct_at(m_data + k, std::move(other.m_data[k]));
    }
    m_size = other.m_size;
    other.clear();
  }

  // Where the elements are and how many, before the inline storage: reading a short list's
  // size then touches the same cache line as its first element.
  T* m_data = inline_data();
  std::size_t m_size = 0;
  std::size_t m_capacity = N;
  alignas(T) std::byte m_inline[N * sizeof(T)];
};

enum class comparator { none, equal, at_least, greater, at_most, less };

// "≥", "=", ... ; "" for none.
std::string_view symbol(comparator c);

// One quantity found in a cell: "不少于6项" → {at_least, 6, -, "项"};
// "2-3家" → {none, 2, 3, "家"}; "≥90%" → {at_least, 0.9, -, "%"} (percent values are stored
// as fractions: 90% is 0.9). "noun" is what the quantity counts, for matching several
// quantities in one cell: "1位青年杰出工程师" → noun "青年杰出工程师"; when nothing follows
// the unit, the words before the number ("新建首都科技志愿服务站2-3家" → "新建首都科技志愿服务站").
struct quantity {
  comparator op = comparator::none;
  decimal value;                 // the number, or the low end of a range
  std::optional<decimal> high;   // the high end of a range
  // Normalized: "%" for % and 百分比; "" when bare. Always an entry of the static unit
  // table in units.cpp, so it is never a dangling view and costs no string per quantity.
  std::string_view unit;
  std::string noun;
  std::string text;              // the matched source text, e.g. "不少于6项"
};

// The quantities of one cell; usually one or two, kept inside the cell.
using quantity_list = inline_vector<quantity, 2>;

// A date or deadline at month precision, day when written. "2021年10月前" → 2021-10;
// "12月底" → {form year}-12; "2022年下半年" → 2022-07..2022-12; "第二季度" → 04..06.
struct date_value {
  int year = 0;
  int first_month = 0;  // the period the text names
  int last_month = 0;
  int day = 0;          // 0 when not written
  std::string text;
};

enum class cell_kind {
  absent,          // blank
  not_applicable,  // 不适用, —, -, /
  nothing,         // 未完成, 未形成分析报告, 0: nothing achieved
  quantity,        // at least one quantity (dates may be present too)
  date,            // dates but no quantity
  text,            // qualitative: 合规, 达成年度指标, free text
};

// The fields every reading of a cell clears or tests (the text, kind, date list and the
// quantities' count) come first and share two cache lines: a cell cache keeps its cells in
// memory the processor has usually let go of.
struct cell {
  std::string text;  // trimmed source text
  cell_kind kind = cell_kind::absent;
  std::vector<date_value> dates;  // in order of appearance
  // In order of appearance; dates are not quantities.
  quantity_list quantities;
  // The latest date named (the deadline of a target, the completion of an actual).
  std::optional<date_value> latest_date() const;
};

// Parses a cell; `form_year` is implied where the text names no year. Never fails: text that
// holds no number or date is qualitative.
cell parse_cell(std::string_view text, int form_year);
// parse_cell into `out`, whatever it held before: its strings and lists keep their memory, so
// that a cache reading cell after cell into the same entries allocates less. Returns whether
// the reading consulted `form_year` (a month written without a year); when it did not, the
// text reads the same in a form of any year.
bool parse_cell_into(std::string_view text, int form_year, cell& out);

// A numeric form field: "74.69%", "498.000000", "7.47", 10. Blank and the not-applicable
// markers are not numbers; callers check is_not_applicable_marker first.
struct amount {
  decimal value;      // 74.69% → 0.7469
  bool percent = false;
  int decimals = 0;   // as written: "74.69%" → 2, "498.000000" → 6
};
expected<amount, std::string> parse_amount(std::string_view text);

// "不适用", "—", "－", "-", "/", "／", "" (after trimming whitespace and full-width spaces).
bool is_not_applicable_marker(std::string_view text);

// Factor that converts an amount in `from` into `to`: ("万元", "元") → 10000; equal units
// → 1; a bare number ("") converts to anything with factor 1. Empty when incompatible.
std::optional<decimal> unit_factor(std::string_view from, std::string_view to);

// For each quantity of `target`, the index of the quantity of `actual` that measures the same
// thing (compatible unit, best-matching noun, each actual used once), or empty. Kept inline
// like the quantities themselves: cells are matched at every comparison of two cells.
using quantity_matches = inline_vector<std::optional<std::size_t>, 2>;
quantity_matches match_quantities(const cell& actual, const cell& target);

// Whole months from the deadline to the completion, 0 when on time:
// months_late({2021-12}, {2021-10}) = 2. Uses the last month of each period.
int months_late(const date_value& actual, const date_value& deadline);

}  // namespace jixiao::values
