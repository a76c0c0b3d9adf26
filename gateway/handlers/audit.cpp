// The audit log for the auditor (API.md, Coordination and audit): the filtered list, its CSV
// export, and chain verification. Reading the log is itself audited.
#include "core/use_cases/audit_log.hpp"
#include "gateway/app.hpp"
#include "gateway/csv.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/routes.hpp"

#include <charconv>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr int kCsvDefaultLimit = 10000;
constexpr int kCsvMaxLimit = 100000;

// `from`/`to`: a date (whole UTC day, `to` inclusive) or an RFC 3339 instant (`to` inclusive).
std::optional<std::int64_t> parse_bound(std::string_view s, bool upper) {
  if (auto d = core::parse_date(s)) {
    auto day = *d + std::chrono::days(upper ? 1 : 0);
    return core::to_millis(std::chrono::time_point_cast<std::chrono::milliseconds>(
        core::Timestamp{std::chrono::sys_days(day).time_since_epoch()}));
  }
  if (auto t = core::parse_timestamp(s)) return core::to_millis(*t) + (upper ? 1 : 0);
  return std::nullopt;
}

core::Result<core::AuditFilter> read_filter(const Request& req, bool csv) {
  core::AuditFilter f;
  core::FieldErrors errors;
  f.limit = csv ? kCsvDefaultLimit : 50;
  for (const auto& [key, value] : req.query) {
    auto text = [&](std::optional<std::string>& into) {
      if (value.empty() || value.size() > 200) errors.add(key, "must be 1 to 200 characters");
      else into = value;
    };
    if (key == "actor") text(f.actor);
    else if (key == "organization") text(f.organization);
    else if (key == "entity") text(f.entity_type);
    else if (key == "entity_id") text(f.entity_id);
    else if (key == "action") text(f.action);
    else if (key == "from" || key == "to") {
      auto bound = parse_bound(value, key == "to");
      if (!bound) errors.add(key, "must be a date (YYYY-MM-DD) or an RFC 3339 time");
      else if (key == "from") f.from_ms = *bound;
      else f.until_ms = *bound;
    } else if (key == "limit") {
      int n = 0;
      int max = csv ? kCsvMaxLimit : 500;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 1 || n > max)
        errors.add(key, "must be a whole number from 1 to " + std::to_string(max));
      else f.limit = n;
    } else if (key == "cursor") {
      auto k = decode_cursor(value);
      std::int64_t seq = 0;
      if (k) {
        auto [p, ec] = std::from_chars(k->data(), k->data() + k->size(), seq);
        if (ec != std::errc() || p != k->data() + k->size()) k.reset();
      }
      if (!k || seq < 1) errors.add(key, "is not a cursor this server gave out");
      else f.before_seq = seq;
    } else {
      errors.add(key, "is not a filter of the audit log");
    }
  }
  if (f.entity_id && !f.entity_type) errors.add("entity_id", "needs entity (the entity type)");
  if (!errors.empty()) return core::Error::invalid(std::move(errors), "The filters are invalid.");
  return f;
}

bj::object event_json(const core::AuditRow& r) {
  const auto& e = r.event;
  return {{"seq", r.seq},
          {"at", core::format_timestamp(e.at)},
          {"actor", e.actor_user},
          {"organization", e.organization},
          {"role", e.role},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"outcome", e.outcome},
          {"address", e.address},
          {"request_id", e.request_id},
          {"prev_hash", r.prev_hash},
          {"hash", r.hash}};
}

std::string events_csv(const std::vector<core::AuditRow>& rows) {
  std::string out;
  out.reserve(64 + rows.size() * 300);
  append_csv_row(out, {"seq", "at", "actor", "organization", "role", "action", "entity_type",
                       "entity_id", "outcome", "address", "request_id", "prev_hash", "hash"});
  for (const auto& r : rows) {
    const auto& e = r.event;
    std::string seq = std::to_string(r.seq);
    std::string at = core::format_timestamp(e.at);
    append_csv_row(out, {seq, at, e.actor_user, e.organization, e.role, e.action, e.entity_type,
                         e.entity_id, e.outcome, e.address, e.request_id, r.prev_hash, r.hash});
  }
  return out;
}

