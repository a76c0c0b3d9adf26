// response_head (gateway/response_head.hpp) writes the bytes Beast wrote for the same reply.
#include "gateway/response_head.hpp"

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

}  // namespace

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
