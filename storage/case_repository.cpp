// Case files in SQLite: see case_repository.hpp.
#include "storage/case_repository.hpp"

#include "core/access_policy.hpp"
#include "core/duplicate_match.hpp"
#include "core/response_standards_record.hpp"
#include "core/text_fold.hpp"
#include "storage/consent_repository.hpp"
#include "storage/json_text.hpp"
#include "storage/key_ring.hpp"
#include "storage/name_index.hpp"
#include "storage/case_scope.hpp"
#include "storage/chain_lock.hpp"
#include "storage/person_match.hpp"
#include "storage/postgres/pg_sql_dialect.hpp"
#include "storage/sql_uuid.hpp"

#include <algorithm>
#include <map>

namespace enlace::storage {

namespace {

constexpr const char* kCaseColumns =
    "id, organization_id, territory_id, status, COALESCE(given_name, ''), "
    "COALESCE(family_name, ''), birth_date, estimated_age, estimated_on, sex, nationality, "
    "languages, migratory_status, COALESCE(phone, ''), specific_needs, notes, version, "
    "created_at, updated_at, closed_at, purged_at";

template <class T, class Parse>
std::vector<T> parse_codes(const std::string& json, Parse parse) {
  std::vector<T> out;
  for (const auto& s : decode_string_array(json).value_or(std::vector<std::string>{}))
    if (auto v = parse(s)) out.push_back(std::move(*v));
  return out;
}

// Rows were validated when written; a purged row keeps its codes but loses its names.
core::Result<CaseRecord> read_case(Statement& st) {
  const auto& cipher = field_cipher();
  auto nationality = core::CountryCode::parse(st.text(10));
  if (!nationality) return core::Error::internal("stored nationality unreadable");
  core::AgeBasis age;
  if (auto b = cipher.open("case_file.birth_date", st.opt_text(6))) age.birth_date = core::parse_date(*b);
  if (auto e = st.opt_int64(7)) age.estimated_age = static_cast<int>(*e);
  if (auto on = st.opt_text(8)) age.estimated_on = core::parse_date(*on).value_or(core::Date{});
  core::Person person{cipher.open("case_file.given_name", st.text(4)),
                      cipher.open("case_file.family_name", st.text(5)),
                      age,
                      core::parse_sex(st.text(9)).value_or(core::Sex::unknown),
                      *nationality,
                      parse_codes<core::LanguageCode>(cipher.open("case_file.languages", st.text(11)),
                                                      core::LanguageCode::parse),
                      core::parse_migratory_status(cipher.open("case_file.migratory_status", st.text(12)))
                          .value_or(core::MigratoryStatus::unknown),
                      cipher.open("case_file.phone", st.text(13))};
  core::CaseFile file{std::move(person),
                      st.text(2),
                      parse_codes<core::SpecificNeed>(
                          field_cipher().open("case_file.specific_needs", st.text(14)),
                          core::parse_specific_need),
                      {},
                      field_cipher().open("case_file.notes", st.text(15)),
                      core::parse_case_status(st.text(3)).value_or(core::CaseStatus::open)};
  CaseRecord r{st.text(0), st.text(1), std::move(file), {}, {}, st.int64(16),
               core::from_millis(st.int64(17)), core::from_millis(st.int64(18)),
               std::nullopt, std::nullopt};
  if (auto c = st.opt_int64(19)) r.closed_at = core::from_millis(*c);
  if (auto p = st.opt_int64(20)) r.purged_at = core::from_millis(*p);
  return r;
}

template <class Txn>
std::vector<core::Need> needs_of(Txn& tx, const std::string& case_id) {
  auto st = tx.prepared(
      "SELECT category, urgency, note, status, id FROM case_need WHERE case_id = ?1"
      " ORDER BY category");
  st.bind(1, case_id);
  std::vector<core::Need> out;
  while (st.step())
    out.push_back({st.text(0), core::parse_urgency(st.text(1)).value_or(core::Urgency::normal),
                   field_cipher().open("case_need.note", st.text(2)),
                   core::parse_need_status(st.text(3)).value_or(core::NeedStatus::open),
                   st.text(4)});
  return out;
}

// Fills needs, household and consents of a case already known to be visible.
template <class Txn>
void complete(Txn& tx, const core::Actor& actor, CaseRecord& r) {
  r.file.needs = needs_of(tx, r.id);
  r.household = CaseRepository::household_of(tx, actor, r.id);
  r.consents = ConsentRepository::list_for_case(tx, actor, r.id);
}

template <class Txn>
core::Result<CaseRecord> find_scoped(Txn& tx, const core::Actor& actor, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kCaseColumns +
      " FROM case_file WHERE id = ?1 AND organization_id" ENLACE_IN_CASE_SCOPE("?2");
  auto st = tx.prepared(sql);
  st.bind(1, id);
  st.bind(2, case_scope_org(actor));
  if (!st.step()) return core::Error::not_found("case");
  auto r = read_case(st);
  if (!r) return r;
  complete(tx, actor, *r);
  return r;
}

std::string optional_date(const std::optional<core::Date>& d) {
  return d ? core::format_date(*d) : std::string();
}

std::vector<std::string> language_texts(const core::Person& p) {
  std::vector<std::string> out;
  for (const auto& l : p.languages) out.push_back(l.str());
  return out;
}

std::vector<std::string> specific_texts(const core::CaseFile& f) {
  std::vector<std::string> out;
  for (auto s : f.specific_needs) out.emplace_back(core::to_string(s));
  return out;
}

bool territory_exists(WriteTxn& tx, const std::string& id) {
  auto st = tx.prepared("SELECT 1 FROM territory WHERE id = ?1");
  st.bind(1, id);
  return st.step();
}

// Binds the editable columns ?3..?16 and ?19 (birth year) shared by insert and update.
// Personal values are sealed (names, birth date, phone, languages, status, needs, notes);
// name_key is the blind key with a key (name_index.hpp).
void bind_file(Statement& st, const std::string& organization_id, const core::CaseFile& f) {
  const auto& p = f.person;
  const auto& cipher = field_cipher();
  st.bind(3, f.territory_id);
  st.bind(4, cipher.seal("case_file.given_name", p.given_name));
  st.bind(5, cipher.seal("case_file.family_name", p.family_name));
  st.bind(6, name_key_of(cipher, organization_id, p.given_name, p.family_name));
  if (p.age.birth_date) {
    auto date = optional_date(p.age.birth_date);
    st.bind(7, cipher.seal("case_file.birth_date", date));
    st.bind(19, birth_year_of(date));
  } else {
    st.bind_null(7);
    st.bind_null(19);
  }
  if (p.age.estimated_age) {
    st.bind(8, *p.age.estimated_age);
    st.bind(9, core::format_date(p.age.estimated_on));
  } else {
    st.bind_null(8);
    st.bind_null(9);
  }
  st.bind(10, core::to_string(p.sex));
  st.bind(11, p.nationality.str());
  st.bind(12, cipher.seal("case_file.languages", encode_string_array(language_texts(p))));
  st.bind(13, cipher.seal("case_file.migratory_status", core::to_string(p.migratory_status)));
  if (p.phone.empty()) st.bind_null(14);
  else st.bind(14, cipher.seal("case_file.phone", p.phone));
  st.bind(15, cipher.seal("case_file.specific_needs", encode_string_array(specific_texts(f))));
  st.bind(16, cipher.seal("case_file.notes", f.notes));
}

// With a key, the case's blind name tokens and its person match follow its names in the same
// transaction.
void index_names(WriteTxn& tx, const std::string& id, const std::string& organization_id,
                 const core::Person& p) {
  const auto& cipher = field_cipher();
  if (!cipher.enabled()) return;
  write_name_tokens(tx, id, name_tokens(cipher, organization_id, p.given_name, p.family_name));
  std::optional<std::string> birth;
  if (p.age.birth_date) birth = core::format_date(*p.age.birth_date);
  write_person_match(tx, id, organization_id,
                     person_match_key(cipher, p.given_name, p.family_name, birth));
}

// Needs keep the day they were first assessed (the gap report counts demand by it), so a
// PATCH that keeps a category keeps its created_at. A need saved without an id gets one here,
// the only place need ids are made.
void write_needs(WriteTxn& tx, const std::string& case_id, const std::vector<core::Need>& needs,
                 core::Timestamp now) {
  std::map<std::string, std::int64_t> assessed;
  {
    auto st = tx.prepared("SELECT category, created_at FROM case_need WHERE case_id = ?1");
    st.bind(1, case_id);
    while (st.step()) assessed[st.text(0)] = st.int64(1);
  }
  {
    auto st = tx.prepared("DELETE FROM case_need WHERE case_id = ?1");
    st.bind(1, case_id);
    st.run();
  }
  for (const auto& n : needs) {
#define ENLACE_INSERT_NEED(UUID)                                                            \
  "INSERT INTO case_need (case_id, category, urgency, note, created_at, status, id)"       \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(NULLIF(?7, ''), " UUID "))"
    auto st = tx.prepared(tx.connection().is_postgres()
                              ? ENLACE_INSERT_NEED(ENLACE_PG_RANDOM_UUID)
                              : ENLACE_INSERT_NEED(ENLACE_SQL_RANDOM_UUID));
#undef ENLACE_INSERT_NEED
    st.bind(1, case_id);
    st.bind(2, n.category);
    st.bind(3, core::to_string(n.urgency));
    st.bind(4, field_cipher().seal("case_need.note", n.note));
    auto kept = assessed.find(n.category);
    st.bind(5, kept != assessed.end() ? kept->second : core::to_millis(now));
    st.bind(6, core::to_string(n.status));
    st.bind(7, n.id);
    st.run();
  }
}

// "jose mu" -> "\"jose\"* AND \"mu\"*": every folded word as a prefix. Words split at ASCII
// punctuation too, as the unicode61 tokenizer does, so quotes can never reach FTS5 syntax.
std::string match_expression(const std::string& q) {
  std::string expr;
  for (const auto& word : core::search_words(core::fold_for_search(q))) {
    if (!expr.empty()) expr += " AND ";
    expr += '"' + word + "\"*";
  }
  return expr;
}

// `sql` with its one `from` replaced by `to` (a statement's two dialects from one text).
std::string replaced(std::string sql, std::string_view from, std::string_view to) {
  return sql.replace(sql.find(from), from.size(), to);
}

// Blind search: the longest word's token drives (the rarest, usually), the others must all
// be rows of the same case. "[t2,t3]" for json_each.
// On PostgreSQL an array literal, {t2,t3}.
std::string json_integers(const std::vector<std::int64_t>& v, std::size_t skip, bool postgres) {
  std::string out = postgres ? "{" : "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i == skip) continue;
    if (out.size() > 1) out += ',';
    out += std::to_string(v[i]);
  }
  return out + (postgres ? "}" : "]");
}

}  // namespace

