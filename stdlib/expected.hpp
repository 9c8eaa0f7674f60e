// The one alias for error returns. The design card names tl::expected; Debian does not ship
// it, and std::expected is the same design made standard in C++23.
#pragma once

#include <expected>

namespace jixiao {

template <class T, class E>
using expected = std::expected<T, E>;

// A using-declaration rather than an alias template: `unexpected(e)` then deduces E with every
// compiler (clang before 19 cannot deduce through an alias template, and the fuzz build uses
// clang).
using std::unexpected;

}  // namespace jixiao
