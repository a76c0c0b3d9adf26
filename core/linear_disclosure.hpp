// Which hidden counts a reader could compute exactly from the shown ones and the sums.
#pragma once

#include <vector>

#include "core/disclosure_control.hpp"

namespace enlace::core {

// hidden[id] marks suppressed counts; every other count is known to the reader. Returns,
// per id, whether that hidden count is a unique solution of the sums (linear algebra over
// all equations at once, so it also catches cells that no single equation reveals, such as
// a lone suppressed cell bridging two blocks of suppressions).
std::vector<bool> determined_counts(const CountSystem& system, const std::vector<bool>& hidden);

}  // namespace enlace::core
