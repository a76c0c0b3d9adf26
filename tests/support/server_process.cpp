// Test support implementation: see server_process.hpp.
#include "server_process.hpp"
#include "pg_test_database.hpp"
#include "openapi_check.hpp"
#include "sockets.hpp"

#include <algorithm>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace enlace::test {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads more bytes into buf; false on EOF/error/timeout.
bool read_more(int fd, std::string& buf, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char tmp[16384];
  ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
  if (n <= 0) return false;
  buf.append(tmp, static_cast<std::size_t>(n));
  return true;
}

// Parses one response from fd (buf may hold bytes already). Returns nullopt if the
// connection closed before any byte arrived.
std::optional<HttpResponse> read_response(int fd, std::string& buf, bool& closed) {
  closed = false;
  std::size_t head_end;
  while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
    if (!read_more(fd, buf, 30000)) {
      closed = true;
      if (buf.empty()) return std::nullopt;
      throw std::runtime_error("connection closed inside response headers");
    }
  }
  HttpResponse r;
  std::istringstream head(buf.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto name = lower(line.substr(0, colon));
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (r.headers.count(name)) r.headers[name] += ", " + value;
    else r.headers[name] = value;
  }
  buf.erase(0, head_end + 4);
  if (r.headers.count("content-length")) {
    std::size_t len = std::stoul(r.headers["content-length"]);
    while (buf.size() < len)
      if (!read_more(fd, buf, 30000)) throw std::runtime_error("connection closed inside body");
    r.body = buf.substr(0, len);
    buf.erase(0, len);
  } else if (r.status == 204 || r.status == 304) {
  } else {
    while (read_more(fd, buf, 30000)) {
    }
    r.body = std::move(buf);
    buf.clear();
    closed = true;
  }
  if (lower(r.header("connection")) == "close") closed = true;
  return r;
}

}  // namespace

boost::json::value HttpResponse::json() const { return boost::json::parse(body); }

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

namespace {
// The server's OpenAPI document for each client, fetched on its first reply on a connection
// of its own (the tests' connection sees only their requests); empty until fetched.
std::mutex openapi_mutex;
std::map<const HttpClient*, std::string> openapi_documents;

}  // namespace

HttpClient::~HttpClient() {
  if (fd_ >= 0) ::close(fd_);
  std::lock_guard lock(openapi_mutex);
  openapi_documents.erase(this);
}

namespace {

// One request on the client's keep-alive connection `fd` (reconnecting when the server closed it).
HttpResponse exchange(int& fd_, int port_, const std::string& source_, const HttpRequest& req) {
  std::string wire = req.method + " " + req.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool has_length = false;
  for (const auto& [k, v] : req.headers) {
    wire += k + ": " + v + "\r\n";
    has_length = has_length || lower(k) == "content-length" || lower(k) == "transfer-encoding";
  }
  if (!has_length && (!req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH"))
    wire += "Content-Length: " + std::to_string(req.body.size()) + "\r\n";
  wire += "\r\n" + req.body;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (fd_ < 0) fd_ = connect_tcp(port_, source_);
    if (!send_all(fd_, wire)) {
      ::close(fd_);
      fd_ = -1;
      continue;
    }
    std::string buf;
    bool closed = false;
    auto r = read_response(fd_, buf, closed);
    if (closed || !r) {
      ::close(fd_);
      fd_ = -1;
    }
    if (r) return *r;
  }
  throw std::runtime_error("no response from server");
}

std::string openapi_document_for(const HttpClient* client, int port, const std::string& source) {
  {
    std::lock_guard lock(openapi_mutex);
    auto it = openapi_documents.find(client);
    if (it != openapi_documents.end()) return it->second;
  }
  int fd = -1;
  std::string doc;
  try {
    auto r = exchange(fd, port, source, {"GET", "/api/v1/openapi.json", {}, ""});
    if (r.status == 200) doc = r.body;
  } catch (const std::exception&) {
    // the server is down: fetched again with the next reply
  }
  if (fd >= 0) ::close(fd);
  std::lock_guard lock(openapi_mutex);
  static std::string last_fetched;
  if (!doc.empty()) {
    openapi_documents[client] = doc;
    last_fetched = doc;
  } else {
    // A server killed right after its reply (the crash tests) can no longer be asked: every
    // server of a test binary runs the same enlace, so the document another one gave holds.
    doc = last_fetched;
  }
  return doc;
}

}  // namespace

// Every reply is checked against the server's OpenAPI document (openapi_check.hpp).
HttpResponse HttpClient::send(const HttpRequest& req) {
  HttpResponse res = exchange(fd_, port_, source_, req);
  if (is_enlace_server(port_))
    check_reply_against_openapi(openapi_document_for(this, port_, source_), req, res);
  return res;
}

std::string HttpClient::raw(const std::string& bytes, int timeout_ms) {
  int fd = connect_tcp(port_, source_);
  send_all(fd, bytes);
  std::string buf;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - std::chrono::steady_clock::now()).count());
    if (!read_more(fd, buf, std::max(1, left))) break;
  }
  ::close(fd);
  return buf;
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/enlace-test-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {
// This process's environment without its ENLACE_* variables (the test decides every setting),
// then `env`.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& env) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    if (kv.rfind("ENLACE_", 0) != 0) out.push_back(std::move(kv));
  }
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}
}  // namespace

