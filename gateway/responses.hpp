// Building responses: JSON bodies and RFC 9457 problem+json, the one place where a
// core::Error becomes an HTTP answer.
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace enlace::gateway {

int status_for(core::ErrorCode code);

Response problem(const Request& req, const core::Error& error);
// The error with another status than its code's: a FHIR search's bad parameter is a 400, where
// the JSON API's invalid field is a 422.
Response problem(const Request& req, int status, const core::Error& error);
// For conditions the gateway itself detects (401, 405, 413, 415, 429...).
Response problem(const Request& req, int status, std::string type, std::string title,
                 std::string detail);

Response json(int status, const boost::json::value& body, bool personal_data = false);
Response no_content();

// `version` as an ETag: "\"<n>\"".
std::string etag(std::int64_t version);

}  // namespace enlace::gateway
