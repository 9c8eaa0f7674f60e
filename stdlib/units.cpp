// Quantities in cells: comparators in symbols and words, numbers, ranges, counter words and
// units, and the noun a quantity counts; converting between units and pairing the
// quantities of an actual with those of its target.
//
// Known limitation: only Arabic numerals are read. Chinese numerals ("一次", "两场",
// "三轮") stay text, because telling a count from a word that merely contains a numeral
// (一定, 一流, 统一, 第三方) needs more than a lexicon; forms write targets in digits.
#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "stdlib/utf8.hpp"
#include "stdlib/values.hpp"
#include "stdlib/values_detail.hpp"

namespace jixiao::values {

namespace {

using utf8::starts_with_at;

struct word {
  std::string_view text;
  comparator op;
};

// Written before the number. Longer words come first so that "不超过" is not read as "超过"
// nor "大于等于" as "等于".
constexpr auto prefix_comparators = std::to_array<word>({
    {"大于或等于", comparator::at_least},
    {"小于或等于", comparator::at_most},
    {"大于等于", comparator::at_least},
    {"小于等于", comparator::at_most},
    {"不少于", comparator::at_least},
    {"不低于", comparator::at_least},
    {"不小于", comparator::at_least},
    {"不超过", comparator::at_most},
    {"不高于", comparator::at_most},
    {"不多于", comparator::at_most},
    {"不大于", comparator::at_most},
    {"＞＝", comparator::at_least},
    {"＜＝", comparator::at_most},
    {"至少", comparator::at_least},
    {"最少", comparator::at_least},
    {"至多", comparator::at_most},
    {"最多", comparator::at_most},
    {"不超", comparator::at_most},
    {"大于", comparator::greater},
    {"高于", comparator::greater},
    {"超过", comparator::greater},
    {"多于", comparator::greater},
    {"小于", comparator::less},
    {"低于", comparator::less},
    {"少于", comparator::less},
    {"不足", comparator::less},
    {"等于", comparator::equal},
    {"＞=", comparator::at_least},
    {"＜=", comparator::at_most},
    {">＝", comparator::at_least},
    {"<＝", comparator::at_most},
    {"≥", comparator::at_least},
    {"≧", comparator::at_least},
    {"⩾", comparator::at_least},
    {"≤", comparator::at_most},
    {"≦", comparator::at_most},
    {"⩽", comparator::at_most},
    {"＞", comparator::greater},
    {"＜", comparator::less},
    {"＝", comparator::equal},
    {"超", comparator::greater},
    {">=", comparator::at_least},
    {"<=", comparator::at_most},
    {">", comparator::greater},
    {"<", comparator::less},
    {"=", comparator::equal},
});

// Written after the unit: "1000家次以上", "90%及以上", "30万元以内".
constexpr auto suffix_comparators = std::to_array<word>({
    {"及以上", comparator::at_least},
    {"及以下", comparator::at_most},
    {"以上", comparator::at_least},
    {"以下", comparator::at_most},
    {"以内", comparator::at_most},
});

struct unit_name {
  std::string_view written;
  std::string_view unit;  // normalized
};

// Units written as themselves. Sorted longest first at first use, so "家次" wins over
// "家", "批次" over "批" and "个月" over "个".
constexpr auto plain_units = std::to_array<std::string_view>({
    "%",    "元",     "千元",   "万元",   "亿元",   "百分点", "个",     "项",
    "次",   "场",     "场次",   "篇",     "期",     "批次",   "批",     "家",
    "家次", "位",     "名",     "人",     "人次",   "本",     "份",     "册",
    "件",   "套",     "台",     "处",     "所",     "座",     "条",     "部",
    "类",   "种",     "户",     "轮",     "天",     "周",     "周年",   "小时",
    "分钟", "个月",   "年",     "工作日", "平方米", "平方公里", "公顷", "亩",
    "公里", "千米",   "米",     "吨",     "课时",   "学时",   "届",     "组",
    "张",   "支",     "辆",     "门",     "节",     "集",     "岁",     "万人次",
    "亿人次", "万人", "万册",   "万份",   "万件",   "万个",   "万户",   "万次",
    "万平方米", "万吨", "万套",
});

// Units written in more than one way, with the spelling they are normalized to.
constexpr auto unit_aliases = std::to_array<unit_name>({
    {"％", "%"},
    {"百分比", "%"},
    {"个百分点", "百分点"},
    {"个工作日", "工作日"},
});

// Range marks between two numbers: "2-3家", "10～20年", "5至10人".
constexpr auto range_marks = std::to_array<std::string_view>({
    "-", "－", "~", "～", "—", "–", "至", "到",
});

// Words that end a noun besides punctuation: "10位杰出工程师和1位青年杰出工程师".
constexpr auto noun_connectors = std::to_array<std::string_view>({"和", "与", "及"});

// A word list looked up at every number, split into buckets by the bytes a word must start
// (or end) with, so that a look-up tries only the few words that can match there, in the
// list's order: the first match is the one trying the whole list would find.
// The key is the byte itself for ASCII, else the low bits of the two bytes next to the edge
// (a lead and a continuation byte at the start, two continuation bytes at the end), which
// tell nearly every Chinese character apart.
template <class T>
class word_buckets {
public:
  static constexpr std::size_t keys = 128 + (1U << 12);

