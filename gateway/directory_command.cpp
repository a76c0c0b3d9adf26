// Directory export and import: see directory_command.hpp.
#include "gateway/directory_command.hpp"

#include "core/use_cases/directory_feed.hpp"
#include "core/use_cases/directory_import.hpp"
#include "gateway/cli_commands.hpp"
#include "gateway/clock.hpp"
#include "gateway/command_ports.hpp"
#include "gateway/hsds_json.hpp"
#include "storage/database_maintenance.hpp"

#include <boost/json.hpp>

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

std::string tally_text(const core::ImportTally& t, const char* what) {
  return std::to_string(t.added) + " " + what + " added, " + std::to_string(t.updated) +
         " updated, " + std::to_string(t.unchanged) + " unchanged";
}

}  // namespace

int run_directory_export(const DirectoryFileArgs& a) {
  if (a.format != "hsds") {
    std::cerr << "enlace: --format must be hsds\n";
    return 2;
  }
  if (!schema_current(*storage::open_database_maintenance(a.db), a.db)) return 1;
  bj::array services;
  try {
    // One snapshot for the whole file.
    auto export_all = [&](core::ReadUnit& unit) -> std::optional<core::Error> {
      constexpr std::int64_t kBatch = 500;
      for (std::int64_t offset = 0;; offset += kBatch) {
        auto page = core::hsds_service_page(unit.directory(), {std::nullopt, offset, kBatch});
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
    };
    auto failed = in_command_read(a.db, export_all);
    if (failed) return complain(*failed, "");
  } catch (const CommandDatabaseError& e) {
    std::cerr << "enlace: " << e.what() << "\n";
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
  if (!schema_current(*storage::open_database_maintenance(a.db), a.db)) return 1;
  const auto now = command_now();
  auto apply = [&](CommandPorts& ports) {
    return core::import_directory(ports.directory(cli_context(now)), *parsed, now);
  };
  core::DirectoryImportResult tally;
  try {
    auto done = in_command_txn(a.db, apply);
    if (!done) return complain(done.error(), a.file + ": ");
    tally = *done;
  } catch (const CommandDatabaseError& e) {
    std::cerr << "enlace: " << e.what() << "\n";
    return 1;
  }
  std::cout << "imported from " << a.file << ": " << tally_text(tally.services, "services") << "; "
            << tally_text(tally.organizations, "organisations") << "; "
            << tally_text(tally.territories, "territories") << "; "
            << tally_text(tally.categories, "categories") << "\n";
  return 0;
}

}  // namespace enlace::gateway
