// Test support: a real `enlace serve` on 127.0.0.1 with a fresh database in a temporary
// directory, plus an HTTP client to talk to it. Integration tests use nothing else.
#pragma once

#include <boost/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace enlace::test {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  boost::json::value json() const;  // throws when the body is not JSON
  std::string header(const std::string& lower_name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// One keep-alive connection; reconnects when the server closed it.
class HttpClient {
 public:
  // `source`: the local address to connect from (any 127.x.y.z), to act as another client.
  explicit HttpClient(int port, std::string source = "127.0.0.1")
      : port_(port), source_(std::move(source)) {}
  ~HttpClient();
  HttpResponse send(const HttpRequest& req);
  // Raw bytes in, raw response text out (for malformed requests). Opens its own connection.
  std::string raw(const std::string& bytes, int timeout_ms = 5000);

 private:
  int port_;
  std::string source_;
  int fd_ = -1;
};

// Options for one server: extra `serve` flags and environment.
struct ServerOptions {
  bool demo = false;
  std::vector<std::string> extra_args;
  std::map<std::string, std::string> env;
  bool with_test_clock = true;  // time from a file the test controls
  // Argon2id at 1 MiB and one pass for the server and `user add`: tests of sign-in rules, not
  // of the hash's cost, and each suite signs in a dozen users. `env` still wins.
  bool fast_hashing = true;
  // Serve this database instead of a fresh one, without `enlace init` (serve migrates at start,
  // as after an upgrade or a restore). The test owns the file; the server leaves it in place.
  std::string existing_db;
  // A fresh database of the ENLACE_TEST_POSTGRES cluster whatever ENLACE_TEST_BACKEND says
  // (tests of several processes sharing one database).
  bool postgres = false;
};

class PgTestDatabase;

// The backend the integration suites run on: SQLite unless ENLACE_TEST_BACKEND=postgres (then a
// fresh database of the ENLACE_TEST_POSTGRES cluster for each server).
bool testing_postgres();

class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();  // SIGTERM, then wait
  ServerProcess(const ServerProcess&) = delete;

  int port() const { return port_; }
  // The database: a SQLite file, or a postgresql:// URI (testing_postgres()).
  const std::string& db_path() const { return db_; }
  const std::string& dir() const { return dir_; }
  // Sets "now" for the server (RFC 3339). Starts at 2026-11-24T12:00:00Z.
  void set_now(const std::string& rfc3339);
  void advance_minutes(int minutes);
  const std::string& now() const { return now_; }  // the server's "now" (RFC 3339)
  // Stops the server if it runs and starts it again on the same database with new options.
  void restart(ServerOptions options);

  // `enlace user add`; returns the id. Password defaults to the test password.
  std::string add_user(const std::string& username, const std::vector<std::string>& roles,
                       const std::string& organization = "", const std::string& password = "");
  // Signs in; returns the bearer token (fails the test on error).
  std::string login(const std::string& username, const std::string& password = "");

  HttpResponse get(const std::string& target, const std::string& token = "");
  HttpResponse post(const std::string& target, const boost::json::value& body,
                    const std::string& token = "", std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse patch(const std::string& target, const boost::json::value& body, const std::string& token,
                     const std::string& if_match = "");
  HttpResponse put(const std::string& target, const boost::json::value& body, const std::string& token,
                   const std::string& if_match = "");
  HttpResponse del(const std::string& target, const std::string& token = "");
  HttpResponse send(HttpRequest req, const std::string& token = "");

  // Stops the server (SIGTERM) and returns its exit code; the database stays for inspection.
  int stop();
  // Sends a signal to the server process (SIGHUP to reload, SIGKILL to crash it). After
  // SIGKILL call `restart()` to start a new server on the same database.
  void signal(int signo);
  // Waits for a killed server and starts a new one on the same database and options.
  void restart();
  int pid() const { return pid_; }
  std::string output() const;  // what the server printed so far

  static constexpr const char* kPassword = "correct horse battery staple 42";
  static std::string binary();

 private:
  void start();
  // The ENLACE_* settings of this server's commands: options_.env over the harness defaults.
  std::map<std::string, std::string> settings() const;
  void check_sanitizer_reports() const;
  void init_database(const std::string& db);  // `enlace init [--demo]`
  static std::string template_name();         // of the PostgreSQL template for this binary
  ServerOptions options_;
  std::string dir_, db_, clock_file_, log_file_;
  std::string now_ = "2026-11-24T12:00:00Z";
  int pid_ = -1;
  int port_ = 0;
  HttpClient* client_ = nullptr;
  std::shared_ptr<PgTestDatabase> pg_;  // the server's database on PostgreSQL
};

// Runs a command (argv) with optional stdin; returns exit code and captured stdout+stderr.
struct CommandResult {
  int exit_code;
  std::string output;
};
CommandResult run_command(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                          const std::map<std::string, std::string>& env = {});
// `enlace ARGS...` (the binary under test) run to completion, as an operator runs a command.
CommandResult run_enlace(std::vector<std::string> args, const std::map<std::string, std::string>& env = {});
// How many lines a command printed: a refusal is one line.
long line_count(const std::string& output);

// A throw-away directory under /tmp, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace enlace::test
