// Directory export and import: see directory_command.hpp.
#include "gateway/directory_command.hpp"

#include "core/use_cases/directory_feed.hpp"
#include "gateway/cli_commands.hpp"
#include "storage/one_off_txn.hpp"
#include "gateway/clock.hpp"
#include "gateway/hsds_json.hpp"
#include "storage/audit_log.hpp"
#include "storage/category_repository.hpp"
#include "storage/organization_repository.hpp"
#include "storage/service_repository.hpp"
#include "storage/sql_directory_store.hpp"
#include "storage/territory_repository.hpp"
#include "storage/migrations.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace enlace::gateway {

namespace bj = boost::json;

namespace {

// The test clock the server honours, so that the stamps of an import are testable.
core::Timestamp command_now() {
  const char* test_clock = std::getenv("ENLACE_TEST_CLOCK_FILE");
  return Clock(test_clock ? test_clock : "").now();
}


int complain(const core::Error& e, const std::string& where) {
  if (e.fields.empty()) {
    std::cerr << "enlace: " << where << e.detail << "\n";
  } else {
    for (const auto& f : e.fields.items())
      std::cerr << "enlace: " << where << (f.field.empty() ? "" : f.field + ": ") << f.message << "\n";
  }
  return e.code == core::ErrorCode::invalid || e.code == core::ErrorCode::not_found ? 2 : 1;
}

// Field errors of one record, renamed under its place in the file (`[3].` + field).
core::Error under(const std::string& prefix, core::Error e) {
  core::FieldErrors named;
  for (const auto& f : e.fields.items()) named.add(prefix + f.field, f.message);
  if (e.fields.empty()) named.add(prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1), e.detail);
  return core::Error::invalid(std::move(named), e.detail);
}

struct Tally {
  int added = 0, updated = 0, unchanged = 0;
  std::string text(const char* what) const {
    return std::to_string(added) + " " + what + " added, " + std::to_string(updated) + " updated, " +
           std::to_string(unchanged) + " unchanged";
  }
};

}  // namespace

int run_directory_export(const DirectoryFileArgs& a) {
  if (a.format != "hsds") {
    std::cerr << "enlace: --format must be hsds\n";
    return 2;
  }
  if (!schema_current(a.db)) return 1;
  bj::array services;
  try {
    // One snapshot for the whole file.
    auto failed = storage::in_read_txn(a.db, [&](storage::ReadTxn& tx) -> std::optional<core::Error> {
      constexpr std::int64_t kBatch = 500;
      for (std::int64_t offset = 0;; offset += kBatch) {
        storage::SqlDirectoryReader reader(tx);
        auto page = core::hsds_service_page(reader, {std::nullopt, offset, kBatch});
        if (!page) return page.error();
        for (const auto& s : page->items) {
          // The file carries the whole organisation (its attributes name its kind and territory,
          // which an import needs); the feed's service shows the organisation's list form.
          auto service = hsds_service(s);
          service["organization"] = hsds_organization(s.organization);
          services.push_back(std::move(service));
        }
        if (static_cast<std::int64_t>(page->items.size()) < kBatch) break;
      }
      return std::nullopt;
    });
    if (failed) return complain(*failed, "");
  } catch (const storage::DbError& e) {
    std::cerr << "enlace: " << e.message << "\n";
    return 1;
  }
  std::ofstream out(a.file, std::ios::binary | std::ios::trunc);
  out << bj::serialize(services) << "\n";
  out.close();
  if (!out) {
    std::cerr << "enlace: could not write " << a.file << "\n";
    return 1;
  }
  std::cout << "exported " << services.size() << " service(s) to " << a.file << "\n";
  return 0;
}

