// The speed-of-light reference: the policy of rules/central/2020.rules written out by hand in
// C++, reading the same JSON Lines corpus with simdjson On Demand. It understands exactly the
// value shapes bench/generate.cpp writes (and says so when it meets another), and computes
// with exact integers, so that its totals can be checked against jixiao's to the cent.
//
//   jixiao-reference CORPUS.jsonl                  scores every form: "id<TAB>total" per line
//   jixiao-reference CORPUS.jsonl --check REPORT   compares with `jixiao score --format jsonl`
//   jixiao-reference CORPUS.jsonl --scoring-only [--repeat R]
//                                                  loads every form, then times scoring alone
//
// The boundary between loading and scoring is the same as jixiao's: a loaded form holds the
// cell texts as written; reading "不少于6项" is part of scoring.
#include <simdjson.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace od = simdjson::ondemand;
__extension__ typedef __int128 int128;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "jixiao-reference: %s\n", message.c_str());
  std::exit(2);
}

// ---- exact numbers ---------------------------------------------------------------------

constexpr std::int64_t micro = 1000000;

int128 gcd(int128 a, int128 b) {
  if (a < 0) a = -a;
  while (b != 0) {
    int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// A non-negative rational, for Shenzhen groups whose shares do not fall on cents.
struct rational {
  int128 num = 0;
  int128 den = 1;
  static rational of(int128 n, int128 d) {
    int128 g = gcd(n, d);
    if (g > 1) {
      n /= g;
      d /= g;
    }
    return {n, d};
  }
  friend rational operator+(rational a, rational b) { return of(a.num * b.den + b.num * a.den, a.den * b.den); }
  friend rational operator*(rational a, rational b) { return of(a.num * b.num, a.den * b.den); }
  friend bool operator<(rational a, rational b) { return a.num * b.den < b.num * a.den; }
  std::int64_t cents() const { return static_cast<std::int64_t>((num * 200 + den) / (2 * den)); }
};

// "498.000000", "7.47", "10" → millionths. Only what the corpus writes: digits and a point.
bool parse_micro(std::string_view text, std::int64_t& out) {
  std::int64_t whole = 0, frac = 0, scale = micro;
  std::size_t i = 0;
  if (text.empty()) return false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) whole = whole * 10 + (text[i] - '0');
  if (i == 0) return false;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (scale == 1) die("more than 6 decimals in " + std::string(text));
      scale /= 10;
      frac += (text[i] - '0') * scale;
    }
  }
  if (i != text.size()) return false;
  out = whole * micro + frac;
  return true;
}

// ---- cells -----------------------------------------------------------------------------

enum class cell_kind { absent, not_applicable, nothing, quantity, date, text };
enum class comparator { none, at_least, at_most, equal };

struct cell {
  std::string_view text;
  cell_kind kind = cell_kind::absent;
  bool has_quantity = false;
  comparator op = comparator::none;
  std::int64_t value = 0;  // millionths; a percentage as a fraction (90% → 900000)
  std::string_view unit;
};

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

cell read_cell(std::string_view text) {
  cell c;
  c.text = text;
  if (text.empty()) return c;
  if (text == "不适用" || text == "—" || text == "-" || text == "/") {
    c.kind = cell_kind::not_applicable;
    return c;
  }
  if (starts(text, "未完成")) {
    c.kind = cell_kind::nothing;
    return c;
  }
  if (text.find("月") != std::string_view::npos) {
    c.kind = cell_kind::date;
    return c;
  }
  std::string_view rest = text;
  for (auto [word, op] : {std::pair{std::string_view("≥"), comparator::at_least}, {"≤", comparator::at_most},
                          {"=", comparator::equal}, {"不少于", comparator::at_least}, {"不低于", comparator::at_least}}) {
    if (starts(rest, word)) {
      c.op = op;
      rest.remove_prefix(word.size());
      break;
    }
  }
  std::size_t digits = 0;
  while (digits < rest.size() && ((rest[digits] >= '0' && rest[digits] <= '9') || rest[digits] == '.')) ++digits;
  if (digits == 0) {
    if (c.op != comparator::none) die("unexpected cell " + std::string(text));
    c.kind = cell_kind::text;
    return c;
  }
  if (!parse_micro(rest.substr(0, digits), c.value)) die("unexpected number in " + std::string(text));
  c.unit = rest.substr(digits);
  if (c.unit.size() >= 6 && c.unit.substr(c.unit.size() - 6) == "以上") {
    c.unit.remove_suffix(6);
    c.op = comparator::at_least;
  }
  if (c.unit == "%") c.value /= 100;
  c.has_quantity = true;
  // A lone zero without a comparator says nothing was achieved.
  c.kind = c.op == comparator::none && c.value == 0 ? cell_kind::nothing : cell_kind::quantity;
  return c;
}