  // `words` in the order they are to be tried; `text_of(w)` is the text of a word.
  template <class List, class Text>
  word_buckets(const List& words, Text text_of, bool at_end) : m_at_end(at_end) {
    std::vector<std::pair<std::size_t, T>> keyed;
    for (const T& w : words) {
      const std::string_view t = text_of(w);
      keyed.emplace_back(key(t, m_at_end ? t.size() : 0), w);
    }
    std::ranges::stable_sort(keyed, {}, &std::pair<std::size_t, T>::first);
    std::size_t k = 0;
    for (std::size_t b = 0; b < keys; ++b) {
      m_start[b] = k;
      while (k < keyed.size() && keyed[k].first == b) {
        m_words.push_back(keyed[k].second);
        ++k;
      }
    }
    m_start[keys] = k;
  }

  // The words that can start at byte `i` of `s` (end there, for a list looked up at ends).
  std::span<const T> at(std::string_view s, std::size_t i) const {
    const std::size_t b = key(s, i);
    return b == none ? std::span<const T>() : std::span(m_words).subspan(m_start[b], m_start[b + 1] - m_start[b]);
  }

private:
  static constexpr std::size_t none = keys;

  std::size_t key(std::string_view s, std::size_t i) const {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (m_at_end) {
      if (i == 0 || i > s.size()) {
        return none;
      }
      if (byte(i - 1) < 0x80) {
        return byte(i - 1);
      }
      return i < 2 ? none : 128 + (((byte(i - 2) & 0x3FU) << 6) | (byte(i - 1) & 0x3FU));
    }
    if (i >= s.size()) {
      return none;
    }
    if (byte(i) < 0x80) {
      return byte(i);
    }
    return i + 1 >= s.size() ? none : 128 + (((byte(i) & 0x3FU) << 6) | (byte(i + 1) & 0x3FU));
  }

