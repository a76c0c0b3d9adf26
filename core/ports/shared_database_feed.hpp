// What the server asks, at request time, of the link between the processes that share one
// database (API.md "PostgreSQL"): that the one running the scheduled work scan for overdue
// referrals now. Its presence says the database is shared (App::feed is null otherwise).
// Storage implements it (storage/database_feed.hpp); what the link hears is wired to the
// gateway at start-up (gateway/database_feed_link.hpp).
#pragma once

namespace enlace::core {

class SharedDatabaseFeed {
 public:
  virtual ~SharedDatabaseFeed() = default;
  // Asks the process that runs the scheduled work, whichever it is, for an overdue scan.
  // Any thread.
  virtual void request_scan() = 0;
};

}  // namespace enlace::core
