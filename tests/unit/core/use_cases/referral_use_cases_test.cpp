// The referral use cases on in-memory ports: the rules of creating, sending and moving a
// referral, and the audit event each success and each refusal leaves, without a server or a
// database (the integration suites check the same over HTTP with SQLite).
#include "core/use_cases/create_referral.hpp"
#include "core/use_cases/issue_respond_link.hpp"
#include "core/use_cases/read_referral.hpp"
#include "core/use_cases/referral_alternatives.hpp"
#include "core/use_cases/referral_messages.hpp"
#include "core/use_cases/referral_pages.hpp"
#include "core/use_cases/review_referral.hpp"
#include "core/use_cases/transition_referral.hpp"

#include "unit/core/use_cases/memory_referral_ports.hpp"
#include "unit/core/test_support.hpp"

#include <chrono>

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::MemoryAuditTrail;
using testing::MemoryReferralNotices;
using testing::MemoryReferralStore;
using testing::names_field;
using testing::RecordedAudit;

class ReferralUseCases : public ::testing::Test {
 protected:
  MemoryReferralStore store;
  MemoryAuditTrail audit;
  MemoryReferralNotices notices;
  ReferralPorts ports{store, audit, notices};
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor caseworker{"u-cw", "org-a", {Role::caseworker}, ""};
  Actor admin_a{"u-adm", "org-a", {Role::org_admin}, ""};
  Actor partner{"u-p", "org-b", {Role::partner}, ""};
  Actor stranger{"u-x", "org-c", {Role::caseworker}, ""};

  void SetUp() override {
    notices.external_receivers = &store.external_receivers;
    store.organizations = {"org-a", "org-b", "org-c"};
    Person ana{"Ana", "Pérez", {}, Sex::female, *CountryCode::parse("VE"), {}, {}, ""};
    CaseFile file{ana, "t-1", {}, {{"shelter", Urgency::high, "a bed tonight"}}, "",
                  CaseStatus::open};
    std::vector<Consent> consents{Consent{"consent-1", ConsentMethod::verbal, {"shelter"},
                                          {"org-b"}, now - 24h, now + 24h * 300, std::nullopt}};
    store.cases.emplace("case-1",
                        CaseForReferral{"case-1", "org-a", "t-1", file, consents, 1});
  }

  ReferralDraft draft(const char* status = "requested") {
    ReferralDraft d;
    d.case_id = "case-1";
    d.to_organization_id = "org-b";
    d.category = "shelter";
    d.urgency = "normal";
    d.reason = "Needs a bed tonight.";
    d.shared_fields = std::vector<std::string>{"given_name", "needs"};
    d.status = status;
    return d;
  }

  // A referral created (as `status`) through the use case, its id "ref-1".
  ReferralRecord created(const char* status) {
    auto c = create_referral(ports, caseworker, draft(status), "ref-1", now);
    EXPECT_TRUE(c.has_value() && c->value) << (c ? "refused" : c.error().detail);
    audit.events.clear();
    notices.events.clear();
    notices.sent.clear();
    return store.referrals.at("ref-1");
  }

  TransitionRequest move(Status to, std::int64_t version) {
    TransitionRequest m;
    m.referral_id = "ref-1";
    m.version = version;
    m.to = to;
    return m;
  }
};

// ---- create_referral and send_referral ------------------------------------------------------

TEST_F(ReferralUseCases, SendingFreezesTheChosenFieldsUnderTheConsentAndSetsTheDeadline) {
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  ASSERT_TRUE(r->value);
  const ReferralRecord& saved = r->value->saved.referral;
  EXPECT_EQ(saved.status, Status::requested);
  EXPECT_EQ(saved.consent_id, "consent-1");
  // Normal urgency: 72 hours by the default response standards.
  EXPECT_EQ(saved.respond_by, now + 72h);
  const SharedSnapshot& snap = store.snapshots.at("ref-1");
  EXPECT_EQ(snap.given_name, "Ana");
  EXPECT_FALSE(snap.family_name) << "not chosen, not shared";
  ASSERT_TRUE(snap.needs);
  EXPECT_EQ(snap.needs->at(0).category, "shelter");
  ASSERT_TRUE(r->value->saved.tracking);
  EXPECT_EQ(notices.sent, std::vector<std::string>{"ref-1"});
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.create", "referral", "ref-1", "ok"}}));
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].type, "referral.created");
  EXPECT_EQ(notices.events[0].receiver, "org-b");
  EXPECT_EQ(r->value->saved.history.size(), 1u);
}

