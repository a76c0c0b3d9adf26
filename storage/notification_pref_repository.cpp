// E-mail choices in SQLite: see notification_pref_repository.hpp.
#include "storage/notification_pref_repository.hpp"

namespace enlace::storage {

MailChoices NotificationPrefRepository::choices(ReadTxn& tx, const std::string& user_id) {
  auto st = tx.prepared("SELECT event, mode FROM notification_pref WHERE user_id = ?1");
  st.bind(1, user_id);
  MailChoices out;
  while (st.step())
    if (auto mode = core::parse_mail_mode(st.text(1))) out.emplace(st.text(0), *mode);
  return out;
}

void NotificationPrefRepository::replace(WriteTxn& tx, const std::string& user_id,
                                         const MailChoices& choices) {
  auto del = tx.prepared("DELETE FROM notification_pref WHERE user_id = ?1");
  del.bind(1, user_id);
  del.run();
  for (const auto& [event, mode] : choices) {
    auto st = tx.prepared("INSERT INTO notification_pref (user_id, event, mode) VALUES (?1, ?2, ?3)");
    st.bind(1, user_id);
    st.bind(2, event);
    st.bind(3, core::to_string(mode));
    st.run();
  }
}

}  // namespace enlace::storage
