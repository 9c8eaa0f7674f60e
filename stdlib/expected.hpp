// The one alias for error returns. The design card names tl::expected; Debian does not ship
// it, and std::expected is the same design made standard in C++23.
#pragma once

#include <expected>

namespace jixiao {

template <class T, class E>
using expected = std::expected<T, E>;

template <class E>
using unexpected = std::unexpected<E>;

}  // namespace jixiao
