#include "cli/diagnostics_output.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace jixiao::cli {

namespace {

// The text of each file the diagnostics refer to, read once.
class source_texts {
public:
  const std::string& text(const std::string& path) {
    auto it = m_texts.find(path);
    if (it == m_texts.end()) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      it = m_texts.emplace(path, text.str()).first;
    }
    return it->second;
  }

private:
  std::map<std::string, std::string> m_texts;
};

// A note may point into another file than its diagnostic (an inherited rule, a library): it is
// rendered against that file's text.
std::string render(const dsl::diagnostic& d, source_texts& sources) {
  const bool elsewhere = std::any_of(d.notes.begin(), d.notes.end(),
                                     [&](const dsl::diagnostic_note& n) { return !n.file.empty() && n.file != d.file; });
  if (!elsewhere) return dsl::render(d, sources.text(d.file));
  dsl::diagnostic head = d;
  head.notes.clear();
  std::string out = dsl::render(head, sources.text(d.file));
  for (const auto& n : d.notes) {
    const auto& file = n.file.empty() ? d.file : n.file;
    out += dsl::render({dsl::severity::note, file, n.span, n.message, {}}, sources.text(file));
  }
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// "line": 8, "column": 25, "end": {"line": 8, "column": 35}; zeros for the whole file.
std::string json_position(const dsl::source_span& span, const std::string& source) {
  if (span.line == 0) return R"("line": 0, "column": 0, "end": {"line": 0, "column": 0})";
  const auto end = dsl::span_at(source, span.end, span.end);
  return fmt::format(R"("line": {}, "column": {}, "end": {{"line": {}, "column": {}}})", span.line, span.column,
                     end.line, end.column);
}

std::string_view severity_name(dsl::severity s) {
  switch (s) {
    case dsl::severity::error: return "error";
    case dsl::severity::warning: return "warning";
    case dsl::severity::note: return "note";
  }
  return "error";
}

}  // namespace

std::string json_quoted(std::string_view text) { return json_string(text); }

void print_diagnostics(const dsl::diagnostics& diags, std::FILE* out) {
  source_texts sources;
  for (const auto& d : diags) fmt::print(out, "{}", render(d, sources));
}

std::string diagnostics_json(const dsl::diagnostics& diags, std::string_view indent) {
  source_texts sources;
  std::string out = "[";
  for (std::size_t i = 0; i < diags.size(); ++i) {
    const auto& d = diags[i];
    std::string notes;
    for (const auto& n : d.notes) {
      const auto& file = n.file.empty() ? d.file : n.file;
      notes += fmt::format(R"({}{{"file": {}, {}, "message": {}}})", notes.empty() ? "" : ", ", json_string(file),
                           json_position(n.span, sources.text(file)), json_string(n.message));
    }
    out += fmt::format(R"({}
{}  {{"file": {}, {}, "severity": "{}", "code": {}, "message": {}, "notes": [{}]}})",
                       i == 0 ? "" : ",", indent, json_string(d.file), json_position(d.span, sources.text(d.file)),
                       severity_name(d.level), json_string(d.code), json_string(d.message), notes);
  }
  if (!diags.empty()) out += fmt::format("\n{}", indent);
  return out + "]";
}

void print_diagnostics(const dsl::diagnostics& diags, std::string_view source, std::FILE* out) {
  for (const auto& d : diags) {
    fmt::print(out, "{}", dsl::render(d, source));
  }
}

}  // namespace jixiao::cli
