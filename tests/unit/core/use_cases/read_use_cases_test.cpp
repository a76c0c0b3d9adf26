// The read-side use cases of coordination and operations on in-memory readers: the gap report
// (who sees it, in which scope, its event), the audit log (only an auditor, the event of each
// access), the event stream's replay (in the actor's scope, in batches) and the backlog
// /metrics reports.
#include "core/use_cases/audit_log.hpp"
#include "core/use_cases/gap_report.hpp"
#include "core/use_cases/live_events.hpp"
#include "core/use_cases/operations.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAuditTrail;
using testing::RecordedAudit;

const Actor kCoordinator{"u-coord", "org-c", {Role::coordinator}, ""};
const Actor kAdminA{"u-admin-a", "org-a", {Role::org_admin}, ""};
const Actor kCaseworkerA{"u-cw-a", "org-a", {Role::caseworker}, ""};
const Actor kPartnerA{"u-partner-a", "org-a", {Role::partner}, ""};
const Actor kAuditor{"u-audit", "", {Role::auditor}, ""};
const Actor kSystemAdmin{"u-sys", "", {Role::system_admin}, ""};

class MemoryGapReports final : public GapReportReader {
 public:
  std::vector<GapScope> scopes;  // as asked
  Result<GapReport> gather(const GapScope& scope, const GapQuery& query, Timestamp) override {
    scopes.push_back(scope);
    if (query.territory_id == "t-none") return Error::invalid_field("territory", "does not exist");
    GapReport r;
    r.query = query;
    CategoryFigures shelter;
    shelter.category = "shelter";
    shelter.demand = 3;  // under the publication threshold: suppressed
    r.categories.push_back(shelter);
    return r;
  }
};

TEST(GapReportUseCase, ACoordinatorCountsTheNetworkAnOrgAdminTheirOwnAndNobodyElse) {
  MemoryGapReports reader;
  Timestamp now = at("2026-12-06T10:00:00Z");
  GapQueryDraft draft;
  draft.territory = "t-quito";
  auto network = read_gap_report(reader, kCoordinator, draft, now);
  ASSERT_TRUE(network.has_value()) << network.error().detail;
  auto own = read_gap_report(reader, kAdminA, draft, now);
  ASSERT_TRUE(own.has_value());
  ASSERT_EQ(reader.scopes.size(), 2u);
  EXPECT_FALSE(reader.scopes[0].organization_id.has_value());
  EXPECT_EQ(reader.scopes[1].organization_id, "org-a");
  EXPECT_EQ(own->query.territory_id, "t-quito");
  ASSERT_EQ(own->report.categories.size(), 1u);
  EXPECT_TRUE(own->report.categories[0].demand.is_suppressed());  // published: 3 is "<5"

  for (const Actor* a : {&kCaseworkerA, &kPartnerA, &kAuditor}) {
    auto denied = read_gap_report(reader, *a, draft, now);
    ASSERT_FALSE(denied.has_value());
    EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
    EXPECT_EQ(denied.error().detail, "Only coordinators and organisation admins see the gap report.");
  }
  EXPECT_EQ(reader.scopes.size(), 2u);  // nothing read for them

  GapQueryDraft unknown;
  unknown.territory = "t-none";
  EXPECT_EQ(read_gap_report(reader, kCoordinator, unknown, now).error().code, ErrorCode::invalid);
  GapQueryDraft backwards;
  backwards.from = "2026-12-01";
  backwards.to = "2026-11-01";
  EXPECT_EQ(read_gap_report(reader, kCoordinator, backwards, now).error().code, ErrorCode::invalid);
  EXPECT_EQ(reader.scopes.size(), 3u);  // the bad period never reached the reader

  MemoryAuditTrail audit;
  record_gap_report_read(audit, own->query);
  GapQuery whole = own->query;
  whole.territory_id.reset();
  record_gap_report_read(audit, whole);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"stats.gaps", "gap_report", "t-quito", "ok"},
                                                      {"stats.gaps", "gap_report", "", "ok"}}));
}

class MemoryAuditLog final : public AuditLogReader {
 public:
  int reads = 0;
  Result<std::vector<AuditRow>> events(const Actor&, const AuditFilter& f) override {
    ++reads;
    std::vector<AuditRow> rows;
    for (std::int64_t seq = 3; seq >= 1 && static_cast<int>(rows.size()) <= f.limit; --seq)
      rows.push_back({seq, {}, "", ""});
    return rows;
  }
  ChainReport verify_chain(const std::string& expect_head) override {
    ++reads;
    ChainReport r;
    r.events = 3;
    r.head = expect_head.empty() ? "h3" : expect_head;
    return r;
  }
  ChainHead chain_head() override { return {3, "h3", false}; }
};

