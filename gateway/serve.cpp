// `enlace serve`: see serve.hpp.
#include "gateway/serve.hpp"

#include "storage/postgres/pg_sessions.hpp"
#include "storage/postgres/pg_uri.hpp"

#include "gateway/access_log.hpp"
#include "gateway/app.hpp"
#include "gateway/audit_anchor.hpp"
#include "gateway/chain_key_setup.hpp"
#include "gateway/clock.hpp"
#include "gateway/database_feed_link.hpp"
#include "gateway/live_events.hpp"
#include "gateway/log.hpp"
#include "gateway/mail_outbox.hpp"
#include "gateway/mail_sender.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/smtp_client.hpp"
#include "gateway/server.hpp"
#include "gateway/stream_session_watch.hpp"
#include "gateway/tls_context.hpp"
#include "gateway/webhook_dispatcher.hpp"
#include "storage/audit_chain_key.hpp"
#include "storage/database.hpp"
#include "storage/database_maintenance.hpp"
#include "storage/instance_lock.hpp"
#include "storage/key_ring.hpp"
#include "storage/migrations.hpp"
#include "storage/person_match.hpp"
#include "storage/rekey.hpp"
#include "storage/settings_repository.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>

#include <systemd/sd-daemon.h>

#include <malloc.h>

#include <csignal>
#include <iostream>
#include <thread>

