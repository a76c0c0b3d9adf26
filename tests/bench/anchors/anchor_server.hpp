// The HTTP part every anchor shares: an Asio C++20 coroutine per keep-alive connection on a
// pool of I/O threads, Beast parsing and serialising, nothing else (no limits, no timeouts,
// no routing, no logging). It is the ceiling Enlace's own sessions are measured against, so
// it uses the same building blocks (tcp_stream, flat_buffer, string_body, a strand per
// connection) and differs only in what Enlace adds on top.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace anchor {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

struct Options {
  int port = 0;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string db;          // write anchors only
  bool per_request = false;  // write anchor: one transaction per request instead of groups
};

// --port N --threads N [--db PATH] [--per-request]
inline Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) {
        std::cerr << "missing value for " << a << "\n";
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (a == "--port") o.port = std::atoi(value().c_str());
    else if (a == "--threads") o.threads = std::atoi(value().c_str());
    else if (a == "--db") o.db = value();
    else if (a == "--per-request") o.per_request = true;
    else {
      std::cerr << "unknown flag " << a << "\n";
      std::exit(2);
    }
  }
  return o;
}

inline Response reply(const Request& req, http::status status, std::string body) {
  Response res{status, req.version()};
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

// Handler: asio::awaitable<Response>(Request&).
template <class Handler>
asio::awaitable<void> session(tcp::socket socket, Handler& handle) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  for (;;) {
    Request req;
    co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    Response res = co_await handle(req);
    co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !res.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

template <class Handler>
asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::io_context& ioc, Handler& handle) {
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc));
    boost::system::error_code ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) continue;
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket), handle), asio::detached);
  }
}

// Listens on 127.0.0.1, prints "listening on http://127.0.0.1:PORT" like `enlace serve`, and
// runs the I/O threads until killed.
template <class Handler>
int serve(const Options& o, Handler& handle) {
  asio::io_context ioc(o.threads);
  tcp::acceptor acceptor(ioc);
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(o.port));
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(ioc, accept_loop(acceptor, ioc, handle), asio::detached);
  std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
  std::vector<std::thread> pool;
  for (int i = 1; i < o.threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}

}  // namespace anchor
