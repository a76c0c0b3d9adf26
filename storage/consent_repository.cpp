// Consents in SQLite: see consent_repository.hpp.
#include "storage/consent_repository.hpp"

#include "core/access_policy.hpp"
#include "core/field_checks.hpp"
#include "storage/case_scope.hpp"
#include "storage/json_text.hpp"

namespace enlace::storage {

namespace {

core::Consent read_consent(Statement& st) {
  core::Consent c;
  c.id = st.text(0);
  c.method = core::parse_consent_method(st.text(1)).value_or(core::ConsentMethod::verbal);
  c.categories = decode_string_array(st.text(2)).value_or(std::vector<std::string>{});
  c.organizations = decode_string_array(st.text(3)).value_or(std::vector<std::string>{});
  c.given_at = core::from_millis(st.int64(4));
  c.expires_at = core::from_millis(st.int64(5));
  if (auto w = st.opt_int64(6)) c.withdrawn_at = core::from_millis(*w);
  return c;
}

// The join is the scope: a consent is visible only through a case the caller may see.
constexpr const char* kSelectScoped = R"sql(
    SELECT c.id, c.method, c.categories, c.organizations, c.given_at, c.expires_at,
           c.withdrawn_at, c.version
      FROM consent c JOIN case_file f ON f.id = c.case_id
     WHERE c.case_id = ?1 AND f.organization_id)sql" ENLACE_IN_CASE_SCOPE("?2");

}  // namespace

core::Result<core::Consent> ConsentRepository::insert(WriteTxn& tx, const core::Actor& actor,
                                                      const std::string& case_id,
                                                      const std::string& id,
                                                      const core::Consent& c) {
  {
    auto st = tx.prepared("SELECT status FROM case_file WHERE id = ?1 AND organization_id"
                          ENLACE_IN_CASE_SCOPE("?2"));
    st.bind(1, case_id);
    st.bind(2, case_scope_org(actor));
    if (!st.step()) return core::Error::not_found("case");
    if (st.text(0) == "closed")
      return core::Error::conflict("case-closed", "A closed case cannot record consent.");
  }
  core::FieldErrors errors;
  for (std::size_t i = 0; i < c.organizations.size(); ++i) {
    auto st = tx.prepared("SELECT 1 FROM organization WHERE id = ?1");
    st.bind(1, c.organizations[i]);
    if (!st.step()) errors.add(core::indexed("organizations", i), "does not exist");
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  auto st = tx.prepared(R"sql(
      INSERT INTO consent (id, case_id, method, categories, organizations, recorded_by,
                           given_at, expires_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  st.bind(1, id);
  st.bind(2, case_id);
  st.bind(3, core::to_string(c.method));
  st.bind(4, encode_string_array(c.categories));
  st.bind(5, encode_string_array(c.organizations));
  st.bind(6, actor.user_id);
  st.bind(7, core::to_millis(c.given_at));
  st.bind(8, core::to_millis(c.expires_at));
  st.run();
  core::Consent stored = c;
  stored.id = id;
  return stored;
}

template <class Txn>
std::vector<core::Consent> ConsentRepository::list_for_case(Txn& tx, const core::Actor& actor,
                                                            const std::string& case_id) {
  static const std::string sql = std::string(kSelectScoped) + " ORDER BY c.given_at, c.id";
  auto st = tx.prepared(sql);
  st.bind(1, case_id);
  st.bind(2, case_scope_org(actor));
  std::vector<core::Consent> out;
  while (st.step()) out.push_back(read_consent(st));
  return out;
}
template std::vector<core::Consent> ConsentRepository::list_for_case(ReadTxn&, const core::Actor&,
                                                                     const std::string&);
template std::vector<core::Consent> ConsentRepository::list_for_case(WriteTxn&, const core::Actor&,
                                                                     const std::string&);

core::Result<core::Consent> ConsentRepository::withdraw(WriteTxn& tx, const core::Actor& actor,
                                                        const std::string& case_id,
                                                        const std::string& consent_id,
                                                        std::optional<std::int64_t> version,
                                                        core::Timestamp now) {
  static const std::string sql = std::string(kSelectScoped) + " AND c.id = ?3";
  core::Consent current;
  {
    auto st = tx.prepared(sql);
    st.bind(1, case_id);
    st.bind(2, case_scope_org(actor));
    st.bind(3, consent_id);
    if (!st.step()) return core::Error::not_found("consent");
    current = read_consent(st);
    if (version && st.int64(7) != *version) return core::Error::stale();
  }
  auto next = core::withdraw(current, now);
  if (!next) return next.error();
  auto st = tx.prepared(R"sql(
      UPDATE consent SET withdrawn_at = ?2, withdrawn_by = ?3, version = version + 1
       WHERE id = ?1 AND withdrawn_at IS NULL)sql");
  st.bind(1, consent_id);
  st.bind(2, core::to_millis(now));
  st.bind(3, actor.user_id);
  st.run();
  return next;
}

}  // namespace enlace::storage
