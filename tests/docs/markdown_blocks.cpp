#include "markdown_blocks.hpp"

namespace jixiao::docs_test {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The number of backticks that open or close a fence on this line, 0 when it is not one.
std::size_t fence_length(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3) return 0;
  std::size_t n = 0;
  while (indent + n < line.size() && line[indent + n] == '`') ++n;
  return n >= 3 ? n : 0;
}

}  // namespace

std::vector<fenced_block> fenced_blocks(std::string_view markdown) {
  std::vector<fenced_block> out;
  std::size_t line_number = 0;
  std::size_t open = 0;  // the length of the open fence, 0 outside a block
  fenced_block current;
  std::size_t at = 0;
  while (at < markdown.size()) {
    auto end = markdown.find('\n', at);
    if (end == std::string_view::npos) end = markdown.size();
    const auto line = markdown.substr(at, end - at);
    at = end + 1;
    ++line_number;
    const auto fence = fence_length(line);
    if (open == 0) {
      if (fence == 0) continue;
      open = fence;
      current = {};
      current.info = std::string(trim(trim(line).substr(fence)));
      current.line = line_number + 1;
      continue;
    }
    if (fence >= open && trim(line).size() == fence) {
      out.push_back(std::move(current));
      open = 0;
      continue;
    }
    current.text.append(line);
    current.text += '\n';
  }
  if (open != 0) out.push_back(std::move(current));
  return out;
}

std::string info_kind(const fenced_block& b) {
  const auto space = b.info.find(' ');
  return b.info.substr(0, space);
}

std::string info_argument(const fenced_block& b) {
  const auto space = b.info.find(' ');
  if (space == std::string::npos) return "";
  return std::string(trim(std::string_view(b.info).substr(space + 1)));
}

}  // namespace jixiao::docs_test
