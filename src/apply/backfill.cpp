#include "apply/backfill.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ledger/run_lock.hpp"
#include "migration/backfill_bounds.hpp"
#include "sql/quote.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"
#include "util/log.hpp"
#include "util/metrics.hpp"
#include "util/signals.hpp"
#include "util/size.hpp"

namespace migrate::apply {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kFirstAutoBatch = 1000;
constexpr long long kRowsPerShard = 20000;
constexpr int kMaxShards = 32;

// "shop.users" -> "shop"."users"; each part as written.
std::string quoted_table(const std::string& name) {
  const auto dot = name.find('.');
  if (dot == std::string::npos) return sql::quote_ident(name);
  return sql::quote_ident(name.substr(0, dot)) + "." + sql::quote_ident(name.substr(dot + 1));
}

db::Value one(db::Session& s, const std::string& sql, const std::vector<db::Value>& params = {}) {
  auto r = s.query(sql, params);
  return r.rows.empty() || r.rows[0].empty() ? db::Value{} : r.rows[0][0];
}

// The key column as the catalog describes it; nullopt when the table has no such column.
struct KeyColumn {
  std::string type;
  std::string category; // pg_type.typcategory: N numeric, S string, U user (uuid), ...
  bool not_null = false;
  bool unique = false; // the primary key, or a valid unique index of its own with no predicate
};

std::optional<KeyColumn> key_column(db::Session& s, const std::string& table, const std::string& key) {
  auto r = s.query("SELECT format_type(a.atttypid, a.atttypmod), t.typcategory::text, a.attnotnull::text, "
                   "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indisvalid "
                   "AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum)::text "
                   "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                   "WHERE a.attrelid = $1::regclass AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped",
                   {table, key});
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  return KeyColumn{row[0].value_or("?"), row[1].value_or(""), row[2] == "true", row[3] == "true"};
}

bool supported_key_type(const KeyColumn& k) {
  return k.type == "smallint" || k.type == "integer" || k.type == "bigint" || k.type == "uuid" || k.category == "S";
}

// The greatest key: ORDER BY, since uuid has no max().
db::Value greatest_key(db::Session& s, const std::string& table, const std::string& key) {
  // t.key, qualified: a bare name in ORDER BY would sort by the output column, the key as text.
  return one(s, fmt::format("SELECT t.{0}::text AS value FROM {1} t WHERE t.{0} IS NOT NULL ORDER BY t.{0} DESC LIMIT 1", key, table));
}

// Shard boundaries from a sample of the keys: (lower, b1], (b1, b2], ..., (bn, upper].
std::vector<ledger::ShardRange> shard_ranges(db::Session& s, const std::string& table, const std::string& key,
                                             const ledger::Backfill& bf) {
  const int n = static_cast<int>(std::clamp<long long>(bf.rows_estimate / kRowsPerShard, 1, kMaxShards));
  std::vector<ledger::ShardRange> out;
  std::vector<std::string> bounds;
  if (n > 1) {
    std::string fractions = "{";
    for (int i = 1; i < n; ++i) fractions += fmt::format("{}{}", i > 1 ? "," : "", static_cast<double>(i) / n);
    fractions += "}";
    const double percent = std::min(100.0, 100.0 * 50000.0 / static_cast<double>(std::max<long long>(bf.rows_estimate, 1)));
    const std::string sample = percent < 100 ? fmt::format(" TABLESAMPLE SYSTEM ({:.4f})", percent) : "";
    auto r = s.query(fmt::format("SELECT b::text FROM (SELECT DISTINCT b FROM unnest((SELECT percentile_disc($1::float8[]) WITHIN GROUP "
                                 "(ORDER BY {0}) FROM {1}{2})) AS u(b) WHERE ($4::boolean OR b > $2) AND b < $3) s ORDER BY s.b",
                                 key, table, sample),
                     {fractions, bf.lower_key, bf.upper_key, bf.lower_key ? "false" : "true"});
    for (const auto& row : r.rows) {
      if (row[0]) bounds.push_back(*row[0]);
    }
  }
  std::optional<std::string> lo = bf.lower_key;
  for (const auto& b : bounds) {
    out.push_back({lo, b});
    lo = b;
  }
  out.push_back({lo, *bf.upper_key});
  return out;
}

// The plan check: each batch must reach its rows through an index on the key, not read the table.
void check_plan(db::Session& s, const migration::Statement& st, const std::string& table, const ledger::Backfill& bf) {
  s.exec("BEGIN");
  std::string plan;
  try {
    s.exec("SET LOCAL enable_seqscan = off"); // what remains a Seq Scan has no index to use
    // A lower bound that is there (a NULL one would let the planner see no rows at all and read nothing).
    auto r = s.query("EXPLAIN (FORMAT JSON) " + st.sql, {bf.lower_key ? bf.lower_key : bf.upper_key, bf.upper_key});
    plan = r.rows.at(0).at(0).value_or("[]");
    s.exec("ROLLBACK");
  } catch (...) {
    exec_quietly(s, "ROLLBACK");
    throw;
  }
  const std::string relname = one(s, "SELECT relname::text FROM pg_class WHERE oid = $1::regclass", {table}).value_or("");
  std::function<bool(const nlohmann::json&)> scans = [&](const nlohmann::json& node) {
    if (node.value("Node Type", "") == "Seq Scan" && node.value("Relation Name", "") == relname) return true;
    if (node.contains("Plans")) {
      for (const auto& p : node["Plans"]) {
        if (scans(p)) return true;
      }
    }
    return false;
  };
  const auto doc = nlohmann::json::parse(plan, nullptr, false);
  if (!doc.is_discarded() && doc.is_array() && !doc.empty() && scans(doc[0]["Plan"])) {
    throw Error(Exit::refused,
                fmt::format("{}: backfill refused: each batch would read the whole of {} (Seq Scan): the statement must reach its "
                            "rows through an index whose first column is {}",
                            st.where.str(), bf.table, bf.key),
                fmt::format("compare {0} with $1 and $2 directly ({0} > $1 AND {0} <= $2), and index {0} (the primary key, say)", bf.key));
  }
}

// Why the workers wait: `key` names the cause ("replication", "slot:NAME", "autovacuum") so that a
// number changing within one cause is not logged as a new pause.
struct Pause {
  std::string key;
  std::string text;
  [[nodiscard]] bool empty() const { return key.empty(); }
};

// What every worker of this process shares.
struct Shared {
  std::atomic<bool> stop{false};
  std::atomic<long long> rows{0};
  std::atomic<long long> batches{0};
  std::mutex mutex;
  std::condition_variable finished; // a worker is done (run_backfill's wait for the last one)
  std::exception_ptr error;
  std::string halted; // "paused" or "cancelled" when a worker saw that state
  // The throttle's last look, shared so that the workers ask at most once a second (and this process
  // logs a pause once, whatever its number of workers).
  Clock::time_point checked{};
  Pause pause;                     // why the workers wait now; empty: they go on
  Clock::time_point paused_since{}; // when the current pause began
  Clock::time_point told{};         // when it was last logged
  // The standbys seen in pg_stat_replication during this run ("application_name from client" -> how
  // many connections), to say once that one is gone rather than treat its absence as no lag.
  std::map<std::string, int> standbys;
  std::set<std::string> gone;
  bool told_hidden = false; // said that this role cannot see the lag
  std::vector<long long> durations_ms; // every batch's, for the summary
};

class Worker {
public:
  Worker(db::Session& s, const ledger::Ledger& ledger, const ledger::Entry& e, int index, const migration::Statement& st,
         const RetryPolicy& policy, const BackfillOptions& options, Shared& shared, const std::string& table, const std::string& key)
      : s_(s), e_(e), index_(index), st_(st), policy_(policy), options_(options), shared_(shared),
        backfill_(ledger.table("backfill")), shards_(ledger.table("backfill_shard")), table_(table), key_(key),
        inclusive_(migration::inclusive_lower(st)), engine_(std::random_device{}()), size_(st.backfill->batch.value_or(kFirstAutoBatch)) {}

