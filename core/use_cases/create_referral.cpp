// Creating a referral: see create_referral.hpp.
#include "core/use_cases/create_referral.hpp"

#include "core/access_policy.hpp"
#include "core/use_cases/send_referral.hpp"

namespace enlace::core {

namespace {

// The addressee: a known organisation, and the service (when named) one of its own that
// offers the category.
Result<std::optional<TargetService>> check_target(ReferralStore& store,
                                                  const ReferralRequest& r) {
  if (!store.organization_exists(r.to_organization_id))
    return Error::invalid_field("to_organization_id", "is not a known organisation");
  if (!r.service_id) return std::optional<TargetService>{};
  auto s = store.find_service(*r.service_id);
  if (!s || s->listing.organization_id != r.to_organization_id)
    return Error::invalid_field("service_id", "is not a service of the receiving organisation");
  if (s->listing.category != r.category)
    return Error::invalid_field("service_id", "does not offer this category");
  return s;
}

std::vector<ServiceWarning> service_warnings(const TargetService& s) {
  std::vector<ServiceWarning> w;
  if (!s.listing.accepting || s.listing.status != ServiceStatus::active)
    w.push_back({ServiceWarning::Kind::not_accepting, s.id, 0});
  if (s.listing.expected_wait_days && *s.listing.expected_wait_days > 0)
    w.push_back({ServiceWarning::Kind::wait, "", *s.listing.expected_wait_days});
  return w;
}

}  // namespace

std::optional<PreparedSending> prepare_referral(SendingReads& reads, const Actor& actor,
                                               const ReferralDraft& draft, Timestamp now) {
  if (!can_send_referral(actor, actor.organization_id)) return std::nullopt;
  auto request = make_referral_request(draft, reads.known_categories(), now);
  if (!request || request->status != Status::requested) return std::nullopt;
  auto the_case = reads.find_case(actor, request->case_id);
  if (!the_case || !check_case_open(*the_case)) return std::nullopt;
  auto needs = choose_needs(the_case->file, *request);
  if (!needs) return std::nullopt;
  auto terms = send_referral(reads, *the_case,
                             {request->to_organization_id, request->category, request->urgency,
                              request->legal_basis, request->shared_fields, *needs,
                              request->respond_by},
                             now);
  if (!terms) return std::nullopt;
  auto basis = reads.sending_basis(actor, request->case_id);
  if (!basis || basis->case_version != the_case->version) return std::nullopt;
  return PreparedSending{request->case_id, std::move(*basis), std::nullopt, std::move(*needs),
                         std::move(*terms)};
}

Result<Refusable<ReferralCreated>> create_referral(const ReferralPorts& ports,
                                                   const Actor& actor,
                                                   const ReferralDraft& draft,
                                                   const std::string& id, Timestamp now,
                                                   const PreparedSending* prepared) {
  using Out = Refusable<ReferralCreated>;
  ReferralStore& store = ports.store;
  if (!can_send_referral(actor, actor.organization_id)) {
    ports.audit.record("referral.create", "referral", "", "denied");
    return Out::refuse(Error::forbidden("Only caseworkers send referrals."));
  }
  auto request = make_referral_request(draft, store.known_categories(), now);
  if (!request) return request.error();
  const bool sent = request->status == Status::requested;
  // Sending decided on a read snapshot before this write stands while nothing it relied on
  // changed (then the case was found, open, and its needs and terms were decided); else the
  // case is read and sending decided here.
  const bool ready = sent && prepared && prepared_still_holds(store, actor, *prepared,
                                                              request->case_id);
  std::optional<CaseForReferral> the_case;
  if (!ready) {
    auto found = store.find_case(actor, request->case_id);
    if (!found) {
      ports.audit.record("referral.create", "case", request->case_id, "not_found");
      return Out::refuse(Error::invalid_field("case_id", "is not a case of your organisation"));
    }
    // Before the addressee: a closed case is refused whatever else the form says, drafts too.
    if (auto open = check_case_open(*found); !open) return open.error();
    the_case = std::move(*found);
  }
  auto target = check_target(store, *request);
  if (!target) return target.error();
  auto needs =
      ready ? Result<NeedsChoice>(prepared->needs) : choose_needs(the_case->file, *request);
  if (!needs) return needs.error();

  NewReferral n;
  n.id = id;
  n.case_id = request->case_id;
  n.from_org = actor.organization_id;
  n.to_org = request->to_organization_id;
  n.service_id = request->service_id;
  n.category = request->category;
  n.urgency = request->urgency;
  n.reason = request->reason;
  n.status = request->status;
  n.legal_basis = request->legal_basis;
  if (!request->justification.empty()) n.justification = request->justification;
  n.shared_fields = request->shared_fields;
  n.needs_choice = std::move(*needs);
  n.respond_by = request->respond_by;
  if (sent) {
    auto terms = ready ? Result<SendingTerms>(prepared->terms)
                       : send_referral(store, *the_case,
                                       {n.to_org, n.category, n.urgency, n.legal_basis,
                                        n.shared_fields, n.needs_choice, n.respond_by},
                                       now);
    if (!terms) return terms.error();
    n.consent_id = std::move(terms->consent_id);
    n.snapshot = std::move(terms->snapshot);
    n.respond_by = terms->respond_by;
  }
  auto saved = store.insert_referral(actor, n, now);
  if (!saved) return saved.error();
  ports.audit.record("referral.create", "referral", id);
  if (n.legal_basis == LegalBasis::vital_interest)
    ports.audit.record("referral.vital_interest", "referral", id);

  ReferralCreated c;
  if (sent) c.saved.tracking = ports.notices.referral_sent(id, now);
  c.saved.referral = std::move(*saved);
  c.saved.history = store.history(c.saved.referral);
  if (*target) c.warnings = service_warnings(**target);
  // A draft is the sender's alone until it is sent.
  ports.notices.referral_changed({"referral.created", id, n.from_org, sent ? n.to_org : "",
                                  c.saved.referral.status, c.saved.referral.version},
                                 now, actor.user_id);
  return Out{std::move(c), std::nullopt};
}

}  // namespace enlace::core