  bool m_at_end;
  std::vector<T> m_words;
  std::array<std::uint16_t, keys + 1> m_start{};
};

// The units longest first, so "家次" wins over "家", "批次" over "批" and "个月" over "个".
const word_buckets<unit_name>& unit_buckets() {
  static const word_buckets<unit_name> buckets = [] {
    std::vector<unit_name> v(unit_aliases.begin(), unit_aliases.end());
    for (const std::string_view u : plain_units) {
      v.push_back({u, u});
    }
    std::ranges::stable_sort(v, [](const unit_name& a, const unit_name& b) {
      return a.written.size() > b.written.size();
    });
    return word_buckets<unit_name>(v, [](const unit_name& u) { return u.written; }, false);
  }();
  return buckets;
}

const word_buckets<word>& prefix_buckets() {
  static const word_buckets<word> buckets(prefix_comparators, [](const word& w) { return w.text; }, true);
  return buckets;
}

// Around every number the readers skip spaces, and there is hardly ever one. A space
// (utf8::is_space) starts with ASCII whitespace, C2 (U+00A0) or E3 (U+3000) and ends with ASCII
// whitespace, A0 or 80: any other byte answers without decoding.
bool ascii_space(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r');
}

// The decoding path, out of line so that the test before it is inlined at every call.
[[gnu::noinline]] std::size_t skip_spaces_decoding(std::string_view s, std::size_t i) {
  return utf8::skip_spaces(s, i);
}

[[gnu::always_inline]] inline std::size_t skip_spaces(std::string_view s, std::size_t i) {
  if (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (!ascii_space(b) && b != 0xC2 && b != 0xE3) {
      return i;
    }
  }
  return skip_spaces_decoding(s, i);
}

std::size_t skip_spaces_back(std::string_view s, std::size_t i) {
  if (i > 0 && i <= s.size()) {
    const auto b = static_cast<unsigned char>(s[i - 1]);
    if (!ascii_space(b) && b != 0xA0 && b != 0x80) {
      return i;
    }
  }
  while (i > 0) {
    const utf8::decoded d = utf8::decode_before(s, i);
    if (!utf8::is_space(d.cp)) {
      break;
    }
    i -= d.size;
  }
  return i;
}

// starts_with_at for the short words of the tables, compared in place: a call to memcmp
// costs more than comparing the few bytes of a unit.
bool has_word_at(std::string_view s, std::size_t i, std::string_view w) {
  if (i > s.size() || s.size() - i < w.size()) {
    return false;
  }
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (s[i + k] != w[k]) {
      return false;
    }
  }
  return true;
}

std::optional<unit_name> match_unit(std::string_view s, std::size_t i) {
  for (const unit_name& u : unit_buckets().at(s, i)) {
    if (has_word_at(s, i, u.written)) {
      return u;
    }
  }
  return std::nullopt;
}

template <std::size_t n>
std::optional<std::string_view> match_any(std::string_view s, std::size_t i,
                                          const std::array<std::string_view, n>& words) {
  // Most positions start none of the words: one byte rules out a word before comparing it.
  if (i >= s.size()) {
    return std::nullopt;
  }
  for (const std::string_view w : words) {
    if (w.front() == s[i] && starts_with_at(s, i, w)) {
      return w;
    }
  }
  return std::nullopt;
}

bool is_connector(std::string_view s, std::size_t i) {
  return match_any(s, i, noun_connectors).has_value();
}

struct number {
  decimal value;
  std::size_t end = 0;
  std::size_t int_digits = 0;
  bool integral = true;
  // value is digits / 10^decimals; digits is -1 for a figure with thousands separators or
  // more than 16 digits (the digits gathered while reading must fit 64 bits; a percent is
  // digits / 10^(decimals + 2)).
  std::int64_t digits = -1;
  int decimals = 0;
};

// A thousands separator at byte `k`: a comma and exactly three digits.
bool separator_at(std::string_view s, std::size_t k) {
  return k + 3 < s.size() && s[k] == ',' && utf8::is_digit(s[k + 1]) && utf8::is_digit(s[k + 2]) &&
         utf8::is_digit(s[k + 3]) && (k + 4 >= s.size() || !utf8::is_digit(s[k + 4]));
}

// read_number for a figure with thousands separators, whose first digits end at `j`: copied
// without the separators and read by decimal::parse. Out of line, being rare.
[[gnu::noinline]] std::optional<number> read_grouped_number(std::string_view s, std::size_t i, std::size_t j) {
  std::string joined(s.substr(i, j - i));
  while (separator_at(s, j)) {
    joined.append(s.substr(j + 1, 3));
    j += 4;
  }
  number n;
  n.int_digits = joined.size();
  const std::size_t point = j;
  if (j + 1 < s.size() && s[j] == '.' && utf8::is_digit(s[j + 1])) {
    ++j;
    while (j < s.size() && utf8::is_digit(s[j])) {
      ++j;
    }
    n.integral = false;
  }
  joined.append(s.substr(point, j - point));
  n.end = j;
  auto parsed = decimal::parse(joined);
  if (!parsed) {
    // More than 30 digits is an identifier or a garbled cell, not a quantity.
    return std::nullopt;
  }
  n.value = *parsed;
  return n;
}

// Digits with optional thousands separators ("1,000") and decimals; the separator needs
// exactly three digits after it, so "10,20" stays two numbers. Only a number with separators
// is copied (to drop them); any other is read where it stands.
std::optional<number> read_number(std::string_view s, std::size_t i) {
  // The digits are gathered as they are passed, for the figures short enough to be read here
  // ("15个", "95%", "96.7%"); unsigned, so a long run wraps harmlessly before it is refused.
  std::uint64_t digits = 0;
  std::size_t j = i;
  while (j < s.size() && utf8::is_digit(s[j])) {
    digits = digits * 10 + static_cast<std::uint64_t>(s[j] - '0');
    ++j;
  }
  if (j == i) {
    return std::nullopt;
  }
  if (separator_at(s, j)) {
    return read_grouped_number(s, i, j);
  }
  number n;
  n.int_digits = j - i;
  const std::size_t point = j;
  if (j + 1 < s.size() && s[j] == '.' && utf8::is_digit(s[j + 1])) {
    ++j;
    while (j < s.size() && utf8::is_digit(s[j])) {
      digits = digits * 10 + static_cast<std::uint64_t>(s[j] - '0');
      ++j;
    }
    n.integral = false;
  }
  n.end = j;
  // A short figure needs none of the checks of a general decimal::parse: its digits over a
  // power of ten make the same decimal.
  constexpr std::size_t exact_digits = 16;
  const std::size_t decimals = n.integral ? 0 : j - point - 1;
  if (n.int_digits + decimals <= exact_digits) {
    n.digits = static_cast<std::int64_t>(digits);
    n.decimals = static_cast<int>(decimals);
    n.value = n.integral ? decimal::from_int(n.digits) : decimal::from_digits(n.digits, n.decimals);
    return n;
  }
  auto parsed = decimal::parse(s.substr(i, j - i));
  if (!parsed) {
    // More than 30 digits is an identifier or a garbled cell, not a quantity.
    return std::nullopt;
  }
  n.value = *parsed;
  return n;
}

// Skipping a number that is not a quantity: a list marker ("1.", "2、", "（1）"), an
// ordinal ("第22届"), part of an identifier ("5G", "G20").
bool is_label(std::string_view s, std::size_t begin, std::size_t end) {
  // Mostly an ASCII byte or the start of the cell, known without decoding backwards.
  const char32_t before = begin > 0 && static_cast<unsigned char>(s[begin - 1]) < 0x80
                              ? static_cast<char32_t>(s[begin - 1])
                              : utf8::decode_before(s, begin).cp;
  // Mostly a unit follows, or nothing: a character that is neither ASCII nor led by EF (the
  // full-width ）and ．) or E3 (、) can be none of the characters tested below, and only the
  // one before decides.
  if (const auto lead = end < s.size() ? static_cast<unsigned char>(s[end]) : 0x80;
      lead >= 0x80 && lead != 0xEF && lead != 0xE3) {
    return utf8::is_ascii_letter(before) || before == U'第';
  }
  const utf8::decoded after = utf8::decode(s, end);
  if (utf8::is_ascii_letter(before) || utf8::is_ascii_letter(after.cp) || before == U'第') {
    return true;
  }
  if ((before == U'（' || before == U'(') && (after.cp == U'）' || after.cp == U')')) {
    return true;
  }
  if (after.cp == U'.' || after.cp == U'．' || after.cp == U'、') {
    const std::size_t next = end + after.size;
    return next >= s.size() || !utf8::is_digit(s[next]);
  }
  return false;
}

// What the quantity counts. The words after the unit ("10位杰出工程师"), else the words
// before the number ("新建首都科技志愿服务站2-3家"); spaces inside are dropped because cells
// copied from PDFs break lines in the middle of words.
std::string noun_after(std::string_view s, std::size_t i) {
  std::string noun;
  i = skip_spaces(s, i);
  // "不少于15次的线上宣讲": the particle links the quantity to its noun.
  if (starts_with_at(s, i, "的")) {
    i += std::string_view("的").size();
  }
  // Copied a run of characters at a time, not one by one: a run ends only at a space.
  std::size_t run = i;
  while (i < s.size()) {
    const utf8::decoded d = utf8::decode(s, i);
    if (utf8::is_space(d.cp)) {
      noun.append(s.substr(run, i - run));
      i += d.size;
      run = i;
      continue;
    }
    if (!utf8::is_word_char(d.cp) || is_connector(s, i)) {
      break;
    }
    i += d.size;
  }
  noun.append(s.substr(run, i - run));
  // "5场不少于3场" would otherwise give the first quantity the noun "不少于".
  if (i < s.size() && utf8::is_digit(s[i])) {
    for (const word& w : prefix_comparators) {
      if (noun.ends_with(w.text)) {
        noun.resize(noun.size() - w.text.size());
        break;
      }
    }
  }
  return noun;
}

// The words before byte `i`, back to punctuation, a connector or `limit` (the end of the
// previous quantity, whose unit must not become part of this noun).
std::string noun_before(std::string_view s, std::size_t i, std::size_t limit) {
  // Usually no space is crossed and the noun is the bytes walked over, taken at once;
  // otherwise the pieces between the spaces are gathered walking back and joined.
  const std::size_t from = i;
  bool spaced = false;
  std::size_t k = i;
  while (k > limit) {
    const utf8::decoded d = utf8::decode_before(s, k);
    if (k - d.size < limit) {
      break;
    }
    if (utf8::is_space(d.cp)) {
      spaced = true;
    } else if (!utf8::is_word_char(d.cp) || is_connector(s, k - d.size)) {
      break;
    }
    k -= d.size;
  }
  if (!spaced) {
    return std::string(s.substr(k, from - k));
  }
  std::vector<std::string_view> pieces;
  while (i > limit) {
    const utf8::decoded d = utf8::decode_before(s, i);
    if (i - d.size < limit) {
      break;
    }
    if (!utf8::is_space(d.cp)) {
      if (!utf8::is_word_char(d.cp) || is_connector(s, i - d.size)) {
        break;
      }
      pieces.push_back(s.substr(i - d.size, d.size));
    }
    i -= d.size;
  }
  std::string noun;
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
    noun.append(*it);
  }
  return noun;
}

