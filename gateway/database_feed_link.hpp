// Serving a PostgreSQL database that other `enlace serve` processes share (API.md
// "PostgreSQL"): what the database feed (storage/database_feed.hpp) hears becomes this
// process's: every live event, its own included, goes to its streams in id order; a sign-in
// change made anywhere has its streams' sessions reviewed at once (requests look theirs up
// every time: auth.cpp); and it runs the scheduled work (App::runs_scheduled_work) only while it leads.
#pragma once

#include "storage/database_feed.hpp"

#include <memory>

namespace enlace::gateway {

class App;
class StreamSessionWatch;

// Null on SQLite. Otherwise the running feed, which App::feed points to; stop it before the
// scanner and `watch` go. Call after the overdue scanner and `watch` have started.
std::unique_ptr<storage::DatabaseFeed> start_database_feed(App& app, StreamSessionWatch& watch);

}  // namespace enlace::gateway
