// The JSON report (docs/report-format.md). Figures are strings holding the exact decimal
// ("7.47"), so that no consumer reads them through a binary float.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <rapidjson/prettywriter.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "engine/json_sink.hpp"
#include "engine/report.hpp"

namespace jixiao::engine {
namespace {

// The report is written straight to text with RapidJSON's streaming writer: building a DOM
// first (as the report did with nlohmann::ordered_json) cost three times the scoring itself
// in corpus mode (docs/performance.md). Every writer below is a template over the compact
// `Writer` (JSON Lines) and the `PrettyWriter` (indent 2), both writing into the report's own
// string through a json_sink.
using compact_writer = rapidjson::Writer<json_sink>;
using pretty_writer = rapidjson::PrettyWriter<json_sink>;

template <class W>
void str(W& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// A member name as JSON text, quotes included, made at compile time. The names are plain ASCII
// words, which need no escaping, so they are written raw and skip the writer's scan of every
// character for escapes; a name that would need escaping does not compile.
template <std::size_t N>
struct quoted {
  consteval quoted(const char (&name)[N]) {
    text[0] = '"';
    for (std::size_t i = 0; i + 1 < N; ++i) {
      const char c = name[i];
      if (!((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'))) throw "not a plain member name";
      text[i + 1] = c;
    }
    text[N] = '"';
  }
  char text[N + 1] = {};
};

template <quoted K, class W>
void key(W& w) {
  w.RawValue(K.text, sizeof K.text, rapidjson::kStringType);
}

// A figure as a JSON string from a buffer on the stack: figures are digits, a sign and a point,
// so the quoted text is valid JSON as it is and no string is made for it.
class figure_text {
public:
  char* begin() { return m_text + 1; }
  template <class W>
  void write(W& w, char* end) {
    m_text[0] = '"';
    *end++ = '"';
    w.RawValue(m_text, static_cast<std::size_t>(end - m_text), rapidjson::kStringType);
  }

private:
  char m_text[decimal::text_capacity + 2];
};

// Fixed notation, as decimal::to_fixed gives it.
template <class W>
void fixed(W& w, const decimal& d, int places) {
  figure_text t;
  t.write(w, d.write_fixed(t.begin(), places));
}

// The text decimal::to_string gives: the exact text when it has at most 12 decimals, which
// write_exact gives without a string; the rare other values go through to_string.
template <class W>
void exact(W& w, const decimal& d) {
  figure_text t;
  if (char* end = d.write_exact(t.begin(), 12))
    t.write(w, end);
  else
    str(w, d.to_string());
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
    fixed(w, *d, places);
}

template <class W>
void cell(W& w, const number_cell& c) {
  switch (c.status) {
    case number_cell::state::absent: w.Null(); return;
    case number_cell::state::not_applicable:
      w.StartObject();
      key<"not_applicable">(w);
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
    exact(w, c.value);
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
  key<"applied">(w);
  str_or_null(w, why.applied);
  key<"derivation">(w);
  str(w, why.derivation);
  key<"not_applied">(w);
  strings(w, why.not_applied);
  key<"tables">(w);
  w.StartArray();
  for (const auto& t : why.tables) {
    w.StartObject();
    key<"table">(w);
    str(w, t.table);
    key<"row">(w);
    w.Uint64(t.row);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

template <class W>
void item_json(W& w, const form_result& r, const item_result& item) {
  w.StartObject();
  key<"path">(w);
  str(w, item.path());
  key<"label">(w);
  thread_local std::string label;  // every item's, built into one string
  item.label_into(label);
  str(w, label);
  key<"kind">(w);
  str(w, item.is_group() ? "group" : "indicator");
  key<"weight">(w);
  if (item.share)
    exact(w, *item.share);
  else
    cell(w, item.weight());
  if (!item.share) {
    key<"declared">(w);
    cell(w, item.declared());
  }
  key<"outcome">(w);
  str(w, outcome_name(item.result));
  key<"rule">(w);
  str_or_null(w, item.rule_name());
  key<"rule_location">(w);
  if (!item.rule)
    w.Null();
  else {
    fmt::memory_buffer location;
    fmt::format_to(std::back_inserter(location), FMT_COMPILE("{}:{}:{}"), item.rule->file, item.rule->span.line,
                   item.rule->span.column);
    str(w, {location.data(), location.size()});
  }
  key<"score">(w);
  if (item.result == outcome::computed)
    figure(w, item.computed, 2);
  else
    w.Null();
  if (item.result == outcome::judged) {
    key<"bands">(w);
    w.StartArray();
    for (const auto& b : item.bands) {
      w.StartObject();
      key<"name">(w);
      str(w, b.name);
      key<"low">(w);
      exact(w, b.low);
      key<"high">(w);
      exact(w, b.high);
      key<"low_closed">(w);
      w.Bool(b.low_closed);
      key<"high_closed">(w);
      w.Bool(b.high_closed);
      w.EndObject();
    }
    w.EndArray();
    key<"band">(w);
    str_or_null(w, item.band);
  }
  key<"agrees">(w);
  w.Bool(item.agrees);
  key<"difference">(w);
  figure(w, item.difference, 2);
  key<"contribution">(w);
  if (item.result == outcome::not_applicable)
    w.Null();
  else
    exact(w, item.contribution);
  key<"note">(w);
  str_or_null(w, item.note);
  if (item.why) {
    key<"explain">(w);
    explain_json(w, *item.why);
  }
  if (item.is_group()) {
    key<"members">(w);
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
  key<"file">(w);
  str(w, f.file);
  key<"id">(w);
  str(w, f.id);
  key<"project">(w);
  str(w, f.project);
  key<"jurisdiction">(w);
  str(w, f.jurisdiction);
  key<"year">(w);
  w.Int(f.year);
  key<"ruleset">(w);
  w.StartObject();
  key<"id">(w);
  str(w, r.ruleset_id);
  key<"version">(w);
  str(w, r.ruleset_version);
  key<"path">(w);
  str(w, r.ruleset_path);
  key<"extends">(w);
  strings(w, r.ruleset_ancestry);
  key<"sha256">(w);
  str(w, r.ruleset_sha256);
  w.EndObject();
  key<"mismatch">(w);
  str_or_null(w, r.mismatch);
  key<"budget">(w);
  const auto& b = r.budget;
  if (b.present) {
    w.StartObject();
    key<"weight">(w);
    cell(w, b.weight);
    key<"declared_rate">(w);
    cell(w, b.declared_rate);
    key<"rate">(w);
    if (b.rate)
      exact(w, b.rate->round(6));
    else
      w.Null();
    key<"rate_agrees">(w);
    w.Bool(b.rate_agrees);
    key<"declared_score">(w);
    cell(w, b.declared_score);
    key<"score">(w);
    figure(w, b.score, 2);
    key<"score_agrees">(w);
    w.Bool(b.score_agrees);
    key<"note">(w);
    str_or_null(w, b.note);
    if (b.why) {
      key<"explain">(w);
      explain_json(w, *b.why);
    }
    w.EndObject();
  } else {
    w.Null();
  }
  key<"items">(w);
  w.StartArray();
  for (const auto& item : r.items) item_json(w, r, item);
  w.EndArray();
  key<"totals">(w);
  w.StartObject();
  key<"declared">(w);
  number(w, r.declared_total);
  key<"declared_sum">(w);
  exact(w, r.declared_sum);
  key<"declared_sum_agrees">(w);
  w.Bool(r.declared_sum_agrees);
  key<"rules">(w);
  fixed(w, r.rules_total, 2);
  key<"grade">(w);
  str(w, r.rules_grade);
  key<"declared_grade">(w);
  str(w, r.declared_grade);
  w.EndObject();
  key<"counts">(w);
  w.StartObject();
  key<"computed">(w);
  w.Uint64(r.computed);
  key<"judged">(w);
  w.Uint64(r.judged);
  key<"unscored">(w);
  w.Uint64(r.unscored);
  key<"not_applicable">(w);
  w.Uint64(r.not_applicable);
  key<"disagreements">(w);
  w.Uint64(r.disagreements);
  w.EndObject();
  w.EndObject();
}

template <class W>
void failure_json(W& w, const form_error& e) {
  w.StartObject();
  key<"file">(w);
  str(w, e.file);
  key<"line">(w);
  if (e.line)
    w.Uint64(e.line);
  else
    w.Null();
  key<"path">(w);
  str(w, e.path);
  key<"message">(w);
  str(w, e.message);
  w.EndObject();
}

template <class W>
void summary_json(W& w, run_counts counts) {
  w.StartObject();
  key<"read">(w);
  w.Uint64(counts.read());
  key<"scored">(w);
  w.Uint64(counts.scored);
  key<"failed">(w);
  w.Uint64(counts.failed);
  w.EndObject();
}

// The buffer every report of a thread is written into before it is copied out at its size:
// reports are rendered on the corpus threads, one form at a time (json_sink says why a kept
// buffer pays).
std::string& thread_buffer() {
  thread_local std::string buffer;
  return buffer;
}

// One JSON Lines record: {"NAME": …} and a line break.
template <quoted Name, class F>
std::string jsonl_line(F&& body) {
  json_sink sink(thread_buffer());
  compact_writer w(sink);
  w.StartObject();
  key<Name>(w);
  body(w);
  w.EndObject();
  sink.Put('\n');
  return std::string(sink.text());
}

// Appends a value written with two spaces a level, as it appears `depth` levels deep in the
// document: the sink indents every line the writer starts by the depth.
template <class F>
void nested(std::string& out, int depth, F&& body) {
  json_sink sink(thread_buffer(), static_cast<std::size_t>(depth) * 2);
  pretty_writer w(sink);
  w.SetIndent(' ', 2);
  body(w);
  out += sink.text();
}

}  // namespace

std::string render_json_begin() {
  std::string out = "{\n  \"schema\": \"jixiao.score/1\",\n  \"jixiao_version\": ";
  nested(out, 0, [](auto& w) { str(w, JIXIAO_VERSION); });
  out += ",\n  \"forms\": [";
  return out;
}

std::string render_json_form(const form_result& r) {
  std::string out = "\n    ";
  nested(out, 2, [&](auto& w) { form_json(w, r); });
  return out;
}

std::string render_json_end(const std::vector<form_error>& failures, run_counts counts) {
  std::string out = counts.scored ? "\n  ]" : "]";
  out += ",\n  \"failures\": ";
  nested(out, 1, [&](auto& w) {
    w.StartArray();
    for (const auto& e : failures) failure_json(w, e);
    w.EndArray();
  });
  out += ",\n  \"summary\": ";
  nested(out, 1, [&](auto& w) { summary_json(w, counts); });
  out += "\n}\n";
  return out;
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
  return jsonl_line<"form">([&](auto& w) { form_json(w, r); });
}

std::string render_jsonl_failure(const form_error& e) {
  return jsonl_line<"failure">([&](auto& w) { failure_json(w, e); });
}

std::string render_jsonl_summary(run_counts counts) {
  return jsonl_line<"summary">([&](auto& w) { summary_json(w, counts); });
}

}  // namespace jixiao::engine
