// Unified diffs of two texts, line by line, for `jixiao fmt --check`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jixiao::cli {

// The differences in the format of `diff -u`: `--- before_label` and `+++ after_label`, then
// hunks `@@ -start,count +start,count @@` with `context` unchanged lines around each change
// (hunks closer than twice that are joined), removed lines before added ones, and
// `\ No newline at end of file` after a last line without one. "" when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_label,
                         std::string_view after_label, std::size_t context = 3);

}  // namespace jixiao::cli
