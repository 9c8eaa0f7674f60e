// Dates and deadlines in cells: "2021年10月前", "12月底", "2021年11月15日前", "第二季度",
// "2022年下半年", "2021年4-9月", "2021年10月至今", "2021-10-15". Month precision, day when
// written; a month without a year takes the year last written in the cell, else the form's.
// Chinese numerals for months ("十二月") are not read: the seeds always write digits.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "stdlib/utf8.hpp"
#include "stdlib/values.hpp"
#include "stdlib/values_detail.hpp"

namespace jixiao::values {

namespace {

using utf8::starts_with_at;

struct period {
  int first_month = 0;
  int last_month = 0;
  int day = 0;
};

// Range separators between two months: "4-9月", "10月-12月", "1月至3月".
constexpr auto range_marks = std::to_array<std::string_view>({
    "-", "－", "—", "–", "~", "～", "至", "到",
});

// Words after a date that belong to it: "前" makes it a deadline, "底"/"末" name the end
// of the month; they are kept in the date's text so they never reach a noun.
constexpr auto deadline_marks = std::to_array<std::string_view>({"之前", "以前", "前"});
constexpr auto month_suffixes = std::to_array<std::string_view>({
    "底", "末", "初", "上旬", "中旬", "下旬",
});

// The prefix of `words` found at `i`, if any; the list is ordered so longer words win.
template <std::size_t n>
std::optional<std::string_view> match_any(std::string_view s, std::size_t i,
                                          const std::array<std::string_view, n>& words) {
  for (const std::string_view w : words) {
    if (starts_with_at(s, i, w)) {
      return w;
    }
  }
  return std::nullopt;
}

// Reads 1 to `max_len` ASCII digits at `i`.
std::optional<int> read_int(std::string_view s, std::size_t& i, std::size_t max_len) {
  std::size_t j = i;
  int v = 0;
  while (j < s.size() && utf8::is_digit(s[j])) {
    if (j - i == max_len) {
      return std::nullopt;
    }
    v = v * 10 + (s[j] - '0');
    ++j;
  }
  if (j == i) {
    return std::nullopt;
  }
  i = j;
  return v;
}

bool is_year(int digits, int v) {
  return digits == 4 && v >= 1900 && v <= 2100;
}

// "二季度", "4季度", with or without "第" in front.
std::optional<int> read_quarter(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  if (starts_with_at(s, j, "第")) {
    j += std::string_view("第").size();
  }
  // Every quarter is one digit (1 byte) or one numeral (3 bytes) before 季度; the dates reader
  // tries this at every character of a cell, so 季度 is looked for first.
  if (!starts_with_at(s, j + 1, "季度") && !starts_with_at(s, j + 3, "季度")) {
    return std::nullopt;
  }
  constexpr auto names =
      std::to_array<std::string_view>({"一", "二", "三", "四", "1", "2", "3", "4"});
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (starts_with_at(s, j, names[k]) &&
        starts_with_at(s, j + names[k].size(), "季度")) {
      i = j + names[k].size() + std::string_view("季度").size();
      return static_cast<int>(k % 4) + 1;
    }
  }
  return std::nullopt;
}

std::optional<period> read_half(std::string_view s, std::size_t& i) {
  for (const auto& [word, first] : {std::pair{std::string_view("上半年"), 1},
                                    std::pair{std::string_view("下半年"), 7}}) {
    if (starts_with_at(s, i, word)) {
      i += word.size();
      if (starts_with_at(s, i, "度")) {
        i += std::string_view("度").size();
      }
      return period{first, first + 5, 0};
    }
  }
  return std::nullopt;
}

// A day after "M月": "15日", "15号".
int read_day(std::string_view s, std::size_t& i) {
  std::size_t j = utf8::skip_spaces(s, i);
  const auto d = read_int(s, j, 2);
  if (!d || *d < 1 || *d > 31) {
    return 0;
  }
  j = utf8::skip_spaces(s, j);
  for (const std::string_view mark : {std::string_view("日"), std::string_view("号")}) {
    if (starts_with_at(s, j, mark)) {
      i = j + mark.size();
      return *d;
    }
  }
  return 0;
}

std::optional<int> read_month(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  const auto m = read_int(s, j, 2);
  if (!m || *m < 1 || *m > 12) {
    return std::nullopt;
  }
  j = utf8::skip_spaces(s, j);
  if (!starts_with_at(s, j, "月")) {
    return std::nullopt;
  }
  i = j + std::string_view("月").size();
  return m;
}

// "M月[D日]", "M月-M2月", "M-M2月", "M月至今", starting at a digit. `year` is the year the
// month belongs to; a continuation that names another year is left for the next date.
std::optional<period> read_months(std::string_view s, std::size_t& i, int year) {
  std::size_t j = i;
  period p;
  if (const auto m = read_month(s, j)) {
    p.first_month = p.last_month = *m;
    p.day = read_day(s, j);
  } else {
    // "4-9月": the range is written inside one month word.
    const auto m1 = read_int(s, j, 2);
    j = utf8::skip_spaces(s, j);
    const auto mark = match_any(s, j, range_marks);
    if (!m1 || !mark) {
      return std::nullopt;
    }
    j = utf8::skip_spaces(s, j + mark->size());
    const auto m2 = read_month(s, j);
    if (*m1 < 1 || !m2 || *m2 < *m1) {
      return std::nullopt;
    }
    p.first_month = *m1;
    p.last_month = *m2;
    p.day = read_day(s, j);
  }
  if (const auto suffix = match_any(s, j, month_suffixes)) {
    j += suffix->size();
  }

  std::size_t k = utf8::skip_spaces(s, j);
  if (const auto mark = match_any(s, k, range_marks)) {
    k = utf8::skip_spaces(s, k + mark->size());
    if (*mark == "至" && starts_with_at(s, k, "今")) {
      // "10月至今": still going on; the period is what was written.
      j = k + std::string_view("今").size();
    } else {
      std::size_t m = k;
      bool same_year = true;
      std::size_t y = m;
      if (const auto y2 = read_int(s, y, 4); y2 && y - m == 4) {
        const std::size_t after = utf8::skip_spaces(s, y);
        if (starts_with_at(s, after, "年")) {
          same_year = *y2 == year;
          m = utf8::skip_spaces(s, after + std::string_view("年").size());
        }
      }
      if (same_year) {
        if (const auto m2 = read_month(s, m); m2 && *m2 >= p.first_month) {
          p.last_month = *m2;
          p.day = read_day(s, m);
          if (const auto suffix = match_any(s, m, month_suffixes)) {
            m += suffix->size();
          }
          j = m;
        }
      }
    }
  }
  if (starts_with_at(s, j, "份")) {
    j += std::string_view("份").size();
  }
  i = j;
  return p;
}

// What follows "YYYY年": a quarter, a half, "底", months, or nothing (the whole year).
period read_after_year(std::string_view s, std::size_t& i, int year) {
  std::size_t j = utf8::skip_spaces(s, i);
  if (starts_with_at(s, j, "度")) {
    i = j + std::string_view("度").size();
    return {1, 12, 0};
  }
  if (const auto q = read_quarter(s, j)) {
    i = j;
    return {*q * 3 - 2, *q * 3, 0};
  }
  if (const auto h = read_half(s, j)) {
    i = j;
    return *h;
  }
  for (const std::string_view end : {std::string_view("底"), std::string_view("末")}) {
    if (starts_with_at(s, j, end)) {
      i = j + end.size();
      return {12, 12, 0};
    }
  }
  if (j < s.size() && utf8::is_digit(s[j])) {
    if (const auto p = read_months(s, j, year)) {
      i = j;
      return *p;
    }
  }
  return {1, 12, 0};
}

// "2021-10-15", "2021/10", "2021.10.15": numeric dates. A dot needs the day as well, since
// "2021.10" alone reads as a number.
std::optional<period> read_numeric_date(std::string_view s, std::size_t& i) {
  if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) {
    return std::nullopt;
  }
  const char sep = s[i];
  std::size_t j = i + 1;
  const auto m = read_int(s, j, 2);
  if (!m || *m < 1 || *m > 12) {
    return std::nullopt;
  }
  period p{*m, *m, 0};
  if (j < s.size() && s[j] == sep) {
    std::size_t k = j + 1;
    const auto d = read_int(s, k, 2);
    if (d && *d >= 1 && *d <= 31 && (k == s.size() || !utf8::is_digit(s[k]))) {
      p.day = *d;
      j = k;
    }
  }
  if ((sep == '.' && p.day == 0) || (j < s.size() && (utf8::is_digit(s[j]) || s[j] == '.'))) {
    return std::nullopt;
  }
  i = j;
  return p;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// Every date names a year (年), a month (月), a quarter (季度) or a half year (半年), or is
// numeric with a four-digit year before its separator ("2021-10", "2021/10", "2021.10.15").
// Most cells hold none of these ("60期", "≥90%", "227.91万元", "合规"), and one pass over
// the bytes spares them the scanner, which tries every reader at every character.
bool may_hold_date(std::string_view s) {
  std::size_t digits = 0;  // the run of digits just before byte i
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (utf8::is_digit(s[i])) {
      ++digits;
      continue;
    }
    if (digits == 4 && (b == '-' || b == '/' || b == '.')) {
      return true;
    }
    digits = 0;
    // 年 E5 B9 B4, 季 E5 AD A3, 半 E5 8D 8A, 月 E6 9C 88.
    if ((b == 0xE5 || b == 0xE6) && i + 2 < s.size()) {
      const std::string_view c = s.substr(i, 3);
      if (c == "年" || c == "季" || c == "半" || c == "月") {
        return true;
      }
    }
    // A continuation byte is no digit, mark or lead byte, and the run of digits is already
    // broken: the bytes of a character after its first are passed at once.
    if (b >= 0xC0) {
      while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
        ++i;
      }
    }
  }
  return false;
}

