#include "stdlib/decimal.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <limits>
#include <utility>

#include <fmt/format.h>

namespace jixiao {

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr i128 i128_max = static_cast<i128>(~static_cast<u128>(0) >> 1);
constexpr i128 i128_min = -i128_max - 1;

// Parsed numbers keep at most this many significant digits and decimals: 10^30 leaves room
// below 2^127 (about 1.7 × 10^38) for a few multiplications before reduction.
constexpr int max_digits = 30;

// 10^0 .. 10^38, the powers that fit in a signed 128-bit integer.
constexpr int max_pow10 = 38;

constexpr i128 pow10(int n) {
  i128 r = 1;
  for (int i = 0; i < n; ++i) {
    r *= 10;
  }
  return r;
}

// 10^0 .. 10^19, the powers that fit in 64 bits.
constexpr std::uint64_t pow10_u64[] = {1ULL,
                                       10ULL,
                                       100ULL,
                                       1000ULL,
                                       10000ULL,
                                       100000ULL,
                                       1000000ULL,
                                       10000000ULL,
                                       100000000ULL,
                                       1000000000ULL,
                                       10000000000ULL,
                                       100000000000ULL,
                                       1000000000000ULL,
                                       10000000000000ULL,
                                       100000000000000ULL,
                                       1000000000000000ULL,
                                       10000000000000000ULL,
                                       100000000000000000ULL,
                                       1000000000000000000ULL,
                                       10000000000000000000ULL};

int ctz(u128 x) {
  const auto lo = static_cast<std::uint64_t>(x);
  if (lo != 0) {
    return __builtin_ctzll(lo);
  }
  return 64 + __builtin_ctzll(static_cast<std::uint64_t>(x >> 64));
}

// Binary gcd: 128-bit division is a library call, shifts and subtractions are not. The
// 64-bit loop is written with min and a difference so that it compiles to conditional
// moves; a data-dependent branch there mispredicts about every other step. Inlined into the
// operators: as a call it made them keep their operands in saved registers around it
// (replaying the 2,000-form run's operations: 1.1 M instructions fewer inlined).
[[gnu::always_inline]] inline std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  // Denominators are small (5, 100, 3) and numerators often are not: the binary loop below
  // takes a step per bit of difference, where one remainder brings the larger operand below
  // the smaller and often finishes (12345 and 5). 32-bit division is the faster instruction.
  if (a < b) {
    std::swap(a, b);
  }
  // gcd(a, 0) = a, and a whole number's denominator of 1 shares nothing.
  if (b <= 1) {
    return b == 0 ? a : 1;
  }
  a = ((a | b) >> 32) == 0 ? static_cast<std::uint32_t>(a) % static_cast<std::uint32_t>(b) : a % b;
  if (a == 0) {
    return b;
  }
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  while (b != 0) {
    b >>= __builtin_ctzll(b);
    const std::uint64_t low = std::min(a, b);
    b = std::max(a, b) - low;
    a = low;
  }
  return a << shift;
}

u128 gcd(u128 a, u128 b) {
  if ((a >> 64) == 0 && (b >> 64) == 0) {
    return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
  }
  if (a == 0) {
    return b;
  }
  if (b == 0) {
    return a;
  }
  const int shift = ctz(a | b);
  a >>= ctz(a);
  do {
    b >>= ctz(b);
    if (a > b) {
      std::swap(a, b);
    }
    b -= a;
  } while (b != 0);
  return a << shift;
}

// 128-bit division is a library call several times slower than the 64-bit instruction;
// the numbers on forms almost always fit in 64 bits, so divide there when they do. Every
// divisor here is positive (a denominator or a gcd), which also rules out INT64_MIN / -1.
// A 128-bit value fits when its high half only repeats the sign of its low half: one
// comparison, where two range checks on 128-bit values compile to a branchy sequence that
// cost more than the 64-bit arithmetic it selects.
std::uint64_t excess_bits(i128 v) {
  const auto low = static_cast<std::uint64_t>(v);
  const auto high = static_cast<std::uint64_t>(static_cast<u128>(v) >> 64);
  return high ^ static_cast<std::uint64_t>(static_cast<std::int64_t>(low) >> 63);
}

bool fits64(i128 v) {
  return excess_bits(v) == 0;
}

bool fits64(i128 a, i128 b) {
  return fits64(a) && b > 0 && b <= std::numeric_limits<std::int64_t>::max();
}

i128 quot(i128 a, i128 b) {
  if (fits64(a, b)) {
    return static_cast<std::int64_t>(a) / static_cast<std::int64_t>(b);
  }
  return a / b;
}

i128 rem(i128 a, i128 b) {
  if (fits64(a, b)) {
    return static_cast<std::int64_t>(a) % static_cast<std::int64_t>(b);
  }
  return a % b;
}

