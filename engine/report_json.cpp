// The JSON report (docs/report-format.md). Figures are strings holding the exact decimal
// ("7.47"), so that no consumer reads them through a binary float.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "engine/report.hpp"

namespace jixiao::engine {
namespace {

using json = nlohmann::ordered_json;

json figure(const std::optional<decimal>& d, int places) {
  if (!d) return nullptr;
  return d->to_fixed(places);
}

json cell(const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: return nullptr;
    case number_cell::state::not_applicable: return json{{"not_applicable", c.text}};
    case number_cell::state::number: return c.text;
  }
  return nullptr;
}

json number(const number_cell& c) {
  if (!c.is_number()) return nullptr;
  return c.value.to_string();
}

std::string location(const std::string& file, const dsl::source_span& span) {
  return fmt::format("{}:{}:{}", file, span.line, span.column);
}

// `--explain` only, so that the default report stays as it was.
json explain_json(const explanation& why) {
  json tables = json::array();
  for (const auto& t : why.tables) tables.push_back({{"table", t.table}, {"row", t.row}});
  return {{"applied", why.applied.empty() ? json(nullptr) : json(why.applied)},
          {"derivation", why.derivation},
          {"not_applied", why.not_applied},
          {"tables", tables}};
}

json item_json(const form_result& r, const item_result& item) {
  json j;
  j["path"] = item.path;
  j["label"] = item.label;
  j["kind"] = item.is_group ? "group" : "indicator";
  j["weight"] = item.share ? json(item.share->to_string()) : cell(item.weight);
  if (!item.share) j["declared"] = cell(item.declared);
  j["outcome"] = outcome_name(item.result);
  j["rule"] = item.rule.empty() ? json(nullptr) : json(item.rule);
  j["rule_location"] = item.rule.empty() ? json(nullptr) : json(location(item.rule_file, item.rule_span));
  j["score"] = item.result == outcome::computed ? figure(item.computed, 2) : json(nullptr);
  if (item.result == outcome::judged) {
    json bands = json::array();
    for (const auto& b : item.bands)
      bands.push_back({{"name", b.name},
                       {"low", b.low.to_string()},
                       {"high", b.high.to_string()},
                       {"low_closed", b.low_closed},
                       {"high_closed", b.high_closed}});
    j["bands"] = bands;
    j["band"] = item.band.empty() ? json(nullptr) : json(item.band);
  }
  j["agrees"] = item.agrees;
  j["difference"] = figure(item.difference, 2);
  j["contribution"] = item.result == outcome::not_applicable ? json(nullptr) : json(item.contribution.to_string());
  j["note"] = item.note.empty() ? json(nullptr) : json(item.note);
  if (item.why) j["explain"] = explain_json(*item.why);
  if (item.is_group) {
    json members = json::array();
    for (const auto& m : item.members) members.push_back(item_json(r, m));
    j["members"] = members;
  }
  return j;
}

json form_json(const form_result& r) {
  const form& f = *r.source;
  json j;
  j["file"] = f.file;
  j["id"] = f.id;
  j["project"] = f.project;
  j["jurisdiction"] = f.jurisdiction;
  j["year"] = f.year;
  j["ruleset"] = {{"id", r.ruleset_id},
                  {"version", r.ruleset_version},
                  {"path", r.ruleset_path},
                  {"extends", r.ruleset_ancestry},
                  {"sha256", r.ruleset_sha256}};
  j["mismatch"] = r.mismatch.empty() ? json(nullptr) : json(r.mismatch);
  const auto& b = r.budget;
  if (b.present) {
    j["budget"] = {{"weight", cell(b.weight)},
                   {"declared_rate", cell(b.declared_rate)},
                   {"rate", b.rate ? json(b.rate->round(6).to_string()) : json(nullptr)},
                   {"rate_agrees", b.rate_agrees},
                   {"declared_score", cell(b.declared_score)},
                   {"score", figure(b.score, 2)},
                   {"score_agrees", b.score_agrees},
                   {"note", b.note.empty() ? json(nullptr) : json(b.note)}};
    if (b.why) j["budget"]["explain"] = explain_json(*b.why);
  } else {
    j["budget"] = nullptr;
  }
  json items = json::array();
  for (const auto& item : r.items) items.push_back(item_json(r, item));
  j["items"] = items;
  j["totals"] = {{"declared", number(r.declared_total)},
                 {"declared_sum", r.declared_sum.to_string()},
                 {"declared_sum_agrees", r.declared_sum_agrees},
                 {"rules", r.rules_total.to_fixed(2)},
                 {"grade", r.rules_grade},
                 {"declared_grade", r.declared_grade}};
  j["counts"] = {{"computed", r.computed},
                 {"judged", r.judged},
                 {"unscored", r.unscored},
                 {"not_applicable", r.not_applicable},
                 {"disagreements", r.disagreements}};
  return j;
}

json failure_json(const form_error& e) {
  return {{"file", e.file}, {"line", e.line ? json(e.line) : json(nullptr)}, {"path", e.path}, {"message", e.message}};
}

json summary_json(run_counts counts) {
  return {{"read", counts.read()}, {"scored", counts.scored}, {"failed", counts.failed}};
}

// A value dumped as it appears `depth` levels deep in the document (two spaces a level).
// JSON strings never hold a raw line break, so indenting every line is safe.
std::string nested(const json& j, int depth) {
  std::string text = j.dump(2);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

}  // namespace

std::string render_json_begin() {
  return fmt::format("{{\n  \"schema\": \"jixiao.score/1\",\n  \"jixiao_version\": {},\n  \"forms\": [",
                     json(JIXIAO_VERSION).dump());
}

std::string render_json_form(const form_result& r) { return "\n    " + nested(form_json(r), 2); }

std::string render_json_end(const std::vector<form_error>& failures, run_counts counts) {
  json list = json::array();
  for (const auto& e : failures) list.push_back(failure_json(e));
  return fmt::format("{}],\n  \"failures\": {},\n  \"summary\": {}\n}}\n", counts.scored ? "\n  " : "",
                     nested(list, 1), nested(summary_json(counts), 1));
}

std::string render_json(const score_run& run) {
  std::string out = render_json_begin();
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    if (i > 0) out += ',';
    out += render_json_form(run.results[i]);
  }
  out += render_json_end(run.failures, {run.results.size(), run.failures.size()});
  return out;
}

std::string render_jsonl_form(const form_result& r) { return json{{"form", form_json(r)}}.dump() + "\n"; }

std::string render_jsonl_failure(const form_error& e) { return json{{"failure", failure_json(e)}}.dump() + "\n"; }

std::string render_jsonl_summary(run_counts counts) { return json{{"summary", summary_json(counts)}}.dump() + "\n"; }

}  // namespace jixiao::engine