CommandResult run_enlace(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
  args.insert(args.begin(), ServerProcess::binary());
  return run_command(args, "", env);
}

long line_count(const std::string& output) { return std::count(output.begin(), output.end(), '\n'); }

CommandResult run_command(const std::vector<std::string>& argv, const std::string& stdin_text,
                          const std::map<std::string, std::string>& env) {
  int in_pipe[2], out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_store = child_environment(env);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  if (rc != 0) throw std::runtime_error("spawn failed: " + argv[0]);
  if (!stdin_text.empty()) {
    ssize_t n = ::write(in_pipe[1], stdin_text.data(), stdin_text.size());
    (void)n;
  }
  ::close(in_pipe[1]);
  std::string out;
  char tmp[4096];
  ssize_t n;
  while ((n = ::read(out_pipe[0], tmp, sizeof tmp)) > 0) out.append(tmp, static_cast<std::size_t>(n));
  ::close(out_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out};
}

bool testing_postgres() {
  const char* v = std::getenv("ENLACE_TEST_BACKEND");
  // With the PostgreSQL tests turned off, the suites run on SQLite as usual.
  return v && std::string_view(v) == "postgres" && test_postgres() != TestPostgres::off;
}

std::string ServerProcess::binary() {
  // ENLACE_TEST_SERVER_BINARY runs the suite against another build of the server (e.g. one
  // instrumented with ThreadSanitizer) without rebuilding the tests.
  if (const char* other = std::getenv("ENLACE_TEST_SERVER_BINARY"); other && *other) return other;
  return ENLACE_BINARY;
}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  char tmpl[] = "/tmp/enlace-it-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  clock_file_ = dir_ + "/now";
  log_file_ = dir_ + "/server.log";
  set_now(now_);
  bool postgres = testing_postgres() || options_.postgres;
  if (!options_.existing_db.empty()) {
    db_ = options_.existing_db;
  } else if (postgres && !options_.demo) {
    // A copy of a database `enlace init` made once for this build at the default "now" (init
    // without --demo only migrates): migrating each test's own database cost a second or more.
    auto build = [this](const std::string& uri) { init_database(uri); };
    pg_ = std::make_shared<PgTestDatabase>(template_name(), build);
    db_ = pg_->uri();
  } else {
    if (postgres) pg_ = std::make_shared<PgTestDatabase>();
    db_ = postgres ? pg_->uri() : dir_ + "/enlace.db";
    init_database(db_);
  }
  start();
}

void ServerProcess::init_database(const std::string& db) {
  std::vector<std::string> init{binary(), "init", "--db", db};
  if (options_.demo) init.push_back("--demo");
  // init sees the test clock too: the demo network dates its listings from "now".
  auto r = run_command(init, "", {{"ENLACE_TEST_CLOCK_FILE", clock_file_}});
  if (r.exit_code != 0) throw std::runtime_error("enlace init failed: " + r.output);
}

// The template's name: one per server binary, as its migrations made it.
std::string ServerProcess::template_name() {
  std::error_code ec;
  auto path = binary();
  auto stamp = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  auto size = std::filesystem::file_size(path, ec);
  auto h = std::hash<std::string>{}(path + "|" + std::to_string(stamp) + "|" + std::to_string(size));
  std::ostringstream name;
  name << "enlace_tpl_" << std::hex << h;
  return name.str();
}

std::map<std::string, std::string> ServerProcess::settings() const {
  std::map<std::string, std::string> env = options_.env;
  if (options_.with_test_clock) env["ENLACE_TEST_CLOCK_FILE"] = clock_file_;
  env.emplace("ENLACE_TOTP_REQUIRED", "false");
  env.emplace("ENLACE_LOG_LEVEL", "warn");
  if (options_.fast_hashing) {
    env.emplace("ENLACE_ARGON2_MEMORY_KIB", "1024");
    env.emplace("ENLACE_ARGON2_ITERATIONS", "1");
  }
  return env;
}

