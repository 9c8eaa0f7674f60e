// How the three files of the values family hand work to each other: values.cpp reads a
// cell, asks dates.cpp for the dates in it, blanks them out and asks units.cpp for the
// quantities in what is left. Internal to stdlib.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "stdlib/values.hpp"

namespace jixiao::values::detail {

// Written over the bytes of a date before quantities are looked for: "2021年" must never
// become a quantity, and a blanked date must end a noun as punctuation does. The text keeps
// its length, so offsets into it stay offsets into the cell.
inline constexpr char blank = '\x1f';

struct found_date {
  date_value value;
  std::size_t begin = 0;  // byte range of value.text in the scanned text
  std::size_t end = 0;
};

// dates.cpp: every date in `text`, in order. A month without a year takes the most recent
// year written before it in the text, else `form_year`; then `used_form_year` is set (it is
// never cleared), and the text may read differently in a form of another year.
std::vector<found_date> find_dates(std::string_view text, int form_year, bool& used_form_year);

// units.cpp: every quantity in `text` (dates already blanked), in order, appended to `found`
// (a cell's own list, so that they are built where they are kept).
void find_quantities(std::string_view text, quantity_list& found);

}  // namespace jixiao::values::detail
