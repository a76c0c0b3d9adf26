// Referral state names and flags.
#include "core/referral_status.hpp"

namespace enlace::core {

std::string_view to_string(Status s) { return code_name(kStatusNames, s); }
std::optional<Status> parse_status(std::string_view s) { return parse_code(kStatusNames, s); }

bool is_terminal(Status s) {
  return s == Status::rejected || s == Status::cancelled || s == Status::completed ||
         s == Status::failed;
}

bool is_overdue(Status s, Timestamp respond_by, Timestamp now) {
  return (s == Status::requested || s == Status::received) && now > respond_by;
}

}  // namespace enlace::core
