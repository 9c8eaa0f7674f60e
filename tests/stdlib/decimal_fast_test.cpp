// The 64-bit paths of decimal arithmetic and the 128-bit ones they hand over to: each pinned
// on exact figures at its edges, since a wrong shortcut shows only in a few digits.
#include "stdlib/decimal.hpp"

#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

namespace {

using jixiao::decimal;

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();

// (2^63 - 1)^2, past 64 bits: twice it still fits 128 bits, three times does not.
decimal max64_squared() {
  return decimal::from_int(max64) * decimal::from_int(max64);
}

}  // namespace

TEST_CASE("decimal adds a whole number to a fraction without reducing", "[stdlib][decimal]") {
  CHECK(decimal::from_int(2) + decimal::fraction(1, 3) == decimal::fraction(7, 3));
  CHECK(decimal::fraction(1, 3) + decimal::from_int(2) == decimal::fraction(7, 3));
  CHECK(decimal::from_int(-5) + decimal::fraction(1, 4) == decimal::fraction(-19, 4));
  CHECK((decimal::from_int(-1) + decimal::fraction(1, 4)).to_string() == "-0.75");
  CHECK((decimal::from_digits(967, 1) + decimal::from_int(3)).to_string() == "99.7");
  CHECK((decimal::from_int(0) + decimal::fraction(-2, 7)) == decimal::fraction(-2, 7));
  // Past 64 bits: (2^63 - 1) + 1/(2^63 - 1), and back.
  const decimal sum = decimal::from_int(max64) + decimal::fraction(1, max64);
  CHECK(sum - decimal::from_int(max64) == decimal::fraction(1, max64));
  CHECK(sum.floor().to_string() == "9223372036854775807");
  CHECK(sum.ceil().to_string() == "9223372036854775808");
  CHECK((decimal::from_int(max64) + decimal::from_int(max64)).to_string() ==
        "18446744073709551614");
}

TEST_CASE("decimal sums over a shared denominator reduce by what the terms share", "[stdlib][decimal]") {
  CHECK(decimal::fraction(1, 3) + decimal::fraction(1, 6) == decimal::fraction(1, 2));
  CHECK(decimal::fraction(1, 6) + decimal::fraction(1, 10) == decimal::fraction(4, 15));
  CHECK(decimal::fraction(1, 4) + decimal::fraction(1, 5) == decimal::fraction(9, 20));
  CHECK(decimal::fraction(1, 10) + decimal::fraction(9, 10) == decimal::from_int(1));
  CHECK((decimal::from_digits(35, 2) + decimal::from_digits(15, 2)).to_string() == "0.5");
  CHECK((decimal::from_digits(9670, 2) + decimal::from_digits(33, 2)).to_string() == "97.03");
  const decimal zero = decimal::fraction(1, 4) + decimal::fraction(-1, 4);
  CHECK(zero.is_zero());
  CHECK(zero == decimal{});
  // The numerator of the sum passes 64 bits before the 2 is taken out.
  CHECK(decimal::fraction(max64, 2) + decimal::fraction(max64, 2) == decimal::from_int(max64));
  CHECK((decimal::fraction(max64, 2) + decimal::fraction(max64, 2)).to_string() ==
        "9223372036854775807");
}

TEST_CASE("decimal sums past 128 bits are invalid", "[stdlib][decimal]") {
  const decimal big = max64_squared();
  CHECK(big.to_string() == "85070591730234615847396907784232501249");
  CHECK((big + big).to_string() == "170141183460469231694793815568465002498");
  CHECK_FALSE((big + big + big).valid());
  CHECK_FALSE((big * decimal::fraction(1, 3) + big * decimal::fraction(1, 11)).valid());
  CHECK((big * decimal::fraction(1, 3) + big * decimal::fraction(-1, 3)).is_zero());
  CHECK_FALSE((decimal::invalid() + decimal::from_int(1)).valid());
  CHECK_FALSE((decimal::fraction(1, 3) + decimal::invalid()).valid());
}

TEST_CASE("decimal products cross-reduce in 64 bits", "[stdlib][decimal]") {
  CHECK(decimal::from_int(12345) * decimal::fraction(1, 5) == decimal::from_int(2469));
  CHECK(decimal::fraction(4, 5) * decimal::fraction(5, 2) == decimal::from_int(2));
  CHECK(decimal::fraction(-3, 5) * decimal::fraction(10, 9) == decimal::fraction(-2, 3));
  CHECK((decimal::from_int(0) * decimal::fraction(1, 3)).is_zero());
  CHECK((decimal::fraction(1, 3) * decimal::from_int(0)) == decimal{});
  CHECK(decimal::fraction(4294967295, 4294967297) * decimal::from_int(4294967297) ==
        decimal::from_int(4294967295));
  CHECK(decimal::fraction(3 * 4294967296LL, 2 * 4294967296LL) == decimal::fraction(3, 2));
  CHECK(decimal::fraction(max64, 7) == decimal::from_int(max64 / 7));
  CHECK(decimal::fraction(1, max64) * decimal::from_int(max64) == decimal::from_int(1));
  CHECK(decimal::fraction(-7, 1) * decimal::fraction(1, 7) == decimal::from_int(-1));
  CHECK((decimal::fraction(2, 9) * decimal::fraction(3, 4)).to_string() == "0.166667");
  CHECK((decimal::from_int(-max64) * decimal::from_int(max64)).to_string() ==
        "-85070591730234615847396907784232501249");
}

TEST_CASE("decimal products past 128 bits are invalid", "[stdlib][decimal]") {
  const decimal big = max64_squared();
  CHECK((big * decimal::from_int(2)).to_string() == "170141183460469231694793815568465002498");
  CHECK_FALSE((big * decimal::from_int(3)).valid());
  CHECK((big * decimal::fraction(3, 7)).to_string() == "36458825027243406791741531907528214821");
  CHECK_FALSE((decimal::invalid() * decimal::from_int(2)).valid());
}

TEST_CASE("decimal divides actual by target exactly", "[stdlib][decimal]") {
  CHECK((decimal::from_digits(967, 1) / decimal::from_int(100)).to_string() == "0.967");
  CHECK(decimal::fraction(1, 3) / decimal::fraction(1, 6) == decimal::from_int(2));
  CHECK((decimal::from_digits(-1245, 2) / decimal::from_digits(5, 1)).to_string() == "-24.9");
  CHECK((decimal::from_int(2) / decimal::from_int(3)).to_fixed(4) == "0.6667");
  CHECK_FALSE((decimal::from_int(1) / decimal::from_int(0)).valid());
}