  void run() {
    while (!shared_.stop && !util::signals::interrupted()) {
      throttle();
      if (shared_.stop || util::signals::interrupted()) break;
      switch (batch()) {
      case Step::batch_done:
        if (st_.backfill->sleep.count() > 0) util::signals::sleep_for(st_.backfill->sleep);
        break;
      case Step::shard_done: break;
      case Step::busy: util::signals::sleep_for(std::chrono::milliseconds(200)); break;
      case Step::all_done: return;
      case Step::halted: shared_.stop = true; return;
      }
    }
  }

private:
  enum class Step { batch_done, shard_done, busy, all_done, halted };

  std::vector<db::Value> keys() const { return {e_.app, e_.version, e_.phase, std::to_string(index_)}; }

  // One batch in one transaction, retried on lock timeouts with a halved size.
  Step batch() {
    for (int attempt = 0;; ++attempt) {
      try {
        return try_batch();
      } catch (const DatabaseError& err) {
        exec_quietly(s_, "ROLLBACK");
        const bool lock = err.sqlstate() == "55P03" || err.sqlstate() == "40P01";
        const bool slow = err.sqlstate() == "57014" && !util::signals::interrupted();
        if (!lock && !slow) throw;
        if (!st_.backfill->batch) size_ = std::max(options_.min_batch, size_ / 2);
        if (attempt >= policy_.retries) {
          throw Error(Exit::lock,
                      fmt::format("backfill of {}: a batch could not {} in {} attempts; what is done is saved", st_.backfill->table,
                                  lock ? "take its locks" : "finish in time", policy_.retries + 1),
                      "safe to run again");
        }
        const auto delay = backoff(policy_, attempt, std::uniform_real_distribution<double>(0, 1)(engine_));
        log::warn("backfill {}: {}; batch size {}, trying again in {}", st_.backfill->table,
                  lock ? fmt::format("lock not granted within {}", util::format_duration(policy_.lock_timeout))
                       : "a batch ran over its time guard",
                  size_, util::format_duration(delay));
        util::signals::sleep_for(delay);
        if (util::signals::interrupted()) return Step::halted;
      }
    }
  }