// Records that this request read the log, before the log is read: no record, no reading.
asio::awaitable<core::Result<bool>> record_audit_access(Request& req, core::AuditAccess access) {
  auto record = audit_job(req, [access](core::AuditTrail& trail) {
    core::record_audit_access(trail, access);
  });
  co_return co_await db_write(req.app->db, std::move(record));
}

asio::awaitable<Response> list_audit(Request& req) {
  bool csv = wants_csv(req);
  const auto access = csv ? core::AuditAccess::export_csv : core::AuditAccess::read;
  // The gate, before the filters are read.
  if (auto may = core::may_access_audit_log(req.caller(), access); !may)
    co_return problem(req, may.error());
  auto filter = read_filter(req, csv);
  if (!filter) co_return problem(req, filter.error());
  auto recorded = co_await record_audit_access(req, access);
  if (!recorded) co_return problem(req, recorded.error());
  auto read = read_on(&core::ReadUnit::audit_log,
      [actor = req.caller(), access, f = *filter](core::AuditLogReader& reader) {
        return core::read_audit_log(reader, actor, access, f);
      });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  int limit = filter->limit;
  auto key_of = [](const core::AuditRow& r) { return std::to_string(r.seq); };
  if (!csv) co_return json(200, page_json(std::move(*rows), limit, event_json, key_of), true);
  // CSV: one table; when more rows match, X-Next-Cursor carries what next_cursor would, for
  // the same query with `cursor=` added.
  std::optional<std::string> next;
  if (static_cast<int>(rows->size()) > limit) {
    rows->resize(static_cast<std::size_t>(limit));
    next = encode_cursor(key_of(rows->back()));
  }
  auto res = csv_attachment(events_csv(*rows), "audit-log.csv", true);
  if (next) res.set("X-Next-Cursor", *next);
  co_return res;
}

asio::awaitable<Response> verify_audit(Request& req) {
  if (auto may = core::may_access_audit_log(req.caller(), core::AuditAccess::verify); !may)
    co_return problem(req, may.error());
  std::string expect_head;
  for (const auto& [key, value] : req.query) {
    if (key == "expect_head" && core::is_audit_hash(value)) expect_head = value;
    else if (key == "expect_head")
      co_return problem(req, core::Error::invalid_field(key, "must be a head hash (64 lowercase hex digits)"));
    else co_return problem(req, core::Error::invalid_field(key, "is not a parameter of verify"));
  }
  auto recorded = co_await record_audit_access(req, core::AuditAccess::verify);
  if (!recorded) co_return problem(req, recorded.error());
  // A read: it runs on the read pool against one snapshot and never holds up the writer.
  auto check = read_on(&core::ReadUnit::audit_log,
      [actor = req.caller(), expect_head](core::AuditLogReader& reader) {
        return core::verify_audit_log(reader, actor, expect_head);
      });
  auto report = co_await db_read(req.app->db, std::move(check));
  if (!report) co_return problem(req, report.error());
  if (report->ok) {
    // Whether a link can be forged by whoever can write the database (unkeyed) or not.
    bj::object ok{{"ok", true}, {"events", report->events}, {"head", report->head},
                  {"keyed", report->keyed_from.has_value()}};
    if (report->keyed_from) ok["keyed_from"] = *report->keyed_from;
    co_return json(200, std::move(ok));
  }
  co_return json(200, {{"ok", false},
                       {"events", report->events},
                       {"broken_at", *report->broken_seq},
                       {"problem", report->problem}});
}

}  // namespace

void add_audit_routes(Router& r) {
  r.add({"GET", "/api/v1/audit", Access::signed_in, list_audit,
         "The audit log, newest first (auditor); filters actor, organization, entity, entity_id, "
         "action, from, to; CSV with Accept: text/csv",
         "audit"})
      .paged().param("actor", "User id").param("organization", "Organisation id").param("entity", "Entity kind").param("entity_id", "Entity id").param("action", "Action name").param("from", "From (RFC 3339)").param("to", "To (RFC 3339)").gives(200, "AuditPage").gives(200, "", "text/csv");
  r.add({"GET", "/api/v1/audit/verify", Access::signed_in, verify_audit,
         "Recompute the audit hash chain (auditor); optional expect_head", "audit"})
      .param("expect_head", "The head hash the caller expects").gives(200, "AuditVerification");
}

}  // namespace enlace::gateway
