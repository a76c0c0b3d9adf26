// The audit of a listing page (API.md, Data protection): one event per page naming the records
// shown, committed before the page is answered, shared by the case and referral lists.
#pragma once

#include "core/result.hpp"
#include "core/shown_ids.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace enlace::gateway {

using core::shown_ids;  // core/shown_ids.hpp

// Appends the page's event (storage::append_audit_listing) in a write of its own and waits for
// its commit; an error means the page must not be answered.
boost::asio::awaitable<core::Result<bool>> audit_listing(Request& req, std::string action,
                                                         std::string entity_type,
                                                         std::vector<std::string> ids);

}  // namespace enlace::gateway