namespace enlace::gateway {

namespace asio = boost::asio;

int run_server(const ServeConfig& config) {
  // glibc raises its mmap threshold to the size of each large block freed (up to 32 MiB), so
  // after the first sign-in the 19 MiB Argon2id buffers came from the heaps of the hashing
  // threads and stayed resident. A fixed threshold keeps large buffers in mmap, returned to
  // the system when freed.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  // Fixing that threshold leaves the trim threshold at 128 KiB: each thread's heap was then
  // shrunk with madvise after almost every group commit and faulted back in by the next, a
  // fifth of the writer thread's time (TLB shootdowns, page faults). Free memory up to 16 MiB
  // stays in each heap; durable POSTs went from 1,063 to 1,868 req/s (docs/PERFORMANCE.md).
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
  set_log_level(config.log_level);
  // One server per SQLite file; several may share a PostgreSQL database (API.md "PostgreSQL").
  std::optional<storage::InstanceLock> lock;
  if (storage::is_postgres_uri(config.db)) {
    // Every connection says it is a server's: `enlace rekey` refuses while one is connected.
    storage::identify_as_server();
    // An unreachable server is one line, before anything else is said.
    if (auto reached = storage::schema_version(config.db); !reached) {
      std::cerr << "enlace: " << reached.error().detail << "\n";
      return 1;
    }
  } else {
    auto held = storage::InstanceLock::acquire(config.db);
    if (!held) {
      std::cerr << "enlace: " << held.error().detail << "\n";
      return 1;
    }
    lock.emplace(std::move(*held));
  }
  if (!config.encryption_key_file.empty()) {
    auto key = storage::read_field_key(config.encryption_key_file);
    if (!key) {
      const auto& e = key.error();
      std::cerr << "enlace: " << e.fields.items()[0].field << ": " << e.fields.items()[0].message << "\n";
      return 1;
    }
    storage::install_audit_chain_key(storage::AuditChainKey::derive(*key));
    auto cipher = std::make_unique<const storage::FieldCipher>(std::move(*key));
    log_event(LogLevel::info, "field_encryption", {{"key_id", cipher->key_id()}});
    storage::install_field_cipher(std::move(cipher));
  } else {
    log_event(LogLevel::warn, "field_encryption_off",
              {{"detail", "no encryption_key_file: names, case notes and messages are stored in plaintext"}});
  }
  auto migrated = storage::migrate(config.db);
  if (!migrated) {
    std::cerr << "enlace: " << migrated.error().detail << "\n";
    return 1;
  }
  if (storage::field_cipher().enabled()) {
    // With a key no plaintext is read as a value (a database writer could plant it), so a
    // database with values written before the key, or by an older release that left names
    // in clear, is refused here with the way out rather than failing request by request.
    auto unsealed = storage::first_unsealed_column(config.db);
    if (!unsealed) {
      std::cerr << "enlace: " << unsealed.error().detail << "\n";
      return 1;
    }
    if (*unsealed) {
      std::cerr << "enlace: " << **unsealed
                << " holds values that are not encrypted: stop here and run `enlace rekey --db "
                << config.db << " --new-key-file KEY` with this key once (docs/OPERATIONS.md)\n";
      return 1;
    }
  }
  if (storage::field_cipher().enabled()) {
    // Cases registered before the person matches existed (or before the key) get theirs.
    auto filled = storage::fill_person_matches(config.db, storage::field_cipher());
    if (!filled) {
      std::cerr << "enlace: " << filled.error().detail << "\n";
      return 1;
    }
    if (*filled > 0) log_event(LogLevel::info, "person_matches_filled", {{"cases", std::to_string(*filled)}});
  }
  if (auto maintenance = storage::open_database_maintenance(config.db);
      !prepare_audit_chain(*maintenance, Clock(config.test_clock_file).now()))
    return 1;
  auto demo = storage::read_demo_flag(config.db);
  if (!demo) {
    std::cerr << "enlace: " << demo.error().detail << "\n";
    return 1;
  }
  auto db = storage::Database::open(config.db, config.read_threads);
  if (!db) {
    std::cerr << "enlace: " << db.error().detail << "\n";
    return 1;
  }
  int threads = config.threads > 0 ? config.threads
                                   : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  asio::io_context ioc(threads);
  {
    App app(config, **db);
    app.demo = *demo;
    // Before the scheduled work starts: on PostgreSQL another process may be running it, until
    // the database feed (started below) finds this one the leader.
    app.runs_scheduled_work.store(!storage::is_postgres_uri(config.db));
    if (app.demo)
      log_event(LogLevel::warn, "demo_database", {{"detail", "demo data; two-factor is not enforced"}});
    if (app.clock.is_test_clock())
      log_event(LogLevel::warn, "test_clock", {{"detail", "time is read from a file: tests only"}});
    Server server(app, ioc);
    if (!config.tls_cert.empty()) {
      auto tls = make_tls_context(config.tls_cert, config.tls_key);
      if (!tls) {
        std::cerr << "enlace: " << tls.error().detail << "\n";
        return 1;
      }
      server.set_tls_context(std::move(*tls));
    }
    auto port = server.listen(config.listen, config.port);
    if (!port) {
      std::cerr << "enlace: " << port.error().detail << "\n";
      return 1;
    }
    set_default_user_language(config.default_language);
    // With no smtp_url nothing is queued: see mail_outbox.hpp.
    enable_mail_outbox(!config.smtp_url.empty());
    smtp_global_init();
    auto mail_sender = start_mail_sender(app);
    if (!mail_sender)
      log_event(LogLevel::info, "mail_off", {{"detail", "no smtp_url: no e-mail notifications"}});
    app.overdue_scanner = start_overdue_scanner(app, ioc);
    auto anchor = start_audit_anchor(app, ioc);
    auto stream_watch = start_stream_session_watch(app, ioc);
    auto webhooks = start_webhook_dispatcher(app);
    // PostgreSQL: what the other processes sharing the database do reaches this one's clients.
    auto feed = start_database_feed(app, *stream_watch);
    // The access log batches its lines on the I/O threads (access_log.hpp); the guard writes
    // what is left once they have stopped, however serving ends.
    struct AccessLogBatches {
      explicit AccessLogBatches(asio::io_context& ioc) { set_access_log_context(&ioc); }
      ~AccessLogBatches() {
        set_access_log_context(nullptr);
        flush_access_log();
      }
    } access_log_batches(ioc);
    server.start();

    // SIGHUP re-reads the certificate and key (after a renewal) without dropping connections.
    // A bad pair is logged and the old one kept: a typo must not take the service down.
    asio::signal_set reload(ioc, SIGHUP);
    std::function<void(const boost::system::error_code&, int)> on_reload;
    on_reload = [&](const boost::system::error_code& ec, int) {
      if (ec) return;
      if (config.tls_cert.empty()) {
        log_event(LogLevel::info, "reload", {{"detail", "no TLS configured; nothing to reload"}});
      } else if (auto tls = make_tls_context(config.tls_cert, config.tls_key); tls) {
        server.set_tls_context(std::move(*tls));
        log_event(LogLevel::info, "tls_reloaded", {{"detail", "new connections use the new certificate"}});
      } else {
        log_event(LogLevel::error, "tls_reload_failed", {{"detail", tls.error().detail}});
      }
      if (!app.stopping) reload.async_wait(on_reload);
    };
    reload.async_wait(on_reload);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      log_event(LogLevel::info, "shutdown", {{"detail", "signal received; finishing in-flight requests"}});
      app.stopping = true;
      sd_notify(0, "STOPPING=1");
      boost::system::error_code ignored;
      reload.cancel(ignored);
      server.stop();
      if (feed) feed->stop();
      app.overdue_scanner->stop();
      anchor->stop();
      stream_watch->stop();
      webhooks->stop();
      app.events.close_all();
    });

    std::string host = config.listen.find(':') != std::string::npos ? "[" + config.listen + "]" : config.listen;
    std::cout << "listening on " << (config.tls_cert.empty() ? "http" : "https") << "://" << host
              << ":" << *port << std::endl;
    sd_notify(0, "READY=1");

    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    // The sender saw app.stopping; it finishes the mail in hand and records it.
    if (mail_sender) mail_sender->stop();
    webhooks->join();
    // Writes still queued publish their live events to app.events once committed: let them
    // finish while the App is alive.
    (*db)->writer().drain();
  }
  // App is gone; the writer was drained above, and the Database destructor stops it.
  db->reset();
  log_event(LogLevel::info, "stopped");
  return 0;
}

}  // namespace enlace::gateway
