// The static checks that look at a whole planned rule set rather than one expression at a
// time: conditions that can never hold or always hold, rules that an earlier rule shadows,
// interval tables with overlapping rows, gaps or keys they do not cover, judged bands that
// overlap or leave part of [0, 100%] uncovered, and definitions nothing uses. The compiler
// plans the rule set (names resolved, definitions copied into their uses, constants read) and
// then calls run_static_checks, which reads that plan together with the declarations it was
// planned from. docs/static-checks.md lists every check with its code.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "engine/assembly.hpp"
#include "engine/program.hpp"

namespace jixiao::engine {

// A planned rule (program::rules or program::group_rules, same index), the declaration it was
// planned from and its file. `clean` is false when planning it reported an error: the
// analyses then leave it alone rather than reason about a half-planned condition.
struct rule_origin {
  const dsl::rule_decl* decl = nullptr;
  const dsl::rule_file* file = nullptr;
  bool clean = true;
};

// program::tables, same index; when clean, the planned rows are the declared rows in order.
struct table_origin {
  const dsl::table_decl* decl = nullptr;
  const dsl::rule_file* file = nullptr;
  bool clean = true;
};

// program::checks, same index.
struct check_origin {
  const dsl::check_decl* decl = nullptr;
  const dsl::rule_file* file = nullptr;
  bool clean = true;
};

// A planned call of a table: program::nodes[call] is the table_call node.
struct table_call_site {
  std::size_t table = 0;
  node_index call = no_node;
};

// A `let` definition or a table, and whether anything in the rule set uses it.
struct definition_use {
  std::string_view what;  // "definition" or "table"
  std::string_view name;
  dsl::source_span span;  // the name where it is defined
  const dsl::rule_file* file = nullptr;
  bool used = false;
};

struct static_check_input {
  const assembled_ruleset& set;
  const program& planned;
  const std::vector<const dsl::rule_file*>& node_files;  // per planned node: the file its span is in
  std::vector<rule_origin> rules;
  std::vector<rule_origin> group_rules;
  std::vector<table_origin> tables;
  std::vector<check_origin> checks;
  std::vector<table_call_site> table_calls;
  std::vector<definition_use> definitions;
};

// Every problem the whole-rule-set analyses find, errors and warnings, each with its code.
dsl::diagnostics run_static_checks(const static_check_input& in);

}  // namespace jixiao::engine
