// Score reports as text (a table for people, CJK-aware), JSON (stable) and CSV (one row per
// form, for spreadsheets), documented in docs/report-format.md. All are pure functions of the
// results: the same forms and rules give byte-identical reports.
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

// The same reports in pieces, for writers that stream a corpus one form at a time without
// keeping the results: a report is its beginning, each form in input order, then its end,
// and the whole-run functions above are built from these pieces, so both give the same bytes.
struct run_counts {
  std::size_t scored = 0;
  std::size_t failed = 0;
  std::size_t read() const { return scored + failed; }
};
std::string render_text_form(const form_result& r);
std::string render_text_end(const std::vector<form_error>& failures, run_counts counts);
std::string render_json_begin();
// A form of the "forms" array, starting on a new line; forms after the first are preceded
// by a comma.
std::string render_json_form(const form_result& r);
std::string render_json_end(const std::vector<form_error>& failures, run_counts counts);
// JSON Lines (`--format jsonl`): one compact object per line, {"form": …}, {"failure": …},
// and a last line {"summary": …}.
std::string render_jsonl_form(const form_result& r);
std::string render_jsonl_failure(const form_error& e);
std::string render_jsonl_summary(run_counts counts);
// CSV (`--format csv`): a byte order mark and the header row, then one row per form read, in
// input order, a failure included, so that the rows add up to the forms read. The report has
// no end: a summary row would be read as a form by every spreadsheet.
std::string render_csv_begin();
std::string render_csv_form(const form_result& r);
// `read` is the form when it was read but could not be scored (no rule set for it), so that
// the row still names it; null when the form could not be read.
std::string render_csv_failure(const form_error& e, const form* read);

// Columns a string takes in a terminal: East Asian wide and full-width characters take two.
std::size_t display_width(std::string_view text);

}  // namespace jixiao::engine