// The actual set against the target: false when the rules' comparable() would be false.
bool comparable(const cell& actual, const cell& target, std::int64_t& a) {
  if (target.kind != cell_kind::quantity || target.value == 0) return false;
  if (actual.kind == cell_kind::nothing && !actual.has_quantity) {
    a = 0;
    return true;
  }
  if (actual.kind != cell_kind::quantity && actual.kind != cell_kind::nothing) return false;
  if (!(actual.unit == target.unit || actual.unit.empty() || target.unit.empty())) return false;
  a = actual.value;
  return true;
}

// ---- forms -----------------------------------------------------------------------------

struct indicator {
  std::string_view level1, level2, target, actual, weight, score;
};
struct group {
  std::string_view level1, level2, weight, score;
};
struct form {
  std::string_view id;
  std::string_view annual, executed, weight;
  std::vector<indicator> indicators;
  std::vector<group> groups;
};

// The text of a string or number token as written. The corpus writes no escapes.
std::string_view token(od::value v) {
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n')) raw.remove_suffix(1);
  if (!raw.empty() && raw.front() == '"') {
    raw = raw.substr(1, raw.size() - 2);
    if (raw.find('\\') != std::string_view::npos) die("escaped strings are not supported");
  }
  return raw;
}

void load(od::parser& parser, std::string_view line, std::size_t capacity, form& f) {
  f.indicators.clear();
  f.groups.clear();
  od::document doc = parser.iterate(line.data(), line.size(), capacity);
  for (auto field : doc.get_object()) {
    std::string_view key = field.unescaped_key();
    if (key == "id") {
      f.id = token(field.value());
    } else if (key == "budget") {
      for (auto b : field.value().get_object()) {
        if (b.unescaped_key() != std::string_view("rows")) continue;
        bool first = true;
        for (auto row : b.value().get_array()) {
          if (!first) continue;
          first = false;
          for (auto r : row.get_object()) {
            std::string_view k = r.unescaped_key();
            if (k == "annual") f.annual = token(r.value());
            else if (k == "executed") f.executed = token(r.value());
            else if (k == "weight") f.weight = token(r.value());
          }
        }
      }
    } else if (key == "indicators") {
      for (auto item : field.value().get_array()) {
        indicator& ind = f.indicators.emplace_back();
        for (auto r : item.get_object()) {
          std::string_view k = r.unescaped_key();
          if (k == "level1") ind.level1 = token(r.value());
          else if (k == "level2") ind.level2 = token(r.value());
          else if (k == "target") ind.target = token(r.value());
          else if (k == "actual") ind.actual = token(r.value());
          else if (k == "weight") ind.weight = token(r.value());
          else if (k == "score") ind.score = token(r.value());
        }
      }
    } else if (key == "groups") {
      for (auto item : field.value().get_array()) {
        group& g = f.groups.emplace_back();
        for (auto r : item.get_object()) {
          std::string_view k = r.unescaped_key();
          if (k == "level1") g.level1 = token(r.value());
          else if (k == "level2") g.level2 = token(r.value());
          else if (k == "weight") g.weight = token(r.value());
          else if (k == "score") g.score = token(r.value());
        }
      }
    }
  }
}

// ---- the policy of rules/central/2020.rules --------------------------------------------

// What an indicator's rule gives, as fractions of its weight.
struct verdict {
  bool judged = false;
  rational factor;            // computed: score = weight × factor
  int low = 0, high = 0;      // judged: the hull of the allowed bands, in percent of the weight
  bool in_band[3] = {};       // judged: 达成 [80,100], 部分达成 [60,80), 未达成 [0,60) allowed
};

verdict rule_of(const indicator& ind) {
  verdict v;
  const cell target = read_cell(ind.target);
  const cell actual = read_cell(ind.actual);
  std::int64_t a = 0;
  if (target.kind == cell_kind::quantity && comparable(actual, target, a)) {
    const std::int64_t t = target.value;
    const bool ceiling = ind.level2 == "成本指标" || target.op == comparator::at_most;
    if (ceiling) {
      // 成本 and 反向定量: full up to the target, then falling to 0 at twice the target.
      v.factor = a <= t ? rational{1, 1} : (2 * t > a ? rational::of(2 * t - a, t) : rational{0, 1});
    } else {
      // 正向定量: weight × min(actual / target, 1).
      v.factor = a >= t ? rational{1, 1} : rational::of(a, t);
    }
    return v;
  }
  // 定性: bands by whether nothing was achieved and whether the actual copies the target.
  v.judged = true;
  const bool nothing = actual.kind == cell_kind::nothing;
  const bool copied = actual.text == target.text;
  v.in_band[0] = !nothing;
  v.in_band[1] = !nothing && !copied;
  v.in_band[2] = !copied;
  static constexpr int lows[] = {80, 60, 0}, highs[] = {100, 80, 60};
  v.low = 101;
  for (int b = 0; b < 3; ++b)
    if (v.in_band[b]) {
      v.low = std::min(v.low, lows[b]);
      v.high = std::max(v.high, highs[b]);
    }
  if (v.low == 101) die("an indicator with no band: " + std::string(ind.target));
  return v;
}

