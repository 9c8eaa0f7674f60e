// Hostile rule files: odd bytes, huge numbers, deep nesting, definitions that blow up when
// copied into their uses, and a rule that divides by zero for some forms. Each gives a clean
// diagnostic or a clean outcome, never a crash, a hang or runaway memory.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/form.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"

namespace {

using namespace std::string_literals;
using jixiao::engine::compile;
using jixiao::engine::load_form;
using jixiao::engine::score_form;

const std::string header = R"(ruleset test.2021 {
  jurisdiction "北京"
  version      "1"
  effective    2021-01-01 .. 2021-12-31
  decimals     2
}
)";

// The first diagnostic of parsing and compiling `text`, as "line:col: message", or "" when
// the rule file compiles.
std::string first_problem(const std::string& text) {
  auto parsed = jixiao::dsl::parse(text, "t.rules");
  if (!parsed) {
    const auto& d = parsed.error().front();
    return fmt::format("{}:{}: {}", d.span.line, d.span.column, d.message);
  }
  auto compiled = compile(std::move(*parsed));
  if (!compiled) {
    const auto& d = compiled.error().front();
    return fmt::format("{}:{}: {}", d.span.line, d.span.column, d.message);
  }
  return "";
}

// A folder of rule files in the temporary folder, removed when the test ends.
class scratch {
public:
  scratch() : m_dir(std::filesystem::temp_directory_path() / fmt::format("jixiao-hostile-rules-{}", ::getpid())) {
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
  }
  ~scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(m_dir / name, std::ios::binary) << text;
    return (m_dir / name).generic_string();
  }
  std::string dir() const { return m_dir.generic_string(); }

private:
  std::filesystem::path m_dir;
};

// The first diagnostic of loading the rule set at `path` (includes and parents followed), or "".
std::string load_problem(const std::string& path) {
  auto loaded = jixiao::engine::load_ruleset(path);
  return loaded ? "" : loaded.error().front().message;
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("odd bytes in a rule file give a diagnostic with a position") {
  CHECK(first_problem("") ==
        "1:1: unexpected end of input; expected the 'ruleset' header (or 'library' for shared declarations) "
        "before any declaration");
  CHECK(first_problem("\xEF\xBB\xBF" + header + "rule r otherwise\n  score = 1\n") == "");
  CHECK(first_problem("ruleset test.2021 {\r\n  jurisdiction \"北京\"\r\n  version \"1\"\r\n"
                      "  effective 2021-01-01 .. 2021-12-31\r\n}\r\nrule r otherwise\r\n  score = 1\r\n") == "");
  CHECK(first_problem(header + "rule r otherwise\n  score = 1\0\n"s) == "8:12: unexpected U+0000; expected a declaration (rule, group, budget, let, table, grade, check, include, override or remove)");
  CHECK(first_problem(header + std::string("rule r otherwise\n  score = \"a\xFF\"\n")) ==
        "8:13: invalid UTF-8 (byte 0xFF); save the file as UTF-8, not GBK");
  CHECK(first_problem(header + "rule r otherwise\n  score = 1 \0 + 1\n"s) == "8:13: unexpected U+0000; expected a declaration (rule, group, budget, let, table, grade, check, include, override or remove)");
}

TEST_CASE("number literals too large for an exact decimal are refused") {
  CHECK(first_problem(header + "rule r otherwise\n  score = 1e400\n") ==
        "8:11: exponent notation is not supported: write the number in full, like 100000");
  CHECK(first_problem(header + "rule r otherwise\n  score = 123456789012345678901234567890\n") == "");
  CHECK(first_problem(header + "rule r otherwise\n  score = 1234567890123456789012345678901\n") ==
        "8:11: number too large: \"1234567890123456789012345678901\" has more than 30 significant digits");
  CHECK(first_problem(header + "rule r otherwise\n  score = 0.0000000000000000000000000000001\n") ==
        "8:11: number too precise: \"0.0000000000000000000000000000001\" has more than 30 decimals");
}

TEST_CASE("NaN and Infinity spelled out in a rule file are unknown names") {
  CHECK(first_problem(header + "rule r otherwise\n  score = NaN\n") == "8:11: unknown name 'NaN'");
  CHECK(first_problem(header + "rule r otherwise\n  score = -Infinity\n") == "8:12: unknown name 'Infinity'");
}

// Through a double both literals would be 1.2345678901234568e29 and the difference 0.
TEST_CASE("a 30-digit literal is evaluated exactly") {
  auto parsed = jixiao::dsl::parse(header + "rule r otherwise\n  score = 123456789012345678901234567890 - 123456789012345678901234567889\n",
                                   "t.rules");
  REQUIRE(parsed);
  auto compiled = compile(std::move(*parsed));
  REQUIRE(compiled);
  auto f = load_form(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
    "indicators": [{"name": "a", "target": "10项", "actual": "5项", "weight": 5, "score": 0.5}]})", "f.json");
  REQUIRE(f);
  auto result = score_form(*compiled, *f);
  REQUIRE(result.items.size() == 1);
  REQUIRE(result.items[0].computed);
  CHECK(result.items[0].computed->to_string() == "1");
}

