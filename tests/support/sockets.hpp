// Test support: raw TCP connections to the test server, for clients that misbehave on
// purpose (silent, slow, many) and need more control than HttpClient gives.
#pragma once

#include <string>

namespace enlace::test {

// Connects to 127.0.0.1:port from `source` (any 127.x.y.z address is local on Linux, so tests
// can play several clients). Blocking unless `nonblocking`, in which case the connect may
// still be in progress. Throws on failure.
// A loopback port nothing listens on at the time of the call (bound by the kernel, then closed).
int free_port();

int connect_tcp(int port, const std::string& source = "127.0.0.1", bool nonblocking = false);

// Waits until the peer closes (EOF or reset); discards data. False on timeout.
bool wait_closed(int fd, int timeout_ms);

// Sends all bytes (blocking socket); false when the peer is gone.
bool send_text(int fd, const std::string& bytes);

// Reads one HTTP response head and returns its status code (0 when the connection closed
// first); the body, if any, is read by Content-Length and discarded.
int read_status(int fd, int timeout_ms = 10000);

// Raises this process's open-file limit to its hard limit (children inherit it) and
// returns the new soft limit.
long raise_fd_limit();

// Resident memory of a process in KiB (VmRSS in /proc/PID/status).
long resident_kib(int pid);

}  // namespace enlace::test
