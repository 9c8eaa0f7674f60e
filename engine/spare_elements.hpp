// Elements a reused vector no longer needs (this form has fewer indicators, rows or items than
// the one before), kept per thread for the next form that has more: dropping them would free
// their strings only for the next larger form to allocate them again. Bounded, so that one huge
// form does not keep its elements for the rest of the run. The loader and the scorer both use
// it for the objects corpus mode fills form after form.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace jixiao::engine {

template <class element>
class spare_elements {
public:
  static constexpr std::size_t limit = 64;

  // Shortens `elements` to `count`, keeping what it drops while there is room.
  void keep_beyond(std::vector<element>& elements, std::size_t count) {
    while (elements.size() > count) {
      if (m_kept.size() < limit) {
        if (m_kept.capacity() == 0) m_kept.reserve(limit);
        m_kept.push_back(std::move(elements.back()));
      }
      elements.pop_back();
    }
  }

  // Appends one element to `elements`: a kept one (as its last form left it; the caller resets
  // it), else a new one. The flag says which.
  std::pair<element&, bool> append(std::vector<element>& elements) {
    if (m_kept.empty()) return {elements.emplace_back(), false};
    element& taken = elements.emplace_back(std::move(m_kept.back()));
    m_kept.pop_back();
    return {taken, true};
  }

private:
  std::vector<element> m_kept;
};

}  // namespace jixiao::engine
