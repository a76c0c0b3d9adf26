// The mail sender: see mail_sender.hpp.
#include "gateway/mail_sender.hpp"

#include "core/mail_text.hpp"
#include "core/use_cases/mail_delivery.hpp"
#include "gateway/app.hpp"
#include "gateway/db_sync.hpp"
#include "gateway/log.hpp"
#include "gateway/mime_message.hpp"
#include "gateway/smtp_client.hpp"

#include <boost/json.hpp>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

namespace enlace::gateway {

namespace {

// Due mails taken per read; between two reads the sender also refreshes the metrics.
constexpr int kMailsPerRound = 50;
// How often the sender looks for due mails when idle: well within the 10 s API.md allows.
constexpr std::chrono::milliseconds kPollInterval{1000};

std::string read_password(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  if (!in && line.empty())
    log_event(LogLevel::error, "smtp_password_unreadable", {{"detail", "smtp_password_file"}});
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

// The host part of mail_from names the Message-ID's domain.
std::string id_domain(const std::string& from) {
  auto at = from.find('@');
  return at == std::string::npos ? "enlace.invalid" : from.substr(at + 1);
}

core::MailContent content_of(const core::MailToSend& m, const std::string& default_language,
                             const std::string& link) {
  const std::string& language = m.language.empty() ? default_language : m.language;
  if (m.event == "digest") {
    std::map<std::string, int> counts;
    std::string day;
    boost::system::error_code ec;
    auto detail = boost::json::parse(m.detail, ec);  // written by queue_digests
    if (!ec && detail.is_object()) {
      for (const auto& kv : detail.as_object()) {
        std::string key(kv.key());
        if (key == "day" && kv.value().is_string()) day = std::string(kv.value().as_string());
        else if (kv.value().is_int64()) counts[key] = static_cast<int>(kv.value().as_int64());
      }
    }
    auto date = core::parse_date(day);
    return core::compose_digest(language, counts, date.value_or(core::date_of(m.created_at)), link);
  }
  core::MailFacts f{m.event, m.category, m.urgency, m.status, m.organization, m.deadline, link};
  if (m.event == "referral.respond_link") {
    f.link = link + "/respond/" + m.link_token;
    return core::compose_respond_link(language, f);
  }
  return core::compose_notification(language, f);
}

class ThreadSender final : public MailSender {
 public:
  explicit ThreadSender(App& app)
      : app_(app),
        smtp_({app.config.smtp_url, app.config.smtp_user,
               read_password(app.config.smtp_password_file), app.config.mail_from}),
        stats_(app.metrics.delivery("email")),
        jitter_(std::random_device{}()) {
    thread_ = std::thread([this] { run(); });
  }
  ~ThreadSender() override { stop(); }

  void stop() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  bool stopping() {
    std::lock_guard lock(mu_);
    return stopping_ || app_.stopping.load();
  }

  void run() {
    while (!stopping()) {
      // Scheduled work: one process sends, where several share the database (app.hpp).
      if (app_.runs_scheduled_work.load()) {
        queue_digests();
        int sent = send_due();
        if (sent == kMailsPerRound) continue;  // more may be due: no pause
      }
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
    }
  }

  // After each UTC midnight (by the server's clock), yesterday's daily entries become digests.
  void queue_digests() {
    auto now = app_.clock.now();
    auto today = core::date_of(now);
    if (today == last_digest_day_) return;
    auto queue = [now](core::WriteUnit& unit) -> core::Result<int> {
      return core::queue_daily_digests(unit.mail_queue(), now);
    };
    if (db_write_sync(app_.db, std::move(queue))) last_digest_day_ = today;
  }

  int send_due() {
    auto now = app_.clock.now();
    auto read = [now](core::ReadUnit& unit) -> core::Result<std::vector<core::MailToSend>> {
      return core::due_mails(unit.due_mail(), now, kMailsPerRound);
    };
    auto due = db_read_sync(app_.db, std::move(read));
    if (!due) return 0;
    int done = 0;
    for (const auto& m : *due) {
      if (stopping()) break;
      send_one(m);
      ++done;
    }
    return done;
  }

  void send_one(const core::MailToSend& m) {
    std::optional<std::string> error = core::undeliverable(m);
    if (!error) {
      MimeEnvelope env{app_.config.mail_from, m.email,
                       "mail-" + std::to_string(m.id) + "@" + id_domain(app_.config.mail_from),
                       app_.clock.now()};
      auto content = content_of(m, app_.config.default_language, app_.config.public_url);
      error = smtp_.send(m.email, build_mime_message(env, content));
    }
    // Recorded only now: a crash between the server's acceptance and this write sends the mail
    // again after the restart (with the same Message-ID), never loses it.
    auto at = app_.clock.now();
    double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(jitter_);
    auto record = [m, error, at, jitter](core::WriteUnit& unit) -> core::Result<core::MailOutcome> {
      return core::record_mail_attempt(unit.mail_queue(), m, error, at, jitter);
    };
    auto recorded = db_write_sync(app_.db, std::move(record));
    // Counted as decided, whether or not the write went through (as before the use case).
    auto outcome = recorded ? *recorded : core::mail_attempt_outcome(m, error, at, jitter);
    if (outcome.kind == core::MailOutcome::Kind::sent) {
      ++stats_.sent;
    } else if (outcome.kind == core::MailOutcome::Kind::retry) {
      ++stats_.retries;
      log_event(LogLevel::warn, "mail_retry",
                {{"mail_id", std::to_string(m.id)}, {"detail", *error}});
    } else {
      ++stats_.failed;
      log_event(LogLevel::error, "mail_failed",
                {{"mail_id", std::to_string(m.id)}, {"detail", *error}});
    }
  }

  App& app_;
  SmtpClient smtp_;
  DeliveryStats& stats_;
  std::mt19937 jitter_;
  core::Date last_digest_day_{};
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<MailSender> start_mail_sender(App& app) {
  if (app.config.smtp_url.empty()) return nullptr;
  return std::make_unique<ThreadSender>(app);
}

}  // namespace enlace::gateway
