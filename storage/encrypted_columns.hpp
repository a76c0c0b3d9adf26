// The columns encrypted at rest (docs/SECURITY.md). FieldCipher::seal refuses any other
// column, so this list is complete by construction and `enlace rekey` can walk it. Every
// other TEXT column of the schema is in kClearTextColumns with the reason it stays readable;
// a test fails on a column in neither list (EncryptedColumnsTest).
#pragma once

#include <string_view>

namespace enlace::storage {

struct EncryptedColumn {
  std::string_view name;   // "table.column": the associated data of every value
  std::string_view table;
  std::string_view column;
  std::string_view key;    // the primary key columns (some tables are WITHOUT ROWID)
};

inline constexpr EncryptedColumn kEncryptedColumns[] = {
    {"case_file.given_name", "case_file", "given_name", "id"},
    {"case_file.family_name", "case_file", "family_name", "id"},
    {"case_file.birth_date", "case_file", "birth_date", "id"},
    {"case_file.phone", "case_file", "phone", "id"},
    {"case_file.languages", "case_file", "languages", "id"},
    {"case_file.migratory_status", "case_file", "migratory_status", "id"},
    {"case_file.close_reason", "case_file", "close_reason", "id"},
    {"case_file.notes", "case_file", "notes", "id"},
    {"case_file.specific_needs", "case_file", "specific_needs", "id"},
    {"case_need.note", "case_need", "note", "case_id, category"},
    {"case_household.relation", "case_household", "relation", "case_id, other_case_id"},
    {"referral.snapshot", "referral", "snapshot", "id"},
    {"referral.shared_specific_needs", "referral", "shared_specific_needs", "id"},
    {"referral.reason", "referral", "reason", "id"},
    {"referral.justification", "referral", "justification", "id"},
    {"referral.outcome", "referral", "outcome", "id"},
    {"referral_history.reason", "referral_history", "reason", "referral_id, seq"},
    {"referral_history.outcome", "referral_history", "outcome", "referral_id, seq"},
    {"referral_message.body", "referral_message", "body", "id"},
    {"app_user.totp_secret", "app_user", "totp_secret", "id"},
    // The kept first answer of an idempotent write: a case or referral as its author saw it.
    {"idempotency_key.reply", "idempotency_key", "reply", "user_id, endpoint, idem_key"},
    {"webhook.secret", "webhook", "secret", "id"},
    {"case_transfer.reason", "case_transfer", "reason", "id"},
    // A respond link's token, only until its mail is sent or given up (migration 19).
    {"mail_outbox.link_token", "mail_outbox", "link_token", "id"},
};

// TEXT columns kept readable, and why. Ids, codes, states and timestamps say nothing about a
// person without the sealed columns; the rest is staff or directory data, or is needed by SQL.
struct ClearTextColumn {
  std::string_view name;  // "table.column"
  std::string_view why;
};

inline constexpr ClearTextColumn kClearTextColumns[] = {
    // Directory: public by purpose (service finders print it).
    {"territory.id", "id"}, {"territory.name", "place name"}, {"territory.level", "code"},
    {"territory.parent_id", "id"}, {"territory.code", "code"},
    {"territory.time_zone", "IANA zone name"},
    {"organization.id", "id"}, {"organization.name", "directory"},
    {"organization.kind", "code"}, {"organization.territory_id", "id"},
    {"organization.parent_id", "id"}, {"organization.email", "the organisation's contact"},
    {"organization.phone", "the organisation's contact"},
    {"category.code", "code"}, {"category.name", "directory"},
    {"service.id", "id"}, {"service.organization_id", "id"}, {"service.category", "code"},
    {"service.name", "directory"}, {"service.name_key", "directory (folded for search)"},
    {"service.description", "directory"}, {"service.eligibility", "directory"},
    {"service.languages", "directory"}, {"service.hours", "directory"},
    {"service.address", "directory"}, {"service.phone", "directory (the service's, not a person's)"},
    {"service.schedule", "directory (opening hours)"},
    {"service.required_documents", "directory"}, {"service.fees", "directory"},
    {"service.how_to_apply", "directory"}, {"service.status", "code"},
    {"service_territory.service_id", "id"}, {"service_territory.territory_id", "id"},
    {"setting.key", "configuration"}, {"setting.value", "configuration (response standards)"},
    // Staff accounts: sign-in looks the username up; names of staff are shown to colleagues.
    {"app_user.id", "id"}, {"app_user.username", "staff sign-in, looked up by SQL"},
    {"app_user.display_name", "staff name shown to colleagues"},
    {"app_user.organization_id", "id"}, {"app_user.roles", "codes"},
    {"app_user.password_hash", "Argon2id hash"},
    {"recovery_code.user_id", "id"}, {"recovery_code.code_hash", "hash"},
    {"session.id", "id"}, {"session.user_id", "id"},
    // The shared limits' keys (PostgreSQL only, migration 23): a username, client address or
    // user id, as an HMAC under a key derived from the key file (storage/limiter_keys.hpp), so
    // that whoever reads the database cannot try every address against them. Without a key
    // file a plain SHA-256, which can be reversed for an address by trying every address: the
    // rows live only within the window (15 minutes; a minute for a rate bucket).
    {"limiter_failure.key_digest", "keyed digest of a username, address or user id, minutes-long"},
    {"rate_bucket.key_digest", "keyed digest of a user id or client address, a minute long"},
    {"session.address", "staff client address, for the session list and abuse limits"},
    {"session.user_agent", "staff browser, for the session list"},
    // Audit chain: ids and codes only, hashed into the chain.
    {"audit_event.actor_user", "id"}, {"audit_event.organization", "id"},
    {"audit_event.role", "code"}, {"audit_event.action", "code"},
    {"audit_event.entity_type", "code"}, {"audit_event.entity_id", "id"},
    {"audit_event.outcome", "code"}, {"audit_event.address", "staff client address"},
    {"audit_event.request_id", "id"}, {"audit_event.prev_hash", "hash"},
    {"audit_event.hash", "hash"},
    // (PostgreSQL's audit_record holds the same codes and ids as rows; SQLite keeps them in the
    // full-text audit_listing, as hex: migration 24.)
    // Cases: ids, codes and what the gap report groups by in SQL (sex, nationality and the
    // day an age was estimated; the birth year is an INTEGER beside the sealed birth date).
    {"case_file.id", "id"}, {"case_file.organization_id", "id"},
    {"case_file.territory_id", "id"}, {"case_file.status", "code"},
    {"case_file.name_key", "blind index with a key (keyed hash); the folded name without one"},
    {"case_file.estimated_on", "date the age was estimated (registration), for the gap report"},
    {"case_file.sex", "code, grouped by the gap report"},
    {"case_file.nationality", "country code, grouped by the gap report"},
    {"case_file.created_by", "id"},
    {"case_name_token.case_id", "id"},
    // Staff accounts are left in clear (docs/SECURITY.md, "Left in clear"): the address mail
    // goes to, and the language it is written in.
    {"app_user.email", "staff e-mail address"}, {"app_user.language", "code"},
    // Mail holds ids and codes only (no name or case field ever goes in a mail).
    {"mail_outbox.user_id", "id"}, {"mail_outbox.event", "code"},
    {"mail_outbox.referral_id", "id"}, {"mail_outbox.status", "code"},
    {"mail_outbox.detail", "a digest's counts"}, {"mail_outbox.state", "code"},
    {"mail_outbox.last_error", "the mail server's answer, no message text"},
    {"mail_digest_item.user_id", "id"}, {"mail_digest_item.event", "code"},
    {"mail_digest_item.referral_id", "id"},
    {"notification_pref.user_id", "id"}, {"notification_pref.event", "code"},
    {"notification_pref.mode", "code"},
    {"person_match.case_id", "id"}, {"person_match.organization_id", "id"},
    {"person_match.match_key", "keyed hash of the folded name and birth date (person_match.hpp)"},
    {"case_need.case_id", "id"}, {"case_need.category", "code"}, {"case_need.urgency", "code"},
    {"case_need.id", "id"}, {"case_need.status", "code"},
    {"case_household.case_id", "id"}, {"case_household.other_case_id", "id"},
    {"consent.id", "id"}, {"consent.case_id", "id"}, {"consent.method", "code"},
    {"consent.categories", "codes"}, {"consent.organizations", "ids"},
    {"consent.recorded_by", "id"}, {"consent.withdrawn_by", "id"},
    {"referral.id", "id"}, {"referral.case_id", "id"}, {"referral.from_org", "id"},
    {"referral.to_org", "id"}, {"referral.service_id", "id"}, {"referral.category", "code"},
    {"referral.urgency", "code"}, {"referral.status", "code"},
    {"referral.legal_basis", "code"}, {"referral.consent_id", "id"},
    {"referral.shared_fields", "field names"},
    {"referral.shared_needs", "category codes"}, {"referral.reason_code", "code"},
    {"referral.outcome_code", "code"}, {"referral.reviewed_by", "id"},
    {"referral.created_by", "id"},
    {"referral_history.referral_id", "id"}, {"referral_history.actor_user", "id"},
    {"referral_history.actor_org", "id"}, {"referral_history.from_status", "code"},
    {"referral_history.to_status", "code"}, {"referral_history.reason_code", "code"},
    {"referral_history.outcome_code", "code"},
    {"referral_message.id", "id"}, {"referral_message.referral_id", "id"},
    {"referral_message.author_user", "id"}, {"referral_message.author_org", "id"},
    {"referral_message.author_kind", "code"},
    // Organisations without accounts and the person's view (migration 19).
    {"mail_outbox.organization_id", "id"},
    {"respond_link.token_hash", "SHA-256 of a 256-bit random token"},
    {"respond_link.referral_id", "id"}, {"respond_link.organization_id", "id"},
    {"referral_tracking.referral_id", "id"},
    {"referral_tracking.code", "random code; opens nothing without the PIN"},
    {"referral_tracking.pin_hash", "salted PBKDF2 of the PIN"},
    {"person_feedback.id", "id"}, {"person_feedback.referral_id", "id"},
    {"person_feedback.outcome", "code"}, {"person_feedback.message_id", "id"},
    // Live events: ids and states only (they reach other organisations' streams).
    {"live_event.organizations", "ids"}, {"live_event.type", "code"},
    {"live_event.data", "ids and states"},
    // Idempotency keys: who, which endpoint (method and a path of ids), the client's random
    // key and a hash of the body; the answer itself is sealed.
    {"idempotency_key.user_id", "id"}, {"idempotency_key.endpoint", "method and path (ids)"},
    {"idempotency_key.idem_key", "client's random key"},
    {"idempotency_key.body_hash", "hash"},
    // Webhooks: an organisation's own endpoint and what was sent to it (ids and states).
    {"webhook.id", "id"}, {"webhook.organization_id", "id"},
    {"webhook.url", "the organisation's endpoint"}, {"webhook.events", "codes"},
    {"webhook.created_by", "id"}, {"webhook_delivery.id", "id"},
    {"webhook_delivery.webhook_id", "id"}, {"webhook_delivery.type", "code"},
    {"webhook_delivery.body", "ids and states"}, {"webhook_delivery.state", "code"},
    {"case_transfer.id", "id"}, {"case_transfer.case_id", "id"}, {"case_transfer.from_org", "id"},
    {"case_transfer.to_org", "id"}, {"case_transfer.consent_id", "id"},
    {"case_transfer.by_user", "id"},
    {"webhook_delivery.last_error", "transport error, no request data"},
};

inline bool is_encrypted_column(std::string_view name) {
  for (const auto& c : kEncryptedColumns)
    if (c.name == name) return true;
  return false;
}

}  // namespace enlace::storage