  Step try_batch() {
    // Not the configured statement_timeout (never for batches): a guard against a batch far over its
    // target, which halves the size.
    const auto guard = util::Duration{std::max<long long>(st_.backfill->target.count() * 50, 30000)};
    s_.exec(fmt::format("BEGIN; SET LOCAL lock_timeout = {}; SET LOCAL statement_timeout = {}", ms_setting(policy_.lock_timeout),
                        ms_setting(guard)));
    auto k = keys();
    // Claim a shard for this batch: the one this worker had, else any that no one holds; only while
    // the backfill runs (pause and cancel are obeyed here, between batches).
    const std::string claim = fmt::format("SELECT s.shard::text, s.last_key, s.hi, s.batch_size::text FROM {} s JOIN {} b "
                                          "USING (app, version, phase, statement) WHERE s.app = $1 AND s.version = $2 AND s.phase = $3 "
                                          "AND s.statement = $4 AND NOT s.done AND b.status = 'running' {} "
                                          "ORDER BY s.shard LIMIT 1 FOR UPDATE OF s SKIP LOCKED",
                                          shards_, backfill_, "{}");
    db::Result r;
    if (shard_ >= 0) {
      auto kk = k;
      kk.push_back(std::to_string(shard_));
      r = s_.query(fmt::format(fmt::runtime(claim), "AND s.shard = $5"), kk);
    }
    if (r.rows.empty()) r = s_.query(fmt::format(fmt::runtime(claim), ""), k);
    if (r.rows.empty()) {
      s_.exec("ROLLBACK");
      // Nothing to claim: the backfill was paused or cancelled, every shard is done, or the rest are
      // being worked on by other workers.
      auto why = s_.query(fmt::format("SELECT b.status, (SELECT count(*) FROM {} s WHERE s.app = b.app AND s.version = b.version "
                                      "AND s.phase = b.phase AND s.statement = b.statement AND NOT s.done)::text FROM {} b "
                                      "WHERE b.app = $1 AND b.version = $2 AND b.phase = $3 AND b.statement = $4",
                                      shards_, backfill_),
                          k);
      const db::Value status = why.rows.empty() ? db::Value{} : why.rows[0][0];
      // Finished by a worker of another process that took the last shard: nothing is left, no halt.
      if (status == "finished") return Step::all_done;
      if (status != "running") {
        std::lock_guard lock(shared_.mutex);
        shared_.halted = status.value_or("gone");
        return Step::halted;
      }
      return why.rows[0][1] == "0" ? Step::all_done : Step::busy;
    }
    const int shard = std::stoi(r.rows[0][0].value_or("0"));
    const db::Value last = r.rows[0][1];
    const db::Value hi = r.rows[0][2];
    if (shard != shard_) {
      shard_ = shard;
      // A worker that has not measured anything yet starts from the size learned before (a resumed run).
      if (!st_.backfill->batch && ms_per_row_ < 0) {
        size_ = std::clamp(std::stoi(r.rows[0][3].value_or("1000")), options_.min_batch, options_.max_batch);
      }
    }
    // The batch: the next `size_` keys after the shard's last one (from its very first key when the
    // shard starts at the bottom of the key space). Its upper key is the size_-th key, read from the
    // index without keeping the keys before it, or, when fewer are left, the greatest key left (one
    // probe each way). ORDER BY rather than min/max: uuid has neither. ($4 says there is no lower
    // bound: `$1 IS NULL` would leave $1's type undecided.)
    auto bounds = s_.query(fmt::format("SELECT (SELECT {0} FROM {1} WHERE {2} ORDER BY {0} LIMIT 1)::text, "
                                       "coalesce((SELECT {0} FROM {1} WHERE {2} ORDER BY {0} OFFSET $3::bigint - 1 LIMIT 1), "
                                       "(SELECT {0} FROM {1} WHERE {2} ORDER BY {0} DESC LIMIT 1))::text",
                                       key_, table_, fmt::format("($4::boolean OR {0} > $1) AND {0} <= $2", key_)),
                           {last, hi, std::to_string(size_), last ? "false" : "true"});
    const db::Value first = bounds.rows.at(0).at(0);
    const db::Value upper = bounds.rows.at(0).at(1);
    auto kk = k;
    kk.push_back(std::to_string(shard));
    if (!upper) {
      s_.query(fmt::format("UPDATE {} SET done = true, updated_at = clock_timestamp() WHERE app = $1 AND version = $2 "
                           "AND phase = $3 AND statement = $4 AND shard = $5",
                           shards_),
               kk);
      s_.exec("COMMIT");
      shard_ = -1;
      return Step::shard_done;
    }
    const auto started = Clock::now();
    // With no lower bound the first batch includes its first key: `key >= $1` there, so that no
    // sentinel below every key is needed (a key at its type's minimum, a uuid, an empty text).
    const long long affected = (last ? s_.query(st_.sql, {last, upper}) : s_.query(inclusive_, {first, upper})).affected;
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    // Someone waiting for a lock this batch holds: let them through before the next one.
    const auto waiting = one(s_, "SELECT count(*)::text FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                                 "AND pg_blocking_pids(pid) @> ARRAY[pg_backend_pid()]");
    kk.push_back(upper);
    kk.push_back(std::to_string(affected));
    kk.push_back(std::to_string(size_));
    s_.query(fmt::format("UPDATE {} SET last_key = $6, rows_done = rows_done + $7, batches_done = batches_done + 1, batch_size = $8, "
                         "updated_at = clock_timestamp() WHERE app = $1 AND version = $2 AND phase = $3 AND statement = $4 AND shard = $5",
                         shards_),
             kk);
    util::fault::hit("batch-commit", &s_);
    s_.exec("COMMIT");
    shared_.rows += affected;
    shared_.batches += 1;
    util::metrics::add("migrate_backfill_rows_total", {{"table", st_.backfill->table}}, static_cast<double>(affected),
                       "Rows a backfill changed in this run");
    util::metrics::add("migrate_backfill_batches_total", {{"table", st_.backfill->table}}, 1, "Backfill batches committed in this run");
    util::metrics::set("migrate_backfill_batch_size", {{"table", st_.backfill->table}}, size_, "The size of the last backfill batch");
    {
      std::lock_guard lock(shared_.mutex);
      shared_.durations_ms.push_back(took);
    }
    adapt(affected, took);
    if (waiting && *waiting != "0") {
      if (!st_.backfill->batch) size_ = std::max(options_.min_batch, size_ / 2);
      log::info("backfill {}: {} session(s) waited for rows a batch held; pausing 1s, batch size {}", st_.backfill->table,
                *waiting, size_);
      util::signals::sleep_for(std::chrono::seconds(1));
    }
    return Step::batch_done;
  }

  void adapt(long long rows, long long took_ms) {
    if (st_.backfill->batch || rows <= 0) return;
    const double per_row = static_cast<double>(std::max<long long>(took_ms, 1)) / static_cast<double>(rows);
    ms_per_row_ = ms_per_row_ < 0 ? per_row : 0.7 * ms_per_row_ + 0.3 * per_row; // a moving average
    size_ = next_batch_size(size_, ms_per_row_, st_.backfill->target, options_.min_batch, options_.max_batch);
  }

  // Replication lag, WAL retained by a replication slot and a long autovacuum on the table pause
  // every worker (one look a second, shared; this process logs a pause when it starts, every 30 s
  // while it lasts, and when it ends).
  void throttle() {
    for (;;) {
      bool wait = false;
      {
        std::lock_guard lock(shared_.mutex);
        const auto now = Clock::now();
        if (now - shared_.checked > std::chrono::seconds(1)) {
          shared_.checked = now;
          update(look(), now);
        }
        wait = !shared_.pause.empty();
      }
      if (!wait || shared_.stop || util::signals::interrupted()) return;
      util::signals::sleep_for(std::chrono::milliseconds(250));
    }
  }

  // The shared pause becomes `p`; logged when it begins, changes cause, lasts, ends. Under the mutex.
  void update(Pause p, Clock::time_point now) {
    const auto& table = st_.backfill->table;
    auto& cur = shared_.pause;
    if (p.empty()) {
      if (!cur.empty()) {
        log::info("backfill {}: going on after {:.1f} s paused ({})", table, std::chrono::duration<double>(now - shared_.paused_since).count(),
                  cur.text);
      }
      cur = {};
      return;
    }
    if (cur.empty()) shared_.paused_since = now;
    if (cur.key != p.key) {
      log::info("backfill {}: pausing: {}", table, p.text);
      shared_.told = now;
    } else if (now - shared_.told >= std::chrono::seconds(30)) {
      log::info("backfill {}: still pausing after {:.0f} s: {}", table, std::chrono::duration<double>(now - shared_.paused_since).count(), p.text);
      shared_.told = now;
    }
    cur = std::move(p);
  }

  Pause look() {
    if (auto p = replication()) return *p;
    if (auto p = slots()) return *p;
    auto vacuum = one(s_, "SELECT max(extract(epoch FROM now() - a.xact_start) * 1000)::bigint::text FROM pg_stat_progress_vacuum v "
                          "JOIN pg_stat_activity a ON a.pid = v.pid WHERE v.relid = $1::regclass AND a.backend_type = 'autovacuum worker'",
                      {table_});
    if (vacuum && std::stoll(*vacuum) > options_.autovacuum_patience.count()) {
      return {"autovacuum", fmt::format("an autovacuum has worked on the table for {} s", std::stoll(*vacuum) / 1000)};
    }
    return {};
  }

  // The standbys' replay lag (pg_stat_replication, as the primary last heard from each: a standby
  // reports every wal_receiver_status_interval, and whenever it receives WAL). A standby that has
  // replayed everything the primary has flushed is not behind, whatever replay_lag still shows from
  // before (it lingers until a second report). Says once that a standby seen earlier in this run is
  // gone, and that this role cannot see the lag (the view hides every column but pid from a role
  // without pg_read_all_stats), instead of taking either for no lag.
  std::optional<Pause> replication() {
    const auto& table = st_.backfill->table;
    auto r = s_.query(
        "SELECT coalesce(r.application_name, ''), "
        "CASE WHEN r.state IS NOT NULL THEN coalesce(host(r.client_addr), 'the local socket') END, "
        "(r.state IS NULL)::text, "
        "(CASE WHEN r.replay_lsn >= f.lsn THEN 0 ELSE extract(epoch FROM r.replay_lag) * 1000 END)::bigint::text, quote_ident(current_user) "
        "FROM pg_stat_replication r, (SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_flush_lsn() END AS lsn) f "
        "WHERE r.state IS DISTINCT FROM 'backup' ORDER BY 1, 2");
    std::map<std::string, int> now;
    int hidden = 0;
    long long worst = -1;
    std::string worst_name;
    std::string role;
    for (const auto& row : r.rows) {
      const std::string name = row[0].value_or("");
      // By name and address: a standby that reconnects comes from another port, and is the same one.
      std::string id = name.empty() ? "(no application_name)" : name;
      if (row[1]) id += " from " + *row[1];
      ++now[id];
      role = row[4].value_or("");
      if (row[2] == "true") {
        ++hidden;
      } else if (row[3] && std::stoll(*row[3]) > worst) {
        worst = std::stoll(*row[3]);
        worst_name = name;
      }
    }
    for (auto& [id, before] : shared_.standbys) {
      const auto it = now.find(id);
      const int n = it == now.end() ? 0 : it->second;
      if (n < before) {
        log::warn("backfill {}: standby {} was replicating and is gone from pg_stat_replication: its lag is no longer measured, "
                  "and the backfill goes on (the WAL it needs to catch up is kept for it only by a replication slot, which "
                  "[backfill] max_slot_lag bounds)",
                  table, id);
        shared_.gone.insert(id);
      } else if (n > before && shared_.gone.erase(id)) {
        log::info("backfill {}: standby {} is back; its lag is measured again", table, id);
      }
      before = n;
    }
    for (const auto& [id, n] : now) shared_.standbys.emplace(id, n);
    if (hidden > 0 && !shared_.told_hidden) {
      shared_.told_hidden = true;
      log::warn("backfill {}: cannot see the replication lag of {} standby{}: role {} lacks pg_read_all_stats, and pg_stat_replication "
                "shows such a role no positions and no lag; [backfill] max_replication_lag is not enforced for {} until GRANT pg_monitor "
                "(or pg_read_all_stats) TO {}",
                table, hidden, hidden == 1 ? "" : "s", role, hidden == 1 ? "it" : "them", role);
    }
    if (worst > options_.max_replication_lag.count()) {
      return Pause{"replication", fmt::format("standby {} replays {} ms behind (limit {})", worst_name.empty() ? "(no application_name)" : worst_name,
                                              worst, util::format_duration(options_.max_replication_lag))};
    }
    return std::nullopt;
  }

  // The replication slot that retains the most WAL, when that is more than max_slot_lag: every slot,
  // logical or physical, active or not (an inactive one is a consumer that stopped or a standby that
  // is gone; an active one that retains much is one that falls behind), except those the server has
  // already invalidated.
  std::optional<Pause> slots() {
    if (options_.max_slot_lag <= 0) return std::nullopt;
    auto r = s_.query("SELECT s.slot_name::text, s.slot_type, s.active::text, pg_wal_lsn_diff(c.lsn, s.restart_lsn)::bigint::text, "
                      "pg_size_pretty(pg_wal_lsn_diff(c.lsn, s.restart_lsn)) FROM pg_replication_slots s, "
                      "(SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() END AS lsn) c "
                      "WHERE s.restart_lsn IS NOT NULL AND c.lsn IS NOT NULL AND s.wal_status IS DISTINCT FROM 'lost' "
                      "ORDER BY pg_wal_lsn_diff(c.lsn, s.restart_lsn) DESC LIMIT 1");
    if (r.rows.empty() || !r.rows[0][3]) return std::nullopt;
    const auto& row = r.rows[0];
    if (std::stoll(*row[3]) <= options_.max_slot_lag) return std::nullopt;
    const std::string name = row[0].value_or("?");
    return Pause{"slot:" + name, fmt::format("replication slot {} ({}, {}) retains {} of WAL (limit {}): waiting for its consumer to catch "
                                             "up, or for the slot to be dropped",
                                             name, row[1].value_or("?"), row[2] == "true" ? "active" : "inactive", row[4].value_or("?"),
                                             util::format_size(options_.max_slot_lag))};
  }

  db::Session& s_;
  const ledger::Entry& e_;
  int index_;
  const migration::Statement& st_;
  const RetryPolicy& policy_;
  const BackfillOptions& options_;
  Shared& shared_;
  std::string backfill_, shards_, table_, key_;
  std::string inclusive_; // the statement with its lower bound inclusive, for a shard's first batch
  std::mt19937_64 engine_;
  int shard_ = -1;
  int size_;
  double ms_per_row_ = -1;
};

// A progress line on a terminal, or log lines (events in --log-format json) every few seconds.
class Progress {
public:
  Progress(const ledger::Backfill& bf, bool line) : table_(bf.table), estimate_(bf.rows_estimate), line_(line) {}

