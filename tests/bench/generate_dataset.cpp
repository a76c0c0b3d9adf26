// Synthetic network for benchmarks: territories, organisations, services, cases with needs and
// consents, and referrals in every state with consistent timestamps. Standalone:
//   generate_dataset --db PATH --cases N [--seed S] [--now YYYY-MM-DD] [--days D]
// It migrates PATH (a fresh file is best) and prints the ids a bench script needs
// (`province_id=...`, `municipality_id=...`, `organization_id=...`). No real person is in it.
#include "core/time.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace enlace;

namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr int kRowsPerTransaction = 20'000;

constexpr std::array<std::string_view, 12> kCategories = {
    "shelter", "documentation", "employment", "health",  "mental_health", "food",
    "legal_aid", "education", "language", "financial_services", "protection", "housing"};
constexpr std::array<std::string_view, 9> kKinds = {
    "municipal_office", "help_desk", "national_agency", "civil_society", "international_organization",
    "migrant_association", "faith_based", "academia", "private"};
constexpr std::array<std::string_view, 7> kReasons = {
    "no_capacity", "not_eligible", "outside_area", "duplicate", "unreachable", "declined_by_person", "other"};

struct Weighted {
  std::string_view value;
  int weight;
};
constexpr Weighted kNationalities[] = {{"VE", 55}, {"CO", 10}, {"HT", 8}, {"EC", 6}, {"PE", 4},
                                       {"CU", 4},  {"SY", 2},  {"AF", 2}, {"SN", 2}, {"CN", 1},
                                       {"NG", 1},  {"BO", 3},  {"DO", 2}};
constexpr Weighted kSexes[] = {{"female", 48}, {"male", 47}, {"other", 1}, {"unknown", 4}};
// Current referral states, roughly as a year-old network would hold them.
constexpr Weighted kStates[] = {{"draft", 3},     {"requested", 9}, {"received", 7},
                                {"accepted", 14}, {"rejected", 15}, {"cancelled", 5},
                                {"in-progress", 14}, {"on-hold", 5}, {"completed", 22},
                                {"failed", 6}};

struct Args {
  std::string db;
  long cases = 10'000;
  unsigned long seed = 42;
  std::string now = "2026-11-24";
  int days = 730;
};

class Gen {
 public:
  explicit Gen(unsigned long seed) : rng_(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <std::size_t N>
  std::string_view pick(const Weighted (&table)[N]) {
    int total = 0;
    for (const auto& w : table) total += w.weight;
    auto r = between(0, total - 1);
    for (const auto& w : table) {
      if (r < w.weight) return w.value;
      r -= w.weight;
    }
    return table[N - 1].value;
  }
  template <class C>
  const auto& any(const C& c) {
    return c[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(c.size()) - 1))];
  }
  // Hours to answer: most within a day or two, a long tail past a week.
  std::int64_t response_ms() {
    std::exponential_distribution<double> e(1.0 / 30.0);
    return 60'000 + static_cast<std::int64_t>(e(rng_) * static_cast<double>(kHour));
  }

 private:
  std::mt19937_64 rng_;
};

// Time-ordered-looking 36-character ids, the size of the server's own.
std::string id(unsigned kind, std::int64_t n) {
  char buf[48];  // room for the widest values the format allows
  std::snprintf(buf, sizeof buf, "%08x-0000-7000-8000-%012llx", kind, static_cast<unsigned long long>(n));
  return buf;
}

std::string date_text(std::int64_t ms) {
  return core::format_date(core::date_of(core::from_millis(ms)));
}

// Commits every kRowsPerTransaction rows: large transactions, bounded WAL.
class Batch {
 public:
  explicit Batch(storage::Connection& c) : c_(c) { c_.exec("BEGIN"); }
  void row() {
    if (++rows_ % kRowsPerTransaction == 0) {
      c_.exec("COMMIT");
      c_.exec("BEGIN");
    }
  }
  ~Batch() { c_.exec("COMMIT"); }