bool is_duration(std::string_view unit) {
  constexpr auto durations = std::to_array<std::string_view>({
      "分钟", "小时", "天", "工作日", "周", "个月", "年", "周年",
  });
  return std::ranges::find(durations, unit) != durations.end();
}

std::optional<comparator> match_suffix(std::string_view s, std::size_t& i, std::string_view unit) {
  const std::size_t k = skip_spaces(s, i);
  if (k >= s.size()) {
    return std::nullopt;
  }
  for (const word& w : suffix_comparators) {
    if (w.text.front() == s[k] && starts_with_at(s, k, w.text)) {
      i = k + w.text.size();
      return w.op;
    }
  }
  // "4个月内完成": within a duration. Only after durations, where "内" cannot start a word
  // of its own as it does in "10个内容".
  if (starts_with_at(s, k, "内") && is_duration(unit)) {
    i = k + std::string_view("内").size();
    return comparator::at_most;
  }
  return std::nullopt;
}

// The comparator written just before byte `i`; moves `i` to where it starts.
std::optional<comparator> match_prefix(std::string_view s, std::size_t& i) {
  const std::size_t k = skip_spaces_back(s, i);
  for (const word& w : prefix_buckets().at(s, k)) {
    if (k >= w.text.size() && has_word_at(s, k - w.text.size(), w.text)) {
      i = k - w.text.size();
      return w.op;
    }
  }
  return std::nullopt;
}

