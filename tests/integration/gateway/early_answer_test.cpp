// Answers the server gives before it has read the whole request (413, 431) must reach a client
// that goes on sending what it declared: closing at once would make the kernel answer the
// unread bytes with a reset, and the client would see "connection reset" instead of the 413.
// The bodies here are larger than both loopback socket buffers together, so the client is still
// sending when the server answers.
#include "support/server_process.hpp"
#include "support/sockets.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <string>

using namespace enlace::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kOversized = 24u << 20;  // over the 1 MiB body limit and the buffers

class EarlyAnswerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions o;
    // The lingering close lasts at most the body deadline (and never more than 5 s).
    o.env = {{"ENLACE_BODY_TIMEOUT_SECONDS", "2"}};
    server = new ServerProcess(o);
  }
  static void TearDownTestSuite() { delete server; }
  static ServerProcess* server;
};
ServerProcess* EarlyAnswerTest::server = nullptr;

// Sends `head` and then `body` on a fresh connection, as a client that ignores early answers
// would; returns the status it then reads (0: the connection was reset or closed first).
int status_after_sending_everything(int port, const std::string& head, const std::string& body) {
  int fd = connect_tcp(port);
  bool sent = send_text(fd, head) && send_text(fd, body);
  int status = sent ? read_status(fd, 10000) : 0;
  ::close(fd);
  return status;
}

}  // namespace

TEST_F(EarlyAnswerTest, ADeclaredBodyOverTheLimitSentInFullStillGetsItsAnswer) {
  std::string head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: " + std::to_string(kOversized) + "\r\n\r\n";
  EXPECT_EQ(status_after_sending_everything(server->port(), head, std::string(kOversized, 'x')), 413);
  EXPECT_EQ(server->get("/healthz").status, 200);
}

TEST_F(EarlyAnswerTest, AChunkedBodyThatGrowsOverTheLimitStillGetsItsAnswer) {
  std::string head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n";
  std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::string body;
  while (body.size() < kOversized) body += chunk;
  body += "0\r\n\r\n";
  EXPECT_EQ(status_after_sending_everything(server->port(), head, body), 413);
}

TEST_F(EarlyAnswerTest, HeadersOverTheLimitFollowedByMoreStillGetTheirAnswer) {
  std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ";
  EXPECT_EQ(status_after_sending_everything(server->port(), head, std::string(kOversized, 'x')), 431);
}

TEST_F(EarlyAnswerTest, AClientThatNeverStopsSendingIsCutAfterTheBodyDeadline) {
  int fd = connect_tcp(server->port());
  std::string head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000000000000\r\n\r\n";
  ASSERT_TRUE(send_text(fd, head));
  EXPECT_EQ(read_status(fd, 10000), 413);
  // Goes on sending a little at a time: the server reads and discards it for the body
  // deadline (2 s here), then closes, so sends start failing well before 10 s.
  auto start = Clock::now();
  std::string dribble(4096, 'x');
  while (send_text(fd, dribble) && Clock::now() - start < std::chrono::seconds(10)) {
    // no sleep needed: once the server stops reading, the buffers fill and send blocks until
    // the close resets the connection
  }
  double took = std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  EXPECT_LT(took, 8.0);
  EXPECT_GT(took, 1.0);
}
