// The grammar has no rule that can loop without consuming input.
#include "dsl/grammar.hpp"

#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

TEST_CASE("the grammar passes pegtl::analyze", "[dsl][grammar]") {
  CHECK(tao::pegtl::analyze<jixiao::dsl::grammar::file>(1) == 0);
}
