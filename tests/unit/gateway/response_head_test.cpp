// response_head (gateway/response_head.hpp) writes the bytes Beast wrote for the same reply.
#include "gateway/response_head.hpp"

#include "gateway/app.hpp"
#include "gateway/fhir_resources.hpp"

#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include <sstream>

using namespace enlace::gateway;
namespace http = boost::beast::http;

namespace {

// server.cpp's to_wire, serialised by Beast: what a reply was before response_head.
std::string through_beast(Response res, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "enlace");
  for (auto& [k, v] : res.headers) out.set(k, v);
  for_each_security_header(res.security, res.content_security_policy,
                           [&](std::string_view name, std::string_view value) { out.set(name, value); });
  if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  std::ostringstream os;
  os << out;
  return os.str();
}

Response reply(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.set("X-Content-Type-Options", "nosniff");
  r.set("Referrer-Policy", "no-referrer");
  r.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  r.set("X-Frame-Options", "DENY");
  r.set("X-Request-Id", "0123456789abcdef");
  return r;
}

// add_security_headers as it was before the fixed headers were built once: six fields set on
// each reply, whose bytes on the wire the replies must keep.
void security_headers_as_fields(const Request& req, Response& res) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Content-Security-Policy",
          !res.content_security_policy.empty()
              ? res.content_security_policy
              : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                "frame-ancestors 'none'");
  res.set("X-Frame-Options", "DENY");
  res.set("X-Request-Id", req.request_id);
  if (req.https) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  bool api = req.path.rfind("/api/", 0) == 0 || is_fhir_path(req.path);
  if (res.personal_data || (api && req.actor))
    res.set("Cache-Control", "no-store");
}

}  // namespace

TEST(ResponseHeadTest, SecurityHeadersAreTheBytesTheSixFieldsWere) {
  int compared = 0;
  for (const char* path : {"/healthz", "/api/v1/me", "/fhir/Task/1", "/app/index.html"})
    for (bool https : {false, true})
      for (bool signed_in : {false, true})
        for (bool personal : {false, true})
          for (const char* csp : {"", "default-src 'self'; style-src 'self' 'unsafe-inline'"})
            for (bool own_headers : {false, true}) {
              Request req;
              req.path = path;
              req.https = https;
              req.request_id = "0123456789abcdef";
              if (signed_in) req.actor = enlace::core::Actor{"u1", "o1", {}, "s1"};
              Response base;
              base.content_type = "application/json";
              base.body = R"({"status":"ok"})";
              base.personal_data = personal;
              base.content_security_policy = csp;
              if (own_headers) {
                base.set("Location", "/api/v1/referrals/1");
                base.set("ETag", "\"3\"");
              }
              Response now = base, before = base;
              add_security_headers(req, now);
              security_headers_as_fields(req, before);
              for (bool keep_alive : {true, false}) {
                auto head = response_head(now, 11, keep_alive);
                ASSERT_TRUE(head) << path;
                EXPECT_EQ(*head, *response_head(before, 11, keep_alive))
                    << path << " https " << https << " signed in " << signed_in << " personal "
                    << personal << " csp " << csp << " own headers " << own_headers;
                EXPECT_EQ(through_beast(now, 10, keep_alive), through_beast(before, 10, keep_alive))
                    << path;  // HTTP/1.0 goes through Beast
                ++compared;
              }
            }
  EXPECT_EQ(compared, 4 * 2 * 2 * 2 * 2 * 2 * 2);
}

TEST(ResponseHeadTest, AHeaderAlsoAmongTheSecurityHeadersIsLeftToBeast) {
  Request req;
  req.path = "/api/v1/cases";
  req.request_id = "0123456789abcdef";
  Response res;
  res.personal_data = true;
  res.set("cache-control", "private");  // Beast keeps the last one: no-store
  add_security_headers(req, res);
  EXPECT_FALSE(response_head(res, 11, true));
  auto wire = through_beast(res, 11, true);
  EXPECT_NE(wire.find("Cache-Control: no-store\r\n"), std::string::npos) << wire;
  EXPECT_EQ(wire.find("private"), std::string::npos) << wire;
}

TEST(ResponseHeadTest, AnEventStreamCarriesItsSecurityHeadersAsFields) {
  struct NoEvents : EventSource {
    boost::asio::awaitable<std::optional<std::string>> next() override { co_return std::nullopt; }
  };
  Request req;
  req.path = "/api/v1/events";
  req.request_id = "0123456789abcdef";
  req.actor = enlace::core::Actor{"u1", "o1", {}, "s1"};
  Response now, before;
  now.stream = before.stream = std::make_shared<NoEvents>();
  add_security_headers(req, now);
  security_headers_as_fields(req, before);
  EXPECT_EQ(now.headers, before.headers);
  EXPECT_FALSE(now.security.present);
}

TEST(ResponseHeadTest, TheHeadAndBodyAreTheBytesBeastWrote) {
  std::vector<Response> replies = {
      reply(200, "application/json", R"({"status":"ok"})"),
      reply(201, "application/json", "{}"),
      reply(404, "application/problem+json", R"({"type":"x"})"),
      reply(200, "", ""),
      reply(503, "text/plain", "busy"),
      reply(599, "text/plain", "odd status"),
  };
  replies[1].set("Location", "/api/v1/referrals/1");
  replies[1].set("ETag", "\"3\"");
  replies[3].set("Cache-Control", "no-store");
  for (const auto& r : replies)
    for (bool keep_alive : {true, false}) {
      auto head = response_head(r, 11, keep_alive);
      ASSERT_TRUE(head) << r.status;
      EXPECT_EQ(*head + r.body, through_beast(r, 11, keep_alive)) << r.status << " " << keep_alive;
    }
}

TEST(ResponseHeadTest, WhatItDoesNotWriteLikeBeastIsLeftToBeast) {
  auto ok = reply(200, "application/json", "{}");
  EXPECT_FALSE(response_head(ok, 10, true));  // HTTP/1.0
  for (int status : {101, 204, 304}) {
    auto r = reply(status, "", "");
    EXPECT_FALSE(response_head(r, 11, true)) << status;
  }
  auto twice = ok;
  twice.set("x-request-id", "again");  // Beast keeps the last one
  EXPECT_FALSE(response_head(twice, 11, true));
  for (const char* own : {"Server", "content-type", "Content-Length", "Connection",
                          "Transfer-Encoding"}) {
    auto r = ok;
    r.set(own, "x");
    EXPECT_FALSE(response_head(r, 11, true)) << own;
  }
  auto broken = ok;
  broken.set("X-Note", "a\r\nInjected: yes");
  EXPECT_FALSE(response_head(broken, 11, true));
}
