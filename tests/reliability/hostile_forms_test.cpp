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
  CHECK(problem(std::string("{\"schema\": \"jixiao.form/1\", \0\"year\": 2021}", 40)) == "?");
  CHECK(problem(form_with(std::string(R"({"name": "a)") + '\0' + R"("})")) == "?");
  CHECK(problem(form_with(R"({"name": "a\u0000b"})")) == "?");
  CHECK(problem("") == "empty file");
  CHECK(problem("\xEF\xBB\xBF\xEF\xBB\xBF{}") == "?");
  CHECK(problem(form_with(R"({"name": "\ud800"})")) == "?");
}

TEST_CASE("duplicate keys in a form") {
  CHECK(problem(form_with(R"({"name": "a", "weight": 3, "权重": 3})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "name": "b"})")) == "?");
}

TEST_CASE("figures no real form holds") {
  CHECK(problem(form_with(R"({"name": "a", "weight": -3})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": 0})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": "150%"})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": NaN})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": "NaN"})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": "Infinity"})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": -Infinity})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": 1e400})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": "1e400"})")) == "?");
  CHECK(problem(form_with(R"({"name": "a", "weight": 123456789012345678901234567890})")) == "");
  CHECK(problem(form_with(R"({"name": "a", "weight": 1234567890123456789012345678901})")) == "?");
  CHECK(problem(R"({"schema": "jixiao.form/1", "year": "2021年13月", "jurisdiction": "北京", "indicators": []})") == "?");
  CHECK(problem(R"({"schema": "jixiao.form/1", "year": 99999999999999999999, "jurisdiction": "北京", "indicators": []})") == "?");
}

TEST_CASE("cells no real form holds are read without a crash") {
  using jixiao::values::cell_kind;
  using jixiao::values::parse_cell;
  CHECK(parse_cell("2021年13月", 2021).kind == cell_kind::text);
  CHECK(parse_cell("2021年2月30日前", 2021).kind == cell_kind::text);
  CHECK(parse_cell("≥1e400", 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("1234567890123456789012345678901234567890项", 2021).kind == cell_kind::text);
  CHECK(parse_cell("NaN", 2021).kind == cell_kind::text);
  CHECK(parse_cell("-5项", 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("150%", 2021).quantities.at(0).value.to_string() == "1.5");
  CHECK(parse_cell(std::string("10\0项", 4), 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("\xFF\xFE10项", 2021).kind == cell_kind::quantity);
  CHECK(jixiao::values::parse_amount("1e400").error() == "?");
  CHECK(jixiao::values::parse_amount("NaN").error() == "?");
  CHECK(jixiao::values::parse_amount("Infinity").error() == "?");
  CHECK(jixiao::values::parse_amount("1234567890123456789012345678901").error() == "?");
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
  CHECK(result.budget.note == "?");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].note == "?");
  CHECK(result.items[1].note == "?");
  CHECK(result.items[2].computed->to_string() == "5");
}
