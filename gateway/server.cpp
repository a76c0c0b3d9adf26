// Listener and sessions: the only translation unit that speaks Beast. See server.hpp.
#include "gateway/server.hpp"

#include "gateway/app.hpp"
#include "gateway/log.hpp"
#include "gateway/request_framing.hpp"
#include "gateway/request_id.hpp"
#include "gateway/response_head.hpp"
#include "gateway/responses.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <atomic>
#include <list>
#include <mutex>
#include <unordered_map>

namespace enlace::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

bool valid_request_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

// Per-connection bookkeeping the server can reach at shutdown.
// How long at most a lingering close reads and discards (bounded by the body deadline too).
constexpr int kLingerSeconds = 5;

struct Conn {
  beast::tcp_stream* stream = nullptr;
  asio::any_io_executor ex;
  bool idle = true;
  bool answered_early = false;  // answered before the request was read whole: linger on close
};

// After an answer given before the whole request was read (413, 431, 400), closing at once
// would make the kernel answer the client's unread bytes with a reset, which can destroy the
// answer before the client reads it (RFC 9112 section 9.6). So send FIN, read and discard
// what the client still sends for a bounded time, then close.
asio::awaitable<void> linger_close(beast::tcp_stream& stream, std::chrono::seconds limit) {
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(limit);
  auto sink = std::make_unique<std::array<char, 65536>>();
  while (!ec) co_await stream.async_read_some(asio::buffer(*sink), asio::redirect_error(asio::use_awaitable, ec));
  stream.close();
}

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
  // Null for plain HTTP; replaced whole on SIGHUP while sessions read it.
  std::atomic<std::shared_ptr<ssl::context>> tls_context;

  Impl(App& a, asio::io_context& i) : app(a), ioc(i), acceptor(i) {}

  // Admission control: a slot per connection, in total and per client address. A trusted
  // proxy carries every client's connections, so only the total bounds it.
  bool admit(const std::string& addr, const std::shared_ptr<Conn>& c) {
    bool proxy = app.trusted_proxies.contains(addr);
    std::lock_guard lock(mu);
    if (stopping || total >= app.config.max_connections ||
        (per_address[addr] >= app.config.max_connections_per_address && !proxy))
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
  template <class Stream>
  asio::awaitable<bool> serve_requests(Stream& stream, Conn& conn, std::string remote, bool tls);
  asio::awaitable<void> linger(beast::tcp_stream& stream, Conn& conn);
};

namespace {

Request to_request(http::request<http::string_body>& msg, const std::string& remote, bool tls,
                   bool& bad_target) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.tls = tls;
  req.https = tls;
  req.remote_address = remote;
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.body = std::move(msg.body());
  auto rid = req.header("x-request-id");
  req.request_id = rid && valid_request_id(*rid) ? std::string(*rid) : new_request_id();
  auto target = parse_target(req.target);
  bad_target = !target;
  if (target) {
    req.path = std::move(target->path);
    req.query = std::move(target->query);
  }
  return req;
}

http::response<http::string_body> to_wire(Response& res, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "enlace");
  for (auto& [k, v] : res.headers) out.set(k, v);
  for_each_security_header(res.security, res.content_security_policy,
                           [&](std::string_view name, std::string_view value) { out.set(name, value); });
  if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// A plain loop: find_first_of calls memchr over the two characters for each one of s.
bool has_line_break(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n') return true;
  return false;
}

}  // namespace

