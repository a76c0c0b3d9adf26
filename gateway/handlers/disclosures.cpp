// The person's access report (API.md, GET /api/v1/cases/{id}/disclosures): what was sent
// about them to whom, and who opened their file. Caseworkers of the owning organisation only.
// Parses, calls core::read_disclosures and core::record_disclosures_read, renders.
#include "core/use_cases/case_reads.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/request_audit_trail.hpp"
#include "gateway/routes.hpp"
#include "gateway/use_case_jobs.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

bj::value fields_json(const std::string& stored) {
  boost::system::error_code ec;
  auto v = bj::parse(stored, ec);
  if (ec || !v.is_array()) return bj::array{};
  return v;
}

bj::object report_json(const core::DisclosureReport& r) {
  bj::array referrals;
  for (const auto& d : r.referrals) {
    bj::value consent = nullptr;
    if (d.consent)
      consent = bj::object{{"id", d.consent->id},
                           {"method", d.consent->method},
                           {"given_at", core::format_timestamp(d.consent->given_at)}};
    referrals.push_back(bj::object{{"referral_id", d.referral_id},
                                   {"sent_at", core::format_timestamp(d.sent_at)},
                                   {"to_organization_id", d.to_organization_id},
                                   {"to_organization_name", d.to_organization_name},
                                   {"category", d.category},
                                   {"fields", fields_json(d.shared_fields_json)},
                                   {"legal_basis", d.legal_basis},
                                   {"consent", std::move(consent)}});
  }
  bj::array reads;
  for (const auto& a : r.reads)
    reads.push_back(bj::object{{"at", core::format_timestamp(a.at)},
                               {"user_id", a.user_id},
                               {"display_name", a.display_name},
                               {"organization_id", a.organization_id},
                               {"organization_name", a.organization_name},
                               {"action", a.action},
                               {"entity_type", a.entity_type},
                               {"entity_id", a.entity_id}});
  return {{"case_id", r.case_id}, {"referrals", std::move(referrals)}, {"reads", std::move(reads)}};
}

asio::awaitable<Response> get_disclosures(Request& req) {
  std::string id = req.param("id");
  if (auto denied = require_caseworker(req, "case.disclosures.read", id)) co_return *denied;
  auto read = case_read([actor = req.caller(), id](core::CaseReader& reader) {
    return core::read_disclosures(reader, actor, id);
  });
  auto report = co_await db_read(req.app->db, std::move(read));
  // The read wrote nothing: its refusal is audited after the handler (request_audit.hpp).
  if (!report) co_return refuse(req, report.error(), "case.disclosures.read", "case", id);
  // Opening the report is an access like any other, recorded after the read.
  auto record =
      audit_job(req, [id](core::AuditTrail& audit) { core::record_disclosures_read(audit, id); });
  auto recorded = co_await db_write(req.app->db, std::move(record));
  if (!recorded) co_return problem(req, recorded.error());
  co_return json(200, report_json(*report), true);
}

}  // namespace

void add_disclosure_routes(Router& r) {
  r.add({"GET", "/api/v1/cases/{id}/disclosures", Access::signed_in, get_disclosures,
         "The person's access report: snapshots sent about them and reads of their case",
         "cases"})
      .gives(200, "DisclosureReport");
}

}  // namespace enlace::gateway
