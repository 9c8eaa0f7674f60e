// Test helpers: parse a snippet inside a minimal rule file and get at what it declares.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "dsl/ast_dump.hpp"
#include "dsl/parser.hpp"

namespace jixiao::dsl::testing {

inline const std::string header = "ruleset test.1 {}\n";

// Parses a file that must be valid; on failure the test fails with the diagnostics.
inline rule_file parse_ok(const std::string& text) {
  auto parsed = parse(text, "test.rules");
  if (!parsed) {
    std::string all;
    for (const auto& d : parsed.error()) {
      all += render(d, text);
    }
    FAIL_CHECK(all);
    return {};
  }
  return std::move(*parsed);
}

// The rendered diagnostics of a file that must fail to parse.
inline std::string parse_errors(const std::string& text, const std::string& path = "test.rules") {
  auto parsed = parse(text, path);
  if (parsed) {
    return "(parsed without errors)";
  }
  std::string all;
  for (const auto& d : parsed.error()) {
    all += render(d, text);
  }
  return all;
}

// An expression as dump_expression writes it, fully parenthesized, so that a test states the
// tree the parser built in one line: "((a + (b * c)) >= 1)".
inline std::string text(const expr_ptr& e) { return e ? dump_expression(*e) : "<null>"; }

template <typename Decl>
const Decl& declaration_at(const rule_file& file, std::size_t index) {
  REQUIRE(index < file.declarations.size());
  const auto* decl = std::get_if<Decl>(&file.declarations[index]);
  REQUIRE(decl != nullptr);
  return *decl;
}

}  // namespace jixiao::dsl::testing
