// Referrals: create, inbox/outbox/review lists, read one, the vital-interest review, and
// alternatives after a rejection (API.md, Referrals). Routes for the whole referral module.
#include "core/access_policy.hpp"
#include "core/referral.hpp"
#include "core/use_cases/create_referral.hpp"
#include "core/use_cases/referral_alternatives.hpp"
#include "core/use_cases/review_referral.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/handlers/referral_page_json.hpp"
#include "gateway/handlers/referral_reads.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/prepared_sending.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "gateway/use_case_jobs.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

bj::object tracking_json(const std::optional<std::string>& code, const std::optional<std::string>& pin,
                         const std::string& public_url) {
  bj::object t;
  t["code"] = code ? bj::value(*code) : bj::value(nullptr);
  t["pin"] = pin ? bj::value(*pin) : bj::value(nullptr);
  auto url = code ? track_url(public_url, *code) : std::string();
  t["url"] = url.empty() ? bj::value(nullptr) : bj::value(url);
  return t;
}

bool takes_part_in_referrals(const core::Actor& a) {
  return !a.organization_id.empty() &&
         (a.has(core::Role::caseworker) || a.has(core::Role::partner) ||
          a.has(core::Role::org_admin));
}

namespace {

constexpr BodyField kReferralFields[] = {
    {"case_id", BodyField::text},         {"to_organization_id", BodyField::text},
    {"service_id", BodyField::text},      {"category", BodyField::text},
    {"urgency", BodyField::text},         {"reason", BodyField::text},
    {"shared_fields", BodyField::texts, false, 20},
    {"shared_needs", BodyField::texts, false, 64},
    {"shared_specific_needs", BodyField::texts, false, 64},
    {"respond_by", BodyField::text},      {"status", BodyField::text},
    {"legal_basis", BodyField::text},     {"justification", BodyField::text}};
constexpr BodyFields referral_fields{kReferralFields};

}  // namespace

