#include "stdlib/decimal.hpp"

#include <cstdint>
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

namespace {

using jixiao::decimal;

decimal num(const char* text) {
  auto parsed = decimal::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

}  // namespace

TEST_CASE("decimal parses digits with an optional sign and point", "[stdlib][decimal]") {
  const auto [text, expected] = GENERATE(table<const char*, const char*>({
      {"498.000000", "498"},
      {"-1.5", "-1.5"},
      {"0.7469", "0.7469"},
      {"+3", "3"},
      {"007.50", "7.5"},
      {"0", "0"},
      {"-0", "0"},
      {"371.961800", "371.9618"},
      {"123456789012345678901234567890", "123456789012345678901234567890"},
      {"0.000000000001", "0.000000000001"},
      {"-0.250", "-0.25"},
      {"0.125", "0.125"},
      {"0.00", "0"},
      {"12.50", "12.5"},
      {"0.000000000000000000000000000005", "0"},
  }));
  DYNAMIC_SECTION(text) {
    CHECK(num(text).to_string() == expected);
  }
}

TEST_CASE("decimal parse gives normalized values", "[stdlib][decimal]") {
  // Equality compares the reduced representation, so these also check the reduction.
  CHECK(num("0.5") == decimal::fraction(1, 2));
  CHECK(num("-0.250") == decimal::fraction(-1, 4));
  CHECK(num("0.125") == decimal::fraction(1, 8));
  CHECK(num("0.2") == decimal::fraction(1, 5));
  CHECK(num("371.961800") == decimal::fraction(1859809, 5000));
  CHECK(num("498.000000") == decimal::from_int(498));
  CHECK(num("0.000000000000000000000000000005") ==
        decimal::fraction(1, 2) * num("0.00000000000000000000000000001"));
  CHECK(num("12345678901234567890.123456789") * decimal::from_int(1000000000) ==
        num("12345678901234567890123456789"));
}

TEST_CASE("decimal from_digits is the normalized fraction over a power of ten", "[stdlib][decimal]") {
  // == compares representations, so this also checks that the 2s and 5s were stripped.
  for (int places = 0; places <= 18; ++places) {
    std::int64_t pow10 = 1;
    for (int k = 0; k < places; ++k) {
      pow10 *= 10;
    }
    for (const std::int64_t digits :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{5}, std::int64_t{8}, std::int64_t{90},
          std::int64_t{967}, std::int64_t{-2500}, std::int64_t{1024}, std::int64_t{390625}, std::int64_t{7469},
          std::int64_t{1000000}, std::int64_t{9999999999999999}, std::int64_t{-4000000000000000}}) {
      INFO(digits << " / 10^" << places);
      CHECK(decimal::from_digits(digits, places) == decimal::fraction(digits, pow10));
    }
  }
  CHECK(decimal::from_digits(967, 3).to_string() == "0.967");
  CHECK(decimal::from_digits(5, 38) == num("5") / num("100000000000000000000") / num("1000000000000000000"));
  CHECK_FALSE(decimal::from_digits(1, 39).valid());
  CHECK_FALSE(decimal::from_digits(1, -1).valid());
}

TEST_CASE("decimal parse errors say what was expected", "[stdlib][decimal]") {
  const auto [text, message] = GENERATE(table<const char*, const char*>({
      {"abc", "expected a decimal number, got \"abc\""},
      {"1e3", "expected a decimal number, got \"1e3\""},
      {"12.3.4", "expected a decimal number, got \"12.3.4\""},
      {"", "expected a decimal number, got \"\""},
      {"+", "expected a decimal number, got \"+\""},
      {".5", "expected a decimal number, got \".5\""},
      {"5.", "expected a decimal number, got \"5.\""},
      {" 5", "expected a decimal number, got \" 5\""},
      {"1234567890123456789012345678901",
       "number too large: \"1234567890123456789012345678901\" has more than 30 significant "
       "digits"},
      {"0.0000000000000000000000000000001",
       "number too precise: \"0.0000000000000000000000000000001\" has more than 30 decimals"},
  }));
  DYNAMIC_SECTION(text) {
    const auto parsed = decimal::parse(text);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error() == message);
  }
}

