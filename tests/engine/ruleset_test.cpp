// Rule sets as versioned policy: extends, override, remove, before/after, include, cycle
// detection, selection by jurisdiction and year, and the hash over the exact sources.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "engine/catalog.hpp"
#include "engine/scoring.hpp"

using namespace jixiao;
using namespace jixiao::engine;
namespace fs = std::filesystem;

namespace {

const std::string root = JIXIAO_SOURCE_DIR;

// A scratch folder of rule files, removed at the end of the test.
class scratch {
public:
  scratch() {
    static int counter = 0;
    m_dir = fs::temp_directory_path() / ("jixiao-ruleset-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  ~scratch() { fs::remove_all(m_dir); }
  std::string write(const std::string& name, const std::string& text) const {
    auto path = m_dir / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.generic_string();
  }
  std::string dir() const { return m_dir.generic_string(); }

private:
  fs::path m_dir;
};

const char* base_rules = R"(ruleset base.2020 {
  jurisdiction "中央"
  version "1"
  effective 2020-01-01 .. 2020-12-31
}
budget score = 分值 * min(rate, 1)
rule 甲 when 年度指标值 is quantity
  score = 分值
rule 乙 when 年度指标值 is date
  score = 0
rule 丙 otherwise
  judged 达成 [80%, 100%]
grade >= 90 "优", else "差"
)";

std::string header(const std::string& id, const std::string& extends) {
  return "ruleset " + id + " {\n  extends \"" + extends +
         "\"\n  jurisdiction \"北京\"\n  version \"1\"\n  effective 2021-01-01 .. 2021-12-31\n}\n";
}

std::vector<std::string> rule_names(const program& p) {
  std::vector<std::string> out;
  for (const auto& r : p.rules) out.push_back(r.name);
  return out;
}

std::string first_message(const expected<program, dsl::diagnostics>& r) {
  REQUIRE_FALSE(r);
  return r.error().front().message;
}

}  // namespace

TEST_CASE("a rule set inherits its parent's rules in order, overrides in place and places new rules") {
  scratch s;
  s.write("base.rules", base_rules);
  auto child = s.write("child.rules", header("child.2021", "base.rules") + R"(
rule 新 before 乙 when 年度指标值 is text
  score = 1
override rule 乙 when 年度指标值 is date
  score = 分值
remove rule 丙
rule 末 otherwise
  score = 0
)");
  auto p = load_ruleset(child);
  REQUIRE(p);
  CHECK(rule_names(*p) == std::vector<std::string>{"甲", "新", "乙", "末"});
  CHECK(p->ancestry == std::vector<std::string>{"base.2020"});
  CHECK(p->files.size() == 2);
  CHECK(p->rules[2].file == child);  // the override is the child's
  CHECK(p->rules[0].file == s.dir() + "/base.rules");
  CHECK(p->budget_score != no_node);  // inherited
  CHECK(p->grades.size() == 2);       // inherited
}

TEST_CASE("overriding or removing what the parent does not define is an error") {
  scratch s;
  s.write("base.rules", base_rules);
  auto over = s.write("over.rules", header("over.2021", "base.rules") + "override rule 丁 otherwise\n  score = 0\n");
  CHECK(first_message(load_ruleset(over)) == "cannot override rule '丁': the rule sets this one extends do not define it");
  auto rm = s.write("rm.rules", header("rm.2021", "base.rules") + "remove table 表\n");
  CHECK(first_message(load_ruleset(rm)) == "cannot remove table '表': the rule sets this one extends do not define it");
  auto again = s.write("again.rules", header("again.2021", "base.rules") + "rule 甲 otherwise\n  score = 0\n");
  auto r = load_ruleset(again);
  CHECK(first_message(r) ==
        "rule '甲' is already defined at " + s.dir() + "/base.rules:7:1; write 'override' to replace it");
  CHECK(r.error().front().span.line == 7);
  auto anchor = s.write("anchor.rules", header("anchor.2021", "base.rules") + "rule 新 after 无 otherwise\n  score = 0\n");
  CHECK(first_message(load_ruleset(anchor)) == "no rule '无' to place rule '新' after");
}

TEST_CASE("an inheritance cycle is reported, not followed") {
  scratch s;
  s.write("a.rules", header("a.2021", "b.rules"));
  s.write("b.rules", header("b.2021", "a.rules"));
  auto r = load_ruleset(s.dir() + "/a.rules");
  REQUIRE_FALSE(r);
  CHECK(r.error().front().message ==
        "inheritance cycle: " + s.dir() + "/a.rules → " + s.dir() + "/b.rules → " + s.dir() + "/a.rules");
}

