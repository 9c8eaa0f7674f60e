// Hostile forms and cells: bytes a spreadsheet export or a hand edit can leave behind, and
// figures no real form holds. Each is refused with a message naming the place, or read and
// scored as written, and `jixiao lint` tells the reviewer of the figures no real form holds;
// tests/golden/forms/bad pins more (invalid UTF-8, a lone BOM, an empty file, duplicate keys,
// exponents).
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/form.hpp"
#include "engine/lint.hpp"
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

// The findings of `jixiao lint` under the bundled rule sets, as "check severity path: message".
std::vector<std::string> lint(std::string_view json) {
  static const jixiao::engine::catalog rules = [] {
    auto c = jixiao::engine::load_catalog((std::filesystem::path(JIXIAO_SOURCE_DIR) / "rules").string());
    REQUIRE(c.problems.empty());
    return c;
  }();
  auto f = load_form(json, "f.json");
  REQUIRE(f);
  auto program = jixiao::engine::select_ruleset(rules, *f);
  REQUIRE(program);
  std::vector<std::string> out;
  for (const auto& x : jixiao::engine::lint_form(**program, *f).findings)
    out.push_back(fmt::format("{} {} {}: {}", x.check, jixiao::engine::severity_name(x.severity), x.path, x.message));
  return out;
}

