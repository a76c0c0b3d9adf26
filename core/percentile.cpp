// Nearest-rank percentiles (see percentile.hpp for why this method).
#include "core/percentile.hpp"

#include <algorithm>
#include <cmath>

namespace enlace::core {

namespace {
std::vector<double> finite_sorted(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  std::sort(values.begin(), values.end());
  return values;
}

// `sorted` is non-empty and p in (0, 100].
double nearest_rank(const std::vector<double>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  // The epsilon keeps 0.9 * 10 (which is 9.000...02 in binary) at rank 9, not 10.
  auto rank = static_cast<std::size_t>(std::ceil(p * n / 100.0 - 1e-9));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}
}  // namespace

std::optional<double> percentile(std::vector<double> values, double p) {
  if (!(p > 0.0 && p <= 100.0)) return std::nullopt;
  auto sorted = finite_sorted(std::move(values));
  if (sorted.size() < kMinValuesForPercentile) return std::nullopt;
  return nearest_rank(sorted, p);
}

std::optional<MedianP90> median_and_p90(std::vector<double> values) {
  auto sorted = finite_sorted(std::move(values));
  if (sorted.size() < kMinValuesForPercentile) return std::nullopt;
  return MedianP90{nearest_rank(sorted, 50.0), nearest_rank(sorted, 90.0)};
}

std::vector<double> to_hours(const std::vector<std::chrono::milliseconds>& ds) {
  std::vector<double> out;
  out.reserve(ds.size());
  for (auto d : ds) out.push_back(to_hours(d));
  return out;
}

}  // namespace enlace::core
