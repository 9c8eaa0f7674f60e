// Score reports as text (a table for people, CJK-aware) and JSON (stable, documented in
// docs/report-format.md). Both are pure functions of the results: the same forms and rules
// give byte-identical reports.
#pragma once

#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/scoring.hpp"

namespace jixiao::engine {

// A whole `jixiao score` run: every input either scored or failed, in input order.
struct score_run {
  std::vector<form_result> results;
  std::vector<form_error> failures;
  std::size_t read() const { return results.size() + failures.size(); }
};

std::string render_text(const score_run& run);
std::string render_json(const score_run& run);

// Columns a string takes in a terminal: East Asian wide and full-width characters take two.
std::size_t display_width(std::string_view text);

}  // namespace jixiao::engine
