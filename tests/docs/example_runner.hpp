// Runs the examples of a documentation page (docs/language.md, docs/tutorial.md) against the
// real parser, checker, evaluator and scorer. The block kinds, as language.md states them:
//
//   ```jixiao [PATH]        a rule file, or a fragment wrapped in a minimal header; must check
//                           with no error and no warning. `+PATH` appends to the text the same
//                           PATH had in an earlier block of the page.
//   ```jixiao-error [PATH]  must fail; the ```text block after it is the exact diagnostic text.
//   ```jixiao-eval          `KEY: VALUE` lines describe the indicator; each `EXPR ⇒ VALUE` line
//                           evaluates EXPR for it and compares the displayed value.
//   ```jixiao-score [budget|group]
//                           `KEY: VALUE` lines describe the indicator (the budget row, the
//                           group and its members); each `⇒ RESULT` line scores it.
//
// Eval and score blocks run under the rules of the closest ```jixiao block above them (a rule
// set or a fragment; libraries do not count), or the bare header when there is none.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::docs_test {

struct run_counts {
  std::size_t checked = 0;  // ```jixiao blocks
  std::size_t errors = 0;   // ```jixiao-error blocks
  std::size_t probes = 0;   // `EXPR ⇒ VALUE` lines
  std::size_t scores = 0;   // `⇒ RESULT` lines
};

// What the page would say if it agreed with the engine: `count` lines from `line` (1-based)
// replaced by `text`. JIXIAO_UPDATE_DOCS=1 applies them (tests/docs/docs_test.cpp), as
// JIXIAO_UPDATE_GOLDEN does for golden files; review the diff.
struct page_edit {
  std::size_t line = 0;
  std::size_t count = 0;
  std::string text;  // whole lines, each ending in '\n'
};

struct run_result {
  std::vector<std::string> failures;  // "docs/language.md:LINE: message"
  std::vector<page_edit> edits;       // one per failure that a new expected text would settle
  run_counts counts;
};

// Applies the edits (from the last line up, so that line numbers stay valid).
std::string apply_edits(std::string_view markdown, std::vector<page_edit> edits);

// `page` names the document in failures; `rules_dir` is the repository's rules/ folder, copied
// into a scratch folder so that `extends "../central/2020.rules"` finds the bundled rule sets.
run_result run_examples(std::string_view markdown, const std::string& page, const std::filesystem::path& rules_dir);

}  // namespace jixiao::docs_test
