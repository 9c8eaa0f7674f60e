#include "output_match.hpp"

#include <limits>

namespace jixiao::docs_test {
namespace {

std::string right_trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// The lines as compared: without trailing blanks, and without blank lines at the end.
std::vector<std::string> normalised(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(right_trimmed(l));
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// The costs of the alignment below. A changed line costs less than a line taken out plus one
// put in, so that an elision does not swallow a line that merely changed.
constexpr std::size_t changed_cost = 1;
constexpr std::size_t dropped_cost = 2;
constexpr std::size_t inserted_cost = 2;

}  // namespace

bool is_elision(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  return right_trimmed(line) == "…" || line.starts_with("…（") || line.starts_with("…(");
}

// An edit distance between the shown lines (a pattern) and the actual ones: cost[i][j] is the
// least cost of aligning shown[i..] with actual[j..]. An elision takes any run of actual lines
// for nothing; equal lines cost nothing; the alignment costs nothing exactly when they match.
output_match match_output(const std::vector<std::string>& shown_lines, const std::vector<std::string>& actual_lines) {
  const auto shown = normalised(shown_lines);
  const auto actual = normalised(actual_lines);
  const auto m = shown.size(), n = actual.size();
  std::vector<std::vector<std::size_t>> cost(m + 1, std::vector<std::size_t>(n + 1, 0));
  for (std::size_t j = n + 1; j-- > 0;) cost[m][j] = (n - j) * inserted_cost;
  for (std::size_t i = m; i-- > 0;) {
    for (std::size_t j = n + 1; j-- > 0;) {
      auto best = std::numeric_limits<std::size_t>::max();
      auto consider = [&best](std::size_t c) { best = c < best ? c : best; };
      if (is_elision(shown[i])) {
        consider(cost[i + 1][j]);
        if (j < n) consider(cost[i][j + 1]);
      } else {
        consider(dropped_cost + cost[i + 1][j]);
        if (j < n) {
          consider((shown[i] == actual[j] ? 0 : changed_cost) + cost[i + 1][j + 1]);
          consider(inserted_cost + cost[i][j + 1]);
        }
      }
      cost[i][j] = best;
    }
  }
  output_match result;
  result.matches = cost[0][0] == 0;
  // Walk the cheapest alignment, writing the settled lines: the page's text where it holds,
  // the program's elsewhere, trailing blanks included (a blank context line of a diff is " ").
  std::size_t i = 0, j = 0;
  while (i < m || j < n) {
    if (i == m) {
      result.differences.push_back("+ " + actual[j]);
      result.settled.push_back(actual_lines[j++]);
      continue;
    }
    const auto here = cost[i][j];
    if (is_elision(shown[i])) {
      if (j < n && cost[i][j + 1] == here) {
        ++j;
      } else {
        result.settled.push_back(shown_lines[i++]);
      }
      continue;
    }
    if (j < n && (shown[i] == actual[j] ? 0 : changed_cost) + cost[i + 1][j + 1] == here) {
      if (shown[i] != actual[j]) {
        result.differences.push_back("- " + shown[i]);
        result.differences.push_back("+ " + actual[j]);
        result.settled.push_back(actual_lines[j]);
      } else {
        result.settled.push_back(shown_lines[i]);
      }
      ++i, ++j;
    } else if (dropped_cost + cost[i + 1][j] == here) {
      result.differences.push_back("- " + shown[i++]);
    } else {
      result.differences.push_back("+ " + actual[j]);
      result.settled.push_back(actual_lines[j++]);
    }
  }
  return result;
}

}  // namespace jixiao::docs_test
