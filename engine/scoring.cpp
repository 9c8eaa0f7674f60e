#include "engine/scoring.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "engine/cell_cache.hpp"
#include "engine/evaluator.hpp"
#include "engine/spare_elements.hpp"
#include "stdlib/operators.hpp"

namespace jixiao::engine {
namespace {


// Scoring into a result that held another form's (score_form_into): every field is put back to
// what a fresh result holds, but strings and vectors keep their capacity, so that a corpus
// thread scoring form after form into one result allocates almost nothing. The scorer then
// fills the result as it would a new one.
// All but the members, which group_item sizes itself (they keep their strings too).
void reset(item_result& item) {
  item.source = nullptr;
  item.group = nullptr;
  item.share.reset();
  item.result = outcome::unscored;
  item.rule = nullptr;
  item.computed.reset();
  item.bands.clear();
  item.band = {};
  item.low.reset();
  item.high.reset();
  item.agrees = true;
  item.difference.reset();
  item.contribution = decimal{};
  item.note.clear();
  item.why.reset();
}

void reset(budget_result& budget) {
  budget.present = false;
  budget.weight.reset();
  budget.declared_rate.reset();
  budget.declared_score.reset();
  budget.rate.reset();
  budget.score.reset();
  budget.rate_agrees = true;
  budget.score_agrees = true;
  budget.note.clear();
  budget.why.reset();
}

// join_label into a string that keeps its capacity (item_result::label_into: the reports
// build every item's label this way), the parts copied in place rather than appended one by
// one, each append checking the capacity again.
void assign_label(std::string& out, std::initializer_list<std::string_view> parts) {
  constexpr std::string_view separator = " › ";
  std::size_t size = 0;
  for (auto p : parts)
    if (!p.empty()) size += (size == 0 ? 0 : separator.size()) + p.size();
  out.resize_and_overwrite(size, [&](char* data, std::size_t) {
    char* end = data;
    for (auto p : parts) {
      if (p.empty()) continue;
      if (end != data) end = std::copy(separator.begin(), separator.end(), end);
      end = std::copy(p.begin(), p.end(), end);
    }
    return static_cast<std::size_t>(end - data);
  });
}

// A judged rule's band limits in points for one weight: each band's fractions of the weight
// times the weight. Every judged indicator needs them, two multiplications a band (about 100
// instructions each, with a gcd for fractions such as 80%), while a corpus has few distinct
// weights (5, 10, a group's share). Kept per thread, one rule and weight a slot, keyed by the
// plan's serial, the rule's address and the weight's bytes (a decimal is its numerator and
// denominator, nothing else). The products are pure, so an answer never depends on what was
// looked up before; computing them for a band whose condition then fails changes nothing.
class band_limits {
public:
  struct limits {
    decimal low;
    decimal high;
  };

