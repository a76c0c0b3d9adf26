// Pages of referral boxes (API.md, Referrals; Interoperability): the inbox, outbox and review
// lists of GET /referrals, and FHIR's Task search, which reads the outbox and then the inbox as
// one list. Read on a snapshot by the caller (ReferralReader); a page shows snapshots, so its
// one "referral.list" event, naming the referrals shown, is written after the read and before
// the page is answered (record_referral_page, referral_pages.hpp).
#pragma once

#include "core/ports/referral_store.hpp"
#include "core/referral_list.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

// The roles that may use a box: inbox (the receiving side), outbox (the sending side, or its
// org_admin), review (the sending org_admin).
bool may_list(const Actor& actor, Box box);

struct ReferralPage {
  std::vector<ListedReferral> rows;  // up to limit + 1: the extra one only says "more"
  std::vector<std::string> shown;    // the ids the page shows, for its event
  // Where the next page resumes, as the text a cursor carries (opaque to the caller); nullopt
  // on the last page.
  std::optional<std::string> next;
};

// A page of one box: forbidden (not recorded here: the read wrote nothing, the caller states
// the refusal) for a box the actor's roles may not use.
Result<ReferralPage> list_referrals(ReferralReader& reader, const Actor& actor,
                                    const ReferralListQuery& query, Timestamp now);

// Where a Task search resumes: the box and the position in it.
struct SearchPosition {
  Box side = Box::outbox;  // outbox or inbox
  ListPosition after;
  // "o|<position>" or "i|<position>".
  std::string text() const;
  // nullopt for any text text() did not make.
  static std::optional<SearchPosition> parse(std::string_view text);
};

// FHIR's Task search: the referrals of both boxes the actor may list, the outbox then the
// inbox. filters.from_org is the requester (the sender), filters.to_org the owner (the
// receiver): a box is read only when the search can match there.
struct ReferralSearch {
  ReferralListQuery filters;  // box, limit and after are the search's own
  int count = 50;
  std::optional<SearchPosition> after;
};

// Forbidden, as list_referrals, when the actor may list neither box.
Result<ReferralPage> search_referrals(ReferralReader& reader, const Actor& actor,
                                      const ReferralSearch& search, Timestamp now);

}  // namespace enlace::core
