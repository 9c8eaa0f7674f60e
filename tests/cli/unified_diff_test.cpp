// cli/unified_diff.hpp: the diffs of `jixiao fmt --check`, each expectation as GNU diff -u
// prints it for the same two texts (labels aside).
#include "cli/unified_diff.hpp"

#include <catch2/catch.hpp>
#include <string>

using jixiao::cli::unified_diff;

namespace {

std::string numbered(int from, int to) {
  std::string out;
  for (int i = from; i <= to; ++i) {
    out += std::to_string(i) + "\n";
  }
  return out;
}

std::string diff(const std::string& a, const std::string& b) { return unified_diff(a, b, "a/x", "b/x"); }

}  // namespace

TEST_CASE("equal texts have no diff", "[cli][diff]") {
  CHECK(diff("", "").empty());
  CHECK(diff("a\nb\n", "a\nb\n").empty());
}

TEST_CASE("one changed line with three lines of context", "[cli][diff]") {
  auto after = numbered(1, 10);
  after.replace(after.find("5\n"), 2, "five\n");
  CHECK(diff(numbered(1, 10), after) ==
        "--- a/x\n+++ b/x\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("changes more than six lines apart make two hunks, closer ones one", "[cli][diff]") {
  const auto before = numbered(1, 20);
  auto apart = before;
  apart.replace(apart.find("2\n"), 2, "two\n");
  apart.replace(apart.find("\n10\n") + 1, 3, "ten\n");
  CHECK(diff(before, apart) ==
        "--- a/x\n+++ b/x\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
        "@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n");
  auto close = before;
  close.replace(close.find("2\n"), 2, "two\n");
  close.replace(close.find("\n9\n") + 1, 2, "nine\n");
  CHECK(diff(before, close) ==
        "--- a/x\n+++ b/x\n"
        "@@ -1,12 +1,12 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n 10\n 11\n 12\n");
}

TEST_CASE("insertions, deletions and one-line ranges", "[cli][diff]") {
  CHECK(diff("a\nb\n", "a\nx\ny\nb\n") == "--- a/x\n+++ b/x\n@@ -1,2 +1,4 @@\n a\n+x\n+y\n b\n");
  CHECK(diff("a\n", "") == "--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-a\n");
  CHECK(diff("", "a\n") == "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n");
  // Removed lines come before added ones within a change.
  CHECK(diff("a\nb\nc\n", "x\ny\nc\n") == "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n-a\n-b\n+x\n+y\n c\n");
}

TEST_CASE("a last line without a newline is marked", "[cli][diff]") {
  CHECK(diff("a\nb", "a\nb\n") == "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(diff("a\r\n", "a\n") == "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\r\n+a\n");
}