 private:
  storage::Connection& c_;
  long rows_ = 0;
};

struct Territory {
  std::string id;
  std::string municipality;  // the municipality it lies in (itself for a municipality)
};

struct Service {
  std::string id;
  std::size_t org;
};

struct World {
  std::string province, other_province;
  std::vector<std::string> municipalities;
  std::vector<Territory> places;  // municipalities and districts where people live
  std::vector<std::string> orgs, users;
  std::vector<std::vector<Service>> services_by_category;
};

void insert_territory(storage::Connection& c, const std::string& tid, const std::string& name,
                      const char* level, const std::string& parent, std::int64_t at) {
  auto st = c.prepared(
      "INSERT INTO territory (id, name, level, parent_id, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
  st.bind(1, tid);
  st.bind(2, name);
  st.bind(3, level);
  if (parent.empty()) st.bind_null(4);
  else st.bind(4, parent);
  st.bind(5, at);
  st.run();
}

World directory(storage::Connection& c, Gen& g, std::int64_t t0) {
  World w;
  Batch batch(c);
  std::int64_t n = 0;
  std::string country = id(1, n++);
  insert_territory(c, country, "Country", "country", "", t0);
  w.province = id(1, n++);
  insert_territory(c, w.province, "Province", "province", country, t0);
  w.other_province = id(1, n++);
  insert_territory(c, w.other_province, "Other province", "province", country, t0);
  auto add_municipality = [&](const std::string& province, int m) {
    std::string mid = id(1, n++);
    insert_territory(c, mid, "Municipality " + std::to_string(m), "municipality", province, t0);
    w.places.push_back({mid, mid});
    for (int d = 0; d < 4; ++d) {
      std::string did = id(1, n++);
      insert_territory(c, did, "District " + std::to_string(m) + "." + std::to_string(d), "district", mid, t0);
      w.places.push_back({did, mid});
    }
    return mid;
  };
  for (int m = 1; m <= 12; ++m) w.municipalities.push_back(add_municipality(w.province, m));
  std::size_t in_province = w.places.size();
  for (int m = 13; m <= 15; ++m) add_municipality(w.other_province, m);

  w.services_by_category.resize(kCategories.size());
  for (int o = 0; o < 40; ++o) {
    std::string oid = id(2, o);
    auto st = c.prepared(
        "INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
    st.bind(1, oid);
    st.bind(2, "Organisation " + std::to_string(o));
    st.bind(3, kKinds[static_cast<std::size_t>(o) % kKinds.size()]);
    st.bind(4, o == 0 ? w.province : g.any(w.municipalities));
    st.bind(5, t0);
    st.run();
    w.orgs.push_back(oid);
    std::string uid = id(3, o);
    auto us = c.prepared(
        "INSERT INTO app_user (id, username, display_name, organization_id, roles, password_hash, "
        "created_at, updated_at) VALUES (?1, ?2, ?2, ?3, 'caseworker', '!synthetic', ?4, ?4)");
    us.bind(1, uid);
    us.bind(2, "synthetic-" + std::to_string(o));
    us.bind(3, oid);
    us.bind(4, t0);
    us.run();
    w.users.push_back(uid);

    for (int s = 0, count = static_cast<int>(g.between(3, 8)); s < count; ++s) {
      auto cat = static_cast<std::size_t>(g.between(0, kCategories.size() - 1));
      std::string sid = id(4, o * 100 + s);
      auto ss = c.prepared(
          "INSERT INTO service (id, organization_id, category, name, name_key, languages, "
          "required_documents, status, capacity, accepting, created_at, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, '[\"es\"]', '[]', ?6, ?7, ?8, ?9, ?9)");
      ss.bind(1, sid);
      ss.bind(2, oid);
      ss.bind(3, kCategories[cat]);
      ss.bind(4, "Service " + std::to_string(o) + "." + std::to_string(s));
      ss.bind(5, "service " + std::to_string(o) + " " + std::to_string(s));
      ss.bind(6, g.chance(0.85) ? "active" : (g.chance(0.5) ? "temporarily_closed" : "inactive"));
      ss.bind(7, g.between(5, 200));
      ss.bind(8, g.chance(0.8));
      ss.bind(9, t0);
      ss.run();
      w.services_by_category[cat].push_back({sid, static_cast<std::size_t>(o)});
      // Province-wide, one municipality, or one or two districts.
      std::vector<std::string> covers;
      auto r = g.between(0, 9);
      if (r == 0) covers.push_back(w.province);
      else if (r < 5) covers.push_back(g.any(w.municipalities));
      else {
        covers.push_back(w.places[static_cast<std::size_t>(g.between(0, static_cast<std::int64_t>(in_province) - 1))].id);
        if (g.chance(0.5)) covers.push_back(w.places[static_cast<std::size_t>(g.between(0, static_cast<std::int64_t>(in_province) - 1))].id);
      }
      for (const auto& t : covers) {
        auto ts = c.prepared("INSERT OR IGNORE INTO service_territory (service_id, territory_id) VALUES (?1, ?2)");
        ts.bind(1, sid);
        ts.bind(2, t);
        ts.run();
      }
    }
    batch.row();
  }
  return w;
}

struct Counts {
  long cases = 0, needs = 0, consents = 0, referrals = 0;
};

void referral(storage::Connection& c, Gen& g, const World& w, Counts& k, const std::string& case_id,
              std::size_t org, std::string_view category, std::string_view urgency, std::int64_t need_at,
              std::int64_t now, const std::string& consent_id) {
  std::string state(g.pick(kStates));
  std::int64_t requested = need_at + g.between(0, 10 * kDay);
  // A referral cannot be older than "now": late ones are still waiting for an answer.
  if (requested > now) requested = now - g.between(0, kDay), state = g.chance(0.5) ? "requested" : "received";
  if (requested < need_at) requested = need_at;
  std::int64_t hours = urgency == "emergency" ? 4 : urgency == "high" ? 24 : 72;
  std::int64_t respond_by = requested + hours * kHour;
  std::optional<std::int64_t> responded, closed;
  bool answered = state != "draft" && state != "requested" && state != "received" &&
                  !(state == "cancelled" && g.chance(0.6));
  if (answered) {
    responded = std::min(requested + g.response_ms(), now);
    if (state == "rejected" || state == "cancelled" || state == "completed" || state == "failed")
      closed = std::min(*responded + g.between(0, 60 * kDay), now);
  } else if (state == "cancelled") {
    closed = std::min(requested + g.between(0, 5 * kDay), now);
  }
  const auto& candidates = w.services_by_category[static_cast<std::size_t>(
      std::find(kCategories.begin(), kCategories.end(), category) - kCategories.begin())];
  std::optional<Service> service;
  if (!candidates.empty() && g.chance(0.8)) service = g.any(candidates);
  std::size_t to = service ? service->org : static_cast<std::size_t>(g.between(0, w.orgs.size() - 1));
  if (to == org) to = (to + 1) % w.orgs.size(), service.reset();

  std::string rid = id(7, k.referrals++);
  auto st = c.prepared(R"sql(
      INSERT INTO referral (id, case_id, from_org, to_org, service_id, category, urgency, reason,
                            status, legal_basis, consent_id, shared_fields, snapshot, respond_by,
                            requested_at, responded_at, closed_at, reason_code, outcome_code,
                            created_by, created_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'synthetic reason', ?8, 'consent', ?9,
              '["given_name","needs"]', '{"given_name":"Synthetic"}', ?10, ?11, ?12, ?13, ?14, ?15,
              ?16, ?17, ?18))sql");
  st.bind(1, rid);
  st.bind(2, case_id);
  st.bind(3, w.orgs[org]);
  st.bind(4, w.orgs[to]);
  if (service) st.bind(5, service->id);
  else st.bind_null(5);
  st.bind(6, category);
  st.bind(7, urgency);
  st.bind(8, state);
  st.bind(9, consent_id);
  bool sent = state != "draft";
  if (sent) st.bind(10, respond_by), st.bind(11, requested);
  else st.bind_null(10), st.bind_null(11);
  st.bind(12, responded);
  st.bind(13, closed);
  if (state == "rejected") st.bind(14, g.any(kReasons));
  else st.bind_null(14);
  if (state == "completed") st.bind(15, g.chance(0.8) ? "service_provided" : "partly_provided");
  else if (state == "failed") st.bind(15, "not_provided");
  else st.bind_null(15);
  st.bind(16, w.users[org]);
  st.bind(17, requested - g.between(0, kHour));
  st.bind(18, closed.value_or(responded.value_or(requested)));
  st.run();
}

Counts people(storage::Connection& c, Gen& g, const World& w, const Args& a, std::int64_t now) {
  Counts k;
  Batch batch(c);
  std::int64_t start = now - a.days * kDay;
  std::size_t in_province = 12 * 5;
  for (long i = 0; i < a.cases; ++i) {
    // Nine in ten live in the benchmark province; the rest must stay out of its report.
    const auto& place = g.chance(0.9)
                            ? w.places[static_cast<std::size_t>(g.between(0, static_cast<std::int64_t>(in_province) - 1))]
                            : w.places[static_cast<std::size_t>(g.between(static_cast<std::int64_t>(in_province), static_cast<std::int64_t>(w.places.size()) - 1))];
    auto org = static_cast<std::size_t>(g.between(0, w.orgs.size() - 1));
    std::int64_t created = g.between(start, now - kHour);
    auto r = g.between(0, 99);
    int age = r < 12 ? static_cast<int>(g.between(0, 4)) : r < 22 ? static_cast<int>(g.between(5, 11))
            : r < 30 ? static_cast<int>(g.between(12, 17)) : r < 92 ? static_cast<int>(g.between(18, 59))
                     : static_cast<int>(g.between(60, 90));
    bool estimated = g.chance(0.15);
    std::string cid = id(5, i);
    auto st = c.prepared(R"sql(
        INSERT INTO case_file (id, organization_id, territory_id, status, given_name, family_name,
                               name_key, search_rowid, birth_date, estimated_age, estimated_on, sex,
                               nationality, languages, migratory_status, created_by, closed_at,
                               created_at, updated_at)
        VALUES (?1, ?2, ?3, ?4, ?5, 'Synthetic', ?6, ?15, ?7, ?8, ?9, ?10, ?11, '["es"]', 'unknown',
                ?12, ?13, ?14, ?14))sql");
    st.bind(1, cid);
    st.bind(2, w.orgs[org]);
    st.bind(3, place.id);
    bool closed = created < now - 180 * kDay && g.chance(0.6);
    st.bind(4, closed ? "closed" : "open");
    st.bind(5, "Person" + std::to_string(i));
    st.bind(6, "person" + std::to_string(i) + " synthetic");
    std::int64_t born = created - age * 365 * kDay - g.between(0, 364) * kDay;
    if (estimated) {
      st.bind_null(7);
      st.bind(8, age);
      st.bind(9, date_text(created));
    } else {
      st.bind(7, date_text(born));
      st.bind_null(8);
      st.bind_null(9);
    }
    st.bind(10, g.pick(kSexes));
    st.bind(11, g.pick(kNationalities));
    st.bind(12, w.users[org]);
    if (closed) st.bind(13, created + 90 * kDay);
    else st.bind_null(13);
    st.bind(14, created);
    st.bind(15, static_cast<std::int64_t>(i + 1));  // a fresh file: no earlier cases
    st.run();
    ++k.cases;
    batch.row();

    std::string consent_id = id(6, i);
    auto cs = c.prepared(R"sql(
        INSERT INTO consent (id, case_id, method, categories, organizations, recorded_by, given_at, expires_at)
        VALUES (?1, ?2, 'verbal', '["shelter","health","legal_aid","documentation"]', '[]', ?3, ?4, ?5))sql");
    cs.bind(1, consent_id);
    cs.bind(2, cid);
    cs.bind(3, w.users[org]);
    cs.bind(4, created);
    cs.bind(5, created + 365 * kDay);
    cs.run();
    ++k.consents;
    batch.row();

    // One to three needs; each gets 0-4 referrals (mean about 1.5, so three per case).
    auto needs = g.between(1, 3);
    std::vector<std::size_t> cats;
    while (static_cast<std::int64_t>(cats.size()) < needs) {
      auto cat = static_cast<std::size_t>(g.between(0, kCategories.size() - 1));
      if (std::find(cats.begin(), cats.end(), cat) == cats.end()) cats.push_back(cat);
    }
    for (auto cat : cats) {
      std::int64_t need_at = std::min(created + g.between(0, 30 * kDay), now - 1);
      auto urgency = g.chance(0.1) ? "emergency" : g.chance(0.3) ? "high" : "normal";
      auto ns = c.prepared(
          "INSERT INTO case_need (case_id, category, urgency, note, created_at) VALUES (?1, ?2, ?3, '', ?4)");
      ns.bind(1, cid);
      ns.bind(2, kCategories[cat]);
      ns.bind(3, urgency);
      ns.bind(4, need_at);
      ns.run();
      ++k.needs;
      batch.row();
      auto r2 = g.between(0, 99);
      int count = r2 < 12 ? 0 : r2 < 50 ? 1 : r2 < 80 ? 2 : r2 < 95 ? 3 : 4;
      for (int j = 0; j < count; ++j) {
        referral(c, g, w, k, cid, org, kCategories[cat], urgency, need_at, now, consent_id);
        batch.row();
      }
    }
  }
  return k;
}

int usage(const char* why) {
  std::cerr << "generate_dataset: " << why
            << "\nusage: generate_dataset --db PATH --cases N [--seed S] [--now YYYY-MM-DD] [--days D]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) return usage("missing value");
    std::string value = argv[++i];
    if (flag == "--db") a.db = value;
    else if (flag == "--cases") a.cases = std::atol(value.c_str());
    else if (flag == "--seed") a.seed = std::stoul(value);
    else if (flag == "--now") a.now = value;
    else if (flag == "--days") a.days = std::atoi(value.c_str());
    else return usage("unknown flag");
  }
  auto today = core::parse_date(a.now);
  if (a.db.empty() || a.cases <= 0 || a.days <= 0 || !today) return usage("bad arguments");
  auto migrated = storage::migrate(a.db);
  if (!migrated) return std::cerr << "generate_dataset: " << migrated.error().detail << "\n", 1;
  try {
    auto c = storage::Connection::open(a.db, {.read_only = false});
    // A generator's file is disposable: skip the fsyncs the server needs.
    c.exec("PRAGMA synchronous = OFF");
    // Every index of a million referrals in memory: with SQLite's 2 MB default each insert
    // into a large random-order index read its pages back from the file.
    c.exec("PRAGMA cache_size = -1048576");
    Gen g(a.seed);
    std::int64_t now = core::to_millis(core::Timestamp{*today}) + 12 * kHour;
    auto t0 = now - (a.days + 60) * kDay;
    auto t = std::chrono::steady_clock::now();
    World w = directory(c, g, t0);
    Counts k = people(c, g, w, a, now);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    std::cout << "province_id=" << w.province << "\nmunicipality_id=" << w.municipalities[0]
              << "\norganization_id=" << w.orgs[1] << "\ncases=" << k.cases << "\nneeds=" << k.needs
              << "\nconsents=" << k.consents << "\nreferrals=" << k.referrals << "\nseconds=" << secs
              << "\n";
  } catch (const storage::DbError& e) {
    std::cerr << "generate_dataset: " << e.message << "\n";
    return 1;
  }
  return 0;
}