TEST_CASE("include splices a library's declarations in, and a library that includes itself is an error") {
  scratch s;
  s.write("lib/common.rules", "library common.shared\nlet 满分 = 分值\n");
  auto user = s.write("user.rules", std::string(base_rules) + "include \"lib/common.rules\"\nlet 用 = 满分\n");
  // `用` is never used either: a warning, not an error.
  auto p = load_ruleset(user);
  REQUIRE(p);
  CHECK(p->files == std::vector<std::string>{user, s.dir() + "/lib/common.rules"});

  s.write("lib/loop.rules", "library loop\ninclude \"loop.rules\"\n");
  auto looping = s.write("looping.rules", std::string(base_rules) + "include \"lib/loop.rules\"\n");
  auto r = load_ruleset(looping);
  REQUIRE_FALSE(r);
  CHECK(r.error().front().message.starts_with(s.dir() + "/lib/loop.rules includes itself"));

  auto wrong = s.write("wrong.rules", std::string(base_rules) + "include \"base.rules\"\n");
  s.write("base.rules", base_rules);
  CHECK(first_message(load_ruleset(wrong)) ==
        s.dir() + "/base.rules is a rule set; a rule set is extended, only a library is included");
}

TEST_CASE("the hash covers the exact sources: same bytes, same hash, any byte changed, another") {
  scratch s;
  s.write("base.rules", base_rules);
  auto child = s.write("child.rules", header("child.2021", "base.rules"));
  auto first = load_ruleset(child);
  auto second = load_ruleset(child);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->sha256.size() == 64);
  CHECK(first->sha256 == second->sha256);
  // A change in the parent changes the child's hash.
  std::string changed = base_rules;
  const std::string from = "else \"差\"";
  changed.replace(changed.find(from), from.size(), "else \"中\"");
  s.write("base.rules", changed);
  auto third = load_ruleset(child);
  REQUIRE(third);
  CHECK(third->sha256 != first->sha256);
  // A comment is a change too: the hash is over bytes, not meaning.
  s.write("base.rules", std::string(base_rules) + "# 注释\n");
  auto fourth = load_ruleset(child);
  REQUIRE(fourth);
  CHECK(fourth->sha256 != first->sha256);
  CHECK(fourth->sha256 != third->sha256);
}

TEST_CASE("each form gets the one rule set of its jurisdiction and year") {
  const auto c = load_catalog(root + "/rules");
  REQUIRE(c.problems.empty());
  form f;
  f.jurisdiction = "北京";
  f.year = 2022;
  auto chosen = select_ruleset(c, f);
  REQUIRE(chosen);
  CHECK((*chosen)->id == "beijing.2022");
  f.year = 2021;
  CHECK((*select_ruleset(c, f))->id == "beijing.2021");
  f.year = 2019;
  auto none = select_ruleset(c, f);
  REQUIRE_FALSE(none);
  CHECK(none.error().starts_with("no rule set covers 北京 2019; rule sets found: beijing.2021 (北京, 2021..2021)"));
}

TEST_CASE("two rule sets covering one form is an error naming both") {
  scratch s;
  s.write("one.rules", base_rules);
  std::string twin = base_rules;
  twin.replace(twin.find("base.2020"), 9, "twin.2020");
  s.write("two.rules", twin);
  const auto c = load_catalog(s.dir());
  REQUIRE(c.problems.empty());
  form f;
  f.jurisdiction = "中央";
  f.year = 2020;
  auto r = select_ruleset(c, f);
  REQUIRE_FALSE(r);
  CHECK(r.error() == "several rule sets cover 中央 2020: base.2020 (" + s.dir() + "/one.rules), twin.2020 (" + s.dir() +
                         "/two.rules)");
}

TEST_CASE("beijing.2021 and shenzhen.2020 extend the national baseline") {
  for (const auto* name : {"/rules/beijing/2021.rules", "/rules/shenzhen/2020.rules"}) {
    auto p = load_ruleset(root + name);
    REQUIRE(p);
    CHECK(p->ancestry == std::vector<std::string>{"central.2020"});
  }
  auto p = load_ruleset(root + "/rules/beijing/2021.rules");
  CHECK(rule_names(*p) ==
        std::vector<std::string>{"不适用", "时效", "进度", "零目标", "成本", "反向定量", "正向定量", "定性"});
}
