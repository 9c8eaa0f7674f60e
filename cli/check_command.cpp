// `jixiao check RULES... [--strict] [--format text|json]`: parses and checks rule files (or every
// *.rules under a folder) without any form. Every problem of every file at once, sorted by
// file and position, then one line per file and a count. docs/static-checks.md lists the checks.
#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "cli/commands.hpp"
#include "cli/diagnostics_output.hpp"
#include "cli/file_list.hpp"
#include "dsl/parser.hpp"
#include "engine/catalog.hpp"

namespace jixiao::cli {
namespace {

struct check_options {
  std::vector<std::string> files;
  bool strict = false;
  std::string format = "text";
};

// What became of one file given on the command line.
struct file_outcome {
  std::string path;
  std::string status;  // ok, library, failed, unreadable
  std::string id;
  std::string version;
  std::size_t rules = 0;
  std::size_t group_rules = 0;
};

// Problems found before the compiler runs carry no code: a file that cannot be read, a file
// that does not parse, or a rule set that cannot be put together from its files.
void name_unnamed(dsl::diagnostics& diags, const std::string& given) {
  for (auto& d : diags) {
    if (!d.code.empty()) continue;
    if (d.span.line == 0 && d.file == given && d.message.starts_with("cannot read the rule file")) {
      d.code = "unreadable-file";
    } else {
      // Parsing is all or nothing: a file that parses has none of the parser's problems.
      d.code = dsl::parse_file(d.file) ? "inheritance" : "syntax";
    }
  }
}

bool same_problem(const dsl::diagnostic& a, const dsl::diagnostic& b) {
  return a.file == b.file && a.span.begin == b.span.begin && a.span.end == b.span.end && a.level == b.level &&
         a.code == b.code && a.message == b.message;
}

}  // namespace

command add_check(CLI::App& app) {
  auto opt = std::make_shared<check_options>();
  auto* cmd = app.add_subcommand("check", "Parse and check rule files");
  cmd->add_option("rules", opt->files, "Rule files; folders (every *.rules under them)")->required();
  cmd->add_flag("--strict", opt->strict, "Warnings fail the check too");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->footer("Exit status: 0 no errors (warnings allowed unless --strict); 1 a rule file has errors (or, with "
              "--strict, warnings); 2 a rule file cannot be read.");
  return [opt] {
    dsl::diagnostics all;
    std::vector<file_outcome> outcomes;
    bool listed = true;
    const auto paths = expand_folders(opt->files, ".rules", listed);
    bool unreadable = !listed;
    for (const auto& path : paths) {
      file_outcome outcome{.path = path, .status = "ok"};
      auto loaded = engine::load_ruleset(path);
      dsl::diagnostics found;
      if (loaded) {
        found = loaded->warnings;
        outcome.id = loaded->id;
        outcome.version = loaded->version;
        outcome.rules = loaded->rules.size();
        outcome.group_rules = loaded->group_rules.size();
      } else if (auto parsed = dsl::parse_file(path); parsed && parsed->header.kind == dsl::file_kind::library) {
        // A library (rules/common/checks.rules) names fields only a rule set gives a meaning:
        // it is checked within each rule set that includes it; on its own it must parse. Only
        // a file that does not load as a rule set is parsed again to tell.
        outcome.status = "library";
        outcome.id = parsed->header.id;
        outcomes.push_back(std::move(outcome));
        continue;
      } else {
        found = loaded.error();
        name_unnamed(found, path);
        const bool cannot_read = std::any_of(found.begin(), found.end(), [](const auto& d) { return d.code == "unreadable-file"; });
        outcome.status = cannot_read ? "unreadable" : "failed";
        unreadable = unreadable || cannot_read;
      }
      // Rule sets that share a parent or a library would each report its problems: once is enough.
      for (auto& d : found)
        if (std::none_of(all.begin(), all.end(), [&](const auto& seen) { return same_problem(seen, d); }))
          all.push_back(std::move(d));
      outcomes.push_back(std::move(outcome));
    }
    std::stable_sort(all.begin(), all.end(), [](const dsl::diagnostic& a, const dsl::diagnostic& b) {
      return std::tie(a.file, a.span.line, a.span.column, a.span.end) < std::tie(b.file, b.span.line, b.span.column, b.span.end);
    });
    const auto errors = std::count_if(all.begin(), all.end(), [](const auto& d) { return d.level == dsl::severity::error; });
    const auto warnings = std::count_if(all.begin(), all.end(), [](const auto& d) { return d.level == dsl::severity::warning; });

    if (opt->format == "json") {
      std::string files;
      for (const auto& o : outcomes) {
        files += fmt::format("{}\n    {{\"path\": {}, \"status\": \"{}\"", files.empty() ? "" : ",", json_quoted(o.path),
                             o.status);
        if (o.status == "library") files += fmt::format(R"(, "library": {})", json_quoted(o.id));
        if (o.status == "ok")
          files += fmt::format(R"(, "ruleset": {}, "version": {}, "rules": {}, "group_rules": {})", json_quoted(o.id),
                               json_quoted(o.version), o.rules, o.group_rules);
        files += "}";
      }
      fmt::print("{{\n  \"files\": [{}\n  ],\n  \"diagnostics\": {},\n  \"errors\": {},\n  \"warnings\": {}\n}}\n", files,
                 diagnostics_json(all, "  "), errors, warnings);
    } else {
      print_diagnostics(all, stderr);
      for (const auto& o : outcomes) {
        if (o.status == "ok")
          fmt::print("{}: ok ({} {}, {} rules, {} group rules)\n", o.path, o.id, o.version, o.rules, o.group_rules);
        else if (o.status == "library")
          fmt::print("{}: library {} (checked within the rule sets that include it)\n", o.path, o.id);
        else
          fmt::print("{}: {}\n", o.path, o.status);
      }
      fmt::print("{} errors, {} warnings\n", errors, warnings);
    }
    if (unreadable) return 2;
    return errors > 0 || (opt->strict && warnings > 0) ? 1 : 0;
  };
}

}  // namespace jixiao::cli
