// Declarations, the header and the lexical corners: everything the example file does not show.
#include <catch2/catch.hpp>
#include <string>

#include "parse_helpers.hpp"

namespace {

using namespace jixiao::dsl;
using namespace jixiao::dsl::testing;

std::string slice(const rule_file& file, const source_span& span) {
  return file.text.substr(span.begin, span.end - span.begin);
}

}  // namespace

TEST_CASE("header items come in any order and may be left out", "[dsl][header]") {
  const auto file =
      parse_ok("ruleset central-2020_v1.0 { decimals 0 source \"s\" effective 2020-02-29 .. 2020-12-31 }\n");
  CHECK(file.header.id == "central-2020_v1.0");
  CHECK(file.header.decimals == 0);
  CHECK(file.header.source == "s");
  CHECK(file.header.effective_from->day == 29);
  CHECK_FALSE(file.header.jurisdiction.has_value());
  CHECK_FALSE(file.header.version.has_value());
  CHECK(file.declarations.empty());

  const auto empty = parse_ok("ruleset x {}");
  CHECK(empty.header.id == "x");
  CHECK(empty.header.span.end == 12);
}

TEST_CASE("problems that do not stop the parse are all reported", "[dsl][header]") {
  const auto shown =
      parse_errors("ruleset t {\n decimals 1\n decimals 2\n effective 2021-02-30 .. 2021-04-31\n}\nlet = 1\n");
  CHECK_THAT(shown, Catch::Contains("test.rules:3:2: error: duplicate 'decimals' in ruleset header"));
  CHECK_THAT(shown, Catch::Contains("test.rules:2:2: note: 'decimals' first given here"));
  CHECK_THAT(shown, Catch::Contains("test.rules:4:12: error: invalid date 2021-02-30"));
  CHECK_THAT(shown, Catch::Contains("test.rules:4:26: error: invalid date 2021-04-31"));
  CHECK_THAT(shown, Catch::Contains("test.rules:6:5: error: expected a name after 'let'"));

  const auto parsed = parse("ruleset t {\n decimals 1\n decimals 2\n}\n", "t.rules");
  REQUIRE_FALSE(parsed);
  REQUIRE(parsed.error().size() == 1);
  CHECK(parsed.error()[0].notes.size() == 1);
}

TEST_CASE("leap days are valid dates", "[dsl][header]") {
  CHECK(parse_ok("ruleset t { effective 2024-02-29 .. 2000-02-29 }").header.effective_to->year == 2000);
  CHECK_THAT(parse_errors("ruleset t { effective 1900-02-29 .. 2000-02-29 }"),
             Catch::Contains("invalid date 1900-02-29"));
}

TEST_CASE("rules, groups and their bodies", "[dsl][declaration]") {
  const auto file = parse_ok(header +
                             "group 组 when 分值 is number score = 1\n"
                             "rule 甲 when a not applicable\n"
                             "rule 乙 when a is not_applicable not applicable\n"
                             "rule 丙 when a is not date score = 1\n"
                             "rule 丁 otherwise judged 好 (-inf, ∞) when x, 坏 [-∞, inf]\n");
  const auto& group = declaration_at<rule_decl>(file, 0);
  CHECK(group.is_group);
  CHECK(text(std::get<score_body>(group.body).value) == "1");
  CHECK(std::holds_alternative<not_applicable_body>(declaration_at<rule_decl>(file, 1).body));
  CHECK(text(declaration_at<rule_decl>(file, 1).when) == "a");
  CHECK(text(declaration_at<rule_decl>(file, 2).when) == "(a is not_applicable)");
  CHECK(text(declaration_at<rule_decl>(file, 3).when) == "(a is not date)");
  const auto& bands = std::get<judged_body>(declaration_at<rule_decl>(file, 4).body).bands;
  REQUIRE(bands.size() == 2);
  CHECK(bands[0].range.lower == nullptr);
  CHECK(bands[0].range.upper == nullptr);
  CHECK_FALSE(bands[0].range.lower_closed);
  CHECK(text(bands[0].when) == "x");
  CHECK(bands[1].range.lower_closed);
  CHECK(bands[1].range.upper_closed);
}

TEST_CASE("tables and grades", "[dsl][declaration]") {
  const auto file = parse_ok(header +
                             "table t { [1, 2) => 甲\n (2, 3) => 乙, }\n"
                             "grade ≥ 90 \"优\", > 80 \"良\", == 70 \"中\", ≤ 60 \"差\", < 0 \"无\"\n");
  const auto& t = declaration_at<table_decl>(file, 0);
  // The name at the end of the first row does not call the second row's "(2, 3)".
  REQUIRE(t.rows.size() == 2);
  CHECK(text(t.rows[0].value) == "甲");
  CHECK_FALSE(t.rows[1].key.lower_closed);
  const auto negative = parse_ok(header + "table t { [-5, -1) => -1 (- inf, -5) => 0 }\n");
  const auto& rows = declaration_at<table_decl>(negative, 0).rows;
  REQUIRE(rows.size() == 2);
  CHECK(text(rows[0].key.lower) == "(-5)");
  CHECK(text(rows[0].key.upper) == "(-1)");
  CHECK(text(rows[0].value) == "(-1)");
  CHECK(rows[1].key.lower == nullptr);
  CHECK(text(rows[1].key.upper) == "(-5)");
  const auto& g = declaration_at<grade_decl>(file, 1);
  REQUIRE(g.arms.size() == 5);
  CHECK(g.arms[0].comparison == binary_op::greater_equal);
  CHECK(g.arms[1].comparison == binary_op::greater);
  CHECK(g.arms[2].comparison == binary_op::equal);
  CHECK(g.arms[3].comparison == binary_op::less_equal);
  CHECK(g.arms[4].comparison == binary_op::less);
}

