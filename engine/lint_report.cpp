// Lint reports (text, JSON, SARIF 2.1.0) and baselines. The formats are documented in
// docs/lint.md.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/lint.hpp"
#include "engine/report.hpp"

namespace jixiao::engine {
namespace {

using json = nlohmann::ordered_json;

json values_json(const finding& f) {
  json v = json::object();
  for (const auto& value : f.values) v[value.name] = value.value;
  return v;
}

std::string_view sarif_level(check_severity s) {
  switch (s) {
    case check_severity::error: return "error";
    case check_severity::warning: return "warning";
    case check_severity::info: return "note";
  }
  return "error";
}

}  // namespace

void baseline::apply(std::vector<finding>& findings) {
  for (auto& f : findings) {
    for (auto& e : entries) {
      if (e.check == f.check && e.form == f.form && e.path == f.path) {
        f.accepted = true;
        f.accepted_reason = e.reason;
        ++e.matched;
        break;
      }
    }
  }
}

expected<baseline, std::string> load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(fmt::format("cannot read baseline {}", path));
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return unexpected(fmt::format("{}: not a JSON object", path));
  if (doc.value("schema", "") != "jixiao.lint-baseline/1")
    return unexpected(fmt::format("{}: expected \"schema\": \"jixiao.lint-baseline/1\"", path));
  if (!doc.contains("accepted") || !doc["accepted"].is_array())
    return unexpected(fmt::format("{}: expected an array \"accepted\"", path));
  baseline out;
  std::size_t index = 0;
  for (const auto& e : doc["accepted"]) {
    auto text_of = [&](const char* key) -> std::optional<std::string> {
      if (!e.is_object() || !e.contains(key) || !e[key].is_string()) return std::nullopt;
      return e[key].get<std::string>();
    };
    auto check = text_of("check"), form = text_of("form"), where = text_of("path"), reason = text_of("reason");
    if (!check || !form || !where)
      return unexpected(fmt::format("{}: accepted[{}]: expected \"check\", \"form\" and \"path\" strings", path, index));
    if (!reason || reason->empty() || reason->starts_with("TODO"))
      return unexpected(fmt::format("{}: accepted[{}]: every accepted finding needs a \"reason\"", path, index));
    out.entries.push_back({*check, *form, *where, *reason, 0});
    ++index;
  }
  return out;
}

std::string render_baseline(const std::vector<finding>& findings) {
  json doc;
  doc["schema"] = "jixiao.lint-baseline/1";
  doc["accepted"] = json::array();
  for (const auto& f : findings)
    doc["accepted"].push_back({{"check", f.check},
                               {"form", f.form},
                               {"path", f.path},
                               {"message", f.message},
                               {"reason", f.accepted ? f.accepted_reason : "TODO: why this finding is accepted"}});
  return doc.dump(2) + "\n";
}

void count(lint_counts& counts, const linted_form& f) {
  ++counts.read;
  bool errors = false, warnings = false, infos = false;
  for (const auto& x : f.findings) {
    if (x.accepted) {
      ++counts.accepted;
      continue;
    }
    switch (x.severity) {
      case check_severity::error: ++counts.errors; errors = true; break;
      case check_severity::warning: ++counts.warnings; warnings = true; break;
      case check_severity::info: ++counts.infos; infos = true; break;
    }
  }
  if (errors) ++counts.with_errors;
  else if (warnings) ++counts.with_warnings;
  else if (infos) ++counts.with_info;
  else ++counts.clean;
}

std::string render_lint_text(const linted_form& f) {
  std::string out;
  append_lint_text(out, f);
  return out;
}

// Written straight into `out`: a corpus lint renders every finding of every form, and a string
// per line, per padded column and per value was most of the report's cost.
void append_lint_text(std::string& out, const linted_form& f) {
  auto to = std::back_inserter(out);
  fmt::format_to(to, "{} · {}", f.file, f.form);
  if (!f.project.empty()) out.append(" · ").append(f.project);
  fmt::format_to(to, "\n  rules {} {} — {} · sha256 {} · jixiao {}\n", f.ruleset_id, f.ruleset_version, f.ruleset_path,
                 f.ruleset_sha256, JIXIAO_VERSION);
  auto pad_to = [&](std::string_view s, std::size_t width) {
    out += s;
    const auto w = display_width(s);
    if (w < width) out.append(width - w, ' ');
  };
  std::size_t id_width = 0;
  for (const auto& x : f.findings) id_width = std::max(id_width, display_width(x.check));
  const std::size_t indent = 2 + 8 + id_width + 1;
  std::size_t shown = 0;
  for (const auto& x : f.findings) {
    if (x.accepted) continue;
    ++shown;
    out += "  ";
    pad_to(severity_name(x.severity), 7);
    out += ' ';
    pad_to(x.check, id_width);
    out += ' ';
    out += x.label.empty() ? std::string_view("(the form)") : std::string_view(x.label);
    out += '\n';
    out.append(indent, ' ').append(x.message) += '\n';
    if (x.path.empty() && x.values.empty()) continue;
    out.append(indent, ' ');
    out += x.path;
    bool first = x.path.empty();
    for (const auto& v : x.values) {
      if (!first) out += " · ";
      first = false;
      out.append(v.name).append(" = ").append(v.value);
    }
    out += '\n';
  }
  std::size_t accepted = f.findings.size() - shown;
  if (shown == 0) out += "  no findings\n";
  if (accepted > 0) fmt::format_to(to, "  ({} accepted by the baseline)\n", accepted);
  out += '\n';
}

