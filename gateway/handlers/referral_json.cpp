// Referral JSON: see referral_json.hpp.
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/handlers/referral_json.hpp"

namespace enlace::gateway {

namespace bj = boost::json;

namespace {

bj::value opt(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}

bj::value opt_time(const std::optional<core::Timestamp>& t) {
  if (t) return bj::value(core::format_timestamp(*t));
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

bj::object referral_json(const core::ReferralRecord& r, core::Timestamp now) {
  const bool overdue = core::is_overdue(r.status, r.respond_by, r.outcome_by, now);
  bj::object o{{"id", r.id},
               {"status", core::to_string(r.status)},
               {"version", r.version},
               {"from_organization_id", r.from_org},
               {"to_organization_id", r.to_org},
               {"service_id", opt(r.service_id)},
               {"category", r.category},
               {"urgency", core::to_string(r.urgency)},
               {"reason", r.reason},
               {"legal_basis", core::to_string(r.legal_basis)},
               {"respond_by", opt_time(r.respond_by)},
               {"outcome_by", opt_time(r.outcome_by)},
               {"overdue", overdue},
               {"requested_at", opt_time(r.requested_at)},
               {"responded_at", opt_time(r.responded_at)},
               {"closed_at", opt_time(r.closed_at)},
               {"reason_code", opt(r.reason_code)},
               {"outcome_code", opt(r.outcome_code)},
               {"outcome", opt(r.outcome)},
               {"created_at", core::format_timestamp(r.created_at)},
               {"updated_at", core::format_timestamp(r.updated_at)}};
  bj::value shared = nullptr;
  if (r.snapshot) {
    boost::system::error_code ec;
    auto parsed = bj::parse(*r.snapshot, ec);
    if (!ec) shared = std::move(parsed);
  }
  o["shared"] = std::move(shared);
  if (r.sender_view) {
    o["case_id"] = opt(r.case_id);
    o["consent_id"] = opt(r.consent_id);
    o["justification"] = opt(r.justification);
    bj::array fields;
    for (auto f : r.shared_fields) fields.push_back(bj::value(core::to_string(f)));
    o["shared_fields"] = std::move(fields);
    if (r.needs_choice) {
      bj::array needs, specific;
      for (const auto& n : r.needs_choice->needs) needs.push_back(bj::value(n));
      for (auto n : r.needs_choice->specific_needs) specific.push_back(bj::value(core::to_string(n)));
      o["shared_needs"] = std::move(needs);
      o["shared_specific_needs"] = std::move(specific);
    }
    if (r.legal_basis == core::LegalBasis::vital_interest) o["reviewed_at"] = opt_time(r.reviewed_at);
  }
  return o;
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
