// The form loader: the `jixiao.form/1` fixtures in tests/golden/forms/good load with every
// field exact, and each document in tests/golden/forms/bad fails with exactly the text of
// its .expected file (path and message).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "tests/engine/same_form.hpp"

namespace {

using jixiao::decimal;
using jixiao::engine::form;
using jixiao::engine::load_form;
using jixiao::engine::load_form_file;
using jixiao::engine::number_cell;
using state = jixiao::engine::number_cell::state;
using jixiao::engine::testing::check_same_cell;
using jixiao::engine::testing::check_same_form;

namespace fs = std::filesystem;

const fs::path forms_dir = fs::path(JIXIAO_SOURCE_DIR) / "tests" / "golden" / "forms";

decimal dec(std::string_view text) {
  auto value = decimal::parse(text);
  REQUIRE(value.has_value());
  return *value;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

form load_good(const std::string& name) {
  const auto loaded = load_form_file((forms_dir / "good" / name).string());
  if (!loaded) FAIL(name << ": " << to_string(loaded.error()));
  return *loaded;
}

std::string error_of(std::string_view json) {
  const auto loaded = load_form(json, "inline.json");
  REQUIRE_FALSE(loaded.has_value());
  return to_string(loaded.error());
}

// A one-key change to a minimal valid form, for table tests of single fields.
std::string with_indicator(std::string_view fields) {
  return R"({"schema": "jixiao.form/1", "year": 2021, "jurisdiction": "北京", "indicators": [{)" + std::string(fields) +
         "}]}";
}

void check_number(const number_cell& cell, std::string_view value, bool percent, int decimals, std::string_view text) {
  CHECK(cell.status == state::number);
  CHECK(cell.value == dec(value));
  CHECK(cell.percent == percent);
  CHECK(cell.decimals == decimals);
  CHECK(cell.text == text);
}

void check_marker(const number_cell& cell, std::string_view text) {
  CHECK(cell.status == state::not_applicable);
  CHECK(cell.text == text);
}

}  // namespace

TEST_CASE("a complete Beijing form loads with every field exact", "[form]") {
  const form f = load_good("beijing.json");

  CHECK(f.file == (forms_dir / "good" / "beijing.json").string());
  CHECK(f.id == "bj-2021-kjxzzx-01");
  CHECK(f.year == 2021);
  CHECK(f.jurisdiction == "北京");
  CHECK(f.project == "2021年北京科技协作中心杰出工程师与科技志愿服务工作");
  CHECK(f.department == "北京市科学技术委员会");
  CHECK(f.unit == "北京科技协作中心");
  CHECK(f.leader == "戴旭峰");
  CHECK(f.phone == "66519645");
  CHECK(f.money_unit == "万元");

  SECTION("budget") {
    const auto& b = f.budget;
    CHECK(b.present);
    check_number(b.weight, "10", false, 0, "10");
    check_number(b.rate, "0.7469", true, 2, "74.69%");
    check_number(b.score, "7.47", false, 2, "7.47");
    REQUIRE(b.rows.size() == 4);
    CHECK(b.rows[0].name == "年度资金总额");
    CHECK(b.rows[0].path == "budget.rows[0]");
    check_number(b.rows[0].initial, "498", false, 6, "498.000000");
    check_number(b.rows[0].annual, "498", false, 6, "498.000000");
    check_number(b.rows[0].executed, "371.9618", false, 6, "371.961800");
    check_number(b.rows[0].weight, "10", false, 0, "10");
    check_number(b.rows[0].rate, "0.7469", true, 2, "74.69%");
    check_number(b.rows[0].score, "7.47", false, 2, "7.47");
    CHECK(b.rows[1].name == "当年财政拨款");
    check_marker(b.rows[1].weight, "-");
    check_marker(b.rows[1].score, "-");
    check_number(b.rows[1].rate, "0.7469", true, 2, "74.69%");
    CHECK(b.rows[2].name == "上年结转资金");
    CHECK(b.rows[2].initial.status == state::absent);
    CHECK(b.rows[2].score.status == state::absent);
    // A blank string and null are both "not given".
    CHECK(b.rows[3].initial.status == state::absent);
    CHECK(b.rows[3].initial.text.empty());
    CHECK(b.rows[3].annual.status == state::absent);
    CHECK(b.rows[3].path == "budget.rows[3]");
  }

  SECTION("goals") {
    CHECK(f.goal_expected.starts_with("年度目标：\n在2021年1月1日"));
    CHECK(f.goal_actual.ends_with("创新成果巡展。"));
  }

  SECTION("indicators") {
    REQUIRE(f.indicators.size() == 6);
    const auto& first = f.indicators[0];
    CHECK(first.level1 == "产出指标");
    CHECK_FALSE(first.level1_weight.has_value());
    CHECK(first.level2 == "数量指标");
    CHECK(first.name == "梳理整理央企技术创新");
    CHECK(first.target == "形成分析报告");
    CHECK(first.actual == "形成分析报告1篇");
    CHECK(first.op.empty());
    CHECK(first.unit.empty());
    check_number(first.weight, "5", false, 0, "5");
    check_number(first.score, "5", false, 0, "5");
    CHECK(first.reason.empty());
    CHECK(first.path == "indicators[0]");
    CHECK_FALSE(first.group.has_value());

    CHECK(f.indicators[1].reason.starts_with("前期收集央企创新动态"));
    check_number(f.indicators[2].score, "1.6", false, 1, "1.6");
    check_number(f.indicators[3].score, "0.8", false, 1, "0.8");
    // Strings hold figures as well as JSON numbers do, decimals included.
    check_number(f.indicators[4].weight, "10", false, 0, "10");
    check_number(f.indicators[4].score, "8.5", false, 2, "8.50");
    CHECK(f.indicators[5].target == "≥90%");
    CHECK(f.indicators[5].path == "indicators[5]");
  }

  CHECK(f.groups.empty());
  check_number(f.total_weight, "100", false, 0, "100");
  check_number(f.total_score, "87.87", false, 2, "87.87");
}

TEST_CASE("Chinese keys give the same form as English keys", "[form]") {
  check_same_form(load_good("beijing_zh.json"), load_good("beijing.json"));
}

TEST_CASE("a UTF-8 byte-order mark is skipped", "[form]") {
  check_same_form(load_good("beijing_bom.json"), load_good("beijing.json"));
}

TEST_CASE("load_form reads text as load_form_file reads the file", "[form]") {
  const auto path = forms_dir / "good" / "shenzhen.json";
  const auto from_text = load_form(read_bytes(path), "shenzhen.json");
  REQUIRE(from_text.has_value());
  CHECK(from_text->file == "shenzhen.json");
  check_same_form(*from_text, load_good("shenzhen.json"));
}

TEST_CASE("Shenzhen groups carry the scores and link their members", "[form]") {
  const form f = load_good("shenzhen.json");
  CHECK(f.year == 2020);
  CHECK(f.money_unit == "元");

  // No budget-level figures: they come from the total row.
  CHECK(f.budget.present);
  check_number(f.budget.weight, "10", false, 0, "10");
  check_number(f.budget.rate, "0.997", true, 1, "99.7%");
  check_number(f.budget.score, "9.97", false, 2, "9.97");
  check_number(f.budget.rows[0].initial, "8620000", false, 2, "8620000.00");
  check_number(f.budget.rows[0].executed, "8086475.64", false, 2, "8086475.64");
  check_marker(f.budget.rows[2].rate, "—");
  check_number(f.budget.rows[2].initial, "0", false, 2, "0.00");

  REQUIRE(f.groups.size() == 8);
  const auto& quantity = f.groups[0];
  CHECK(quantity.level1 == "产出指标");
  REQUIRE(quantity.level1_weight.has_value());
  CHECK(*quantity.level1_weight == dec("50"));
  CHECK(quantity.level2 == "数量指标");
  check_number(quantity.weight, "15", false, 0, "15");
  check_number(quantity.score, "15", false, 0, "15");
  CHECK(quantity.path == "groups[0]");
  CHECK(quantity.members == std::vector<std::size_t>{0, 1});

  // Members in form order, even when the form interleaves groups.
  CHECK(f.groups[1].members == std::vector<std::size_t>{2, 4});
  CHECK(f.groups[2].members == std::vector<std::size_t>{3});
  CHECK(f.groups[3].members == std::vector<std::size_t>{5});

  const auto& economic = f.groups[4];
  CHECK(economic.level1 == "效益指标");
  CHECK(*economic.level1_weight == dec("40"));
  check_marker(economic.weight, "—");
  check_marker(economic.score, "—");
  CHECK(economic.members == std::vector<std::size_t>{6});
  CHECK(f.groups[5].members == std::vector<std::size_t>{7, 8});
  CHECK(f.groups[7].level2 == "满意度指标");
  CHECK(f.groups[7].members == std::vector<std::size_t>{10, 11});

  for (std::size_t g = 0; g < f.groups.size(); ++g) {
    for (std::size_t member : f.groups[g].members) CHECK(f.indicators[member].group == g);
  }
  const auto& topics = f.indicators[1];
  CHECK(topics.name == "年度课题数量");
  CHECK(topics.level1 == "产出指标");
  CHECK(*topics.level1_weight == dec("50"));
  CHECK(topics.weight.status == state::absent);
  CHECK(topics.score.status == state::absent);
  CHECK(topics.reason.starts_with("按市财政局要求"));
  check_number(f.total_score, "99.97", false, 2, "99.97");
}

TEST_CASE("Sichuan layout: comparator and unit columns, 权重, adjusted budget", "[form]") {
  const form f = load_good("sichuan.json");
  CHECK(f.year == 2022);
  CHECK(f.jurisdiction == "四川");
  CHECK(f.id == "sc-2022-fixture-01");

  const auto& row = f.budget.rows[0];
  check_number(row.initial, "100", false, 2, "100.00");
  check_number(row.annual, "120", false, 2, "120.00");
  check_number(row.executed, "108", false, 2, "108.00");
  check_number(f.budget.weight, "10", false, 0, "10");
  check_number(f.budget.rate, "0.9", true, 2, "90.00%");
  check_number(f.budget.score, "9", false, 2, "9.00");
  check_marker(f.budget.rows[1].weight, "/");
  check_marker(f.budget.rows[2].rate, "不适用");

  REQUIRE(f.indicators.size() == 3);
  const auto& length = f.indicators[0];
  CHECK(length.level1 == "产出指标");
  CHECK(*length.level1_weight == dec("50"));
  CHECK(length.op == "≥");
  CHECK(length.unit == "公里");
  CHECK(length.target == "1200");
  check_number(length.weight, "20", false, 0, "20");
  CHECK(f.indicators[1].unit == "%");
  check_number(f.indicators[1].score, "29.25", false, 2, "29.25");
  CHECK(f.indicators[2].level1 == "满意度指标");
  CHECK(*f.indicators[2].level1_weight == dec("10"));
  CHECK(f.indicators[2].actual.empty());
  CHECK(f.indicators[2].score.status == state::absent);
  check_number(f.total_score, "58.25", false, 2, "58.25");
  CHECK(f.groups.empty());
}

TEST_CASE("a minimal form leaves everything optional absent", "[form]") {
  const form f = load_good("minimal.json");
  CHECK(f.year == 2021);
  CHECK(f.jurisdiction == "北京");
  CHECK(f.id.empty());
  CHECK_FALSE(f.budget.present);
  CHECK(f.budget.rows.empty());
  CHECK(f.budget.weight.status == state::absent);
  CHECK(f.indicators.empty());
  CHECK(f.groups.empty());
  CHECK(f.total_weight.status == state::absent);
  CHECK(f.total_score.status == state::absent);
}

TEST_CASE("every good fixture and every example form loads", "[form]") {
  std::vector<fs::path> paths = files_in(forms_dir / "good", ".json");
  const auto examples = files_in(fs::path(JIXIAO_SOURCE_DIR) / "examples" / "forms", ".json");
  paths.insert(paths.end(), examples.begin(), examples.end());
  REQUIRE(paths.size() >= 6);
  for (const auto& path : paths) {
    DYNAMIC_SECTION(path.filename().string()) {
      const auto loaded = load_form_file(path.string());
      if (!loaded) FAIL(to_string(loaded.error()));
      CHECK(loaded->year > 0);
    }
  }
}

TEST_CASE("every json example in docs/form-format.md loads", "[form][docs]") {
  const std::string doc = read_bytes(fs::path(JIXIAO_SOURCE_DIR) / "docs" / "form-format.md");
  const std::string open = "```json\n";
  std::size_t count = 0;
  for (std::size_t at = doc.find(open); at != std::string::npos; at = doc.find(open, at)) {
    at += open.size();
    const std::size_t end = doc.find("```", at);
    REQUIRE(end != std::string::npos);
    ++count;
    DYNAMIC_SECTION("example " << count) {
      const auto loaded = load_form(std::string_view(doc).substr(at, end - at), "form-format.md");
      if (!loaded) FAIL(to_string(loaded.error()));
    }
    at = end;
  }
  CHECK(count >= 4);
}

TEST_CASE("each bad form fails with the golden message", "[form][golden]") {
  const auto paths = files_in(forms_dir / "bad", ".json");
  REQUIRE(paths.size() >= 10);
  for (const auto& path : paths) {
    DYNAMIC_SECTION(path.filename().string()) {
      fs::path expected_path = path;
      expected_path.replace_extension(".expected");
      REQUIRE(fs::exists(expected_path));
      std::string expected = read_bytes(expected_path);
      while (!expected.empty() && expected.back() == '\n') expected.pop_back();

      const auto loaded = load_form_file(path.string());
      REQUIRE_FALSE(loaded.has_value());
      CHECK(loaded.error().file == path.string());
      CHECK(loaded.error().line == 0);
      CHECK(to_string(loaded.error()) == expected);
    }
  }
}

TEST_CASE("an unreadable file is a form_error", "[form]") {
  const auto missing = load_form_file((forms_dir / "no-such-form.json").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().path.empty());
  CHECK(missing.error().message == "cannot read file: No such file or directory");

  const auto directory = load_form_file(forms_dir.string());
  REQUIRE_FALSE(directory.has_value());
  CHECK(directory.error().message == "cannot read file: Is a directory");
}

TEST_CASE("numeric cells keep value, percent, decimals and text", "[form][number]") {
  struct row {
    std::string json;
    state status;
    std::string value;
    bool percent;
    int decimals;
    std::string text;
  };
  const auto r = GENERATE(values<row>({
      {R"(7.47)", state::number, "7.47", false, 2, "7.47"},
      {R"("7.47")", state::number, "7.47", false, 2, "7.47"},
      {R"(" 7.47 ")", state::number, "7.47", false, 2, "7.47"},
      {R"("74.69%")", state::number, "0.7469", true, 2, "74.69%"},
      {R"("99.7%")", state::number, "0.997", true, 1, "99.7%"},
      {R"("498.000000")", state::number, "498", false, 6, "498.000000"},
      {R"(1.6)", state::number, "1.6", false, 1, "1.6"},
      {R"(0.1)", state::number, "0.1", false, 1, "0.1"},
      {R"(-2.5)", state::number, "-2.5", false, 1, "-2.5"},
      {R"(12345678901234567890.12)", state::number, "12345678901234567890.12", false, 2, "12345678901234567890.12"},
      {R"(10)", state::number, "10", false, 0, "10"},
      {R"("8,108,600.00")", state::number, "8108600", false, 2, "8,108,600.00"},
      {R"("—")", state::not_applicable, "0", false, 0, "—"},
      {R"("-")", state::not_applicable, "0", false, 0, "-"},
      {R"("/")", state::not_applicable, "0", false, 0, "/"},
      {R"("不适用")", state::not_applicable, "0", false, 0, "不适用"},
      {R"("")", state::absent, "0", false, 0, ""},
      {R"("  ")", state::absent, "0", false, 0, ""},
      {R"(null)", state::absent, "0", false, 0, ""},
  }));
  DYNAMIC_SECTION(r.json) {
    const auto loaded = load_form(with_indicator(R"("weight": )" + r.json), "inline.json");
    if (!loaded) FAIL(to_string(loaded.error()));
    const number_cell& cell = loaded->indicators.at(0).weight;
    CHECK(cell.status == r.status);
    CHECK(cell.value == dec(r.value));
    CHECK(cell.percent == r.percent);
    CHECK(cell.decimals == r.decimals);
    CHECK(cell.text == r.text);
  }
}

TEST_CASE("a weight in the level-1 label is split off", "[form][level1]") {
  struct row {
    std::string label;
    std::string level1;
    std::string weight;  // "" when none
  };
  const auto r = GENERATE(values<row>({
      {"产出指标（50分）", "产出指标", "50"},
      {"产出指标(50分)", "产出指标", "50"},
      {"效益指标 （40 分） ", "效益指标", "40"},
      {"满意度指标(7.5分)", "满意度指标", "7.5"},
      {"产出指标", "产出指标", ""},
      {" 产出指标 ", "产出指标", ""},
      {"产出指标（其他）", "产出指标（其他）", ""},
      {"（50分）", "（50分）", ""},
  }));
  DYNAMIC_SECTION(r.label) {
    const auto loaded = load_form(with_indicator(R"("level1": ")" + r.label + "\""), "inline.json");
    if (!loaded) FAIL(to_string(loaded.error()));
    const auto& item = loaded->indicators.at(0);
    CHECK(item.level1 == r.level1);
    if (r.weight.empty()) {
      CHECK_FALSE(item.level1_weight.has_value());
    } else {
      REQUIRE(item.level1_weight.has_value());
      CHECK(*item.level1_weight == dec(r.weight));
    }
  }
}