template <class Txn>
std::vector<std::string> CaseRepository::known_categories(Txn& tx) {
  auto st = tx.prepared("SELECT code FROM category ORDER BY code");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}
template std::vector<std::string> CaseRepository::known_categories(ReadTxn&);
template std::vector<std::string> CaseRepository::known_categories(WriteTxn&);

core::Result<CaseRecord> CaseRepository::insert(WriteTxn& tx, const core::Actor& actor,
                                                const std::string& id, const core::CaseFile& file,
                                                core::Timestamp now) {
  if (!core::can_create_case(actor)) return core::Error::forbidden();
  if (!territory_exists(tx, file.territory_id))
    return core::Error::invalid_field("territory_id", "does not exist");
  hold_chain_lock(tx);  // search_rowid is MAX + 1: two processes must not draw the same
  auto st = tx.prepared(R"sql(
      INSERT INTO case_file (id, organization_id, territory_id, status, given_name, family_name,
                             name_key, search_rowid, birth_date, estimated_age, estimated_on,
                             sex, nationality, languages, migratory_status, phone,
                             specific_needs, notes, created_by, created_at, updated_at, birth_year)
      VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?6,
              (SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM case_file),
              ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19))sql");
  st.bind(1, id);
  st.bind(2, actor.organization_id);
  bind_file(st, actor.organization_id, file);
  st.bind(17, actor.user_id);
  st.bind(18, core::to_millis(now));
  st.run();
  index_names(tx, id, actor.organization_id, file.person);
  write_needs(tx, id, file.needs, now);
  return find_scoped(tx, actor, id);
}