  // The limits of every band of `rule`, in its order; valid until the next get().
  const std::vector<limits>& get(const program& p, const planned_rule& rule, const decimal& weight) {
    static_assert(std::has_unique_object_representations_v<decimal> && sizeof(decimal) == 32,
                  "limits are keyed by a decimal's bytes");
    std::uint64_t key[4];
    std::memcpy(key, &weight, sizeof key);
    const std::uint64_t mixed = (key[0] ^ (key[2] << 17) ^ reinterpret_cast<std::uintptr_t>(&rule)) * 0x9e3779b97f4a7c15u;
    slot& s = m_slots[mixed >> (64 - slot_bits)];
    // An unplanned program (serial 0) is never taken for another.
    if (p.serial != 0 && s.serial == p.serial && s.rule == &rule && s.key[0] == key[0] && s.key[2] == key[2] &&
        s.key[1] == key[1] && s.key[3] == key[3])
      return s.bands;
    s.serial = p.serial;
    s.rule = &rule;
    std::memcpy(s.key, key, sizeof key);
    s.bands.clear();
    for (const auto& band : rule.bands)
      s.bands.push_back({band.range.lower ? *band.range.lower * weight : decimal{},
                         band.range.upper ? *band.range.upper * weight : weight});
    return s.bands;
  }

private:
  static constexpr int slot_bits = 6;
  struct slot {
    std::uint64_t serial = 0;
    const planned_rule* rule = nullptr;
    std::uint64_t key[4] = {};
    std::vector<limits> bands;
  };
  std::array<slot, std::size_t{1} << slot_bits> m_slots;
};

// What the scorer needs per form and keeps per thread, so that it is allocated once.
struct scorer_scratch {
  std::vector<cell_refs> cells;
  std::vector<bool> group_done;
  // Dropping them was most of what scoring still allocated.
  spare_elements<item_result> spare_items;
  // Whole member lists that items no longer groups gave back (drop_members).
  std::vector<std::vector<item_result>> spare_members;
  band_limits bands;
};
thread_local scorer_scratch scratch;

// Sizes `items` to `count`: the items it keeps and those it takes from the spare ones are
// reset where they are filled.
void resize_items(std::vector<item_result>& items, std::size_t count) {
  scratch.spare_items.keep_beyond(items, count);
  if (items.size() < count) items.reserve(count);
  while (items.size() < count) scratch.spare_items.append(items);
}

// An item that was a group in the last form and is an indicator in this one gives its member
// list back whole, and a group elsewhere takes it whole (size_members): the groups of
// consecutive forms seldom stand at the same positions, and moving the members one by one
// into the spare elements and out again moved about 25 item_results per form (12,458 moves,
// 5.6 M instructions on 500 forms). The lists kept hold no more members in all than the spare
// elements may.
void drop_members(std::vector<item_result>& members) {
  constexpr std::size_t most_lists = 16;
  std::size_t kept = members.size();
  for (const auto& list : scratch.spare_members) kept += list.size();
  if (scratch.spare_members.size() < most_lists && kept <= spare_elements<item_result>::limit) {
    scratch.spare_members.push_back(std::move(members));
    members.clear();  // a moved-from vector is only valid; this one must be empty
  } else {
    resize_items(members, 0);
  }
}

// Sizes a group's members to `count`. A list of that size given back is swapped in whole
// (groups differ in size, and the right size moves no member) when that keeps no more members
// aside than before; else, when the group has no list, the last one given back is taken and
// sized.
void size_members(std::vector<item_result>& members, std::size_t count) {
  auto& spare = scratch.spare_members;
  if (members.size() < count) {
    const auto fit = std::ranges::find(spare, count, &std::vector<item_result>::size);
    if (fit != spare.end()) {
      std::swap(members, *fit);
      // An empty list is not worth keeping.
      if (fit->empty()) spare.erase(fit);
    } else if (members.empty() && !spare.empty()) {
      members = std::move(spare.back());
      spare.pop_back();
    }
  }
  resize_items(members, count);
}

class scorer {
public:
  scorer(const program& p, const form& f, score_options options) : m_p(p), m_f(f), m_explain(options.explain) {
    m_item_ctx.source = &f;
    m_guard_ctx.source = &f;
  }