bool has(const std::vector<std::string>& all, std::string_view finding) {
  for (const auto& x : all)
    if (x == finding) return true;
  UNSCOPED_INFO("not found: " << finding);
  return false;
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
  {
    // 30 digits are read exactly, not through a double.
    auto f = load_form(form_with(R"({"name": "a", "weight": 123456789012345678901234567890, "score": "123456789012345678901234567.891"})"), "f.json");
    REQUIRE(f);
    CHECK(f->indicators.at(0).weight.value.to_string() == "123456789012345678901234567890");
    CHECK(f->indicators.at(0).score.value.to_string() == "123456789012345678901234567.891");
  }
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
  CHECK(parse_cell("1234567890123456789012345678901项", 2021).kind == cell_kind::text);
  CHECK(parse_cell("123456789012345678901234567890项", 2021).quantities.at(0).value.to_string() ==
        "123456789012345678901234567890");
  CHECK(parse_cell("Infinity", 2021).kind == cell_kind::text);
  CHECK(parse_cell("NaN", 2021).kind == cell_kind::text);
  CHECK(parse_cell("-5项", 2021).kind == cell_kind::quantity);
  // Zero targets written without a comparator read as "nothing"; with one, as the quantity 0.
  CHECK(parse_cell("0次", 2021).kind == cell_kind::nothing);
  CHECK(parse_cell("无", 2021).kind == cell_kind::nothing);
  CHECK(parse_cell("=0次", 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("150%", 2021).quantities.at(0).value.to_string() == "1.5");
  CHECK(parse_cell("10\0项"s, 2021).kind == cell_kind::quantity);
  CHECK(parse_cell("\xFF\xFE" "10项", 2021).kind == cell_kind::quantity);
  CHECK(jixiao::values::parse_amount("1e400").error() == "expected a number such as 7.47 or 74.69%, got \"1e400\"");
  CHECK(jixiao::values::parse_amount("NaN").error() == "expected a number such as 7.47 or 74.69%, got \"NaN\"");
  CHECK(jixiao::values::parse_amount("Infinity").error() == "expected a number such as 7.47 or 74.69%, got \"Infinity\"");
  CHECK(jixiao::values::parse_amount("1234567890123456789012345678901").error() ==
        "number too large: \"1234567890123456789012345678901\" has more than 30 significant digits");
}

// The scorer takes the figures as written (above); lint must not let them pass unnoticed.
TEST_CASE("a reviewer is told of negative and zero weights, targets and budget figures") {
  const auto all = lint(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
    "budget": {"rows": [{"name": "年度资金总额", "initial": "-100", "annual": "0", "executed": "5",
                         "weight": -10, "rate": "—", "score": 0}]},
    "indicators": [
      {"level1": "产出指标", "level2": "数量指标", "name": "a", "target": "10项", "actual": "10项", "weight": -3, "score": 0},
      {"level1": "产出指标", "level2": "数量指标", "name": "b", "target": "10项", "actual": "10项", "weight": 0, "score": 0},
      {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "投诉次数", "target": "0次", "actual": "0次",
       "weight": 10, "score": 10},
      {"level1": "效益指标", "level2": "社会效益指标", "name": "不适用", "target": "—", "actual": "—", "weight": "—",
       "score": "—"}]})");
  CHECK(has(all, "weight.negative error indicators[0].weight: 「a」分值 -3 为负数，分值应大于 0"));
  CHECK(has(all, "weight.zero warning indicators[1].weight: 「b」分值为 0，不计分；不适用的指标应填“—”或“不适用”，否则须核实分值"));
  CHECK(has(all, "target.nothing warning indicators[2].target: 「投诉次数」的年度指标值 0次 读作“没有”，无法据以衡量完成情况；"
                 "目标为零应写“=0次”或“≤0次”，不适用应填“—”"));
  CHECK(has(all, "budget.negative-initial error budget.rows[0].initial: 年度资金总额的年初预算数 -100 为负数，金额不能小于 0"));
  CHECK(has(all, "budget.annual-zero warning budget.rows[0].annual: 年度资金总额的全年预算数为 0，无法计算执行率和预算执行得分，须核实金额"));
  CHECK(has(all, "budget.weight-negative error budget.rows[0].weight: 预算执行的分值 -10 为负数，分值应大于 0"));
  // The row marked — is not applicable, not a zero weight.
  for (const auto& x : all) CHECK_FALSE(x.starts_with("weight.zero warning indicators[3]"));

  // A negative group weight is reported on the group, not again on each member's share.
  const auto groups = lint(R"({"schema": "jixiao.form/1", "year": 2020, "jurisdiction": "深圳",
    "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "a", "target": "10项", "actual": "10项"},
                   {"level1": "产出指标", "level2": "质量指标", "name": "b", "target": "合格", "actual": "合格"}],
    "groups": [{"level1": "产出指标", "level2": "数量指标", "weight": -20, "score": -20},
               {"level1": "产出指标", "level2": "质量指标", "weight": 0, "score": 0}]})");
  CHECK(has(groups, "group.weight-negative error groups[0].weight: 「数量指标」组分值 -20 为负数，分值应大于 0"));
  CHECK(has(groups, "group.weight-zero warning groups[1].weight: 「质量指标」组分值为 0，组内指标都不计分；不适用的组应填“—”或“不适用”，否则须核实分值"));
  for (const auto& x : groups) {
    CHECK_FALSE(x.starts_with("weight.negative"));
    CHECK_FALSE(x.starts_with("weight.zero"));
  }

  // A budget weight of 0 has no check of its own: the weights no longer add to 100.
  const auto budget = lint(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
    "budget": {"rows": [{"name": "年度资金总额", "initial": "100", "annual": "100", "executed": "100",
                         "weight": 0, "rate": "100.00%", "score": 0}]},
    "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "a", "target": "10项", "actual": "10项",
                    "weight": 90, "score": 90}]})");
  CHECK(has(budget, "weights.total warning total.weight: 预算执行与各指标的分值之和为 90，应为 100"));
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

// The loader checks each value's type before it looks inside, so no depth of nesting is ever
// walked: 100 000 nested arrays where a text or an object belongs are refused for their type.
TEST_CASE("deeply nested arrays in a form are refused for their type, whatever the depth") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(problem(form_with(R"({"name": "a", "target": )" + deep + "}")) == "indicators[0].target: expected a string, got an array");
  CHECK(problem(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京", "indicators": [], "goals": )" +
                deep + "}") == "goals: expected an object, got an array");
  CHECK(problem(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京", "indicators": )" + deep + "}") ==
        "indicators[0]: expected an object, got an array");
}

// Found by the values fuzz target: C0 8D, an overlong encoding of '\r', decoded as '\r', and
// the line-break joining in the cell reader then never moved past it (an endless loop that
// also grew memory without bound). Overlong forms now decode as U+FFFD.
TEST_CASE("an overlong encoding of a line break in a cell") {
  const auto c = jixiao::values::parse_cell("a0\xC0\x8D" "1项", 2021);
  CHECK(c.kind == jixiao::values::cell_kind::quantity);
  CHECK(c.text == "a0\xC0\x8D" "1项");
}