core::Result<CaseRecord> CaseRepository::find(ReadTxn& tx, const core::Actor& actor,
                                              const std::string& id) {
  return find_scoped(tx, actor, id);
}

core::Result<CaseRecord> CaseRepository::find_for_update(WriteTxn& tx, const core::Actor& actor,
                                                         const std::string& id) {
  return find_scoped(tx, actor, id);
}

core::Result<CaseRecord> CaseRepository::update(WriteTxn& tx, const core::Actor& actor,
                                                const std::string& id, std::int64_t version,
                                                const core::CaseFile& file, core::Timestamp now) {
  auto current = find_scoped(tx, actor, id);
  if (!current) return current.error();
  if (current->version != version) return core::Error::stale();
  if (current->file.status == core::CaseStatus::closed)
    return core::Error::conflict("case-closed", "A closed case cannot be edited.");
  if (file.territory_id != current->file.territory_id && !territory_exists(tx, file.territory_id))
    return core::Error::invalid_field("territory_id", "does not exist");
  auto st = tx.prepared(R"sql(
      UPDATE case_file
         SET territory_id = ?3, given_name = ?4, family_name = ?5, name_key = ?6,
             birth_date = ?7, estimated_age = ?8, estimated_on = ?9, sex = ?10,
             nationality = ?11, languages = ?12, migratory_status = ?13, phone = ?14,
             specific_needs = ?15, notes = ?16, version = version + 1, updated_at = ?17,
             birth_year = ?19
       WHERE id = ?1 AND version = ?18
         AND organization_id)sql" ENLACE_IN_CASE_SCOPE("?2"));
  st.bind(1, id);
  st.bind(2, case_scope_org(actor));
  bind_file(st, current->organization_id, file);
  st.bind(17, core::to_millis(now));
  st.bind(18, version);
  st.run();
  if (tx.changes() != 1) return core::Error::stale();
  index_names(tx, id, current->organization_id, file.person);
  write_needs(tx, id, file.needs, now);
  return find_scoped(tx, actor, id);
}

