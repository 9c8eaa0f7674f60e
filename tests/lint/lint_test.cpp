// jixiao lint: acceptance on the seeds (exact ids and messages), the catalogue (a form that
// triggers each check and a near miss that must not), and the check language's static errors.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "dsl/parser.hpp"
#include "engine/catalog.hpp"
#include "engine/lint.hpp"

namespace {

namespace fs = std::filesystem;
using namespace jixiao;

const fs::path root = JIXIAO_SOURCE_DIR;

const engine::catalog& rules() {
  static const engine::catalog c = [] {
    auto out = engine::load_catalog((root / "rules").string());
    REQUIRE(out.problems.empty());
    return out;
  }();
  return c;
}

std::vector<engine::finding> lint(const fs::path& path) {
  auto f = engine::load_form_file(path.string());
  REQUIRE(f);
  auto program = engine::select_ruleset(rules(), *f);
  REQUIRE(program);
  return engine::lint_form(**program, *f).findings;
}

const engine::finding* find(const std::vector<engine::finding>& all, std::string_view check, std::string_view path) {
  for (const auto& f : all)
    if (f.check == check && f.path == path) return &f;
  return nullptr;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string compile_errors(const std::string& source) {
  auto parsed = dsl::parse(source, "t.rules");
  if (!parsed) return "syntax error: " + parsed.error().front().message;
  auto program = engine::compile(std::move(*parsed));
  if (program) return "";
  std::string out;
  for (const auto& d : program.error())
    if (d.level == dsl::severity::error)
      out += fmt::format("{}:{}: {}\n", d.span.line, d.span.column, d.message);
  return out;
}

const std::string header = R"(ruleset t.1 {
  jurisdiction "北京"
  version "1"
  effective 2021-01-01 .. 2021-12-31
}
budget score = 分值
rule 定量 otherwise
  score = 分值
)";

}  // namespace

TEST_CASE("acceptance: the seeds", "[lint][acceptance]") {
  const auto seed = [](const char* name) { return lint(root / "examples/forms" / name); };

  SECTION("seed 000: 分析重点领域 declared 1, rules 0") {
    auto all = seed("seed-000-beijing-2021.json");
    const auto* f = find(all, "score.mismatch", "indicators[3].score");
    REQUIRE(f);
    CHECK(f->severity == engine::check_severity::error);
    CHECK(f->message == "「分析重点领域」申报得分 1，按规则（正向定量）应得 0");
    CHECK(f->label == "绩效指标 › 产出指标 › 数量指标 › 分析重点领域 › 得分");
  }
  SECTION("seed 002: 课题验收通过率 declared 4, rules 0; 15个 → 28个 needs analysis") {
    auto all = seed("seed-002-beijing-2021.json");
    const auto* f = find(all, "score.mismatch", "indicators[10].score");
    REQUIRE(f);
    CHECK(f->severity == engine::check_severity::error);
    CHECK(f->message == "「课题验收通过率」申报得分 4，按规则（正向定量）应得 0");
    const auto* over = find(all, "overachievement.unexplained", "indicators[0].reason");
    REQUIRE(over);
    CHECK(over->message ==
          "「调研军工单位、高校、科研院所、民参军高科技企业」完成值 28个 为指标值 15个 的 186.67%，超额较多，"
          "须分析原因（指标值是否设定偏低）");
  }
  SECTION("seed 004: 数量指标 at full score although 年度课题数量 10 → 7; 经费使用合规性 twice") {
    auto all = seed("seed-004-shenzhen-2020.json");
    const auto* g = find(all, "group.full-despite-miss", "groups[0].score");
    REQUIRE(g);
    CHECK(g->message == "「数量指标」组得满分 15，但组内有 1 个三级指标未完成年度指标值");
    CHECK(g->label == "绩效指标 › 产出指标 › 数量指标 › 得分");
    const auto* d = find(all, "indicator.duplicate", "indicators[26].name");
    REQUIRE(d);
    CHECK(d->message == "「经费使用合规性」在表中出现 2 次，二级指标和年度指标值都相同");
    // Shenzhen's split (产出 50, 效益 40 with 满意度 inside) is not a finding under its rules.
    CHECK(std::none_of(all.begin(), all.end(), [](const auto& x) { return x.check == "weights.level1-split"; }));
  }
  SECTION("seed 001: qualitative rows scored inside their band with a reason raise no error") {
    auto all = seed("seed-001-beijing-2021.json");
    for (const char* path : {"indicators[34].score", "indicators[37].score", "indicators[38].score",
                             "indicators[40].score", "indicators[34].reason", "indicators[38].reason",
                             "indicators[40].reason"})
      for (const auto& f : all) {
        INFO(f.check << " " << f.path << " " << f.message);
        CHECK(!(f.path == path && f.severity == engine::check_severity::error));
      }
  }
}