// A figure written with %, as a fraction: 90 → 0.9. A short figure is divided in one step,
// digits / 10^(decimals + 2), the same decimal as dividing its value by 100.
decimal percent_of(const number& n) {
  if (n.digits < 0) {
    return n.value / decimal::from_int(100);
  }
  return decimal::from_digits(n.digits, n.decimals + 2);
}

bool looks_like_year(const number& n) {
  return n.integral && n.int_digits == 4 && n.value >= decimal::from_int(1900) &&
         n.value <= decimal::from_int(2100);
}

// A unit and its size in a base unit: 万元 is 10000 元, 千米 is 1000 米.
struct scaled_unit {
  std::string_view base;
  std::int64_t factor = 1;
};

scaled_unit scale_of(std::string_view unit) {
  struct entry {
    std::string_view unit;
    scaled_unit scaled;
  };
  static constexpr auto table = std::to_array<entry>({
      {"元", {"元", 1}},
      {"千元", {"元", 1000}},
      {"万元", {"元", 10000}},
      {"亿元", {"元", 100000000}},
      {"米", {"米", 1}},
      {"千米", {"米", 1000}},
      {"公里", {"米", 1000}},
      {"平方米", {"平方米", 1}},
      {"万平方米", {"平方米", 10000}},
      {"公顷", {"平方米", 10000}},
      {"平方公里", {"平方米", 1000000}},
      // People are counted with three words that mean the same: 10位, 10名, 10人.
      {"位", {"人", 1}},
      {"名", {"人", 1}},
  });
  for (const entry& e : table) {
    if (e.unit == unit) {
      return e.scaled;
    }
  }
  // "万人次" is 10000 人次: a multiplier in front of any counter word.
  for (const auto& [prefix, factor] : {std::pair{std::string_view("万"), std::int64_t{10000}},
                                       std::pair{std::string_view("亿"), std::int64_t{100000000}}}) {
    if (unit.size() > prefix.size() && unit.starts_with(prefix)) {
      scaled_unit inner = scale_of(unit.substr(prefix.size()));
      inner.factor *= factor;
      return inner;
    }
  }
  return {unit, 1};
}

}  // namespace

