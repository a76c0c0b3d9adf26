// A page of a referral box as the list use case and its port (core/ports/referral_store.hpp,
// ReferralReader) speak of it: which box, the filters, where the page resumes, and a row.
// Inbox/outbox order: overdue first, the most overdue (earliest deadline of its state:
// respond_by or outcome_by) first; then the rest newest first (insertion order: ids made in
// the same millisecond are not ordered). The store reads about a page's own rows from indexes
// in that order (storage/referral_list.cpp), not the whole box.
#pragma once

#include "core/referral_record.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

enum class Box { inbox, outbox, review };

// A row's place in its box's order, where the next page resumes. Opaque outside the store that
// makes and reads it: the gateway only carries its text() inside a cursor and gives back what
// parse() makes of a cursor it receives. The overdue part is ordered by (due, seq), the rest
// by seq, newest first.
struct ListPosition {
  bool overdue = false;
  std::int64_t due = 0;  // the deadline in milliseconds; overdue rows only
  std::int64_t seq = 0;  // the store's insertion order

  // "1:<due>:<seq>" in the overdue part, "0:<seq>" after it.
  std::string text() const;
  // nullopt for any text text() did not make.
  static std::optional<ListPosition> parse(std::string_view text);
};

struct ReferralListQuery {
  Box box = Box::outbox;
  std::optional<std::string> status, category;
  std::optional<std::string> from_org, to_org;  // the other side (FHIR requester, owner)
  std::optional<Timestamp> updated_from, updated_before;  // updated_at in [from, before)
  std::optional<std::string> case_id;  // one case's referrals (the outbox only)
  bool overdue_only = false;
  int limit = 50;  // rows fetched: limit + 1 (the extra one only says "more")
  std::optional<ListPosition> after;
};

struct ListedReferral {
  ReferralRecord referral;
  ListPosition position;  // position.overdue is the row's overdue flag
};

// A whole number >= 0 written in decimal, nothing around it (cursor keys).
std::optional<std::int64_t> parse_seq(std::string_view text);

}  // namespace enlace::core
