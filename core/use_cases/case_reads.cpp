// Reading cases: see case_reads.hpp.
#include "core/use_cases/case_reads.hpp"

namespace enlace::core {

Result<Refusable<CaseRecord>> read_case(const CasePorts& ports, const Actor& actor,
                                        const std::string& id) {
  auto found = ports.store.find_case(actor, id);
  if (!found)
    return refuse_or_fail<CaseRecord>(ports.audit, found.error(), "case.read", "case", id);
  ports.audit.record("case.read", "case", id);
  return Refusable<CaseRecord>{std::move(*found), std::nullopt};
}

Result<CasePage> list_cases(CaseReader& reader, const Actor& actor,
                            const CaseListFilter& filter) {
  auto rows = reader.list_cases(actor, filter);
  if (!rows) return rows.error();
  auto shown = shown_ids(*rows, filter.limit, [](const CaseRecord& r) { return r.id; });
  return CasePage{std::move(*rows), std::move(shown)};
}

void record_case_page(AuditTrail& audit, std::vector<std::string> shown) {
  audit.record_listing("case.list", "case", std::move(shown));
}

Result<DisclosureReport> read_disclosures(CaseReader& reader, const Actor& actor,
                                          const std::string& case_id) {
  return reader.disclosures(actor, case_id);
}

void record_disclosures_read(AuditTrail& audit, const std::string& case_id) {
  audit.record("case.disclosures.read", "case", case_id);
}

}  // namespace enlace::core
