// The referral ports over SQLite: see sql_referral_store.hpp.
#include "storage/sql_referral_store.hpp"

#include "storage/case_repository.hpp"
#include "storage/directory.hpp"
#include "storage/referral_message_repository.hpp"
#include "storage/referral_repository.hpp"
#include "storage/respond_link_repository.hpp"
#include "storage/settings_repository.hpp"
#include "storage/tracking_repository.hpp"

#include <type_traits>

namespace enlace::storage {

template <class Txn, class Port>
std::vector<std::string> SqlSendingReadsOn<Txn, Port>::known_categories() {
  return CaseRepository::known_categories(tx_);
}

template <class Txn, class Port>
core::Result<core::CaseForReferral> SqlSendingReadsOn<Txn, Port>::find_case(
    const core::Actor& actor, const std::string& case_id) {
  return CaseRepository::load_for_referral(tx_, actor, case_id);
}

template <class Txn, class Port>
bool SqlSendingReadsOn<Txn, Port>::organization_exists(const std::string& organization_id) {
  return Directory::organization_exists(tx_, organization_id);
}

template <class Txn, class Port>
std::optional<core::TargetService> SqlSendingReadsOn<Txn, Port>::find_service(
    const std::string& service_id) {
  auto s = Directory::find_service(tx_, service_id);
  if (!s) return std::nullopt;
  return core::TargetService{std::move(s->id), std::move(s->listing)};
}

template <class Txn, class Port>
std::vector<core::TargetService> SqlSendingReadsOn<Txn, Port>::services_covering(
    const std::string& category, const std::string& territory_id) {
  std::vector<core::TargetService> out;
  for (auto& s : Directory::services_covering(tx_, category, territory_id))
    out.push_back({std::move(s.id), std::move(s.listing)});
  return out;
}

template <class Txn, class Port>
core::ResponseStandards SqlSendingReadsOn<Txn, Port>::response_standards() {
  return SettingsRepository::response_standards(tx_).standards;
}

template <class Txn, class Port>
std::optional<core::SendingBasis> SqlSendingReadsOn<Txn, Port>::sending_basis(
    const core::Actor& actor, const std::string& case_id) {
  return CaseRepository::sending_basis(tx_, actor, case_id);
}

template <class Txn, class Port>
core::Result<core::ReferralRecord> SqlSendingReadsOn<Txn, Port>::find_referral(
    const core::Actor& actor, const std::string& id) {
  if constexpr (std::is_same_v<Txn, WriteTxn>)
    return ReferralRepository::find_for_update(tx_, actor, id);
  else
    return ReferralRepository::find(tx_, actor, id);
}

template class SqlSendingReadsOn<ReadTxn, core::SendingReads>;
template class SqlSendingReadsOn<WriteTxn, core::ReferralStore>;

core::Result<core::ReferralRecord> SqlReferralStore::insert_referral(
    const core::Actor& actor, const core::NewReferral& r, core::Timestamp now) {
  return ReferralRepository::insert(tx_, actor, r, now);
}

core::Result<core::ReferralRecord> SqlReferralStore::update_status(
    const core::Actor& actor, const core::ReferralRecord& current,
    const core::TransitionChange& change, core::Timestamp now) {
  return ReferralRepository::transition(tx_, actor, current, change, now);
}

core::Result<core::ReferralRecord> SqlReferralStore::mark_reviewed(const core::Actor& actor,
                                                                      const std::string& id,
                                                                      core::Timestamp now) {
  return ReferralRepository::mark_reviewed(tx_, actor, id, now);
}

std::vector<core::HistoryEntry> SqlReferralStore::history(const core::ReferralRecord& found) {
  return ReferralRepository::history(tx_, found);
}

core::MessageRecord SqlReferralStore::insert_message(const core::Actor& actor,
                                                        const std::string& message_id,
                                                        const std::string& referral_id,
                                                        const std::string& body,
                                                        core::Timestamp now) {
  return ReferralMessageRepository::insert(tx_, actor, message_id, referral_id, body, now);
}

std::vector<core::MessageRecord> SqlReferralStore::messages(const core::Actor& actor,
                                                               const std::string& referral_id,
                                                               std::int64_t after_seq,
                                                               int limit) {
  return ReferralMessageRepository::list(tx_, actor, referral_id, after_seq, limit);
}

std::optional<std::string> SqlReferralStore::tracking_code(const std::string& referral_id) {
  return TrackingRepository::code_of(tx_, referral_id);
}

std::optional<core::Timestamp> SqlReferralStore::respond_link_expiry(
    const std::string& referral_id) {
  return RespondLinkRepository::expires_at(tx_, referral_id);
}

bool SqlReferralStore::has_external_receiver(const std::string& referral_id) {
  return RespondLinkRepository::external_receiver(tx_, referral_id).has_value();
}

std::optional<core::RespondLinkTarget> SqlReferralStore::open_respond_link(
    const std::string& token_hash, core::Timestamp now) {
  return RespondLinkRepository::resolve(tx_, token_hash, now);
}

core::Result<std::vector<core::ListedReferral>> SqlReferralReader::list_referrals(
    const core::Actor& actor, const core::ReferralListQuery& query, core::Timestamp now) {
  return ReferralRepository::list(tx_, actor, query, now);
}

}  // namespace enlace::storage
