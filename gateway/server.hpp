// The HTTP/1.1 server: listener and sessions (Beast). Each connection is one coroutine on its
// own strand; handlers run through App::dispatch.
#pragma once

#include "core/result.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace enlace::gateway {

class App;

class Server {
 public:
  Server(App& app, boost::asio::io_context& ioc);
  ~Server();

  // Binds and listens; returns the actual port (useful with port 0).
  core::Result<int> listen(const std::string& address, int port);
  // Serves TLS with this context from now on: new handshakes use it, open connections keep
  // the one they started with. Safe to call from any thread (SIGHUP reload).
  void set_tls_context(std::shared_ptr<boost::asio::ssl::context> context);
  void start();
  // Stops accepting, closes idle connections, lets in-flight requests finish.
  void stop();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace enlace::gateway