namespace {

core::Result<core::ReferralDraft> read_referral_draft(const bj::object& body) {
  core::FieldErrors errors;
  FieldReader f(body, "", errors);
  f.only(referral_fields);
  core::ReferralDraft d;
  d.case_id = f.string("case_id");
  d.to_organization_id = f.string("to_organization_id");
  d.service_id = f.string("service_id");
  d.category = f.string("category");
  d.urgency = f.string("urgency");
  d.reason = f.string("reason");
  d.shared_fields = f.strings("shared_fields", false, 20);
  d.shared_needs = f.strings("shared_needs", false, 64);
  d.shared_specific_needs = f.strings("shared_specific_needs", false, 64);
  d.respond_by = f.string("respond_by");
  d.status = f.string("status");
  d.legal_basis = f.string("legal_basis");
  d.justification = f.string("justification");
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return d;
}

// The warnings the sender sees before relying on the chosen service.
bj::array warnings_json(const std::vector<core::ServiceWarning>& warnings) {
  bj::array w;
  for (const auto& x : warnings) {
    if (x.kind == core::ServiceWarning::Kind::not_accepting)
      w.push_back(bj::object{{"code", "service_not_accepting"}, {"service_id", x.service_id}});
    else
      w.push_back(bj::object{{"code", "service_wait"}, {"days", x.days}});
  }
  return w;
}

// The use case runs in the write; the reply is built from its result afterwards (and inside
// the write only to keep it for an Idempotency-Key, keep_reply). Sending is prepared first
// on a read snapshot (prepare_sending), so that the writer mostly checks and inserts.
asio::awaitable<Response> create_referral(Request& req) {
  App& app = *req.app;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto draft = read_referral_draft(*body.body);
  if (!draft) co_return problem(req, draft.error());

  auto ctx = audit_context(req);
  auto decide = [actor = req.caller(), draft = *draft, at = ctx.at](core::SendingReads& reads) {
    return core::prepare_referral(reads, actor, draft, at);
  };
  auto prepared = co_await prepare_sending(app, std::move(decide));
  using Created = Refusable<core::ReferralCreated>;
  auto create = [actor = req.caller(), draft = std::move(*draft), id = new_id(req.now),
                 sending = std::move(prepared.sending)](const core::ReferralPorts& ports,
                                                        core::Timestamp now) {
    return core::create_referral(ports, actor, draft, id, now, sending ? &*sending : nullptr);
  };
  auto apply = referral_job(std::move(ctx), req.audit, app.events, std::move(create),
                            std::move(prepared.tracking));
  auto render = [now = req.now, &base = app.config.public_url](const Created& d) -> std::optional<Response> {
    if (d.refused) return std::nullopt;
    const core::ReferralSaved& c = d.value->saved;
    auto out = referral_json(c.referral, c.history, now);
    out["warnings"] = warnings_json(d.value->warnings);
    if (c.tracking) out["tracking"] = tracking_json(c.tracking->code, c.tracking->pin, base);
    return with_etag(json(201, out, true), c.referral.version);
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto done = co_await db_write(app.db, std::move(job));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  co_return *render(*done);
}

asio::awaitable<Response> get_referral(Request& req) {
  co_return co_await as_referral_party(req, "referral.read", read_referral_as);
}

}  // namespace

asio::awaitable<Response> as_referral_party(Request& req, const char* action, RouteAs run) {
  if (!takes_part_in_referrals(req.caller())) {
    core::Error denied = core::Error::forbidden();
    std::string entity_id = req.param("id");
    std::string audited_action = action;
    co_return refuse(req, std::move(denied), std::move(audited_action), "referral",
                              std::move(entity_id));
  }
  core::Actor actor = req.caller();
  auto ctx = audit_context(req);
  std::string id = req.param("id");
  co_return co_await run(req, std::move(actor), std::move(ctx), std::move(id));
}

asio::awaitable<Response> read_referral_as(Request& req, core::Actor actor,
                                           core::AuditContext ctx, std::string id) {
  auto outcome = co_await read_referral_for(req, std::move(actor), std::move(ctx), std::move(id));
  if (outcome.refusal) co_return std::move(*outcome.refusal);
  const ReferralRead& r = *outcome.read;
  auto out = referral_json(r.referral, r.history, req.now);
  // The PIN is stored only as a hash: it was shown once, when the referral was sent.
  if (r.tracking_code)
    out["tracking"] = tracking_json(r.tracking_code, std::nullopt, req.app->config.public_url);
  co_return with_etag(json(200, out, true), r.referral.version);
}

namespace {

struct ListQueryOrProblem {
  std::optional<core::ReferralListQuery> query;
  std::optional<core::Error> error;
};

ListQueryOrProblem read_list_query(const Request& req) {
  core::ReferralListQuery q;
  core::FieldErrors errors;
  auto box = req.query_param("box");
  if (!box) errors.add("box", "is required: inbox, outbox or review");
  else if (*box == "inbox") q.box = core::Box::inbox;
  else if (*box == "outbox") q.box = core::Box::outbox;
  else if (*box == "review") q.box = core::Box::review;
  else errors.add("box", "must be inbox, outbox or review");
  if (auto s = req.query_param("status")) {
    if (!core::parse_status(*s)) errors.add("status", "is not a referral state");
    else q.status = std::string(*s);
  }
  if (auto c = req.query_param("category")) {
    if (c->empty() || c->size() > 64) errors.add("category", "is not a category code");
    else q.category = std::string(*c);
  }
  if (auto c = req.query_param("case_id")) {
    // Only the sender knows which case a referral is about.
    if (q.box != core::Box::outbox) errors.add("case_id", "filters the outbox only");
    else if (c->empty() || c->size() > 64) errors.add("case_id", "is not a case id");
    else q.case_id = std::string(*c);
  }
  if (auto o = req.query_param("overdue")) {
    if (*o == "true") q.overdue_only = true;
    else if (*o != "false") errors.add("overdue", "must be true or false");
  }
  auto page = read_page(req);
  if (!page) {
    errors.append(page.error().fields);
  } else {
    q.limit = page->limit;
    if (!page->after.empty()) {
      auto after = core::ListPosition::parse(page->after);
      if (!after) errors.add("cursor", "is not a cursor this server gave out");
      else q.after = *after;
    }
  }
  if (!errors.empty()) return {std::nullopt, core::Error::invalid(std::move(errors))};
  return {q, std::nullopt};
}

asio::awaitable<Response> list_referrals(Request& req) {
  auto q = read_list_query(req);
  if (q.error) co_return problem(req, *q.error);
  const int limit = q.query->limit;
  auto outcome = co_await list_referral_page(req, std::move(*q.query));
  if (outcome.refusal) co_return std::move(*outcome.refusal);
  const core::ReferralPage& page = *outcome.page;
  // The use case's text of where the next page resumes, when there is one.
  Response r;
  r.content_type = "application/json";
  r.body = referral_page_json(page.rows, limit, page.next.value_or(""), req.now);
  r.personal_data = true;
  co_return r;
}

asio::awaitable<Response> review_referral(Request& req) {
  App& app = *req.app;
  auto body = read_body(req, true);
  if (body.problem) co_return std::move(*body.problem);
  if (!body.body->empty())
    co_return problem(req, core::Error::invalid_field(std::string(body.body->begin()->key()),
                                                      "is not a field of this request"));
  auto review = [actor = req.caller(), id = req.param("id")](const core::ReferralPorts& ports,
                                                              core::Timestamp now) {
    return core::review_referral(ports, actor, id, now);
  };
  auto apply = referral_job(audit_context(req), req.audit, app.events, std::move(review));
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  const core::ReferralSaved& r = *done->value;
  co_return with_etag(json(200, referral_json(r.referral, r.history, req.now), true),
                      r.referral.version);
}

asio::awaitable<Response> get_alternatives(Request& req) {
  App& app = *req.app;
  if (!takes_part_in_referrals(req.caller())) {
    core::Error denied = core::Error::forbidden();
    std::string entity_id = req.param("id");
    co_return refuse(req, std::move(denied), "referral.alternatives", "referral", std::move(entity_id));
  }
  auto find = [actor = req.caller(), id = req.param("id")](const core::ReferralPorts& ports,
                                                            core::Timestamp) {
    return core::referral_alternatives(ports, actor, id);
  };
  auto apply = referral_job(audit_context(req), req.audit, app.events, std::move(find));
  auto done = co_await db_write(app.db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  bj::array items;
  for (const auto& s : *done->value) {
    const auto& l = s.listing;
    bj::object o{{"service_id", s.id},
                 {"organization_id", l.organization_id},
                 {"category", l.category},
                 {"name", l.name},
                 {"accepting", l.accepting}};
    o["expected_wait_days"] = l.expected_wait_days ? bj::value(*l.expected_wait_days) : nullptr;
    o["capacity_available"] = l.capacity_available ? bj::value(*l.capacity_available) : nullptr;
    o["capacity"] = o["capacity_available"];  // the older name, kept for clients that read it
    items.push_back(std::move(o));
  }
  co_return json(200, bj::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

}  // namespace

void add_referral_routes(Router& r) {
  r.add({"POST", "/api/v1/referrals", Access::signed_in, create_referral,
         "Refer a case to an organisation (caseworker); shared_needs and shared_specific_needs "
         "choose which needs go (default: the category's need, no specific need); 422 without "
         "a covering consent",
         "referrals", true})
      .takes("ReferralDraft", referral_fields).gives(201, "Referral");
  r.add({"GET", "/api/v1/referrals", Access::signed_in, list_referrals,
         "Inbox, outbox or the vital-interest review list (box=inbox|outbox|review); overdue first",
         "referrals"})
      .paged().param("box", "inbox, outbox or review").param("status", "A referral state").param("overdue", "true: only overdue", "boolean").param("category", "Category code").param("case_id", "Only this case's referrals (outbox)").gives(200, "ReferralPage");
  r.add({"GET", "/api/v1/referrals/{id}", Access::signed_in, get_referral,
         "One referral with its history; the receiver sees the snapshot, never case_id",
         "referrals"})
      .gives(200, "Referral");
  r.add({"POST", "/api/v1/referrals/{id}/transitions", Access::signed_in, post_transition,
         "Move a referral along its lifecycle (If-Match); 409 when not allowed", "referrals", true})
      .takes("Transition", transition_fields).gives(200, "Referral");
  r.add({"POST", "/api/v1/referrals/{id}/review", Access::signed_in, review_referral,
         "Mark a vital-interest referral reviewed (org_admin of the sending organisation)",
         "referrals"})
      .takes("Empty", {}, true).gives(200, "Referral");
  r.add({"GET", "/api/v1/referrals/{id}/alternatives", Access::signed_in, get_alternatives,
         "Other services that cover the category and the case's territory (sender)", "referrals"})
      .gives(200, "AlternativePage");
  r.add({"GET", "/api/v1/referrals/{id}/messages", Access::signed_in, get_messages,
         "Messages between the two sides of a referral", "referrals"})
      .gives(200, "MessageList");
  r.add({"POST", "/api/v1/referrals/{id}/messages", Access::signed_in, post_message,
         "Write a message to the other side of a referral", "referrals", true})
      .takes("MessageDraft", message_fields).gives(201, "Message");
  r.add({"GET", "/api/v1/events", Access::signed_in, get_events,
         "Server-Sent Events of my organisation's referral changes on my roles' side: inbox "
         "(partner), outbox (caseworker), both (org_admin); Last-Event-ID; ends with the session",
         "referrals"})
      .gives(200, "", "text/event-stream");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

// One item of GET /referrals/{id}/alternatives (get_alternatives above).
boost::json::value alternative_schema() {
  namespace s = schema;
  return s::object({{"service_id", s::text()},
                    {"organization_id", s::text()},
                    {"category", s::text()},
                    {"name", s::text()},
                    {"accepting", s::boolean()},
                    {"expected_wait_days", s::nullable(s::integer())},
                    {"capacity_available", s::nullable(s::integer())},
                    {"capacity", s::nullable(s::integer())}});
}

}  // namespace enlace::gateway
