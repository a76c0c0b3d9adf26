// The response standards: see response_standards.hpp.
#include "core/use_cases/response_standards.hpp"

#include "core/directory_access.hpp"

namespace enlace::core {

Result<ResponseStandardsRecord> replace_response_standards(const SettingsPorts& ports,
                                                           const Actor& actor,
                                                           const ResponseStandardsDraft& draft,
                                                           std::int64_t version, Timestamp now) {
  if (!may_administer_network(actor)) return Error::forbidden();
  if (ports.store.response_standards().version != version) return Error::stale();
  auto standards = make_response_standards(draft, ports.store.category_codes());
  if (!standards) return standards.error();
  auto saved = ports.store.save_response_standards(*standards, version, now);
  if (!saved) return saved.error();
  ports.audit.record("settings.update", "setting", kResponseStandardsKey);
  return saved;
}

Result<ResponseStandardsRecord> read_response_standards(SettingsReader& reader) {
  return reader.response_standards();
}

}  // namespace enlace::core
