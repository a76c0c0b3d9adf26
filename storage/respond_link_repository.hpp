// Respond links of organisations without accounts (API.md, "Organisations without accounts"):
// only the SHA-256 of a link's token is stored. A link opens one referral for its receiving
// organisation while that organisation is external; it ends when a newer link is made for the
// referral, or 30 days after the referral closed (core/person_view.hpp).
#pragma once

#include "core/respond_link_target.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>

namespace enlace::storage {

// What a live link opens (core/respond_link_target.hpp).
using core::RespondLinkTarget;

// An external receiver of a referral, for the link made when it is sent.
struct ExternalReceiver {
  std::string organization_id;
  std::optional<std::string> email;
};

class RespondLinkRepository {
 public:
  // The referral's receiver when it is an external organisation.
  static std::optional<ExternalReceiver> external_receiver(WriteTxn& tx,
                                                           const std::string& referral_id);
  // Ends the referral's live links and keeps the new one's hash (hex of SHA-256).
  static void replace(WriteTxn& tx, const std::string& referral_id,
                      const std::string& organization_id, const std::string& token_hash,
                      core::Timestamp now);
  // The referral a live link opens, or nullopt (unknown, replaced, expired, or the
  // organisation is no longer external).
  static std::optional<RespondLinkTarget> resolve(WriteTxn& tx, const std::string& token_hash,
                                                  core::Timestamp now);
  // When the referral's links die on their own: nullopt while it is open.
  static std::optional<core::Timestamp> expires_at(WriteTxn& tx, const std::string& referral_id);
};

}  // namespace enlace::storage