TEST_F(ReferralUseCases, ADraftIsTheSendersAloneAndFreezesNothing) {
  auto r = create_referral(ports, caseworker, draft("draft"), "ref-1", now);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(r->value->saved.referral.status, Status::draft);
  EXPECT_FALSE(r->value->saved.tracking);
  EXPECT_EQ(store.snapshots.count("ref-1"), 0u);
  EXPECT_FALSE(store.referrals.at("ref-1").consent_id);
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].receiver, "") << "the receiver hears nothing of a draft";
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.create", "referral", "ref-1", "ok"}}));
}

TEST_F(ReferralUseCases, ARespondByStillAheadIsKept) {
  auto d = draft();
  d.respond_by = "2026-12-07T09:00:00Z";
  auto r = create_referral(ports, caseworker, d, "ref-1", now);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(r->value->saved.referral.respond_by, at("2026-12-07T09:00:00Z"));
}

TEST_F(ReferralUseCases, SendingWithoutACoveringConsentIsRefusedAndLeavesNothing) {
  store.cases.at("case-1").consents.clear();
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "consent"));
  EXPECT_TRUE(store.referrals.empty());
  EXPECT_TRUE(audit.events.empty()) << "an error rolls back; nothing is recorded before it";
  EXPECT_TRUE(notices.events.empty());
  EXPECT_TRUE(notices.sent.empty());
}

TEST_F(ReferralUseCases, AConsentForAnotherOrganisationDoesNotCover) {
  store.cases.at("case-1").consents[0].organizations = {"org-c"};
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "consent"));
}

TEST_F(ReferralUseCases, ADraftNeedsNoConsentYet) {
  store.cases.at("case-1").consents.clear();
  auto r = create_referral(ports, caseworker, draft("draft"), "ref-1", now);
  ASSERT_TRUE(r.has_value() && r->value);
}

TEST_F(ReferralUseCases, OnlyCaseworkersSendAndTheDenialIsAudited) {
  auto r = create_referral(ports, partner, draft(), "ref-1", now);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::forbidden);
  EXPECT_TRUE(store.referrals.empty());
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.create", "referral", "", "denied"}}));
}

TEST_F(ReferralUseCases, ACaseOfAnotherOrganisationIsNotFoundAndAudited) {
  auto r = create_referral(ports, stranger, draft(), "ref-1", now);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->refused);
  EXPECT_TRUE(names_field(*r->refused, "case_id"));
  EXPECT_TRUE(store.referrals.empty());
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.create", "case", "case-1", "not_found"}}));
}

TEST_F(ReferralUseCases, AClosedCaseIsNotReferredEvenAsADraft) {
  store.cases.at("case-1").file.status = CaseStatus::closed;
  for (const char* status : {"requested", "draft"}) {
    auto r = create_referral(ports, caseworker, draft(status), "ref-1", now);
    ASSERT_FALSE(r.has_value()) << status;
    EXPECT_EQ(r.error().code, ErrorCode::conflict);
    EXPECT_EQ(r.error().type, "case-closed");
  }
  EXPECT_TRUE(store.referrals.empty());
}

