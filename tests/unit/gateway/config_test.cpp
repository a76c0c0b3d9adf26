// Tests gateway/config.cpp: precedence, every refusal, and masking.
#include "gateway/config.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace enlace::gateway {
namespace {

namespace fs = std::filesystem;

// A config file in a private temporary directory, removed with the fixture.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("enlace-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_file(const std::string& text, const std::string& name = "enlace.toml") {
    auto path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
};

// The messages for `field`, joined, or "" when the error does not name it.
std::string messages_for(const core::Error& e, const std::string& field) {
  std::string out;
  for (const auto& f : e.fields.items())
    if (f.field == field) out += f.message + ";";
  return out;
}

ConfigSources with_db() {
  ConfigSources s;
  s.flags["db"] = "/var/lib/enlace/enlace.db";
  return s;
}

TEST_F(ConfigTest, DefaultsApplyWhenOnlyDbIsGiven) {
  auto c = resolve_config(with_db());
  ASSERT_TRUE(c) << c.error().detail;
  ServeConfig defaults;
  EXPECT_EQ(c->db, "/var/lib/enlace/enlace.db");
  EXPECT_EQ(c->listen, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->max_body_bytes, defaults.max_body_bytes);
  EXPECT_TRUE(c->totp_required);
  EXPECT_EQ(c->retention_days, 1826);
}

TEST_F(ConfigTest, MissingDbIsRefused) {
  auto c = resolve_config({});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, core::ErrorCode::invalid);
  EXPECT_NE(messages_for(c.error(), "db"), "");
}

TEST_F(ConfigTest, FileOverridesDefaults) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nport = 9000\ntotp_required = false\n"
                      "max_body_bytes = 2048\nlog_level = \"debug\"\n");
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->db, "/srv/a.db");
  EXPECT_EQ(c->port, 9000);
  EXPECT_FALSE(c->totp_required);
  EXPECT_EQ(c->max_body_bytes, 2048u);
  EXPECT_EQ(c->log_level, "debug");
  EXPECT_EQ(c->threads, 0);  // untouched keys keep their defaults
}

TEST_F(ConfigTest, EnvironmentOverridesFile) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nport = 9000\n");
  s.env["ENLACE_PORT"] = "9001";
  s.env["ENLACE_TOTP_REQUIRED"] = "no";
  s.env["PATH"] = "/usr/bin";
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->db, "/srv/a.db");
  EXPECT_EQ(c->port, 9001);
  EXPECT_FALSE(c->totp_required);
}

TEST_F(ConfigTest, FlagsOverrideEnvironmentAndFile) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nport = 9000\nlisten = \"0.0.0.0\"\n");
  s.env["ENLACE_PORT"] = "9001";
  s.env["ENLACE_DB"] = "/srv/b.db";
  s.flags["port"] = "9002";
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->db, "/srv/b.db");
  EXPECT_EQ(c->port, 9002);
  EXPECT_EQ(c->listen, "0.0.0.0");
}

TEST_F(ConfigTest, FlagsMaySpellKeysWithHyphens) {
  auto s = with_db();
  s.flags["--tls-cert"] = "/etc/enlace/cert.pem";
  s.flags["tls-key"] = "/etc/enlace/key.pem";
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->tls_cert, "/etc/enlace/cert.pem");
  EXPECT_EQ(c->tls_key, "/etc/enlace/key.pem");
}

TEST_F(ConfigTest, EnlaceConfigVariableNamesTheFileWhenNoFlagDoes) {
  ConfigSources s;
  s.env["ENLACE_CONFIG"] = write_file("db = \"/srv/env.db\"\n");
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->db, "/srv/env.db");

  s.file = write_file("db = \"/srv/flag.db\"\n", "other.toml");
  auto d = resolve_config(s);
  ASSERT_TRUE(d) << d.error().detail;
  EXPECT_EQ(d->db, "/srv/flag.db");
}

TEST_F(ConfigTest, UnknownEnlaceVariablesAreIgnored) {
  auto s = with_db();
  s.env["ENLACE_SOMETHING_ELSE"] = "x";
  EXPECT_TRUE(resolve_config(s));
}