  void show(const ledger::Backfill& bf, bool last = false) {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (first_rows_ < 0) {
      first_rows_ = bf.rows_done;
      first_covered_ = bf.covered;
    }
    const long long done_here = bf.rows_done - first_rows_;
    const double rate = seconds > 0 ? static_cast<double>(done_here) / seconds : 0;
    // Progress is the key range covered (rows the statement's WHERE skips are progress too); the ETA
    // is the rest of it at the pace this run covered its part.
    const double fraction = last ? std::max(bf.covered, 1.0) : bf.covered;
    const double covered_here = fraction - first_covered_;
    std::string eta = "-";
    if (!last && covered_here > 0.001 && seconds > 1) {
      eta = util::format_duration(util::Duration{static_cast<long long>((1.0 - fraction) / covered_here * seconds * 1000)});
    }
    const std::string text = fmt::format("backfill {}: {:.0f}% of the key range, {} rows changed (of ~{}), {:.0f} rows/s, ETA {}, {} batches, "
                                         "{}/{} shards done",
                                         table_, std::min(fraction, 1.0) * 100, bf.rows_done, estimate_, rate, eta, bf.batches_done, bf.shards_done,
                                         bf.shards);
    if (line_) {
      std::fprintf(stderr, "\r\033[K%s%s", text.c_str(), last ? "\n" : "");
      std::fflush(stderr);
      return;
    }
    if (!last && now - logged_ < std::chrono::seconds(5)) return;
    logged_ = now;
    nlohmann::json fields = {{"event", "backfill_progress"}, {"table", table_},     {"rows_done", bf.rows_done},
                             {"covered", std::min(fraction, 1.0)}, {"eta", eta}, {"rows_estimate", estimate_},    {"rate", rate},        {"batches_done", bf.batches_done},
                             {"shards", bf.shards},          {"shards_done", bf.shards_done}};
    log::emit(log::Level::info, text, &fields);
  }

private:
  std::string table_;
  long long estimate_;
  bool line_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point logged_{};
  long long first_rows_ = -1;
  double first_covered_ = 0;
};

// Holds the step's shared advisory lock for as long as this process works on the backfill.
class StepLock {
public:
  StepLock(db::Session& s, std::int64_t key) : s_(s), key_(std::to_string(key)) {
    s_.query("SELECT pg_advisory_lock_shared($1::bigint)", {key_});
  }
  ~StepLock() {
    try {
      s_.query("SELECT pg_advisory_unlock_shared($1::bigint)", {key_});
    } catch (...) {
    }
  }
  StepLock(const StepLock&) = delete;
  StepLock& operator=(const StepLock&) = delete;

private:
  db::Session& s_;
  std::string key_;
};

} // namespace

std::optional<KeyProblem> backfill_key_problem(db::Session& session, const migration::Backfill& b) {
  using Kind = KeyProblem::Kind;
  auto problem = [&](Kind kind, std::string message, std::string hint) {
    return std::optional<KeyProblem>(KeyProblem{kind, InputError(b.where, std::move(message), std::move(hint))});
  };
  const std::string table = quoted_table(b.table);
  if (!one(session, "SELECT to_regclass($1)::text", {table})) {
    return problem(Kind::table, fmt::format("backfill: table {} does not exist", b.table), "table= names the table the statement changes");
  }
  const auto k = key_column(session, table, b.key);
  if (!k) return problem(Kind::column, fmt::format("backfill: table {} has no column {}", b.table, b.key), "key= names the column the batches range over");
  if (!supported_key_type(*k)) {
    return problem(Kind::other, fmt::format("backfill: key {} is of type {}; smallint, integer, bigint, uuid and text keys are supported", b.key, k->type),
                   "range over the primary key, or another unique column of one of those types");
  }
  if (!k->unique) {
    return problem(Kind::other,
                   fmt::format("backfill: key {} of {} is not unique (neither the primary key nor a unique index of its own): batches "
                               "that split rows with the same key between them would skip or repeat some",
                               b.key, b.table),
                   "range over the primary key, or a column with a unique index on it alone");
  }
  if (!k->not_null) {
    const std::string nulls = one(session, fmt::format("SELECT count(*)::text FROM {} WHERE {} IS NULL", table, sql::quote_ident(b.key))).value_or("0");
    if (nulls != "0") {
      const bool one_row = nulls == "1";
      return problem(Kind::other,
                     fmt::format("backfill: {} row{} of {} {} no key ({} IS NULL): no key range reaches {}, so the backfill would skip {}", nulls,
                                 one_row ? "" : "s", b.table, one_row ? "has" : "have", b.key, one_row ? "it" : "them", one_row ? "it" : "them"),
                     "give those rows a key first, or range over a NOT NULL key (the primary key)");
    }
  }
  return std::nullopt;
}

void check_backfill_key(db::Session& session, const migration::Backfill& b) {
  if (auto p = backfill_key_problem(session, b)) throw p->error;
}

std::int64_t step_lock_key(std::string_view ledger_schema, const ledger::Entry& e) {
  return ledger::lock_key(ledger_schema, fmt::format("step:{}/{}/{}", e.app, e.version, e.phase));
}

int next_batch_size(int current, double ms_per_row, util::Duration target, int min, int max) {
  if (ms_per_row <= 0) return std::clamp(current * 2, min, max);
  const double wanted = static_cast<double>(target.count()) / ms_per_row;
  const double bounded = std::clamp(wanted, current / 2.0, current * 2.0);
  return std::clamp(static_cast<int>(std::lround(bounded)), min, max);
}

BackfillResult run_backfill(db::Session& session, ledger::Ledger& ledger, const ledger::Entry& e, int index,
                            const migration::Statement& statement, const RetryPolicy& policy, const BackfillOptions& options) {
  const auto& b = *statement.backfill;
  const std::string table = quoted_table(b.table);
  const std::string key = sql::quote_ident(b.key);

  auto bf = ledger.backfill(e, index);
  if (!bf) {
    check_backfill_key(session, b);
    ledger::Backfill fresh;
    fresh.table = b.table;
    fresh.key = b.key;
    fresh.upper_key = greatest_key(session, table, key);
    fresh.rows_estimate = std::stoll(one(session, "SELECT greatest(reltuples, 0)::bigint::text FROM pg_class WHERE oid = $1::regclass", {table})
                                         .value_or("0"));
    if (fresh.rows_estimate == 0 && fresh.upper_key) {
      fresh.rows_estimate = std::stoll(one(session, fmt::format("SELECT count(*)::text FROM {}", table)).value_or("0"));
    }
    std::vector<ledger::ShardRange> shards;
    if (fresh.upper_key) {
      // No lower bound: the first shard starts at the first key, included (see Worker::try_batch).
      shards = shard_ranges(session, table, key, fresh);
    } else {
      fresh.status = "finished"; // nothing to do: the table is empty
    }
    ledger.create_backfill(e, index, fresh, shards, b.batch.value_or(kFirstAutoBatch));
    bf = ledger.backfill(e, index);
    log::info("backfill {}: ~{} rows up to key {}, in {} shard{}", b.table, bf->rows_estimate, bf->upper_key.value_or("-"), bf->shards,
              bf->shards == 1 ? "" : "s");
  } else if (bf->status == "running" && bf->batches_done > 0) {
    log::info("backfill {}: resuming ({} rows in {} batches done, {}/{} shards)", b.table, bf->rows_done, bf->batches_done, bf->shards_done,
              bf->shards);
  }
  auto halted = [&](const std::string& status) {
    return Error(Exit::refused, fmt::format("backfill of {} is {}", b.table, status),
                 status == "paused" ? fmt::format("`migrate backfill resume {}` and apply again; what is done is saved", e.version)
                                    : fmt::format("`migrate rollback --phase {}` undoes what it did, and apply then runs it afresh", e.phase));
  };
  if (bf->status == "finished") return {bf->rows_done, bf->batches_done};
  if (bf->status != "running") throw halted(bf->status);
  check_plan(session, statement, table, *bf);

  const auto started = Clock::now();
  Shared shared;
  bool released = false;
  {
    // This process says it is working on the step before it lets other runs go on while the batches
    // run: a run that takes the run lock meanwhile sees the step as being backfilled (and may join
    // it), never as abandoned.
    std::optional<StepLock> step;
    step.emplace(session, step_lock_key(options.ledger_schema, e));
    if (options.release_run_lock) {
      options.release_run_lock();
      released = true;
    }
    const int n = options.connect ? std::max(1, options.workers) : 1;
    std::vector<std::unique_ptr<db::Session>> sessions;
    try {
      for (int i = 0; options.connect && i < n; ++i) sessions.push_back(options.connect());
    } catch (...) {
      step.reset();
      if (released) options.reacquire_run_lock();
      throw;
    }
    std::vector<std::thread> threads;
    std::atomic<int> running{n}; // lowered under shared.mutex, so that the wait below sees the last one
    for (int i = 0; i < n; ++i) {
      db::Session& s = sessions.empty() ? session : *sessions[static_cast<std::size_t>(i)];
      threads.emplace_back([&, &s = s] {
        try {
          Worker(s, ledger, e, index, statement, policy, options, shared, table, key).run();
        } catch (...) {
          std::lock_guard lock(shared.mutex);
          if (!shared.error) shared.error = std::current_exception();
          shared.stop = true;
        }
        {
          std::lock_guard lock(shared.mutex);
          --running;
        }
        shared.finished.notify_all();
      });
    }
    Progress progress(*bf, options.progress_line);
    // The step's own session is free while the workers have theirs: it shows the progress.
    while (!sessions.empty() && running > 0) {
      try {
        if (auto now = ledger.backfill(e, index)) progress.show(*now);
      } catch (const DatabaseError&) {
      }
      // Woken as soon as the last worker is done: the step's result does not wait out a progress tick.
      std::unique_lock lock(shared.mutex);
      shared.finished.wait_for(lock, std::chrono::milliseconds(util::signals::interrupted() ? 50 : 500), [&] { return running == 0; });
    }
    for (auto& t : threads) t.join();
    // The step lock goes first: held while this run waits for the run lock, it would make the run
    // holding that lock wait for this one's workers, which are done.
    step.reset();
    if (released) options.reacquire_run_lock();
    if (auto now = ledger.backfill(e, index)) progress.show(*now, true);
  }
  if (shared.error) std::rethrow_exception(shared.error);
  if (util::signals::interrupted()) throw Interrupted();
  if (!shared.halted.empty()) throw halted(shared.halted);
  bf = ledger.backfill(e, index);
  if (!bf) {
    // Only a rollback of the step (or of an earlier phase) removes the checkpoints.
    throw Error(Exit::refused, fmt::format("backfill of {}: its checkpoints were removed while this run waited for the run lock (rolled back "
                                           "by another run?)",
                                           b.table),
                "`migrate status` shows where the step stands; apply again to run it from the beginning");
  }
  if (bf->shards_done < bf->shards) {
    // Another process still works on some shard; this one has nothing left to take.
    throw Error(Exit::refused, fmt::format("backfill of {}: {} of {} shards are still being worked on by another process", b.table,
                                           bf->shards - bf->shards_done, bf->shards),
                "apply again once it is done (migrate status shows the backfill)");
  }
  if (bf->status == "running") ledger.set_backfill_status(e, index, "finished");
  std::vector<long long> d;
  {
    std::lock_guard lock(shared.mutex);
    d = shared.durations_ms;
  }
  if (const double seconds = std::chrono::duration<double>(Clock::now() - started).count(); seconds > 0) {
    util::metrics::set("migrate_backfill_rows_per_second", {{"table", b.table}}, static_cast<double>(shared.rows.load()) / seconds,
                       "Rows per second of the last backfill run, over all its workers");
  }
  if (!d.empty()) {
    std::sort(d.begin(), d.end());
    log::info("backfill {}: {} rows in {} batches here; batch time p50 {} ms, p99 {} ms", b.table, shared.rows.load(), shared.batches.load(),
              d[d.size() / 2], d[std::min(d.size() - 1, d.size() * 99 / 100)]);
  }
  return {bf->rows_done, bf->batches_done, released};
}

} // namespace migrate::apply
