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
//   ```file PATH            any other file (a .test file, a form): written as it stands.
//   ```console              a command transcript: each `$ jixiao ARGS` line runs the real
//                           program in the scratch folder and the lines after it, up to the
//                           next `$` line, are its stdout. ARGS split on spaces ("quotes" keep
//                           one together); `*` and `?` in a last path component expand as in a
//                           shell; no other shell syntax. A last line `[exit status N]` gives
//                           the exit status; without it the command must succeed (status 0).
//                           A line that is `…` or starts with `…（` stands for any run of lines.
//                           A ```text block that starts with `$ jixiao` fails: it would not run.
//
// Blocks run in page order in one scratch folder that holds a copy of rules/ (and of the
// folders `page_setup::copies` names), so a transcript sees the files the blocks above it
// wrote; a failing ```jixiao-error example is taken back off the disk after it is checked.
// Eval and score blocks run under the rules of the closest ```jixiao block above them (a rule
// set or a fragment; libraries do not count), or the bare header when there is none.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jixiao::docs_test {

struct run_counts {
  std::size_t checked = 0;  // ```jixiao blocks
  std::size_t errors = 0;   // ```jixiao-error blocks
  std::size_t probes = 0;   // `EXPR ⇒ VALUE` lines
  std::size_t scores = 0;   // `⇒ RESULT` lines
  std::size_t files = 0;        // ```file blocks
  std::size_t transcripts = 0;  // `$ jixiao …` lines of ```console blocks
};

// What a page's examples run with.
struct page_setup {
  std::filesystem::path rules_dir;  // the repository's rules/, copied to rules/ of the scratch folder
  // Further folders to copy: (the folder, where it goes in the scratch folder).
  std::vector<std::pair<std::filesystem::path, std::string>> copies;
  std::filesystem::path program;    // the jixiao program that ```console blocks run
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

// `page` names the document in failures; the rules are copied into a scratch folder so that
// `extends "../central/2020.rules"` finds the bundled rule sets.
run_result run_examples(std::string_view markdown, const std::string& page, const page_setup& setup);

}  // namespace jixiao::docs_test