  // Overwrites every field of `r`, whatever it held before.
  void run(form_result& r);

private:
  void budget(form_result& r);
  // Each fills an item already in place in the result: an item_result is large (vectors,
  // optionals, the note), and moving each one into the vector showed in the profile.
  // `share`: a group member's share of the group's weight, null for an ungrouped indicator (a
  // pointer, not an optional passed by value: the copy was stored by parts and read back
  // whole, which the processor cannot forward).
  void indicator_item(item_result& item, std::size_t index, const decimal* share);
  void group_item(item_result& item, std::size_t index);
  // group_item's work; `members_scored` is set when it filled item.members.
  void score_group(item_result& item, std::size_t index, bool& members_scored);
  // Finds the first rule whose condition holds; notes conditions that failed to evaluate.
  // Explaining (`record` set): each rule's condition is recorded afresh, the rules passed over
  // are noted with the reason in `why`, and the record keeps the applied rule's condition.
  // Rule r is passed over, untried, where bit r of `ruled_out` is set: its condition is known false.
  const planned_rule* select(const std::vector<planned_rule>& rules, const eval_context& ctx, std::string& note,
                             eval_record* record, explanation* why, bool group, std::uint64_t ruled_out = 0);
  // The indicator rules whose condition is false for every indicator with this target cell, as
  // bits: those with a target guard (program.hpp) that is false for it ("合规" rules out every
  // quantitative rule). Found once per cell and plan, and kept with the cell in the cache: on
  // 2,000 forms under the central rule set, 21,684 times for 60,066 indicators, and select()
  // then tried 139,353 conditions instead of 284,847 (106.5 M instructions → 50.7 M, and
  // 19.0 M for the guards). A memo of the chosen rule per combination of cells and texts was
  // tried first and dropped: actual values vary ("96.7%"), a third of the indicators hit it,
  // and its keys cost as much as it saved.
  std::uint64_t rules_ruled_out(cell_cache::reading& target);
  void judge(item_result& item, const planned_rule& rule, const eval_context& ctx, eval_record* record);
  // The applied rule's body for an indicator (a member when item.share is set).
  void apply(item_result& item, const planned_rule& rule, const eval_context& ctx, eval_record* record);
  void settle_computed(item_result& item);
  // The explaining evaluation when `record` is set: one branch per rule, none per node.
  rt::value eval(node_index n, const eval_context& ctx, eval_record* record) const {
    return record ? evaluate(m_p, n, ctx, *record) : evaluate(m_p, n, ctx);
  }
  std::string score_text(const decimal& d) const {
    return d.round(m_p.decimals) == d ? d.to_fixed(m_p.decimals) : "≈" + d.to_fixed(m_p.decimals);
  }

