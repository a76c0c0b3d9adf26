// POST /referrals: a caseworker refers a case of their organisation, as a draft or sent at
// once (then through send_referral.hpp). One transaction on the ports.
#pragma once

#include "core/referral.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"
#include "core/use_cases/send_referral.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// What the sender should know before relying on the chosen service (PRODUCT.md: referrals
// must not go to a closed door unannounced).
struct ServiceWarning {
  enum class Kind { not_accepting, wait } kind = Kind::not_accepting;
  std::string service_id;  // not_accepting
  int days = 0;            // wait: the expected wait
};

struct ReferralCreated {
  ReferralSaved saved;
  std::vector<ServiceWarning> warnings;
};

// `id` is the new referral's id. Refusals that leave an audit event: not a caseworker (403,
// "referral.create" denied), a case the caller cannot see (422 on case_id, audited as the
// case not_found). Errors that roll back and leave nothing: the form (422), a closed case
// (409), an unknown organisation or a service not of it or not of the category (422), needs
// not on the case (422), no covering consent when sent (422).
// `prepared`: sending decided before the write (prepare_referral); used only while it still
// holds (send_referral.hpp), so the outcome is the same with it or without.
Result<Refusable<ReferralCreated>> create_referral(const ReferralPorts& ports,
                                                   const Actor& actor,
                                                   const ReferralDraft& draft,
                                                   const std::string& id, Timestamp now,
                                                   const PreparedSending* prepared = nullptr);

// Sending the draft decided on a read snapshot, before the write: nullopt when it would not
// send (a draft) or anything would refuse it, which the write then decides and audits itself.
std::optional<PreparedSending> prepare_referral(SendingReads& reads, const Actor& actor,
                                               const ReferralDraft& draft, Timestamp now);

}  // namespace enlace::core
