// The shortcuts of decimal +, ×, ÷, <=> and round() that leave out a gcd or a 128-bit step
// must give the same normalized fraction as the general reduction: decimal equality, the
// text report's figure memo and every text compare representations, so a sum left as 2/4
// instead of 1/2 would be a different number to them. Each result is checked against
// decimal::fraction() of the exact, unreduced result computed here in 64 or 128 bits, which
// reduces by the general gcd, and with ==, which compares numerator and denominator.
#include "stdlib/decimal.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <limits>
#include <random>

#include <catch2/catch.hpp>

namespace {

using jixiao::decimal;

__extension__ typedef __int128 i128;

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

// Denominators of every shape the shortcuts tell apart: 1, powers of ten, other 2^a·5^b
// (shares and percentages), and others (a ratio of two figures, a share of three members).
constexpr std::array<std::int64_t, 24> denominators = {1,  2,  4,   5,   8,    10,   20,     25,     40,       50,
                                                       100, 125, 1000, 3, 7,    9,    19,     38,     95,       96,
                                                       99, 128, 1000000, 999983};

// An operand with parts below 2^31, so that every exact result below fits in 64 bits.
struct operand {
  std::int64_t num;
  std::int64_t den;
  decimal value() const { return decimal::fraction(num, den); }
};

operand pick(std::mt19937_64& rng) {
  const std::int64_t den = rng() % 4 == 0 ? static_cast<std::int64_t>(1 + rng() % 2147483646)
                                          : denominators[rng() % denominators.size()];
  std::int64_t num = 0;
  switch (rng() % 5) {
    case 0: num = static_cast<std::int64_t>(rng() % 21) - 10; break;
    case 1: num = static_cast<std::int64_t>(rng() % 2001) - 1000; break;
    case 2: num = static_cast<std::int64_t>(rng() % 200001) - 100000; break;
    case 3: num = static_cast<std::int64_t>(rng() % 4294967295) - 2147483647; break;
    default:  // a whole number, within 2^31
      num = static_cast<std::int64_t>(rng() % 11) * (den <= 100000000 ? den : 1);
  }
  return {num, den};
}

// x rounded half away from zero to `places` decimals, exactly, as num / 10^places unreduced.
decimal rounded(const operand& x, int places) {
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const i128 magnitude = static_cast<i128>(x.num < 0 ? -x.num : x.num) * scale;
  i128 q = magnitude / x.den;
  const i128 r = magnitude % x.den;
  if (2 * r >= x.den) ++q;
  const auto num = static_cast<std::int64_t>(q);
  return decimal::fraction(x.num < 0 ? -num : num, scale);
}

}  // namespace

TEST_CASE("decimal shortcuts give the reduced fraction the general path gives", "[stdlib][decimal]") {
  std::mt19937_64 rng(20261206);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const operand a = pick(rng);
    // Half the pairs share a denominator, the case + and <=> answer without cross products.
    operand b = pick(rng);
    if (i % 2 == 0) b.den = a.den;
    const decimal x = a.value();
    const decimal y = b.value();
    const i128 left = static_cast<i128>(a.num) * b.den;
    const i128 right = static_cast<i128>(b.num) * a.den;
    const auto den = static_cast<std::int64_t>(static_cast<i128>(a.den) * b.den);
    REQUIRE(x + y == decimal::fraction(static_cast<std::int64_t>(left + right), den));
    REQUIRE(x - y == decimal::fraction(static_cast<std::int64_t>(left - right), den));
    REQUIRE(x * y == decimal::fraction(a.num * b.num, den));
    if (b.num != 0) {
      const std::int64_t q_den = static_cast<std::int64_t>(static_cast<i128>(a.den) * b.num);
      REQUIRE(x / y == decimal::fraction(static_cast<std::int64_t>(static_cast<i128>(a.num) * b.den), q_den));
    }
    const auto order = x <=> y;
    REQUIRE((order < 0) == (left < right));
    REQUIRE((order == 0) == (left == right));
    REQUIRE((order == 0) == (x == y));
    const int places = static_cast<int>(rng() % 7);
    REQUIRE(x.round(places) == rounded(a, places));
    checked += 7;
  }
  CHECK(checked == 1400000);
}

