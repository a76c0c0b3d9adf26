// Hostile clients (issue 8): read deadlines, idle keep-alive timeout, connection caps per
// address and in total, and request rate limits. The deadlines are real socket timers in
// another process, so these tests measure wall-clock time with short configured timeouts.
#include "support/server_process.hpp"
#include "support/sockets.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <thread>

using namespace enlace::test;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

class DeadlineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions o;
    o.env = {{"ENLACE_HEADER_TIMEOUT_SECONDS", "1"},
             {"ENLACE_BODY_TIMEOUT_SECONDS", "1"},
             {"ENLACE_IDLE_TIMEOUT_SECONDS", "2"}};
    server = new ServerProcess(o);
  }
  static void TearDownTestSuite() { delete server; }
  static ServerProcess* server;
};
ServerProcess* DeadlineTest::server = nullptr;

}  // namespace

TEST_F(DeadlineTest, ASilentConnectionIsClosedAfterTheHeaderDeadline) {
  int fd = connect_tcp(server->port());
  auto t = Clock::now();
  EXPECT_TRUE(wait_closed(fd, 5000));
  EXPECT_GE(seconds_since(t), 0.8);
  EXPECT_LE(seconds_since(t), 3.0);
  ::close(fd);
}

TEST_F(DeadlineTest, HeadersDribbledPastTheDeadlineAreCut) {
  // The deadline covers the whole head, so trickling bytes does not extend it.
  int fd = connect_tcp(server->port());
  auto t = Clock::now();
  std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  bool closed = false;
  for (int i = 0; i < 60 && !closed; ++i) {
    closed = !send_text(fd, std::string(1, head[static_cast<std::size_t>(i) % head.size()])) ||
             wait_closed(fd, 100);
  }
  EXPECT_TRUE(closed);
  EXPECT_LE(seconds_since(t), 3.0);
  ::close(fd);
}

TEST_F(DeadlineTest, ABodyThatStopsIsCutAfterTheBodyDeadline) {
  int fd = connect_tcp(server->port());
  ASSERT_TRUE(send_text(fd, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: 100\r\n\r\n{\"username\":"));
  auto t = Clock::now();
  EXPECT_TRUE(wait_closed(fd, 5000));
  EXPECT_GE(seconds_since(t), 0.8);
  EXPECT_LE(seconds_since(t), 3.0);
  ::close(fd);
}

TEST_F(DeadlineTest, AnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  int fd = connect_tcp(server->port());
  ASSERT_TRUE(send_text(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(read_status(fd), 200);
  auto t = Clock::now();
  EXPECT_TRUE(wait_closed(fd, 6000));
  EXPECT_GE(seconds_since(t), 1.6);  // the idle timeout (2 s), not the header deadline (1 s)
  EXPECT_LE(seconds_since(t), 4.0);
  ::close(fd);
}

TEST(ConnectionCapTest, PerAddressAndTotalCapsAnswer503) {
  ServerOptions o;
  o.env = {{"ENLACE_MAX_CONNECTIONS_PER_ADDRESS", "3"}, {"ENLACE_MAX_CONNECTIONS", "6"}};
  ServerProcess server(o);
  std::vector<int> held;
  auto hold = [&](const std::string& from) {
    int fd = connect_tcp(server.port(), from);
    EXPECT_TRUE(send_text(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    int status = read_status(fd);
    held.push_back(fd);
    return status;
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(hold("127.0.0.2"), 200);
  EXPECT_EQ(hold("127.0.0.2"), 503) << "fourth connection from one address";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(hold("127.0.0.3"), 200);
  EXPECT_EQ(hold("127.0.0.4"), 503) << "seventh connection in total";

  // A slot freed is a slot available again (the server releases it asynchronously).
  ::close(held[0]);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    status = hold("127.0.0.2");
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 200);
  for (int fd : held) ::close(fd);
}

TEST(RateLimitTest, PerUserAndPerAddressLimitsAnswer429WithRetryAfter) {
  ServerOptions o;
  o.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", "5"}};  // per user; per address when not signed in
  ServerProcess server(o);
  server.add_user("first", {"system_admin"});
  server.add_user("second", {"system_admin"});
  auto first = server.login("first");
  auto second = server.login("second");

  HttpClient a(server.port(), "127.0.0.2");
  auto me = [](HttpClient& c, const std::string& token) {
    HttpRequest r{"GET", "/api/v1/me", {}, ""};
    if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
    return c.send(r);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(me(a, first).status, 200) << i;
  auto limited = me(a, first);
  EXPECT_EQ(limited.status, 429);
  EXPECT_GE(std::stoi(limited.header("retry-after")), 1);
  EXPECT_EQ(limited.header("content-type"), "application/problem+json");
  EXPECT_EQ(me(a, second).status, 200) << "another user from the same address is not limited";

  // Per address: anonymous requests from one address share one budget of 5.
  HttpClient b(server.port(), "127.0.0.3");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(me(b, "").status, 401) << i;
  auto by_address = me(b, "");
  EXPECT_EQ(by_address.status, 429);
  EXPECT_FALSE(by_address.header("retry-after").empty());
  EXPECT_EQ(me(b, second).status, 200) << "a signed-in user is counted as a user, not an address";
  HttpClient c(server.port(), "127.0.0.4");
  EXPECT_EQ(me(c, "").status, 401) << "other addresses are not limited";

  // Budgets refill with time (the server's test clock).
  server.advance_minutes(1);
  EXPECT_EQ(me(a, first).status, 200);
  EXPECT_EQ(me(b, "").status, 401);
}
