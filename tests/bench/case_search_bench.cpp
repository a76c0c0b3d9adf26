// Name search at 100,000 cases, at the storage layer: builds a database of realistic Spanish
// and Filipino names with accents across several organisations, then times
// CaseRepository::list with `q` (the query GET /api/v1/cases?q= runs) on a read-only
// connection. Usage: case_search_bench [cases=100000] [queries=2000]
// With ENLACE_BENCH_KEY_FILE (a key file as `encryption_key_file` takes), names are sealed and
// searched through the keyed blind index (storage/name_index.hpp) instead of FTS5.
#include "core/case_file.hpp"
#include "storage/case_repository.hpp"
#include "storage/key_ring.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace enlace;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kGiven = {
    "José", "María", "Ana", "Luis", "Juan", "Carmen", "Sofía", "Mateo", "Valentina", "Andrés",
    "Ángel", "Lucía", "Iñaki", "Jesús", "Martín", "Camila", "Daniela", "Sebastián", "Isabel",
    "Nicolás", "Gabriela", "Tomás", "Ramón", "Inés", "Raúl", "Joaquín", "Mónica", "Héctor",
    "Rosa", "Elena", "Pedro", "Fernanda", "Julián", "Verónica", "Maricel", "Rizalina", "Jun",
    "Rowena", "Bayani", "Ligaya", "Marites", "Efrén", "Dolores", "Consuelo", "Agustín", "Zoé",
    "Noemí", "Adrián", "Esperanza", "Ximena"};
const std::vector<std::string> kFamily = {
    "Muñoz", "García", "Rodríguez", "Pérez", "González", "Hernández", "López", "Martínez",
    "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Cruz",
    "Morales", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Álvarez", "Mendoza", "Vásquez",
    "Castillo", "Jiménez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vargas",
    "Castro", "Suárez", "Peña", "Ibáñez", "Dela Cruz", "Santos", "Bautista", "Villanueva",
    "Aquino", "Manalo", "Quispe", "Mamani", "Condori", "Guamán", "Chimbo", "Tenorio"};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::stoi(argv[1]) : 100000;
  const int queries = argc > 2 ? std::stoi(argv[2]) : 2000;
  const int orgs = 5;
  if (const char* key_file = std::getenv("ENLACE_BENCH_KEY_FILE")) {
    auto key = storage::read_field_key(key_file);
    if (!key) return 2;
    storage::install_field_cipher(std::make_unique<const storage::FieldCipher>(std::move(*key)));
  }
  std::printf("names: %s\n", storage::field_cipher().enabled() ? "sealed, blind index" : "plain, FTS5");
  auto dir = std::filesystem::temp_directory_path() / "enlace-case-search-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "bench.sqlite").string();
  if (!storage::migrate(path)) return 1;

  std::mt19937 rng(42);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto conn = storage::Connection::open(path, {});
  conn.exec("INSERT INTO territory (id, name, level, created_at, updated_at) "
            "VALUES ('t1', 'Quito', 'municipality', 0, 0)");
  std::vector<core::Actor> actors;
  for (int o = 0; o < orgs; ++o) {
    std::string org = "o" + std::to_string(o), user = "u" + std::to_string(o);
    auto st = conn.prepared(
        "INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at) "
        "VALUES (?1, ?1, 'help_desk', 't1', 0, 0)");
    st.bind(1, org);
    st.run();
    auto us = conn.prepared(
        "INSERT INTO app_user (id, username, display_name, organization_id, roles, "
        "password_hash, created_at, updated_at) VALUES (?1, ?1, ?1, ?2, 'caseworker', 'x', 0, 0)");
    us.bind(1, user);
    us.bind(2, org);
    us.run();
    actors.push_back({user, org, {core::Role::caseworker}, "s"});
  }

  const auto today = core::Date{std::chrono::year{2026} / 11 / 24};
  const auto now = core::Timestamp{core::Date{today}};
  const std::vector<std::string> categories{"shelter", "health", "food"};
  auto t0 = Clock::now();
  conn.exec("BEGIN");
  {
    storage::WriteTxn tx(conn);
    char id[32];
    for (int i = 0; i < cases; ++i) {
      core::CaseDraft d;
      d.person.given_name = pick(kGiven) + (rng() % 3 == 0 ? " " + pick(kGiven) : "");
      d.person.family_name = pick(kFamily) + " " + pick(kFamily);
      d.person.birth_date = std::to_string(1950 + rng() % 70) + "-0" + std::to_string(1 + rng() % 9) + "-1" +
                            std::to_string(rng() % 10);
      d.person.sex = rng() % 2 ? "female" : "male";
      d.person.nationality = rng() % 2 ? "VE" : "CO";
      d.territory_id = "t1";
      d.needs = std::vector<core::NeedDraft>{{"shelter", "normal", ""}};
      auto file = core::make_case(d, categories, today);
      if (!file) return 1;
      std::snprintf(id, sizeof id, "case-%08d", i);
      auto saved = storage::CaseRepository::insert(tx, actors[static_cast<std::size_t>(i % orgs)],
                                                   id, *file, now);
      if (!saved) return 1;
    }
  }
  conn.exec("COMMIT");
  double load_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("inserted %d cases (%d organisations) in %.1f s (%.0f cases/s, one transaction)\n",
              cases, orgs, load_s, cases / load_s);

  // Query mix: a given-name prefix, a whole family name typed without accents, two words,
  // and a short 2-letter prefix (the broadest match).
  auto reader = storage::Connection::open(path, {.read_only = true});
  storage::ReadTxn rtx(reader);
  std::vector<double> ms;
  std::size_t rows = 0;
  for (int i = 0; i < queries; ++i) {
    std::string g = pick(kGiven), f = pick(kFamily);
    std::string q;
    switch (i % 4) {
      case 0: q = g.substr(0, 3); break;
      case 1: q = f; break;
      case 2: q = g + " " + f.substr(0, 4); break;
      default: q = f.substr(0, 2); break;
    }
    storage::CaseListFilter filter;
    filter.q = q;
    auto start = Clock::now();
    auto r = storage::CaseRepository::list(rtx, actors[static_cast<std::size_t>(i % orgs)], filter);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!r) return 1;
    rows += r->size();
  }
  std::printf("%d searches (limit 50, page of full cases): median %.2f ms, p90 %.2f ms, "
              "p99 %.2f ms, max %.2f ms; %.1f rows per page on average\n",
              queries, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
              percentile(ms, 1.0), static_cast<double>(rows) / queries);
  std::printf("database: %.1f MB\n",
              static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  if (!std::getenv("ENLACE_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return 0;
}
