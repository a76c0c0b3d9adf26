// Anchor (a), the HTTP ceiling: the thinnest Beast keep-alive server, answering `{}` to any
// request. Usage: bench_http_anchor --port N --threads N
#include "anchor_server.hpp"

int main(int argc, char** argv) {
  auto options = anchor::parse_options(argc, argv);
  auto handle = [](anchor::Request& req) -> anchor::asio::awaitable<anchor::Response> {
    co_return anchor::reply(req, anchor::http::status::ok, "{}");
  };
  return anchor::serve(options, handle);
}