TEST_F(ReferralUseCases, TheServiceMustBeTheReceiversAndOfferTheCategory) {
  ServiceListing l;
  l.organization_id = "org-c";
  l.category = "shelter";
  store.services["svc-c"] = {"svc-c", l};
  l.organization_id = "org-b";
  l.category = "legal";
  store.services["svc-legal"] = {"svc-legal", l};
  for (const char* svc : {"svc-c", "svc-legal", "svc-unknown"}) {
    auto d = draft();
    d.service_id = svc;
    auto r = create_referral(ports, caseworker, d, "ref-1", now);
    ASSERT_FALSE(r.has_value()) << svc;
    EXPECT_TRUE(names_field(r.error(), "service_id")) << svc;
  }
  auto d = draft();
  d.to_organization_id = "org-unknown";
  auto r = create_referral(ports, caseworker, d, "ref-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "to_organization_id"));
  EXPECT_TRUE(store.referrals.empty());
}

TEST_F(ReferralUseCases, AServiceNotAcceptingOrWithAWaitIsSentWithWarnings) {
  ServiceListing l;
  l.organization_id = "org-b";
  l.category = "shelter";
  l.accepting = false;
  l.expected_wait_days = 5;
  store.services["svc-b"] = {"svc-b", l};
  auto d = draft();
  d.service_id = "svc-b";
  auto r = create_referral(ports, caseworker, d, "ref-1", now);
  ASSERT_TRUE(r.has_value() && r->value);
  const auto& w = r->value->warnings;
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].kind, ServiceWarning::Kind::not_accepting);
  EXPECT_EQ(w[0].service_id, "svc-b");
  EXPECT_EQ(w[1].kind, ServiceWarning::Kind::wait);
  EXPECT_EQ(w[1].days, 5);
}

TEST_F(ReferralUseCases, AVitalInterestReferralLeavesASecondEventForTheReview) {
  store.cases.at("case-1").consents.clear();
  auto d = draft();
  d.urgency = "emergency";
  d.legal_basis = "vital_interest";
  d.justification = "Unconscious after a fall, cannot consent; needs a shelter bed now.";
  auto r = create_referral(ports, caseworker, d, "ref-1", now);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  ASSERT_TRUE(r->value);
  EXPECT_FALSE(r->value->saved.referral.consent_id);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.create", "referral", "ref-1", "ok"},
                              {"referral.vital_interest", "referral", "ref-1", "ok"}}));
}

// ---- transition_referral --------------------------------------------------------------------

TEST_F(ReferralUseCases, SendingADraftGoesThroughTheSameRulesAtTheMomentOfSending) {
  created("draft");
  // The case changed after the draft was written: the snapshot is frozen from it now.
  store.cases.at("case-1").file.person.given_name = "Ana María";
  const Timestamp later = now + 2h;
  auto r = transition_referral(ports, caseworker, move(Status::requested, 1), later);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  ASSERT_TRUE(r->value);
  const ReferralRecord& saved = r->value->referral;
  EXPECT_EQ(saved.status, Status::requested);
  EXPECT_EQ(saved.version, 2);
  EXPECT_EQ(saved.consent_id, "consent-1");
  EXPECT_EQ(saved.respond_by, later + 72h);
  EXPECT_EQ(store.snapshots.at("ref-1").given_name, "Ana María");
  ASSERT_TRUE(r->value->tracking);
  EXPECT_EQ(notices.sent, std::vector<std::string>{"ref-1"});
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.transition", "referral", "ref-1", "ok"}}));
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].type, "referral.updated");
  EXPECT_EQ(notices.events[0].receiver, "org-b");
  EXPECT_EQ(notices.events[0].version, 2);
}

TEST_F(ReferralUseCases, SendingADraftWhoseConsentWasWithdrawnIsRefusedAndAudited) {
  created("draft");
  store.cases.at("case-1").consents[0].withdrawn_at = now + 1h;
  auto r = transition_referral(ports, caseworker, move(Status::requested, 1), now + 2h);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->refused);
  EXPECT_TRUE(names_field(*r->refused, "consent"));
  EXPECT_EQ(store.referrals.at("ref-1").status, Status::draft);
  EXPECT_EQ(store.snapshots.count("ref-1"), 0u);
  EXPECT_TRUE(notices.sent.empty());
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "invalid"}}));
}

TEST_F(ReferralUseCases, SendingADraftOfAClosedCaseIsAConflict) {
  created("draft");
  store.cases.at("case-1").file.status = CaseStatus::closed;
  auto r = transition_referral(ports, caseworker, move(Status::requested, 1), now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->type, "case-closed");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "conflict"}}));
}

// ---- sending prepared on a read snapshot before the write ----------------------------------

