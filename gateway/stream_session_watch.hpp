// The review of open event streams' sessions: every stream_session_check_ms, one read of the
// sessions that hold streams, so that a stream ends within that interval when its session
// expired, went idle, or was ended or its user changed by another process (endings through
// this process end streams at once: storage/sql_session_store.hpp). It costs one primary-key
// lookup per open session each interval and nothing while no stream is open; an event is never
// a read.
#pragma once

#include <boost/asio/io_context.hpp>

#include <memory>

namespace enlace::gateway {

class App;

class StreamSessionWatch {
 public:
  virtual ~StreamSessionWatch() = default;
  virtual void stop() = 0;  // any thread (shutdown)
  // Reviews now rather than at the end of the interval: another process sharing the database
  // ended a session or changed a user (gateway/database_feed_link.hpp). Any thread.
  virtual void review_now() = 0;
};

std::shared_ptr<StreamSessionWatch> start_stream_session_watch(App& app,
                                                               boost::asio::io_context& ioc);

}  // namespace enlace::gateway