// The declared score (in cents) of a judged item against its bands: itself when inside one,
// else the nearest allowed score; weight in cents.
std::int64_t judged_contribution(const verdict& v, std::int64_t weight_cents, std::int64_t declared) {
  static constexpr int lows[] = {80, 60, 0}, highs[] = {100, 80, 60};
  static constexpr bool high_closed[] = {true, false, false};
  std::int64_t best = -1, best_gap = 0;
  for (int b = 0; b < 3; ++b) {
    if (!v.in_band[b]) continue;
    // Bounds in cents × 100 (weights are whole points or cents, so bounds are exact).
    const std::int64_t low = weight_cents * lows[b], high = weight_cents * highs[b], d = declared * 100;
    if (d >= low && (high_closed[b] ? d <= high : d < high)) return declared;
    const std::int64_t closest = d < low ? low : high;
    const std::int64_t gap = d > closest ? d - closest : closest - d;
    if (best < 0 || gap < best_gap) {
      best = closest;
      best_gap = gap;
    }
  }
  return best / 100;
}

std::int64_t cents_of(std::string_view text) {
  std::int64_t m = 0;
  if (!parse_micro(text, m)) die("expected a number, got " + std::string(text));
  return m / 10000;
}

bool not_applicable(std::string_view w) { return w == "—" || w == "-" || w == "不适用" || w == "/"; }

// The rules total of a form, in cents.
std::int64_t score(const form& f, std::size_t& indicators) {
  indicators += f.indicators.size();
  // budget score = 分值 × min(执行数 / 预算数, 1), rounded to cents.
  std::int64_t annual = 0, executed = 0, weight = 0;
  if (!parse_micro(f.annual, annual) || !parse_micro(f.executed, executed) || !parse_micro(f.weight, weight))
    die("a budget row without figures");
  const std::int64_t spent = std::min(executed, annual);
  const int128 den = int128{annual} * micro;
  std::int64_t total = static_cast<std::int64_t>((int128{weight} * spent * 200 + den) / (2 * den));
  if (f.groups.empty()) {
    for (const auto& ind : f.indicators) {
      if (not_applicable(ind.weight)) continue;
      const std::int64_t w = cents_of(ind.weight);
      const verdict v = rule_of(ind);
      if (v.judged) total += judged_contribution(v, w, cents_of(ind.score));
      else total += static_cast<std::int64_t>((int128{w} * v.factor.num * 2 + v.factor.den) / (2 * v.factor.den));
    }
    return total;
  }
  // Shenzhen: each group's weight is shared equally by its members, scored unrounded and
  // summed; a group with a judged member is judged against the sum of the members' hulls.
  rational sum = rational::of(total, 100);
  for (const auto& g : f.groups) {
    if (not_applicable(g.weight)) continue;
    std::int64_t members = 0;
    for (const auto& ind : f.indicators) members += ind.level1 == g.level1 && ind.level2 == g.level2;
    if (members == 0) continue;
    const rational share = rational::of(cents_of(g.weight), 100 * members);
    rational low, high;
    bool judged = false;
    for (const auto& ind : f.indicators) {
      if (ind.level1 != g.level1 || ind.level2 != g.level2) continue;
      const verdict v = rule_of(ind);
      if (v.judged) {
        judged = true;
        low = low + share * rational::of(v.low, 100);
        high = high + share * rational::of(v.high, 100);
      } else {
        const rational x = share * v.factor;
        low = low + x;
        high = high + x;
      }
    }
    if (!judged) {
      sum = sum + rational::of(low.cents(), 100);
      continue;
    }
    const rational declared = rational::of(cents_of(g.score), 100);
    sum = sum + (declared < low ? low : high < declared ? high : declared);
  }
  return sum.cents();
}

// ---- driver ----------------------------------------------------------------------------

std::string read_file(const char* path) {
  std::FILE* file = std::fopen(path, "rb");
  if (!file) die(std::string("cannot read ") + path + ": " + std::strerror(errno));
  std::string text;
  char chunk[1 << 16];
  std::size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) text.append(chunk, got);
  std::fclose(file);
  return text;
}

