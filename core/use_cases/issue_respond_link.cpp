// A new respond link: see issue_respond_link.hpp.
#include "core/use_cases/issue_respond_link.hpp"

#include "core/access_policy.hpp"

namespace enlace::core {

Result<Refusable<RespondLinkIssued>> issue_respond_link(const ReferralPorts& ports,
                                                        const Actor& actor,
                                                        const std::string& id, Timestamp now) {
  using Out = Refusable<RespondLinkIssued>;
  auto refused = [&](Error e) {
    ports.audit.record("referral.respond_link", "referral", id, audit_outcome(e));
    return Out::refuse(std::move(e));
  };
  auto found = ports.store.find_referral(actor, id);
  if (!found) return refused(found.error());
  if (!found->sender_view || !can_act_as_sender(actor, found->from_org))
    return refused(Error::forbidden("Only the sending caseworkers make respond links."));
  if (found->status == Status::draft)
    return refused(Error::conflict("referral-not-sent", "Send the referral first."));
  auto expires = ports.store.respond_link_expiry(id);
  if (expires && *expires <= now)
    return refused(Error::conflict("referral-ended", "The referral ended more than 30 days ago."));
  auto token = ports.notices.new_respond_link(id, now);
  if (!token)
    return refused(
        Error::invalid_field("to_organization_id", "is not an organisation without accounts"));
  ports.audit.record("referral.respond_link", "referral", id);
  return Out{RespondLinkIssued{std::move(*token), expires}, std::nullopt};
}

}  // namespace enlace::core
