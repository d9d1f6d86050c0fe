#include "ledger/run_lock.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/fault.hpp"
#include "util/signals.hpp"

namespace migrate::ledger {

std::int64_t lock_key(std::string_view schema, std::string_view purpose) {
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix("migrate-ledger\n");
  mix(schema);
  mix("\n");
  mix(purpose);
  return static_cast<std::int64_t>(h);
}

std::string describe_holder(db::Session& session, std::int64_t key, bool others) {
  // A bigint advisory lock is (classid, objid) = (high 32 bits, low 32 bits), objsubid 1. It belongs to
  // the database it was taken in: a run on another database of the server holds another lock.
  auto r = session.query(
      "SELECT a.pid::text, coalesce(a.usename, '?'), coalesce(nullif(a.application_name, ''), '?'), "
      "coalesce(host(a.client_addr), 'local socket'), "
      "coalesce(extract(epoch FROM now() - a.backend_start)::bigint::text, '?'), coalesce(a.state, '?'), "
      // A session of another role, to a role without pg_read_all_stats: no address, start or state.
      "(a.state IS NULL AND a.query = '<insufficient privilege>')::text "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
      "AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND l.objid = ($1::bigint & 4294967295)::oid "
      "AND NOT ($2::boolean AND l.pid = pg_backend_pid()) ORDER BY a.backend_start LIMIT 1",
      {std::to_string(key), others ? "true" : "false"});
  if (r.rows.empty()) return {};
  const auto& row = r.rows[0];
  if (row[6] == "true") {
    return fmt::format("pid {} (user {}, application {}; where from, since when and its state are hidden from this role)", *row[0], *row[1], *row[2]);
  }
  return fmt::format("pid {} (user {}, application {}, from {}, connected {} s ago, {})", *row[0], *row[1], *row[2], *row[3],
                     *row[4], *row[5]);
}

void announce_run(db::Session& session, std::string_view schema, std::string_view run_id) {
  session.query("SELECT pg_advisory_lock($1::bigint)", {std::to_string(lock_key(schema, fmt::format("run:{}", run_id)))});
}

std::string describe_run(db::Session& session, std::string_view schema, std::string_view run_id) {
  if (run_id.empty()) return {};
  return describe_holder(session, lock_key(schema, fmt::format("run:{}", run_id)), true);
}

RunLock RunLock::acquire(db::Session& session, std::string_view schema, util::Duration wait,
                         const std::function<void(const std::string&)>& waiting) {
  const std::int64_t key = lock_key(schema, "run");
  const auto deadline = std::chrono::steady_clock::now() + wait;
  auto pause = std::chrono::milliseconds(100);
  bool told = false;
  for (;;) {
    auto r = session.query("SELECT pg_try_advisory_lock($1::bigint)", {std::to_string(key)});
    if (r.rows.at(0).at(0) == "t") return RunLock(&session, key);
    std::string holder = describe_holder(session, key);
    if (!told && waiting) {
      waiting(holder.empty() ? "another runner" : holder);
      told = true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      throw Error(Exit::refused,
                  fmt::format("another migrate run holds the ledger lock of schema {}: {}", schema,
                              holder.empty() ? "its holder has just gone" : holder),
                  fmt::format("waited {}; it is released when that run ends (or give more time)", util::format_duration(wait)));
    }
    util::signals::check();
    util::fault::hit("lock-wait", &session);
    util::signals::sleep_for(std::chrono::duration_cast<std::chrono::milliseconds>(
        std::min<std::chrono::steady_clock::duration>(pause, deadline - now)));
    pause = std::min(pause * 2, std::chrono::milliseconds(2000));
  }
}

RunLock::RunLock(RunLock&& other) noexcept : session_(other.session_), key_(other.key_) { other.session_ = nullptr; }

RunLock::~RunLock() {
  if (!session_) return;
  try {
    session_->query("SELECT pg_advisory_unlock($1::bigint)", {std::to_string(key_)});
  } catch (...) { // a lost connection released it already
  }
}

} // namespace migrate::ledger
