// Precedence and associativity: each expression is parsed as `let x = ...` and printed fully
// parenthesized.
#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "parse_helpers.hpp"

namespace {

using namespace jixiao::dsl;
using namespace jixiao::dsl::testing;

std::string tree(const std::string& source) {
  const auto file = parse_ok(header + "let x = " + source + "\n");
  if (file.declarations.size() != 1) {
    return "(no declaration)";
  }
  return text(std::get<let_decl>(file.declarations[0]).value);
}

}  // namespace

TEST_CASE("operators bind by the precedence ladder", "[dsl][expression]") {
  const auto [source, expected] = GENERATE(table<std::string, std::string>({
      {"1 + 2 * 3", "(1 + (2 * 3))"},
      {"1 * 2 + 3", "((1 * 2) + 3)"},
      {"1 - 2 - 3", "((1 - 2) - 3)"},
      {"8 / 4 / 2", "((8 / 4) / 2)"},
      {"2 × 3 ÷ 4", "((2 * 3) / 4)"},
      {"-a * b", "((-a) * b)"},
      {"-a.b", "(-(a.b))"},
      {"- -a", "(-(-a))"},
      {"a.b.c", "((a.b).c)"},
      {"a + b < c * d", "((a + b) < (c * d))"},
      {"a < b and c > d or e", "(((a < b) and (c > d)) or e)"},
      {"a or b and c", "(a or (b and c))"},
      {"a and b and c", "((a and b) and c)"},
      {"a or b or c", "((a or b) or c)"},
      {"not a and b", "((not a) and b)"},
      {"not a == b", "(not (a == b))"},
      {"not not a", "(not (not a))"},
      {"a ? b : c ? d : e", "(a ? b : (c ? d : e))"},
      {"a ? b ? c : d : e", "(a ? (b ? c : d) : e)"},
      {"a or b ? c : d", "((a or b) ? c : d)"},
      {"if a then b else c", "(a ? b : c)"},
      {"if a then b else if c then d else e", "(a ? b : (c ? d : e))"},
      {"if a then b else c ? d : e", "(a ? b : (c ? d : e))"},
      {"(a + b) * c", "((a + b) * c)"},
      {"a ≥ b", "(a >= b)"},
      {"a ≤ b", "(a <= b)"},
      {"a ≠ b", "(a != b)"},
      {"a != b", "(a != b)"},
      {"x in (1, 2) and y not in (\"a\")", "((x in (1, 2)) and (y not in (\"a\")))"},
      {"x is date or x is not quantity", "((x is date) or (x is not quantity))"},
      {"年度指标值.op in (\"<=\", \"<\")", "((年度指标值.op) in (\"<=\", \"<\"))"},
      {"f(a, g(b), c.d)", "f(a, g(b), (c.d))"},
      {"f()", "f()"},
      {"f (a)", "f(a)"},
      {"80% * 分值", "(80% * 分值)"},
      {"2021-01-01", "2021-01-01"},
      {"2021 - 01", "(2021 - 01)"},
      {"\"a\\\"b\\\\c\\nd\"", "\"a\\\"b\\\\c\\nd\""},
      {"true and false", "(true and false)"},
      {"rate * 2", "(rate * 2)"},
      {"inform + iffy + orange", "((inform + iffy) + orange)"},
      {"分值 - 0.1 * 分值 * months_late(a, b)", "(分值 - ((0.1 * 分值) * months_late(a, b)))"},
      {"deduct 1 per 3% of abs(x - 1) whole cap 15", "(deduct 1 per 3% of abs((x - 1)) whole cap 15)"},
      {"deduct 0.5 per 1 of a + b prorata", "(deduct 0.5 per 1 of (a + b) prorata)"},
      {"10 - deduct 1 per 2 of x whole * 3", "(10 - ((deduct 1 per 2 of x whole) * 3))"},
      {"deduct 1 per 2 of x whole cap 3 + 4", "(deduct 1 per 2 of x whole cap (3 + 4))"},
  }));
  DYNAMIC_SECTION(source) { CHECK(tree(source) == expected); }
}

TEST_CASE("comparisons do not chain", "[dsl][expression]") {
  const auto source =
      GENERATE(as<std::string>{}, "a < b < c", "a == b is date", "a is date in (1)", "a < b not in (1)");
  DYNAMIC_SECTION(source) {
    CHECK_THAT(parse_errors(header + "let x = " + source + "\n"), Catch::Contains("comparisons cannot be chained"));
  }
}

TEST_CASE("numbers written with an exponent are refused at the number", "[dsl][expression]") {
  const auto [source, carets] = GENERATE(table<std::string, std::string>({
      {"1e5", "^~~"},
      {"1E5", "^~~"},
      {"2.5e-3", "^~~~~~"},
      {"1e+400", "^~~~~~"},
      {"80e5%", "^~~~"},
  }));
  DYNAMIC_SECTION(source) {
    // 分值 takes two columns: the number begins at character 14, in the 16th column.
    const auto line = "let x = 分值 * " + source + "\n";
    CHECK(parse_errors(header + line) ==
          "test.rules:2:14: error: exponent notation is not supported: write the number in full, like 100000\n" + line +
              std::string(15, ' ') + carets + "\n");
  }
}

TEST_CASE("an 'e' after a number that begins no exponent is not one", "[dsl][expression]") {
  CHECK(tree("if a then 2else 3") == "(a ? 2 : 3)");
  CHECK_THAT(parse_errors(header + "let x = 2e\n"), !Catch::Contains("exponent"));
}

TEST_CASE("expression nodes carry spans", "[dsl][expression]") {
  const auto file = parse_ok(header + "let x = (a + 分值) * f(b)\n");
  const auto& value = std::get<let_decl>(file.declarations[0]).value;
  CHECK(value->span.line == 2);
  CHECK(value->span.column == 9);
  CHECK(file.text.substr(value->span.begin, value->span.end - value->span.begin) == "(a + 分值) * f(b)");
  const auto& product = std::get<binary>(value->node);
  CHECK(file.text.substr(product.lhs->span.begin, product.lhs->span.end - product.lhs->span.begin) == "(a + 分值)");
  const auto& callee = std::get<call>(product.rhs->node);
  CHECK(callee.callee_span.column == 20);
  CHECK(product.rhs->span.column == 20);
}
