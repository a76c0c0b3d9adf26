// The Node webhook receiver: see webhook_receiver.hpp.
#include "support/webhook_receiver.hpp"

#include "support/openapi_check.hpp"
#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace enlace::test {

namespace {

std::string receiver_dir() {
  return std::string(ENLACE_SOURCE_DIR) + "/tests/contract/webhook_receiver";
}

std::string text_of(const boost::json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

WebhookReceiver::WebhookReceiver() {
  const auto dir = receiver_dir();
  if (!std::filesystem::exists(dir + "/node_modules/standardwebhooks")) {
    // Suites run in parallel and `npm ci` first deletes node_modules: one install at a time,
    // and none once another suite has finished it. deploy/test.sh installs it beforehand.
    auto r = run_command({"/bin/sh", "-c", "cd '" + dir + "' && flock .npm-install.lock sh -c "
                          "'[ -d node_modules/standardwebhooks ] || npm ci --no-audit --no-fund'"});
    if (r.exit_code != 0) throw std::runtime_error("npm ci for the webhook receiver failed: " + r.output);
  }
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  std::string script = dir + "/receiver.mjs";
  std::string node = "/usr/bin/node";
  std::vector<char*> args{node.data(), script.data(), nullptr};
  int rc = posix_spawnp(&pid_, "node", &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    throw std::runtime_error("could not start node");
  }
  // "listening PORT\n"
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[256];
    auto n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  close(out[0]);
  if (line.rfind("listening ", 0) != 0) throw std::runtime_error("webhook receiver did not start: " + line);
  port_ = std::stoi(line.substr(10));
  not_an_enlace_server(port_);  // its replies are the receiver's, not the API's
}

WebhookReceiver::~WebhookReceiver() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string WebhookReceiver::url(const std::string& name) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/hook/" + name;
}

void WebhookReceiver::set_secret(const std::string& name, const std::string& secret) {
  HttpClient c(port_);
  auto r = c.send({"PUT", "/control/" + name + "/secret", {}, secret});
  if (r.status != 204) throw std::runtime_error("receiver refused the secret");
}

void WebhookReceiver::set_status(const std::string& name, int status) {
  HttpClient c(port_);
  auto r = c.send({"PUT", "/control/" + name + "/status", {}, std::to_string(status)});
  if (r.status != 204) throw std::runtime_error("receiver refused the status");
}

std::vector<ReceivedWebhook> WebhookReceiver::received() {
  HttpClient c(port_);
  auto r = c.send({"GET", "/control/received", {}, ""});
  std::vector<ReceivedWebhook> out;
  const auto body = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& v : body.as_array()) {
    const auto& o = v.as_object();
    ReceivedWebhook w;
    w.name = text_of(o, "name");
    w.id = text_of(o, "id");
    w.timestamp = text_of(o, "timestamp");
    w.signature = text_of(o, "signature");
    w.content_type = text_of(o, "content_type");
    w.body = text_of(o, "body");
    w.error = text_of(o, "error");
    w.verified = o.at("verified").as_bool();
    w.answered = static_cast<int>(o.at("answered").to_number<double>());
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<ReceivedWebhook> WebhookReceiver::received(const std::string& name) {
  std::vector<ReceivedWebhook> out;
  for (auto& w : received())
    if (w.name == name) out.push_back(std::move(w));
  return out;
}

std::vector<ReceivedWebhook> WebhookReceiver::wait_for(const std::string& name, std::size_t count,
                                                       int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto got = received(name);
    if (got.size() >= count || std::chrono::steady_clock::now() >= deadline) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace enlace::test