TEST_F(ConfigTest, UnknownFileKeyIsRefusedByName) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nprot = 9000\n");
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "prot"), "");
}

TEST_F(ConfigTest, TablesInTheFileAreRefused) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\n[server]\nport = 9000\n");
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "server"), "");
}

TEST_F(ConfigTest, UnknownFlagIsRefusedByName) {
  auto s = with_db();
  s.flags["colour"] = "blue";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "colour"), "");
}

TEST_F(ConfigTest, MissingFileIsRefused) {
  auto s = with_db();
  s.file = (dir_ / "absent.toml").string();
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "config"), "");
}

TEST_F(ConfigTest, MalformedFileIsRefusedWithALine) {
  auto s = with_db();
  s.file = write_file("port = 80\nport = = 1\n");
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "config").find("line 2"), std::string::npos);
}

TEST_F(ConfigTest, WrongTypeInFileIsRefused) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nport = \"8080\"\ntotp_required = 1\n"
                      "listen = 127\nmax_body_bytes = 1.5\n");
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "port"), "");
  EXPECT_NE(messages_for(c.error(), "totp_required"), "");
  EXPECT_NE(messages_for(c.error(), "listen"), "");
  EXPECT_NE(messages_for(c.error(), "max_body_bytes"), "");
}

TEST_F(ConfigTest, NegativeSizeInFileIsRefused) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nmax_header_bytes = -1\n");
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "max_header_bytes"), "");
}

TEST_F(ConfigTest, NonNumericTextIsRefusedNamingItsSource) {
  auto s = with_db();
  s.env["ENLACE_PORT"] = "80a";
  s.flags["threads"] = "";
  s.flags["max_body_bytes"] = "-5";
  s.flags["totp_required"] = "maybe";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "port").find("ENLACE_PORT"), std::string::npos);
  EXPECT_NE(messages_for(c.error(), "threads").find("--threads"), std::string::npos);
  EXPECT_NE(messages_for(c.error(), "max_body_bytes"), "");
  EXPECT_NE(messages_for(c.error(), "totp_required"), "");
}

TEST_F(ConfigTest, PortOutOfRangeIsRefused) {
  for (const char* port : {"-1", "65536", "99999999999"}) {
    auto s = with_db();
    s.flags["port"] = port;
    auto c = resolve_config(s);
    ASSERT_FALSE(c) << port;
    EXPECT_NE(messages_for(c.error(), "port"), "") << port;
  }
}

TEST_F(ConfigTest, PortZeroMeansAnyFreePort) {
  auto s = with_db();
  s.flags["port"] = "0";
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->port, 0);
}

TEST_F(ConfigTest, HalfGivenTlsIsRefused) {
  auto s = with_db();
  s.flags["tls_cert"] = "/etc/enlace/cert.pem";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "tls_key"), "");

  auto t = with_db();
  t.env["ENLACE_TLS_KEY"] = "/etc/enlace/key.pem";
  auto d = resolve_config(t);
  ASSERT_FALSE(d);
  EXPECT_NE(messages_for(d.error(), "tls_cert"), "");
}

TEST_F(ConfigTest, ListenMustBeAnAddress) {
  for (const char* ok : {"0.0.0.0", "::", "::1", "192.168.1.20"}) {
    auto s = with_db();
    s.flags["listen"] = ok;
    EXPECT_TRUE(resolve_config(s)) << ok;
  }
  for (const char* bad : {"", "localhost", "1.2.3", "[::1]"}) {
    auto s = with_db();
    s.flags["listen"] = bad;
    auto c = resolve_config(s);
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(messages_for(c.error(), "listen"), "") << bad;
  }
}

TEST_F(ConfigTest, UnknownLogLevelIsRefused) {
  auto s = with_db();
  s.flags["log_level"] = "verbose";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "log_level"), "");
}