core::Result<CaseRecord> CaseRepository::close(WriteTxn& tx, const core::Actor& actor,
                                               const std::string& id,
                                               std::optional<std::int64_t> version,
                                               const std::optional<std::string>& reason,
                                               core::Timestamp now) {
  auto current = find_scoped(tx, actor, id);
  if (!current) return current.error();
  if (version && current->version != *version) return core::Error::stale();
  auto text = core::check_close(current->file.status, reason);
  if (!text) return text.error();
  auto st = tx.prepared(R"sql(
      UPDATE case_file SET status = 'closed', closed_at = ?3, close_reason = ?4,
                           version = version + 1, updated_at = ?3
       WHERE id = ?1 AND organization_id)sql" ENLACE_IN_CASE_SCOPE("?2"));
  st.bind(1, id);
  st.bind(2, case_scope_org(actor));
  st.bind(3, core::to_millis(now));
  st.bind(4, field_cipher().seal("case_file.close_reason", *text));
  st.run();
  return find_scoped(tx, actor, id);
}

template <class Txn>
core::Result<std::vector<CaseRecord>> CaseRepository::list(Txn& tx, const core::Actor& actor,
                                                           const CaseListFilter& f) {
  std::optional<std::string> status;
  if (f.status) status = std::string(core::to_string(*f.status));
  std::vector<CaseRecord> out;
  auto collect = [&](Statement& st) -> std::optional<core::Error> {
    while (st.step()) {
      auto r = read_case(st);
      if (!r) return r.error();
      out.push_back(std::move(*r));
    }
    return std::nullopt;
  };
  std::optional<core::Error> failed;
  const auto& cipher = field_cipher();
  if (f.q && cipher.enabled()) {
    // Tokens are keyed per organisation: one look-up per organisation in the caller's scope,
    // each cut at limit + 1, merged in id order below.
    const std::string viewer = case_scope_org(actor);
    for (const auto& org : case_scope_organizations(tx, viewer)) {
      auto tokens = query_tokens(cipher, org, *f.q);
      if (tokens.empty()) return out;  // nothing searchable typed: nothing matches
      // The driving token's rows come in case id order from the primary key, so the page is
      // cut after limit + 1 matches; each other token is a key look-up on the same case.
      std::size_t drive = 0;
      auto words = core::search_words(core::fold_for_search(*f.q));
      for (std::size_t i = 1; i < words.size(); ++i)
        if (words[i].size() > words[drive].size()) drive = i;
      static const std::string sql = std::string("SELECT ") + kCaseColumns + R"sql(
            FROM case_name_token t CROSS JOIN case_file ON case_file.id = t.case_id
           WHERE t.token = ?5 AND t.case_id > ?3
             AND NOT EXISTS (SELECT 1 FROM OTHER_TOKENS
                              WHERE NOT EXISTS (SELECT 1 FROM case_name_token x
                                                 WHERE x.token = w.value AND x.case_id = t.case_id))
             AND organization_id = ?1 AND (?2 IS NULL OR status = ?2)
             AND organization_id)sql" ENLACE_IN_CASE_SCOPE("?7") R"sql(
           ORDER BY t.case_id LIMIT ?4)sql";
      static const std::string sqlite_sql = replaced(sql, "OTHER_TOKENS", "json_each(?6) w");
      // PostgreSQL has no CROSS JOIN ... ON (SQLite's way to fix the join order): a plain
      // join, ordered by its planner.
      static const std::string pg_sql = replaced(
          replaced(sql, "OTHER_TOKENS", "unnest(CAST(?6 AS bigint[])) w(value)"), "CROSS JOIN", "JOIN");
      const bool pg = tx.connection().is_postgres();
      auto st = tx.prepared(pg ? pg_sql : sqlite_sql);
      st.bind(1, org);
      st.bind(2, status);
      st.bind(3, f.after);
      st.bind(4, f.limit + 1);
      st.bind(5, tokens[drive]);
      st.bind(6, json_integers(tokens, drive, pg));
      st.bind(7, viewer);
      failed = collect(st);
      if (failed) break;
    }
    std::sort(out.begin(), out.end(),
              [](const CaseRecord& a, const CaseRecord& b) { return a.id < b.id; });
    if (out.size() > static_cast<std::size_t>(f.limit) + 1)
      out.erase(out.begin() + f.limit + 1, out.end());
  } else if (f.q) {
    std::string expr = match_expression(*f.q);
    if (expr.empty()) return out;  // nothing searchable typed: nothing matches
    // PostgreSQL: every word starts a word of the unaccented name (FTS5's "word"* here).
    static const std::string pg_sql = std::string("SELECT ") + kCaseColumns + R"sql(
          FROM case_file
         WHERE name_key <> '' AND NOT EXISTS (
                 SELECT 1 FROM unnest(CAST(?5 AS text[])) w
                  WHERE ' ' || enlace_unaccent(lower(name_key)) NOT LIKE '% ' || w || '%')
           AND organization_id)sql" ENLACE_IN_CASE_SCOPE("?1") R"sql(
           AND (?2 IS NULL OR status = ?2) AND id > ?3
         ORDER BY id LIMIT ?4)sql";
    // Driven by the FTS index (CROSS JOIN keeps it the outer loop): only matching rows are
    // fetched, by the unique search_rowid index; the organisation filter is in the same SQL.
    static const std::string sql = std::string("SELECT ") + kCaseColumns + R"sql(
          FROM case_name_search s CROSS JOIN case_file ON case_file.search_rowid = s.rowid
         WHERE s.case_name_search MATCH ?5
           AND organization_id)sql" ENLACE_IN_CASE_SCOPE("?1") R"sql(
           AND (?2 IS NULL OR status = ?2) AND id > ?3
         ORDER BY id LIMIT ?4)sql";
    const bool pg = tx.connection().is_postgres();
    auto st = tx.prepared(pg ? pg_sql : sql);
    st.bind(1, case_scope_org(actor));
    st.bind(2, status);
    st.bind(3, f.after);
    st.bind(4, f.limit + 1);
    if (pg)
      st.bind(5, pg_text_array(core::search_words(core::fold_for_search(*f.q))));
    else
      st.bind(5, expr);
    failed = collect(st);
  } else {
    static const std::string sql = std::string("SELECT ") + kCaseColumns + R"sql(
          FROM case_file
         WHERE organization_id)sql" ENLACE_IN_CASE_SCOPE("?1") R"sql(
           AND (?2 IS NULL OR status = ?2) AND id > ?3
         ORDER BY id LIMIT ?4)sql";
    auto st = tx.prepared(sql);
    st.bind(1, case_scope_org(actor));
    st.bind(2, status);
    st.bind(3, f.after);
    st.bind(4, f.limit + 1);
    failed = collect(st);
  }
  if (failed) return *failed;
  for (auto& r : out) complete(tx, actor, r);
  return out;
}
template core::Result<std::vector<CaseRecord>> CaseRepository::list(ReadTxn&, const core::Actor&,
                                                                    const CaseListFilter&);
