// Writes a synthetic corpus of self-evaluation forms in `jixiao.form/1` JSON Lines:
// `jixiao-generate --forms N [--seed S] [-o FILE]`. The same N and seed give the same bytes
// on every machine: the generator uses its own random numbers (splitmix64) and integer
// arithmetic only, never the standard library's distributions or floats.
//
// Forms are Beijing style (a weight and score per indicator, amounts in 万元 with 6 decimals)
// or Shenzhen style (weights and scores on level-2 groups, amounts in 元), about 30
// indicators each, with the value shapes of DOMAIN.md §3 in the proportions below. The shapes
// are those both jixiao and the reference scorer (bench/reference.cpp) read the same way;
// some declared scores and totals are deliberately wrong.
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

class prng {
public:
  explicit prng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  // True with probability percent / 100.
  bool chance(int percent) { return between(0, 99) < percent; }
  template <class list>
  const auto& pick(const list& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(std::size(items)) - 1))];
  }

private:
  std::uint64_t m_state;
};

// Fixed-point text: value in hundredths → "12.5", "3", "0.75".
std::string hundredths(std::int64_t v) {
  std::string sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  std::string out = sign + std::to_string(v / 100);
  const std::int64_t frac = v % 100;
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

// value / 10^places with exactly `places` decimals: (498000000, 6) → "498.000000".
std::string fixed(std::int64_t value, int places) {
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  std::string frac = std::to_string(value % scale);
  frac.insert(0, static_cast<std::size_t>(places) - frac.size(), '0');
  return std::to_string(value / scale) + (places ? "." + frac : "");
}

__extension__ typedef __int128 int128;

// Half-up division of non-negative integers.
std::int64_t div_round(int128 num, int128 den) {
  return static_cast<std::int64_t>((2 * num + den) / (2 * den));
}

constexpr std::string_view counters[] = {"个", "次", "篇", "期", "批次", "项", "家", "场", "人次", "份"};
constexpr std::string_view things[] = {"培训", "调研", "宣传活动", "课题", "报告", "会议", "巡展", "服务站",
                                       "对接活动", "专家咨询", "成果", "案例", "志愿服务", "技术分析"};
constexpr std::string_view labels[] = {"达成年度指标", "合规", "及时", "有效保障", "得到提升", "正常运行",
                                       "明显提升", "持续改善"};
constexpr std::string_view other_labels[] = {"达成预期目标", "基本达成", "效果良好", "较好完成", "有所提升"};
constexpr std::string_view projects[] = {"科技协作中心服务工作", "社区卫生服务能力提升", "公共文化设施运行维护",
                                         "中小企业创新服务", "农村道路养护", "职业技能培训补贴"};

// One indicator row as written, with what a scorer that follows the form would declare.
struct row {
  std::string level1, level2, name, target, actual;
  std::int64_t weight = 0;     // whole points (Beijing)
  bool not_applicable = false;
  std::int64_t declared = 0;   // hundredths of a point (Beijing)
  // Fraction of the weight earned, in ten-thousandths, for the group estimate (Shenzhen).
  std::int64_t earned = 10000;
};

struct level {
  std::string_view level1, level2;
};
constexpr level beijing_levels[] = {
    {"产出指标", "数量指标"}, {"产出指标", "数量指标"}, {"产出指标", "数量指标"}, {"产出指标", "质量指标"},
    {"产出指标", "质量指标"}, {"产出指标", "时效指标"}, {"产出指标", "成本指标"}, {"效益指标", "社会效益指标"},
    {"效益指标", "社会效益指标"}, {"效益指标", "可持续影响指标"}, {"效益指标", "经济效益指标"},
    {"满意度指标", "服务对象满意度指标"}};

// Fills target, actual and the earned fraction for one indicator of the given level-2 kind.
void make_values(prng& rng, row& r, int year) {
  const std::string thing(rng.pick(things));
  const std::string unit(rng.pick(counters));
  const int roll = static_cast<int>(rng.between(0, 99));
  const bool cost = r.level2 == "成本指标";
  const bool satisfaction = r.level2 == "服务对象满意度指标";
  auto set_ratio = [&](std::int64_t a, std::int64_t t) { r.earned = a >= t ? 10000 : div_round(a * std::int64_t{10000}, t); };
  if (cost) {
    // 成本指标: a ceiling in 万元; mostly kept.
    r.name = "项目预算控制数";
    const std::int64_t ceiling = rng.between(2000, 90000);  // hundredths of 万元
    const std::int64_t spent = ceiling * rng.between(70, 112) / 100;
    r.target = (rng.chance(60) ? "≤" : "") + hundredths(ceiling) + "万元";
    r.actual = hundredths(spent) + "万元";
    r.earned = spent <= ceiling ? 10000 : std::max<std::int64_t>(0, 20000 - div_round(spent * std::int64_t{10000}, ceiling));
    return;
  }
  if (satisfaction || roll < 14) {
    // A rate: ≥90%, 95%; the actual with one decimal now and then.
    r.name = satisfaction ? "服务对象满意度" : thing + "完成率";
    const std::int64_t target = rng.between(16, 20) * 5;  // percent
    const std::int64_t actual = rng.chance(75) ? rng.between(target * 10, 1000) : rng.between(600, target * 10 - 1);
    r.target = (rng.chance(70) ? "≥" : "") + std::to_string(target) + "%";
    r.actual = hundredths(actual * 10) + "%";
    set_ratio(actual, target * 10);
    return;
  }
  if (roll < 52) {
    // A count: 15个, ≥6项, 不少于6项, 不低于2批次, 1000人次以上.
    r.name = thing + "数量";
    const std::int64_t target = rng.chance(20) ? rng.between(100, 3000) : rng.between(1, 60);
    const int form = static_cast<int>(rng.between(0, 99));
    const std::string n = std::to_string(target);
    r.target = form < 30 ? n + unit : form < 60 ? "≥" + n + unit : form < 80 ? "不少于" + n + unit
             : form < 88 ? "不低于" + n + unit : n + unit + "以上";
    const int outcome = static_cast<int>(rng.between(0, 99));
    if (outcome < 5) {
      r.actual = "未完成";
      r.earned = 0;
    } else if (outcome < 25) {
      const std::int64_t got = target * rng.between(20, 95) / 100;
      r.actual = std::to_string(got) + unit;
      if (got == 0) r.actual = "0";
      set_ratio(got, target);
    } else {
      r.actual = std::to_string(target + target * rng.between(0, 40) / 100) + unit;
    }
    return;
  }
  if (roll < 60) {
    // A ceiling: ≤1次, ≤5个工作日.
    r.name = rng.chance(50) ? "投诉次数" : "办理时限";
    const std::string u = r.name == "投诉次数" ? "次" : "天";
    const std::int64_t ceiling = rng.between(1, 15);
    const std::int64_t got = rng.chance(80) ? rng.between(0, ceiling) : rng.between(ceiling + 1, ceiling * 3);
    r.target = "≤" + std::to_string(ceiling) + u;
    r.actual = std::to_string(got) + u;
    r.earned = got <= ceiling ? 10000 : std::max<std::int64_t>(0, 20000 - div_round(got * std::int64_t{10000}, ceiling));
    return;
  }
  if (roll < 70) {
    // A deadline: 2021年10月前完成 → 2021年12月完成.
    r.name = thing + "完成时间";
    const std::int64_t month = rng.between(6, 12);
    r.target = rng.chance(50) ? std::to_string(year) + "年" + std::to_string(month) + "月前完成"
                              : std::to_string(month) + "月底前完成";
    const int outcome = static_cast<int>(rng.between(0, 99));
    if (outcome < 50) r.actual = r.target;
    else if (outcome < 80) r.actual = std::to_string(year) + "年" + std::to_string(rng.between(month > 6 ? month - 3 : 3, 12)) + "月完成";
    else r.actual = "按时完成";
    r.earned = outcome < 80 ? 10000 : 9000;
    return;
  }
  // Qualitative: 合规, 达成年度指标; copied from the target most of the time.
  r.name = thing + "质量";
  r.target = std::string(rng.pick(labels));
  const int outcome = static_cast<int>(rng.between(0, 99));
  if (outcome < 60) {
    r.actual = r.target;
    r.earned = 10000;
  } else if (outcome < 94) {
    r.actual = std::string(rng.pick(other_labels));
    r.earned = rng.chance(70) ? 9000 : 7000;
  } else {
    r.actual = "未完成";
    r.earned = 3000;
  }
}

void append_number(std::string& out, std::string_view key, const std::string& value, bool quoted) {
  out += '"';
  out += key;
  out += "\":";
  if (quoted) out += '"';
  out += value;
  if (quoted) out += '"';
}

std::string form_line(prng& rng, std::size_t index, std::uint64_t seed) {
  const bool beijing = rng.chance(65);
  const int year = beijing ? 2021 : 2020;
  std::string out = "{\"schema\":\"jixiao.form/1\"";
  out += ",\"id\":\"" + std::string(beijing ? "bj" : "sz") + "-" + std::to_string(year) + "-" + std::to_string(seed) + "-" +
         std::to_string(index) + "\"";
  out += ",\"year\":" + std::to_string(year);
  out += ",\"jurisdiction\":\"" + std::string(beijing ? "北京" : "深圳") + "\"";
  out += ",\"project\":\"" + std::to_string(year) + "年" + std::string(rng.pick(projects)) + std::to_string(index % 97) + "\"";
  out += ",\"department\":\"" + std::string(beijing ? "北京市科学技术委员会" : "深圳市科学技术协会") + "\"";
  out += ",\"money_unit\":\"" + std::string(beijing ? "万元" : "元") + "\"";

  // Budget: amounts in millionths of 万元 (Beijing) or hundredths of 元 (Shenzhen).
  const int places = beijing ? 6 : 2;
  const std::int64_t annual = beijing ? rng.between(50, 2000) * 1000000 : rng.between(100000, 9000000) * 100;
  const std::int64_t executed = annual / 10000 * rng.between(6000, 10300);
  const int rate_places = beijing ? 2 : 1;
  const std::int64_t rate_scale = beijing ? 10000 : 1000;  // 74.69% → 7469 of 10000
  const std::int64_t rate = div_round(static_cast<int128>(executed) * rate_scale, annual);
  std::int64_t budget_score = div_round(static_cast<int128>(std::min(executed, annual)) * 1000, annual);
  if (rng.chance(5)) budget_score = std::max<std::int64_t>(0, budget_score - 50);
  const std::string rate_text = fixed(rate, rate_places) + "%";
  out += ",\"budget\":{\"rows\":[{\"name\":\"年度资金总额\"";
  out += ",\"initial\":\"" + fixed(annual, places) + "\",\"annual\":\"" + fixed(annual, places) + "\",\"executed\":\"" +
         fixed(executed, places) + "\",\"weight\":10,\"rate\":\"" + rate_text + "\",\"score\":" + hundredths(budget_score);
  out += "},{\"name\":\"当年财政拨款\",\"annual\":\"" + fixed(annual, places) + "\",\"executed\":\"" + fixed(executed, places) +
         "\",\"weight\":\"-\",\"rate\":\"" + rate_text + "\",\"score\":\"-\"}]}";

  const std::size_t n = static_cast<std::size_t>(rng.between(26, 34));
  std::vector<row> rows(n);
  std::int64_t declared_sum = budget_score;
  std::string groups;
  if (beijing) {
    // Weights: 1 each, then the rest of 90 handed out a point at a time.
    for (auto& r : rows) r.weight = 1;
    for (std::int64_t left = 90 - static_cast<std::int64_t>(n); left > 0; --left) ++rows[rng.next() % n].weight;
    for (auto& r : rows) {
      const auto& lv = rng.pick(beijing_levels);
      r.level1 = lv.level1;
      r.level2 = lv.level2;
      if (rng.chance(2)) {
        r.not_applicable = true;
        r.name = "不适用";
        r.target = r.actual = "不适用";
        continue;
      }
      make_values(rng, r, year);
      r.declared = div_round(r.weight * 100 * r.earned, 10000);
      // Some declared scores are wrong: full marks for a miss, or a point off.
      if (rng.chance(6)) r.declared = rng.chance(50) ? r.weight * 100 : std::max<std::int64_t>(0, r.declared - 100);
      declared_sum += r.declared;
    }
  } else {
    struct group {
      std::string_view level1, level2;
      std::int64_t weight;  // 0: not applicable
    };
    constexpr group sz_groups[] = {{"产出指标（50分）", "数量指标", 15}, {"产出指标（50分）", "质量指标", 15},
                                   {"产出指标（50分）", "时效指标", 10}, {"产出指标（50分）", "成本指标", 10},
                                   {"效益指标（40分）", "经济效益指标", 0}, {"效益指标（40分）", "社会效益指标", 20},
                                   {"效益指标（40分）", "可持续影响指标", 10}, {"满意度指标", "服务对象满意度指标", 10}};
    std::vector<std::size_t> members(std::size(sz_groups), 0);
    std::vector<std::int64_t> earned(std::size(sz_groups), 0);
    for (std::size_t i = 0; i < n; ++i) {
      // Every group gets at least one member; the rest go to the groups that apply.
      std::size_t g = i < std::size(sz_groups) ? i : static_cast<std::size_t>(rng.between(0, std::size(sz_groups) - 1));
      if (i >= std::size(sz_groups) && sz_groups[g].weight == 0) g = 0;
      auto& r = rows[i];
      r.level1 = sz_groups[g].level1;
      r.level2 = sz_groups[g].level2;
      ++members[g];
      if (sz_groups[g].weight == 0) {
        r.name = r.target = r.actual = "不适用";
        continue;
      }
      make_values(rng, r, year);
      earned[g] += r.earned;
    }
    groups = ",\"groups\":[";
    for (std::size_t g = 0; g < std::size(sz_groups); ++g) {
      if (g) groups += ',';
      groups += "{\"level1\":\"" + std::string(sz_groups[g].level1) + "\",\"level2\":\"" + std::string(sz_groups[g].level2) + "\",";
      if (sz_groups[g].weight == 0) {
        groups += "\"weight\":\"—\",\"score\":\"—\"}";
        continue;
      }
      std::int64_t declared = div_round(sz_groups[g].weight * 100 * earned[g], 10000 * static_cast<std::int64_t>(members[g]));
      if (rng.chance(8)) declared = sz_groups[g].weight * 100;
      declared_sum += declared;
      groups += "\"weight\":" + std::to_string(sz_groups[g].weight) + ",\"score\":" + hundredths(declared) + "}";
    }
    groups += "]";
  }

  out += ",\"indicators\":[";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = rows[i];
    if (i) out += ',';
    out += "{\"level1\":\"" + r.level1 + "\",\"level2\":\"" + r.level2 + "\",\"name\":\"" + r.name + "\",\"target\":\"" +
           r.target + "\",\"actual\":\"" + r.actual + "\"";
    if (beijing) {
      out += ',';
      if (r.not_applicable) {
        out += "\"weight\":\"—\",\"score\":\"—\"";
      } else {
        append_number(out, "weight", std::to_string(r.weight), false);
        out += ',';
        append_number(out, "score", hundredths(r.declared), false);
      }
    }
    if (r.earned < 10000 && !r.not_applicable) out += ",\"reason\":\"受外部因素影响未完全达成，将加强统筹\"";
    out += '}';
  }
  out += ']';
  out += groups;
  if (rng.chance(4)) declared_sum += 100;  // a total that does not reconcile
  out += ",\"total\":{\"weight\":100,\"score\":" + hundredths(declared_sum) + "}}";
  return out;
}

int usage() {
  std::fputs("usage: jixiao-generate --forms N [--seed S] [-o FILE]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t forms = 0;
  std::uint64_t seed = 1;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return usage();
    if (arg == "--forms") forms = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--seed") seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "-o") path = argv[++i];
    else return usage();
  }
  if (forms == 0) return usage();
  std::FILE* out = path ? std::fopen(path, "wb") : stdout;
  if (!out) {
    std::fprintf(stderr, "error: cannot write %s: %s\n", path, std::strerror(errno));
    return 2;
  }
  prng rng(seed);
  for (std::uint64_t i = 0; i < forms; ++i) {
    std::string line = form_line(rng, i, seed);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out);
  }
  if (path) std::fclose(out);
  return 0;
}
