// The self-evaluation form as the engine sees it, loaded from the `jixiao.form/1` JSON
// format (docs/form-format.md). Every figure keeps its exact decimal value and the text it
// was written as; every element keeps its JSON path for messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/decimal.hpp"
#include "stdlib/expected.hpp"

namespace jixiao::engine {

// A numeric cell: not given at all, marked not applicable (—, 不适用), or a number.
struct number_cell {
  enum class state { absent, not_applicable, number };
  state status = state::absent;
  decimal value;         // 74.69% is 0.7469
  bool percent = false;
  int decimals = 0;      // as written
  std::string text;      // as written ("74.69%", "7.47", "—")
  bool is_number() const { return status == state::number; }
  // Back to a fresh cell, keeping the text's capacity: corpus mode loads and scores form after
  // form into the same objects (load_form_padded_into, score_form_into).
  void reset() {
    status = state::absent;
    value = decimal{};
    percent = false;
    decimals = 0;
    text.clear();
  }
};

struct budget_row {
  std::string name;  // 年度资金总额, 当年财政拨款, ...
  number_cell initial;   // 年初预算数
  number_cell annual;    // 全年预算数 / 调整后预算数
  number_cell executed;  // 全年执行数 / 预算执行数
  number_cell weight;    // 分值
  number_cell rate;      // 执行率
  number_cell score;     // 得分
  std::string path;      // budget.rows[0]
};

struct budget_block {
  bool present = false;
  number_cell weight;  // budget.weight, else rows[0].weight
  number_cell rate;
  number_cell score;
  std::vector<budget_row> rows;  // rows[0] is the total row
};

struct indicator {
  std::string level1;                    // 产出指标 (a weight in the label is split off)
  std::optional<decimal> level1_weight;  // from 产出指标（50分）
  std::string level2;                    // 数量指标
  std::string name;                      // 三级指标
  std::string target;                    // 年度指标值, as written
  std::string actual;                    // 实际完成值, as written
  std::string op;                        // separate comparator column (Sichuan), else ""
  std::string unit;                      // separate unit column (Sichuan), else ""
  number_cell weight;                    // 分值 (absent in Shenzhen-style groups)
  number_cell score;                     // 得分
  std::string reason;                    // 偏差原因分析及改进措施
  std::string path;                      // indicators[3]
  std::optional<std::size_t> group;      // index into form::groups
};

// A level-2 group that carries the weight and score (Shenzhen).
struct indicator_group {
  std::string level1;
  std::optional<decimal> level1_weight;
  std::string level2;
  number_cell weight;
  number_cell score;
  std::string reason;
  std::string path;                    // groups[0]
  std::vector<std::size_t> members;    // indices into form::indicators, in form order
};

struct form {
  std::string file;  // where it was read from, for messages
  std::string id;
  int year = 0;
  std::string jurisdiction;
  std::string project;
  std::string department;
  std::string unit;
  std::string leader;
  std::string phone;
  std::string money_unit;  // 万元, 元
  budget_block budget;
  std::string goal_expected;
  std::string goal_actual;
  std::vector<indicator> indicators;
  std::vector<indicator_group> groups;
  number_cell total_weight;
  number_cell total_score;
};

// What went wrong reading a form: the file, where in it, and what was expected.
struct form_error {
  std::string file;
  std::string path;     // JSON path: "indicators[3].weight", "" for the whole document
  std::size_t line = 0; // line in a JSON Lines corpus, 0 otherwise
  std::string message;  // "expected a number, got \"abc\""
};

// "indicators[3].weight: expected a number such as 7.47 or 74.69%, got \"abc\"", or the message
// alone when the path is empty. The file and line are left to the caller, which knows how it
// shows them.
std::string to_string(const form_error& error);

// Reads one form from JSON text. `file` names it in messages.
expected<form, form_error> load_form(std::string_view json, std::string_view file);

// Reads one form from JSON text that is followed in memory by at least `capacity` −
// `json.size()` readable bytes of any content (simdjson's padding, SIMDJSON_PADDING bytes), so
// that a corpus line is parsed where it lies, without a copy.
expected<form, form_error> load_form_padded(std::string_view json, std::size_t capacity, std::string_view file);

// load_form_padded into a form that may hold an earlier one: every field is overwritten, and
// strings and vectors keep their memory, so that a corpus thread reading line after line into
// one form allocates almost nothing. On failure `out` holds part of the document, which the
// next load overwrites all the same.
expected<void, form_error> load_form_padded_into(std::string_view json, std::size_t capacity, std::string_view file,
                                                 form& out);

// Reads the file and loads it.
expected<form, form_error> load_form_file(const std::string& path);

}  // namespace jixiao::engine
