// Golden diagnostics: every tests/golden/dsl/<case>.rules must fail to parse with exactly the
// text in <case>.expected, carets included. Set JIXIAO_UPDATE_GOLDEN=1 to rewrite the expected
// files after a deliberate change, then review the diff.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parse_helpers.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path golden_dir = JIXIAO_SOURCE_DIR "/tests/golden/dsl";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> cases() {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(golden_dir)) {
    if (entry.path().extension() == ".rules") {
      found.push_back(entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

TEST_CASE("golden diagnostics", "[dsl][golden]") {
  const auto all = cases();
  REQUIRE(all.size() >= 11);
  const bool update = std::getenv("JIXIAO_UPDATE_GOLDEN") != nullptr;
  for (const auto& rules : all) {
    DYNAMIC_SECTION(rules.stem().string()) {
      const auto actual = jixiao::dsl::testing::parse_errors(read(rules), rules.filename().string());
      auto expected_path = rules;
      expected_path.replace_extension(".expected");
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << actual;
      }
      REQUIRE(fs::exists(expected_path));
      CHECK(actual == read(expected_path));
    }
  }
}

TEST_CASE("every bundled rule set parses", "[dsl][golden]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(JIXIAO_SOURCE_DIR "/rules")) {
    if (entry.path().extension() == ".rules") {
      files.push_back(entry.path());
    }
  }
  for (const auto& path : files) {
    DYNAMIC_SECTION(path.string()) {
      const auto parsed = jixiao::dsl::parse_file(path.string());
      std::string shown;
      if (!parsed) {
        for (const auto& d : parsed.error()) {
          shown += jixiao::dsl::render(d, read(path));
        }
      }
      INFO(shown);
      CHECK(parsed.has_value());
    }
  }
}
