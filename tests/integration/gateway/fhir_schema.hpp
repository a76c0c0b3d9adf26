// Validation of FHIR replies against HL7's R4 JSON schema (tests/contract/schemas/fhir-r4): one
// python3-jsonschema process per suite (tests/contract/fhir_validate.py) reads the 3 MB schema
// once and checks each body the tests receive, so a reply that does not conform fails the test
// that got it.
#pragma once

#include <boost/json.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace enlace::test {

class FhirSchema {
 public:
  FhirSchema() {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      const std::string script = std::string(ENLACE_SOURCE_DIR) + "/tests/contract/fhir_validate.py";
      execl("/usr/bin/python3", "python3", script.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = fdopen(to_child[1], "w");
    out_ = fdopen(from_child[0], "r");
  }
  ~FhirSchema() {
    if (in_) fclose(in_);
    if (out_) fclose(out_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  FhirSchema(const FhirSchema&) = delete;
  FhirSchema& operator=(const FhirSchema&) = delete;

  // "" when `body` is a valid R4 resource, else what is wrong and where.
  std::string problems(const std::string& body) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(body, ec);
    if (ec) return "not JSON: " + body.substr(0, 200);
    std::string line = boost::json::serialize(parsed) + "\n";  // no raw newline inside
    if (std::fwrite(line.data(), 1, line.size(), in_) != line.size() || std::fflush(in_) != 0)
      return "the validator is not running";
    std::string answer;
    int c;
    while ((c = std::fgetc(out_)) != EOF && c != '\n') answer += static_cast<char>(c);
    if (c == EOF) return "the validator stopped (is Debian's python3-jsonschema installed?)";
    return answer == "ok" ? "" : answer;
  }

 private:
  pid_t pid_ = -1;
  FILE* in_ = nullptr;
  FILE* out_ = nullptr;
};

}  // namespace enlace::test
