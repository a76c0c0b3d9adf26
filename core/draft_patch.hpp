// A PATCH body, typed: the values it sent over an empty draft (null as an empty optional) and
// the keys it held. Applied over the current record's draft: a key absent keeps the record's
// value, null clears it, anything else replaces it (the merge rule of every PATCH, API.md).
// Lets a use case merge a change without the request's JSON.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace enlace::core {

template <class Draft>
struct DraftPatch {
  Draft values;
  std::set<std::string, std::less<>> sent;

  bool has(std::string_view key) const { return sent.find(key) != sent.end(); }
  // `to` takes the sent value of `key`, if the body held it.
  template <class T>
  void take(std::string_view key, T& to, const T& from) const {
    if (has(key)) to = from;
  }
};

}  // namespace enlace::core