TEST_CASE("the year is a number or the text of a year", "[form][year]") {
  const auto r = GENERATE(values<std::pair<std::string, int>>({
      {R"(2021)", 2021},
      {R"("2021")", 2021},
      {R"("2021年")", 2021},
      {R"("2021年度")", 2021},
      {R"(" 2020 ")", 2020},
  }));
  DYNAMIC_SECTION(r.first) {
    const auto loaded = load_form(
        R"({"schema": "jixiao.form/1", "year": )" + r.first + R"(, "jurisdiction": "北京", "indicators": []})",
        "inline.json");
    if (!loaded) FAIL(to_string(loaded.error()));
    CHECK(loaded->year == r.second);
  }
}

TEST_CASE("groups link by level-1 and level-2 labels", "[form][groups]") {
  const auto loaded = load_form(R"json({
    "schema": "jixiao.form/1", "year": 2020, "jurisdiction": "深圳",
    "indicators": [
      {"level1": "产出指标", "level2": "数量指标", "name": "a"},
      {"level1": "产出指标（50分）", "level2": "质量指标", "name": "b"},
      {"level1": "效益指标", "level2": "数量指标", "name": "c"}
    ],
    "groups": [
      {"level1": "产出指标(50分)", "level2": "数量指标", "weight": 15, "score": 15},
      {"level1": "产出指标（50分）", "level2": "时效指标", "weight": 10, "score": 10}
    ]})json",
                                "inline.json");
  if (!loaded) FAIL(to_string(loaded.error()));
  const form& f = *loaded;
  // The weight in the label does not take part in the match.
  CHECK(f.indicators[0].group == std::optional<std::size_t>(0));
  CHECK(f.groups[0].members == std::vector<std::size_t>{0});
  // An indicator that matches no group and a group with no members are both fine.
  CHECK_FALSE(f.indicators[1].group.has_value());
  CHECK_FALSE(f.indicators[2].group.has_value());
  CHECK(f.groups[1].members.empty());
}

