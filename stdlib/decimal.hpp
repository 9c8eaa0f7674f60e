// Exact numbers for money and scores. A decimal is a normalized rational (numerator and
// denominator in 128 bits), so 2/6 × 3 is exactly 1 and rounding is decided on the exact
// value, never on a binary float. Arithmetic that overflows gives an invalid decimal, which
// propagates like NaN and which callers turn into an error value.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "stdlib/expected.hpp"

namespace jixiao {

class decimal {
public:
  constexpr decimal() = default;                        // 0
  static decimal from_int(std::int64_t v);
  static decimal fraction(std::int64_t num, std::int64_t den);  // den != 0
  // digits / 10^places, 0 <= places <= 38: a figure read as its digits and the number of
  // them after the point ("96.7" is 967 and 1). The same decimal as fraction(digits, 10^places),
  // reduced by stripping the 2s and 5s the two share instead of by a gcd, which costs as much
  // as the rest of reading the figure. Invalid for places outside the range.
  static decimal from_digits(std::int64_t digits, int places);
  static decimal invalid();

  // Reads "498.000000", "-1.5", "0.7469", "+3", "1e3" is rejected. Digits only with an
  // optional sign and one decimal point; the error says what was expected.
  static expected<decimal, std::string> parse(std::string_view text);

  bool valid() const { return m_den != 0; }
  bool is_zero() const { return valid() && m_num == 0; }
  int sign() const;

  friend decimal operator+(const decimal& a, const decimal& b);
  friend decimal operator-(const decimal& a, const decimal& b);
  friend decimal operator*(const decimal& a, const decimal& b);
  friend decimal operator/(const decimal& a, const decimal& b);  // b == 0 → invalid
  decimal operator-() const;

  // Both must be valid; invalid compares as unordered.
  friend std::partial_ordering operator<=>(const decimal& a, const decimal& b);
  friend bool operator==(const decimal& a, const decimal& b);

  // Half-up on the exact value, away from zero on ties: round(2.675, 2) = 2.68,
  // round(-2.675, 2) = -2.68.
  decimal round(int places) const;
  decimal floor() const;
  decimal ceil() const;
  decimal abs() const;

  // Fixed notation with exactly `places` decimals, rounded half-up: "7.47", "0.00".
  std::string to_fixed(int places) const;
  // The shortest exact text when the value terminates within 12 decimals ("1.6", "87.87",
  // "2"), else rounded half-up to 6 decimals. "invalid" for an invalid decimal.
  std::string to_string() const;
  // The same texts written into a caller's buffer of at least text_capacity chars, without a
  // string per figure: the text report writes about a hundred per form. Each returns the end
  // of what it wrote.
  static constexpr int text_capacity = 80;  // "-", 39 integer digits, ".", 38 decimals
  char* write_fixed(char* out, int places) const;
  // The exact text, as to_string gives it, when rounding to `places` decimals gives the value
  // itself: "1.6" or "87.87" for places 2, not 1/3. Otherwise nothing is written and the
  // result is nullptr.
  char* write_exact(char* out, int places) const;
  double to_double() const;

private:
  // __extension__ keeps -Wpedantic quiet: __int128 is a GCC extension, not ISO C++.
  __extension__ typedef __int128 int128;

  // Takes any numerator and denominator and normalizes them (sign in the numerator, gcd
  // reduced); a zero denominator or an out-of-range value gives invalid.
  static decimal make(int128 num, int128 den);
  // ±magnitude / 10^places (0 <= places <= 38), reduced by stripping 2s and 5s.
  static decimal over_power_of_ten(bool negative, std::uint64_t magnitude, int places);
  // The sum and product of operands with a part past 64 bits, out of line from the
  // operators' 64-bit paths.
  static decimal add_wide(const decimal& a, const decimal& b);
  // operator+ for two fractions (denominators above 1) with 64-bit parts, out of line so that
  // a whole number plus anything, the step of every total, saves no registers for its gcds.
  [[gnu::noinline]] static decimal add_fractions(const decimal& a, const decimal& b);
  static decimal multiply_wide(const decimal& a, const decimal& b);
  // operator/ for a divisor of 0 or -2^63 and operands with a part past 64 bits: a × 1/b.
  [[gnu::noinline]] static decimal divide_wide(const decimal& a, const decimal& b);
  // round() for a valid fraction (denominator above 1) with places >= 0: round64 when its
  // parts and 10^places fit in 64 bits (places <= 18), round_wide for the rest and for what
  // overflows on the way.
  decimal round64(int places) const;
  [[gnu::noinline]] decimal round_wide(int places) const;
  // operator<=> for operands with a part past 64 bits, whose cross products may overflow.
  [[gnu::noinline]] static std::partial_ordering compare_wide(const decimal& a, const decimal& b);
  // write_fixed for what its 64-bit path does not take: invalid decimals, parts past 64 bits,
  // more than 19 decimals. Out of line, so the common path stays small. `places` is 0 to 38.
  [[gnu::noinline]] char* write_fixed_wide(char* out, int places) const;

  int128 m_num = 0;
  int128 m_den = 1;  // > 0 when valid, 0 when invalid
};

}  // namespace jixiao
