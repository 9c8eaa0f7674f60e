// The JSON report (docs/report-format.md). Figures are strings holding the exact decimal
// ("7.47"), so that no consumer reads them through a binary float.
#include <fmt/format.h>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/report.hpp"

namespace jixiao::engine {
namespace {

// The report is written straight to text with RapidJSON's streaming writer: building a DOM
// first (as the report did with nlohmann::ordered_json) cost three times the scoring itself
// in corpus mode (docs/performance.md). Every writer below is a template over the compact
// `Writer` (JSON Lines) and the `PrettyWriter` (indent 2) of the same buffer.
using buffer = rapidjson::StringBuffer;
using compact_writer = rapidjson::Writer<buffer>;
using pretty_writer = rapidjson::PrettyWriter<buffer>;

template <class W>
void str(W& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

template <class W>
void key(W& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

// A string, or null when it is empty.
template <class W>
void str_or_null(W& w, std::string_view s) {
  if (s.empty())
    w.Null();
  else
    str(w, s);
}

template <class W>
void figure(W& w, const std::optional<decimal>& d, int places) {
  if (!d)
    w.Null();
  else
    str(w, d->to_fixed(places));
}

template <class W>
void cell(W& w, const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: w.Null(); return;
    case number_cell::state::not_applicable:
      w.StartObject();
      key(w, "not_applicable");
      str(w, c.text);
      w.EndObject();
      return;
    case number_cell::state::number: str(w, c.text); return;
  }
  w.Null();
}

template <class W>
void number(W& w, const number_cell& c) {
  if (!c.is_number())
    w.Null();
  else
    str(w, c.value.to_string());
}

template <class W>
void strings(W& w, const std::vector<std::string>& list) {
  w.StartArray();
  for (const auto& s : list) str(w, s);
  w.EndArray();
}

// `--explain` only, so that the default report stays as it was.
template <class W>
void explain_json(W& w, const explanation& why) {
  w.StartObject();
  key(w, "applied");
  str_or_null(w, why.applied);
  key(w, "derivation");
  str(w, why.derivation);
  key(w, "not_applied");
  strings(w, why.not_applied);
  key(w, "tables");
  w.StartArray();
  for (const auto& t : why.tables) {
    w.StartObject();
    key(w, "table");
    str(w, t.table);
    key(w, "row");
    w.Uint64(t.row);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

template <class W>
void item_json(W& w, const form_result& r, const item_result& item) {
  w.StartObject();
  key(w, "path");
  str(w, item.path);
  key(w, "label");
  str(w, item.label);
  key(w, "kind");
  str(w, item.is_group ? "group" : "indicator");
  key(w, "weight");
  if (item.share)
    str(w, item.share->to_string());
  else
    cell(w, item.weight);
  if (!item.share) {
    key(w, "declared");
    cell(w, item.declared);
  }
  key(w, "outcome");
  str(w, outcome_name(item.result));
  key(w, "rule");
  str_or_null(w, item.rule);
  key(w, "rule_location");
  if (item.rule.empty())
    w.Null();
  else
    str(w, fmt::format("{}:{}:{}", item.rule_file, item.rule_span.line, item.rule_span.column));
  key(w, "score");
  if (item.result == outcome::computed)
    figure(w, item.computed, 2);
  else
    w.Null();
  if (item.result == outcome::judged) {
    key(w, "bands");
    w.StartArray();
    for (const auto& b : item.bands) {
      w.StartObject();
      key(w, "name");
      str(w, b.name);
      key(w, "low");
      str(w, b.low.to_string());
      key(w, "high");
      str(w, b.high.to_string());
      key(w, "low_closed");
      w.Bool(b.low_closed);
      key(w, "high_closed");
      w.Bool(b.high_closed);
      w.EndObject();
    }
    w.EndArray();
    key(w, "band");
    str_or_null(w, item.band);
  }
  key(w, "agrees");
  w.Bool(item.agrees);
  key(w, "difference");
  figure(w, item.difference, 2);
  key(w, "contribution");
  if (item.result == outcome::not_applicable)
    w.Null();
  else
    str(w, item.contribution.to_string());
  key(w, "note");
  str_or_null(w, item.note);
  if (item.why) {
    key(w, "explain");
    explain_json(w, *item.why);
  }
  if (item.is_group) {
    key(w, "members");
    w.StartArray();
    for (const auto& m : item.members) item_json(w, r, m);
    w.EndArray();
  }
  w.EndObject();
}

template <class W>
void form_json(W& w, const form_result& r) {
  const form& f = *r.source;
  w.StartObject();
  key(w, "file");
  str(w, f.file);
  key(w, "id");
  str(w, f.id);
  key(w, "project");
  str(w, f.project);
  key(w, "jurisdiction");
  str(w, f.jurisdiction);
  key(w, "year");
  w.Int(f.year);
  key(w, "ruleset");
  w.StartObject();
  key(w, "id");
  str(w, r.ruleset_id);
  key(w, "version");
  str(w, r.ruleset_version);
  key(w, "path");
  str(w, r.ruleset_path);
  key(w, "extends");
  strings(w, r.ruleset_ancestry);
  key(w, "sha256");
  str(w, r.ruleset_sha256);
  w.EndObject();
  key(w, "mismatch");
  str_or_null(w, r.mismatch);
  key(w, "budget");
  const auto& b = r.budget;
  if (b.present) {
    w.StartObject();
    key(w, "weight");
    cell(w, b.weight);
    key(w, "declared_rate");
    cell(w, b.declared_rate);
    key(w, "rate");
    if (b.rate)
      str(w, b.rate->round(6).to_string());
    else
      w.Null();
    key(w, "rate_agrees");
    w.Bool(b.rate_agrees);
    key(w, "declared_score");
    cell(w, b.declared_score);
    key(w, "score");
    figure(w, b.score, 2);
    key(w, "score_agrees");
    w.Bool(b.score_agrees);
    key(w, "note");
    str_or_null(w, b.note);
    if (b.why) {
      key(w, "explain");
      explain_json(w, *b.why);
    }
    w.EndObject();
  } else {
    w.Null();
  }
  key(w, "items");
  w.StartArray();
  for (const auto& item : r.items) item_json(w, r, item);
  w.EndArray();
  key(w, "totals");
  w.StartObject();
  key(w, "declared");
  number(w, r.declared_total);
  key(w, "declared_sum");
  str(w, r.declared_sum.to_string());
  key(w, "declared_sum_agrees");
  w.Bool(r.declared_sum_agrees);
  key(w, "rules");
  str(w, r.rules_total.to_fixed(2));
  key(w, "grade");
  str(w, r.rules_grade);
  key(w, "declared_grade");
  str(w, r.declared_grade);
  w.EndObject();
  key(w, "counts");
  w.StartObject();
  key(w, "computed");
  w.Uint64(r.computed);
  key(w, "judged");
  w.Uint64(r.judged);
  key(w, "unscored");
  w.Uint64(r.unscored);
  key(w, "not_applicable");
  w.Uint64(r.not_applicable);
  key(w, "disagreements");
  w.Uint64(r.disagreements);
  w.EndObject();
  w.EndObject();
}

template <class W>
void failure_json(W& w, const form_error& e) {
  w.StartObject();
  key(w, "file");
  str(w, e.file);
  key(w, "line");
  if (e.line)
    w.Uint64(e.line);
  else
    w.Null();
  key(w, "path");
  str(w, e.path);
  key(w, "message");
  str(w, e.message);
  w.EndObject();
}

template <class W>
void summary_json(W& w, run_counts counts) {
  w.StartObject();
  key(w, "read");
  w.Uint64(counts.read());
  key(w, "scored");
  w.Uint64(counts.scored);
  key(w, "failed");
  w.Uint64(counts.failed);
  w.EndObject();
}

// One JSON Lines record: {"NAME": …} and a line break.
template <class F>
std::string jsonl_line(std::string_view name, F&& body) {
  buffer out;
  compact_writer w(out);
  w.StartObject();
  key(w, name);
  body(w);
  w.EndObject();
  std::string line(out.GetString(), out.GetSize());
  line += '\n';
  return line;
}

// A value written with two spaces a level, as it appears `depth` levels deep in the document.
// JSON strings never hold a raw line break, so indenting every line is safe.
template <class F>
std::string nested(int depth, F&& body) {
  buffer text;
  pretty_writer w(text);
  w.SetIndent(' ', 2);
  body(w);
  std::string out;
  out.reserve(text.GetSize() + text.GetSize() / 8);
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  for (const char* c = text.GetString(); *c; ++c) {
    out += *c;
    if (*c == '\n') out += indent;
  }
  return out;
}

}  // namespace

std::string render_json_begin() {
  return fmt::format("{{\n  \"schema\": \"jixiao.score/1\",\n  \"jixiao_version\": {},\n  \"forms\": [",
                     nested(0, [](auto& w) { str(w, JIXIAO_VERSION); }));
}

std::string render_json_form(const form_result& r) {
  return "\n    " + nested(2, [&](auto& w) { form_json(w, r); });
}

std::string render_json_end(const std::vector<form_error>& failures, run_counts counts) {
  const auto list = nested(1, [&](auto& w) {
    w.StartArray();
    for (const auto& e : failures) failure_json(w, e);
    w.EndArray();
  });
  return fmt::format("{}],\n  \"failures\": {},\n  \"summary\": {}\n}}\n", counts.scored ? "\n  " : "", list,
                     nested(1, [&](auto& w) { summary_json(w, counts); }));
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

std::string render_jsonl_form(const form_result& r) {
  return jsonl_line("form", [&](auto& w) { form_json(w, r); });
}

std::string render_jsonl_failure(const form_error& e) {
  return jsonl_line("failure", [&](auto& w) { failure_json(w, e); });
}

std::string render_jsonl_summary(run_counts counts) {
  return jsonl_line("summary", [&](auto& w) { summary_json(w, counts); });
}

}  // namespace jixiao::engine
