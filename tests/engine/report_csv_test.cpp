// The CSV report's rows: text that needs quoting stays in its field, read back by libcsv's own
// parser; figures reconcile with the JSON report; a failure has a row of its own.
#include <catch2/catch.hpp>

#include <csv.h>

#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/report.hpp"
#include "engine/scoring.hpp"

using namespace jixiao;
using namespace jixiao::engine;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

// A Beijing form of one indicator whose project name holds a comma, quotes and a line break,
// and whose declared total (100.004) differs from the rules' 100.00 by less than a cent.
const std::string quoted_form = R"({"schema": "jixiao.form/1", "id": "q-1", "year": 2021, "jurisdiction": "北京",
  "project": "调研, \"试点\"\n二期", "department": "某局",
  "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "调研次数", "target": "10次",
                  "actual": "10次", "weight": 100, "score": 100}],
  "total": {"weight": 100, "score": "100.004"}})";

// The rows of a CSV text as libcsv's strict parser reads them, each a list of fields.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  struct state {
    std::vector<std::vector<std::string>> rows{1};
  } s;
  csv_parser p;
  REQUIRE(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
  const auto field = [](void* data, std::size_t size, void* out) {
    // An empty field may come as a null pointer.
    auto& row = static_cast<state*>(out)->rows.back();
    if (size == 0)
      row.emplace_back();
    else
      row.emplace_back(static_cast<const char*>(data), size);
  };
  const auto row_end = [](int, void* out) { static_cast<state*>(out)->rows.emplace_back(); };
  CHECK(csv_parse(&p, text.data(), text.size(), field, row_end, &s) == text.size());
  CHECK(csv_fini(&p, field, row_end, &s) == 0);
  csv_free(&p);
  s.rows.pop_back();  // the row the last line end opened
  return s.rows;
}

}  // namespace

TEST_CASE("a CSV row quotes the text that needs it and reads back the same") {
  auto loaded = load_form(quoted_form, "q.json");
  REQUIRE(loaded);
  const catalog rules = load_catalog(root + "/rules");
  auto program = select_ruleset(rules, *loaded);
  REQUIRE(program);
  const form_result r = score_form(**program, *loaded);

  const std::string row = render_csv_form(r);
  CHECK(row ==
        "\"q.json\",\"q-1\",\"调研, \"\"试点\"\"\n二期\",\"某局\",\"北京\",2021,\"beijing.2021\",\"2021.1\",\"\","
        "100.004,100.00,0.00,\"优\",\"优\",1,0,0,0,0,\"scored\",\"\"\r\n");

  const auto parsed = parse_csv(row);
  REQUIRE(parsed.size() == 1);
  REQUIRE(parsed[0].size() == 21);
  CHECK(parsed[0][2] == "调研, \"试点\"\n二期");
  CHECK(parsed[0][9] == "100.004");
  // Rules − declared is −0.004, rounded half-up to 2 decimals: zero, without a sign.
  CHECK(parsed[0][11] == "0.00");
}

TEST_CASE("the CSV header starts with a byte order mark and has a name for every column") {
  const std::string header = render_csv_begin();
  REQUIRE(header.starts_with("\xEF\xBB\xBF"));
  CHECK(header.ends_with("\r\n"));
  const auto parsed = parse_csv(std::string_view(header).substr(3));
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0] == std::vector<std::string>{"来源", "编号", "项目名称", "主管部门", "地区", "年度", "规则集",
                                              "规则集版本", "规则集不符", "自评总分", "规则总分", "差额（规则−自评）",
                                              "自评等级", "规则等级", "计算项数", "评判项数", "未评分项数",
                                              "不适用项数", "不一致项数", "状态", "错误信息"});
}

TEST_CASE("a failure has a row of its own, named as the form is known") {
  const form_error e{"corpus.jsonl", "indicators[0].weight", 7,
                     "expected a number such as 7.47 or 74.69%, got \"一分\""};
  CHECK(render_csv_failure(e, nullptr) ==
        "\"corpus.jsonl:7\",\"\",\"\",\"\",\"\",,\"\",\"\",\"\",,,,\"\",\"\",,,,,,\"failed\","
        "\"indicators[0].weight: expected a number such as 7.47 or 74.69%, got \"\"一分\"\"\"\r\n");

  // Read but not scored (no rule set covers it): the row still names the form.
  auto loaded = load_form(quoted_form, "q.json");
  REQUIRE(loaded);
  const form_error none{"q.json", "", 0, "no rule set covers 北京 2021"};
  const auto parsed = parse_csv(render_csv_failure(none, &*loaded));
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0] == std::vector<std::string>{"q.json", "q-1", "调研, \"试点\"\n二期", "某局", "北京", "2021", "", "", "",
                                              "", "", "", "", "", "", "", "", "", "", "failed",
                                              "no rule set covers 北京 2021"});
}
