// Input size limits (docs/reliability.md): a form over 16 MiB and a rule file over 4 MiB are
// refused with a message naming the file, before they are parsed; inputs exactly at the limit
// are still read. The files are written to the system's temporary folder and removed after.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "dsl/parser.hpp"
#include "engine/corpus.hpp"
#include "engine/form.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::size_t mib = 1024 * 1024;

// A file in the temporary folder that is removed when the test ends, pass or fail.
class temp_file {
public:
  temp_file(std::string_view name, const std::string& content)
      : m_path(fs::temp_directory_path() / fmt::format("jixiao-{}-{}", ::getpid(), name)) {
    std::ofstream out(m_path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  ~temp_file() {
    std::error_code ignored;
    fs::remove(m_path, ignored);
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  std::string path() const { return m_path.string(); }

private:
  fs::path m_path;
};

// A valid form of exactly `size` bytes: the JSON padded with spaces, which JSON allows.
std::string form_of_size(std::size_t size) {
  std::string json = R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京", "indicators": []})";
  json.resize(size, ' ');
  return json;
}

// A rule file of exactly `size` bytes: a valid header and rule, then comment lines.
std::string rules_of_size(std::size_t size) {
  std::string text = R"(ruleset test.2021 {
  jurisdiction "北京"
  version      "1"
  effective    2021-01-01 .. 2021-12-31
}
rule r otherwise
  score = 1
)";
  const std::string comment = "# " + std::string(77, '-') + "\n";
  while (text.size() + comment.size() <= size) text += comment;
  text.resize(size, '\n');
  return text;
}

}  // namespace

TEST_CASE("a form over 16 MiB is refused, one at 16 MiB is read") {
  const temp_file at_limit("at-limit.json", form_of_size(16 * mib));
  auto loaded = jixiao::engine::load_form_file(at_limit.path());
  CHECK(loaded.has_value());

  const temp_file over("over.json", form_of_size(16 * mib + 1));
  auto refused = jixiao::engine::load_form_file(over.path());
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().file == over.path());
  CHECK(to_string(refused.error()) == "file too large: over 16 MiB, and a form is under 100 KiB");

}

TEST_CASE("a corpus line over 16 MiB fails alone and the lines around it are read") {
  const std::string good = form_of_size(100);
  const temp_file corpus("corpus.jsonl", good + "\n" + form_of_size(16 * mib + 1) + "\n" + good + "\n");
  auto reader = jixiao::engine::corpus_reader::open(corpus.path());
  REQUIRE(reader.has_value());
  std::vector<std::string> outcomes;
  jixiao::engine::corpus_block block;
  while (reader->next(block, 256)) {
    for (const auto& line : block.lines) {
      auto loaded = jixiao::engine::load_corpus_form(line, reader->name());
      outcomes.push_back(loaded ? fmt::format("{}: ok", line.number)
                                : fmt::format("{}: {}", loaded.error().line, to_string(loaded.error())));
    }
  }
  CHECK(reader->error().empty());
  CHECK(outcomes == std::vector<std::string>{"1: ok", "2: file too large: over 16 MiB, and a form is under 100 KiB", "3: ok"});
}

TEST_CASE("a rule file over 4 MiB is refused, one at 4 MiB is parsed") {
  const temp_file at_limit("at-limit.rules", rules_of_size(4 * mib));
  auto parsed = jixiao::dsl::parse_file(at_limit.path());
  CHECK(parsed.has_value());

  const temp_file over("over.rules", rules_of_size(4 * mib + 1));
  auto refused = jixiao::dsl::parse_file(over.path());
  REQUIRE_FALSE(refused.has_value());
  REQUIRE(refused.error().size() == 1);
  CHECK(refused.error().front().file == over.path());
  CHECK(refused.error().front().message == "cannot read the rule file: over 4 MiB, and a rule file is a few KiB");
}
