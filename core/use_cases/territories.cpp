// Territories: see territories.hpp.
#include "core/use_cases/territories.hpp"

#include "core/directory_access.hpp"

namespace enlace::core {

Result<TerritoryRecord> create_territory(const DirectoryPorts& ports, const Actor& actor,
                                         const TerritoryDraft& draft, const std::string& id,
                                         Timestamp now) {
  if (!may_administer_network(actor)) return Error::forbidden();
  auto territory = make_territory(draft);
  if (!territory) return territory.error();
  auto saved = ports.store.insert_territory(id, *territory, now);
  if (!saved) return saved.error();
  ports.audit.record("territory.create", "territory", id);
  return saved;
}

Result<std::vector<TerritoryRecord>> list_territories(DirectoryReader& reader,
                                                      const TerritoryFilter& filter) {
  return reader.territories(filter);
}

}  // namespace enlace::core