TEST_F(ConfigTest, EachNumericLimitIsRangeChecked) {
  const std::pair<const char*, const char*> bad[] = {
      {"threads", "-1"},
      {"read_threads", "0"},
      {"max_body_bytes", "10"},
      {"max_header_bytes", "100"},
      {"header_timeout_seconds", "0"},
      {"body_timeout_seconds", "0"},
      {"idle_timeout_seconds", "0"},
      {"max_connections", "0"},
      {"max_connections_per_address", "0"},
      {"rate_limit_per_minute", "0"},
      {"login_failures_per_15_minutes", "0"},
      {"session_idle_minutes", "0"},
      {"session_absolute_hours", "0"},
      {"stream_session_check_ms", "5000"},
      {"argon2_memory_kib", "4"},
      {"argon2_iterations", "0"},
      {"argon2_parallelism", "0"},
      {"password_hash_threads", "0"},
      {"password_hash_queue", "-1"},
      {"retention_days", "0"},
      {"default_language", "de"},
      {"smtp_url", "http://mail.example.org"},
  };
  for (const auto& [key, value] : bad) {
    auto s = with_db();
    s.flags[key] = value;
    auto c = resolve_config(s);
    ASSERT_FALSE(c) << key;
    EXPECT_NE(messages_for(c.error(), key), "") << key;
  }
}

TEST_F(ConfigTest, EmailNeedsASenderAndAPublicUrlForItsLinks) {
  auto s = with_db();
  s.env["ENLACE_SMTP_URL"] = "smtp://127.0.0.1:25";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "mail_from"), "");
  EXPECT_NE(messages_for(c.error(), "public_url"), "");
  s.env["ENLACE_MAIL_FROM"] = "enlace@example.org";
  s.env["ENLACE_PUBLIC_URL"] = "https://enlace.example.org";
  c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->smtp_url, "smtp://127.0.0.1:25");
  EXPECT_EQ(c->default_language, "es");
}

TEST_F(ConfigTest, IdleSessionCannotOutliveTheAbsoluteLimit) {
  auto s = with_db();
  s.flags["session_idle_minutes"] = "180";
  s.flags["session_absolute_hours"] = "2";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "session_idle_minutes"), "");
}

TEST_F(ConfigTest, AllProblemsAreReportedAtOnce) {
  ConfigSources s;
  s.flags["port"] = "70000";
  s.flags["log_level"] = "loud";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "db"), "");
  EXPECT_NE(messages_for(c.error(), "port"), "");
  EXPECT_NE(messages_for(c.error(), "log_level"), "");
}

TEST_F(ConfigTest, RangeMessageNamesTheSourceOfTheValue) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\nport = 70000\n");
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  EXPECT_NE(messages_for(c.error(), "port").find(*s.file), std::string::npos);
}

TEST_F(ConfigTest, DescribeListsEveryKeyOnce) {
  auto text = describe_config(ServeConfig{});
  std::istringstream lines(text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) ++count;
  EXPECT_EQ(count, 43);
  EXPECT_NE(text.find("port = 8080\n"), std::string::npos);
  EXPECT_NE(text.find("db_password_file = \"\"\n"), std::string::npos);
  EXPECT_NE(text.find("listen = \"127.0.0.1\"\n"), std::string::npos);
  EXPECT_NE(text.find("totp_required = true\n"), std::string::npos);
  EXPECT_NE(text.find("max_body_bytes = 1048576\n"), std::string::npos);
  EXPECT_NE(text.find("trusted_proxies = []\n"), std::string::npos);
  EXPECT_NE(text.find("password_hash_queue = 64\n"), std::string::npos);
}

TEST_F(ConfigTest, TrustedProxiesInTheEnvironmentAreCommaSeparated) {
  auto s = with_db();
  s.env["ENLACE_TRUSTED_PROXIES"] = "127.0.0.1, 10.0.0.0/8,,fd00::/8 ";
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.0/8", "fd00::/8"}));
  EXPECT_NE(describe_config(*c).find("trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\", \"fd00::/8\"]\n"),
            std::string::npos);
}

TEST_F(ConfigTest, TrustedProxiesInTheFileAreAnArrayOfStrings) {
  ConfigSources s;
  s.file = write_file("db = \"/srv/a.db\"\ntrusted_proxies = [\"::1\", \"192.168.0.0/16\"]\n");
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->trusted_proxies, (std::vector<std::string>{"::1", "192.168.0.0/16"}));

  s.file = write_file("db = \"/srv/a.db\"\ntrusted_proxies = \"::1\"\n", "string.toml");
  auto wrong_type = resolve_config(s);
  ASSERT_FALSE(wrong_type);
  EXPECT_NE(messages_for(wrong_type.error(), "trusted_proxies").find("array of strings"), std::string::npos);
}

