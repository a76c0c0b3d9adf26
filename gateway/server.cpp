// Listener and sessions: the only translation unit that speaks Beast. See server.hpp.
#include "gateway/server.hpp"

#include "gateway/app.hpp"
#include "gateway/log.hpp"
#include "gateway/random.hpp"
#include "gateway/responses.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <list>
#include <mutex>
#include <unordered_map>

namespace enlace::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

bool valid_request_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

// Per-connection bookkeeping the server can reach at shutdown.
struct Conn {
  beast::tcp_stream* stream = nullptr;
  asio::any_io_executor ex;
  bool idle = true;
};

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  App& app;
  asio::io_context& ioc;
  tcp::acceptor acceptor;
  std::mutex mu;
  std::list<std::shared_ptr<Conn>> conns;
  std::unordered_map<std::string, int> per_address;
  long total = 0;
  std::atomic<bool> stopping{false};

  Impl(App& a, asio::io_context& i) : app(a), ioc(i), acceptor(i) {}

  // Admission control: a slot per connection, in total and per client address.
  bool admit(const std::string& addr, const std::shared_ptr<Conn>& c) {
    std::lock_guard lock(mu);
    if (stopping || total >= app.config.max_connections ||
        per_address[addr] >= app.config.max_connections_per_address)
      return false;
    ++total;
    ++per_address[addr];
    conns.push_back(c);
    app.metrics.open_connections.store(total);
    return true;
  }
  void release(const std::string& addr, const std::shared_ptr<Conn>& c) {
    std::lock_guard lock(mu);
    --total;
    if (--per_address[addr] <= 0) per_address.erase(addr);
    conns.remove(c);
    app.metrics.open_connections.store(total);
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(tcp::socket socket);
};

namespace {

Request to_request(http::request<http::string_body>& msg, const std::string& remote, bool tls,
                   bool& bad_target) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.tls = tls;
  req.remote_address = remote;
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.body = std::move(msg.body());
  auto rid = req.header("x-request-id");
  req.request_id = rid && valid_request_id(*rid) ? std::string(*rid) : to_hex(random_bytes(8));
  auto url = boost::urls::parse_origin_form(req.target);
  bad_target = !url;
  if (url) {
    req.path = std::string(url->path());
    for (auto p : url->params()) req.query.emplace_back(std::string(p.key), std::string(p.value));
  }
  return req;
}

http::response<http::string_body> to_wire(Response& res, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "enlace");
  for (auto& [k, v] : res.headers) out.set(k, v);
  if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// An error the session answers before any handler runs (malformed framing, limits).
