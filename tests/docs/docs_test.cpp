// Every example of the language reference and the tutorial runs against the real parser,
// checker, evaluator and scorer; a wrong example fails with `docs/language.md:LINE: …`.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "example_runner.hpp"
#include "markdown_blocks.hpp"
#include "output_match.hpp"
#include "run_program.hpp"

using namespace jixiao::docs_test;
namespace fs = std::filesystem;

namespace {

const fs::path root = JIXIAO_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The tutorial's forms are where its commands name them, tests/docs/tutorial/forms/.
run_result run_page(const std::string& page, std::string_view text) {
  const page_setup setup{.rules_dir = root / "rules",
                         .copies = {{root / "tests/docs/tutorial/forms", "tests/docs/tutorial/forms"}},
                         .program = JIXIAO_PROGRAM};
  return run_examples(text, page, setup);
}

// JIXIAO_UPDATE_DOCS=1 writes what the engine says into the page's expected values; review
// the diff before committing.
void update_page(const fs::path& file, const run_result& result) {
  const char* update = std::getenv("JIXIAO_UPDATE_DOCS");
  if (!update || std::string_view(update) != "1" || result.edits.empty()) return;
  const auto text = apply_edits(read(file), result.edits);
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("fenced blocks keep their info string and the line they start on", "[docs]") {
  const auto blocks = fenced_blocks("# t\n\n```jixiao-eval\na ⇒ 1\n```\ntext\n````text\n```\n````\n");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].info == "jixiao-eval");
  CHECK(info_kind(blocks[0]) == "jixiao-eval");
  CHECK(blocks[0].line == 4);
  CHECK(blocks[0].text == "a ⇒ 1\n");
  CHECK(blocks[1].info == "text");
  CHECK(blocks[1].text == "```\n");
}

TEST_CASE("a transcript's elisions stand for any run of lines, and settle what changed", "[docs]") {
  const std::vector<std::string> actual{"a", "x1", "x2", "b 2/9", "c", "y", "z"};
  CHECK(match_output({"a", "…（略）", "b 2/9", "c", "  …", ""}, actual).matches);
  CHECK(match_output({"a", "…", "b 2/9", "c", "y", "z  "}, actual).matches);
  CHECK_FALSE(match_output({"a", "b 2/9", "c", "…"}, actual).matches);
  CHECK_FALSE(match_output({"a", "…"}, {}).matches);
  // A changed figure is replaced, not swallowed by the elision before it.
  const auto settled = match_output({"a", "…（略）", "b 1/8", "c", "…（以下略）"}, actual);
  CHECK_FALSE(settled.matches);
  CHECK(settled.settled == std::vector<std::string>{"a", "…（略）", "b 2/9", "c", "…（以下略）"});
  CHECK(settled.differences == std::vector<std::string>{"- b 1/8", "+ b 2/9"});
}

TEST_CASE("a transcript's command line splits on spaces, keeps quotes together and expands globs", "[docs]") {
  CHECK(split_command(R"(score --rules "a b.rules"  x.json)") ==
        std::vector<std::string>{"score", "--rules", "a b.rules", "x.json"});
  CHECK(expand_globs({"lint", "tests/docs/tutorial/forms/*.json", "none/*.json"}, root) ==
        std::vector<std::string>{"lint", "tests/docs/tutorial/forms/shili-2022-001.json",
                                 "tests/docs/tutorial/forms/shili-2022-002.json", "none/*.json"});
}

TEST_CASE("every example in docs/language.md holds", "[docs]") {
  const auto result = run_page("docs/language.md", read(root / "docs" / "language.md"));
  update_page(root / "docs" / "language.md", result);
  INFO(joined(result.failures));
  INFO("checked " << result.counts.checked << ", errors " << result.counts.errors << ", probes " << result.counts.probes
                  << ", scores " << result.counts.scores);
  CHECK(result.failures.empty());
  // The page has examples of every kind; a broken extractor would find none and pass.
  CHECK(result.counts.checked >= 15);
  CHECK(result.counts.errors >= 5);
  CHECK(result.counts.probes >= 100);
  CHECK(result.counts.scores >= 10);
}