int run_directory_import(const DirectoryFileArgs& a) {
  if (a.format != "hsds") {
    std::cerr << "enlace: --format must be hsds\n";
    return 2;
  }
  std::ifstream in(a.file, std::ios::binary);
  if (!in) {
    std::cerr << "enlace: cannot read " << a.file << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  bj::parse_options strict;
  auto doc = bj::parse(text.str(), ec, {}, strict);
  if (ec) {
    std::cerr << "enlace: " << a.file << ": not JSON (" << ec.message() << ")\n";
    return 2;
  }
  auto parsed = read_hsds_services(doc);
  if (!parsed) return complain(parsed.error(), a.file + ": ");
  if (!schema_current(a.db)) return 1;
  const auto now = command_now();
  const auto ctx = cli_context(now);
  Tally territories, organizations, categories, services;

  auto apply = [&](storage::WriteTxn& tx) -> core::Result<bool> {
    for (const auto& t : parsed->territories) {
      if (storage::TerritoryRepository::find(tx, t.id)) {
        ++territories.unchanged;  // the network's own tree is edited through the API
        continue;
      }
      auto saved = storage::TerritoryRepository::insert(tx, t.id, t.territory, now);
      if (!saved) return under("territory " + t.id + ": ", saved.error());
      storage::append_audit(tx, ctx.event("territory.create", "territory", t.id));
      ++territories.added;
    }
    for (const auto& [code, name] : parsed->categories) {
      if (storage::CategoryRepository::exists(tx, code)) {
        ++categories.unchanged;
        continue;
      }
      auto saved = storage::CategoryRepository::insert(tx, {code, name, now});
      if (!saved) return under("category " + code + ": ", saved.error());
      storage::append_audit(tx, ctx.event("category.create", "category", code));
      ++categories.added;
    }
    for (const auto& o : parsed->organizations) {
      const std::string where = "organization " + o.id + ": ";
      auto current = storage::OrganizationRepository::find(tx, o.id);
      // HSDS has no field for case sharing, an access rule of this network: an import keeps it.
      core::OrganizationDraft draft = o.draft;
      if (current && draft.parent_id && !draft.parent_id->empty())
        draft.shares_cases_with_parent = current->organization.shares_cases_with_parent;
      auto org = core::make_organization(draft);
      if (!org) return under(where, org.error());
      if (current && current->organization == *org) {
        ++organizations.unchanged;
        continue;
      }
      auto saved = current ? storage::OrganizationRepository::update(tx, o.id, current->version, *org, now)
                           : storage::OrganizationRepository::insert(tx, o.id, *org, now);
      if (!saved) return under(where, saved.error());
      storage::append_audit(tx, ctx.event(current ? "organization.update" : "organization.create",
                                          "organization", o.id));
      ++(current ? organizations.updated : organizations.added);
    }
    for (std::size_t i = 0; i < parsed->services.size(); ++i) {
      const auto& s = parsed->services[i];
      const std::string where = "[" + std::to_string(i) + "].";
      auto listing = core::make_service_listing(s.draft, now);
      if (!listing) return under(where, listing.error());
      std::sort(listing->territory_ids.begin(), listing->territory_ids.end());  // as stored
      auto current = storage::ServiceRepository::find(tx, s.id);
      if (current && current->listing == *listing) {
        ++services.unchanged;
        continue;
      }
      auto saved = current ? storage::ServiceRepository::update(tx, s.id, current->version, *listing, now)
                           : storage::ServiceRepository::insert(tx, s.id, *listing, now);
      if (!saved) return under(where, saved.error());
      storage::append_audit(tx, ctx.event(current ? "service.update" : "service.create", "service", s.id));
      ++(current ? services.updated : services.added);
    }
    return true;
  };
  try {
    auto done = storage::in_write_txn(a.db, apply);
    if (!done) return complain(done.error(), a.file + ": ");
  } catch (const storage::DbError& e) {
    std::cerr << "enlace: " << e.message << "\n";
    return 1;
  }
  std::cout << "imported from " << a.file << ": " << services.text("services") << "; "
            << organizations.text("organisations") << "; " << territories.text("territories")
            << "; " << categories.text("categories") << "\n";
  return 0;
}

}  // namespace enlace::gateway