TEST_CASE("catalogue: every check triggers on its form and not on the near miss", "[lint][catalogue]") {
  const fs::path dir = root / "tests/golden/lint/checks";
  std::set<std::string> covered;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.ends_with(".hit.json")) covered.insert(name.substr(0, name.size() - 9));
  }
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    DYNAMIC_SECTION(name) {
      auto all = lint(entry.path());
      auto has = [&](const std::string& id) {
        return std::any_of(all.begin(), all.end(), [&](const auto& f) { return f.check == id; });
      };
      if (name.ends_with(".hit.json")) {
        CHECK(has(name.substr(0, name.size() - 9)));
      } else if (name.ends_with(".miss.json")) {
        CHECK_FALSE(has(name.substr(0, name.size() - 10)));
      } else {
        for (const auto& f : all) INFO(f.check << " " << f.message);
        CHECK(all.empty());
      }
    }
  }
  // Every check the bundled rule sets define has its pair of forms.
  std::set<std::string> defined;
  const std::regex check_line(R"(^(?:override )?check ([A-Za-z0-9._-]+) (?:error|warning|info) )");
  for (const char* file : {"rules/common/checks.rules", "rules/sichuan/2021.rules"}) {
    std::istringstream lines(read(root / file));
    std::string line;
    std::smatch m;
    while (std::getline(lines, line))
      if (std::regex_search(line, m, check_line)) defined.insert(m[1]);
  }
  for (const auto& id : defined) {
    INFO(id);
    CHECK(covered.contains(id));
  }
}

TEST_CASE("checks: static errors with positions", "[lint][compile]") {
  SECTION("an unknown name in a message") {
    CHECK(compile_errors(header + "check a.b error on indicator when 得分 > 分值 message \"「{三级指标}」得分 {得份}\"\n") ==
          "9:64: unknown name '得份'; did you mean '得分'?\n");
  }
  SECTION("a name of another scope in the condition") {
    CHECK(compile_errors(header + "check a.b error on budget when 实际完成值 is absent message \"x\"\n") ==
          "9:32: '实际完成值' is not available in a budget rule\n");
  }
  SECTION("a fact outside checks, and a fact of another check scope") {
    CHECK(compile_errors(header + "rule 事实 when 计算得分 > 0 score = 0\n") == "9:14: '计算得分' is known only to checks\n");
    CHECK(compile_errors(header + "check a.b error on form when 已填原因 message \"x\"\n") ==
          "9:30: '已填原因' is known only to checks, and not to a check on the form\n");
  }
  SECTION("an unclosed brace, a cell the scope does not have, a duplicate id") {
    CHECK(compile_errors(header + "check a.b info on indicator when true message \"{得分\"\n") ==
          "9:48: unclosed '{' in the message; write '{{' for a brace\n");
    CHECK(compile_errors(header + "check a.b info on budget at 实际完成值 when true message \"x\"\n") ==
          "9:29: a check on the budget block cannot point at '实际完成值' (it can point at 年初预算数, 全年预算数, 全年执行数, "
          "分值, 执行率, 得分)\n");
    CHECK(compile_errors(header + "check a.b info on form when true message \"x\"\ncheck a.b info on form when true message \"y\"\n") ==
          "10:7: check 'a.b' is defined twice\n");
  }
  SECTION("literal braces") {
    CHECK(compile_errors(header + "check a.b info on form when true message \"{{申报总分}} = {申报总分}\"\n").empty());
  }
}

TEST_CASE("checks: a rule set switches a check off, changes its severity, adds its own", "[lint][assembly]") {
  const fs::path dir = fs::temp_directory_path() / "jixiao-lint-assembly";
  fs::create_directories(dir);
  std::ofstream(dir / "child.rules") << R"(ruleset child.1 {
  extends ")" << (root / "rules/beijing/2021.rules").string() << R"("
  jurisdiction "北京"
  version "1"
  effective 2021-01-01 .. 2021-12-31
}
remove check actual.copied
check score.mismatch severity warning
override check indicator.duplicate info on indicator when 重复次数 > 2 message "三次以上"
check own.check info on form when 指标数 > 40 message "指标 {指标数} 个"
)";
  auto program = engine::load_ruleset((dir / "child.rules").string());
  if (!program) {
    for (const auto& d : program.error()) INFO(d.message);
  }
  REQUIRE(program);
  auto find_check = [&](std::string_view id) -> const engine::planned_check* {
    for (const auto& c : program->checks)
      if (c.id == id) return &c;
    return nullptr;
  };
  CHECK(find_check("actual.copied") == nullptr);
  REQUIRE(find_check("score.mismatch"));
  CHECK(find_check("score.mismatch")->severity == engine::check_severity::warning);
  CHECK(find_check("indicator.duplicate")->severity == engine::check_severity::info);
  REQUIRE(find_check("own.check"));

  std::ofstream(dir / "bad.rules") << R"(ruleset bad.1 {
  jurisdiction "北京"
  version "1"
  effective 2021-01-01 .. 2021-12-31
}
check no.such severity warning
)";
  auto bad = engine::load_ruleset((dir / "bad.rules").string());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().front().message ==
        "cannot change the severity of check 'no.such': it is not defined (include the library that defines it first)");
  fs::remove_all(dir);
}