TEST_CASE("a rule set that includes or extends itself is an error, not a loop") {
  scratch s;
  const std::string d = s.dir();
  // A rule set that includes itself.
  const auto self = s.write("self.rules", header + "include \"self.rules\"\nrule r otherwise\n  score = 1\n");
  CHECK(load_problem(self) == d + "/self.rules includes itself (through " + d + "/self.rules)");
  // Libraries that include each other, reached from a rule set.
  s.write("a.rules", "library a\ninclude \"b.rules\"\n");
  s.write("b.rules", "library b\ninclude \"a.rules\"\n");
  const auto user = s.write("user.rules", header + "include \"a.rules\"\nrule r otherwise\n  score = 1\n");
  CHECK(load_problem(user) == d + "/a.rules includes itself (through " + d + "/b.rules)");
  // A rule set that extends itself.
  const auto parent = s.write("parent.rules", "ruleset p.2021 {\n  extends \"parent.rules\"\n  jurisdiction \"北京\"\n"
                                              "  version \"1\"\n  effective 2021-01-01 .. 2021-12-31\n}\n");
  CHECK(load_problem(parent) == "inheritance cycle: " + d + "/parent.rules → " + d + "/parent.rules");
}

TEST_CASE("nesting deeper than 256 levels is refused by the parser") {
  CHECK(first_problem(header + "rule r otherwise\n  score = " + repeat("(", 255) + "1" + repeat(")", 255) + "\n") == "");
  CHECK(first_problem(header + "rule r otherwise\n  score = " + repeat("(", 300) + "1" + repeat(")", 300) + "\n") ==
        "8:267: expression nested too deeply (more than 256 levels)");
  CHECK(first_problem(header + "rule r otherwise\n  score = " + repeat("-", 300) + "1\n") == "8:267: expression nested too deeply (more than 256 levels)");
  CHECK(first_problem(header + "rule r otherwise\n  score = 1" + repeat(" + 1", 300) + "\n") == "8:11: expression nested too deeply (more than 256 levels)");
}

TEST_CASE("definitions copied into their uses cannot blow up the plan") {
  // Each definition uses the one before twice: 40 links would plan 2^40 nodes.
  std::string doubling = header + "let d0 = 分值\n";
  for (int i = 1; i <= 40; ++i) doubling += fmt::format("let d{} = d{} + d{}\n", i, i - 1, i - 1);
  doubling += "rule r otherwise\n  score = d40\n";
  CHECK(first_problem(doubling) ==
        "10:15: the planned rule set has more than 100000 nodes once definitions are copied into their uses "
        "(expanding definition 'd3'); use fewer or shallower definitions");

  // A chain of 2000 definitions, each used once, nests the plan 2000 levels deep.
  std::string chain = header + "let c0 = 分值\n";
  for (int i = 1; i <= 2000; ++i) chain += fmt::format("let c{} = c{} + 1\n", i, i - 1);
  chain += "rule r otherwise\n  score = c2000\n";
  CHECK(first_problem(chain) ==
        "1496:13: the planned rule set nests more than 1024 levels deep once definitions are copied into their "
        "uses (expanding definition 'c1489'); use fewer or shallower definitions");
}

TEST_CASE("a plan at the depth limit still evaluates") {
  std::string chain = header + "let c0 = 分值\n";
  // Each link plans two levels (the addition, then the name): 500 links are 1000 levels deep.
  for (int i = 1; i <= 500; ++i) chain += fmt::format("let c{} = c{} + 0\n", i, i - 1);
  chain += "rule r otherwise\n  score = c500\n";
  auto parsed = jixiao::dsl::parse(chain, "t.rules");
  REQUIRE(parsed);
  auto compiled = compile(std::move(*parsed));
  REQUIRE(compiled);
  auto f = load_form(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
    "indicators": [{"name": "a", "target": "10", "actual": "10", "weight": 5, "score": 5}]})", "f.json");
  REQUIRE(f);
  auto result = score_form(*compiled, *f);
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].computed->to_string() == "5");
}

TEST_CASE("a rule that divides by zero for some forms leaves those indicators unscored") {
  auto parsed = jixiao::dsl::parse(header + "rule r otherwise\n  score = 分值 * 5 / (分值 - 4)\n",
                                   "t.rules");
  REQUIRE(parsed);
  auto compiled = compile(std::move(*parsed));
  REQUIRE(compiled);
  auto f = load_form(R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京",
    "indicators": [{"name": "a", "target": "10项", "actual": "5项", "weight": 5, "score": 2},
                   {"name": "b", "target": "10项", "actual": "5项", "weight": 4, "score": 4}]})", "f.json");
  REQUIRE(f);
  auto result = score_form(*compiled, *f);
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].result == jixiao::engine::outcome::computed);
  CHECK(result.items[0].computed->to_string() == "25");
  CHECK(result.items[1].result == jixiao::engine::outcome::unscored);
  CHECK(result.items[1].note == "rule r: division by zero: 0 is 0");
  CHECK(result.unscored == 1);
}
