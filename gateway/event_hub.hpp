// Fan-out of live events (Server-Sent Events) to the streams that may hear them: a stream
// serves one session and hears its organisation's events in the session's scope (those of
// referrals received, sent, or both). Publishing never waits on a slow stream: a stream whose
// queue is full is closed. A stream ends with its session: at once when the session is ended
// through this process, at its next review (SessionReview) otherwise, and never delivers an
// event made at or after its session's deadline.
#pragma once

#include "core/access_policy.hpp"
#include "core/ports/session_store.hpp"
#include "core/time.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace enlace::gateway {

struct LiveEvent {
  std::int64_t id = 0;   // durable, increasing: SSE `id:` and Last-Event-ID
  core::Timestamp at{};  // when the change was made (the injectable clock)
  std::string sender;    // the organisation that sent the referral
  std::string receiver;  // the one it is addressed to; empty while only the sender may see it
  std::string type;      // SSE `event:` name, e.g. "referral.updated"
  std::string data;      // JSON, no personal data beyond the recipients' view
};

// Whom a stream serves. Fixed for the stream's life: when the session's user changes
// organisation or roles, the stream ends and the client reconnects in its new scope.
struct StreamOwner {
  std::string session_id, user_id, organization_id;
  core::EventScope scope;
};

// What a session review found about one session.
struct SessionReview {
  std::string session_id;
  bool usable = false;  // not ended, not expired or idle, user active
  std::string organization_id;
  core::EventScope scope;
  core::Timestamp ends_at{};  // its deadline unless used again
};

// A stream as the events handler holds it. Executor only.
class LiveStream : public EventSource {
 public:
  // False, and the stream ends, when an event made at `at` may no longer be delivered (its
  // session's deadline had passed) or the stream was closed.
  virtual bool admits(core::Timestamp at) = 0;
};

// Also the streams that session endings tell once their write has committed
// (core::SessionStreams, storage/sql_session_store.hpp).
class EventHub final : public core::SessionStreams {
 public:
  static constexpr std::size_t kQueueLimit = 256;
  static constexpr int kHeartbeatSeconds = 20;

  EventHub();
  ~EventHub();

  // Any thread, after the change is committed.
  void publish(LiveEvent event);
  // A new stream on `ex` for `owner`, whose session ends at `ends_at` unless used again.
  std::shared_ptr<LiveStream> subscribe(boost::asio::any_io_executor ex, StreamOwner owner,
                                        core::Timestamp ends_at);
  // Ends the streams of one session, or of every session of a user but one (a password
  // change keeps the session that made it). Any thread, after the ending is committed.
  void end_session(const std::string& session_id) override;
  void end_user_sessions(const std::string& user_id,
                         const std::string& except_session_id) override;
  // The sessions that have open streams, each once.
  std::vector<std::string> sessions() const;
  // Applies what was found about those sessions: a stream whose session is no longer usable,
  // or whose organisation or scope changed, ends; the others take the new deadline. Streams
  // of sessions not reviewed are left as they are.
  void apply(const std::vector<SessionReview>& reviews);
  // Ends every stream (shutdown).
  void close_all();
  std::size_t streams() const;

  class Stream;

 private:
  // Calls fn for each open stream, under the lock: fn only looks at the stream's owner and
  // posts work to its executor.
  void for_each_stream(const std::function<void(const std::shared_ptr<Stream>&)>& fn);
  mutable std::mutex mu_;
  std::vector<std::weak_ptr<Stream>> streams_;
};

std::string format_sse(const LiveEvent& e);

}  // namespace enlace::gateway