TEST_CASE("text fields and their errors", "[form][text]") {
  SECTION("escapes are decoded") {
    const auto loaded = load_form(with_indicator(R"("name": "\u4ea7\u51fa \"A\"\n")"), "inline.json");
    REQUIRE(loaded.has_value());
    CHECK(loaded->indicators[0].name == "产出 \"A\"\n");
  }
  SECTION("an escape is decoded wherever it stands in the cell") {
    // Cells are searched for a backslash sixteen bytes at a time: an escape in the first, a
    // middle or the last, partly filled block must each send the cell to be unescaped. (A
    // figure has its escape after at most 15 digits, so that it stays exact.)
    for (std::size_t at = 0; at <= 40; ++at) {
      INFO("escape after " << at << " bytes");
      const std::string before(at, 'a');
      const std::string digits(at % 16, '1');
      const std::string fields = R"("name": ")" + before + R"(\nb", "level2": ")" + before + R"(\u6570", )" +
                                 R"("target": ")" + before + R"(\\", "weight": ")" + digits + R"(\u0035")";
      const auto loaded = load_form(with_indicator(fields), "inline.json");
      REQUIRE(loaded.has_value());
      CHECK(loaded->indicators[0].name == before + "\nb");
      CHECK(loaded->indicators[0].level2 == before + "数");
      CHECK(loaded->indicators[0].target == before + "\\");
      CHECK(loaded->indicators[0].weight.text == digits + "5");
    }
  }
  SECTION("null text is empty") {
    const auto loaded = load_form(with_indicator(R"("reason": null)"), "inline.json");
    REQUIRE(loaded.has_value());
    CHECK(loaded->indicators[0].reason.empty());
  }
  SECTION("a boolean is not text") {
    CHECK(error_of(with_indicator(R"("name": true)")) == "indicators[0].name: expected a string, got true");
  }
  SECTION("a long string is cut in messages") {
    const std::string long_text(60, 'x');
    CHECK(error_of(with_indicator(R"("weight": ")" + long_text + "\"")) ==
          "indicators[0].weight: expected a number such as 7.47 or 74.69%, got \"" + std::string(40, 'x') + "…\"");
  }
  SECTION("paths use English names whatever the form's spelling") {
    CHECK(error_of(with_indicator(R"("得分": "高")")) ==
          "indicators[0].score: expected a number such as 7.47 or 74.69%, got \"高\"");
  }
  SECTION("an unknown key far from every known key gets no suggestion") {
    CHECK(error_of(with_indicator(R"("xy": 1)")) == "indicators[0].xy: unknown key \"xy\"");
  }
}