u128 magnitude(i128 v) {
  return v < 0 ? static_cast<u128>(0) - static_cast<u128>(v) : static_cast<u128>(v);
}

std::uint64_t magnitude64(std::int64_t v) {
  return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

// Both operands valid and both parts of each within 64 bits, as for nearly every number on a
// form: then a product of two parts cannot overflow 128 bits and the general checks can be
// left out. One test for the four parts: a numerator fits when its high half repeats the
// sign of its low half, a denominator (0 when invalid) when it lies in 1 .. 2^63 - 1, that
// is, its high half is 0 and neither its low half nor that minus 1 reaches 2^63.
bool all_fit64(i128 a_num, i128 a_den, i128 b_num, i128 b_den) {
  const auto den_excess = [](i128 d) {
    const auto low = static_cast<std::uint64_t>(d);
    return static_cast<std::uint64_t>(static_cast<u128>(d) >> 64) | ((low | (low - 1)) >> 63);
  };
  return (excess_bits(a_num) | excess_bits(b_num) | den_excess(a_den) | den_excess(b_den)) == 0;
}

// The exact product of two 64-bit integers. Nearly every product of figures on a form fits
// in 64 bits, and there one multiplication and an overflow test do; GCC builds the general
// 128-bit product (three multiplications) whenever the operands' sign extensions are shared
// between branches, as they are in the operators below.
i128 product(std::int64_t a, std::int64_t b) {
  std::int64_t p = 0;
  if (!__builtin_mul_overflow(a, b, &p)) {
    return p;
  }
  return static_cast<i128>(a) * b;
}

// The same for a sum of two products, a·b + c·d, each below 2^126 in magnitude.
i128 product_sum(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
  std::int64_t p = 0;
  std::int64_t q = 0;
  std::int64_t s = 0;
  if (!__builtin_mul_overflow(a, b, &p) && !__builtin_mul_overflow(c, d, &q) && !__builtin_add_overflow(p, q, &s)) {
    return s;
  }
  return static_cast<i128>(a) * b + static_cast<i128>(c) * d;
}

bool mul_overflows(i128 a, i128 b, i128& out) {
  // Two 64-bit factors cannot overflow 128 bits, and their product is one instruction
  // where the general overflow check is a long sequence.
  if (fits64(a) && fits64(b)) {
    out = static_cast<i128>(static_cast<std::int64_t>(a)) * static_cast<std::int64_t>(b);
    return false;
  }
  return __builtin_mul_overflow(a, b, &out);
}

bool add_overflows(i128 a, i128 b, i128& out) {
  return __builtin_add_overflow(a, b, &out);
}

// Division rounding towards negative infinity; d > 0.
i128 floor_div(i128 n, i128 d) {
  i128 q = quot(n, d);
  if (n < 0 && rem(n, d) != 0) {
    --q;
  }
  return q;
}

// Exact comparison of an/ad with bn/bd (an, bn >= 0; ad, bd > 0) that cannot overflow:
// compares the integer parts, then the fractional parts by comparing their reciprocals (a
// continued fraction expansion). Only used when cross-multiplying would overflow.
int compare_exact(i128 an, i128 ad, i128 bn, i128 bd) {
  for (int flip = 1;; flip = -flip) {
    const i128 qa = quot(an, ad);
    const i128 qb = quot(bn, bd);
    if (qa != qb) {
      return qa < qb ? -flip : flip;
    }
    const i128 ra = an - qa * ad;  // 0 <= ra < ad
    const i128 rb = bn - qb * bd;
    if (ra == 0 || rb == 0) {
      if (ra == rb) {
        return 0;
      }
      return ra == 0 ? -flip : flip;
    }
    // ra/ad < rb/bd exactly when ad/ra > bd/rb, so the next round compares the
    // reciprocals with the result flipped.
    const i128 next_an = ad;
    const i128 next_bn = bd;
    an = next_an;
    ad = ra;
    bn = next_bn;
    bd = rb;
  }
}

std::string digits_of(u128 v) {
  if ((v >> 64) == 0) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, static_cast<std::uint64_t>(v));
    return std::string(buf, res.ptr);
  }
  std::string out;
  while (v != 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

decimal decimal::make(int128 num, int128 den) {
  decimal d;
  // The most negative value has no positive counterpart; refusing it keeps negation and
  // abs() overflow-free everywhere else.
  if (den == 0 || num == i128_min || den == i128_min) {
    return invalid();
  }
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (den != 1) {
    if (num == 0) {
      den = 1;
    } else {
      const auto g = static_cast<i128>(gcd(magnitude(num), static_cast<u128>(den)));
      if (g != 1) {
        num = quot(num, g);
        den = quot(den, g);
      }
    }
  }
  d.m_num = num;
  d.m_den = den;
  return d;
}

decimal decimal::from_int(std::int64_t v) {
  decimal d;
  d.m_num = v;
  return d;
}

decimal decimal::fraction(std::int64_t num, std::int64_t den) {
  return make(num, den);
}

decimal decimal::from_digits(std::int64_t digits, int places) {
  if (places < 0 || places > max_pow10) {
    return invalid();
  }
  // Through unsigned arithmetic, so that the most negative digits have a magnitude too.
  const std::uint64_t m = digits < 0 ? 0 - static_cast<std::uint64_t>(digits) : static_cast<std::uint64_t>(digits);
  return over_power_of_ten(digits < 0, m, places);
}

decimal decimal::over_power_of_ten(bool negative, std::uint64_t magnitude, int places) {
  // 5^0 .. 5^38: with the power of two beside it, each denominator 10^k strips down to.
  static constexpr auto pow5 = [] {
    std::array<i128, max_pow10 + 1> p{};
    p[0] = 1;
    for (std::size_t k = 1; k < p.size(); ++k) {
      p[k] = p[k - 1] * 5;
    }
    return p;
  }();
  decimal d;
  if (magnitude == 0 || places == 0) {
    d.m_num = negative ? -static_cast<i128>(magnitude) : static_cast<i128>(magnitude);
    return d;
  }
  // The denominator is 10^places, so the only common factors are 2s and 5s: their gcd with
  // the numerator is 2^min(twos, places) × 5^min(fives, places).
  const int twos = std::min(__builtin_ctzll(magnitude), places);
  magnitude >>= twos;
  int fives = places;
  while (fives > 0 && magnitude % 5 == 0) {
    magnitude /= 5;
    --fives;
  }
  d.m_num = negative ? -static_cast<i128>(magnitude) : static_cast<i128>(magnitude);
  d.m_den = pow5[static_cast<std::size_t>(fives)] << (places - twos);
  return d;
}

decimal decimal::invalid() {
  decimal d;
  d.m_den = 0;
  return d;
}

expected<decimal, std::string> decimal::parse(std::string_view text) {
  const auto fail = [&] {
    return unexpected(fmt::format("expected a decimal number, got \"{}\"", text));
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  const std::size_t int_begin = i;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  std::string_view int_part = text.substr(int_begin, i - int_begin);
  if (int_part.empty()) {
    return fail();
  }
  std::string_view frac_part;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_begin = ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    frac_part = text.substr(frac_begin, i - frac_begin);
    if (frac_part.empty()) {
      return fail();
    }
  }
  if (i != text.size()) {
    return fail();
  }

  // Zeros that do not change the value do not count against the digit limit:
  // "498.000000" has three significant digits and no decimals.
  while (int_part.size() > 1 && int_part.front() == '0') {
    int_part.remove_prefix(1);
  }
  while (!frac_part.empty() && frac_part.back() == '0') {
    frac_part.remove_suffix(1);
  }
  if (static_cast<int>(frac_part.size()) > max_digits) {
    return unexpected(
        fmt::format("number too precise: \"{}\" has more than {} decimals", text, max_digits));
  }
  std::size_t significant = int_part == "0" ? 0 : int_part.size();
  if (significant == 0) {
    const auto first = frac_part.find_first_not_of('0');
    significant = first == std::string_view::npos ? 0 : frac_part.size() - first;
  } else {
    significant += frac_part.size();
  }
  if (static_cast<int>(significant) > max_digits) {
    return unexpected(fmt::format(
        "number too large: \"{}\" has more than {} significant digits", text, max_digits));
  }

  i128 num = 0;
  for (const char c : int_part) {
    num = num * 10 + (c - '0');
  }
  for (const char c : frac_part) {
    num = num * 10 + (c - '0');
  }
  if (negative) {
    num = -num;
  }
  decimal d;
  if (frac_part.empty() || num == 0) {
    d.m_num = num;
    return d;
  }
  // The denominator is 10^k, so the only common factors are 2s and 5s: stripping them is
  // cheaper than a gcd.
  const auto k = static_cast<int>(frac_part.size());
  const u128 mag = magnitude(num);
  if ((mag >> 64) != 0) {
    return make(num, pow10(k));
  }
  return over_power_of_ten(negative, static_cast<std::uint64_t>(mag), k);
}

int decimal::sign() const {
  if (!valid()) {
    return 0;
  }
  return m_num < 0 ? -1 : (m_num > 0 ? 1 : 0);
}

decimal operator+(const decimal& a, const decimal& b) {
  // Figures on forms fit in 64 bits; the rest (and invalid operands) goes out of line, so
  // that this path saves and restores no more registers than it uses.
  if (!all_fit64(a.m_num, a.m_den, b.m_num, b.m_den)) {
    return decimal::add_wide(a, b);
  }
  const auto an = static_cast<std::int64_t>(a.m_num);
  const auto bn = static_cast<std::int64_t>(b.m_num);
  const auto ad = static_cast<std::uint64_t>(a.m_den);
  const auto bd = static_cast<std::uint64_t>(b.m_den);
  decimal r;
  if (ad == 1 || bd == 1) {
    // A whole number plus a fraction, the usual step of a total: n + p/q = (n·q + p)/q, and
    // gcd(n·q + p, q) = gcd(p, q) = 1, so the sum is reduced as it stands. The parts are
    // below 2^63, so n·q + p is below 2^127. Two whole numbers take the same path with q = 1.
    const bool a_whole = ad == 1;
    const std::int64_t whole = a_whole ? an : bn;
    const std::int64_t part = a_whole ? bn : an;
    const auto den = static_cast<std::int64_t>(a_whole ? bd : ad);
    r.m_num = product_sum(whole, den, part, 1);
    r.m_den = den;
    return r;
  }
  return decimal::add_fractions(a, b);
}

decimal decimal::add_fractions(const decimal& a, const decimal& b) {
  const auto an = static_cast<std::int64_t>(a.m_num);
  const auto bn = static_cast<std::int64_t>(b.m_num);
  const auto ad = static_cast<std::uint64_t>(a.m_den);
  const auto bd = static_cast<std::uint64_t>(b.m_den);
  decimal r;
  if (ad == bd) {
    // Figures with the same decimals, or two shares of one group: (p + q)/d, reduced by what
    // p + q shares with d. The sum of two numerators of 64 bits has a magnitude of 64 bits,
    // except -2^63 - 2^63, which make() reduces in 128 bits.
    const i128 num = static_cast<i128>(an) + bn;
    if (num == 0) {
      return r;
    }
    if ((magnitude(num) >> 64) != 0) {
      return make(num, static_cast<i128>(ad));
    }
    const auto size = static_cast<std::uint64_t>(magnitude(num));
    const std::uint64_t common = gcd64(size, ad);
    if (common == 1) {
      r.m_num = num;
      r.m_den = static_cast<std::int64_t>(ad);
      return r;
    }
    // Divided as a 64-bit magnitude: the sum itself may not fit a signed 64-bit integer.
    const auto reduced = static_cast<i128>(size / common);
    r.m_num = num < 0 ? -reduced : reduced;
    r.m_den = static_cast<std::int64_t>(ad / common);
    return r;
  }
  // Scaling by the lcm rather than the product keeps the intermediates small. Each product
  // is below 2^126 in magnitude, so neither they nor their sum overflow.
  const std::uint64_t g = gcd64(ad, bd);
  const auto a_scale = static_cast<std::int64_t>(g == 1 ? bd : bd / g);
  const auto b_scale = static_cast<std::int64_t>(g == 1 ? ad : ad / g);
  i128 num = product_sum(an, a_scale, bn, b_scale);
  i128 den = product(static_cast<std::int64_t>(ad), a_scale);
  // Both sides are reduced, so the sum's numerator shares no factor with a_scale or b_scale
  // (Knuth, TAOCP 4.5.1): only g can divide it, and a smaller gcd is enough. When the
  // denominators are coprime (1/4 + 1/5) the sum is already reduced.
  if (num == 0) {
    den = 1;
  } else if (g != 1) {
    const u128 size = magnitude(num);
    const std::uint64_t common = (size >> 64) == 0 ? gcd64(static_cast<std::uint64_t>(size), g)
                                                   : static_cast<std::uint64_t>(gcd(size, g));
    if (common != 1) {
      num = quot(num, static_cast<i128>(common));
      den = quot(den, static_cast<i128>(common));
    }
  }
  r.m_num = num;
  r.m_den = den;
  return r;
}

decimal decimal::add_wide(const decimal& a, const decimal& b) {
  if (!a.valid() || !b.valid()) {
    return invalid();
  }
  i128 num = 0;
  if (a.m_den == b.m_den) {
    if (add_overflows(a.m_num, b.m_num, num)) {
      return invalid();
    }
    return make(num, a.m_den);
  }
  const auto g = static_cast<i128>(gcd(static_cast<u128>(a.m_den), static_cast<u128>(b.m_den)));
  const i128 a_scale = quot(b.m_den, g);
  const i128 b_scale = quot(a.m_den, g);
  i128 an = 0;
  i128 bn = 0;
  i128 den = 0;
  if (mul_overflows(a.m_num, a_scale, an) || mul_overflows(b.m_num, b_scale, bn) ||
      add_overflows(an, bn, num) || mul_overflows(a.m_den, a_scale, den) || num == i128_min) {
    return invalid();
  }
  // As in operator+: only g can share a factor with the sum's numerator.
  if (num == 0) {
    den = 1;
  } else if (g != 1) {
    const auto common = static_cast<i128>(gcd(magnitude(num), static_cast<u128>(g)));
    if (common != 1) {
      num = quot(num, common);
      den = quot(den, common);
    }
  }
  decimal r;
  r.m_num = num;
  r.m_den = den;
  return r;
}

decimal operator-(const decimal& a, const decimal& b) {
  return a + (-b);
}

namespace {

struct fraction_parts {
  i128 num = 0;
  i128 den = 1;
};

// an/ad × bn/bd for reduced operands whose parts fit in 64 bits (denominators 1 .. 2^63 - 1),
// reduced. Cross-reducing before multiplying keeps the result reduced and avoids overflows
// that the reduced result would not have. A whole number's denominator of 1 shares nothing,
// and a weight times a band's fraction is the usual case. Every reduced part is below 2^63,
// so the products are below 2^126: no overflow. Two whole numbers take this path too.
[[gnu::always_inline]] inline fraction_parts product64(std::int64_t an, std::uint64_t ad, std::int64_t bn,
                                                       std::uint64_t bd) {
  fraction_parts r;
  if (an == 0 || bn == 0) {
    return r;
  }
  // A division is dozens of cycles; a factor of 1 needs none.
  if (bd != 1) {
    if (const std::uint64_t g = gcd64(magnitude64(an), bd); g != 1) {
      an /= static_cast<std::int64_t>(g);
      bd /= g;
    }
  }
  if (ad != 1) {
    if (const std::uint64_t g = gcd64(magnitude64(bn), ad); g != 1) {
      bn /= static_cast<std::int64_t>(g);
      ad /= g;
    }
  }
  r.num = product(an, bn);
  r.den = static_cast<i128>(static_cast<u128>(ad) * bd);
  return r;
}

}  // namespace

decimal operator*(const decimal& a, const decimal& b) {
  if (!all_fit64(a.m_num, a.m_den, b.m_num, b.m_den)) {
    return decimal::multiply_wide(a, b);
  }
  const fraction_parts p = product64(static_cast<std::int64_t>(a.m_num), static_cast<std::uint64_t>(a.m_den),
                                     static_cast<std::int64_t>(b.m_num), static_cast<std::uint64_t>(b.m_den));
  decimal r;
  r.m_num = p.num;
  r.m_den = p.den;
  return r;
}

decimal decimal::multiply_wide(const decimal& a, const decimal& b) {
  if (!a.valid() || !b.valid()) {
    return invalid();
  }
  decimal r;
  if (a.m_num == 0 || b.m_num == 0) {
    return r;
  }
  if (a.m_den == 1 && b.m_den == 1) {
    if (mul_overflows(a.m_num, b.m_num, r.m_num)) {
      return invalid();
    }
    return r;
  }
  const auto g1 =
      b.m_den == 1 ? i128{1} : static_cast<i128>(gcd(magnitude(a.m_num), static_cast<u128>(b.m_den)));
  const auto g2 =
      a.m_den == 1 ? i128{1} : static_cast<i128>(gcd(magnitude(b.m_num), static_cast<u128>(a.m_den)));
  const i128 an = g1 == 1 ? a.m_num : quot(a.m_num, g1);
  const i128 bn = g2 == 1 ? b.m_num : quot(b.m_num, g2);
  const i128 ad = g2 == 1 ? a.m_den : quot(a.m_den, g2);
  const i128 bd = g1 == 1 ? b.m_den : quot(b.m_den, g1);
  if (mul_overflows(an, bn, r.m_num) || mul_overflows(ad, bd, r.m_den) || r.m_num == i128_min) {
    return invalid();
  }
  return r;
}

decimal operator/(const decimal& a, const decimal& b) {
  // Dividing by b is multiplying by its reciprocal, which is reduced as b is: only the sign
  // moves. Its parts fit in 64 bits when b's do, except a numerator of -2^63, whose magnitude
  // would be the denominator; that, a zero divisor and wider or invalid operands go out of line.
  if (!all_fit64(a.m_num, a.m_den, b.m_num, b.m_den) || b.m_num == 0 ||
      b.m_num == std::numeric_limits<std::int64_t>::min()) {
    return decimal::divide_wide(a, b);
  }
  const auto bn = static_cast<std::int64_t>(b.m_num);
  const auto bd = static_cast<std::int64_t>(b.m_den);
  const fraction_parts p = product64(static_cast<std::int64_t>(a.m_num), static_cast<std::uint64_t>(a.m_den),
                                     bn < 0 ? -bd : bd, magnitude64(bn));
  decimal r;
  r.m_num = p.num;
  r.m_den = p.den;
  return r;
}

decimal decimal::divide_wide(const decimal& a, const decimal& b) {
  if (!a.valid() || !b.valid() || b.m_num == 0) {
    return invalid();
  }
  decimal reciprocal;
  reciprocal.m_num = b.m_num < 0 ? -b.m_den : b.m_den;
  reciprocal.m_den = b.m_num < 0 ? -b.m_num : b.m_num;
  return a * reciprocal;
}

decimal decimal::operator-() const {
  if (!valid()) {
    return invalid();
  }
  decimal r = *this;
  r.m_num = -m_num;
  return r;
}

std::partial_ordering operator<=>(const decimal& a, const decimal& b) {
  // Parts within 64 bits, as on forms: the cross products cannot overflow 128 bits. The rest
  // (and invalid operands) goes out of line, so that this path saves no registers for it.
  if (!all_fit64(a.m_num, a.m_den, b.m_num, b.m_den)) {
    return decimal::compare_wide(a, b);
  }
  const auto an = static_cast<std::int64_t>(a.m_num);
  const auto bn = static_cast<std::int64_t>(b.m_num);
  const auto ad = static_cast<std::int64_t>(a.m_den);
  const auto bd = static_cast<std::int64_t>(b.m_den);
  if (ad == bd) {
    return an <=> bn;
  }
  return product(an, bd) <=> product(bn, ad);
}

std::partial_ordering decimal::compare_wide(const decimal& a, const decimal& b) {
  if (!a.valid() || !b.valid()) {
    return std::partial_ordering::unordered;
  }
  if (a.m_den == b.m_den) {
    return a.m_num <=> b.m_num;
  }
  i128 left = 0;
  i128 right = 0;
  if (!mul_overflows(a.m_num, b.m_den, left) && !mul_overflows(b.m_num, a.m_den, right)) {
    return left <=> right;
  }
  // compare_exact wants non-negative numerators: signs decide first, and two negatives
  // compare as their negations the other way round.
  if ((a.m_num < 0) != (b.m_num < 0)) {
    return a.m_num < 0 ? std::partial_ordering::less : std::partial_ordering::greater;
  }
  if (a.m_num < 0) {
    return compare_exact(-b.m_num, b.m_den, -a.m_num, a.m_den) <=> 0;
  }
  return compare_exact(a.m_num, a.m_den, b.m_num, b.m_den) <=> 0;
}

bool operator==(const decimal& a, const decimal& b) {
  // Both are normalized, so equal values have equal representations.
  return a.valid() && b.valid() && a.m_num == b.m_num && a.m_den == b.m_den;
}

decimal decimal::round(int places) const {
  if (!valid()) {
    return invalid();
  }
  if (places < 0) {
    if (-places > max_pow10) {
      return decimal{};
    }
    const decimal scale = make(pow10(-places), 1);
    return (*this / scale).round(0) * scale;
  }
  if (m_den == 1) {
    return *this;
  }
  // Figures on forms: their parts and 10^places fit in 64 bits.
  if (places <= 18 && fits64(m_num) && m_den <= std::numeric_limits<std::int64_t>::max()) {
    return round64(places);
  }
  return round_wide(places);
}

decimal decimal::round_wide(int places) const {
  if (places > max_pow10) {
    return invalid();
  }
  const i128 scale = pow10(places);
  // A value already exact at this precision (7.47 to 2 places, a score the form declares)
  // rounds to itself. Only where the steps below cannot overflow: there they give invalid,
  // and an early return must not turn that into a number.
  if (places <= 18 && fits64(m_num) && rem(scale, m_den) == 0) {
    return *this;
  }
  // Rounding only the fractional part keeps the multiplication by 10^places small.
  const i128 whole = quot(m_num, m_den);
  const i128 rest = rem(m_num, m_den);  // same sign as m_num
  i128 scaled = 0;
  if (mul_overflows(rest, scale, scaled)) {
    return invalid();
  }
  i128 q = quot(scaled, m_den);
  const i128 r = rem(scaled, m_den);
  const i128 mag = r < 0 ? -r : r;
  // Ties go away from zero: |r| >= den / 2, written without doubling |r|.
  if (mag >= m_den - mag) {
    q += m_num < 0 ? -1 : 1;
  }
  i128 num = 0;
  if (mul_overflows(whole, scale, num) || add_overflows(num, q, num)) {
    return invalid();
  }
  // num / 10^places, reduced: the only factors to share are 2s and 5s, which are cheaper to
  // strip than a gcd is to find.
  i128 den = scale;
  if (num == 0) {
    den = 1;
  } else if (const u128 size = magnitude(num); (size >> 64) == 0) {
    auto m = static_cast<std::uint64_t>(size);
    const int twos = std::min(__builtin_ctzll(m), places);
    m >>= twos;
    int fives = 0;
    while (fives < places && m % 5 == 0) {
      m /= 5;
      ++fives;
    }
    i128 common = static_cast<i128>(1) << twos;
    for (int i = 0; i < fives; ++i) {
      common *= 5;
    }
    num = quot(num, common);
    den = quot(scale, common);
  } else {
    return make(num, scale);
  }
  if (num == i128_min) {
    return invalid();
  }
  decimal d;
  d.m_num = num;
  d.m_den = den;
  return d;
}

decimal decimal::round64(int places) const {
  // round_wide()'s steps on the magnitude in 64 bits: half-up away from zero is the same
  // rounding of the magnitude, with the sign put back. 10^18 and every part fit; the products
  // that might not are checked, and round_wide() takes those values.
  const auto m = static_cast<std::uint64_t>(magnitude(m_num));
  const auto den = static_cast<std::uint64_t>(m_den);
  const std::uint64_t scale = pow10_u64[places];
  // A value already exact at this precision (7.47 to 2 places, a score the form declares)
  // rounds to itself.
  if (scale % den == 0) {
    return *this;
  }
  // Rounding only the fractional part keeps the multiplication by 10^places small.
  const std::uint64_t rest = m % den;
  std::uint64_t scaled = 0;
  std::uint64_t num = 0;
  if (__builtin_mul_overflow(rest, scale, &scaled)) {
    return round_wide(places);
  }
  std::uint64_t q = scaled / den;
  const std::uint64_t r = scaled % den;
  // Ties go away from zero: r >= den / 2, written without doubling r.
  if (r >= den - r) {
    ++q;
  }
  if (__builtin_mul_overflow(m / den, scale, &num) || __builtin_add_overflow(num, q, &num)) {
    return round_wide(places);
  }
  decimal d;
  if (num == 0) {
    return d;
  }
  // num / 10^places, reduced: the only factors to share are 2s and 5s, which are cheaper to
  // strip than a gcd is to find.
  const int twos = std::min(__builtin_ctzll(num), places);
  num >>= twos;
  int fives = 0;
  while (fives < places && num % 5 == 0) {
    num /= 5;
    ++fives;
  }
  std::uint64_t reduced_den = scale >> twos;
  for (int i = 0; i < fives; ++i) {
    reduced_den /= 5;
  }
  d.m_num = m_num < 0 ? -static_cast<i128>(num) : static_cast<i128>(num);
  d.m_den = static_cast<i128>(reduced_den);
  return d;
}

decimal decimal::floor() const {
  if (!valid()) {
    return invalid();
  }
  decimal r;
  r.m_num = floor_div(m_num, m_den);
  return r;
}

decimal decimal::ceil() const {
  if (!valid()) {
    return invalid();
  }
  decimal r;
  r.m_num = -floor_div(-m_num, m_den);
  return r;
}

decimal decimal::abs() const {
  return m_num < 0 ? -*this : *this;
}

namespace {

char* write_chars(char* out, std::string_view text) {
  return std::copy(text.begin(), text.end(), out);
}

// The digits of `v`; scores and weights are mostly under 100, written without to_chars.
char* write_digits(char* out, std::uint64_t v) {
  if (v < 10) {
    *out = static_cast<char>('0' + v);
    return out + 1;
  }
  if (v < 100) {
    out[0] = static_cast<char>('0' + v / 10);
    out[1] = static_cast<char>('0' + v % 10);
    return out + 2;
  }
  return std::to_chars(out, out + 20, v).ptr;
}

// `v` in exactly `places` digits, with leading zeros: the decimals of a fixed text.
char* write_padded(char* out, std::uint64_t v, int places) {
  for (int k = places - 1; k >= 0; --k) {
    out[k] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out + places;
}

// The decimals a reduced fraction with denominator `den` (> 0) takes: it terminates exactly
// when `den` is 2^a × 5^b, after max(a, b) decimals; -1 when it does not terminate.
int terminating_places(i128 den) {
  if (den == 1) {
    return 0;
  }
  int twos = 0;
  int fives = 0;
  if ((static_cast<u128>(den) >> 64) == 0) {
    // The usual denominators (1, 4, 100, 3) are counted in 64 bits.
    auto d = static_cast<std::uint64_t>(den);
    twos = __builtin_ctzll(d);
    d >>= twos;
    while (d % 5 == 0) {
      d /= 5;
      ++fives;
    }
    if (d != 1) {
      return -1;
    }
  } else {
    while (den % 2 == 0) {
      den /= 2;
      ++twos;
    }
    while (den % 5 == 0) {
      den /= 5;
      ++fives;
    }
    if (den != 1) {
      return -1;
    }
  }
  return std::max(twos, fives);
}

}  // namespace

char* decimal::write_fixed(char* out, int places) const {
  places = std::clamp(places, 0, max_pow10);
  // Figures on forms fit in 64 bits with room for their decimals: round and write them with
  // 64-bit arithmetic, the way round() does it (half-up on the fractional part, ties away from
  // zero), without building the rounded decimal and reducing it by a gcd. Everything else
  // (invalid, wider, more than 19 decimals) goes out of line, which keeps this path free of
  // the registers and stack the general one needs: the text report writes about a hundred
  // figures per form.
  const u128 mag = magnitude(m_num);
  if (valid() && (mag >> 64) == 0 && (static_cast<u128>(m_den) >> 64) == 0 && places <= 19) {
    const auto m = static_cast<std::uint64_t>(mag);
    const auto den = static_cast<std::uint64_t>(m_den);
    std::uint64_t whole = m;
    std::uint64_t frac = 0;
    // A whole number (a weight, most band limits) needs no division.
    if (den != 1) {
      whole = m / den;
      const std::uint64_t rest = m % den;
      const std::uint64_t scale = pow10_u64[places];
      std::uint64_t scaled = 0;
      if (__builtin_mul_overflow(rest, scale, &scaled)) {
        return write_fixed_wide(out, places);
      }
      frac = scaled / den;
      const std::uint64_t r = scaled % den;
      if (r >= den - r) {
        ++frac;
      }
      // 0.996 to two places carries into the whole part; den > 1 there, so whole + 1 fits.
      if (frac == scale) {
        frac = 0;
        ++whole;
      }
    }
    // A negative value that rounds to zero reads "0.00", as the rounded decimal is 0.
    if (m_num < 0 && (whole != 0 || frac != 0)) {
      *out++ = '-';
    }
    out = write_digits(out, whole);
    // Two decimals, the report's, without the general loop.
    if (places == 2) {
      out[0] = '.';
      out[1] = static_cast<char>('0' + frac / 10);
      out[2] = static_cast<char>('0' + frac % 10);
      return out + 3;
    }
    if (places > 0) {
      *out++ = '.';
      out = write_padded(out, frac, places);
    }
    return out;
  }
  return write_fixed_wide(out, places);
}

char* decimal::write_fixed_wide(char* out, int places) const {
  if (!valid()) {
    return write_chars(out, "invalid");
  }
  const decimal r = round(places);
  if (!r.valid()) {
    return write_chars(out, "invalid");
  }
  // After rounding the denominator divides 10^places, so the fraction digits are exact.
  const u128 rmag = magnitude(r.m_num);
  const auto den = static_cast<u128>(r.m_den);
  if (r.m_num < 0) {
    *out++ = '-';
  }
  out = write_chars(out, digits_of(rmag / den));
  if (places > 0) {
    const std::string frac = digits_of((rmag % den) * (static_cast<u128>(pow10(places)) / den));
    *out++ = '.';
    out = std::fill_n(out, static_cast<std::size_t>(places) - frac.size(), '0');
    out = write_chars(out, frac);
  }
  return out;
}

char* decimal::write_exact(char* out, int places) const {
  if (!valid()) {
    return nullptr;
  }
  const int exact = terminating_places(m_den);
  if (exact < 0 || exact > places) {
    return nullptr;
  }
  // Rounding to `places` decimals then gives the value itself, unless it overflows, which
  // only values far past 64 bits can make it do (10^36 and a half, to two decimals).
  const bool small = magnitude(m_num) < (static_cast<u128>(1) << 63) && m_den < (static_cast<i128>(1) << 63) &&
                     places <= 18;
  if (!small && !(round(places) == *this)) {
    return nullptr;
  }
  return write_fixed(out, exact);
}

std::string decimal::to_fixed(int places) const {
  char buf[text_capacity];
  return std::string(buf, write_fixed(buf, places));
}

std::string decimal::to_string() const {
  if (!valid()) {
    return "invalid";
  }
  char buf[text_capacity];
  const int exact = terminating_places(m_den);
  if (exact >= 0 && exact <= 12) {
    return std::string(buf, write_fixed(buf, exact));
  }
  // Approximations drop the zeros that rounding leaves, so 1/3 + 1/3000000000 reads
  // "0.333333", not "0.333333" padded, and a value that rounds to zero reads "0".
  std::string out(buf, write_fixed(buf, 6));
  while (out.back() == '0') {
    out.pop_back();
  }
  if (out.back() == '.') {
    out.pop_back();
  }
  return out == "-0" ? "0" : out;
}

double decimal::to_double() const {
  if (!valid()) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return static_cast<double>(m_num) / static_cast<double>(m_den);
}

}  // namespace jixiao
