// What the engine tests that evaluate rules share: the bundled rule sets, loaded once per test
// program; a rule text planned for a test, failing it with every problem when the text does
// not parse or plan; and the comparison of two runtime values part by part.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/evaluator.hpp"

namespace jixiao::engine::testing {

inline const catalog& bundled_rules() {
  static const catalog c = load_catalog(std::string(JIXIAO_SOURCE_DIR) + "/rules");
  return c;
}

// One line per problem, "LINE: message", so that a failing test shows all of them.
template <class Diagnostics>
std::string problems_of(const Diagnostics& diagnostics) {
  std::string problems;
  for (const auto& d : diagnostics) problems += std::to_string(d.span.line) + ": " + d.message + "\n";
  return problems;
}

// `source` parsed and planned as the file `name`; FAIL (which ends the test) otherwise.
inline program plan_text(const std::string& source, const std::string& name) {
  auto parsed = dsl::parse(source, name);
  if (!parsed) FAIL(problems_of(parsed.error()));
  auto planned = compile(std::move(*parsed));
  if (!planned) FAIL(problems_of(planned.error()));
  return std::move(*planned);
}

// Every part a value of its kind holds: a shortcut that computed anything else (another flag,
// unit, percent mark, error message or span) differs here.
inline bool same_value(const rt::value& a, const rt::value& b) {
  if (a.type != b.type || a.flag != b.flag || a.percent != b.percent) return false;
  switch (a.type) {
    case rt::kind::absent:
    case rt::kind::not_applicable:
    case rt::kind::boolean: return true;
    case rt::kind::number: return a.number == b.number && a.unit == b.unit;
    case rt::kind::text: return a.text == b.text;
    case rt::kind::date:
      return a.date.year == b.date.year && a.date.first_month == b.date.first_month &&
             a.date.last_month == b.date.last_month && a.date.day == b.date.day;
    case rt::kind::cell: return a.cell == b.cell && a.text == b.text;
    case rt::kind::error:
      return a.error->message == b.error->message && a.error->span.begin == b.error->span.begin &&
             a.error->span.end == b.error->span.end;
  }
  return false;
}

}  // namespace jixiao::engine::testing