std::optional<std::string> response_head(const Response& res, unsigned version, bool keep_alive) {
  if (version != 11 || res.status < 200 || res.status > 999 || res.status == 204 ||
      res.status == 304 || has_line_break(res.content_type))
    return std::nullopt;
  for (std::size_t i = 0; i < res.headers.size(); ++i) {
    const auto& [name, value] = res.headers[i];
    for (std::string_view own : {"server", "content-type", "content-length", "connection",
                                 "transfer-encoding"})
      if (beast::iequals(name, own)) return std::nullopt;
    if (name.empty() || has_line_break(name) || has_line_break(value)) return std::nullopt;
    for (std::size_t j = 0; j < i; ++j)
      if (beast::iequals(name, res.headers[j].first)) return std::nullopt;  // Beast keeps the last
    bool repeated = false;
    for_each_security_header(res.security, res.content_security_policy,
                             [&](std::string_view own, std::string_view) {
                               repeated = repeated || beast::iequals(name, own);
                             });
    if (repeated) return std::nullopt;
  }
  if (res.security.present &&
      (has_line_break(res.security.request_id) || has_line_break(res.content_security_policy)))
    return std::nullopt;
  auto reason = http::obsolete_reason(static_cast<http::status>(res.status));
  std::string head;
  head.reserve(512);
  head += "HTTP/1.1 ";
  head += std::to_string(res.status);
  head += ' ';
  head += reason;
  head += "\r\nServer: enlace\r\n";
  for (const auto& [name, value] : res.headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  append_security_headers(head, res.security, res.content_security_policy);
  if (!res.content_type.empty()) {
    head += "Content-Type: ";
    head += res.content_type;
    head += "\r\n";
  }
  if (!keep_alive) head += "Connection: close\r\n";
  head += "Content-Length: ";
  head += std::to_string(res.body.size());
  head += "\r\n\r\n";
  return head;
}

namespace {

// An error the session answers before any handler runs (malformed framing, limits).
Response early_problem(const std::string& remote, int status, const char* type, const char* detail) {
  Request req;
  req.remote_address = remote;
  req.request_id = new_request_id();
  auto r = problem(req, status, type, "", detail);
  add_security_headers(req, r);
  return r;
}

}  // namespace

// Writes an answer the session gives before any handler runs, then the caller closes.
template <class Stream>
asio::awaitable<void> write_early(Stream& stream, std::string remote, int status, const char* type,
                                  const char* detail) {
  auto r = early_problem(remote, status, type, detail);
  auto wire = to_wire(r, 11, false);
  boost::system::error_code ec;
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
  co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
}

// The same, for a request not read whole: the session then closes by lingering.
template <class Stream>
asio::awaitable<void> answer_early(Stream& stream, Conn& conn, std::string remote, int status,
                                   const char* type, const char* detail) {
  conn.answered_early = true;
  co_await write_early(stream, std::move(remote), status, type, detail);
}

asio::awaitable<void> Server::Impl::linger(beast::tcp_stream& stream, Conn& conn) {
  if (stopping) {
    stream.close();
    co_return;
  }
  conn.idle = true;  // a stop cancels it, as it cancels an idle keep-alive connection
  auto limit = std::min(app.config.body_timeout_seconds, kLingerSeconds);
  co_await linger_close(stream, std::chrono::seconds(limit));
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
  auto self = shared_from_this();
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  std::string remote = ec ? std::string("unknown") : endpoint.address().to_string();
  auto conn = std::make_shared<Conn>();
  conn->ex = co_await asio::this_coro::executor;
  // The context at accept time: a reload (SIGHUP) changes it for later connections only.
  auto tls = tls_context.load();

  if (!admit(remote, conn)) {
    if (tls) {  // a plain-text 503 means nothing to a TLS client; do not spend a handshake
      socket.close(ec);
      co_return;
    }
    beast::tcp_stream stream(std::move(socket));
    co_await write_early(stream, remote, 503, "too-many-connections",
                         "Too many connections; retry later.");
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return;
  }

  if (tls) {
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
    conn->stream = &beast::get_lowest_layer(stream);
    stream.next_layer().expires_after(std::chrono::seconds(app.config.header_timeout_seconds));
    co_await stream.async_handshake(ssl::stream_base::server,
                                    asio::redirect_error(asio::use_awaitable, ec));
    bool clean = false;
    if (!ec) clean = co_await serve_requests(stream, *conn, remote, true);
    if (conn->answered_early) {
      co_await linger(stream.next_layer(), *conn);
    } else if (clean) {
      // close_notify, waiting briefly for the peer's: bounded so a silent client cannot hold
      // the slot.
      stream.next_layer().expires_after(std::chrono::seconds(1));
      co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    }
    stream.next_layer().close();
  } else {
    beast::tcp_stream stream(std::move(socket));
    conn->stream = &stream;
    co_await serve_requests(stream, *conn, remote, false);
    if (conn->answered_early) {
      co_await linger(stream, *conn);
    } else {
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream.close();
    }
  }
  conn->stream = nullptr;  // a shutdown callback queued on this strand must not touch it
  release(remote, conn);
}

// The request loop, written once for plain and TLS streams. Returns true when the connection
// ended by HTTP's rules (Connection: close, shutdown), false after an I/O error or timeout.
template <class Stream>
asio::awaitable<bool> Server::Impl::serve_requests(Stream& stream, Conn& conn, std::string remote,
                                                   bool tls) {
  boost::system::error_code ec;
  auto& lowest = beast::get_lowest_layer(stream);
  const auto& cfg = app.config;
  beast::flat_buffer buffer;  // grows from 512 bytes as a request needs
  bool first = true;
  for (;;) {
    if (stopping) co_return true;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    parser.body_limit(cfg.max_body_bytes);
    conn.idle = true;
    lowest.expires_after(std::chrono::seconds(first ? cfg.header_timeout_seconds
                                                    : cfg.idle_timeout_seconds));
    co_await http::async_read_header(stream, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
    conn.idle = false;
    first = false;
    if (ec) {
      if (ec == http::error::header_limit) {
        co_await answer_early(stream, conn, remote, 431, "headers-too-large",
                             "The request headers are too large.");
      } else if (ec == http::error::body_limit) {  // Content-Length already over the limit
        co_await answer_early(stream, conn, remote, 413, "payload-too-large", "The request body is too large.");
      } else if (ec == http::error::end_of_stream || ec == asio::error::eof) {
        co_return true;
      } else if (ec != beast::error::timeout && ec != asio::error::operation_aborted &&
                 ec != asio::error::connection_reset && ec.category() != asio::error::get_ssl_category() &&
                 ec != ssl::error::stream_truncated) {
        co_await answer_early(stream, conn, remote, 400, "malformed-request",
                             "The request is not valid HTTP/1.1.");
      }
      co_return false;
    }
    const auto& h = parser.get();
    FramingFacts facts;
    facts.transfer_encoding_headers = h.count(http::field::transfer_encoding);
    if (auto te = h.find(http::field::transfer_encoding); te != h.end()) facts.transfer_encoding = te->value();
    facts.has_content_length = h.find(http::field::content_length) != h.end();
    if (auto cl = parser.content_length()) facts.content_length = *cl;
    auto framing = check_framing(facts, cfg.max_body_bytes);
    if (framing == Framing::ambiguous) {
      co_await answer_early(stream, conn, remote, 400, "malformed-request",
                           "Send either Content-Length or Transfer-Encoding: chunked, not both.");
      co_return false;
    }
    if (framing == Framing::too_large) {
      co_await answer_early(stream, conn, remote, 413, "payload-too-large", "The request body is too large.");
      co_return false;
    }
    lowest.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == http::error::body_limit)
        co_await answer_early(stream, conn, remote, 413, "payload-too-large", "The request body is too large.");
      co_return false;
    }
    lowest.expires_never();  // handler time is bounded by storage, not by the client

    auto msg = parser.release();
    bool keep_alive = msg.keep_alive();
    unsigned version = msg.version();
    bool bad_target = false;
    Request req = to_request(msg, remote, tls, bad_target);
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
      lowest.expires_after(std::chrono::seconds(30));
      co_await asio::async_write(stream, asio::buffer(head), asio::redirect_error(asio::use_awaitable, ec));
      app.metrics.sse_streams.fetch_add(1);
      while (!ec) {
        auto chunk = co_await source->next();
        if (!chunk) break;
        lowest.expires_after(std::chrono::seconds(30));
        co_await asio::async_write(stream, asio::buffer(*chunk),
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      app.metrics.sse_streams.fetch_sub(1);
      co_return !ec;
    }

    lowest.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
    if (auto head = response_head(res, version, keep_alive)) {
      std::array<asio::const_buffer, 2> reply{asio::buffer(*head), asio::buffer(res.body)};
      co_await asio::async_write(stream, reply, asio::redirect_error(asio::use_awaitable, ec));
    } else {
      auto wire = to_wire(res, version, keep_alive);
      co_await http::async_write(stream, wire, asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec) co_return false;
    if (!keep_alive) co_return true;
    // An idle keep-alive connection holds no buffer: after a large body it would keep it.
    if (buffer.size() == 0) buffer.shrink_to_fit();
  }
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

void Server::set_tls_context(std::shared_ptr<ssl::context> context) {
  impl_->tls_context.store(std::move(context));
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
