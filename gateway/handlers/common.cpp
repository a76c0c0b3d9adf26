// Handler helpers: see common.hpp.
#include "gateway/handlers/common.hpp"

#include "core/time.hpp"
#include "gateway/random.hpp"
#include "storage/user_repository.hpp"

#include <charconv>

namespace enlace::gateway {

namespace bj = boost::json;

BodyOrProblem read_body(const Request& req, bool empty_ok) {
  auto parsed = parse_json_object(req, empty_ok);
  if (parsed.error)
    return {std::nullopt,
            problem(req, parsed.error->status, parsed.error->type, "", parsed.error->detail)};
  return {std::move(parsed.object), std::nullopt};
}

VersionOrProblem if_match_version(const Request& req) {
  auto h = req.header("if-match");
  if (!h)
    return {std::nullopt, problem(req, 428, "precondition-required", "Precondition required",
                                  "Send If-Match with the record's version (its ETag).")};
  std::string_view v = *h;
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1)
    return {std::nullopt, problem(req, 400, "malformed-request", "",
                                  "If-Match must be the record's version, e.g. \"3\".")};
  return {n, std::nullopt};
}

std::string encode_cursor(const std::string& last_key) { return base64url("c1:" + last_key); }

std::optional<std::string> decode_cursor(std::string_view cursor) {
  if (cursor.size() > 400) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : cursor) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (out.rfind("c1:", 0) != 0) return std::nullopt;
  return out.substr(3);
}

core::Result<Page> read_page(const Request& req) {
  Page page;
  if (auto l = req.query_param("limit")) {
    int n = 0;
    auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc() || p != l->data() + l->size() || n < 1 || n > 500)
      return core::Error::invalid_field("limit", "must be a whole number from 1 to 500");
    page.limit = n;
  }
  if (auto c = req.query_param("cursor")) {
    auto key = decode_cursor(*c);
    if (!key) return core::Error::invalid_field("cursor", "is not a cursor this server gave out");
    page.after = *key;
  }
  return page;
}

bj::value optional_string(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}

bj::object user_json(const storage::UserRecord& u) {
  bj::array roles;
  for (auto r : u.roles) roles.push_back(bj::value(core::to_string(r)));
  bj::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"organization_id", u.organization_id.empty() ? bj::value(nullptr)
                                                               : bj::value(u.organization_id)},
                 {"roles", std::move(roles)},
                 {"active", u.active},
                 {"totp_enabled", u.totp_enabled},
                 {"must_change_password", u.must_change_password},
                 {"version", u.version},
                 {"created_at", core::format_timestamp(u.created_at)},
                 {"updated_at", core::format_timestamp(u.updated_at)}};
  return o;
}

Response with_etag(Response r, std::int64_t version) {
  r.set("ETag", etag(version));
  return r;
}

}  // namespace enlace::gateway
