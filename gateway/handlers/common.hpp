// Helpers every handler uses: body parsing into problems, If-Match, pagination, JSON of
// shared records.
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"
#include "gateway/handlers/paging.hpp"
#include "gateway/json_body.hpp"
#include "gateway/responses.hpp"

#include <boost/json.hpp>

#include <optional>
#include <string>

namespace enlace::core {
struct UserRecord;
}

namespace enlace::gateway {

// The body as an object, or the problem response to send.
struct BodyOrProblem {
  std::optional<boost::json::object> body;
  std::optional<Response> problem;
};
BodyOrProblem read_body(const Request& req, bool empty_ok = false);

// If-Match: "<version>" (quotes optional; W/ refused). 428-style absence is a 412-free 400?
// API.md: updates carry If-Match; a missing one is a 428 Precondition Required.
struct VersionOrProblem {
  std::optional<std::int64_t> version;
  std::optional<Response> problem;
};
VersionOrProblem if_match_version(const Request& req);


boost::json::object user_json(const core::UserRecord& u);
// The language shown for users who chose none (the setting default_language); set once at
// start-up.
void set_default_user_language(std::string language);
const std::string& default_user_language();
boost::json::value optional_string(const std::optional<std::string>& s);

// A list reply: {"items": [...], "next_cursor": "..." | null}. Items hold one more than the
// limit when there is a next page; it is dropped here.
template <class T, class ToJson, class KeyOf>
boost::json::object page_json(std::vector<T> rows, int limit, ToJson to_json, KeyOf key_of) {
  boost::json::array items;
  boost::json::value next = nullptr;
  if (static_cast<int>(rows.size()) > limit) {
    rows.erase(rows.begin() + limit, rows.end());  // erase: rows need no default constructor
    next = boost::json::value(encode_cursor(key_of(rows.back())));
  }
  for (const auto& r : rows) items.push_back(to_json(r));
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Response with_etag(Response r, std::int64_t version);

}  // namespace enlace::gateway
