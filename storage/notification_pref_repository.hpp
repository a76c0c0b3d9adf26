// The e-mail choices users made (GET/PUT /me/notifications). Only choices are stored; a key a
// user never set is the role's default (core/notification_prefs.hpp).
#pragma once

#include "core/notification_prefs.hpp"
#include "storage/txn.hpp"

#include <map>
#include <string>

namespace enlace::storage {

using MailChoices = core::MailChoices;

class NotificationPrefRepository {
 public:
  static MailChoices choices(ReadTxn& tx, const std::string& user_id);
  // Replaces every choice of the user with `choices` (a key left out goes back to its default).
  static void replace(WriteTxn& tx, const std::string& user_id, const MailChoices& choices);
};

}  // namespace enlace::storage