void ServerProcess::start() {
  std::vector<std::string> argv{binary(), "serve", "--db", db_, "--port", "0", "--threads", "2"};
  for (const auto& a : options_.extra_args) argv.push_back(a);
  std::map<std::string, std::string> env = settings();

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  std::vector<std::string> env_store = child_environment(env);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid;
  if (posix_spawn(&pid, args[0], &fa, nullptr, args.data(), envp.data()) != 0)
    throw std::runtime_error("could not start enlace serve");
  posix_spawn_file_actions_destroy(&fa);
  pid_ = pid;
  // Wait for "listening on http://127.0.0.1:PORT" (the server prints it once it accepts).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = output();
    auto at = out.find("listening on http");
    if (at != std::string::npos) {
      auto colon = out.find(':', out.find("://", at) + 3);
      auto eol = out.find('\n', colon);
      if (eol != std::string::npos) {
        port_ = std::stoi(out.substr(colon + 1, eol - colon - 1));
        client_ = new HttpClient(port_);
        return;
      }
    }
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("enlace serve exited at start: " + out);
    }
    // Polling a child's output file: there is no clock to inject into another process.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  throw std::runtime_error("enlace serve did not start: " + output());
}

std::string ServerProcess::output() const {
  std::ifstream in(log_file_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int ServerProcess::stop() {
  delete client_;
  client_ = nullptr;
  if (pid_ < 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  check_sanitizer_reports();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::check_sanitizer_reports() const {
  // Under the asan/tsan presets the server is instrumented too; its reports land in its log,
  // which is deleted with the directory, so a report fails the test that ran the server.
  auto out = output();
  for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                             "WARNING: ThreadSanitizer"})
    if (out.find(marker) != std::string::npos) ADD_FAILURE() << "sanitizer report from enlace serve:\n" << out;
}

void ServerProcess::signal(int signo) {
  if (pid_ > 0) ::kill(pid_, signo);
}

void ServerProcess::restart() {
  delete client_;
  client_ = nullptr;
  if (pid_ > 0) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  check_sanitizer_reports();
  start();
}

void ServerProcess::restart(ServerOptions options) {
  stop();
  options_ = std::move(options);
  start();
}

ServerProcess::~ServerProcess() {
  stop();
  // A server's internal errors say why a reply was a 500 (the cause is only in its log).
  if (std::ifstream log(log_file_); log)
    for (std::string line; std::getline(log, line);)
      if (line.find("\"level\":\"error\"") != std::string::npos) std::cerr << "server: " << line << "\n";
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void ServerProcess::set_now(const std::string& rfc3339) {
  now_ = rfc3339;
  std::string tmp = clock_file_ + ".tmp";
  {
    std::ofstream out(tmp);
    out << rfc3339 << "\n";
  }
  fs::rename(tmp, clock_file_);  // atomic: the server never reads half a line
}

void ServerProcess::advance_minutes(int minutes) {
  std::tm tm{};
  std::istringstream in(now_);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  std::time_t t = ::timegm(&tm) + minutes * 60;
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  set_now(buf);
}

std::string ServerProcess::add_user(const std::string& username, const std::vector<std::string>& roles,
                                    const std::string& organization, const std::string& password) {
  std::vector<std::string> argv{binary(), "user", "add", "--db", db_, "--username", username,
                                "--password-stdin"};
  for (const auto& r : roles) {
    argv.push_back("--role");
    argv.push_back(r);
  }
  if (!organization.empty()) {
    argv.push_back("--organization");
    argv.push_back(organization);
  }
  auto r = run_command(argv, (password.empty() ? std::string(kPassword) : password) + "\n", settings());
  if (r.exit_code != 0) throw std::runtime_error("user add failed: " + r.output);
  auto id = r.output;
  while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
  return id;
}

std::string ServerProcess::login(const std::string& username, const std::string& password) {
  auto r = post("/api/v1/auth/login",
                {{"username", username}, {"password", password.empty() ? kPassword : password}});
  if (r.status != 200) throw std::runtime_error("login failed: " + std::to_string(r.status) + " " + r.body);
  return std::string(r.json().at("token").as_string());
}

HttpResponse ServerProcess::send(HttpRequest req, const std::string& token) {
  if (!token.empty()) req.headers.emplace_back("Authorization", "Bearer " + token);
  return client_->send(req);
}

HttpResponse ServerProcess::get(const std::string& target, const std::string& token) {
  return send({"GET", target, {}, ""}, token);
}

HttpResponse ServerProcess::post(const std::string& target, const boost::json::value& body,
                                 const std::string& token,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "application/json");
  return send({"POST", target, std::move(headers), boost::json::serialize(body)}, token);
}

HttpResponse ServerProcess::patch(const std::string& target, const boost::json::value& body,
                                  const std::string& token, const std::string& if_match) {
  std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"}};
  if (!if_match.empty()) h.emplace_back("If-Match", if_match);
  return send({"PATCH", target, std::move(h), boost::json::serialize(body)}, token);
}

HttpResponse ServerProcess::put(const std::string& target, const boost::json::value& body,
                                const std::string& token, const std::string& if_match) {
  std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"}};
  if (!if_match.empty()) h.emplace_back("If-Match", if_match);
  return send({"PUT", target, std::move(h), boost::json::serialize(body)}, token);
}

HttpResponse ServerProcess::del(const std::string& target, const std::string& token) {
  return send({"DELETE", target, {}, ""}, token);
}

}  // namespace enlace::test
