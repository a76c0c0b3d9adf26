// Case routes (API.md, Cases and consent): register, list and search, read, edit, close,
// household links. Each parses, calls its use case (core/use_cases/register_case.hpp,
// case_reads.hpp, case_edits.hpp) and renders. Every read writes a "case.read" audit event in
// the same transaction as the read, and every page of the list one "case.list" event naming the
// cases shown, committed before the page is answered, so no one sees a file without a trace.
#include "core/access_policy.hpp"
#include "core/field_checks.hpp"
#include "core/use_cases/case_edits.hpp"
#include "core/use_cases/case_reads.hpp"
#include "core/use_cases/register_case.hpp"
#include "gateway/app.hpp"
#include "gateway/case_ports.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/case_json.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/request_audit_trail.hpp"
#include "gateway/routes.hpp"
#include "gateway/use_case_jobs.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;
using core::CaseRecord;

namespace {

constexpr BodyField kClose[] = {{"reason", BodyField::text, false, 100000}};
constexpr BodyFields close_fields{kClose};
constexpr BodyField kHousehold[] = {{"case_id", BodyField::text, true, 100},
                                    {"relation", BodyField::text, true, 50}};
constexpr BodyFields household_fields{kHousehold};

Response case_reply(int status, const CaseRecord& r, core::Timestamp now) {
  return with_etag(json(status, case_json(r, now), true), r.version);
}

asio::awaitable<Response> create_case(Request& req) {
  if (auto denied = require_caseworker(req, "case.create", "")) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  core::CaseDraft draft = read_case_draft(*body.body, errors);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  std::string id = new_id(req.now);
  auto apply = case_job(req, [draft = std::move(draft), id, actor = req.caller()](
                                 const core::CasePorts& ports, core::Timestamp now) {
    return core::register_case(ports, actor, draft, id, now);
  });
  auto render = [now = req.now, id](const core::CaseRegistered& c) -> std::optional<Response> {
    bj::object out = case_json(c.record, now);
    bj::array warnings;
    for (const auto& d : c.possible_duplicates)
      warnings.push_back({{"code", "possible_duplicate"}, {"case_id", d}});
    // No organisation and no case id: only that the network has met this person before.
    if (c.known_elsewhere) warnings.push_back(bj::object{{"code", "known_elsewhere"}});
    if (!warnings.empty()) out["warnings"] = std::move(warnings);
    auto res = with_etag(json(201, out, true), c.record.version);
    res.set("Location", "/api/v1/cases/" + id);
    return res;
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto created = co_await db_write(req.app->db, std::move(job));
  if (!created) co_return problem(req, created.error());
  co_return *render(*created);
}

asio::awaitable<Response> list_cases(Request& req) {
  if (auto denied = require_caseworker(req, "case.list", "")) co_return *denied;
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  core::CaseListFilter filter;
  filter.after = page->after;
  filter.limit = page->limit;
  core::FieldErrors errors;
  if (auto s = req.query_param("status")) {
    filter.status = core::parse_case_status(*s);
    if (!filter.status) errors.add("status", "must be open or closed");
  }
  if (auto q = req.query_param("q")) {
    if (q->size() > 200) errors.add("q", "is too long (at most 200 bytes)");
    else filter.q = std::string(*q);
  }
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto read = case_read([filter, actor = req.caller()](core::CaseReader& reader) {
    return core::list_cases(reader, actor, filter);
  });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  // One event for the page, naming every case shown, durable before the page leaves.
  auto record = audit_job(req, [shown = std::move(found->shown)](core::AuditTrail& audit) {
    core::record_case_page(audit, shown);
  });
  auto audited = co_await db_write(req.app->db, std::move(record));
  if (!audited) co_return problem(req, audited.error());
  auto now = req.now;
  auto body = page_json(
      std::move(found->rows), page->limit, [now](const CaseRecord& r) { return case_json(r, now); },
      [](const CaseRecord& r) { return r.id; });
  co_return json(200, body, true);
}

// Runs `use_case(ports, now)` in a write (case_job) and answers the case it returns, or its
// refusal, already audited in that write.
template <class UseCase>
asio::awaitable<Response> case_write(Request& req, UseCase use_case) {
  auto job = case_job(req, std::move(use_case));
  auto done = co_await db_write(req.app->db, std::move(job));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  co_return case_reply(200, *done->value, req.now);
}

asio::awaitable<Response> get_case(Request& req) {
  std::string id = req.param("id");
  if (auto denied = require_caseworker(req, "case.read", id)) co_return *denied;
  // A write, so the read's event is durable before the reply.
  auto read = [id, actor = req.caller()](const core::CasePorts& ports, core::Timestamp) {
    return core::read_case(ports, actor, id);
  };
  co_return co_await case_write(req, std::move(read));
}

asio::awaitable<Response> patch_case(Request& req) {
  std::string id = req.param("id");
  if (auto denied = require_caseworker(req, "case.update", id)) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  // The body's errors are reported by the use case, after it found the case.
  auto edit = [id, patch = read_case_patch(*body.body), expected = *version.version,
               actor = req.caller()](const core::CasePorts& ports, core::Timestamp now) {
    return core::edit_case(ports, actor, id, expected, patch, now);
  };
  co_return co_await case_write(req, std::move(edit));
}

asio::awaitable<Response> close_case(Request& req) {
  std::string id = req.param("id");
  if (auto denied = require_caseworker(req, "case.close", id)) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(close_fields);
  auto reason = f.string("reason", false, 100000);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  // If-Match is optional here: closing needs no edit of what was read.
  std::optional<std::int64_t> expected;
  if (req.header("if-match")) {
    auto version = if_match_version(req);
    if (version.problem) co_return std::move(*version.problem);
    expected = version.version;
  }
  auto close = [id, reason, expected, actor = req.caller()](const core::CasePorts& ports,
                                                            core::Timestamp now) {
    return core::close_case(ports, actor, id, expected, reason, now);
  };
  co_return co_await case_write(req, std::move(close));
}

// POST /cases/{id}/household {"case_id","relation"}: links two cases of the organisation.
asio::awaitable<Response> link_household(Request& req) {
  std::string id = req.param("id");
  if (auto denied = require_caseworker(req, "case.household", id)) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(household_fields);
  auto other = f.string("case_id", true, 100);
  auto relation = core::check_text(errors, "relation", f.string("relation", false, 1000),
                                   {.required = true, .max_chars = 50});
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  auto link = [id, other = *other, relation = *relation, actor = req.caller()](
                  const core::CasePorts& ports, core::Timestamp) {
    return core::link_household(ports, actor, id, other, relation);
  };
  co_return co_await case_write(req, std::move(link));
}

}  // namespace

void add_case_routes(Router& r) {
  r.add({"POST", "/api/v1/cases", Access::signed_in, create_case,
         "Register a person's case (caseworkers); warns of possible duplicates", "cases", true})
      .takes("CaseDraft", case_fields)
      .gives(201, "Case");
  r.add({"GET", "/api/v1/cases", Access::signed_in, list_cases,
         "The organisation's cases; filters status and q (name, accent-insensitive)", "cases"})
      .paged()
      .param("status", "open or closed")
      .param("q", "Part of the person's name, accent-insensitive")
      .gives(200, "CasePage");
  r.add({"GET", "/api/v1/cases/{id}", Access::signed_in, get_case, "One case", "cases"})
      .gives(200, "Case");
  r.add({"PATCH", "/api/v1/cases/{id}", Access::signed_in, patch_case,
         "Edit a case (If-Match)", "cases"})
      .takes("CasePatch", case_patch_fields)
      .gives(200, "Case");
  r.add({"POST", "/api/v1/cases/{id}/close", Access::signed_in, close_case,
         "Close a case with a reason", "cases"})
      .takes("CaseClose", close_fields)
      .gives(200, "Case");
  r.add({"POST", "/api/v1/cases/{id}/household", Access::signed_in, link_household,
         "Link another case of the organisation as household", "cases"})
      .takes("HouseholdLink", household_fields)
      .gives(200, "Case");
  add_consent_routes(r);
  add_case_transfer_routes(r);
}

}  // namespace enlace::gateway
