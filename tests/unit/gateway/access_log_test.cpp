// The access log's batches (gateway/access_log.hpp): every line written, whole, once, in each
// thread's order; nothing left behind when serving stops.
#include "gateway/access_log.hpp"

#include "gateway/log.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace enlace::gateway;
namespace asio = boost::asio;

namespace {

std::vector<boost::json::object> lines_of(const std::string& out) {
  std::vector<boost::json::object> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << "not one JSON object: " << line;
    if (!ec && v.is_object()) lines.push_back(v.as_object());
  }
  return lines;
}

// The ids live as long as the lines are logged: RequestLine holds views.
RequestLine request_line(const std::string& id) {
  RequestLine line;
  line.request_id = id;
  line.method = "GET";
  line.route = "/healthz";
  line.status = 200;
  line.duration_ms = 0.25;
  return line;
}

std::string without_ts(const std::string& line) {
  auto comma = line.find(',');
  return comma == std::string::npos ? line : line.substr(comma);
}

}  // namespace

TEST(AccessLogTest, FourThreadsLogEveryLineOnceAndWholeAndShutdownWritesTheRest) {
  set_log_level("info");
  asio::io_context ioc(4);
  set_access_log_context(&ioc);
  constexpr int kThreads = 4, kEach = 3000;
  for (int t = 0; t < kThreads; ++t)
    asio::post(ioc, [t] {
      for (int i = 0; i < kEach; ++i)
        log_request(request_line(std::to_string(t) + "-" + std::to_string(i)));
    });
  testing::internal::CaptureStdout();
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t) pool.emplace_back([&] { ioc.run(); });
  for (auto& t : pool) t.join();
  set_access_log_context(nullptr);
  flush_access_log();
  auto lines = lines_of(testing::internal::GetCapturedStdout());

  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kEach));
  std::set<std::string> ids;
  for (const auto& l : lines) {
    EXPECT_EQ(l.at("event").as_string(), "request");
    EXPECT_EQ(l.at("level").as_string(), "info");
    EXPECT_TRUE(l.contains("ts"));
    EXPECT_EQ(l.at("route").as_string(), "/healthz");
    EXPECT_EQ(l.at("status").as_int64(), 200);
    ids.insert(std::string(l.at("request_id").as_string()));
  }
  EXPECT_EQ(ids.size(), lines.size());
}

// Without flush_access_log: the flush the first line posted ran on the I/O thread.
TEST(AccessLogTest, ABatchIsWrittenOnceItsThreadHasRunWhatWasQueued) {
  set_log_level("info");
  asio::io_context ioc(1);
  set_access_log_context(&ioc);
  asio::post(ioc, [] {
    log_request(request_line("one"));
    log_request(request_line("two"));
  });
  testing::internal::CaptureStdout();
  ioc.run();
  auto out = testing::internal::GetCapturedStdout();
  set_access_log_context(nullptr);
  auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u) << out;
  EXPECT_EQ(lines[0].at("request_id").as_string(), "one");
  EXPECT_EQ(lines[1].at("request_id").as_string(), "two");
}

// A warning a thread logs after its requests comes after them, as it did unbatched.
TEST(AccessLogTest, AThreadsOtherLinesFollowItsBufferedRequests) {
  set_log_level("info");
  asio::io_context ioc(1);
  set_access_log_context(&ioc);
  asio::post(ioc, [] {
    log_request(request_line("first"));
    log_event(LogLevel::warn, "request_failed", {{"request_id", "second"}});
    log_request(request_line("third"));
  });
  testing::internal::CaptureStdout();
  ioc.run();
  set_access_log_context(nullptr);
  flush_access_log();
  auto lines = lines_of(testing::internal::GetCapturedStdout());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].at("request_id").as_string(), "first");
  EXPECT_EQ(lines[1].at("event").as_string(), "request_failed");
  EXPECT_EQ(lines[2].at("request_id").as_string(), "third");
}

// Tools and tests log without an io_context: at once, as before.
TEST(AccessLogTest, WithoutAnIoContextALineIsWrittenAtOnce) {
  set_log_level("info");
  set_access_log_context(nullptr);
  testing::internal::CaptureStdout();
  log_request(request_line("now"));
  auto lines = lines_of(testing::internal::GetCapturedStdout());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("request_id").as_string(), "now");
}

// The access log's line is the one log_event wrote for the same fields, byte for byte but the
// time: plain and escaped strings, a signed-in caller with and without an organisation.
TEST(AccessLogTest, ARequestLineIsTheLineLogEventWrote) {
  set_log_level("info");
  set_access_log_context(nullptr);
  struct Case {
    std::string id, method, route;
    int status;
    double ms;
    bool signed_in;
    std::string user, org;
  };
  const Case cases[] = {
      {"0123456789abcdef", "GET", "/healthz", 200, 0.0123, false, "", ""},
      {"client-id_1.2", "POST", "/api/v1/referrals", 201, 12.5, true, "u-1", "o-1"},
      {"x", "PROPFIND", "unmatched", 405, 1e-7, true, "admin", ""},
      {"y", "GE\"T\\", "/api/v1/cases/{id}", 500, 1234567.0, true, "u\n\x01\xc3\xa9", "o\t"},
      {"z", "GET", "static", 304, 0, false, "", ""},
  };
  for (const auto& c : cases) {
    boost::json::object f{{"request_id", c.id}, {"method", c.method}, {"route", c.route},
                          {"status", c.status}, {"duration_ms", c.ms}};
    if (c.signed_in) {
      f["user"] = c.user;
      f["org"] = c.org;
    }
    testing::internal::CaptureStdout();
    log_event(LogLevel::info, "request", f);
    RequestLine line{c.id, c.method, c.route, c.status, c.ms, c.signed_in, c.user, c.org};
    log_request(line);
    std::istringstream out(testing::internal::GetCapturedStdout());
    std::string before, after;
    std::getline(out, before);
    std::getline(out, after);
    EXPECT_EQ(without_ts(after), without_ts(before));
    EXPECT_EQ(after.rfind("{\"ts\":", 0), 0u) << after;
  }
}