namespace detail {

bool find_lone_quantity(std::string_view s, quantity_list& found) {
  if (s.empty()) {
    return false;
  }
  // A comparator may open the cell ("≥90%", "不少于6项"), as in a third of the cells read on
  // a miss of the cell cache: the figure starts at the first digit, and what is before it
  // must be one comparator from the cell's first byte, as match_prefix reads it there.
  std::size_t begin = 0;
  std::optional<comparator> prefix;
  if (!utf8::is_digit(s.front())) {
    constexpr std::size_t longest_prefix = std::ranges::max(prefix_comparators, {}, [](const word& w) {
                                             return w.text.size();
                                           }).text.size();
    const std::size_t scanned = std::min(s.size(), longest_prefix + 1);
    while (begin < scanned && !utf8::is_digit(s[begin])) {
      ++begin;
    }
    // A space before the figure is left to the general reading, which may normalize it.
    if (begin == scanned || skip_spaces_back(s, begin) != begin) {
      return false;
    }
    std::size_t text_begin = begin;
    prefix = match_prefix(s, text_begin);
    if (!prefix || text_begin != 0) {
      return false;
    }
  }
  const auto n = read_number(s, begin);
  if (!n || (begin > 0 && is_label(s, begin, n->end))) {
    return false;
  }
  // A unit right after the figure, then a comparator right after it ("1000人次以上",
  // "5天内"), then nothing: no range, no noun.
  std::string_view unit;
  std::size_t end = n->end;
  if (end < s.size()) {
    if (const auto u = match_unit(s, end)) {
      unit = u->unit;
      end += u->written.size();
    }
  }
  std::optional<comparator> suffix;
  if (end < s.size()) {
    if (skip_spaces(s, end) != end) {
      return false;
    }
    suffix = match_suffix(s, end, unit);
    if (!suffix || end != s.size()) {
      return false;
    }
  }
  // The date scan would look at these: a unit naming years or months ("5年", "3个月"), and
  // four digits before a point ("2020.5"), which may begin a date. A bare figure that looks
  // like a year is left to find_quantities' own rule for years.
  if (unit.find("年") != std::string_view::npos || unit.find("月") != std::string_view::npos ||
      (!n->integral && n->int_digits >= 4) || (unit.empty() && looks_like_year(*n))) {
    return false;
  }
  // What find_quantities makes of such a cell: the comparator before the figure wins over the
  // one after it, and nothing before or after the quantity is left to be a noun.
  quantity& q = found.emplace_back();
  q.op = prefix ? *prefix : suffix ? *suffix : comparator::none;
  q.value = unit == "%" ? percent_of(*n) : n->value;
  q.unit = unit;
  q.text.append(s);
  return true;
}

void find_quantities(std::string_view s, quantity_list& found) {
  std::size_t previous_end = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!utf8::is_digit(s[i])) {
      // Quantities start at digits, and an ASCII byte is never inside a longer UTF-8
      // sequence: going straight to the next digit byte passes exactly the characters that
      // stepping over them one by one would.
      i = static_cast<std::size_t>(std::find_if(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(),
                                                [](char c) { return utf8::is_digit(c); }) -
                                   s.begin());
      continue;
    }
    const std::size_t begin = i;
    const auto first = read_number(s, begin);
    if (!first) {
      while (i < s.size() && (utf8::is_digit(s[i]) || s[i] == '.' || s[i] == ',')) {
        ++i;
      }
      continue;
    }
    i = first->end;
    if (is_label(s, begin, first->end)) {
      continue;
    }

