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

// What a reader knows of a count from how it is published.
enum class Known {
  exact,        // shown as a number
  small,        // "<5": 1 to kMinShownCount - 1
  large,        // "suppressed": kMinShownCount or more
  unpublished,  // a total the report does not show: 0 or more
};

// Per id, whether a hidden count's range collapses to one value once every sum has narrowed
// the ranges of its members as far as it can, again and again (a reader with a pencil: a
// remainder the hidden members can only reach at their lowest or highest, chains of such
// sums, four "<5" parts of a "<5" total). Linear algebra without ranges is determined_counts.
std::vector<bool> pinned_by_ranges(const CountSystem& system, const std::vector<Known>& known);

}  // namespace enlace::core
