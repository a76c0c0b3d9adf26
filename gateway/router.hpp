// Routes: method + path template ("/api/v1/referrals/{id}/transitions") -> handler.
#pragma once

#include "gateway/http_types.hpp"
#include "gateway/json_schema.hpp"

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

// A query parameter the operation reads, for the OpenAPI document.
struct QueryParam {
  std::string name;
  std::string description;
  std::string type = "string";  // "string", "integer" or "boolean"
};

// A success reply for the OpenAPI document: status, media type and, for JSON, the component
// schema (gateway/api_schemas.cpp) its body conforms to.
struct Reply {
  int status = 200;
  std::string schema;  // component name; empty: no body (204) or not JSON
  std::string content_type = "application/json";
};

struct Route {
  // A constructor, not aggregate initialisation: the OpenAPI members below are filled by the
  // chained calls, and -Wextra would otherwise flag every route that leaves them out.
  Route(std::string method_, std::string pattern_, Access access_, Handler handler_,
        std::string summary_ = {}, std::string tag_ = {}, bool idempotent_ = false)
      : method(std::move(method_)),
        pattern(std::move(pattern_)),
        access(access_),
        handler(std::move(handler_)),
        summary(std::move(summary_)),
        tag(std::move(tag_)),
        idempotent(idempotent_) {}

  std::string method;
  std::string pattern;
  Access access = Access::signed_in;
  Handler handler;
  std::string summary;  // for the OpenAPI document
  std::string tag;
  // Takes an Idempotency-Key (gateway/idempotency.hpp).
  bool idempotent = false;
  // The OpenAPI description, attached where the route is added:
  //   r.add({...}).takes("CaseDraft", case_fields).gives(201, "Case");  (docs/DEVELOPING.md)
  std::string request_schema;  // component name of the JSON body; empty: the operation takes none
  BodyFields request_fields;   // the table the handler's FieldReader::only() checks
  bool request_optional = false;  // an empty body counts as {}
  std::vector<Reply> replies;
  std::vector<QueryParam> query;

  Route& takes(std::string schema, BodyFields fields, bool optional = false) {
    request_schema = std::move(schema);
    request_fields = fields;
    request_optional = optional;
    return *this;
  }
  Route& gives(int status, std::string schema = "", std::string content_type = "application/json") {
    replies.push_back({status, std::move(schema), std::move(content_type)});
    return *this;
  }
  Route& param(std::string name, std::string description, std::string type = "string") {
    query.push_back({std::move(name), std::move(description), std::move(type)});
    return *this;
  }
  Route& paged();  // ?limit= and ?cursor= (handlers/paging.hpp)
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;  // some route has this path (for 405 instead of 404)
  std::vector<std::string> allowed;  // methods for this path
};

class Router {
 public:
  // The reference stays valid until the next add(): describe the route right away.
  Route& add(Route route);
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
