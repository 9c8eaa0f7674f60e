// The formatter (dsl/formatter.hpp): every rule file in the repository formats idempotently to
// a text that means the same rules; messy inputs give exactly the canonical text in
// tests/golden/fmt/<case>.expected (JIXIAO_UPDATE_GOLDEN=1 rewrites them: review the diff).
#include "dsl/formatter.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast_dump.hpp"
#include "parse_helpers.hpp"

namespace {

namespace fs = std::filesystem;

using jixiao::dsl::dump_rules;
using jixiao::dsl::format_rules;
using jixiao::dsl::parse;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every *.rules file of the repository that is rules or test input, sorted.
std::vector<fs::path> repository_rule_files() {
  std::vector<fs::path> found;
  for (const char* folder : {"rules", "tests", "examples"}) {
    const fs::path root = fs::path(JIXIAO_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().extension() == ".rules") {
        found.push_back(entry.path());
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string formatted(const std::string& source) {
  auto result = format_rules(source, "test.rules");
  if (!result) {
    std::string shown;
    for (const auto& d : result.error()) {
      shown += jixiao::dsl::render(d, source);
    }
    FAIL(shown);
  }
  return *result;
}

std::string dump_of(const std::string& source) {
  auto parsed = parse(source, "test.rules");
  REQUIRE(parsed.has_value());
  return dump_rules(*parsed);
}

}  // namespace

TEST_CASE("every rule file in the repository formats idempotently to the same rules", "[dsl][fmt]") {
  const auto files = repository_rule_files();
  REQUIRE(files.size() >= 40);
  std::size_t formatted_files = 0;
  for (const auto& path : files) {
    const auto source = read(path);
    if (!parse(source, path.string())) {
      continue;  // the golden error cases
    }
    ++formatted_files;
    DYNAMIC_SECTION(fs::relative(path, JIXIAO_SOURCE_DIR).generic_string()) {
      const auto once = formatted(source);
      CHECK(formatted(once) == once);
      CHECK(dump_of(once) == dump_of(source));
    }
  }
  CHECK(formatted_files >= 20);
}

TEST_CASE("the bundled rule sets are in the canonical layout", "[dsl][fmt]") {
  for (const auto& path : repository_rule_files()) {
    const auto relative = fs::relative(path, JIXIAO_SOURCE_DIR).generic_string();
    if (!relative.starts_with("rules/")) continue;
    DYNAMIC_SECTION(relative) {
      const auto source = read(path);
      CHECK(formatted(source) == source);
    }
  }
}

TEST_CASE("golden formatting: messy input, canonical output", "[dsl][fmt][golden]") {
  const fs::path dir = fs::path(JIXIAO_SOURCE_DIR) / "tests/golden/fmt";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".rules") {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 6);
  const bool update = std::getenv("JIXIAO_UPDATE_GOLDEN") != nullptr;
  for (const auto& input : cases) {
    DYNAMIC_SECTION(input.stem().string()) {
      const auto source = read(input);
      const auto actual = formatted(source);
      auto expected_path = input;
      expected_path.replace_extension(".expected");
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << actual;
      }
      REQUIRE(fs::exists(expected_path));
      CHECK(actual == read(expected_path));
      CHECK(source != actual);  // each case must exercise the formatter
      CHECK(formatted(actual) == actual);
      CHECK(dump_of(actual) == dump_of(source));
    }
  }
}

TEST_CASE("the AST dump names what the source means, not how it is written", "[dsl][fmt]") {
  const std::string header = "ruleset t.1 {}\n";
  CHECK(dump_of(header + "let a = (1 × 2) ≥ x") == dump_of(header + "let a = 1*2>=x"));
  CHECK(dump_of(header + "let a = 1 * 2 + 3") != dump_of(header + "let a = 1 * (2 + 3)"));
  CHECK(dump_of(header + "let a = 80%") != dump_of(header + "let a = 0.8"));
  CHECK(dump_of(header + "rule r otherwise judged a [80%, 100%] when x, b [0, 80%)") ==
        "(ruleset t.1)\n"
        "(rule r (otherwise) (judged (band a [80% 100%] x) (band b [0 80%) ())))\n");
  CHECK(dump_of("ruleset t.1 { version \"1\" effective 2021-01-01 .. 2021-12-31 }\n"
                "table t { (-inf, 0) => -1 [0, ∞) => f(x.op, \"a\\\"b\") }\n"
                "check c.d warning on indicator at 得分 when a is not date and b not in (1) message \"m\"\n") ==
        "(ruleset t.1 (version \"1\") (effective 2021-01-01 2021-12-31))\n"
        "(table t (row (-inf 0) (-1)) (row [0 inf) f((x.op), \"a\\\"b\")))\n"
        "(check c.d warning (on indicator) (at 得分) (when ((a is not date) and (b not in (1)))) (message \"m\"))\n");
}

TEST_CASE("the formatter keeps the parentheses written and adds none", "[dsl][fmt]") {
  const std::string header = "ruleset t.1 {}\n";
  CHECK(formatted(header + "let a = (b + c) * d - (e) + ((f))") == header + "let a = (b + c) * d - (e) + (f)\n");
  CHECK(formatted(header + "let a = -(b) - - c") == header + "let a = -(b) - -c\n");
  CHECK(formatted(header + "let a = if b then c else d ? e : f") == header + "let a = if b then c else d ? e : f\n");
  CHECK(formatted(header + "let a = (deduct 1 per 3% of x whole cap 15) * 2") ==
        header + "let a = (deduct 1 per 3% of x whole cap 15) * 2\n");
}

TEST_CASE("a file that does not parse gives the parser's diagnostics", "[dsl][fmt]") {
  const std::string source = "ruleset t.1 {}\nlet a = (1 + 2\n";
  const auto result = format_rules(source, "bad.rules");
  REQUIRE_FALSE(result.has_value());
  REQUIRE(result.error().size() == 1);
  CHECK(jixiao::dsl::render(result.error().front(), source) ==
        "bad.rules:2:15: error: expected ')' to close '('\n"
        "let a = (1 + 2\n"
        "              ^\n"
        "bad.rules:2:9: note: to match this '('\n"
        "let a = (1 + 2\n"
        "        ^\n");
}

TEST_CASE("the parser records the header items in source order", "[dsl][fmt]") {
  const auto file = jixiao::dsl::testing::parse_ok("ruleset t.1 {\n  version \"1\"  decimals 02\n}\n");
  REQUIRE(file.header.items.size() == 2);
  CHECK(file.header.items[0].keyword == "version");
  CHECK(file.header.items[0].span.line == 2);
  CHECK(file.header.items[0].span.column == 3);
  CHECK(file.header.items[1].keyword == "decimals");
  CHECK(file.header.items[1].span.column == 16);
  CHECK(file.header.items[1].span.end - file.header.items[1].span.begin == std::string_view("decimals 02").size());
  CHECK(formatted("ruleset t.1 {\n  version \"1\"  decimals 02\n}\n") ==
        "ruleset t.1 {\n  version  \"1\"\n  decimals 02\n}\n");
}