TEST_F(ReferralUseCases, SendingPreparedBeforeTheWriteIsStoredAsTheWriteWouldDecideIt) {
  auto prepared = prepare_referral(store, caseworker, draft(), now);
  ASSERT_TRUE(prepared);
  store.case_reads = 0;
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now, &*prepared);
  ASSERT_TRUE(r.has_value() && r->value) << (r ? "refused" : r.error().detail);
  EXPECT_EQ(store.case_reads, 0) << "the write only checked the basis";
  const ReferralRecord& saved = r->value->saved.referral;
  EXPECT_EQ(saved.consent_id, "consent-1");
  EXPECT_EQ(saved.respond_by, now + 72h);
  EXPECT_EQ(store.snapshots.at("ref-1").given_name, "Ana");
  ASSERT_TRUE(r->value->saved.tracking);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.create", "referral", "ref-1", "ok"}}));
}

TEST_F(ReferralUseCases, NothingIsPreparedForADraftOrWhatTheWriteWouldRefuse) {
  EXPECT_FALSE(prepare_referral(store, caseworker, draft("draft"), now));
  EXPECT_FALSE(prepare_referral(store, partner, draft(), now));
  EXPECT_FALSE(prepare_referral(store, stranger, draft(), now));
  store.cases.at("case-1").consents.clear();
  EXPECT_FALSE(prepare_referral(store, caseworker, draft(), now));
  EXPECT_TRUE(audit.events.empty()) << "preparing records nothing: the write does";
}

TEST_F(ReferralUseCases, AConsentWithdrawnBetweenPrepareAndWriteRefusesTheReferralAsBefore) {
  auto prepared = prepare_referral(store, caseworker, draft(), now);
  ASSERT_TRUE(prepared);
  store.cases.at("case-1").consents[0].withdrawn_at = now - 1min;
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now, &*prepared);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "consent"));
  EXPECT_TRUE(store.referrals.empty());
  EXPECT_TRUE(audit.events.empty());
  EXPECT_TRUE(notices.sent.empty());
}

TEST_F(ReferralUseCases, ACaseEditedBetweenPrepareAndWriteIsSentAsItIsNow) {
  auto prepared = prepare_referral(store, caseworker, draft(), now);
  ASSERT_TRUE(prepared);
  CaseForReferral& c = store.cases.at("case-1");
  c.file.person.given_name = "Ana María";
  c.version += 1;
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now, &*prepared);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(store.snapshots.at("ref-1").given_name, "Ana María");

  // Closed in between: the conflict of a closed case, as without preparing.
  store.referrals.clear();
  prepared = prepare_referral(store, caseworker, draft(), now);
  ASSERT_TRUE(prepared);
  c.file.status = CaseStatus::closed;
  c.version += 1;
  auto closed = create_referral(ports, caseworker, draft(), "ref-2", now, &*prepared);
  ASSERT_FALSE(closed.has_value());
  EXPECT_EQ(closed.error().type, "case-closed");
  EXPECT_EQ(store.referrals.count("ref-2"), 0u);
}

TEST_F(ReferralUseCases, ResponseStandardsChangedBetweenPrepareAndWriteSetTheDeadline) {
  auto prepared = prepare_referral(store, caseworker, draft(), now);
  ASSERT_TRUE(prepared);
  store.standards.hours[Urgency::normal] = 48;
  store.standards_version += 1;
  auto r = create_referral(ports, caseworker, draft(), "ref-1", now, &*prepared);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(r->value->saved.referral.respond_by, now + 48h);
}

TEST_F(ReferralUseCases, SendingADraftPreparedBeforeTheWriteChecksItAtTheWrite) {
  created("draft");
  const Timestamp later = now + 2h;
  auto prepared = prepare_transition(store, caseworker, move(Status::requested, 1), later);
  ASSERT_TRUE(prepared);
  EXPECT_FALSE(prepare_transition(store, caseworker, move(Status::requested, 2), later))
      << "a version the draft does not have";
  EXPECT_FALSE(prepare_transition(store, partner, move(Status::requested, 1), later));
  store.case_reads = 0;
  auto r = transition_referral(ports, caseworker, move(Status::requested, 1), later, &*prepared);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(store.case_reads, 0);
  EXPECT_EQ(r->value->referral.respond_by, later + 72h);
  EXPECT_EQ(store.snapshots.at("ref-1").given_name, "Ana");
}

