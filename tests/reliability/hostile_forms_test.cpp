// Hostile forms and cells: bytes a spreadsheet export or a hand edit can leave behind, and
// figures no real form holds. Each is refused with a message naming the place, or read and
// scored as written; tests/golden/forms/bad pins more (invalid UTF-8, a lone BOM, an empty
// file, duplicate keys, exponents).
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>

#include "dsl/parser.hpp"
#include "engine/form.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"
#include "stdlib/values.hpp"

namespace {

using namespace std::string_literals;
using jixiao::engine::load_form;

// A minimal form with one indicator row, the row's JSON given.
std::string form_with(std::string_view row) {
  return fmt::format(R"({{"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
  "indicators": [{}]}})",
                     row);
}

// "" when the form loads, else its error as the CLI words it (path: message).
std::string problem(std::string_view json) {
  auto loaded = load_form(json, "f.json");
  return loaded ? "" : to_string(loaded.error());
}

}  // namespace

TEST_CASE("odd bytes in a form") {
  // A BOM before the document is skipped; CRLF line ends are JSON whitespace.
  CHECK(problem("\xEF\xBB\xBF" + form_with("")) == "");
  CHECK(problem("{\r\n\"schema\": \"jixiao.form/1\",\r\n\"year\": 2021,\r\n\"jurisdiction\": \"北京\",\r\n"
                "\"indicators\": []\r\n}\r\n") == "");
  CHECK(problem("{\"schema\": \"jixiao.form/1\", \0\"year\": 2021}"s) ==
        "invalid JSON at line 1, column 29 (byte 28): The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.");
  CHECK(problem(form_with("{\"name\": \"a\0\"}"s)) ==
        "invalid JSON at line 2, column 29 (byte 96): a line break or control character inside a string must be "
        "written as an escape such as \\n, or a closing quote is missing; simdjson: Within strings, some "
        "characters must be escaped, we found unescaped characters");
  // An escaped NUL is valid JSON and is kept in the text, as written.
  CHECK(problem(form_with(R"({"name": "a\u0000b"})")) == "");
  CHECK(problem("") == "empty file");
  CHECK(problem("\xEF\xBB\xBF\xEF\xBB\xBF{}") == "invalid JSON at line 1, column 1 (byte 3): The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.");
  CHECK(problem(form_with(R"({"name": "\ud800"})")) ==
        "invalid JSON at line 2, column 27 (byte 94), in indicators[0].name: a backslash in a string must start "
        "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, and \\u escapes must pair surrogates; simdjson: Problem while "
        "parsing a string");
}

TEST_CASE("duplicate keys in a form") {
  CHECK(problem(form_with(R"({"name": "a", "weight": 3, "权重": 3})")) ==
        "indicators[0].weight: duplicate key \"权重\" (the same key as \"weight\", given before)");
  CHECK(problem(form_with(R"({"name": "a", "name": "b"})")) == "indicators[0].name: duplicate key \"name\"");
}

TEST_CASE("figures no real form holds") {
  // The loader reads figures as written; what a negative weight means is the rules' business.
  CHECK(problem(form_with(R"({"name": "a", "weight": -3})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": 0})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": "150%"})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": NaN})")) ==
        "invalid JSON at line 2, column 42 (byte 109), in indicators[0].weight: The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.");
  CHECK(problem(form_with(R"({"name": "a", "weight": "NaN"})")) == "indicators[0].weight: expected a number such as 7.47 or 74.69%, got \"NaN\"");
  CHECK(problem(form_with(R"({"name": "a", "weight": "Infinity"})")) == "indicators[0].weight: expected a number such as 7.47 or 74.69%, got \"Infinity\"");
  CHECK(problem(form_with(R"({"name": "a", "weight": -Infinity})")) ==
        "invalid JSON at line 2, column 42 (byte 109), in indicators[0].weight: not a valid JSON number: -Infinity");
  CHECK(problem(form_with(R"({"name": "a", "weight": 1e400})")) ==
        "indicators[0].weight: expected a number such as 7.47 or 74.69%, got 1e400 (write it without an exponent)");
  CHECK(problem(form_with(R"({"name": "a", "weight": "1e400"})")) == "indicators[0].weight: expected a number such as 7.47 or 74.69%, got \"1e400\"");
  CHECK(problem(form_with(R"({"name": "a", "weight": 123456789012345678901234567890})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": 1234567890123456789012345678901})")) ==
        "indicators[0].weight: expected a number such as 7.47 or 74.69%, got 1234567890123456789012345678901 (number too large: "
        "\"1234567890123456789012345678901\" has more than 30 significant digits)");
  CHECK(problem(R"({"schema": "jixiao.form/1", "year": "2021年13月", "jurisdiction": "北京", "indicators": []})") ==
        "year: expected a year such as 2021 or \"2021年\", got \"2021年13月\"");
  CHECK(problem(R"({"schema": "jixiao.form/1", "year": 99999999999999999999, "jurisdiction": "北京", "indicators": []})") ==
        "year: expected a year such as 2021 or \"2021年\", got 99999999999999999999");
}

