#include "cli/unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <dtl/dtl.hpp>
#include <string>
#include <vector>

namespace jixiao::cli {

namespace {

// The lines of a text, each with its '\n' (the last may have none).
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto newline = text.find('\n', begin);
    const auto end = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.emplace_back(text.substr(begin, end - begin));
    begin = end;
  }
  return lines;
}

enum class edit_kind { same, removed, added };

struct edit {
  edit_kind kind;
  std::size_t before = 0;  // lines of `before` that precede this one in the script
  std::size_t after = 0;   // lines of `after` that precede this one in the script
  const std::string* text = nullptr;
};

// The shortest edit script (dtl computes it with Wu's O(NP) algorithm), with the removals of
// each run of changes put before its additions, as diff prints them.
std::vector<edit> edit_script(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  dtl::Diff<std::string> diff(before, after);
  diff.compose();
  std::vector<edit> edits;
  std::size_t b = 0;
  std::size_t a = 0;
  for (const auto& [text, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_COMMON) {
      edits.push_back({edit_kind::same, 0, 0, &before[b++]});
      ++a;
    } else if (info.type == dtl::SES_DELETE) {
      edits.push_back({edit_kind::removed, 0, 0, &before[b++]});
    } else {
      edits.push_back({edit_kind::added, 0, 0, &after[a++]});
    }
  }
  for (auto run = edits.begin(); run != edits.end();) {
    const auto end = std::find_if(run, edits.end(), [](const edit& e) { return e.kind == edit_kind::same; });
    std::stable_partition(run, end, [](const edit& e) { return e.kind == edit_kind::removed; });
    run = end == edits.end() ? end : std::next(end);
  }
  std::size_t b_seen = 0;
  std::size_t a_seen = 0;
  for (auto& e : edits) {
    e.before = b_seen;
    e.after = a_seen;
    b_seen += e.kind != edit_kind::added ? 1 : 0;
    a_seen += e.kind != edit_kind::removed ? 1 : 0;
  }
  return edits;
}

// `start,count`, or `start` for one line; an empty range names the line before it.
std::string range(std::size_t preceding, std::size_t count) {
  if (count == 0) return fmt::format("{},0", preceding);
  if (count == 1) return fmt::format("{}", preceding + 1);
  return fmt::format("{},{}", preceding + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_label,
                         std::string_view after_label, std::size_t context) {
  if (before == after) {
    return {};
  }
  const auto old_lines = lines_of(before);
  const auto new_lines = lines_of(after);
  const auto edits = edit_script(old_lines, new_lines);

  std::string out = fmt::format("--- {}\n+++ {}\n", before_label, after_label);
  const auto changed = [&](std::size_t i) { return edits[i].kind != edit_kind::same; };
  std::size_t i = 0;
  while (i < edits.size()) {
    if (!changed(i)) {
      ++i;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last
    // change that is no more than 2 × context unchanged lines from the one before it.
    const auto first = i >= context ? i - context : 0;
    auto last_change = i;
    for (auto j = i + 1; j < edits.size(); ++j) {
      if (changed(j)) {
        if (j - last_change - 1 > 2 * context) break;
        last_change = j;
      }
    }
    const auto end = std::min(edits.size(), last_change + 1 + context);
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (auto j = first; j < end; ++j) {
      old_count += edits[j].kind != edit_kind::added ? 1 : 0;
      new_count += edits[j].kind != edit_kind::removed ? 1 : 0;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(edits[first].before, old_count), range(edits[first].after, new_count));
    for (auto j = first; j < end; ++j) {
      const auto& e = edits[j];
      out += e.kind == edit_kind::same ? ' ' : e.kind == edit_kind::removed ? '-' : '+';
      out += *e.text;
      if (!e.text->ends_with('\n')) {
        out += "\n\\ No newline at end of file\n";
      }
    }
    i = end;
  }
  return out;
}

}  // namespace jixiao::cli
