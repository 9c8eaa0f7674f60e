// The grammars have no rule that can loop without consuming input.
#include "dsl/grammar.hpp"

#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/test_grammar.hpp"

TEST_CASE("the grammar passes pegtl::analyze", "[dsl][grammar]") {
  CHECK(tao::pegtl::analyze<jixiao::dsl::grammar::file>(1) == 0);
}

TEST_CASE("the test-file grammar, with the rules it shares, passes pegtl::analyze", "[dsl][grammar]") {
  CHECK(tao::pegtl::analyze<jixiao::dsl::test_grammar::file>(1) == 0);
}