  const program& m_p;
  const form& m_f;
  bool m_explain = false;
  std::vector<cell_refs>& m_cells = scratch.cells;
  // The context every indicator is evaluated in, built once per form and pointed at each
  // indicator in turn: an eval_context is a few hundred bytes (a value, a decimal), and
  // building one per indicator cleared them all each time.
  eval_context m_item_ctx;
  // The same for the target guards, which read the target cell and constants only.
  eval_context m_guard_ctx;
  // Explaining: the record of the indicator being scored. select() clears it before each
  // rule's condition, so one serves every indicator of the form.
  eval_record m_record;
};

const planned_rule* scorer::select(const std::vector<planned_rule>& rules, const eval_context& ctx, std::string& note,
                                   eval_record* record, explanation* why, bool group, std::uint64_t ruled_out) {
  for (const auto& rule : rules) {
    const bool known_false = ruled_out & 1;
    ruled_out >>= 1;
    if (known_false) continue;
    if (record) *record = {};
    if (rule.when == no_node) return &rule;
    auto v = eval(rule.when, ctx, record);
    if (v.is_error()) {
      if (!note.empty()) note += "; ";
      note += fmt::format("rule {} does not apply: {}", rule.name, v.error->message);
    } else if (v.type == rt::kind::boolean && v.flag) {
      return &rule;
    }
    if (why) why->not_applied.push_back(fmt::format("{}: {}", rule_reference(rule, group), why_not(m_p, rule.when, *record)));
  }
  return nullptr;
}

std::uint64_t scorer::rules_ruled_out(cell_cache::reading& target) {
  if (target.plan == m_p.serial) return target.ruled_out;
  m_guard_ctx.target = &target.cell;
  std::uint64_t out = 0;
  for (const auto& g : m_p.target_guards) {
    if ((out & g.rules) == g.rules) continue;  // every rule it guards is ruled out already
    const auto v = evaluate(m_p, g.when, m_guard_ctx);
    if (v.type == rt::kind::boolean && !v.flag) out |= g.rules;
  }
  target.plan = m_p.serial;
  target.ruled_out = out;
  return out;
}

void scorer::settle_computed(item_result& item) {
  item.contribution = *item.computed;
  // A group member has no declared score of its own: the group's is checked instead.
  if (item.share) return;
  if (!item.declared().is_number()) {
    item.agrees = false;
    if (item.note.empty()) item.note = "no declared score";
    return;
  }
  item.difference = item.declared().value - *item.computed;
  item.agrees = item.difference->is_zero();
}

void scorer::judge(item_result& item, const planned_rule& rule, const eval_context& ctx, eval_record* record) {
  item.result = outcome::judged;
  rt::value weight = ctx.weight_override ? rt::value::of(*ctx.weight_override) : cell_value(ctx.item->weight);
  if (weight.type != rt::kind::number) {
    item.result = outcome::unscored;
    item.note = fmt::format("rule {} judges against the weight, but the weight is {}", rule.name, rt::describe(weight.type));
    if (item.why) item.why->derivation = fmt::format("judged against 分值, but 分值 is {}", shown_value(weight));
    return;
  }
  // Explaining: every band in order, with its interval in points or why its condition failed;
  // neighbouring bands excluded for the same reason share one mention.
  std::string bands_text;
  std::string last_reason;
  auto explain_band = [&](std::string text) {
    if (!bands_text.empty()) bands_text += " · ";
    bands_text += text;
    last_reason.clear();
  };
  auto exclude_band = [&](const planned_band& band) {
    auto reason = why_not(m_p, band.when, *record);
    if (!last_reason.empty() && reason == last_reason) {
      bands_text.insert(bands_text.size() - last_reason.size() - std::string_view(" excluded: ").size(), ", " + band.name);
      return;
    }
    explain_band(fmt::format("{} excluded: {}", band.name, reason));
    last_reason = std::move(reason);
  };
  const auto& limits = scratch.bands.get(m_p, rule, weight.number);
  item.bands.reserve(rule.bands.size());
  for (std::size_t k = 0; k < rule.bands.size(); ++k) {
    const auto& band = rule.bands[k];
    if (band.when != no_node) {
      auto v = eval(band.when, ctx, record);
      if (v.is_error()) {
        if (!item.note.empty()) item.note += "; ";
        item.note += fmt::format("band {}: {}", band.name, v.error->message);
        if (record) exclude_band(band);
        continue;
      }
      if (!(v.type == rt::kind::boolean && v.flag)) {
        if (record) exclude_band(band);
        continue;
      }
    }
    allowed_band b{band.name, limits[k].low, limits[k].high, band.range.lower_closed, band.range.upper_closed};
    if (record)
      explain_band(fmt::format("{} {}{}, {}{}", b.name, b.low_closed ? "[" : "(", shown_value(rt::value::of(b.low)),
                               shown_value(rt::value::of(b.high)), b.high_closed ? "]" : ")"));
    item.bands.push_back(std::move(b));
  }
  if (item.why)
    item.why->derivation = fmt::format("judged on {} {}: {}", ctx.weight_override ? "share" : "分值",
                                       shown_value(weight), bands_text);
  if (item.bands.empty()) {
    item.result = outcome::unscored;
    item.note = fmt::format("rule {}: no band applies", rule.name);
    if (item.why) item.why->derivation += "; no band applies";
    return;
  }
  for (const auto& b : item.bands) {
    if (!item.low || b.low < *item.low) item.low = b.low;
    if (!item.high || *item.high < b.high) item.high = b.high;
  }
  if (item.share) {
    item.contribution = *item.low;
    return;
  }
  if (!item.declared().is_number()) {
    item.agrees = false;
    item.contribution = *item.low;
    if (item.note.empty()) item.note = "no declared score to judge";
    return;
  }
  const auto& d = item.declared().value;
  std::optional<decimal> nearest;
  std::optional<decimal> distance;
  for (const auto& b : item.bands) {
    bool above_low = b.low_closed ? !(d < b.low) : b.low < d;
    bool below_high = b.high_closed ? !(b.high < d) : d < b.high;
    if (above_low && below_high) {
      item.band = b.name;
      item.agrees = true;
      item.contribution = d;
      return;
    }
    // Outside: the closest score this band allows (its bounds, taken as closed).
    decimal closest = d < b.low ? b.low : b.high;
    decimal gap = (d - closest).abs();
    if (!distance || gap < *distance) {
      distance = gap;
      nearest = closest;
    }
  }
  item.agrees = false;
  item.contribution = *nearest;
  item.difference = d - *nearest;
}

void scorer::indicator_item(item_result& item, std::size_t index, const decimal* share) {
  const auto& ind = m_f.indicators[index];
  reset(item);
  if (!item.members.empty()) drop_members(item.members);  // an indicator has none
  item.source = &ind;
  cell_ratio ratio;
  eval_context& ctx = m_item_ctx;
  ctx.item = &ind;
  ctx.target = &m_cells[index].target->cell;
  ctx.actual = m_cells[index].actual;
  ctx.ratio = &ratio;
  if (share) {
    item.share = *share;
    ctx.weight_override = *share;
  } else {
    ctx.weight_override.reset();
  }
  if (m_explain) item.why.emplace();
  eval_record* record = m_explain ? &m_record : nullptr;
  // Explaining, every rule tried is reported, so none is passed over.
  const std::uint64_t ruled_out = record ? 0 : rules_ruled_out(*m_cells[index].target);
  const auto* rule = select(m_p.rules, ctx, item.note, record, item.why ? &*item.why : nullptr, false, ruled_out);
  if (!rule) {
    item.result = outcome::unscored;
    item.note = item.note.empty() ? "no rule applies" : "no rule applies (" + item.note + ")";
    if (item.why) item.why->derivation = "no rule applies";
    return;
  }
  item.rule = rule;
  if (item.why) item.why->applied = rule_reference(*rule, false);
  apply(item, *rule, ctx, record);
  if (item.why) item.why->tables = tables_used(m_p, *record);
}

void scorer::apply(item_result& item, const planned_rule& rule, const eval_context& ctx, eval_record* record) {
  switch (rule.body) {
    case body_kind::score: {
      auto v = eval(rule.value, ctx, record);
      if (!v.is_error() && v.type != rt::kind::number)
        v = rt::value::fail(fmt::format("a score must be a number, got {}", rt::describe(v.type)), m_p.nodes[rule.value].span);
      if (!v.is_error() && !rt::dimensionless(v.unit))
        v = rt::value::fail(fmt::format("a score is a number of points, got {}", rt::to_display(v)), m_p.nodes[rule.value].span);
      if (v.is_error()) {
        item.result = outcome::unscored;
        item.note = fmt::format("rule {}: {}", rule.name, v.error->message);
        if (item.why) item.why->derivation = render_with_values(m_p, rule.value, *record) + " fails: " + v.error->message;
        return;
      }
      item.result = outcome::computed;
      // A member's share is summed exactly; only figures the form declares are rounded.
      item.computed = item.share ? v.number : v.number.round(m_p.decimals);
      settle_computed(item);
      if (item.why) item.why->derivation = render_derivation(m_p, rule.value, *record, score_text(*item.computed));
      return;
    }
    case body_kind::judged: judge(item, rule, ctx, record); return;
    case body_kind::not_applicable:
      item.result = outcome::not_applicable;
      if (item.why)
        item.why->derivation = rule.when == no_node ? "not applicable" : "not applicable, as " + why_so(m_p, rule.when, *record);
      return;
    case body_kind::share:
      item.result = outcome::unscored;
      item.note = "a share rule applies to groups only";
      if (item.why) item.why->derivation = item.note;
      return;
  }
}

void scorer::group_item(item_result& item, std::size_t index) {
  reset(item);
  bool members_scored = false;
  score_group(item, index, members_scored);
  if (!members_scored && !item.members.empty()) drop_members(item.members);
}

void scorer::score_group(item_result& item, std::size_t index, bool& members_scored) {
  const auto& g = m_f.groups[index];
  item.group = &g;
  eval_context ctx{.source = &m_f, .group = &g, .member_count = g.members.size()};
  std::optional<eval_record> recorded;
  if (m_explain) {
    recorded.emplace();
    item.why.emplace();
  }
  eval_record* record = recorded ? &*recorded : nullptr;
  const auto* rule = select(m_p.group_rules, ctx, item.note, record, item.why ? &*item.why : nullptr, true);
  if (!rule) {
    item.result = outcome::unscored;
    item.note = item.note.empty() ? "no group rule applies" : "no group rule applies (" + item.note + ")";
    if (item.why) item.why->derivation = "no group rule applies";
  } else {
    item.rule = rule;
    if (item.why) item.why->applied = rule_reference(*rule, true);
  }
  if (rule && rule->body == body_kind::not_applicable) {
    item.result = outcome::not_applicable;
    if (item.why)
      item.why->derivation = rule->when == no_node ? "not applicable" : "not applicable, as " + why_so(m_p, rule->when, *record);
    return;
  }
  if (rule && rule->body == body_kind::score) {
    auto v = eval(rule->value, ctx, record);
    if (item.why) item.why->tables = tables_used(m_p, *record);
    if (v.is_error() || v.type != rt::kind::number) {
      item.result = outcome::unscored;
      item.note = v.is_error() ? v.error->message : "a score must be a number";
      if (item.why) item.why->derivation = render_with_values(m_p, rule->value, *record) + " fails: " + item.note;
    } else {
      item.result = outcome::computed;
      item.computed = v.number.round(m_p.decimals);
      settle_computed(item);
      if (item.why) item.why->derivation = render_derivation(m_p, rule->value, *record, score_text(*item.computed));
      return;
    }
  }
  if (rule && rule->body == body_kind::share) {
    auto share = eval(rule->value, ctx, record);
    if (item.why) {
      item.why->tables = tables_used(m_p, *record);
      item.why->derivation = fmt::format("share = {} = {}", render_symbolic(m_p, rule->value),
                                         render_with_values(m_p, rule->value, *record));
    }
    if (share.is_error() || share.type != rt::kind::number) {
      item.result = outcome::unscored;
      item.note = fmt::format("rule {}: {}", rule->name, share.is_error() ? share.error->message : "a share must be a number");
      if (item.why) item.why->derivation += " fails: " + (share.is_error() ? share.error->message : "a share must be a number");
    } else {
      if (item.why) item.why->derivation += " = " + shown_value(share);
      // Until a member is judged, the high sum is the low one: it is taken from the low sum at
      // the first judged member rather than added up twice (an exact decimal sum costs a gcd).
      decimal low, high;
      bool judged = false;
      std::string unscored;
      // The members a previous form left here are reused; indicator_item resets each.
      size_members(item.members, g.members.size());
      members_scored = true;
      for (std::size_t k = 0; k < g.members.size(); ++k) {
        auto& member = item.members[k];
        indicator_item(member, g.members[k], &share.number);
        switch (member.result) {
          case outcome::computed:
            low = low + *member.computed;
            if (judged) high = high + *member.computed;
            break;
          case outcome::judged:
            if (!judged) high = low;
            judged = true;
            low = low + *member.low;
            high = high + *member.high;
            break;
          case outcome::unscored:
            if (unscored.empty()) unscored = fmt::format("{}: {}", member.label(), member.note);
            break;
          case outcome::not_applicable: break;
        }
      }
      if (!unscored.empty()) {
        item.result = outcome::unscored;
        item.note = "a member is unscored — " + unscored;
        if (item.why) item.why->derivation += "; a member is unscored";
      } else if (!judged) {
        item.result = outcome::computed;
        item.computed = low.round(m_p.decimals);
        settle_computed(item);
        if (item.why) item.why->derivation += fmt::format("; Σ {} member{} = {}", item.members.size(), item.members.size() == 1 ? "" : "s",
                                                        score_text(*item.computed));
        return;
      } else {
        item.result = outcome::judged;
        item.low = low;
        item.high = high;
        if (item.why)
          item.why->derivation += fmt::format("; Σ {} member{} = [{}, {}]", item.members.size(), item.members.size() == 1 ? "" : "s",
                                              shown_value(rt::value::of(low)),
                                              shown_value(rt::value::of(high)));
        item.bands.push_back({"Σ members", low, high, true, true});
        if (!item.declared().is_number()) {
          item.agrees = false;
          item.contribution = low;
          item.note = "no declared score to judge";
        } else if (item.declared().value < low || high < item.declared().value) {
          auto nearest = item.declared().value < low ? low : high;
          item.agrees = false;
          item.contribution = nearest;
          item.difference = item.declared().value - nearest;
        } else {
          item.band = "Σ members";
          item.contribution = item.declared().value;
        }
        return;
      }
    }
  }
  // Unscored: the total counts what the form declared, and says so.
  item.contribution = item.declared().is_number() ? item.declared().value : decimal{};
}

void scorer::budget(form_result& r) {
  const auto& b = m_f.budget;
  auto& out = r.budget;
  reset(out);
  out.present = b.present;
  out.weight = b.weight;
  out.declared_rate = b.rate;
  out.declared_score = b.score;
  if (!b.present) return;
  eval_context ctx{.source = &m_f};
  std::optional<eval_record> recorded;
  if (m_explain) {
    recorded.emplace();
    out.why.emplace();
    out.why->applied = "budget";
  }
  eval_record* record = recorded ? &*recorded : nullptr;
  rt::value rate;
  std::string rate_text;  // explaining: how the rate was computed, before its value
  if (m_p.budget_rate != no_node) {
    rate = eval(m_p.budget_rate, ctx, record);
    if (record)
      rate_text = fmt::format("rate = {} = {}", render_symbolic(m_p, m_p.budget_rate), render_with_values(m_p, m_p.budget_rate, *record));
  } else if (!b.rows.empty()) {
    rate = rt::divide(cell_value(b.rows.front().executed), cell_value(b.rows.front().annual), {});
    if (record)
      rate_text = fmt::format("rate = 全年执行数 ÷ 全年预算数 = {} ÷ {}", shown_value(cell_value(b.rows.front().executed)),
                              shown_value(cell_value(b.rows.front().annual)));
  } else {
    rate = rt::value::fail("the form has no budget rows", {});
    if (record) rate_text = "rate";
  }
  if (out.why) {
    if (rate.is_error()) rate_text += " fails: " + rate.error->message;
    else if (rate.type == rt::kind::number) rate_text += " = " + (rate.number * decimal::from_int(100)).to_fixed(2) + "%";
    else rate_text += " = " + shown_value(rate);
    out.why->derivation = rate_text;
    out.why->tables = tables_used(m_p, *record);
    *record = {};
  }
  if (rate.is_error()) {
    out.note = "rate: " + rate.error->message;
  } else if (rate.type == rt::kind::number) {
    out.rate = rate.number;
    if (b.rate.is_number()) {
      // Compare at the precision the form prints: 74.69% has 4 decimals as a fraction.
      int places = b.rate.decimals + (b.rate.percent ? 2 : 0);
      out.rate_agrees = rate.number.round(places) == b.rate.value;
    }
  }
  ctx.rate = rate.is_error() ? rt::value::absent() : rate;
  if (m_p.budget_score == no_node) {
    if (out.note.empty()) out.note = "the rule set has no budget score rule";
    return;
  }
  if (rate.is_error()) ctx.rate = rate;
  auto score = eval(m_p.budget_score, ctx, record);
  if (out.why) {
    for (auto& use : tables_used(m_p, *record)) out.why->tables.push_back(std::move(use));
    if (score.is_error() || score.type != rt::kind::number)
      out.why->derivation += "; score = " + render_with_values(m_p, m_p.budget_score, *record) + " fails: " +
                             (score.is_error() ? score.error->message : "the budget score is not a number");
    else
      out.why->derivation += "; score = " + render_derivation(m_p, m_p.budget_score, *record,
                                                              score.number.round(m_p.decimals).to_fixed(m_p.decimals));
  }
  if (score.is_error()) {
    if (!out.note.empty()) out.note += "; ";
    out.note += "score: " + score.error->message;
    out.score_agrees = false;
    return;
  }
  if (score.type != rt::kind::number) {
    out.note = "the budget score is not a number";
    out.score_agrees = false;
    return;
  }
  out.score = score.number.round(m_p.decimals);
  out.score_agrees = b.score.is_number() && b.score.value == *out.score;
}

void scorer::run(form_result& r) {
  // Every message an error value carries is copied into the result before this returns.
  rt::error_scope errors;
  r.source = &m_f;
  r.ruleset_id = m_p.id;
  r.ruleset_version = m_p.version;
  r.ruleset_path = m_p.path();
  r.ruleset_sha256 = m_p.sha256;
  r.ruleset_ancestry = m_p.ancestry;
  r.mismatch.clear();
  read_form_cells(m_f, m_cells);

  budget(r);
  // One item per ungrouped indicator and one per group, sized before they are filled: the
  // items a previous form left keep their memory, and growing the vector would move every
  // item made so far (an item_result is large). Each item is reset where it is filled.
  std::size_t item_count = m_f.groups.size();
  for (const auto& ind : m_f.indicators)
    if (!ind.group) ++item_count;
  resize_items(r.items, item_count);
  std::size_t next_item = 0;
  std::vector<bool>& group_done = scratch.group_done;
  group_done.assign(m_f.groups.size(), false);
  for (std::size_t i = 0; i < m_f.indicators.size(); ++i) {
    const auto& ind = m_f.indicators[i];
    if (ind.group) {
      if (!group_done[*ind.group]) {
        group_done[*ind.group] = true;
        group_item(r.items[next_item++], *ind.group);
      }
      continue;
    }
    indicator_item(r.items[next_item++], i, nullptr);
  }
  for (std::size_t g = 0; g < m_f.groups.size(); ++g)
    if (!group_done[g]) group_item(r.items[next_item++], g);

  r.declared_total = m_f.total_score;
  r.computed = r.judged = r.unscored = r.not_applicable = r.disagreements = 0;
  decimal declared_sum = r.budget.declared_score.is_number() ? r.budget.declared_score.value : decimal{};
  decimal total = r.budget.score ? *r.budget.score : (r.budget.declared_score.is_number() ? r.budget.declared_score.value : decimal{});
  for (const auto& item : r.items) {
    if (item.declared().is_number() && item.result != outcome::not_applicable) declared_sum = declared_sum + item.declared().value;
    if (item.result != outcome::not_applicable) total = total + item.contribution;
    switch (item.result) {
      case outcome::computed: ++r.computed; break;
      case outcome::judged: ++r.judged; break;
      case outcome::unscored: ++r.unscored; break;
      case outcome::not_applicable: ++r.not_applicable; break;
    }
    if (!item.agrees && item.result != outcome::not_applicable && item.result != outcome::unscored) ++r.disagreements;
  }
  if (!r.budget.rate_agrees) ++r.disagreements;
  if (r.budget.score && !r.budget.score_agrees) ++r.disagreements;
  r.declared_sum = declared_sum;
  r.declared_sum_agrees = m_f.total_score.is_number() && m_f.total_score.value == declared_sum;
  r.rules_total = total.round(m_p.decimals);
  r.rules_grade = m_p.grade(r.rules_total);
  if (m_f.total_score.is_number()) r.declared_grade = m_p.grade(m_f.total_score.value);
  else r.declared_grade.clear();
}

}  // namespace

std::string join_label(std::initializer_list<std::string_view> parts) {
  std::string out;
  assign_label(out, parts);
  return out;
}

namespace {
// An item without a source (default-constructed) reads as empty.
const number_cell no_cell;
}  // namespace

std::string_view item_result::name() const {
  if (group) return group->level2;
  return source ? std::string_view(source->name) : std::string_view();
}

std::string_view item_result::path() const {
  if (group) return group->path;
  return source ? std::string_view(source->path) : std::string_view();
}

void item_result::label_into(std::string& out) const {
  if (group) assign_label(out, {group->level1, group->level2});
  else if (source) assign_label(out, {source->level1, source->level2, source->name});
  else out.clear();
}

std::string item_result::label() const {
  std::string out;
  label_into(out);
  return out;
}

const number_cell& item_result::weight() const {
  if (group) return group->weight;
  return source ? source->weight : no_cell;
}

const number_cell& item_result::declared() const {
  if (group) return group->score;
  return source ? source->score : no_cell;
}

std::string_view outcome_name(outcome o) {
  switch (o) {
    case outcome::computed: return "computed";
    case outcome::judged: return "judged";
    case outcome::unscored: return "unscored";
    case outcome::not_applicable: return "not applicable";
  }
  return "?";
}

form_result score_form(const program& rules, const form& f) { return score_form(rules, f, {}); }

form_result score_form(const program& rules, const form& f, score_options options) {
  form_result r;
  scorer(rules, f, options).run(r);
  return r;
}

void score_form_into(const program& rules, const form& f, score_options options, form_result& out) {
  scorer(rules, f, options).run(out);
}

}  // namespace jixiao::engine
