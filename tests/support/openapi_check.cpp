// The reply check against the OpenAPI document: see openapi_check.hpp.
#include "openapi_check.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <mutex>
#include <set>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace enlace::test {

namespace {

// The helper process: started on first use, fed one JSON line per reply, answers one line.
class Validator {
 public:
  static Validator& instance() {
    static Validator v;
    return v;
  }

  // "ok", or what does not conform.
  std::string ask(const std::string& line) {
    std::lock_guard lock(mutex_);
    if (!out_) start();
    if (std::fputs(line.c_str(), out_) < 0 || std::fputc('\n', out_) < 0 || std::fflush(out_) != 0)
      throw std::runtime_error("the OpenAPI validator stopped (is python3-jsonschema installed?)");
    std::string answer;
    for (int c; (c = std::fgetc(in_)) != EOF && c != '\n';) answer += static_cast<char>(c);
    if (answer.empty())
      throw std::runtime_error("the OpenAPI validator gave no answer (is python3-jsonschema installed?)");
    return answer;
  }

  // Sends the document when it differs from the one the helper holds.
  void use_document(const std::string& document) {
    if (document == document_) return;
    auto answer = ask("{\"document\":" + document + "}");
    if (answer != "ok") throw std::runtime_error("the OpenAPI validator refused the document: " + answer);
    document_ = document;
  }

 private:
  ~Validator() {
    if (out_) std::fclose(out_);  // EOF: the helper ends
    if (in_) std::fclose(in_);
    if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
  }

  void start() {
    std::signal(SIGPIPE, SIG_IGN);
    int to_child[2], from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      const std::string src = ENLACE_SOURCE_DIR;
      const std::string script = src + "/tests/support/openapi_validate.py";
      // The addresses the document's external $refs use -> the copies kept in the repository.
      const std::string hsds =
          "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/=" + src +
          "/tests/contract/schemas/hsds-3.0";
      ::execlp("python3", "python3", script.c_str(), hsds.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    out_ = ::fdopen(to_child[1], "w");
    in_ = ::fdopen(from_child[0], "r");
  }

  std::mutex mutex_;
  FILE* out_ = nullptr;
  FILE* in_ = nullptr;
  pid_t pid_ = -1;
  std::string document_;
};

bool is_json(const std::string& content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  return media.ends_with("json");
}

std::mutex other_ports_mutex;
std::set<int> other_ports;

}  // namespace

void not_an_enlace_server(int port) {
  std::lock_guard lock(other_ports_mutex);
  other_ports.insert(port);
}

bool is_enlace_server(int port) {
  // Only to measure what the check costs (docs/DEVELOPING.md); CI never sets it, and it says so.
  static const bool measuring = [] {
    const bool off = std::getenv("ENLACE_TEST_OPENAPI_CHECK_OFF") != nullptr;
    if (off) std::fprintf(stderr, "*** ENLACE_TEST_OPENAPI_CHECK_OFF: replies are NOT checked against the OpenAPI document\n");
    return off;
  }();
  if (measuring) return false;
  std::lock_guard lock(other_ports_mutex);
  return !other_ports.contains(port);
}

void check_reply_against_openapi(const std::string& document, const HttpRequest& req,
                                 const HttpResponse& res) {
  const std::string where = req.method + " " + req.target.substr(0, req.target.find('?')) +
                            " -> " + std::to_string(res.status);
  if (document.empty()) {
    ADD_FAILURE() << "OpenAPI check: no document from the server, cannot check " << where;
    return;
  }
  std::string content_type = res.header("content-type");
  boost::json::object line{{"method", req.method},
                           {"target", req.target},
                           {"status", res.status},
                           {"content_type", content_type},
                           // Only JSON is validated; other bodies only need to be non-empty.
                           {"body", is_json(content_type) ? res.body : res.body.substr(0, 1)}};
  try {
    Validator& v = Validator::instance();
    v.use_document(document);
    auto answer = v.ask(boost::json::serialize(line));
    if (answer != "ok")
      ADD_FAILURE() << "Reply does not conform to the OpenAPI document: " << where << ": "
                    << answer << "\n  body: " << res.body.substr(0, 600);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "OpenAPI check of " << where << " failed: " << e.what();
  }
}

}  // namespace enlace::test
