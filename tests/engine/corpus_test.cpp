// Streaming a JSON Lines corpus: blocks of whole lines with their numbers, blank lines
// skipped, results handed back in input order whatever the number of threads.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
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

TEST_CASE("blocks are emitted whole and in order while the next ones are worked on and read") {
  // Blank lines in between, so that line numbers and form counts differ.
  std::string text;
  for (int i = 1; i <= 300; ++i) text += std::to_string(i) + (i % 5 == 0 ? "\n\n" : "\n");
  const auto path = write_corpus("jixiao-corpus-pipeline.jsonl", text);
  const auto jobs = GENERATE(1u, 2u, 3u, 8u);
  const auto block = GENERATE(std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{0});
  auto reader = engine::corpus_reader::open(path);
  REQUIRE(reader);
  // The text seen by `work` (a view into the block) and the form it holds: had the block been
  // read into again before its emits, the view would no longer say the form's number.
  struct seen {
    std::string_view text;
    int form = 0;
  };
  const auto caller = std::this_thread::get_id();
  std::vector<std::size_t> lines;
  std::vector<std::pair<std::size_t, std::size_t>> blocks;  // counts at each after_block
  std::size_t wrong_thread = 0;
  const auto counts = engine::stream_corpus<seen>(
      *reader, jobs,
      [](const engine::corpus_line& line, seen& out) {
        out.text = line.text;
        out.form = std::stoi(std::string(line.text));
      },
      [&](const engine::corpus_line& line, seen& out) {
        if (std::this_thread::get_id() != caller) ++wrong_thread;
        CHECK(out.text == std::to_string(out.form));
        CHECK(line.text == out.text);
        CHECK(line.number == static_cast<std::size_t>(out.form + (out.form - 1) / 5));
        lines.push_back(static_cast<std::size_t>(out.form));
      },
      [&](const engine::corpus_counts& c) {
        if (std::this_thread::get_id() != caller) ++wrong_thread;
        // Once per block, after all of that block's emits.
        CHECK(c.read == lines.size());
        blocks.emplace_back(c.read, c.blocks);
      },
      block);
  CHECK(wrong_thread == 0);
  REQUIRE(lines.size() == 300);
  for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i] == i + 1);
  const std::size_t per_block = block == 0 ? 256 * jobs : block;
  const std::size_t expected_blocks = (300 + per_block - 1) / per_block;
  CHECK(counts.read == 300);
  CHECK(counts.blocks == expected_blocks);
  REQUIRE(blocks.size() == expected_blocks);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    CHECK(blocks[b].first == std::min((b + 1) * per_block, std::size_t{300}));
    CHECK(blocks[b].second == b + 1);
  }
}

TEST_CASE("a one-line corpus starts no thread, and a few lines start no more threads than lines") {
  const auto jobs = GENERATE(2u, 3u, 8u);
  const auto caller = std::this_thread::get_id();
  const auto one = write_corpus("jixiao-corpus-one.jsonl", "\n  \n42\n");
  auto reader = engine::corpus_reader::open(one);
  REQUIRE(reader);
  std::vector<std::pair<std::size_t, std::thread::id>> seen;
  std::size_t after = 0;
  const auto counts = engine::stream_corpus<std::thread::id>(
      *reader, jobs, [](const engine::corpus_line&, std::thread::id& out) { out = std::this_thread::get_id(); },
      [&](const engine::corpus_line& line, std::thread::id& out) { seen.emplace_back(line.number, out); },
      [&](const engine::corpus_counts& c) {
        CHECK(c.read == 1);
        ++after;
      });
  CHECK(counts.read == 1);
  CHECK(counts.blocks == 1);
  CHECK(after == 1);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].first == 3);
  CHECK(seen[0].second == caller);

  // Three lines in blocks of two (fewer lines than threads), then a last block of one.
  const auto three = write_corpus("jixiao-corpus-three.jsonl", "1\n2\n3\n");
  auto few = engine::corpus_reader::open(three);
  REQUIRE(few);
  std::set<std::thread::id> workers;
  std::vector<std::size_t> order;
  std::vector<std::size_t> reads;
  const auto small = engine::stream_corpus<std::thread::id>(
      *few, jobs, [](const engine::corpus_line&, std::thread::id& out) { out = std::this_thread::get_id(); },
      [&](const engine::corpus_line& line, std::thread::id& out) {
        workers.insert(out);
        order.push_back(line.number);
      },
      [&](const engine::corpus_counts& c) { reads.push_back(c.read); }, 2);
  CHECK(small.read == 3);
  CHECK(small.blocks == 2);
  CHECK(order == std::vector<std::size_t>{1, 2, 3});
  CHECK(reads == std::vector<std::size_t>{2, 3});
  CHECK(workers.size() <= 2);
}

TEST_CASE("a read error ends the corpus after every line read before it, for any number of threads") {
  // A terminal whose other side has closed answers a read with EIO once its input is drained:
  // the reader gets the lines, then an error. It stands in for standard input.
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(::grantpt(master) == 0);
  REQUIRE(::unlockpt(master) == 0);
  const int other = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  REQUIRE(other >= 0);
  termios raw{};
  REQUIRE(::tcgetattr(other, &raw) == 0);
  ::cfmakeraw(&raw);
  REQUIRE(::tcsetattr(other, TCSANOW, &raw) == 0);
  std::string text;
  for (int i = 1; i <= 100; ++i) text += std::to_string(i) + "\n";
  REQUIRE(::write(other, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(other);

  const auto jobs = GENERATE(1u, 2u, 3u, 8u);
  const int saved = ::dup(0);
  REQUIRE(saved >= 0);
  REQUIRE(::dup2(master, 0) == 0);
  std::clearerr(stdin);
  auto reader = engine::corpus_reader::open("-");
  REQUIRE(reader);
  std::vector<std::size_t> order;
  std::vector<std::size_t> reads;
  const auto counts = engine::stream_corpus<std::size_t>(
      *reader, jobs,
      [](const engine::corpus_line& line, std::size_t& out) { out = std::stoul(std::string(line.text)); },
      [&](const engine::corpus_line& line, std::size_t& out) {
        CHECK(out == line.number);
        order.push_back(out);
      },
      [&](const engine::corpus_counts& c) { reads.push_back(c.read); }, 30);
  const std::string error = reader->error();
  ::dup2(saved, 0);
  ::close(saved);
  ::close(master);
  std::clearerr(stdin);
  CHECK(error == "cannot read <stdin>: Input/output error");
  CHECK(counts.read == 100);
  CHECK(counts.blocks == 4);
  CHECK(reads == std::vector<std::size_t>{30, 60, 90, 100});
  REQUIRE(order.size() == 100);
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i + 1);
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