class date_scanner {
public:
  date_scanner(std::string_view text, int form_year) : m_text(text), m_form_year(form_year) {}

  std::vector<detail::found_date> run() {
    std::size_t i = 0;
    while (i < m_text.size()) {
      i = step(i);
    }
    return std::move(m_found);
  }

  // Whether the form's year was consulted: only then can another year read the text otherwise.
  bool used_form_year() const { return m_used_form_year; }

private:
  // Every use of the form's year passes through here (a month's year, and so whether a day
  // exists in it), which makes the flag exact.
  int year_in_context() {
    if (m_recent_year != 0) {
      return m_recent_year;
    }
    m_used_form_year = true;
    return m_form_year;
  }

  void add(std::size_t begin, std::size_t end, int year, const period& p) {
    // "2021年2月30日" names no day: it is not a date, and its figures are read as what they
    // are (numbers), as for "2021年13月". Reading it at month precision would hide the typo.
    if (p.day > days_in_month(year, p.last_month)) {
      m_next = end;
      return;
    }
    // The deadline mark belongs to the date: "2021年10月前".
    const std::size_t k = utf8::skip_spaces(m_text, end);
    if (const auto mark = match_any(m_text, k, deadline_marks)) {
      end = k + mark->size();
    }
    detail::found_date f;
    f.value.year = year;
    f.value.first_month = p.first_month;
    f.value.last_month = p.last_month;
    f.value.day = p.day;
    f.value.text = std::string(m_text.substr(begin, end - begin));
    f.begin = begin;
    f.end = end;
    m_found.push_back(std::move(f));
    m_next = end;
  }

