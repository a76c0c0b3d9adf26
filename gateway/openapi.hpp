// The OpenAPI 3.1 document, generated from the route table so that it cannot drift.
#pragma once

#include "gateway/router.hpp"

#include <boost/json/value.hpp>

namespace enlace::gateway {

boost::json::value openapi_document(const Router& router);

}  // namespace enlace::gateway
