// Median and 90th percentile of response times, withheld for small samples.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

namespace enlace::core {

// Percentiles of fewer values are not shown: with 1-4 values a percentile is close to one
// person's own response time.
inline constexpr std::size_t kMinValuesForPercentile = 5;

// Nearest-rank method: sort ascending, take the value at rank ceil(p/100 * n) (1-based).
// Chosen over interpolation because the answer is always an observed value, which is easy
// to explain to coordinators and to check by hand. The median of an even count is the
// lower of the two middle values. NaN and infinite inputs are ignored before counting.
// nullopt when fewer than kMinValuesForPercentile values remain or p is outside (0, 100].
std::optional<double> percentile(std::vector<double> values, double p);

struct MedianP90 {
  double median = 0;
  double p90 = 0;
};

std::optional<MedianP90> median_and_p90(std::vector<double> values);

// Hours as a fraction, for turning requested->answered durations into report values.
inline double to_hours(std::chrono::milliseconds d) {
  return std::chrono::duration<double, std::ratio<3600>>(d).count();
}
std::vector<double> to_hours(const std::vector<std::chrono::milliseconds>& ds);

}  // namespace enlace::core
