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

// units.cpp: when `text` is a lone figure, optionally followed by a unit and nothing else
// ("96.7%", "60期", "227.91万元"), appends the quantity find_quantities would find and returns
// true; such text needs no normalizing and holds no date. Otherwise appends nothing and
// returns false. Most cells read on a miss of the cell cache have this shape.
bool find_lone_quantity(std::string_view text, quantity_list& found);

// values.cpp: parse_cell_into without the shortcut for lone figures, so that tests can
// compare the two readings.
bool parse_cell_general_into(std::string_view text, int form_year, cell& out);

}  // namespace jixiao::values::detail
