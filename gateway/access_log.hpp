// The access log: one "request" line per answered request, the same JSON line as log_event's
// (log.hpp), written in batches. A busy server wrote each line with its own write(2) under
// spdlog's mutex (PERFORMANCE.md); now a line joins its thread's buffer, and the first line
// of a batch posts a flush to the I/O threads' io_context, which runs once the handlers
// already queued have run: at low load at once, under load after that round's requests.
// A thread's buffer is also written before any other line it logs (order kept within a
// thread), when it passes 64 KiB, and at shutdown (flush_access_log). A crash loses the lines
// still buffered: at most the requests answered since the I/O thread last ran its queue
// (OPERATIONS.md).
#pragma once

#include <boost/asio/io_context.hpp>
#include <string_view>

namespace enlace::gateway {

// One answered request: the fields of its line, in this order (user and org when signed in).
struct RequestLine {
  std::string_view request_id, method, route;
  int status = 0;
  double duration_ms = 0;
  bool signed_in = false;       // then user and org are in the line (org may be empty)
  std::string_view user, org;
};

// Logs "request" at info: the JSON line log_event would write for these fields, formatted
// without building a JSON object. Without an io_context set (tools, tests), written at once.
void log_request(const RequestLine& line);

// Batches from now on, flushing on `ioc`; nullptr writes every line at once again. Call with
// nullptr before `ioc` is destroyed.
void set_access_log_context(boost::asio::io_context* ioc);

// Writes every thread's buffered lines (shutdown, after the I/O threads have stopped).
void flush_access_log();

}  // namespace enlace::gateway
