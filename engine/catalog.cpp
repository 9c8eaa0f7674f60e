#include "engine/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "dsl/parser.hpp"

namespace jixiao::engine {

expected<program, dsl::diagnostics> load_ruleset(const std::string& path) {
  auto set = assemble(path);
  if (!set) return unexpected(std::move(set.error()));
  return compile(std::move(*set));
}

catalog load_catalog(const std::string& dir) {
  catalog out;
  std::error_code ec;
  std::vector<std::string> paths;
  std::filesystem::recursive_directory_iterator it(dir, ec), end;
  if (ec) {
    out.problems.push_back({dsl::severity::error, dir, {}, fmt::format("cannot read rule folder: {}", ec.message()), {}});
    return out;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file() && it->path().extension() == ".rules") paths.push_back(it->path().generic_string());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    // Libraries of shared declarations are not rule sets: rule sets include them.
    if (auto parsed = dsl::parse_file(p); parsed && parsed->header.kind == dsl::file_kind::library) {
      out.libraries.push_back(p);
      continue;
    }
    auto r = load_ruleset(p);
    if (r) {
      out.rulesets.push_back(std::move(*r));
    } else {
      out.problems.insert(out.problems.end(), r.error().begin(), r.error().end());
    }
  }
  return out;
}

namespace {

// The two conditions of covers, which mismatch words one by one.
bool same_jurisdiction(const program& rules, const form& f) { return rules.jurisdiction == f.jurisdiction; }
bool in_effect(const program& rules, const form& f) {
  return f.year >= rules.effective_from.year && f.year <= rules.effective_to.year;
}

}  // namespace

bool covers(const program& rules, const form& f) { return same_jurisdiction(rules, f) && in_effect(rules, f); }

std::string mismatch(const program& rules, const form& f) {
  std::vector<std::string> parts;
  if (!same_jurisdiction(rules, f))
    parts.push_back(fmt::format("rule set {} is for {}, the form is from {}", rules.id, rules.jurisdiction, f.jurisdiction));
  if (!in_effect(rules, f))
    parts.push_back(fmt::format("rule set {} is effective {:04}-{:02}-{:02} .. {:04}-{:02}-{:02}, the form is for {}",
                                rules.id, rules.effective_from.year, rules.effective_from.month,
                                rules.effective_from.day, rules.effective_to.year, rules.effective_to.month,
                                rules.effective_to.day, f.year));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

expected<const program*, std::string> select_ruleset(const catalog& c, const form& f) {
  std::vector<const program*> hits;
  for (const auto& r : c.rulesets)
    if (covers(r, f)) hits.push_back(&r);
  if (hits.size() == 1) return hits.front();
  if (hits.empty()) {
    std::string known;
    for (const auto& r : c.rulesets)
      known += fmt::format("{}{} ({}, {}..{})", known.empty() ? "" : ", ", r.id, r.jurisdiction,
                           r.effective_from.year, r.effective_to.year);
    return unexpected(fmt::format("no rule set covers {} {}; rule sets found: {}", f.jurisdiction, f.year,
                                  known.empty() ? "none" : known));
  }
  std::string names;
  for (const auto* r : hits) names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", r->id, r->path());
  return unexpected(fmt::format("several rule sets cover {} {}: {}", f.jurisdiction, f.year, names));
}

}  // namespace jixiao::engine
