// span_at and render: positions in characters, carets in display columns.
#include "dsl/diagnostic.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {

using namespace jixiao::dsl;

diagnostic error_at(std::string_view source, std::size_t begin, std::size_t end, std::string message) {
  return {severity::error, "f.rules", span_at(source, begin, end), std::move(message), {}};
}

}  // namespace

TEST_CASE("span_at counts lines and characters", "[dsl][diagnostic]") {
  const std::string source = "ab\n分值 x\n";
  auto s = span_at(source, 0, 2);
  CHECK(s.line == 1);
  CHECK(s.column == 1);
  CHECK(s.end == 2);
  s = span_at(source, 10, 11);  // the x after "分值 "
  CHECK(s.line == 2);
  CHECK(s.column == 4);
  s = span_at(source, source.size(), source.size());
  CHECK(s.line == 3);
  CHECK(s.column == 1);
  CHECK(span_at("\xEF\xBB\xBFx", 3, 4).column == 1);
  CHECK(span_at(source, 99, 100).begin == source.size());
}

TEST_CASE("render aligns carets by display width", "[dsl][diagnostic]") {
  const std::string source = "let 宽限 = 分值 $ 1\n";
  // 宽限 and 分值 take two columns each.
  CHECK(render(error_at(source, 20, 21, "unexpected '$'"), source) ==
        "f.rules:1:13: error: unexpected '$'\n"
        "let 宽限 = 分值 $ 1\n"
        "                ^\n");
  CHECK(render(error_at(source, 13, 21, "whole"), source) ==
        "f.rules:1:10: error: whole\n"
        "let 宽限 = 分值 $ 1\n"
        "           ^~~~~~\n");
}

TEST_CASE("render expands tabs and stops at the end of the line", "[dsl][diagnostic]") {
  const std::string source = "\tx\t= 1\r\nnext\n";
  CHECK(render(error_at(source, 1, 2, "m"), source) ==
        "f.rules:1:2: error: m\n"
        "        x       = 1\n"
        "        ^\n");
  // A span running past the line is underlined to the end of the line.
  CHECK(render(error_at(source, 3, 12, "m"), source) ==
        "f.rules:1:4: error: m\n"
        "        x       = 1\n"
        "                ^~~\n");
  // An empty span at the end of the line still gets a caret.
  CHECK(render(error_at(source, 6, 6, "m"), source) ==
        "f.rules:1:7: error: m\n"
        "        x       = 1\n"
        "                   ^\n");
}

TEST_CASE("render prints notes and severities", "[dsl][diagnostic]") {
  const std::string source = "f(分,\n";
  diagnostic d = error_at(source, 6, 6, "expected ')' to close '('");
  d.level = severity::warning;
  d.notes.push_back({span_at(source, 1, 2), "to match this '('"});
  CHECK(render(d, source) ==
        "f.rules:1:5: warning: expected ')' to close '('\n"
        "f(分,\n"
        "     ^\n"
        "f.rules:1:2: note: to match this '('\n"
        "f(分,\n"
        " ^\n");
}
