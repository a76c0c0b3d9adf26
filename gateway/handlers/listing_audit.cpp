// The audit of a listing page: see listing_audit.hpp.
#include "gateway/handlers/listing_audit.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "storage/audit_log.hpp"

namespace enlace::gateway {

boost::asio::awaitable<core::Result<bool>> audit_listing(Request& req, std::string action,
                                                         std::string entity_type,
                                                         std::vector<std::string> ids) {
  auto event = audit_context(req).event(std::move(action), std::move(entity_type), "");
  auto write = [event = std::move(event), ids = std::move(ids)](storage::WriteTxn& tx)
      -> core::Result<bool> {
    storage::append_audit_listing(tx, event, ids);
    return true;
  };
  co_return co_await db_write(req.app->db, std::move(write));
}

}  // namespace enlace::gateway
