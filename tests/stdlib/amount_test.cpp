#include <string>

#include <catch2/catch.hpp>

#include "stdlib/values.hpp"

namespace {

using jixiao::decimal;
using jixiao::values::is_not_applicable_marker;
using jixiao::values::parse_amount;

decimal num(const char* text) {
  auto parsed = decimal::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

}  // namespace

TEST_CASE("parse_amount reads numeric form fields", "[stdlib][amount]") {
  const auto [text, value, percent, decimals] =
      GENERATE(table<const char*, const char*, bool, int>({
          {"74.69%", "0.7469", true, 2},
          {"99.7%", "0.997", true, 1},
          {"100%", "1", true, 0},
          {"74.69％", "0.7469", true, 2},
          {"498.000000", "498", false, 6},
          {"371.961800", "371.9618", false, 6},
          {"7.47", "7.47", false, 2},
          {"10", "10", false, 0},
          {"-5", "-5", false, 0},
          {"8086475.64", "8086475.64", false, 2},
          {"8,108,600.00", "8108600", false, 2},
          {"  87.87 ", "87.87", false, 2},
          {"\xe3\x80\x80" "0.00", "0", false, 2},
      }));
  DYNAMIC_SECTION(text) {
    const auto parsed = parse_amount(text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->value == num(value));
    CHECK(parsed->percent == percent);
    CHECK(parsed->decimals == decimals);
  }
}

TEST_CASE("parse_amount errors say what was expected", "[stdlib][amount]") {
  const auto [text, message] = GENERATE(table<const char*, const char*>({
      {"1e5", "expected a number such as 7.47 or 74.69%, got \"1e5\""},
      {"abc", "expected a number such as 7.47 or 74.69%, got \"abc\""},
      {"12.3.4", "expected a number such as 7.47 or 74.69%, got \"12.3.4\""},
      {"", "expected a number such as 7.47 or 74.69%, got \"\""},
      {"%", "expected a number such as 7.47 or 74.69%, got \"%\""},
      {"—", "expected a number such as 7.47 or 74.69%, got \"—\""},
      {"1,00", "expected a number such as 7.47 or 74.69%, got \"1,00\""},
      {"1234567890123456789012345678901",
       "number too large: \"1234567890123456789012345678901\" has more than 30 significant "
       "digits"},
  }));
  DYNAMIC_SECTION(text) {
    const auto parsed = parse_amount(text);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error() == message);
  }
}

TEST_CASE("not-applicable markers", "[stdlib][amount]") {
  const auto [text, marker] = GENERATE(table<const char*, bool>({
      {"不适用", true},
      {"—", true},
      {"－", true},
      {"-", true},
      {"/", true},
      {"／", true},
      {"", true},
      {"  ", true},
      {"\xe3\x80\x80", true},
      {" — ", true},
      {"0", false},
      {"无", false},
      {"合规", false},
      {"-5", false},
  }));
  DYNAMIC_SECTION("\"" << text << "\"") {
    CHECK(is_not_applicable_marker(text) == marker);
  }
}
