// PostgreSQL client programs as child processes: see pg_tools.hpp.
#include "storage/postgres/pg_tools.hpp"

#include "storage/postgres/pg_password.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

extern char** environ;

namespace enlace::storage {

namespace {

// A password file holding only the installed password, in a directory only this user can
// enter, removed when the child has ended.
class PrivatePassFile {
 public:
  explicit PrivatePassFile(const std::string& password) {
    if (password.empty()) return;
    std::string tmpl = (std::filesystem::temp_directory_path() / "enlace-pgpass-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return;
    dir_ = tmpl;
    path_ = dir_ + "/pgpass";
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return;
    // Any host, port, database and user: the child connects only where it is told to.
    std::string line = "*:*:*:*:";
    for (char ch : password) {
      if (ch == ':' || ch == '\\') line += '\\';
      line += ch;
    }
    line += '\n';
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    std::fill(line.begin(), line.end(), '\0');
    if (!ok) path_.clear();
  }
  ~PrivatePassFile() {
    if (dir_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  PrivatePassFile(const PrivatePassFile&) = delete;
  PrivatePassFile& operator=(const PrivatePassFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

}  // namespace

core::Result<ToolRun> run_pg_tool(const std::string& program, const std::vector<std::string>& args,
                                  bool capture_output) {
  const std::string& password = installed_pg_password();
  PrivatePassFile passfile(password);
  if (!password.empty() && passfile.path().empty())
    return core::Error::internal("Could not write a private password file for " + program);

  std::vector<std::string> env_text;
  for (char** e = environ; e && *e; ++e)
    if (passfile.path().empty() || std::strncmp(*e, "PGPASSFILE=", 11) != 0) env_text.emplace_back(*e);
  if (!passfile.path().empty()) env_text.push_back("PGPASSFILE=" + passfile.path());
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_text{program};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (capture_output) {
    if (::pipe2(out, O_CLOEXEC) != 0) return core::Error::internal("Could not run " + program);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  }
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (capture_output) ::close(out[1]);
  if (rc != 0) {
    if (capture_output) ::close(out[0]);
    if (rc == ENOENT)
      return core::Error::internal(program + " is not installed: apt install postgresql-client-15");
    return core::Error::internal("Could not run " + program + ": " + std::strerror(rc));
  }
  ToolRun run;
  if (capture_output) {
    char buf[8192];
    ssize_t n;
    while ((n = ::read(out[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
      if (n > 0) run.output.append(buf, static_cast<std::size_t>(n));
    ::close(out[0]);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

}  // namespace enlace::storage
