// The forms the reuse tests feed through one scratch form line after line: every good fixture
// and every example (many indicators and few, groups (Shenzhen), separate comparator and unit
// columns (Sichuan), budget rows and none, reasons and none), held as a corpus block holds a
// line, and the ways of making a line fail after part of it was read.
#pragma once

#include <catch2/catch.hpp>

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::engine::testing {

inline const std::filesystem::path& source_root() {
  static const std::filesystem::path root = JIXIAO_SOURCE_DIR;
  return root;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The good fixtures and the examples, in name order.
inline std::vector<std::string> form_texts() {
  std::vector<std::filesystem::path> paths;
  for (const auto& dir : {source_root() / "tests" / "golden" / "forms" / "good", source_root() / "examples" / "forms"})
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& path : paths) texts.push_back(read_bytes(path));
  return texts;
}

// The text followed by simdjson's padding, as a corpus block holds a line.
struct padded_line {
  explicit padded_line(std::string_view json) : buffer(json) {
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    text = std::string_view(buffer.data(), json.size());
  }
  std::string buffer;
  std::string_view text;
};

// A form that fails only after most of it has been read into the scratch form: a key no form
// has, just before the document's closing brace.
inline std::string failing_late(const std::string& text) {
  std::string out = text;
  const auto close = out.rfind('}');
  REQUIRE(close != std::string::npos);
  out.insert(close, ", \"no such key\": 1");
  return out;
}

// A form cut off two thirds of the way in, in the middle of its indicators.
inline std::string failing_midway(const std::string& text) { return text.substr(0, text.size() * 2 / 3); }

}  // namespace jixiao::engine::testing
