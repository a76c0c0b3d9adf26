// Handing a case over: see transfer_case.hpp.
#include "core/use_cases/transfer_case.hpp"

namespace enlace::core {

Result<Refusable<CaseTransferred>> transfer_case(const CasePorts& ports, const Actor& actor,
                                                 const std::string& id, std::int64_t version,
                                                 const TransferRequest& request,
                                                 const std::string& transfer_id, Timestamp now) {
  auto moved = ports.store.transfer_case(actor, id, version, request, transfer_id, now);
  if (!moved)
    return refuse_or_fail<CaseTransferred>(ports.audit, moved.error(), "case.transfer", "case", id);
  ports.audit.record("case.transfer", "case", id);
  ports.audit.record("case.transfer", "organization", moved->to_organization_id);
  return Refusable<CaseTransferred>{std::move(*moved), std::nullopt};
}

}  // namespace enlace::core
