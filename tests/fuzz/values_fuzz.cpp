// libFuzzer target: reading cell text and numeric cells. parse_cell never fails; parse_amount
// gives an amount or a message. The first byte picks the form year so that dates without a
// year are read against several years, including the ends of the accepted range.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stdlib/values.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int year = 1990 + data[0] % 111;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto target = jixiao::values::parse_cell(text, year);
  auto actual = jixiao::values::parse_cell(text.substr(text.size() / 2), year);
  (void)jixiao::values::match_quantities(actual, target);
  if (auto t = target.latest_date(), a = actual.latest_date(); t && a) (void)jixiao::values::months_late(*a, *t);
  auto amount = jixiao::values::parse_amount(text);
  if (!amount && amount.error().empty()) __builtin_trap();
  (void)jixiao::values::is_not_applicable_marker(text);
  return 0;
}