Response early_problem(const std::string& remote, int status, const char* type, const char* detail) {
  Request req;
  req.remote_address = remote;
  req.request_id = to_hex(random_bytes(8));
  auto r = problem(req, status, type, "", detail);
  add_security_headers(req, r);
  return r;
}

}  // namespace

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
  auto self = shared_from_this();
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  std::string remote = ec ? std::string("unknown") : endpoint.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  auto conn = std::make_shared<Conn>();
  conn->stream = &stream;
  conn->ex = co_await asio::this_coro::executor;
  const auto& cfg = app.config;

  if (!admit(remote, conn)) {
    auto r = early_problem(remote, 503, "too-many-connections", "Too many connections; retry later.");
    auto wire = to_wire(r, 11, false);
    stream.expires_after(std::chrono::seconds(5));
    co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return;
  }

  beast::flat_buffer buffer;
  bool first = true;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    parser.body_limit(cfg.max_body_bytes);
    conn->idle = true;
    if (stopping) break;
    stream.expires_after(std::chrono::seconds(first ? cfg.header_timeout_seconds
                                                    : cfg.idle_timeout_seconds));
    co_await http::async_read_header(stream, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
    conn->idle = false;
    first = false;
    if (ec) {
      if (ec == http::error::header_limit) {
        auto r = early_problem(remote, 431, "headers-too-large", "The request headers are too large.");
        auto wire = to_wire(r, 11, false);
        co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      } else if (ec == http::error::body_limit) {  // Content-Length already over the limit
        auto r = early_problem(remote, 413, "payload-too-large", "The request body is too large.");
        auto wire = to_wire(r, 11, false);
        co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      } else if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
                 ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                 ec != asio::error::eof) {
        auto r = early_problem(remote, 400, "malformed-request", "The request is not valid HTTP/1.1.");
        auto wire = to_wire(r, 11, false);
        co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      }
      break;
    }
    // Beast accepts some Content-Length + Transfer-Encoding combinations; HTTP/1.1 says a
    // server must not guess (request smuggling), so both together, or any coding other than
    // chunked, is refused.
    const auto& h = parser.get();
    auto te = h.find(http::field::transfer_encoding);
    bool has_cl = h.find(http::field::content_length) != h.end();
    if (te != h.end() && (has_cl || !beast::iequals(te->value(), "chunked") ||
                          h.count(http::field::transfer_encoding) > 1)) {
      auto r = early_problem(remote, 400, "malformed-request",
                             "Send either Content-Length or Transfer-Encoding: chunked, not both.");
      auto wire = to_wire(r, 11, false);
      co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      break;
    }
    if (parser.content_length() && *parser.content_length() > cfg.max_body_bytes) {
      auto r = early_problem(remote, 413, "payload-too-large", "The request body is too large.");
      auto wire = to_wire(r, 11, false);
      co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      break;
    }
    stream.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == http::error::body_limit) {
        auto r = early_problem(remote, 413, "payload-too-large", "The request body is too large.");
        auto wire = to_wire(r, 11, false);
        co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      }
      break;
    }
    stream.expires_never();  // handler time is bounded by storage, not by the client

    auto msg = parser.release();
    bool keep_alive = msg.keep_alive();
    unsigned version = msg.version();
    bool bad_target = false;
    Request req = to_request(msg, remote, false, bad_target);
    Response res;
    if (bad_target) {
      res = early_problem(remote, 400, "malformed-request", "The request target is not valid.");
    } else {
      res = co_await app.dispatch(req);
    }
    keep_alive = keep_alive && !stopping && !app.stopping.load();

    if (res.stream) {
      // Server-Sent Events: the header, then each chunk as it comes, until either side ends.
      auto source = std::move(res.stream);
      std::string head = "HTTP/1.1 200 OK\r\nServer: enlace\r\nContent-Type: text/event-stream\r\n"
                         "Connection: close\r\n";
      for (auto& [k, v] : res.headers) head += k + ": " + v + "\r\n";
      head += "\r\n";
      stream.expires_after(std::chrono::seconds(30));
      co_await asio::async_write(stream, asio::buffer(head), asio::redirect_error(asio::use_awaitable, ec));
      app.metrics.sse_streams.fetch_add(1);
      while (!ec) {
        auto chunk = co_await source->next();
        if (!chunk) break;
        stream.expires_after(std::chrono::seconds(30));
        co_await asio::async_write(stream, asio::buffer(*chunk),
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      app.metrics.sse_streams.fetch_sub(1);
      break;
    }

    auto wire = to_wire(res, version, keep_alive);
    stream.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
    co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.close();
  conn->stream = nullptr;  // a shutdown callback queued on this strand must not touch it
  release(remote, conn);
}

asio::awaitable<void> Server::Impl::accept_loop() {
  auto self = shared_from_this();
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket(asio::make_strand(ioc));
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. EMFILE: keep serving the connections we have
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket)), asio::detached);
  }
}

Server::Server(App& app, asio::io_context& ioc) : impl_(std::make_shared<Impl>(app, ioc)) {}
Server::~Server() = default;

core::Result<int> Server::listen(const std::string& address, int port) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec) return core::Error::invalid_field("listen", "is not an IP address");
  tcp::endpoint ep(addr, static_cast<unsigned short>(port));
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return core::Error::internal("Cannot listen on " + address + ":" + std::to_string(port) +
                                       ": " + ec.message());
  return static_cast<int>(a.local_endpoint().port());
}

void Server::start() {
  asio::co_spawn(impl_->acceptor.get_executor(), impl_->accept_loop(), asio::detached);
}

void Server::stop() {
  auto impl = impl_;
  asio::post(impl->acceptor.get_executor(), [impl] {
    boost::system::error_code ec;
    impl->acceptor.close(ec);
  });
  std::lock_guard lock(impl->mu);
  impl->stopping = true;
  for (auto& c : impl->conns) {
    // Idle keep-alive connections are closed; busy ones finish their request first.
    asio::post(c->ex, [c] {
      if (c->idle && c->stream) c->stream->cancel();
    });
  }
}

}  // namespace enlace::gateway
