// The HTTP/1.1 server: listener and sessions (Beast). Each connection is one coroutine on its
// own strand; handlers run through App::dispatch.
#pragma once

#include "core/result.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>

namespace enlace::gateway {

class App;

class Server {
 public:
  Server(App& app, boost::asio::io_context& ioc);
  ~Server();

  // Binds and listens; returns the actual port (useful with port 0).
  core::Result<int> listen(const std::string& address, int port);
  void start();
  // Stops accepting, closes idle connections, lets in-flight requests finish.
  void stop();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace enlace::gateway
