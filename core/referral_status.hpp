// A referral's state (HL7 FHIR Task.status names), terminal states and the overdue flag.
#pragma once

#include <optional>
#include <string_view>

#include "core/code_table.hpp"
#include "core/time.hpp"

namespace enlace::core {

enum class Status {
  draft, requested, received, accepted, rejected, cancelled, in_progress, on_hold, completed,
  failed
};

// FHIR spells two states with hyphens, so these names differ from the enumerators.
inline constexpr CodeName<Status> kStatusNames[] = {
    {Status::draft, "draft"},         {Status::requested, "requested"},
    {Status::received, "received"},   {Status::accepted, "accepted"},
    {Status::rejected, "rejected"},   {Status::cancelled, "cancelled"},
    {Status::in_progress, "in-progress"}, {Status::on_hold, "on-hold"},
    {Status::completed, "completed"}, {Status::failed, "failed"}};

std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);

// rejected, cancelled, completed, failed: nothing leaves these.
bool is_terminal(Status s);

// The deadline the referral's state is held to: respond_by while it waits for an answer
// (requested, received), outcome_by while it is being worked on (accepted, in-progress,
// on-hold), none otherwise. The same rule is the `due_at` column of migration 13.
std::optional<Timestamp> due_at(Status s, std::optional<Timestamp> respond_by,
                                std::optional<Timestamp> outcome_by);

// Past the deadline of its state (see due_at). A flag, not a state.
bool is_overdue(Status s, std::optional<Timestamp> respond_by,
                std::optional<Timestamp> outcome_by, Timestamp now);

}  // namespace enlace::core
