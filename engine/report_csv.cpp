// The CSV report (docs/report-format.md, "CSV"): one row per form read, for spreadsheets and
// for corpus-scale runs, where a table of thirty rows per form is more than anyone reads.
// Text from the forms and the rule sets is quoted by libcsv; figures and counts are written
// here the way the JSON report writes them, so that every figure reconciles with it.
#include <fmt/format.h>

#include "engine/csv_row.hpp"
#include "engine/report.hpp"

namespace jixiao::engine {
namespace {

// The columns up to the year, which a failed row fills as far as the form could be read.
void form_fields(csv_row& w, std::string_view source, const form* f) {
  w.text(source);
  w.text(f ? std::string_view(f->id) : "");
  w.text(f ? std::string_view(f->project) : "");
  w.text(f ? std::string_view(f->department) : "");
  w.text(f ? std::string_view(f->jurisdiction) : "");
  if (f)
    w.count(f->year);
  else
    w.none();
}

}  // namespace

std::string render_csv_begin() {
  // The byte order mark makes Excel read the file as UTF-8; without it Chinese text shows as
  // mojibake. Column names in docs/report-format.md, with an English name for each.
  static const std::string header = [] {
    std::string out = "\xEF\xBB\xBF";
    csv_row w(out);
    for (const char* name : {"来源", "编号", "项目名称", "主管部门", "地区", "年度", "规则集", "规则集版本", "规则集不符",
                             "自评总分", "规则总分", "差额（规则−自评）", "自评等级", "规则等级", "计算项数", "评判项数",
                             "未评分项数", "不适用项数", "不一致项数", "状态", "错误信息"})
      w.text(name);
    w.end();
    return out;
  }();
  return header;
}

std::string render_csv_form(const form_result& r) {
  const form& f = *r.source;
  std::string out;
  out.reserve(512);
  csv_row w(out);
  form_fields(w, f.file, &f);
  w.text(r.ruleset_id);
  w.text(r.ruleset_version);
  w.text(r.mismatch);
  if (r.declared_total.is_number()) {
    w.exact(r.declared_total.value);
    w.fixed(r.rules_total);
    w.fixed(r.rules_total - r.declared_total.value);
  } else {
    w.none();
    w.fixed(r.rules_total);
    w.none();
  }
  w.text(r.declared_grade);
  w.text(r.rules_grade);
  w.count(r.computed);
  w.count(r.judged);
  w.count(r.unscored);
  w.count(r.not_applicable);
  w.count(r.disagreements);
  w.text("scored");
  w.text("");
  w.end();
  return out;
}

std::string render_csv_failure(const form_error& e, const form* read) {
  std::string out;
  out.reserve(256);
  csv_row w(out);
  // Named as the text report names a failure: FILE, or FILE.jsonl:LINE in a corpus.
  form_fields(w, e.line ? fmt::format("{}:{}", e.file, e.line) : e.file, read);
  for (int i = 0; i < 3; ++i) w.text("");  // rule set, version, mismatch
  for (int i = 0; i < 3; ++i) w.none();    // totals and difference
  for (int i = 0; i < 2; ++i) w.text("");  // grades
  for (int i = 0; i < 5; ++i) w.none();    // counts
  w.text("failed");
  w.text(to_string(e));
  w.end();
  return out;
}

}  // namespace jixiao::engine
