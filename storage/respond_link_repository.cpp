// Respond links in SQLite: see respond_link_repository.hpp.
#include "storage/respond_link_repository.hpp"

#include "core/person_view.hpp"

namespace enlace::storage {

std::optional<ExternalReceiver> RespondLinkRepository::external_receiver(
    WriteTxn& tx, const std::string& referral_id) {
  auto st = tx.prepared(R"sql(
      SELECT o.id, o.email FROM referral r JOIN organization o ON o.id = r.to_org
       WHERE r.id = ?1 AND o.external = 1)sql");
  st.bind(1, referral_id);
  if (!st.step()) return std::nullopt;
  return ExternalReceiver{st.text(0), st.opt_text(1)};
}

void RespondLinkRepository::replace(WriteTxn& tx, const std::string& referral_id,
                                    const std::string& organization_id,
                                    const std::string& token_hash, core::Timestamp now) {
  {
    auto st = tx.prepared(
        "UPDATE respond_link SET ended_at = ?2 WHERE referral_id = ?1 AND ended_at IS NULL");
    st.bind(1, referral_id);
    st.bind(2, core::to_millis(now));
    st.run();
  }
  auto st = tx.prepared(R"sql(
      INSERT INTO respond_link (token_hash, referral_id, organization_id, created_at)
      VALUES (?1, ?2, ?3, ?4))sql");
  st.bind(1, token_hash);
  st.bind(2, referral_id);
  st.bind(3, organization_id);
  st.bind(4, core::to_millis(now));
  st.run();
}

std::optional<RespondLinkTarget> RespondLinkRepository::resolve(WriteTxn& tx,
                                                                const std::string& token_hash,
                                                                core::Timestamp now) {
  // The link's organisation must still be the referral's receiver and still external: a
  // network that gives the organisation accounts closes its links.
  auto st = tx.prepared(R"sql(
      SELECT l.referral_id, l.organization_id, r.closed_at
        FROM respond_link l
        JOIN referral r ON r.id = l.referral_id AND r.to_org = l.organization_id
        JOIN organization o ON o.id = l.organization_id AND o.external = 1
       WHERE l.token_hash = ?1 AND l.ended_at IS NULL AND r.status <> 'draft')sql");
  st.bind(1, token_hash);
  if (!st.step()) return std::nullopt;
  std::optional<core::Timestamp> closed;
  if (auto at = st.opt_int64(2)) closed = core::from_millis(*at);
  auto expiry = core::respond_link_expiry(closed);
  if (expiry && *expiry <= now) return std::nullopt;
  return RespondLinkTarget{st.text(0), st.text(1)};
}

std::optional<core::Timestamp> RespondLinkRepository::expires_at(WriteTxn& tx,
                                                                 const std::string& referral_id) {
  auto st = tx.prepared("SELECT closed_at FROM referral WHERE id = ?1");
  st.bind(1, referral_id);
  if (!st.step()) return std::nullopt;
  std::optional<core::Timestamp> closed;
  if (auto at = st.opt_int64(0)) closed = core::from_millis(*at);
  return core::respond_link_expiry(closed);
}

}  // namespace enlace::storage
