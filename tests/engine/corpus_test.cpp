// Streaming a JSON Lines corpus: blocks of whole lines with their numbers, blank lines
// skipped, results handed back in input order whatever the number of threads.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/corpus.hpp"

namespace engine = jixiao::engine;

namespace {

std::string write_corpus(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("corpus lines keep their numbers, blank lines and CRLF are handled") {
  const auto path = write_corpus("jixiao-corpus-lines.jsonl", "{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}");
  auto reader = engine::corpus_reader::open(path);
  REQUIRE(reader);
  engine::corpus_block block;
  std::vector<std::pair<std::size_t, std::string>> seen;
  while (reader->next(block, 2))
    for (const auto& line : block.lines) seen.emplace_back(line.number, std::string(line.text));
  const std::vector<std::pair<std::size_t, std::string>> expected{{1, "{\"a\":1}"}, {4, "{\"b\":2}"}, {5, "{\"c\":3}"}};
  CHECK(seen == expected);
  CHECK(reader->error().empty());
}

TEST_CASE("a corpus that cannot be opened says why") {
  auto reader = engine::corpus_reader::open("/nonexistent/corpus.jsonl");
  REQUIRE_FALSE(reader);
  CHECK(reader.error() == "cannot read /nonexistent/corpus.jsonl: No such file or directory");
}

TEST_CASE("results come back in input order for any number of threads and block size") {
  std::string text;
  for (int i = 1; i <= 1000; ++i) text += std::to_string(i) + "\n";
  const auto path = write_corpus("jixiao-corpus-order.jsonl", text);
  const auto jobs = GENERATE(1u, 2u, 3u, 8u);
  const auto block = GENERATE(std::size_t{1}, std::size_t{7}, std::size_t{0});
  auto reader = engine::corpus_reader::open(path);
  REQUIRE(reader);
  std::vector<std::size_t> order;
  std::size_t blocks_seen = 0;
  const auto counts = engine::stream_corpus<std::size_t>(
      *reader, jobs,
      [](const engine::corpus_line& line, std::size_t& out) { out = std::stoul(std::string(line.text)) * 2; },
      [&](const engine::corpus_line& line, std::size_t& out) {
        CHECK(out == line.number * 2);
        order.push_back(line.number);
      },
      [&](const engine::corpus_counts& c) { blocks_seen = c.blocks; }, block);
  REQUIRE(order.size() == 1000);
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i + 1);
  CHECK(counts.read == 1000);
  CHECK(blocks_seen == counts.blocks);
}

TEST_CASE("the same threads work on every block, and an empty corpus does nothing") {
  std::string text;
  for (int i = 1; i <= 500; ++i) text += std::to_string(i) + "\n";
  const auto path = write_corpus("jixiao-corpus-pool.jsonl", text);
  const auto jobs = GENERATE(2u, 3u);
  auto reader = engine::corpus_reader::open(path);
  REQUIRE(reader);
  // Threads started per block would each have a new id; kept ones show no more than `jobs`.
  std::set<std::thread::id> workers;
  const auto counts = engine::stream_corpus<std::thread::id>(
      *reader, jobs, [](const engine::corpus_line&, std::thread::id& out) { out = std::this_thread::get_id(); },
      [&](const engine::corpus_line&, std::thread::id& out) { workers.insert(out); }, {}, 10);
  CHECK(counts.read == 500);
  CHECK(counts.blocks == 50);
  CHECK(workers.size() <= jobs);

  const auto empty = write_corpus("jixiao-corpus-empty.jsonl", "\n  \n");
  auto none = engine::corpus_reader::open(empty);
  REQUIRE(none);
  std::size_t calls = 0;
  const auto nothing = engine::stream_corpus<int>(
      *none, jobs, [&](const engine::corpus_line&, int&) { ++calls; }, [&](const engine::corpus_line&, int&) { ++calls; },
      [&](const engine::corpus_counts&) { ++calls; });
  CHECK(nothing.read == 0);
  CHECK(nothing.blocks == 0);
  CHECK(calls == 0);
}

TEST_CASE("an unreadable corpus line is an error with its line number") {
  engine::corpus_block block;
  const auto path = write_corpus("jixiao-corpus-bad.jsonl", "\n{\"schema\": \"jixiao.form/1\"\n");
  auto reader = engine::corpus_reader::open(path);
  REQUIRE(reader);
  REQUIRE(reader->next(block, 10));
  REQUIRE(block.lines.size() == 1);
  auto loaded = engine::load_corpus_form(block.lines[0], "c.jsonl");
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().file == "c.jsonl");
  CHECK(loaded.error().line == 2);
}
