// Linear-algebra attack on suppressed counts: the check that suppression is sufficient.
#include "core/linear_disclosure.hpp"

#include <cmath>
#include <map>
#include <numeric>
#include <utility>

namespace enlace::core {

namespace {
// Coefficients are small integers and systems small, so doubles with a tolerance are exact
// enough; pivoting on the largest entry keeps the rounding tame.
constexpr double kEps = 1e-9;

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// Marks in `out` the unknowns (columns) that some row of the reduced echelon form pins
// down alone: e_j lies in the row space exactly when such a row exists.
void mark_determined(std::vector<std::vector<double>> m, const std::vector<std::size_t>& ids,
                     std::vector<bool>& out) {
  const std::size_t cols = ids.size();
  std::size_t row = 0;
  std::vector<std::size_t> pivot_col;
  for (std::size_t c = 0; c < cols && row < m.size(); ++c) {
    std::size_t best = row;
    for (std::size_t r = row + 1; r < m.size(); ++r)
      if (std::fabs(m[r][c]) > std::fabs(m[best][c])) best = r;
    if (std::fabs(m[best][c]) < kEps) continue;
    std::swap(m[row], m[best]);
    const double p = m[row][c];
    for (auto& v : m[row]) v /= p;
    for (std::size_t r = 0; r < m.size(); ++r) {
      if (r == row || std::fabs(m[r][c]) < kEps) continue;
      const double f = m[r][c];
      for (std::size_t k = 0; k < cols; ++k) m[r][k] -= f * m[row][k];
    }
    pivot_col.push_back(c);
    ++row;
  }
  for (std::size_t r = 0; r < pivot_col.size(); ++r) {
    std::size_t nonzero = 0;
    for (std::size_t k = 0; k < cols; ++k)
      if (std::fabs(m[r][k]) > kEps) ++nonzero;
    if (nonzero == 1) out[ids[pivot_col[r]]] = true;
  }
}
}  // namespace

std::vector<bool> determined_counts(const CountSystem& system, const std::vector<bool>& hidden) {
  const auto& sums = system.sums();
  std::vector<bool> out(system.size(), false);

  // Independent blocks of equations are solved separately: a report links only a few
  // tables, and elimination cost grows with the cube of the block.
  UnionFind uf(system.size());
  for (const auto& s : sums)
    for (auto p : s.parts) uf.unite(p, s.total);

  std::map<std::size_t, std::vector<std::size_t>> sums_by_block;
  for (std::size_t i = 0; i < sums.size(); ++i) {
    bool any_hidden = hidden[sums[i].total];
    for (auto p : sums[i].parts) any_hidden = any_hidden || hidden[p];
    if (any_hidden) sums_by_block[uf.find(sums[i].total)].push_back(i);
  }

  for (const auto& [block, sum_indices] : sums_by_block) {
    std::map<std::size_t, std::size_t> column;  // count id -> unknown index
    std::vector<std::size_t> ids;
    auto col_of = [&](std::size_t id) {
      auto [it, inserted] = column.emplace(id, ids.size());
      if (inserted) ids.push_back(id);
      return it->second;
    };
    std::vector<std::vector<std::pair<std::size_t, double>>> rows;
    for (auto si : sum_indices) {
      std::vector<std::pair<std::size_t, double>> row;
      if (hidden[sums[si].total]) row.emplace_back(col_of(sums[si].total), -1.0);
      for (auto p : sums[si].parts)
        if (hidden[p]) row.emplace_back(col_of(p), 1.0);
      rows.push_back(std::move(row));
    }
    std::vector<std::vector<double>> m(rows.size(), std::vector<double>(ids.size(), 0.0));
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (auto [c, v] : rows[r]) m[r][c] += v;
    mark_determined(std::move(m), ids, out);
  }
  return out;
}

std::vector<bool> pinned_by_ranges(const CountSystem& system, const std::vector<Known>& known) {
  // Far above any count, yet far from overflowing when a few are added up.
  constexpr std::int64_t kUnbounded = std::int64_t{1} << 40;
  const std::size_t n = system.size();
  std::vector<std::int64_t> lo(n), hi(n);
  for (std::size_t i = 0; i < n; ++i) {
    switch (known[i]) {
      case Known::exact: lo[i] = hi[i] = system.count(i); break;
      case Known::small: lo[i] = 1, hi[i] = kMinShownCount - 1; break;
      case Known::large: lo[i] = kMinShownCount, hi[i] = kUnbounded; break;
      case Known::unpublished: lo[i] = 0, hi[i] = kUnbounded; break;
    }
  }
  bool changed = true;
  auto narrow = [&](std::size_t i, std::int64_t l, std::int64_t h) {
    if (l > lo[i]) lo[i] = l, changed = true;
    if (h < hi[i]) hi[i] = h, changed = true;
  };
  // Ranges only shrink and the true counts stay inside them, so this ends; the bound on passes
  // keeps a slowly shrinking cycle of unbounded ranges from taking long.
  for (int pass = 0; changed && pass < 64; ++pass) {
    changed = false;
    for (const auto& sum : system.sums()) {
      std::int64_t parts_lo = 0, parts_hi = 0;
      int unbounded = 0;
      for (auto p : sum.parts) {
        parts_lo += lo[p];
        if (hi[p] >= kUnbounded) ++unbounded;
        else parts_hi += hi[p];
      }
      narrow(sum.total, parts_lo, unbounded ? kUnbounded : parts_hi);
      for (auto p : sum.parts) {
        const bool p_unbounded = hi[p] >= kUnbounded;
        const bool others_unbounded = unbounded - (p_unbounded ? 1 : 0) > 0;
        const std::int64_t others_lo = parts_lo - lo[p];
        const std::int64_t others_hi = parts_hi - (p_unbounded ? 0 : hi[p]);
        narrow(p, others_unbounded ? 0 : lo[sum.total] - others_hi,
               hi[sum.total] >= kUnbounded ? kUnbounded : hi[sum.total] - others_lo);
      }
    }
  }
  std::vector<bool> out(n, false);
  for (std::size_t i = 0; i < n; ++i) out[i] = known[i] != Known::exact && lo[i] == hi[i];
  return out;
}

}  // namespace enlace::core
