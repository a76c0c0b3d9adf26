// Who each recently seen token belongs to (what core::look_up_session found), so that most
// authenticated requests skip the read-pool hop and the session query. An entry is used only
// while the writer's sign-in generation is the one read before its lookup began (no session or
// user row has changed since) and for at most max_age; the caller still checks expiry, idle
// time, ending and deactivation against the clock on every request.
#pragma once

#include "core/session.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace enlace::gateway {

class SessionCache {
 public:
  // max_age bounds what another process's writes could leave stale (only `enlace user add`
  // writes while the server runs, and a new user has no session yet).
  explicit SessionCache(std::size_t capacity = 10000,
                        std::chrono::milliseconds max_age = std::chrono::seconds(10));

  // The session read at `generation`, when that is still current and the entry is young.
  std::shared_ptr<const core::SessionActor> find(const std::string& token_hash,
                                                    std::uint64_t generation, core::Timestamp now);
  // Keeps what a lookup that began at `generation` found, and returns it.
  std::shared_ptr<const core::SessionActor> store(const std::string& token_hash,
                                                     core::SessionActor session,
                                                     std::uint64_t generation, core::Timestamp now);
  std::size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<const core::SessionActor> session;
    std::uint64_t generation;
    core::Timestamp stored_at;
  };
  const std::size_t capacity_;
  const std::chrono::milliseconds max_age_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // by raw SHA-256 of the token
  std::uint64_t newest_ = 0;                         // the newest generation stored
};

}  // namespace enlace::gateway