TEST(AuditLogUseCases, OnlyAnAuditorReadsOrVerifiesAndEachAccessHasItsEvent) {
  MemoryAuditLog reader;
  AuditFilter f;
  f.limit = 1;
  auto rows = read_audit_log(reader, kAuditor, AuditAccess::read, f);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(rows->size(), 2u);  // limit + 1: "more"
  auto report = verify_audit_log(reader, kAuditor, "");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->head, "h3");

  auto denied = read_audit_log(reader, kSystemAdmin, AuditAccess::export_csv, f);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  EXPECT_EQ(denied.error().detail, "Only an auditor reads the audit log.");
  auto not_verified = verify_audit_log(reader, kCoordinator, "");
  EXPECT_EQ(not_verified.error().detail, "Only an auditor verifies the audit log.");
  EXPECT_EQ(reader.reads, 2);

  MemoryAuditTrail audit;
  record_audit_access(audit, AuditAccess::read);
  record_audit_access(audit, AuditAccess::export_csv);
  record_audit_access(audit, AuditAccess::verify);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"audit.read", "audit", "", "ok"},
                                                      {"audit.export", "audit", "", "ok"},
                                                      {"audit.verify", "audit", "", "ok"}}));
}

class MemoryLiveEvents final : public LiveEventReader {
 public:
  std::vector<LiveEventRecord> log;  // ids increasing
  std::vector<std::pair<std::string, EventScope>> asked;
  std::vector<LiveEventRecord> events_after(const std::string& org, EventScope scope,
                                            std::int64_t last_id) override {
    asked.emplace_back(org, scope);
    std::vector<LiveEventRecord> out;
    for (const auto& e : log) {
      bool heard = (scope.sent && e.sender == org) || (scope.received && e.receiver == org);
      if (e.id > last_id && heard && static_cast<int>(out.size()) < kMaxReplayEvents)
        out.push_back(e);
    }
    return out;
  }
};

TEST(LiveEventUseCases, TheReplayIsInTheActorsScopeInBatchesAndRefusedWithoutOne) {
  MemoryLiveEvents reader;
  for (std::int64_t id = 1; id <= kMaxReplayEvents + 2; ++id)
    reader.log.push_back({id, {}, id % 2 ? "org-a" : "org-b", id % 2 ? "org-b" : "org-a",
                          "referral.created", "{}"});
  auto first = replay_live_events(reader, kCaseworkerA, 0);  // a caseworker hears what was sent
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->more);
  EXPECT_EQ(first->events.size(), static_cast<std::size_t>(kMaxReplayEvents / 2 + 1));
  for (const auto& e : first->events) EXPECT_EQ(e.sender, "org-a");
  ASSERT_EQ(reader.asked.size(), 1u);
  EXPECT_EQ(reader.asked[0].first, "org-a");
  EXPECT_EQ(reader.asked[0].second, live_event_scope(kCaseworkerA));

  Actor both{"u-both", "org-a", {Role::caseworker, Role::partner}, ""};
  auto full = replay_live_events(reader, both, 0);
  ASSERT_TRUE(full.has_value());
  EXPECT_TRUE(full->more);  // a full batch: read again after its last id
  auto rest = replay_live_events(reader, both, full->events.back().id);
  ASSERT_TRUE(rest.has_value());
  EXPECT_FALSE(rest->more);
  EXPECT_EQ(rest->events.size(), 2u);

  EXPECT_EQ(event_stream_scope(kSystemAdmin).error().code, ErrorCode::forbidden);
  EXPECT_EQ(replay_live_events(reader, kSystemAdmin, 0).error().code, ErrorCode::forbidden);
  EXPECT_EQ(reader.asked.size(), 3u);
}

class MemoryOperations final : public OperationsReader {
 public:
  bool answers = true;
  std::vector<Timestamp> asked;
  void probe() override {
    if (!answers) throw std::runtime_error("database gone");
  }
  Backlog backlog(Timestamp now) override {
    asked.push_back(now);
    Backlog b;
    b.overdue_referrals = 4;
    b.webhooks.queued = 2;
    return b;
  }
};

TEST(OperationsUseCases, ReadinessProbesAndTheBacklogIsReadAtTheTimeAsked) {
  MemoryOperations reader;
  EXPECT_TRUE(check_ready(reader).has_value());
  reader.answers = false;
  EXPECT_THROW((void)check_ready(reader), std::runtime_error);  // the read job classifies it
  Timestamp now = at("2026-12-06T10:00:00Z");
  auto b = read_backlog(reader, now);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->overdue_referrals, 4);
  EXPECT_EQ(b->webhooks.queued, 2);
  EXPECT_EQ(reader.asked, std::vector<Timestamp>{now});
}

}  // namespace
}  // namespace enlace::core