  // Reads a date starting at `i` if there is one; returns where scanning continues.
  std::size_t step(std::size_t i) {
    const std::string_view s = m_text;
    if (utf8::is_digit(s[i])) {
      // Only whole numbers start dates: the "21" of "2021" never does, nor the decimals of
      // "3.12"; a year after a list marker does ("4.2021年度开展").
      if (i > 0 && utf8::is_digit(s[i - 1])) {
        return i + 1;
      }
      const bool after_point = i > 0 && s[i - 1] == '.';
      std::size_t j = i;
      const auto v = read_int(s, j, 9);
      if (!v) {
        while (j < s.size() && utf8::is_digit(s[j])) {
          ++j;
        }
        return j;
      }
      if (after_point) {
        const std::size_t k = utf8::skip_spaces(s, j);
        if (is_year(static_cast<int>(j - i), *v) && starts_with_at(s, k, "年")) {
          std::size_t end = k + std::string_view("年").size();
          const period p = read_after_year(s, end, *v);
          m_recent_year = *v;
          add(i, end, *v, p);
          return m_next;
        }
        return j;
      }
      if (is_year(static_cast<int>(j - i), *v)) {
        const std::size_t k = utf8::skip_spaces(s, j);
        if (starts_with_at(s, k, "年")) {
          std::size_t end = k + std::string_view("年").size();
          const period p = read_after_year(s, end, *v);
          m_recent_year = *v;
          add(i, end, *v, p);
          return m_next;
        }
        std::size_t end = j;
        if (const auto p = read_numeric_date(s, end)) {
          m_recent_year = *v;
          add(i, end, *v, *p);
          return m_next;
        }
      }
      std::size_t end = i;
      if (j - i <= 2) {
        if (const auto p = read_months(s, end, year_in_context())) {
          add(i, end, year_in_context(), *p);
          return m_next;
        }
      }
      return j;
    }
    // Away from digits a date starts with 第 or a numeral (quarters), 上/下 (halves) or 年
    // (年底, 年末); their UTF-8 all lead with E4, E5 or E7, and most characters do not.
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead != 0xE4 && lead != 0xE5 && lead != 0xE7) {
      return i + std::max<std::size_t>(utf8::decode(s, i).size, 1);
    }
    std::size_t end = i;
    if (const auto q = read_quarter(s, end)) {
      add(i, end, year_in_context(), {*q * 3 - 2, *q * 3, 0});
      return m_next;
    }
    if (const auto h = read_half(s, end)) {
      add(i, end, year_in_context(), *h);
      return m_next;
    }
    for (const std::string_view word : {std::string_view("年底"), std::string_view("年末")}) {
      if (starts_with_at(s, i, word)) {
        add(i, i + word.size(), year_in_context(), {12, 12, 0});
        return m_next;
      }
    }
    return i + std::max<std::size_t>(utf8::decode(s, i).size, 1);
  }

  std::string_view m_text;
  int m_form_year;
  int m_recent_year = 0;
  bool m_used_form_year = false;
  std::size_t m_next = 0;
  std::vector<detail::found_date> m_found;
};

int month_index(const date_value& d) {
  return d.year * 12 + d.last_month;
}

// A month written without a day means the whole month, so it ends after any day in it:
// "12月底" is later than "12月15日".
int day_key(const date_value& d) {
  return d.day == 0 ? 32 : d.day;
}

}  // namespace

namespace detail {

std::vector<found_date> find_dates(std::string_view text, int form_year, bool& used_form_year) {
  if (!may_hold_date(text)) {
    return {};
  }
  date_scanner scanner(text, form_year);
  std::vector<found_date> found = scanner.run();
  used_form_year = used_form_year || scanner.used_form_year();
  return found;
}

}  // namespace detail

std::optional<date_value> cell::latest_date() const {
  std::optional<date_value> latest;
  for (const date_value& d : dates) {
    if (!latest || month_index(d) > month_index(*latest) ||
        (month_index(d) == month_index(*latest) && day_key(d) > day_key(*latest))) {
      latest = d;
    }
  }
  return latest;
}

int months_late(const date_value& actual, const date_value& deadline) {
  return std::max(0, month_index(actual) - month_index(deadline));
}

}  // namespace jixiao::values
