// The fenced code blocks of a Markdown document, with the line each starts on, so that a
// failing example is reported as `docs/language.md:LINE: …`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::docs_test {

struct fenced_block {
  std::string info;       // the info string after the opening fence: "jixiao", "jixiao-eval", "text"
  std::string text;       // the lines between the fences, each ending in '\n'
  std::size_t line = 0;   // 1-based line of the first line of text (the line after the fence)
};

// Every block opened by a line of three or more backticks (indented by at most three spaces)
// and closed by a line of at least as many backticks. An unclosed block runs to the end.
std::vector<fenced_block> fenced_blocks(std::string_view markdown);

// The first word of the info string ("jixiao-eval" of "jixiao-eval budget") and the rest.
std::string info_kind(const fenced_block& b);
std::string info_argument(const fenced_block& b);

}  // namespace jixiao::docs_test
