// Routes: method + path template ("/api/v1/referrals/{id}/transitions") -> handler.
#pragma once

#include "gateway/http_types.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::gateway {

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

enum class Access {
  open,          // no sign-in (health, login, static files)
  signed_in,     // any session that finished two-factor enrolment where it is required
  enrolling_ok,  // also reachable while a required two-factor enrolment is pending
  published,     // signed_in, or open to anyone when the deployment publishes it (hsds_public)
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::signed_in;
  Handler handler;
  std::string summary;  // for the OpenAPI document
  std::string tag;
  // Takes an Idempotency-Key (gateway/idempotency.hpp).
  bool idempotent = false;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;  // some route has this path (for 405 instead of 404)
  std::vector<std::string> allowed;  // methods for this path
};

class Router {
 public:
  void add(Route route);
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // A pattern split once, when added: matching runs for every request against every route.
  struct Segments {
    std::vector<std::string> names;  // literal text, or a parameter's name without braces
    std::vector<bool> is_param;
    std::size_t literals = 0;
  };
  std::vector<Route> routes_;
  std::vector<Segments> segments_;  // parallel to routes_
};

}  // namespace enlace::gateway