template core::Result<std::vector<CaseRecord>> CaseRepository::list(WriteTxn&, const core::Actor&,
                                                                    const CaseListFilter&);

bool CaseRepository::known_elsewhere(WriteTxn& tx, const core::Actor& actor,
                                     const core::Person& person) {
  std::optional<std::string> birth;
  if (person.age.birth_date) birth = core::format_date(*person.age.birth_date);
  auto key = person_match_key(field_cipher(), person.given_name, person.family_name, birth);
  return key && storage::known_elsewhere(tx, case_scope_org(actor), *key);
}

std::vector<std::string> CaseRepository::possible_duplicates(WriteTxn& tx,
                                                             const core::Actor& actor,
                                                             const core::Person& person,
                                                             core::Date today,
                                                             const std::string& except_id) {
  // Candidates by the (organization_id, name_key) index, one organisation of the caller's
  // scope at a time (name keys are keyed per organisation); the full rule decides.
  static const std::string sql = std::string("SELECT ") + kCaseColumns +
      " FROM case_file WHERE organization_id = ?1 AND name_key = ?2 AND id <> ?3"
      " AND organization_id" ENLACE_IN_CASE_SCOPE("?4") " ORDER BY id";
  const std::string viewer = case_scope_org(actor);
  std::vector<std::string> out;
  const core::Identity mine = core::identity_of(person);
  for (const auto& org : case_scope_organizations(tx, viewer)) {
    auto st = tx.prepared(sql);
    st.bind(1, org);
    st.bind(2, name_key_of(field_cipher(), org, person.given_name, person.family_name));
    st.bind(3, except_id);
    st.bind(4, viewer);
    while (st.step()) {
      auto r = read_case(st);
      if (r && core::is_possible_duplicate(mine, core::identity_of(r->file.person), today))
        out.push_back(r->id);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

core::Result<std::vector<HouseholdLink>> CaseRepository::add_household_link(
    WriteTxn& tx, const core::Actor& actor, const std::string& case_id,
    const std::string& other_case_id, const std::string& relation) {
  auto visible = [&](const std::string& id) {
    auto st = tx.prepared("SELECT 1 FROM case_file WHERE id = ?1 AND organization_id"
                          ENLACE_IN_CASE_SCOPE("?2"));
    st.bind(1, id);
    st.bind(2, case_scope_org(actor));
    return st.step();
  };
  if (!visible(case_id)) return core::Error::not_found("case");
  if (other_case_id == case_id || !visible(other_case_id))
    return core::Error::invalid_field("case_id", "is not another case of your organisation");
  auto st = tx.prepared(R"sql(
      INSERT INTO case_household (case_id, other_case_id, relation) VALUES (?1, ?2, ?3)
      ON CONFLICT (case_id, other_case_id) DO UPDATE SET relation = excluded.relation)sql");
  st.bind(1, case_id);
  st.bind(2, other_case_id);
  st.bind(3, field_cipher().seal("case_household.relation", relation));
  st.run();
  return household_of(tx, actor, case_id);
}

template <class Txn>
std::vector<HouseholdLink> CaseRepository::household_of(Txn& tx, const core::Actor& actor,
                                                        const std::string& case_id) {
  // A link shows on both cases; the relation is as recorded from the first one's side.
  auto st = tx.prepared(R"sql(
      SELECT l.other, l.relation FROM (
        SELECT other_case_id AS other, relation FROM case_household WHERE case_id = ?1
        UNION ALL
        SELECT case_id, relation FROM case_household WHERE other_case_id = ?1) l
      JOIN case_file o ON o.id = l.other
       AND o.organization_id)sql" ENLACE_IN_CASE_SCOPE("?2") R"sql(
      ORDER BY 1)sql");
  st.bind(1, case_id);
  st.bind(2, case_scope_org(actor));
  std::vector<HouseholdLink> out;
  while (st.step())
    out.push_back({st.text(0), field_cipher().open("case_household.relation", st.text(1))});
  return out;
}
template std::vector<HouseholdLink> CaseRepository::household_of(ReadTxn&, const core::Actor&,
                                                                 const std::string&);
template std::vector<HouseholdLink> CaseRepository::household_of(WriteTxn&, const core::Actor&,
                                                                 const std::string&);

core::Result<CaseTransferred> CaseRepository::transfer(WriteTxn& tx, const core::Actor& actor,
                                                       const std::string& id,
                                                       std::int64_t version,
                                                       const core::TransferRequest& request,
                                                       const std::string& transfer_id,
                                                       core::Timestamp now) {
  auto current = find_scoped(tx, actor, id);
  if (!current) return current.error();
  if (current->purged_at) return core::Error::not_found("case");
  if (current->version != version) return core::Error::stale();
  {
    auto st = tx.prepared("SELECT 1 FROM organization WHERE id = ?1");
    st.bind(1, request.to_organization_id);
    if (!st.step())
      return core::Error::invalid_field("to_organization_id", "is not a known organisation");
  }
  auto consent_id = core::check_transfer(current->organization_id, current->file.status, request,
                                         current->consents, now);
  if (!consent_id) return consent_id.error();
  const auto& p = current->file.person;
  {
    auto st = tx.prepared(R"sql(
        UPDATE case_file SET organization_id = ?3, name_key = ?4, version = version + 1,
                             updated_at = ?5
         WHERE id = ?1 AND version = ?6 AND organization_id)sql" ENLACE_IN_CASE_SCOPE("?2"));
    st.bind(1, id);
    st.bind(2, case_scope_org(actor));
    st.bind(3, request.to_organization_id);
    st.bind(4, name_key_of(field_cipher(), request.to_organization_id, p.given_name, p.family_name));
    st.bind(5, core::to_millis(now));
    st.bind(6, version);
    st.run();
    if (tx.changes() != 1) return core::Error::stale();
  }
  index_names(tx, id, request.to_organization_id, p);
  {
    auto st = tx.prepared(R"sql(
        INSERT INTO case_transfer (id, case_id, from_org, to_org, consent_id, reason, by_user, at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
    st.bind(1, transfer_id);
    st.bind(2, id);
    st.bind(3, current->organization_id);
    st.bind(4, request.to_organization_id);
    st.bind(5, *consent_id);
    st.bind(6, field_cipher().seal("case_transfer.reason", request.reason));
    st.bind(7, actor.user_id);
    st.bind(8, core::to_millis(now));
    st.run();
  }
  return CaseTransferred{id, current->organization_id, request.to_organization_id, *consent_id};
}

template <class Txn>
core::Result<CaseForReferral> CaseRepository::load_for_referral(Txn& tx,
                                                                const core::Actor& actor,
                                                                const std::string& case_id) {
  auto r = find_scoped(tx, actor, case_id);
  if (!r) return r.error();
  if (r->purged_at) return core::Error::not_found("case");
  return CaseForReferral{r->id, r->organization_id, r->file.territory_id, std::move(r->file),
                         std::move(r->consents), r->version};
}
template core::Result<CaseForReferral> CaseRepository::load_for_referral(ReadTxn&,
                                                                         const core::Actor&,
                                                                         const std::string&);
template core::Result<CaseForReferral> CaseRepository::load_for_referral(WriteTxn&,
                                                                         const core::Actor&,
                                                                         const std::string&);

template <class Txn>
std::optional<core::SendingBasis> CaseRepository::sending_basis(Txn& tx,
                                                                const core::Actor& actor,
                                                                const std::string& case_id) {
  core::SendingBasis b;
  {
    auto st = tx.prepared("SELECT version FROM case_file WHERE id = ?1 AND purged_at IS NULL"
                          " AND organization_id" ENLACE_IN_CASE_SCOPE("?2"));
    st.bind(1, case_id);
    st.bind(2, case_scope_org(actor));
    if (!st.step()) return std::nullopt;
    b.case_version = st.int64(0);
  }
  {
    // The case is the caller's (above), so its consents are too.
    auto st = tx.prepared("SELECT id, version FROM consent WHERE case_id = ?1 ORDER BY id");
    st.bind(1, case_id);
    while (st.step()) b.consents.emplace_back(st.text(0), st.int64(1));
  }
  // A setting never stored counts as version 1 (its defaults), as SettingsRepository says.
  auto st = tx.prepared("SELECT version FROM setting WHERE key = ?1");
  st.bind(1, core::kResponseStandardsKey);
  b.standards_version = st.step() ? st.int64(0) : 1;
  return b;
}
template std::optional<core::SendingBasis> CaseRepository::sending_basis(ReadTxn&,
                                                                         const core::Actor&,
                                                                         const std::string&);
template std::optional<core::SendingBasis> CaseRepository::sending_basis(WriteTxn&,
                                                                         const core::Actor&,
                                                                         const std::string&);

}  // namespace enlace::storage