TEST_F(ReferralUseCases, ADraftWhoseConsentIsWithdrawnAfterPreparingIsRefusedAndAudited) {
  created("draft");
  auto prepared = prepare_transition(store, caseworker, move(Status::requested, 1), now + 2h);
  ASSERT_TRUE(prepared);
  store.cases.at("case-1").consents[0].withdrawn_at = now + 1h;
  auto r = transition_referral(ports, caseworker, move(Status::requested, 1), now + 2h,
                               &*prepared);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_TRUE(names_field(*r->refused, "consent"));
  EXPECT_EQ(store.referrals.at("ref-1").status, Status::draft);
  EXPECT_TRUE(notices.sent.empty());
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "invalid"}}));
}

TEST_F(ReferralUseCases, AStaleVersionIsRefusedAndAudited) {
  created("requested");
  auto r = transition_referral(ports, partner, move(Status::accepted, 7), now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::stale);
  EXPECT_EQ(store.referrals.at("ref-1").status, Status::requested);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "stale"}}));
}

TEST_F(ReferralUseCases, AMoveTheTableDoesNotHaveIsAConflictAndAudited) {
  created("requested");
  auto m = move(Status::completed, 1);
  m.input.outcome_code = OutcomeCode::service_provided;
  auto r = transition_referral(ports, partner, m, now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::conflict);
  EXPECT_EQ(r->refused->type, "illegal-transition");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "conflict"}}));
}

TEST_F(ReferralUseCases, AReferralOfOtherOrganisationsIsNotFoundAndAudited) {
  created("requested");
  Actor other_partner{"u-q", "org-c", {Role::partner}, ""};
  auto r = transition_referral(ports, other_partner, move(Status::accepted, 1), now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "not_found"}}));
}

TEST_F(ReferralUseCases, TheReceiverDoesNotSeeADraft) {
  created("draft");
  auto r = transition_referral(ports, partner, move(Status::accepted, 1), now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
}

TEST_F(ReferralUseCases, TheSendingOrgAdminReadsButMovesNothing) {
  created("requested");
  auto m = move(Status::cancelled, 1);
  m.input.reason = "Found a place elsewhere.";
  auto r = transition_referral(ports, admin_a, m, now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::forbidden);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.transition", "referral", "ref-1", "denied"}}));
}

TEST_F(ReferralUseCases, AcceptingStartsTheOutcomeClock) {
  created("requested");
  auto r = transition_referral(ports, partner, move(Status::accepted, 1), now + 1h);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(r->value->referral.status, Status::accepted);
  // Normal urgency: 30 days by the default response standards.
  EXPECT_EQ(r->value->referral.outcome_by, now + 1h + 24h * 30);
  EXPECT_FALSE(r->value->tracking);
  EXPECT_TRUE(notices.sent.empty()) << "only sending issues tracking";
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.transition", "referral", "ref-1", "ok"}}));
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].status, Status::accepted);
}

TEST_F(ReferralUseCases, OnBehalfIsOnlyForAnExternalReceiverAndAuditedAsSuch) {
  created("requested");
  auto m = move(Status::accepted, 1);
  m.on_behalf = true;
  auto r = transition_referral(ports, caseworker, m, now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_TRUE(names_field(*r->refused, "on_behalf"));
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{
                {"referral.transition_on_behalf", "referral", "ref-1", "invalid"}}));

  audit.events.clear();
  store.external_receivers.insert("ref-1");
  auto ok = transition_referral(ports, caseworker, m, now);
  ASSERT_TRUE(ok.has_value() && ok->value);
  EXPECT_EQ(ok->value->referral.status, Status::accepted);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{
                {"referral.transition_on_behalf", "referral", "ref-1", "ok"}}));
}

TEST_F(ReferralUseCases, OnlyTheSenderRecordsOnBehalf) {
  created("requested");
  store.external_receivers.insert("ref-1");
  auto m = move(Status::accepted, 1);
  m.on_behalf = true;
  auto r = transition_referral(ports, partner, m, now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::forbidden);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{
                {"referral.transition_on_behalf", "referral", "ref-1", "denied"}}));
}

// ---- review_referral and referral_alternatives ---------------------------------------------

