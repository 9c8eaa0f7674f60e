// Putting a rule set together from its files: the parent it `extends` (recursively), the
// libraries it `include`s, and its own declarations, with `override`, `remove` and
// `before`/`after` applied. The result is the effective list of declarations, each with the
// file it comes from, and a SHA-256 over the exact sources used, so that a score can be
// reproduced years later.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::engine {

struct sourced_declaration {
  const dsl::rule_file* file;
  const dsl::declaration* declaration;
  // A check whose severity a later `check ID severity LEVEL` changed: that declaration.
  const dsl::check_decl* severity = nullptr;
  const dsl::rule_file* severity_file = nullptr;
};

struct assembled_ruleset {
  std::vector<std::unique_ptr<const dsl::rule_file>> files;  // every file read, in the order used
  const dsl::rule_file* main = nullptr;
  std::vector<sourced_declaration> declarations;
  std::vector<std::string> ancestry;  // ids of the rule sets extended, nearest first
  std::string sha256;                 // hex, over the sources in `files`, in that order
};

// Reads the rule file at `path` and everything it extends and includes.
expected<assembled_ruleset, dsl::diagnostics> assemble(const std::string& path);

// SHA-256 of the sources, in order; each is framed by its length so that moving bytes from
// one file to the next changes the hash.
std::string sources_sha256(const std::vector<std::unique_ptr<const dsl::rule_file>>& files);

}  // namespace jixiao::engine
