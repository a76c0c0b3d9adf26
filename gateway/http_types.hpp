// Requests and responses as handlers see them: plain values, no Beast. Only the session code
// (server.cpp) converts to and from the wire, so handlers compile without Beast's headers.
#pragma once

#include "core/role.hpp"
#include "core/time.hpp"
#include "gateway/request_audit.hpp"
#include "gateway/security_headers.hpp"

#include <boost/asio/awaitable.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enlace::gateway {

class App;
struct IdempotentRequest;  // gateway/idempotency.hpp

using Headers = std::vector<std::pair<std::string, std::string>>;  // names in lower case

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received; never logged (query strings may hold names)
  std::string path;    // decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  // The client's address: the socket's peer, or what a trusted proxy forwarded
  // (trusted_proxies.hpp). Audit events, limits and the sessions list record it.
  std::string remote_address;
  std::string request_id;
  bool tls = false;    // this connection is TLS
  bool https = false;  // the client's request was https: TLS here, or at a trusted proxy

  // Filled by dispatch.
  std::string route;                         // the matched template, for logs and metrics
  std::map<std::string, std::string> params;  // path parameters
  std::optional<core::Actor> actor;
  core::Timestamp session_ends_at{};  // the caller's session ends then unless used again
  bool cookie_auth = false;
  core::Timestamp now{};
  App* app = nullptr;
  RequestAudit audit;  // what the operation audits; a refusal's event is written once
  // Set by run_idempotent() on a route that takes an Idempotency-Key, when one was sent.
  std::shared_ptr<IdempotentRequest> idempotency;

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  const std::string& param(const std::string& name) const { return params.at(name); }
  const core::Actor& caller() const { return *actor; }
};

// A source of Server-Sent Event chunks; the session writes each chunk as it comes.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // The next chunk to write, or nullopt when the stream ends.
  virtual boost::asio::awaitable<std::optional<std::string>> next() = 0;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string content_type;
  std::string body;
  bool personal_data = false;  // adds Cache-Control: no-store
  // Replaces the server's strict Content-Security-Policy for this one reply (the API
  // reference page's renderer sets styles at run time); empty: the strict policy.
  std::string content_security_policy;
  // The headers every reply carries, set by add_security_headers (app.hpp) and written by the
  // session after `headers`.
  SecurityHeaders security;
  std::shared_ptr<EventSource> stream;

  void set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace enlace::gateway
