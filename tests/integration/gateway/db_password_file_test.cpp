// db_password_file (API.md "PostgreSQL"): the password in the file reaches PostgreSQL as the
// role's password, for every command that connects, and is never printed (not by a failure,
// not by --check-config). A stand-in server on loopback asks for the password in clear text
// (as a server with `password` authentication does) and keeps what it receives.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <thread>

namespace enlace::test {
namespace {

// Speaks just enough of PostgreSQL's protocol (v3) to ask for a password: declines TLS and
// GSSAPI encryption, answers the startup message with AuthenticationCleartextPassword, keeps the
// PasswordMessage and refuses the sign-in.
class PasswordCatcher {
 public:
  PasswordCatcher() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("PasswordCatcher: cannot listen");
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~PasswordCatcher() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  std::vector<std::string> passwords() {
    std::lock_guard<std::mutex> lock(mutex_);
    return passwords_;
  }

 private:
  static bool read_exact(int fd, char* out, std::size_t n) {
    while (n > 0) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return false;
      auto got = ::recv(fd, out, n, 0);
      if (got <= 0) return false;
      out += got;
      n -= static_cast<std::size_t>(got);
    }
    return true;
  }
  static std::uint32_t be32(const char* p) {
    return (std::uint32_t(static_cast<unsigned char>(p[0])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(p[1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(p[2])) << 8) | std::uint32_t(static_cast<unsigned char>(p[3]));
  }
  static void send_all(int fd, const std::string& bytes) { (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

  void serve_one(int c) {
    char head[8];
    for (;;) {  // SSLRequest and GSSENCRequest come before the startup message
      if (!read_exact(c, head, 8)) return;
      std::uint32_t len = be32(head), code = be32(head + 4);
      std::string rest(len - 8, '\0');
      if (!read_exact(c, rest.data(), rest.size())) return;
      if (code == 80877103 || code == 80877104) {
        send_all(c, "N");
        continue;
      }
      break;
    }
    send_all(c, std::string("R\0\0\0\x08\0\0\0\x03", 9));  // AuthenticationCleartextPassword
    char type;
    if (!read_exact(c, &type, 1) || type != 'p' || !read_exact(c, head, 4)) return;
    std::string body(be32(head) - 4, '\0');
    if (!read_exact(c, body.data(), body.size())) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      passwords_.push_back(body.substr(0, body.find('\0')));
    }
    std::string fields = std::string("SFATAL\0C28P01\0Mpassword authentication failed\0\0", 47);
    std::string len(4, '\0');
    std::uint32_t n = static_cast<std::uint32_t>(fields.size() + 4);
    for (int i = 0; i < 4; ++i) len[i] = static_cast<char>((n >> (24 - 8 * i)) & 0xff);
    send_all(c, "E" + len + fields);
  }

  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      serve_one(c);
      ::close(c);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> passwords_;
  std::thread thread_;
};

TEST(DbPasswordFile, ReachesPostgresAsTheRolesPasswordAndIsNeverPrinted) {
  PasswordCatcher server;
  TempDir dir;
  const std::string secret = "Corr3ct:horse\\b@ttery staple";
  const std::string file = dir.path() + "/db_password";
  std::ofstream(file) << secret << "\n";
  const std::string uri = "postgresql://enlace@127.0.0.1:" + std::to_string(server.port()) + "/enlace";
  // No password file of the user's own may answer instead.
  const std::map<std::string, std::string> env = {{"ENLACE_DB_PASSWORD_FILE", file},
                                                  {"PGPASSFILE", dir.path() + "/none"}};
  TempDir source_dir;
  const std::string source = source_dir.path() + "/enlace.db";
  ASSERT_EQ(run_enlace({"init", "--db", source}).exit_code, 0);

  const std::vector<std::vector<std::string>> commands = {
      {"init", "--db", uri},
      {"audit", "verify", "--db", uri},
      {"migrate", "--from", source, "--to", uri},
  };
  for (const auto& args : commands) {
    auto r = run_enlace(args, env);
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.output;
    EXPECT_EQ(line_count(r.output), 1) << args[0] << ": " << r.output;
    EXPECT_NE(r.output.find("password authentication failed"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("horse"), std::string::npos) << r.output;
  }
  auto received = server.passwords();
  ASSERT_EQ(received.size(), commands.size());
  for (const auto& p : received) EXPECT_EQ(p, secret);

  auto shown = run_enlace({"serve", "--db", uri, "--check-config"}, env);
  EXPECT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("db_password_file = \"" + file + "\""), std::string::npos) << shown.output;
  EXPECT_EQ(shown.output.find("horse"), std::string::npos) << shown.output;
}

TEST(DbPasswordFile, WithoutItNoPasswordIsSent) {
  PasswordCatcher server;
  TempDir dir;
  const std::string uri = "postgresql://enlace@127.0.0.1:" + std::to_string(server.port()) + "/enlace";
  auto r = run_enlace({"init", "--db", uri}, {{"PGPASSFILE", dir.path() + "/none"}});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(server.passwords().empty());
}

TEST(DbPasswordFile, AnUnreadableOrEmptyFileIsOneLineAndNothingConnects) {
  PasswordCatcher server;
  TempDir dir;
  const std::string uri = "postgresql://enlace@127.0.0.1:" + std::to_string(server.port()) + "/enlace";
  const std::string empty = dir.path() + "/empty";
  std::ofstream(empty) << "\n";
  for (const std::string& file : {dir.path() + "/missing", empty}) {
    auto r = run_enlace({"init", "--db", uri}, {{"ENLACE_DB_PASSWORD_FILE", file}});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_EQ(line_count(r.output), 1) << r.output;
    EXPECT_NE(r.output.find("db_password_file"), std::string::npos) << r.output;
  }
  EXPECT_TRUE(server.passwords().empty());
}

}  // namespace
}  // namespace enlace::test
