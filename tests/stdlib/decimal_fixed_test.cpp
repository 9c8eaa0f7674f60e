// write_fixed, the figure writer behind to_fixed, to_string and the text report: its 64-bit
// paths (a whole number, two decimals, any other count up to 19) against an independent
// reckoning of the same half-up rounding in 128-bit integers, over hundreds of thousands of
// fractions, and its hand-over to the general path at the edges, pinned on exact texts.
#include "stdlib/decimal.hpp"

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <catch2/catch.hpp>

namespace {

using jixiao::decimal;
__extension__ typedef unsigned __int128 u128;

std::string fixed(const decimal& d, int places) {
  char buf[decimal::text_capacity];
  return std::string(buf, d.write_fixed(buf, places));
}

// num / den (den != 0) to `places` decimals, half-up on the exact value and away from zero on
// ties, worked out digit by digit in 128 bits: |num| × 10^places fits for |num| < 2^63 and
// places <= 19. A value that rounds to zero has no sign.
std::string reckoned(std::int64_t num, std::int64_t den, int places) {
  const bool negative = (num < 0) != (den < 0);
  const u128 n = num < 0 ? u128{0} - static_cast<u128>(num) : static_cast<u128>(num);
  const u128 d = den < 0 ? u128{0} - static_cast<u128>(den) : static_cast<u128>(den);
  u128 scale = 1;
  for (int k = 0; k < places; ++k) scale *= 10;
  u128 q = n * scale / d;
  const u128 r = n * scale % d;
  if (2 * r >= d) ++q;
  const u128 whole = q / scale;
  u128 frac = q % scale;
  std::string digits;
  u128 w = whole;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(w % 10)));
    w /= 10;
  } while (w != 0);
  std::string out = (negative && q != 0 ? "-" : "") + digits;
  if (places > 0) {
    std::string decimals(static_cast<std::size_t>(places), '0');
    for (int k = places - 1; k >= 0; --k) {
      decimals[static_cast<std::size_t>(k)] = static_cast<char>('0' + static_cast<int>(frac % 10));
      frac /= 10;
    }
    out += '.' + decimals;
  }
  return out;
}

}  // namespace

TEST_CASE("write_fixed writes whole numbers and two decimals exactly", "[stdlib][decimal]") {
  CHECK(fixed(decimal::from_int(0), 2) == "0.00");
  CHECK(fixed(decimal::from_int(15), 2) == "15.00");
  CHECK(fixed(decimal::from_int(-15), 2) == "-15.00");
  CHECK(fixed(decimal::from_int(15), 0) == "15");
  CHECK(fixed(decimal::from_int(100), 1) == "100.0");
  CHECK(fixed(decimal::from_int(std::numeric_limits<std::int64_t>::max()), 2) == "9223372036854775807.00");
  CHECK(fixed(decimal::from_int(std::numeric_limits<std::int64_t>::min() + 1), 0) == "-9223372036854775807");
  CHECK(fixed(decimal::fraction(15, 8), 2) == "1.88");
  CHECK(fixed(decimal::fraction(10, 3), 2) == "3.33");
  CHECK(fixed(decimal::fraction(-10, 3), 2) == "-3.33");
  CHECK(fixed(decimal::fraction(2675, 1000), 2) == "2.68");
  CHECK(fixed(decimal::fraction(-2675, 1000), 2) == "-2.68");
  CHECK(fixed(decimal::fraction(996, 1000), 2) == "1.00");
  CHECK(fixed(decimal::fraction(-996, 1000), 2) == "-1.00");
  CHECK(fixed(decimal::fraction(-4, 1000), 2) == "0.00");
  CHECK(fixed(decimal::fraction(-5, 1000), 2) == "-0.01");
  CHECK(fixed(decimal::fraction(1, 20), 2) == "0.05");
  CHECK(fixed(decimal::fraction(7469, 10000), 4) == "0.7469");
  CHECK(fixed(decimal::fraction(2, 3), 0) == "1");
  CHECK(fixed(decimal::fraction(1, 2), 0) == "1");
  CHECK(fixed(decimal::fraction(-1, 2), 0) == "-1");
  CHECK(fixed(decimal::fraction(1, 3), 19) == "0.3333333333333333333");
  // Out of range counts are clamped to 0 and 38.
  CHECK(fixed(decimal::fraction(7, 4), -1) == "2");
  CHECK(fixed(decimal::fraction(1, 4), 40) == "0.25000000000000000000000000000000000000");
}

TEST_CASE("write_fixed hands what 64 bits cannot hold to the general path", "[stdlib][decimal]") {
  constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
  // The remainder times 10^places overflows 64 bits.
  CHECK(fixed(decimal::fraction(max64 - 1, max64), 2) == "1.00");
  CHECK(fixed(decimal::fraction(max64 - 1, max64), 19) == "0.9999999999999999999");
  CHECK(fixed(decimal::fraction(1, max64), 19) == "0.0000000000000000001");
  // More than 19 decimals.
  CHECK(fixed(decimal::fraction(1, 3), 20) == "0.33333333333333333333");
  // A numerator past 64 bits.
  const decimal big = decimal::from_int(max64) * decimal::from_int(max64);
  CHECK(fixed(big, 2) == "85070591730234615847396907784232501249.00");
  CHECK(fixed(-big / decimal::from_int(1000), 2) == "-85070591730234615847396907784232501.25");
  CHECK(fixed(decimal::invalid(), 2) == "invalid");
  CHECK(fixed(decimal::from_int(1) / decimal::from_int(0), 0) == "invalid");
}

TEST_CASE("write_fixed rounds as 128-bit long division does", "[stdlib][decimal]") {
  std::size_t checked = 0;
  const auto check = [&](std::int64_t num, std::int64_t den, int places) {
    const std::string got = fixed(decimal::fraction(num, den), places);
    const std::string expected = reckoned(num, den, places);
    if (got != expected) FAIL(num << " / " << den << " to " << places << ": " << got << ", expected " << expected);
    ++checked;
  };
  // Every hundredth, thousandth and eighth around zero, with their ties, and thirds and sevenths.
  for (std::int64_t k = -20000; k <= 20000; ++k)
    for (const std::int64_t den : {1, 2, 3, 7, 8, 100, 200, 1000, 2000, 3000})
      for (const int places : {0, 1, 2, 3}) check(k, den, places);
  // Numerators and denominators of every size.
  std::mt19937_64 random(20201);
  for (int i = 0; i < 100000; ++i) {
    const auto num = static_cast<std::int64_t>(random() >> (1 + random() % 63)) * (random() % 2 == 0 ? 1 : -1);
    const auto den = static_cast<std::int64_t>(random() >> (1 + random() % 63)) | 1;
    check(num, den, static_cast<int>(random() % 20));
  }
  CHECK(checked == 40001 * 10 * 4 + 100000);
}