TEST_CASE("faults met while walking an indicator's keys or the indicators name the element", "[form][json]") {
  // read_object and read_array use each field and element where simdjson's iterator made it;
  // an iterator that stops on broken JSON must still end the load with the enclosing path.
  const std::string improper =
      ": The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.";
  SECTION("a key without its colon") {
    CHECK(error_of(with_indicator(R"("name": "a", "weight" 5)")) ==
          "invalid JSON at line 1, column 103 (byte 106), in indicators[0]" + improper);
  }
  SECTION("a comma before the closing brace") {
    CHECK(error_of(with_indicator(R"("name": "a", "weight": 5,)")) ==
          "invalid JSON at line 1, column 106 (byte 109), in indicators[0]" + improper);
  }
  SECTION("two indicators without a comma between them") {
    CHECK(error_of(with_indicator(R"("name": "a"} {"name": "b")")) ==
          "invalid JSON at line 1, column 94 (byte 97), in indicators" + improper);
  }
  SECTION("a duplicate key in a later indicator") {
    CHECK(error_of(with_indicator(R"("name": "a"}, {"name": "b", "name": "c")")) ==
          "indicators[1].name: duplicate key \"name\"");
  }
  SECTION("an element that is not an object") {
    CHECK(error_of(with_indicator(R"("name": "a"}, {"name": "b"}, 7, {"name": "c")")) ==
          "indicators[2]: expected an object, got 7");
  }
}