TEST_F(ReferralUseCases, TheSendingAdminReviewsAVitalInterestReferralOnce) {
  auto d = draft();
  d.urgency = "emergency";
  d.legal_basis = "vital_interest";
  d.justification = "Unconscious after a fall, cannot consent; needs a shelter bed now.";
  ASSERT_TRUE(create_referral(ports, caseworker, d, "ref-1", now).has_value());
  audit.events.clear();

  auto denied = review_referral(ports, caseworker, "ref-1", now);
  ASSERT_TRUE(denied.has_value() && denied->refused);
  EXPECT_EQ(denied->refused->code, ErrorCode::forbidden);
  auto ok = review_referral(ports, admin_a, "ref-1", now + 1h);
  ASSERT_TRUE(ok.has_value() && ok->value);
  EXPECT_EQ(ok->value->referral.reviewed_at, now + 1h);
  auto again = review_referral(ports, admin_a, "ref-1", now + 2h);
  ASSERT_TRUE(again.has_value() && again->refused);
  EXPECT_EQ(again->refused->code, ErrorCode::conflict);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.review", "referral", "ref-1", "denied"},
                              {"referral.review", "referral", "ref-1", "ok"},
                              {"referral.review", "referral", "ref-1", "conflict"}}));
}

TEST_F(ReferralUseCases, AlternativesAreOpenServicesOfOtherOrganisationsForTheSenderOnly) {
  created("requested");
  auto listing = [](const char* org, bool accepting) {
    ServiceListing l;
    l.organization_id = org;
    l.category = "shelter";
    l.territory_ids = {"t-1"};
    l.accepting = accepting;
    return l;
  };
  store.services["svc-b"] = {"svc-b", listing("org-b", true)};      // turned them away
  store.services["svc-c"] = {"svc-c", listing("org-c", true)};
  store.services["svc-full"] = {"svc-full", listing("org-c", false)};
  auto r = referral_alternatives(ports, caseworker, "ref-1");
  ASSERT_TRUE(r.has_value() && r->value);
  ASSERT_EQ(r->value->size(), 1u);
  EXPECT_EQ(r->value->at(0).id, "svc-c");
  EXPECT_TRUE(audit.events.empty()) << "a success is not audited";

  auto receiver = referral_alternatives(ports, partner, "ref-1");
  ASSERT_TRUE(receiver.has_value() && receiver->refused);
  EXPECT_EQ(receiver->refused->code, ErrorCode::forbidden);
  auto unseen = referral_alternatives(ports, stranger, "ref-1");
  ASSERT_TRUE(unseen.has_value() && unseen->refused);
  EXPECT_EQ(unseen->refused->code, ErrorCode::not_found);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.alternatives", "referral", "ref-1", "denied"},
                              {"referral.alternatives", "referral", "ref-1", "not_found"}}));
}

// ---- read_referral ---------------------------------------------------------------------------

TEST_F(ReferralUseCases, EachSideReadsItsViewAndOnlyTheSenderGetsTheTrackingCode) {
  created("requested");
  auto sender = read_referral(ports, caseworker, "ref-1");
  ASSERT_TRUE(sender.has_value() && sender->value);
  EXPECT_EQ(sender->value->referral.case_id, "case-1");
  EXPECT_EQ(sender->value->tracking_code, "TRK-ref-1");
  EXPECT_EQ(sender->value->history.size(), 1u);
  auto receiver = read_referral(ports, partner, "ref-1");
  ASSERT_TRUE(receiver.has_value() && receiver->value);
  EXPECT_FALSE(receiver->value->referral.case_id);
  EXPECT_FALSE(receiver->value->tracking_code);
  auto third = read_referral(ports, stranger, "ref-1");
  ASSERT_TRUE(third.has_value() && third->refused);
  EXPECT_EQ(third->refused->code, ErrorCode::not_found);
  EXPECT_EQ(store.referrals.at("ref-1").status, Status::requested) << "a read is no receipt";
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.read", "referral", "ref-1", "ok"},
                              {"referral.read", "referral", "ref-1", "ok"},
                              {"referral.read", "referral", "ref-1", "not_found"}}));
}

// ---- issue_respond_link ----------------------------------------------------------------------

