// The person's view and respond-link rules: see person_view.hpp.
#include "core/person_view.hpp"

namespace enlace::core {

namespace {
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string tracking_code_from(const std::array<unsigned char, 5>& random) {
  std::uint64_t bits = 0;
  for (unsigned char b : random) bits = (bits << 8) | b;
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kCrockford[bits & 31];
    bits >>= 5;
  }
  return out;
}

std::optional<std::string> normalize_tracking_code(std::string_view typed) {
  if (typed.size() > 32) return std::nullopt;
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCrockford.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
  }
  if (out.size() != 8) return std::nullopt;
  return out;
}

bool is_pin(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

PinLock after_wrong_pin(int failures_before, Timestamp now) {
  int failures = failures_before + 1;
  if (failures >= kPinFailuresBeforeLock) return {0, now + kPinLockFor};
  return {failures, std::nullopt};
}

std::int64_t pin_lock_seconds_left(std::optional<Timestamp> locked_until, Timestamp now) {
  if (!locked_until || *locked_until <= now) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(*locked_until - now).count();
  return left < 1 ? 1 : left;
}

std::string_view to_string(FeedbackOutcome v) { return code_name(kFeedbackOutcomeNames, v); }
std::optional<FeedbackOutcome> parse_feedback_outcome(std::string_view s) {
  return parse_code(kFeedbackOutcomeNames, s);
}

std::optional<Timestamp> respond_link_expiry(std::optional<Timestamp> referral_closed_at) {
  if (!referral_closed_at) return std::nullopt;
  return *referral_closed_at + kRespondLinkAfterClose;
}

}  // namespace enlace::core
