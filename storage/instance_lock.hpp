// An advisory lock (flock on "<db>.lock") held by `serve` for its whole life, so that
// `restore` (and a second server) can tell that the database is in use.
#pragma once

#include "core/result.hpp"

#include <string>

namespace enlace::storage {

class InstanceLock {
 public:
  static core::Result<InstanceLock> acquire(const std::string& db_path);
  InstanceLock(InstanceLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  InstanceLock& operator=(InstanceLock&&) = delete;
  ~InstanceLock();

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace enlace::storage
