// Referral state names and flags.
#include "core/referral_status.hpp"

namespace enlace::core {

std::string_view to_string(Status s) { return code_name(kStatusNames, s); }
std::optional<Status> parse_status(std::string_view s) { return parse_code(kStatusNames, s); }

bool is_terminal(Status s) {
  return s == Status::rejected || s == Status::cancelled || s == Status::completed ||
         s == Status::failed;
}

std::optional<Timestamp> due_at(Status s, std::optional<Timestamp> respond_by,
                                std::optional<Timestamp> outcome_by) {
  switch (s) {
    case Status::requested:
    case Status::received: return respond_by;
    case Status::accepted:
    case Status::in_progress:
    case Status::on_hold: return outcome_by;
    default: return std::nullopt;
  }
}

bool is_overdue(Status s, std::optional<Timestamp> respond_by,
                std::optional<Timestamp> outcome_by, Timestamp now) {
  auto due = due_at(s, respond_by, outcome_by);
  return due && now > *due;
}

}  // namespace enlace::core
