// Clock: see clock.hpp.
#include "gateway/clock.hpp"

#include <fstream>
#include <sstream>

namespace enlace::gateway {

core::Timestamp Clock::now() const {
  if (!test_file_.empty()) {
    std::ifstream in(test_file_);
    std::string text;
    std::getline(in, text);
    if (auto t = core::parse_timestamp(text)) return *t;
  }
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace enlace::gateway
