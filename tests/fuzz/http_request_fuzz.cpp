// Fuzz target: raw bytes through the request path the session takes before a handler runs:
// Beast's parser with the server's limits, our framing checks, the target parser and the
// router (with the API's route templates).
#include "gateway/request_framing.hpp"
#include "gateway/router.hpp"

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>

namespace http = boost::beast::http;
using namespace enlace::gateway;

namespace {

const Router& api_router() {
  static const Router router = [] {
    Router r;
    Handler none = [](Request&) -> boost::asio::awaitable<Response> { co_return Response{}; };
    for (const char* t : {
             "GET /healthz", "GET /readyz", "GET /metrics", "GET /api/v1/openapi.json",
             "POST /api/v1/auth/login", "POST /api/v1/auth/logout", "GET /api/v1/me",
             "POST /api/v1/me/password", "GET /api/v1/me/sessions", "DELETE /api/v1/me/sessions/{id}",
             "POST /api/v1/me/totp", "POST /api/v1/me/totp/confirm", "GET /api/v1/territories",
             "POST /api/v1/territories", "GET /api/v1/organizations", "POST /api/v1/organizations",
             "GET /api/v1/organizations/{id}", "PATCH /api/v1/organizations/{id}", "GET /api/v1/users",
             "POST /api/v1/users", "GET /api/v1/users/{id}", "PATCH /api/v1/users/{id}",
             "GET /api/v1/categories", "GET /api/v1/settings/response-standards",
             "PUT /api/v1/settings/response-standards", "GET /api/v1/services", "POST /api/v1/services",
             "GET /api/v1/services/{id}", "PATCH /api/v1/services/{id}", "POST /api/v1/cases",
             "GET /api/v1/cases", "GET /api/v1/cases/{id}", "PATCH /api/v1/cases/{id}",
             "POST /api/v1/cases/{id}/close", "POST /api/v1/cases/{id}/consents",
             "GET /api/v1/cases/{id}/disclosures",
             "POST /api/v1/cases/{id}/consents/{consent_id}/withdraw", "POST /api/v1/referrals",
             "GET /api/v1/referrals", "GET /api/v1/referrals/{id}", "GET /api/v1/referrals/{id}/alternatives",
             "POST /api/v1/referrals/{id}/transitions", "GET /api/v1/referrals/{id}/messages",
             "POST /api/v1/referrals/{id}/messages", "GET /api/v1/events", "GET /api/v1/stats/gaps",
             "GET /api/v1/audit", "GET /api/v1/audit/verify"}) {
      std::string_view s(t);
      auto space = s.find(' ');
      r.add({std::string(s.substr(0, space)), std::string(s.substr(space + 1)), Access::signed_in, none,
             "fuzz", "fuzz"});
    }
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kMaxBody = 1 << 20;
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(kMaxBody);
  parser.eager(false);  // stop after the head, as the session does
  boost::beast::error_code ec;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t used = parser.put(boost::asio::buffer(in.data(), in.size()), ec);
  if (ec || !parser.is_header_done()) return 0;

  const auto& h = parser.get();
  FramingFacts facts;
  facts.transfer_encoding_headers = h.count(http::field::transfer_encoding);
  if (auto te = h.find(http::field::transfer_encoding); te != h.end()) facts.transfer_encoding = te->value();
  facts.has_content_length = h.find(http::field::content_length) != h.end();
  if (auto cl = parser.content_length()) facts.content_length = *cl;
  auto framing = check_framing(facts, kMaxBody);
  // Beast must never hand us a chunked request that also declares a length.
  if (parser.chunked() && facts.has_content_length && framing == Framing::ok) __builtin_trap();
  if (framing != Framing::ok) return 0;

  parser.eager(true);
  while (!ec && !parser.is_done() && used < in.size()) {
    std::size_t n = parser.put(boost::asio::buffer(in.data() + used, in.size() - used), ec);
    if (n == 0) break;
    used += n;
  }
  if (ec == http::error::need_more) ec = {};
  if (ec) return 0;

  auto target = parse_target(h.target());
  if (!target) return 0;
  auto m = api_router().match(h.method_string(), target->path);
  if (m.route && m.route->pattern.find('{') == std::string::npos && !m.params.empty()) __builtin_trap();
  for (const auto& [k, v] : m.params)
    if (v.empty() || v.find('/') != std::string::npos) __builtin_trap();  // a parameter is one segment
  return 0;
}