TEST_CASE("cells no real form holds are read without a crash") {
  using jixiao::values::cell_kind;
  using jixiao::values::parse_cell;
  // Month 13 is no date, so the cell holds the numbers 2021 and 13.
  CHECK(parse_cell("2021年13月", 2021).kind == cell_kind::quantity);
  // February has no day 30: no date either, and the cell holds the numbers it shows.
  CHECK(parse_cell("2021年2月30日前", 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("2024年2月29日前", 2021).kind == cell_kind::date);
  CHECK(parse_cell("≥1e400", 2021).kind == cell_kind::text);
  CHECK(parse_cell("1234567890123456789012345678901234567890项", 2021).kind == cell_kind::text);
  CHECK(parse_cell("NaN", 2021).kind == cell_kind::text);
  CHECK(parse_cell("-5项", 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("150%", 2021).quantities.at(0).value.to_string() == "1.5");
  CHECK(parse_cell("10\0项"s, 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("\xFF\xFE" "10项", 2021).kind == cell_kind::quantity);
  CHECK(jixiao::values::parse_amount("1e400").error() == "expected a number such as 7.47 or 74.69%, got \"1e400\"");
  CHECK(jixiao::values::parse_amount("NaN").error() == "expected a number such as 7.47 or 74.69%, got \"NaN\"");
  CHECK(jixiao::values::parse_amount("Infinity").error() == "expected a number such as 7.47 or 74.69%, got \"Infinity\"");
  CHECK(jixiao::values::parse_amount("1234567890123456789012345678901").error() ==
        "number too large: \"1234567890123456789012345678901\" has more than 30 significant digits");
}

TEST_CASE("negative, zero and over-100% figures are scored as written") {
  auto parsed = jixiao::dsl::parse(R"(ruleset test.2021 {
  jurisdiction "北京"
  version      "1"
  effective    2021-01-01 .. 2021-12-31
  decimals     2
}
budget rate = 全年执行数 / 全年预算数
budget score = 分值 * min(rate, 1)
rule r when 年度指标值 is quantity and comparable(实际完成值, 年度指标值)
  score = 分值 * min(实际完成值 / 年度指标值, 1)
)",
                                   "t.rules");
  REQUIRE(parsed);
  auto compiled = jixiao::engine::compile(std::move(*parsed));
  REQUIRE(compiled);
  auto f = load_form(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
    "budget": {"rows": [{"name": "年度资金总额", "annual": "0", "executed": "5", "weight": 10, "rate": "—", "score": 0}]},
    "indicators": [{"name": "a", "target": "-10项", "actual": "5项", "weight": 4, "score": 4},
                   {"name": "b", "target": "0项", "actual": "0项", "weight": 0, "score": 0},
                   {"name": "c", "target": "≥90%", "actual": "150%", "weight": 5, "score": 5}]})",
                     "f.json");
  REQUIRE(f);
  auto result = jixiao::engine::score_form(*compiled, *f);
  CHECK(result.budget.note == "rate: division by zero: 0 is 0; score: division by zero: 0 is 0");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].note == "");
  // A dash before a number in a cell is read as a dash, not a sign: the target is 10项.
  CHECK(result.items[0].computed->to_string() == "2");
  // 0项 is "nothing achieved", not a quantity: no rule of this set applies.
  CHECK(result.items[1].note == "no rule applies");
  CHECK(result.items[2].computed->to_string() == "5");
}

// Found by the values fuzz target: C0 8D, an overlong encoding of '\r', decoded as '\r', and
// the line-break joining in the cell reader then never moved past it (an endless loop that
// also grew memory without bound). Overlong forms now decode as U+FFFD.
TEST_CASE("an overlong encoding of a line break in a cell") {
  const auto c = jixiao::values::parse_cell("a0\xC0\x8D" "1项", 2021);
  CHECK(c.kind == jixiao::values::cell_kind::quantity);
  CHECK(c.text == "a0\xC0\x8D" "1项");
}
