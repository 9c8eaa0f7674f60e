// Compares a program's output with the output a transcript shows, where a line that is
// exactly `…` or starts with `…（` or `…(` (after its indentation) stands for any run of lines,
// so that a long output can be shown in part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::docs_test {

bool is_elision(std::string_view line);

struct output_match {
  bool matches = false;
  // What the transcript would show if it agreed with `actual`: its own lines where they
  // still hold, its elisions where they still stand for something, the actual lines elsewhere.
  std::vector<std::string> settled;
  // The lines where they part: `- LINE` as shown, `+ LINE` as the program wrote it.
  std::vector<std::string> differences;
};

// Lines are compared without trailing blanks, and blank lines at the end do not count.
output_match match_output(const std::vector<std::string>& shown, const std::vector<std::string>& actual);

}  // namespace jixiao::docs_test