TEST_CASE("every rule example and command transcript in docs/tutorial.md holds", "[docs]") {
  const auto result = run_page("docs/tutorial.md", read(root / "docs" / "tutorial.md"));
  update_page(root / "docs" / "tutorial.md", result);
  INFO(joined(result.failures));
  INFO("checked " << result.counts.checked << ", files " << result.counts.files << ", transcripts "
                  << result.counts.transcripts);
  CHECK(result.failures.empty());
  CHECK(result.counts.checked >= 3);
  // The test file that `jixiao test` runs, and the commands of every section from check to lint.
  CHECK(result.counts.files >= 1);
  CHECK(result.counts.transcripts >= 11);
}

// The harness itself: a wrong example of each kind is reported at its line, with what the
// engine says instead.
TEST_CASE("a wrong example fails with the page's name and line", "[docs]") {
  const std::string page = R"(# wrong examples

```jixiao
rule 甲 otherwise
  score = 分值 * 2
```

```jixiao-eval
年度指标值: 不少于6项
实际完成值: 2项
实际完成值 / 年度指标值   ⇒  0.5
年度指标值.op            ⇒  "≥"
```

```jixiao-score
年度指标值: 5个
分值: 2
⇒ computed 3.00 by 甲
```

```jixiao
rule 乙 otherwise
  score = 分值 + 未知
```

```jixiao-error
rule 丙 otherwise
  score = 1
```

```text
nothing
```

```console
$ jixiao check rules/central/2020.rules
rules/central/2020.rules: ok (central.2020 2020.1, 5 rules, 2 group rules)
…
$ jixiao fmt --check rules/central/2020.rules
[exit status 1]
$ jixiao check rules/central/2020.rules
rules/central/2020.rules: ok (central.2020 2020.1, 6 rules, 2 group rules)
…（略）
```

```text
$ jixiao check rules/central/2020.rules
```
)";
  const auto result = run_page("wrong.md", page);
  REQUIRE(result.failures.size() == 7);
  CHECK(result.failures[0] == "wrong.md:11: 实际完成值 / 年度指标值 ⇒ 0.333333, but the page says 0.5");
  CHECK(result.failures[1] == "wrong.md:18: scored ⇒ computed 4.00 by 甲, but the page says computed 3.00 by 甲");
  CHECK(result.failures[2] ==
        "wrong.md:22: the example does not check:\n"
        "rules/docs/example.rules:2:16: error: unknown name '未知'; did you mean '分值'?\n"
        "  score = 分值 + 未知\n"
        "                 ^~~~\n");
  CHECK(result.failures[3] == "wrong.md:27: the example was expected to fail, but it checks");
  CHECK(result.failures[4] ==
        "wrong.md:36: the output differs (- the page, + the program):\n"
        "- rules/central/2020.rules: ok (central.2020 2020.1, 5 rules, 2 group rules)\n"
        "+ rules/central/2020.rules: ok (central.2020 2020.1, 6 rules, 2 group rules)\n");
  CHECK(result.failures[5] == "wrong.md:39: exit status 0, but the page says 1\n");
  CHECK(result.failures[6] == "wrong.md:47: a command transcript is a ```console block, so that it is run");
  CHECK(result.counts.transcripts == 3);
  // JIXIAO_UPDATE_DOCS=1 would settle the transcript: the new figure, the elision kept, the
  // status line gone.
  const auto updated = apply_edits(page, result.edits);
  CHECK(updated.find("$ jixiao check rules/central/2020.rules\n"
                     "rules/central/2020.rules: ok (central.2020 2020.1, 6 rules, 2 group rules)\n"
                     "…\n"
                     "$ jixiao fmt --check rules/central/2020.rules\n"
                     "$ jixiao check") != std::string::npos);
  CHECK(result.counts.checked == 2);
  CHECK(result.counts.probes == 2);
  CHECK(result.counts.scores == 1);
}