TEST_CASE("decimal arithmetic is exact", "[stdlib][decimal]") {
  CHECK(decimal::fraction(2, 6) * decimal::from_int(3) == decimal::from_int(1));
  CHECK((num("0.1") + num("0.2")) == num("0.3"));
  CHECK((num("1.5") - num("2")).to_string() == "-0.5");
  CHECK((decimal::from_int(1) / decimal::from_int(3)).to_string() == "0.333333");
  CHECK((decimal::from_int(2) / decimal::from_int(3)).to_string() == "0.666667");
  CHECK((decimal::from_int(-2) / decimal::from_int(3)).to_string() == "-0.666667");
  CHECK(decimal::fraction(1, -4).to_string() == "-0.25");
  CHECK(decimal::fraction(3, 9) == decimal::fraction(1, 3));
  CHECK((num("87.87") * decimal::from_int(1)).to_string() == "87.87");
  // 1/4096 terminates after exactly 12 decimals, 1/8192 after 13, so it is rounded.
  CHECK(decimal::fraction(1, 1024).to_string() == "0.0009765625");
  CHECK(decimal::fraction(1, 4096).to_string() == "0.000244140625");
  CHECK(decimal::fraction(1, 8192).to_string() == "0.000122");
  CHECK(decimal::fraction(1, 1000000000000).to_string() == "0.000000000001");
  CHECK(decimal::fraction(1, 3000000000).to_string() == "0");
  CHECK(decimal().to_string() == "0");
  CHECK(decimal::from_int(-7).to_string() == "-7");
}

TEST_CASE("decimal division by zero and overflow give invalid", "[stdlib][decimal]") {
  CHECK_FALSE((decimal::from_int(1) / decimal()).valid());
  CHECK_FALSE(decimal::fraction(1, 0).valid());
  CHECK_FALSE(decimal::invalid().valid());
  CHECK(decimal::invalid().to_string() == "invalid");
  CHECK(decimal::invalid().to_fixed(2) == "invalid");

  const decimal big = num("100000000000000000000");  // 10^20
  CHECK_FALSE((big * big).valid());
  CHECK_FALSE((big * big * big).valid());
  const decimal huge = num("99999999999999999999999999999") * num("1000000000");
  REQUIRE(huge.valid());
  CHECK_FALSE((huge * num("1000000000000")).valid());
  CHECK_FALSE((huge * num("1000000000000") + decimal::from_int(1)).valid());
  // Invalid propagates like NaN through every operation.
  const decimal bad = decimal::invalid();
  CHECK_FALSE((bad + decimal::from_int(1)).valid());
  CHECK_FALSE((bad * decimal()).valid());
  CHECK_FALSE((-bad).valid());
  CHECK_FALSE(bad.round(2).valid());
  CHECK_FALSE(bad.abs().valid());
  CHECK_FALSE(bad == bad);
  CHECK((bad <=> decimal()) == std::partial_ordering::unordered);
  CHECK(bad.sign() == 0);
}

TEST_CASE("decimal reduces before multiplying", "[stdlib][decimal]") {
  // (10^20 / 3) × (3 / 10^20) would overflow as a plain product of numerators.
  const decimal a = num("100000000000000000000") / decimal::from_int(3);
  const decimal b = decimal::from_int(3) / num("100000000000000000000");
  CHECK(a * b == decimal::from_int(1));
  // Sums over different denominators scale by the lcm.
  const decimal c = decimal::fraction(1, 1000000000) + decimal::fraction(1, 1000000000);
  CHECK(c == decimal::fraction(1, 500000000));
}

TEST_CASE("decimal compares exactly, also where cross products overflow",
          "[stdlib][decimal]") {
  CHECK(decimal::fraction(1, 3) < decimal::fraction(1, 2));
  CHECK(decimal::fraction(-1, 2) < decimal::fraction(-1, 3));
  CHECK(num("7.47") > num("7.469"));
  CHECK(num("2") >= decimal::from_int(2));
  CHECK(num("2") <= decimal::from_int(2));
  // Numerators and denominators near 10^30: cross products overflow 128 bits.
  const decimal x = num("123456789012345678901234567890") / num("987654321098765432109876543");
  const decimal y = num("123456789012345678901234567891") / num("987654321098765432109876543");
  REQUIRE(x.valid());
  REQUIRE(y.valid());
  const decimal z = num("1234567890123456789012345678") / num("9876543210987654321098765431");
  REQUIRE(z.valid());
  CHECK(x < y);
  CHECK(y > x);
  CHECK(z < x);
  CHECK(-x < -z);
  CHECK((x <=> x) == std::partial_ordering::equivalent);
}

