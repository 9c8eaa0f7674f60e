// Running rule tests (dsl/test_file.hpp) against their rule set: each test's form — a form
// file, or inline rows turned into a form by the form loader — is scored with explanations and
// linted, then each expectation is compared with what came out. A failed expectation carries
// the expected and actual values as shown to the author and the derivation of the actual one.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/test_file.hpp"
#include "engine/form.hpp"
#include "engine/lint.hpp"
#include "engine/program.hpp"
#include "engine/scoring.hpp"

namespace jixiao::engine {

struct expectation_result {
  const dsl::test_expectation* expectation = nullptr;
  bool passed = false;
  std::string expected;              // as shown: "0.80", "a finding of score.mismatch on 分析重点领域"
  std::string actual;                // "0.60", "none"
  std::vector<std::string> because;  // how the actual value came about: explain lines, or the findings present
  std::string because_label = "why";  // "why", or "findings" when `because` lists findings
};

enum class test_status {
  passed,
  failed,  // an expectation does not hold
  error,   // the test could not run: its form could not be read or built
};

struct test_run {
  const dsl::test_case* test = nullptr;
  test_status status = test_status::passed;
  std::vector<expectation_result> expectations;  // in the order written
  dsl::diagnostics problems;                     // error: why the test could not run
  // What scoring and linting gave; the coverage report reads them (engine/coverage.hpp).
  std::shared_ptr<const form> scored_form;
  form_result scored;
  std::vector<finding> findings;
};

// Builds the form a test scores: its form file, read with load_form_file and resolved against
// the test file's folder, or its inline rows, written as a jixiao.form/1 document and read by
// load_form, so that every cell is read exactly as in a form file. An inline form takes its
// year and jurisdiction from the test, the file, then the rule set (the start of its period).
// A problem is a diagnostic at the test file's line and column.
expected<std::shared_ptr<const form>, dsl::diagnostic> build_test_form(const dsl::test_file& file,
                                                                        const dsl::test_case& test,
                                                                        const program& rules);

// Runs one test.
test_run run_rule_test(const dsl::test_file& file, const dsl::test_case& test, const program& rules);

// Runs the tests of `file` whose names contain `filter` ("" runs all).
std::vector<test_run> run_rule_tests(const dsl::test_file& file, const program& rules, std::string_view filter);

// One test's result as text: `ok    NAME`, or `FAIL  NAME` followed by each failed expectation
// with its position, the expected and actual values aligned, and the derivation; `ERROR NAME`
// with the rendered diagnostic. Ends with a newline.
std::string render_test_run(const test_run& run, const dsl::test_file& file);

}  // namespace jixiao::engine
