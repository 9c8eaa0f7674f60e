// json_sink, the RapidJSON output stream of the JSON reports: RapidJSON's writers writing
// through it give exactly the text they give into their own StringBuffer, appended to what the
// string held, with the sink's indent after every line break; and the reports written through
// it are what plain RapidJSON prints for the same document.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "engine/catalog.hpp"
#include "engine/json_sink.hpp"
#include "engine/report.hpp"
#include "engine/scoring.hpp"

using namespace jixiao;
using namespace jixiao::engine;

namespace {

template <class W>
void sample(W& w, const std::string& long_text) {
  w.StartObject();
  w.Key("a");
  w.StartArray();
  w.Int(1);
  w.String("x\"y\n");
  w.StartObject();
  w.EndObject();
  w.EndArray();
  w.Key("b");
  w.String(long_text.data(), static_cast<rapidjson::SizeType>(long_text.size()));
  w.Key("c");
  w.RawValue("\"7.47\"", 6, rapidjson::kStringType);
  w.EndObject();
}

}  // namespace

TEST_CASE("json_sink writes a compact document from the start of its buffer") {
  std::string buffer = "left from an earlier report";
  json_sink sink(buffer);
  rapidjson::Writer<json_sink> w(sink);
  sample(w, "中文");
  CHECK(sink.text() == R"({"a":[1,"x\"y\n",{}],"b":"中文","c":"7.47"})");
}

TEST_CASE("json_sink indents every line PrettyWriter starts") {
  std::string buffer;
  json_sink sink(buffer, 4);
  sink.Put('\n');
  rapidjson::PrettyWriter<json_sink> w(sink);
  w.SetIndent(' ', 2);
  sample(w, "z");
  CHECK(sink.text() ==
        "\n    {\n"
        "      \"a\": [\n"
        "        1,\n"
        "        \"x\\\"y\\n\",\n"
        "        {}\n"
        "      ],\n"
        "      \"b\": \"z\",\n"
        "      \"c\": \"7.47\"\n"
        "    }");
}

TEST_CASE("json_sink grows past its first claim as StringBuffer does") {
  // Longer than the sink's first 256 bytes and than every doubling up to 16 KiB, escapes
  // included, so every growth path runs.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "数\"\\\t";
  rapidjson::StringBuffer plain;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> pw(plain);
  sample(pw, text);
  std::string buffer;
  for (int pass = 0; pass < 2; ++pass) {
    // The second pass writes into the buffer the first one grew.
    json_sink sink(buffer);
    rapidjson::PrettyWriter<json_sink> w(sink);
    sample(w, text);
    CHECK(sink.text().size() == plain.GetSize());
    CHECK(sink.text() == std::string_view(plain.GetString(), plain.GetSize()));
  }
}

TEST_CASE("the JSON report of the seed forms is what plain RapidJSON prints") {
  const std::string root = JIXIAO_SOURCE_DIR;
  const catalog rules = load_catalog(root + "/rules");
  auto explain = GENERATE(false, true);
  std::vector<form> forms;
  for (const char* name : {"seed-000-beijing-2021.json", "seed-001-beijing-2021.json",
                           "seed-002-beijing-2021.json", "seed-004-shenzhen-2020.json"}) {
    auto loaded = load_form_file(root + "/examples/forms/" + name);
    REQUIRE(loaded);
    forms.push_back(std::move(*loaded));
  }
  score_run run;
  for (const auto& f : forms) {
    auto program = select_ruleset(rules, f);
    REQUIRE(program);
    run.results.push_back(score_form(**program, f, {.explain = explain}));
  }
  run.failures.push_back({"broken.json", "indicators[1]", 3, "expected a number"});
  const std::string report = render_json(run);

  // The report parsed and printed again by RapidJSON's PrettyWriter alone: the same bytes,
  // so json_sink's indentation starts every form at the right depth.
  rapidjson::Document doc;
  doc.Parse(report.data(), report.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc["forms"].Size() == 4);
  rapidjson::StringBuffer plain;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(plain);
  w.SetIndent(' ', 2);
  doc.Accept(w);
  CHECK(report == std::string(plain.GetString(), plain.GetSize()) + "\n");

  // Each JSON Lines record is the compact print of the same form.
  rapidjson::StringBuffer compact;
  rapidjson::Writer<rapidjson::StringBuffer> cw(compact);
  doc["forms"][0].Accept(cw);
  CHECK(render_jsonl_form(run.results[0]) ==
        "{\"form\":" + std::string(compact.GetString(), compact.GetSize()) + "}\n");
}

TEST_CASE("json_sink indents past its block of spaces") {
  // Indents of 24 spaces from the writer and 20 from the sink: longer than the 16 the sink
  // fills as one block.
  auto deep = [](auto& w) {
    for (int i = 0; i < 6; ++i) w.StartArray();
    w.String("x");
    for (int i = 0; i < 6; ++i) w.EndArray();
  };
  rapidjson::StringBuffer plain;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> pw(plain);
  deep(pw);
  std::string expected;
  for (const char* c = plain.GetString(); *c; ++c) {
    expected += *c;
    if (*c == '\n') expected += std::string(20, ' ');
  }
  std::string buffer;
  json_sink sink(buffer, 20);
  rapidjson::PrettyWriter<json_sink> w(sink);
  deep(w);
  CHECK(sink.text() == expected);
  CHECK(sink.text().substr(0, 33) == "[\n" + std::string(24, ' ') + "[\n" + std::string(5, ' '));
}