TEST_F(ConfigTest, AnInvalidTrustedProxyIsRefusedQuotingItAndItsSource) {
  auto s = with_db();
  s.env["ENLACE_TRUSTED_PROXIES"] = "10.0.0.0/8,10.0.0.0/33,proxy.example.org";
  auto c = resolve_config(s);
  ASSERT_FALSE(c);
  auto message = messages_for(c.error(), "trusted_proxies");
  EXPECT_NE(message.find("10.0.0.0/33"), std::string::npos) << message;
  EXPECT_NE(message.find("proxy.example.org"), std::string::npos) << message;
  EXPECT_EQ(message.find("\"10.0.0.0/8\""), std::string::npos) << message;
  EXPECT_NE(message.find("ENLACE_TRUSTED_PROXIES"), std::string::npos) << message;
}

TEST_F(ConfigTest, DescribedConfigReadsBackUnchanged) {
  auto s = with_db();
  s.flags["web_root"] = "/usr/share/enlace/web \"quoted\" \\ path";
  s.flags["tls_cert"] = "/etc/enlace/cert.pem";
  s.flags["tls_key"] = "/etc/enlace/key.pem";
  s.flags["totp_required"] = "false";
  s.flags["port"] = "0";
  s.flags["trusted_proxies"] = "127.0.0.1,fd00::/8";
  auto first = resolve_config(s);
  ASSERT_TRUE(first) << first.error().detail;

  ConfigSources again;
  again.file = write_file(describe_config(*first));
  auto second = resolve_config(again);
  ASSERT_TRUE(second) << (second ? "" : second.error().fields.items().front().message);
  EXPECT_EQ(describe_config(*second), describe_config(*first));
  EXPECT_EQ(second->web_root, s.flags["web_root"]);
}

TEST_F(ConfigTest, PathsAreNotSecretsAndArePrinted) {
  auto s = with_db();
  s.flags["encryption_key_file"] = "/run/credentials/enlace.service/encryption_key";
  s.flags["tls_key"] = "/etc/enlace/key.pem";
  s.flags["tls_cert"] = "/etc/enlace/cert.pem";
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << c.error().detail;
  auto text = describe_config(*c);
  EXPECT_NE(text.find("/run/credentials/enlace.service/encryption_key"), std::string::npos);
  EXPECT_NE(text.find("/etc/enlace/key.pem"), std::string::npos);
  EXPECT_EQ(text.find("********"), std::string::npos);
}

TEST_F(ConfigTest, SecretKeysAreRecognisedBySuffix) {
  EXPECT_TRUE(is_secret_key("smtp_password"));
  EXPECT_TRUE(is_secret_key("webhook_secret"));
  EXPECT_TRUE(is_secret_key("metrics_token"));
  EXPECT_FALSE(is_secret_key("encryption_key_file"));
  EXPECT_FALSE(is_secret_key("tls_key"));
  EXPECT_FALSE(is_secret_key("password_hash_threads"));
  EXPECT_FALSE(is_secret_key("token"));
}

// deploy/enlace.example.toml in the source tree (CMake passes its root: __FILE__ is
// relative when ccache rewrites paths).
fs::path example_file() { return fs::path(ENLACE_SOURCE_DIR) / "deploy" / "enlace.example.toml"; }

TEST_F(ConfigTest, ExampleFileIsValidAndDocumentsEveryKey) {
  auto path = example_file();
  ASSERT_TRUE(fs::exists(path)) << path;
  ConfigSources s;
  s.file = path.string();
  auto c = resolve_config(s);
  ASSERT_TRUE(c) << (c ? "" : c.error().fields.items().front().field);

  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::istringstream lines(describe_config(ServeConfig{}));
  std::string line;
  while (std::getline(lines, line)) {
    auto key = line.substr(0, line.find(' '));
    bool set = text.str().find("\n" + key + " = ") != std::string::npos;
    bool commented = text.str().find("\n# " + key + " = ") != std::string::npos;
    EXPECT_TRUE(set || commented) << key;
  }
}

}  // namespace
}  // namespace enlace::gateway
