// The SMTP sink: see smtp_sink.hpp.
#include "support/smtp_sink.hpp"

#include "support/sockets.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace enlace::test {

namespace fs = std::filesystem;

namespace {

bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

std::string str(const boost::json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

SmtpSink::SmtpSink() {
  char tmpl[] = "/tmp/enlace-smtp-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  port_ = free_port();
  start();
}

SmtpSink::~SmtpSink() {
  stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void SmtpSink::start() {
  if (pid_ > 0) return;
  // Debian's interpreter: python3-aiosmtpd is installed for it (deploy/packages-test.txt).
  std::vector<std::string> argv{"/usr/bin/python3", ENLACE_SOURCE_DIR "/tests/support/smtp_sink.py",
                                std::to_string(port_), dir_};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, (dir_ + "/.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid;
  int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("could not start the SMTP sink");
  pid_ = pid;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    if (accepts(port_)) return;
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the SMTP sink exited; see " + dir_ + "/.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the SMTP sink did not start listening");
}

void SmtpSink::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<SmtpMessage> SmtpSink::messages() const {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir_))
    if (e.path().extension() == ".json" && e.path().filename().string()[0] != '.')
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<SmtpMessage> out;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    auto o = boost::json::parse(ss.str()).as_object();
    SmtpMessage m;
    for (const auto& r : o.at("rcpt_tos").as_array()) m.to.emplace_back(r.as_string());
    m.subject = str(o, "subject");
    m.content_type = str(o, "content_type");
    m.text = str(o, "text");
    m.html = str(o, "html");
    m.raw = str(o, "raw");
    m.headers = o.at("headers").as_object();
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<SmtpMessage> SmtpSink::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto got = messages();
    if (got.size() >= n || std::chrono::steady_clock::now() >= deadline) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::vector<SmtpMessage> SmtpSink::wait_for(const std::string& address, std::size_t n,
                                            std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto got = to(address);
    if (got.size() >= n || std::chrono::steady_clock::now() >= deadline) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::vector<SmtpMessage> SmtpSink::to(const std::string& address) const {
  std::vector<SmtpMessage> out;
  for (auto& m : messages())
    if (std::find(m.to.begin(), m.to.end(), address) != m.to.end()) out.push_back(std::move(m));
  return out;
}

}  // namespace enlace::test