TEST_CASE("lexical corners", "[dsl][lexical]") {
  SECTION("a byte order mark and CRLF line ends") {
    const auto file = parse_ok("\xEF\xBB\xBFruleset t {}\r\nlet 甲 = 1 # 注释\r\n");
    CHECK(file.header.span.column == 1);
    CHECK(file.header.span.begin == 3);
    const auto& let = declaration_at<let_decl>(file, 0);
    CHECK(let.name_span.line == 2);
    CHECK(let.name_span.column == 5);
    REQUIRE(file.comments.size() == 1);
    CHECK(file.comments[0].text == " 注释");
  }
  SECTION("the ideographic space separates tokens") {
    const auto file = parse_ok(header + "let\u3000甲\u3000=\u30001\n");
    CHECK(declaration_at<let_decl>(file, 0).name == "甲");
    CHECK(declaration_at<let_decl>(file, 0).name_span.column == 5);
  }
  SECTION("comments are recorded once, even where the parser looks ahead") {
    const auto file = parse_ok(header + "# one\nrule 甲 when a # two\n  # three\n not applicable # four\n");
    REQUIRE(file.comments.size() == 4);
    CHECK(file.comments[1].text == " two");
    CHECK(file.comments[1].span.line == 3);
    CHECK(file.comments[1].span.column == 15);
    CHECK(file.comments[3].text == " four");
  }
  SECTION("identifiers: CJK, extension B, digits after the first character") {
    const auto file = parse_ok(header + "let 𠀀x_1 = 指标2\n");
    CHECK(declaration_at<let_decl>(file, 0).name == "𠀀x_1");
    CHECK(text(declaration_at<let_decl>(file, 0).value) == "指标2");
  }
  SECTION("keywords are whole words; after a dot any word is a field") {
    const auto file = parse_ok(header + "let notable = rated + scores.score + x.rate\n");
    CHECK(declaration_at<let_decl>(file, 0).name == "notable");
    CHECK(text(declaration_at<let_decl>(file, 0).value) == "((rated + (scores.score)) + (x.rate))");
  }
  SECTION("a call's parenthesis must be on the callee's line") {
    CHECK_THAT(parse_errors(header + "let x = f\n(1)\n"),
               Catch::Contains("test.rules:3:1: error: expected a declaration"));
  }
}

TEST_CASE("spans of declarations", "[dsl][spans]") {
  const auto file = parse_ok(header + "\n  rule 甲 when a\n    score = 1 + 2  # done\n");
  const auto& r = declaration_at<rule_decl>(file, 0);
  CHECK(r.span.line == 3);
  CHECK(r.span.column == 3);
  CHECK(slice(file, r.span) == "rule 甲 when a\n    score = 1 + 2");
  CHECK(span_at(file.text, r.span.begin, r.span.end).column == r.span.column);
  CHECK(span_at(file.text, r.name_span.begin, r.name_span.end).line == r.name_span.line);
}

TEST_CASE("parse_file reports a missing file", "[dsl][file]") {
  const auto parsed = parse_file("/nonexistent/jixiao.rules");
  REQUIRE_FALSE(parsed);
  REQUIRE(parsed.error().size() == 1);
  const auto& d = parsed.error()[0];
  CHECK(d.file == "/nonexistent/jixiao.rules");
  CHECK(d.span.line == 0);
  CHECK(render(d, "") == "/nonexistent/jixiao.rules: error: cannot read the rule file: No such file or directory\n");
  CHECK_FALSE(parse_file(JIXIAO_SOURCE_DIR "/tests").has_value());
}

TEST_CASE("bytes that are not UTF-8 are reported, not parsed", "[dsl][file]") {
  CHECK(parse_errors("ruleset t {}\nlet x = \"\xC4\xE3\"\n") ==
        "test.rules:2:10: error: invalid UTF-8 (byte 0xC4); save the file as UTF-8, not GBK\n"
        "let x = \"\xC4\xE3\"\n"
        "         ^\n");
}

TEST_CASE("nesting is limited before it can exhaust the stack", "[dsl][robustness]") {
  const auto parens = [](std::size_t n) {
    return header + "let x = " + std::string(n, '(') + "1" + std::string(n, ')') + "\n";
  };
  const auto sum = [](std::size_t n) {
    std::string s = header + "let x = 1";
    for (std::size_t i = 0; i < n; ++i) {
      s += " + 1";
    }
    return s + "\n";
  };
  CHECK(parse(parens(200), "t").has_value());
  CHECK(parse(sum(200), "t").has_value());
  CHECK_THAT(parse_errors(parens(100000)),
             Catch::StartsWith("test.rules:2:265: error: expression nested too deeply (more than 256 levels)"));
  CHECK_THAT(parse_errors(sum(100000)),
             Catch::StartsWith("test.rules:2:9: error: expression nested too deeply (more than 256 levels)"));
  CHECK_THAT(parse_errors(header + "let x = " + std::string(100000, '-') + "1\n"),
             Catch::Contains("nested too deeply"));
}

TEST_CASE("odd input never throws", "[dsl][robustness]") {
  const auto inputs =
      GENERATE(as<std::string>{}, "", "ruleset", "ruleset t {", "\"", "ruleset t {}\nrule", "ruleset t {}\ntable t { [",
               "ruleset t {}\nlet x = \"\\", "#", std::string("ruleset t {}\nlet x = \0", 22));
  CHECK_NOTHROW(parse(inputs, "t"));
  CHECK_FALSE(parse(inputs, "t").has_value());
}
