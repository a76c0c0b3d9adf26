// Referral JSON: see referral_json.hpp.
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/handlers/referral_page_json.hpp"
#include "gateway/handlers/paging.hpp"

#include <algorithm>

namespace enlace::gateway {

namespace bj = boost::json;

namespace {

bj::value opt(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}

bj::value history_json(const std::vector<core::HistoryEntry>& history) {
  bj::array out;
  for (const auto& h : history) {
    bj::object o{{"to", core::to_string(h.to)},
                 {"at", core::format_timestamp(h.at)},
                 {"by_organization_id", h.by_org},
                 {"reason_code", opt(h.reason_code)},
                 {"reason", opt(h.reason)},
                 {"outcome_code", opt(h.outcome_code)},
                 {"outcome", opt(h.outcome)}};
    o["from"] = h.from ? bj::value(core::to_string(*h.from)) : bj::value(nullptr);
    if (h.by_display_name) o["by_display_name"] = *h.by_display_name;
    o["on_behalf"] = h.on_behalf_of.has_value();
    if (h.on_behalf_of) o["on_behalf_of_organization_id"] = *h.on_behalf_of;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

namespace {

bj::value opt_in(const std::optional<std::string>& s, const bj::storage_ptr& sp) {
  if (s) return bj::value(*s, sp);
  return bj::value(nullptr, sp);
}

bj::value opt_time_in(const std::optional<core::Timestamp>& t, const bj::storage_ptr& sp) {
  if (t) return bj::value(core::format_timestamp(*t), sp);
  return bj::value(nullptr, sp);
}

// Every value in `sp`: a list page builds its items in one arena (referral_page_json.hpp).
bj::object referral_object(const core::ReferralRecord& r, core::Timestamp now,
                           const bj::storage_ptr& sp) {
  const bool overdue = core::is_overdue(r.status, r.respond_by, r.outcome_by, now);
  bj::object o({{"id", r.id},
               {"status", core::to_string(r.status)},
               {"version", r.version},
               {"from_organization_id", r.from_org},
               {"to_organization_id", r.to_org},
               {"service_id", opt_in(r.service_id, sp)},
               {"category", r.category},
               {"urgency", core::to_string(r.urgency)},
               {"reason", r.reason},
               {"legal_basis", core::to_string(r.legal_basis)},
               {"respond_by", opt_time_in(r.respond_by, sp)},
               {"outcome_by", opt_time_in(r.outcome_by, sp)},
               {"overdue", overdue},
               {"requested_at", opt_time_in(r.requested_at, sp)},
               {"responded_at", opt_time_in(r.responded_at, sp)},
               {"closed_at", opt_time_in(r.closed_at, sp)},
               {"reason_code", opt_in(r.reason_code, sp)},
               {"outcome_code", opt_in(r.outcome_code, sp)},
               {"outcome", opt_in(r.outcome, sp)},
               {"created_at", core::format_timestamp(r.created_at)},
               {"updated_at", core::format_timestamp(r.updated_at)}},
               sp);
  bj::value shared(nullptr, sp);
  if (r.snapshot) {
    boost::system::error_code ec;
    auto parsed = bj::parse(*r.snapshot, ec, sp);
    if (!ec) shared = std::move(parsed);
  }
  o["shared"] = std::move(shared);
  if (r.sender_view) {
    o["case_id"] = opt_in(r.case_id, sp);
    o["consent_id"] = opt_in(r.consent_id, sp);
    o["justification"] = opt_in(r.justification, sp);
    bj::array fields(sp);
    for (auto f : r.shared_fields) fields.emplace_back(core::to_string(f));
    o["shared_fields"] = std::move(fields);
    if (r.needs_choice) {
      bj::array needs(sp), specific(sp);
      for (const auto& n : r.needs_choice->needs) needs.emplace_back(n);
      for (auto n : r.needs_choice->specific_needs) specific.emplace_back(core::to_string(n));
      o["shared_needs"] = std::move(needs);
      o["shared_specific_needs"] = std::move(specific);
    }
    if (r.legal_basis == core::LegalBasis::vital_interest) o["reviewed_at"] = opt_time_in(r.reviewed_at, sp);
  }
  return o;
}

}  // namespace

bj::object referral_json(const core::ReferralRecord& r, core::Timestamp now) {
  return referral_object(r, now, {});
}

std::string referral_page_json(const std::vector<core::ListedReferral>& rows, int limit,
                               const std::string& next, core::Timestamp now) {
  // One arena for the whole page: its values are freed together once the text is written,
  // instead of one malloc and free per string, array and object of fifty referrals.
  bj::monotonic_resource arena(64 * 1024);
  bj::storage_ptr sp(&arena);
  bj::array items(sp);
  const std::size_t shown = std::min(rows.size(), static_cast<std::size_t>(limit));
  items.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) items.emplace_back(referral_object(rows[i].referral, now, sp));
  bj::object page(sp);
  page.emplace("items", std::move(items));
  if (rows.size() > shown) page.emplace("next_cursor", encode_cursor(next));
  else page.emplace("next_cursor", nullptr);
  return bj::serialize(page);
}

bj::object referral_json(const core::ReferralRecord& r,
                         const std::vector<core::HistoryEntry>& history, core::Timestamp now) {
  auto o = referral_json(r, now);
  o["history"] = history_json(history);
  return o;
}

bj::object message_json(const core::MessageRecord& m) {
  // The external organisation's respond link and the person have no user; the person has no
  // organisation either.
  auto id_or_null = [](const std::string& s) { return s.empty() ? bj::value(nullptr) : bj::value(s); };
  bj::object o{{"id", m.id},
               {"referral_id", m.referral_id},
               {"from", m.from},
               {"author_user_id", id_or_null(m.author_user)},
               {"author_organization_id", id_or_null(m.author_org)},
               {"body", m.body},
               {"created_at", core::format_timestamp(m.created_at)}};
  if (m.author_display_name) o["author_display_name"] = *m.author_display_name;
  if (m.feedback_outcome) {
    bj::object f{{"outcome", *m.feedback_outcome}};
    f["rating"] = m.feedback_rating ? bj::value(*m.feedback_rating) : bj::value(nullptr);
    o["feedback"] = std::move(f);
  }
  return o;
}

}  // namespace enlace::gateway

namespace enlace::gateway {

bj::value referral_schema() {
  namespace s = schema;
  auto opt_text = [] { return s::nullable(s::text()); };
  auto opt_time = [] { return s::nullable(s::date_time()); };
  auto need = s::object({{"category", s::text()}, {"urgency", s::text()}, {"note", s::text()}});
  // What the sender chose to share (storage/snapshot_text.cpp): only the chosen keys are present.
  auto shared = s::object({{"fields", s::array(s::text())},
                           {"given_name", s::text(), false},
                           {"family_name", s::text(), false},
                           {"birth_date", s::date(), false},
                           {"estimated_age", s::integer(), false},
                           {"sex", s::text(), false},
                           {"nationality", s::text(), false},
                           {"languages", s::array(s::text()), false},
                           {"phone", s::text(), false},
                           {"needs", s::array(std::move(need)), false},
                           {"specific_needs", s::array(s::text()), false}});
  auto step = s::object({{"from", opt_text()},
                         {"to", s::text()},
                         {"at", s::date_time()},
                         {"by_organization_id", s::text()},
                         {"by_display_name", s::text(), false},
                         {"reason_code", opt_text()},
                         {"reason", opt_text()},
                         {"outcome_code", opt_text()},
                         {"outcome", opt_text()},
                         // Recorded by the sender for an organisation without accounts:
                         {"on_behalf", s::boolean()},
                         {"on_behalf_of_organization_id", s::text(), false}});
  return s::object({{"id", s::text()},
                    {"status", s::text()},
                    {"version", s::integer()},
                    {"from_organization_id", s::text()},
                    {"to_organization_id", s::text()},
                    {"service_id", opt_text()},
                    {"category", s::text()},
                    {"urgency", s::text()},
                    {"reason", s::text()},
                    {"legal_basis", s::text()},
                    {"respond_by", opt_time()},
                    {"outcome_by", opt_time()},
                    {"overdue", s::boolean()},
                    {"requested_at", opt_time()},
                    {"responded_at", opt_time()},
                    {"closed_at", opt_time()},
                    {"reason_code", opt_text()},
                    {"outcome_code", opt_text()},
                    {"outcome", opt_text()},
                    {"created_at", s::date_time()},
                    {"updated_at", s::date_time()},
                    {"shared", s::nullable(std::move(shared))},
                    // The sending side only:
                    {"case_id", opt_text(), false},
                    {"consent_id", opt_text(), false},
                    {"justification", opt_text(), false},
                    {"shared_fields", s::array(s::text()), false},
                    {"shared_needs", s::array(s::text()), false},
                    {"shared_specific_needs", s::array(s::text()), false},
                    {"reviewed_at", opt_time(), false},
                    // One referral (not in lists):
                    {"history", s::array(std::move(step)), false},
                    // On create:
                    {"warnings", s::array(s::any_object()), false},
                    // The sender's only: the person's tracking code (the PIN only when sent)
                    // and their page's address at public_url.
                    {"tracking", s::object({{"code", opt_text()}, {"pin", opt_text()}, {"url", opt_text()}}), false}});
}

bj::value message_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"referral_id", s::text()},
                    {"from", s::words({"sender", "receiver", "person"})},
                    // null for an organisation without accounts, and for the person
                    {"author_user_id", s::nullable(s::text())},
                    {"author_organization_id", s::nullable(s::text())},
                    {"author_display_name", s::text(), false},
                    {"body", s::text()},
                    {"created_at", s::date_time()},
                    {"feedback",
                     s::object({{"outcome", s::text()}, {"rating", s::nullable(s::integer())}}),
                     false}});
}

}  // namespace enlace::gateway