TEST_F(ReferralUseCases, TheSenderMakesARespondLinkOnlyForASentReferralToAnExternalReceiver) {
  created("requested");
  auto with_accounts = issue_respond_link(ports, caseworker, "ref-1", now);
  ASSERT_TRUE(with_accounts.has_value() && with_accounts->refused);
  EXPECT_TRUE(names_field(*with_accounts->refused, "to_organization_id"));
  store.external_receivers.insert("ref-1");
  auto receiver = issue_respond_link(ports, partner, "ref-1", now);
  ASSERT_TRUE(receiver.has_value() && receiver->refused);
  EXPECT_EQ(receiver->refused->code, ErrorCode::forbidden);
  auto ok = issue_respond_link(ports, caseworker, "ref-1", now);
  ASSERT_TRUE(ok.has_value() && ok->value);
  EXPECT_EQ(ok->value->token, "token-ref-1");
  EXPECT_FALSE(ok->value->expires_at);
  store.link_expiry["ref-1"] = now - 1h;
  auto ended = issue_respond_link(ports, caseworker, "ref-1", now);
  ASSERT_TRUE(ended.has_value() && ended->refused);
  EXPECT_EQ(ended->refused->type, "referral-ended");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.respond_link", "referral", "ref-1", "invalid"},
                              {"referral.respond_link", "referral", "ref-1", "denied"},
                              {"referral.respond_link", "referral", "ref-1", "ok"},
                              {"referral.respond_link", "referral", "ref-1", "conflict"}}));
}

TEST_F(ReferralUseCases, ADraftHasNoRespondLinkYet) {
  created("draft");
  store.external_receivers.insert("ref-1");
  auto r = issue_respond_link(ports, caseworker, "ref-1", now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->type, "referral-not-sent");
}

// ---- the thread ------------------------------------------------------------------------------

TEST_F(ReferralUseCases, BothSidesWriteAndReadTheThreadAndEachReadIsAudited) {
  created("requested");
  auto posted = post_referral_message(ports, partner, "ref-1", "msg-1", "We have a bed.", now);
  ASSERT_TRUE(posted.has_value() && posted->value);
  EXPECT_EQ(posted->value->author_org, "org-b");
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].type, "referral.message");
  EXPECT_EQ(notices.events[0].receiver, "org-b");
  auto read = read_referral_messages(ports, caseworker, "ref-1", 0, 50);
  ASSERT_TRUE(read.has_value() && read->value);
  ASSERT_EQ(read->value->size(), 1u);
  EXPECT_EQ(read->value->at(0).body, "We have a bed.");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.message", "referral_message", "msg-1", "ok"},
                              {"referral.messages.read", "referral", "ref-1", "ok"}}));
}

TEST_F(ReferralUseCases, AThirdOrganisationNeitherWritesNorReadsTheThread) {
  created("requested");
  Actor other_partner{"u-q", "org-c", {Role::partner}, ""};
  auto posted = post_referral_message(ports, other_partner, "ref-1", "msg-1", "Hello.", now);
  ASSERT_TRUE(posted.has_value() && posted->refused);
  EXPECT_EQ(posted->refused->code, ErrorCode::not_found);
  auto read = read_referral_messages(ports, other_partner, "ref-1", 0, 50);
  ASSERT_TRUE(read.has_value() && read->refused);
  EXPECT_TRUE(store.thread["ref-1"].empty());
  EXPECT_TRUE(notices.events.empty());
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.message", "referral", "ref-1", "not_found"},
                              {"referral.messages.read", "referral", "ref-1", "not_found"}}));
}

TEST_F(ReferralUseCases, AMessageOnADraftIsTheSendersAlone) {
  created("draft");
  auto posted = post_referral_message(ports, caseworker, "ref-1", "msg-1", "Note to self.", now);
  ASSERT_TRUE(posted.has_value() && posted->value);
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].receiver, "");
}

TEST_F(ReferralUseCases, ABoxPageLeavesOneEventNamingTheReferralsShown) {
  record_referral_page(audit, {"r-1", "r-2"});
  EXPECT_TRUE(audit.events.empty());
  EXPECT_EQ(audit.listings, (std::vector<testing::RecordedListing>{
                                {"referral.list", "referral", {"r-1", "r-2"}}}));
}

}  // namespace
}  // namespace enlace::core
