// The headers every reply carries, after its own: which of them a reply gets (set by
// add_security_headers, app.hpp), and the writing of them for server.cpp, the fixed ones as
// one string built once instead of six strings for each reply.
#pragma once

#include <string>
#include <string_view>

namespace enlace::gateway {

inline constexpr std::string_view kStrictContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

struct SecurityHeaders {
  bool present = false;    // add_security_headers ran: all of the below are written
  std::string request_id;  // X-Request-Id
  bool hsts = false;       // Strict-Transport-Security (the client's request was https)
  bool no_store = false;   // Cache-Control: no-store
};

// Calls f(name, value) for each header `s` stands for, in the order they go on the wire.
// `csp` replaces the strict Content-Security-Policy when not empty (Response).
template <class F>
void for_each_security_header(const SecurityHeaders& s, std::string_view csp, F&& f) {
  if (!s.present) return;
  f(std::string_view("X-Content-Type-Options"), std::string_view("nosniff"));
  f(std::string_view("Referrer-Policy"), std::string_view("no-referrer"));
  f(std::string_view("Content-Security-Policy"), csp.empty() ? kStrictContentSecurityPolicy : csp);
  f(std::string_view("X-Frame-Options"), std::string_view("DENY"));
  f(std::string_view("X-Request-Id"), std::string_view(s.request_id));
  if (s.hsts)
    f(std::string_view("Strict-Transport-Security"),
      std::string_view("max-age=31536000; includeSubDomains"));
  if (s.no_store) f(std::string_view("Cache-Control"), std::string_view("no-store"));
}

// Appends the same headers as "Name: value\r\n" lines to a reply's head; the first four,
// when the policy is the strict one, are copied from one string made at the first call.
void append_security_headers(std::string& head, const SecurityHeaders& s, std::string_view csp);

}  // namespace enlace::gateway