    // Built where it is kept: a quantity is a few hundred bytes to move. The one case that
    // turns out not to be a quantity takes it back.
    quantity& q = found.emplace_back();
    q.value = first->value;
    std::string_view unit;  // normalized; names a unit table entry, stored in q once kept
    std::optional<number> high;
    std::size_t end = first->end;
    // "30余家", "2000多家": more than the number, when a unit follows.
    bool more_than = false;
    std::size_t k = skip_spaces(s, end);
    for (const std::string_view approx : {std::string_view("余"), std::string_view("多")}) {
      if (k < s.size() && s[k] == approx.front() && starts_with_at(s, k, approx) &&
          match_unit(s, k + approx.size())) {
        more_than = true;
        end = k + approx.size();
        break;
      }
    }
    k = skip_spaces(s, end);
    if (const auto u = match_unit(s, k)) {
      unit = u->unit;
      end = k + u->written.size();
    }

    // A range: "2-3家", "10%-20%", "10-20年".
    k = skip_spaces(s, end);
    if (const auto mark = match_any(s, k, range_marks)) {
      const std::size_t second_begin = skip_spaces(s, k + mark->size());
      if (const auto second = read_number(s, second_begin);
          second && second->value >= q.value && !is_label(s, second_begin, second->end)) {
        std::size_t second_end = second->end;
        std::string_view second_unit;
        const std::size_t u_at = skip_spaces(s, second_end);
        if (const auto u = match_unit(s, u_at)) {
          second_unit = u->unit;
          second_end = u_at + u->written.size();
        }
        if (unit.empty() || second_unit.empty() || second_unit == unit) {
          q.high = second->value;
          high = second;
          if (unit.empty()) {
            unit = second_unit;
          }
          end = second_end;
        }
      }
    }