std::string render_lint_text_end(const std::vector<form_error>& failures, const std::vector<baseline_entry>& stale,
                                 const lint_counts& c) {
  std::string out;
  for (const auto& e : failures)
    out += fmt::format("unreadable: {}{}: {}\n", e.file, e.line ? fmt::format(":{}", e.line) : "", to_string(e));
  for (const auto& e : stale)
    out += fmt::format("stale baseline entry: {} {} {} no longer matches a finding ({})\n", e.check, e.form,
                       e.path.empty() ? "(the form)" : e.path, e.reason);
  if (!failures.empty() || !stale.empty()) out += "\n";
  out += fmt::format("forms: {} given · {} read ({} with errors, {} with warnings, {} with info only, {} clean) · {} "
                     "unreadable\n",
                     c.given, c.read, c.with_errors, c.with_warnings, c.with_info, c.clean, c.unreadable);
  out += fmt::format("findings: {} errors · {} warnings · {} info · {} accepted by the baseline", c.errors, c.warnings,
                     c.infos, c.accepted);
  if (!stale.empty()) out += fmt::format(" · {} stale baseline entries", stale.size());
  out += "\n";
  return out;
}

std::string render_lint_json(const std::vector<linted_form>& forms, const std::vector<form_error>& failures,
                             const std::vector<baseline_entry>& stale, const lint_counts& c) {
  json doc;
  doc["schema"] = "jixiao.lint/1";
  doc["jixiao_version"] = JIXIAO_VERSION;
  doc["forms"] = json::array();
  for (const auto& f : forms) {
    json jf;
    jf["file"] = f.file;
    jf["form"] = f.form;
    jf["project"] = f.project;
    jf["ruleset"] = {{"id", f.ruleset_id}, {"version", f.ruleset_version}, {"path", f.ruleset_path},
                     {"sha256", f.ruleset_sha256}};
    jf["findings"] = json::array();
    for (const auto& x : f.findings) {
      json jx{{"check", x.check},   {"severity", severity_name(x.severity)}, {"path", x.path}, {"label", x.label},
              {"message", x.message}, {"values", values_json(x)}};
      if (x.accepted) jx["accepted"] = x.accepted_reason;
      jf["findings"].push_back(std::move(jx));
    }
    doc["forms"].push_back(std::move(jf));
  }
  doc["unreadable"] = json::array();
  for (const auto& e : failures)
    doc["unreadable"].push_back({{"file", e.file},
                                 {"line", e.line ? json(e.line) : json(nullptr)},
                                 {"path", e.path},
                                 {"message", e.message}});
  doc["stale_baseline_entries"] = json::array();
  for (const auto& e : stale)
    doc["stale_baseline_entries"].push_back({{"check", e.check}, {"form", e.form}, {"path", e.path}, {"reason", e.reason}});
  doc["summary"] = {{"given", c.given},           {"read", c.read},
                    {"unreadable", c.unreadable}, {"forms_with_errors", c.with_errors},
                    {"forms_with_warnings", c.with_warnings}, {"forms_with_info", c.with_info},
                    {"forms_clean", c.clean},     {"errors", c.errors},
                    {"warnings", c.warnings},     {"info", c.infos},
                    {"accepted", c.accepted}};
  return doc.dump(2) + "\n";
}

std::string render_lint_sarif(const std::vector<linted_form>& forms, const std::vector<check_summary>& checks,
                              const std::vector<form_error>& failures) {
  json rules = json::array();
  std::vector<std::string> ids;
  for (const auto& c : checks) {
    if (std::find(ids.begin(), ids.end(), c.id) != ids.end()) continue;
    ids.push_back(c.id);
    rules.push_back({{"id", c.id},
                     {"shortDescription", {{"text", c.message}}},
                     {"defaultConfiguration", {{"level", sarif_level(c.severity)}}},
                     {"properties", {{"definedIn", fmt::format("{}:{}:{}", c.file, c.span.line, c.span.column)}}}});
  }
  json results = json::array();
  for (const auto& f : forms) {
    for (const auto& x : f.findings) {
      const auto index = std::find(ids.begin(), ids.end(), x.check) - ids.begin();
      json result{{"ruleId", x.check},
                  {"ruleIndex", index},
                  {"level", sarif_level(x.severity)},
                  {"message", {{"text", x.message}}},
                  {"locations",
                   json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", f.file}}}}},
                                 {"logicalLocations",
                                  json::array({{{"fullyQualifiedName", x.path.empty() ? "$" : x.path},
                                                {"name", x.label.empty() ? f.form : x.label},
                                                {"kind", "member"}}})}}})},
                  {"properties", {{"form", x.form}, {"label", x.label}, {"values", values_json(x)},
                                  {"ruleset", f.ruleset_id}, {"rulesetVersion", f.ruleset_version},
                                  {"rulesetSha256", f.ruleset_sha256}}}};
      if (x.accepted)
        result["suppressions"] = json::array({{{"kind", "external"}, {"justification", x.accepted_reason}}});
      results.push_back(std::move(result));
    }
  }
  json notifications = json::array();
  for (const auto& e : failures)
    notifications.push_back({{"level", "error"},
                             {"message", {{"text", to_string(e)}}},
                             {"locations", json::array({{{"physicalLocation",
                                                          {{"artifactLocation", {{"uri", e.file}}},
                                                           {"region", {{"startLine", std::max<std::size_t>(e.line, 1)}}}}}}})}});
  json run{{"tool", {{"driver", {{"name", "jixiao"},
                                 {"version", JIXIAO_VERSION},
                                 {"rules", rules}}}}},
           {"invocations", json::array({{{"executionSuccessful", failures.empty()},
                                         {"toolExecutionNotifications", notifications}}})},
           {"results", results}};
  json doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return doc.dump(2) + "\n";
}

}  // namespace jixiao::engine