std::string money(std::int64_t cents) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(cents / 100), static_cast<long long>(cents % 100));
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: jixiao-reference CORPUS.jsonl [--check REPORT.jsonl | --scoring-only [--repeat R]]");
  const char* check = nullptr;
  bool scoring_only = false;
  int repeat = 5;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--check" && i + 1 < argc) check = argv[++i];
    else if (arg == "--scoring-only") scoring_only = true;
    else if (arg == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else die("unknown argument " + std::string(arg));
  }
  const auto start = std::chrono::steady_clock::now();
  // The whole corpus is read at once (its lines are parsed where they lie); padding after it.
  std::string text = read_file(argv[1]);
  const std::size_t bytes = text.size();
  text.append(simdjson::SIMDJSON_PADDING, ' ');
  od::parser parser;
  std::vector<std::pair<std::string_view, std::int64_t>> totals;
  std::vector<form> loaded;
  form f;
  std::size_t indicators = 0, forms = 0;
  std::string out;
  for (std::size_t pos = 0; pos < bytes;) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos || end > bytes) end = bytes;
    std::string_view line(text.data() + pos, end - pos);
    const std::size_t capacity = text.size() - pos;
    pos = end + 1;
    if (line.empty()) continue;
    if (scoring_only) {
      load(parser, line, capacity, loaded.emplace_back());
      continue;
    }
    load(parser, line, capacity, f);
    ++forms;
    const std::int64_t total = score(f, indicators);
    if (check) {
      totals.emplace_back(f.id, total);
    } else {
      out.append(f.id);
      out += '\t';
      out += money(total);
      out += '\n';
      if (out.size() > (1 << 16)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);

  if (scoring_only) {
    // Scoring alone, repeated; the best round counts (the machine is noisy).
    double best = 1e300;
    std::int64_t checksum = 0;
    for (int r = 0; r < repeat; ++r) {
      std::size_t n = 0;
      const auto t0 = std::chrono::steady_clock::now();
      for (const auto& form : loaded) checksum += score(form, n);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      best = std::min(best, seconds);
      indicators = n;
    }
    std::printf("forms %zu indicators %zu scoring_seconds %.6f ns_per_indicator %.2f checksum %lld\n", loaded.size(),
                indicators, best, best * 1e9 / static_cast<double>(indicators), static_cast<long long>(checksum));
    return 0;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "reference: %zu forms, %zu indicators, %zu bytes in %.3f s\n", forms,
               indicators, bytes, seconds);
  if (!check) return 0;

  // The jixiao report, one {"form": …} per line: the same ids in the same order, the same
  // totals to the cent.
  std::string report = read_file(check);
  report.append(simdjson::SIMDJSON_PADDING, ' ');
  std::size_t index = 0, differences = 0, failures = 0;
  const std::size_t report_size = report.size() - simdjson::SIMDJSON_PADDING;
  for (std::size_t pos = 0; pos < report_size;) {
    std::size_t end = report.find('\n', pos);
    if (end == std::string::npos || end > report_size) end = report_size;
    std::string_view line(report.data() + pos, end - pos);
    const std::size_t capacity = report.size() - pos;
    pos = end + 1;
    if (line.empty()) continue;
    od::document doc = parser.iterate(line.data(), line.size(), capacity);
    od::object root = doc.get_object();
    auto form_field = root.find_field("form");
    if (form_field.error()) {
      if (line.find("\"failure\"") != std::string_view::npos) ++failures;
      continue;
    }
    od::object form_object = form_field.get_object();
    std::string_view id = form_object.find_field("id").get_string();
    std::string id_copy(id);
    std::string_view rules = form_object.find_field("totals").get_object().find_field("rules").get_string();
    if (index >= totals.size()) die("jixiao reports more forms than the corpus holds");
    const std::string expected = money(totals[index].second);
    if (id_copy != totals[index].first || rules != expected) {
      if (differences < 10)
        std::fprintf(stderr, "differs: %s: jixiao %s, reference %s (%.*s)\n", id_copy.c_str(), std::string(rules).c_str(),
                     expected.c_str(), static_cast<int>(totals[index].first.size()), totals[index].first.data());
      ++differences;
    }
    ++index;
  }
  if (index != totals.size() || failures != 0) {
    std::fprintf(stderr, "check: jixiao scored %zu forms (%zu failed), the reference %zu\n", index, failures, totals.size());
    return 1;
  }
  if (differences) {
    std::fprintf(stderr, "check: %zu of %zu totals differ\n", differences, index);
    return 1;
  }
  std::printf("check: %zu forms, every total equal\n", index);
  return 0;
}
