// TLS (issue 8): only TLS 1.2/1.3 with AEAD suites, HSTS and Secure cookies under TLS, and a
// certificate reload on SIGHUP that keeps open connections.
#include "support/server_process.hpp"
#include "support/tls_client.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace enlace::test;

namespace {

// A self-signed RSA certificate (RSA so that the ECDHE-RSA suites apply).
void make_certificate(const std::string& dir, const std::string& name, const std::string& serial) {
  auto r = run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", dir + "/new-key.pem", "-out", dir + "/new-cert.pem", "-days", "2",
                        "-subj", "/CN=" + name, "-set_serial", serial});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Renamed into place so the server never reads a half-written file.
  std::filesystem::rename(dir + "/new-key.pem", dir + "/key.pem");
  std::filesystem::rename(dir + "/new-cert.pem", dir + "/cert.pem");
}

// `openssl s_client` with the client's own floor lowered (Debian's openssl.cnf already refuses
// old protocols on the client side), so a refusal can only come from the server.
CommandResult s_client(int port, std::vector<std::string> args) {
  std::vector<std::string> argv{"/usr/bin/openssl", "s_client", "-connect",
                                "127.0.0.1:" + std::to_string(port), "-brief"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, "", {{"OPENSSL_CONF", "/dev/null"}});
}

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs = new TempDir();
    make_certificate(certs->path(), "enlace-a", "4097");
    ServerOptions o;
    o.extra_args = {"--tls-cert", certs->path() + "/cert.pem", "--tls-key", certs->path() + "/key.pem"};
    server = new ServerProcess(o);
  }
  static void TearDownTestSuite() {
    delete server;
    delete certs;
  }
  static TempDir* certs;
  static ServerProcess* server;
};
TempDir* TlsTest::certs = nullptr;
ServerProcess* TlsTest::server = nullptr;

}  // namespace

TEST_F(TlsTest, AnnouncesHttps) {
  EXPECT_NE(server->output().find("listening on https://127.0.0.1:"), std::string::npos);
}

TEST_F(TlsTest, Tls10And11AreRefused) {
  for (const char* version : {"-tls1", "-tls1_1"}) {
    auto r = s_client(server->port(), {version, "-cipher", "DEFAULT:@SECLEVEL=0"});
    EXPECT_NE(r.exit_code, 0) << version << "\n" << r.output;
    // The server's alert, not the client giving up before sending a ClientHello.
    EXPECT_NE(r.output.find("alert protocol version"), std::string::npos) << version << "\n" << r.output;
  }
}

TEST_F(TlsTest, WeakTls12CiphersAreRefused) {
  for (const char* cipher : {"AES128-SHA", "AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA",
                             "DES-CBC3-SHA"}) {
    auto r = s_client(server->port(), {"-tls1_2", "-cipher", std::string(cipher) + ":@SECLEVEL=0"});
    EXPECT_NE(r.exit_code, 0) << cipher << "\n" << r.output;
    if (std::string_view(cipher) != "DES-CBC3-SHA") {  // this OpenSSL may not offer 3DES at all
      EXPECT_NE(r.output.find("alert handshake failure"), std::string::npos) << cipher << "\n" << r.output;
    }
  }
}

TEST_F(TlsTest, ModernTls12AndTls13AreAccepted) {
  auto r12 = s_client(server->port(), {"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"});
  EXPECT_EQ(r12.exit_code, 0) << r12.output;
  EXPECT_NE(r12.output.find("ECDHE-RSA-AES128-GCM-SHA256"), std::string::npos) << r12.output;
  auto r13 = s_client(server->port(), {"-tls1_3"});
  EXPECT_EQ(r13.exit_code, 0) << r13.output;
  EXPECT_NE(r13.output.find("TLSv1.3"), std::string::npos) << r13.output;
}

TEST_F(TlsTest, HstsAndSecureCookieUnderTls) {
  server->add_user("tls.user", {"system_admin"});
  TlsClient c(server->port());
  auto health = c.send({"GET", "/healthz", {}, ""});
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.header("strict-transport-security").find("max-age="), std::string::npos);
  auto login = c.send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
                       R"({"username":"tls.user","password":")" + std::string(ServerProcess::kPassword) + "\"}"});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_NE(login.header("set-cookie").find("Secure"), std::string::npos) << login.header("set-cookie");
}

TEST_F(TlsTest, SighupLoadsANewCertificateAndKeepsOpenConnections) {
  TlsClient before(server->port());
  ASSERT_EQ(before.peer_subject(), "/CN=enlace-a");
  ASSERT_EQ(before.send({"GET", "/healthz", {}, ""}).status, 200);

  make_certificate(certs->path(), "enlace-b", "4098");
  server->signal(SIGHUP);
  // The reload is asynchronous in another process: poll new handshakes, bounded.
  std::string subject;
  for (int i = 0; i < 200 && subject != "/CN=enlace-b"; ++i) {
    TlsClient probe(server->port());
    subject = probe.peer_subject();
    if (subject != "/CN=enlace-b") std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(subject, "/CN=enlace-b");
  TlsClient after(server->port());
  EXPECT_EQ(after.peer_serial(), "1002");  // 4098
  EXPECT_EQ(after.send({"GET", "/healthz", {}, ""}).status, 200);

  // The connection opened before the reload still serves requests.
  auto again = before.send({"GET", "/healthz", {}, ""});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(before.peer_subject(), "/CN=enlace-a");
}

TEST_F(TlsTest, ABrokenCertificateOnReloadKeepsTheOldOne) {
  {
    std::ofstream(certs->path() + "/cert.pem.new") << "not a certificate\n";
  }
  auto saved = certs->path() + "/cert.pem.saved";
  std::filesystem::copy_file(certs->path() + "/cert.pem", saved);
  std::filesystem::rename(certs->path() + "/cert.pem.new", certs->path() + "/cert.pem");
  server->signal(SIGHUP);
  bool logged = false;
  for (int i = 0; i < 200 && !logged; ++i) {
    logged = server->output().find("tls_reload_failed") != std::string::npos;
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_TRUE(logged);
  TlsClient c(server->port());
  EXPECT_EQ(c.send({"GET", "/healthz", {}, ""}).status, 200);
  std::filesystem::rename(saved, certs->path() + "/cert.pem");
}

// The lingering close after an early answer (early_answer_test.cpp) holds under TLS too: the
// client is still writing its body when the 413 is sent, and reads it afterwards.
TEST_F(TlsTest, ABodyOverTheLimitSentInFullStillGetsItsAnswer) {
  TlsClient c(server->port());
  auto r = c.send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
                   std::string(24u << 20, 'x')});
  EXPECT_EQ(r.status, 413);
}