TEST_CASE("decimal sums over one denominator reduce past 64 bits", "[stdlib][decimal]") {
  // -2^63 - 2^63 has a magnitude of 2^64, one past what the 64-bit reduction takes.
  const decimal low = decimal::fraction(min64, 7);
  CHECK((low + low).to_string() == "-2635249153387078802.285714");
  CHECK(low + low == low * decimal::from_int(2));
  CHECK((low + low) - low == low);
  // Two numerators whose sum passes 2^63 and then reduces: (2^63 - 1 + 2^63 - 1) / 2.
  const decimal high = decimal::fraction(max64, 2);
  CHECK(high + high == decimal::from_int(max64));
  CHECK(decimal::fraction(3, 10) + decimal::fraction(7, 10) == decimal::from_int(1));
  CHECK(decimal::fraction(1, 10) + decimal::fraction(-1, 10) == decimal{});
  CHECK(decimal::fraction(9, 40) + decimal::fraction(11, 40) == decimal::fraction(1, 2));
}

TEST_CASE("decimal compares and adds denominators at the edge of 64 bits", "[stdlib][decimal]") {
  // 1 / -2^63 is -1/2^63: a denominator of 2^63 does not fit the 64-bit paths.
  const decimal tiny = decimal::fraction(1, min64);
  CHECK(tiny < decimal{});
  CHECK(decimal::from_int(8) > tiny);
  CHECK((tiny + decimal::from_int(8)) - decimal::from_int(8) == tiny);
  CHECK(tiny * decimal::from_int(2) == decimal::fraction(-1, max64 / 2 + 1));
  CHECK(decimal::fraction(1, max64) < decimal::fraction(1, max64 - 1));
  // Dividing by -2^63 makes a denominator of 2^63, past the 64-bit path.
  CHECK(decimal::fraction(1, 3) / decimal::from_int(min64) == decimal::fraction(1, 3) * tiny);
  CHECK(decimal::fraction(-6, 5) / decimal::from_int(min64) == decimal::fraction(3, 5) / decimal::from_int(max64 / 2 + 1));
  CHECK_FALSE((decimal::fraction(1, 3) / decimal{}).valid());
  CHECK_FALSE(decimal::invalid() < decimal::from_int(1));
  CHECK_FALSE(decimal::from_int(1) < decimal::invalid());
  CHECK((decimal::invalid() <=> decimal::invalid()) == std::partial_ordering::unordered);
  CHECK_FALSE((decimal::invalid() * decimal::from_int(1)).valid());
  CHECK_FALSE((decimal::from_int(1) + decimal::invalid()).valid());
}

TEST_CASE("decimal rounds in 64 bits and hands over what would overflow", "[stdlib][decimal]") {
  CHECK(decimal::fraction(2675, 1000).round(2) == decimal::fraction(268, 100));
  CHECK(decimal::fraction(-2675, 1000).round(2) == decimal::fraction(-268, 100));
  CHECK(decimal::fraction(37, 38).round(2) == decimal::fraction(97, 100));
  CHECK(decimal::fraction(-1, 3).round(2) == decimal::fraction(-33, 100));
  CHECK(decimal::fraction(1, 300).round(2) == decimal{});
  CHECK(decimal::fraction(-1, 300).round(2) == decimal{});
  CHECK(decimal::fraction(199, 200).round(2) == decimal::from_int(1));
  CHECK(decimal::fraction(747, 100).round(2) == decimal::fraction(747, 100));
  // The remainder times 10^18 passes 64 bits: (2^63 - 2)/(2^63 - 1) rounds to 1.
  CHECK(decimal::fraction(max64 - 1, max64).round(18) == decimal::from_int(1));
  // The whole part times 10^places passes 64 bits.
  CHECK(decimal::fraction(max64, 3).round(2).to_fixed(2) == "3074457345618258602.33");
  CHECK(decimal::fraction(min64 + 1, 3).round(6).to_fixed(6) == "-3074457345618258602.333333");
}