    const std::optional<comparator> suffix = match_suffix(s, end, unit);
    std::size_t text_begin = begin;
    const std::optional<comparator> prefix = match_prefix(s, text_begin);
    if (prefix) {
      q.op = *prefix;
    } else if (suffix) {
      q.op = *suffix;
    } else if (more_than) {
      q.op = comparator::greater;
    }
    // A bare four-digit number run into words, such as 2020 in "2020杰出工程师活动", names
    // an edition or a year, not an amount; a cell that is just "2000" is still a count.
    if (unit.empty() && q.op == comparator::none && !q.high && looks_like_year(*first) &&
        utf8::is_word_char(utf8::decode(s, end).cp)) {
      found.pop_back();
      i = end;
      continue;
    }
    if (unit == "%") {
      q.value = percent_of(*first);
      if (high) {
        q.high = percent_of(*high);
      }
    }
    q.unit = unit;
    // Appended to the empty string: assign() would first check for overlap with itself.
    q.text.append(s.substr(text_begin, end - text_begin));
    q.noun = noun_after(s, end);
    if (q.noun.empty()) {
      q.noun = noun_before(s, text_begin, previous_end);
    }
    previous_end = end;
    i = end;
  }
}

}  // namespace detail

std::string_view symbol(comparator c) {
  switch (c) {
    case comparator::none:
      return "";
    case comparator::equal:
      return "=";
    case comparator::at_least:
      return "≥";
    case comparator::greater:
      return ">";
    case comparator::at_most:
      return "≤";
    case comparator::less:
      return "<";
  }
  return "";
}

std::optional<decimal> unit_factor(std::string_view from, std::string_view to) {
  if (from == to || from.empty() || to.empty()) {
    return decimal::from_int(1);
  }
  const scaled_unit a = scale_of(from);
  const scaled_unit b = scale_of(to);
  if (a.base != b.base) {
    return std::nullopt;
  }
  return decimal::fraction(a.factor, b.factor);
}

quantity_matches match_quantities(const cell& actual, const cell& target) {
  const std::size_t n = target.quantities.size();
  const std::size_t count = actual.quantities.size();
  quantity_matches matches(n);
  // unit_factor(...).has_value() without building the factor: every pass asks it of every
  // pair, and nearly every pair has the same unit.
  const auto compatible = [&](std::size_t t, std::size_t a) {
    const std::string_view from = actual.quantities[a].unit;
    const std::string_view to = target.quantities[t].unit;
    return from == to || from.empty() || to.empty() || scale_of(from).base == scale_of(to).base;
  };
  // One target and one actual, as nearly every comparison has: the last pass takes any
  // compatible actual, so the nouns cannot change the answer.
  if (n == 1 && count == 1) {
    if (compatible(0, 0)) {
      matches[0] = 0;
    }
    return matches;
  }
  // Which actuals are taken. A cell holds one or two quantities, a few at most: their flags
  // live on the stack, so matching (once per comparison of two cells) allocates no more.
  bool few[16] = {};
  std::unique_ptr<bool[]> many;
  bool* used = few;
  if (count > std::size(few)) {
    many = std::make_unique<bool[]>(count);
    used = many.get();
  }
  const auto same_noun = [&](std::size_t t, std::size_t a) {
    return actual.quantities[a].noun == target.quantities[t].noun;
  };
  const auto related_noun = [&](std::size_t t, std::size_t a) {
    const std::string& x = target.quantities[t].noun;
    const std::string& y = actual.quantities[a].noun;
    return !x.empty() && !y.empty() &&
           (x.find(y) != std::string::npos || y.find(x) != std::string::npos);
  };
  const auto any = [](std::size_t, std::size_t) { return true; };
  // Each pass settles the targets it can before a weaker pass may take their actuals, so a
  // vague noun never steals the actual that another target names exactly.
  const auto pass = [&](const auto& accept) {
    for (std::size_t t = 0; t < n; ++t) {
      if (matches[t]) {
        continue;
      }
      for (std::size_t a = 0; a < count; ++a) {
        if (!used[a] && compatible(t, a) && accept(t, a)) {
          matches[t] = a;
          used[a] = true;
          break;
        }
      }
    }
  };
  pass(same_noun);
  pass(related_noun);
  pass(any);
  return matches;
}

}  // namespace jixiao::values