TEST_CASE("decimal rounds half-up away from zero on the exact value", "[stdlib][decimal]") {
  const auto [text, places, expected] = GENERATE(table<const char*, int, const char*>({
      {"2.675", 2, "2.68"},
      {"2.665", 2, "2.67"},
      {"-2.675", 2, "-2.68"},
      {"0.005", 2, "0.01"},
      {"-0.005", 2, "-0.01"},
      {"0.004999", 2, "0"},
      {"7.469", 2, "7.47"},
      {"6.4261", 2, "6.43"},
      {"2.5", 0, "3"},
      {"-2.5", 0, "-3"},
      {"2.4999", 0, "2"},
      {"1.6", 2, "1.6"},
      {"12345", -2, "12300"},
      {"12350", -2, "12400"},
      {"-12350", -2, "-12400"},
      {"42", 2, "42"},
  }));
  DYNAMIC_SECTION(text << " to " << places) {
    CHECK(num(text).round(places).to_string() == expected);
  }
}

TEST_CASE("decimal budget execution scores from the seeds", "[stdlib][decimal]") {
  // 得分 = 全年执行数 ÷ 全年预算数 × 分值, rounded to 2 decimals (DOMAIN.md §2).
  const auto [spent, budget, score] = GENERATE(table<const char*, const char*, const char*>({
      {"225.938", "351.59", "6.43"},
      {"371.9618", "498", "7.47"},
      {"375.5442", "492", "7.63"},
      {"8086475.64", "8108600", "9.97"},
  }));
  DYNAMIC_SECTION(spent << " / " << budget) {
    const decimal result = num(spent) / num(budget) * decimal::from_int(10);
    CHECK(result.round(2).to_string() == score);
    CHECK(result.to_fixed(2) == score);
  }
  // The rate as shown on the form: 371.9618 / 498 = 74.69%.
  CHECK((num("371.9618") / num("498")).to_fixed(4) == "0.7469");
}

TEST_CASE("decimal to_fixed writes exactly the requested decimals", "[stdlib][decimal]") {
  const auto [text, places, expected] = GENERATE(table<const char*, int, const char*>({
      {"1.6", 2, "1.60"},
      {"0", 2, "0.00"},
      {"7.469", 2, "7.47"},
      {"-0.001", 2, "0.00"},
      {"-1.005", 2, "-1.01"},
      {"498", 6, "498.000000"},
      {"0.05", 1, "0.1"},
      {"2.5", 0, "3"},
      {"123456789012345678901234567890", 2, "123456789012345678901234567890.00"},
  }));
  DYNAMIC_SECTION(text << " with " << places) {
    CHECK(num(text).to_fixed(places) == expected);
  }
  CHECK((decimal::from_int(1) / decimal::from_int(3)).to_fixed(2) == "0.33");
  CHECK((decimal::from_int(2) / decimal::from_int(3)).to_fixed(0) == "1");
}

TEST_CASE("decimal floor, ceil, abs, sign and to_double", "[stdlib][decimal]") {
  CHECK(num("2.5").floor() == decimal::from_int(2));
  CHECK(num("-2.5").floor() == decimal::from_int(-3));
  CHECK(num("2.5").ceil() == decimal::from_int(3));
  CHECK(num("-2.5").ceil() == decimal::from_int(-2));
  CHECK(num("-3").floor() == decimal::from_int(-3));
  CHECK(num("-3").ceil() == decimal::from_int(-3));
  CHECK(num("-2.5").abs() == num("2.5"));
  CHECK(num("-2.5").sign() == -1);
  CHECK(decimal().sign() == 0);
  CHECK(decimal().is_zero());
  CHECK(num("0.1").sign() == 1);
  CHECK(num("0.75").to_double() == 0.75);
}
