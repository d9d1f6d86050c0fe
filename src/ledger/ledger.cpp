#include "ledger/ledger.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "db/transaction.hpp"
#include "ledger/run_lock.hpp"
#include "sql/quote.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"
#include "util/log.hpp"

namespace migrate::ledger {

namespace {

// The numbered upgrade steps; step N takes a ledger from version N-1 to N. Only ever append.
std::vector<std::string> upgrade_steps(const Ledger& l) {
  return {
      // 1: the meta table and the ledger.
      fmt::format(R"SQL(
CREATE TABLE IF NOT EXISTS {meta} (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS {ledger} (
  app text NOT NULL,
  version text NOT NULL,
  phase text NOT NULL CHECK (phase IN ('expand', 'migrate', 'contract')),
  name text NOT NULL,
  checksum text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'applied', 'failed', 'rolled_back')),
  sql text NOT NULL,
  rollback_sql text,
  rollback text NOT NULL CHECK (rollback IN ('present', 'irreversible', 'missing')),
  statements_done integer NOT NULL DEFAULT 0,
  applied_by text NOT NULL,
  host text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  duration_ms bigint,
  tool_version text NOT NULL,
  skip_lint boolean NOT NULL DEFAULT false,
  error text,
  PRIMARY KEY (app, version, phase)
);
COMMENT ON TABLE {ledger} IS 'migrate: one row per (app, version, phase); see migrate(1)';
)SQL",
                  fmt::arg("meta", l.table("meta")), fmt::arg("ledger", l.table("ledger"))),
      // 2: steps adopted by baseline, and the checkpoints of backfills.
      fmt::format(R"SQL(
ALTER TABLE {ledger} ADD COLUMN IF NOT EXISTS baseline boolean NOT NULL DEFAULT false;
CREATE TABLE IF NOT EXISTS {backfill} (
  app text NOT NULL,
  version text NOT NULL,
  phase text NOT NULL,
  statement integer NOT NULL,
  table_name text NOT NULL,
  key_column text NOT NULL,
  lower_key text,
  upper_key text,
  rows_estimate bigint NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('running', 'paused', 'cancelled', 'finished')),
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (app, version, phase, statement)
);
COMMENT ON TABLE {backfill} IS 'migrate: one row per backfill statement; its key range is split into shards';
CREATE TABLE IF NOT EXISTS {shard} (
  app text NOT NULL,
  version text NOT NULL,
  phase text NOT NULL,
  statement integer NOT NULL,
  shard integer NOT NULL,
  lo text,
  hi text NOT NULL,
  last_key text,
  rows_done bigint NOT NULL DEFAULT 0,
  batches_done bigint NOT NULL DEFAULT 0,
  batch_size integer NOT NULL,
  done boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (app, version, phase, statement, shard),
  FOREIGN KEY (app, version, phase, statement) REFERENCES {backfill} ON DELETE CASCADE
);
COMMENT ON TABLE {shard} IS 'migrate: a key range of a backfill, claimed FOR UPDATE SKIP LOCKED and checkpointed with each batch';
CREATE TABLE IF NOT EXISTS {events} (
  id bigserial PRIMARY KEY,
  app text NOT NULL,
  version text NOT NULL,
  phase text NOT NULL,
  name text NOT NULL,
  action text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  duration_ms bigint,
  applied_by text NOT NULL DEFAULT current_user,
  host text NOT NULL,
  tool_version text NOT NULL,
  detail text
);
CREATE INDEX IF NOT EXISTS events_app_at_idx ON {events} (app, at);
COMMENT ON TABLE {events} IS 'migrate: what happened to each step, for migrate history';
)SQL",
                  fmt::arg("ledger", l.table("ledger")), fmt::arg("backfill", l.table("backfill")),
                  fmt::arg("shard", l.table("backfill_shard")), fmt::arg("events", l.table("events"))),
      // 3: the run that wrote each row (its log lines carry the same id).
      fmt::format(R"SQL(
ALTER TABLE {ledger} ADD COLUMN IF NOT EXISTS run_id text;
ALTER TABLE {events} ADD COLUMN IF NOT EXISTS run_id text;
)SQL",
                  fmt::arg("ledger", l.table("ledger")), fmt::arg("events", l.table("events"))),
      // 4: a step applied with --skip-checks.
      fmt::format("ALTER TABLE {ledger} ADD COLUMN IF NOT EXISTS skip_checks boolean NOT NULL DEFAULT false;\n",
                  fmt::arg("ledger", l.table("ledger"))),
      // 5: a step rolled back with --force without being undone (status forced).
      fmt::format(R"SQL(
ALTER TABLE {ledger} DROP CONSTRAINT IF EXISTS ledger_status_check;
ALTER TABLE {ledger} ADD CONSTRAINT ledger_status_check CHECK (status IN ('running', 'applied', 'failed', 'rolled_back', 'forced'));
)SQL",
                  fmt::arg("ledger", l.table("ledger"))),
  };
}

std::string text(const db::Value& v) { return v.value_or(""); }

using db::in_transaction;

// The row's texts are moved into the entry, not copied (10,000 rows for status).
Entry entry_from(db::Row&& r) {
  auto take = [&](std::size_t i) { return r[i] ? std::move(*r[i]) : std::string(); };
  Entry e;
  e.app = take(0);
  e.version = take(1);
  e.phase = take(2);
  e.name = take(3);
  e.checksum = take(4);
  e.status = take(5);
  e.sql = take(6);
  e.rollback_sql = std::move(r[7]);
  e.rollback = take(8);
  e.statements_done = std::stoi(text(r[9]));
  e.applied_by = take(10);
  e.host = take(11);
  e.started_at = take(12);
  e.finished_at = std::move(r[13]);
  if (r[14]) e.duration_ms = std::stoll(*r[14]);
  e.tool_version = take(15);
  e.skip_lint = text(r[16]) == "t";
  e.error = std::move(r[17]);
  e.baseline = text(r[18]) == "t";
  e.run_id = take(19);
  e.skip_checks = text(r[20]) == "t";
  return e;
}

constexpr const char* kColumns =
    "app, version, phase, name, checksum, status, sql, rollback_sql, rollback, statements_done, applied_by, host, "
    "started_at::text, finished_at::text, duration_ms, tool_version, skip_lint, error, baseline, run_id, skip_checks";

constexpr const char* kBackfillColumns =
    "b.phase, b.table_name, b.key_column, b.lower_key, b.upper_key, b.rows_estimate::text, b.status, "
    "coalesce(sum(s.rows_done), 0)::text, coalesce(sum(s.batches_done), 0)::text, count(s.shard)::text, "
    "count(s.shard) FILTER (WHERE s.done)::text, "
    // How much of the key range the batches have covered: each shard (a quantile of the keys) counts
    // alike, done whole, or as far as its last key went where the keys are integers.
    "coalesce(avg(CASE WHEN s.done OR b.status = 'finished' THEN 1 WHEN s.last_key IS NULL THEN 0 "
    // (a CASE inside the THEN: the casts only once the texts are known to be integers)
    "WHEN s.lo ~ '^-?[0-9]{{1,18}}$' AND s.hi ~ '^-?[0-9]{{1,18}}$' AND s.last_key ~ '^-?[0-9]{{1,18}}$' "
    "THEN CASE WHEN s.hi::numeric > s.lo::numeric "
    "THEN least(1, greatest(0, (s.last_key::numeric - s.lo::numeric) / (s.hi::numeric - s.lo::numeric))) ELSE 0 END "
    // Otherwise (the first shard, from the first key; uuid and text keys): each batch covered batch_size
    // keys, of the shard's share of the estimate.
    "ELSE least(1, s.batches_done::numeric * s.batch_size / greatest(1, b.rows_estimate::numeric / "
    "(SELECT count(*) FROM {shard} x WHERE (x.app, x.version, x.phase, x.statement) = (b.app, b.version, b.phase, b.statement)))) END), "
    "CASE WHEN b.status = 'finished' THEN 1 ELSE 0 END)::float8::text";

Backfill backfill_from(const db::Row& r) {
  Backfill b;
  b.phase = text(r[0]);
  b.table = text(r[1]);
  b.key = text(r[2]);
  b.lower_key = r[3];
  b.upper_key = r[4];
  b.rows_estimate = std::stoll(text(r[5]));
  b.status = text(r[6]);
  b.rows_done = std::stoll(text(r[7]));
  b.batches_done = std::stoll(text(r[8]));
  b.shards = std::stoi(text(r[9]));
  b.shards_done = std::stoi(text(r[10]));
  b.covered = std::stod(text(r[11]));
  return b;
}

} // namespace

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

Ledger::Ledger(db::Session& session, std::string schema) : session_(session), schema_(std::move(schema)) {}

std::string Ledger::table(std::string_view name) const { return sql::quote_ident(schema_) + "." + sql::quote_ident(name); }

int Ledger::schema_version() {
  auto r = session_.query("SELECT to_regclass($1) IS NOT NULL", {table("meta")});
  if (r.rows.at(0).at(0) != "t") return 0;
  auto v = session_.exec(fmt::format("SELECT value FROM {} WHERE key = 'schema_version'", table("meta")));
  return v.rows.empty() ? 0 : std::stoi(text(v.rows[0][0]));
}

int Ledger::ensure() {
  // One transaction, serialised by a transaction-level advisory lock on the schema's own key, so two
  // first runs (a Django release and a FastAPI release, say) do not both try to create the tables.
  return in_transaction(session_, [&] {
    session_.query("SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(lock_key(schema_, "ensure"))});
    int found = schema_version();
    if (found > kSchemaVersion) {
      throw Error(Exit::refused,
                  fmt::format("the ledger in schema {} is version {}, newer than this migrate understands ({})", schema_,
                              found, kSchemaVersion),
                  "use the migrate release that wrote it, or a newer one");
    }
    if (found < kSchemaVersion) {
      // CREATE SCHEMA checks CREATE on the database before IF NOT EXISTS: a schema made beforehand for
      // a role without that right (CREATE SCHEMA migrate AUTHORIZATION app) is used as it is.
      // The names for the hint as the server quotes them: only when they need it.
      const auto who = session_.query("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)::text, quote_ident($1), "
                                      "quote_ident(current_user)",
                                      {schema_});
      if (who.rows.at(0).at(0) != "true") {
        try {
          session_.exec(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", sql::quote_ident(schema_)));
        } catch (const DatabaseError& e) {
          if (e.sqlstate() != "42501") throw;
          throw DatabaseError(fmt::format("cannot create the ledger schema {}: {}", schema_, e.what()), e.sqlstate(),
                              fmt::format("the role needs CREATE on the database to make it (GRANT CREATE ON DATABASE ... TO {1}), "
                                          "or have it made beforehand: CREATE SCHEMA {0} AUTHORIZATION {1}",
                                          who.rows.at(0).at(1).value_or(schema_), who.rows.at(0).at(2).value_or("?")));
        }
      }
      const auto steps = upgrade_steps(*this);
      for (int v = found; v < kSchemaVersion; ++v) session_.exec(steps.at(static_cast<std::size_t>(v)));
      session_.query(fmt::format("INSERT INTO {} (key, value) VALUES ('schema_version', $1) "
                                 "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                                 table("meta")),
                     {std::to_string(kSchemaVersion)});
    }
    return found;
  });
}

std::vector<Entry> Ledger::entries(const std::string& app) {
  std::vector<Entry> out;
  auto r = session_.query(fmt::format("SELECT {} FROM {} WHERE app = $1 ORDER BY length(ltrim(version, '0')), "
                                      "ltrim(version, '0'), array_position(ARRAY['expand','migrate','contract'], phase)",
                                      kColumns, table("ledger")),
                          {app});
  out.reserve(r.rows.size());
  for (auto& row : r.rows) out.push_back(entry_from(std::move(row)));
  return out;
}

std::optional<Entry> Ledger::find(const std::string& app, const std::string& version, const std::string& phase) {
  auto r = session_.query(fmt::format("SELECT {} FROM {} WHERE app = $1 AND version = $2 AND phase = $3", kColumns, table("ledger")),
                          {app, version, phase});
  if (r.rows.empty()) return std::nullopt;
  return entry_from(std::move(r.rows[0]));
}

namespace {

std::string row_name(const Entry& e) { return fmt::format("{} {} {}", e.app, e.version, e.phase); }

} // namespace

void Ledger::changed_under_us(const Entry& e) {
  auto now = find(e.app, e.version, e.phase);
  throw Error(Exit::refused,
              fmt::format("the ledger row of {} changed while this run was working ({}); nothing was overwritten", row_name(e),
                          now ? fmt::format("it is now {} by run {}{}", now->status, now->run_id.empty() ? "?" : now->run_id,
                                            now->statements_done ? fmt::format(", {} statements done", now->statements_done) : "")
                              : "it is gone"),
              "another run wrote it: run again, and the next run goes on from what the ledger says");
}

void Ledger::start(const Entry& e, const std::optional<Entry>& seen) {
  const std::vector<db::Value> values = {e.app, e.version, e.phase, e.name, e.checksum, e.sql, e.rollback_sql, e.rollback, host_name(),
                                         e.tool_version, e.skip_lint ? "true" : "false", log::run_id(), e.skip_checks ? "true" : "false"};
  long long affected = 0;
  if (!seen) {
    affected = session_.query(fmt::format(R"SQL(
INSERT INTO {} (app, version, phase, name, checksum, status, sql, rollback_sql, rollback, statements_done,
                applied_by, host, tool_version, skip_lint, run_id, skip_checks)
VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8, 0, current_user, $9, $10, $11, $12, $13)
ON CONFLICT (app, version, phase) DO NOTHING
)SQL",
                                          table("ledger")),
                              values)
                   .affected;
  } else {
    auto v = values;
    v.push_back(seen->status);
    v.push_back(seen->run_id);
    v.push_back(std::to_string(seen->statements_done));
    affected = session_.query(fmt::format(R"SQL(
UPDATE {0} SET
  name = $4, checksum = $5, status = 'running', sql = $6, rollback_sql = $7, rollback = $8,
  statements_done = CASE WHEN checksum = $5 THEN statements_done ELSE 0 END,
  applied_by = current_user, host = $9, started_at = clock_timestamp(), finished_at = NULL,
  duration_ms = NULL, tool_version = $10, skip_lint = $11, error = NULL, run_id = $12, skip_checks = $13
WHERE app = $1 AND version = $2 AND phase = $3
  AND status = $14 AND coalesce(run_id, '') = $15 AND statements_done = $16::integer
)SQL",
                                          table("ledger")),
                              v)
                   .affected;
  }
  if (affected != 1) changed_under_us(e);
  util::fault::hit("ledger", &session_);
}

void Ledger::progress(const Entry& e, int statements_done) {
  auto r = session_.query(fmt::format("UPDATE {} SET statements_done = $4 WHERE app = $1 AND version = $2 AND phase = $3 "
                                      "AND status = 'running' AND run_id = $5",
                                      table("ledger")),
                          {e.app, e.version, e.phase, std::to_string(statements_done), log::run_id()});
  if (r.affected != 1) changed_under_us(e);
  util::fault::hit("ledger", &session_);
}

std::optional<long long> Ledger::finish(const Entry& e, const std::string& status, const std::optional<std::string>& error,
                                       const std::optional<std::string>& detail) {
  // One statement: the row and its event are written together (one round trip, and never the one
  // without the other).
  auto r = session_.query(fmt::format("WITH f AS (UPDATE {} SET status = $4, error = $5, finished_at = clock_timestamp(), "
                                      "duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint "
                                      "WHERE app = $1 AND version = $2 AND phase = $3 AND status = 'running' AND run_id = $6 "
                                      "RETURNING duration_ms) "
                                      "INSERT INTO {} (app, version, phase, name, action, duration_ms, host, tool_version, detail, run_id) "
                                      "SELECT $1, $2, $3, $7, $4, f.duration_ms, $8, $9, $10, $6 FROM f RETURNING duration_ms::text",
                                      table("ledger"), table("events")),
                          {e.app, e.version, e.phase, status, error, log::run_id(), e.name, host_name(), e.tool_version, detail});
  if (r.rows.empty()) return std::nullopt;
  util::fault::hit("ledger", &session_);
  return std::stoll(text(r.rows[0][0]));
}

void Ledger::rolled_back(const Entry& seen) {
  auto r = session_.query(fmt::format("UPDATE {} SET status = 'rolled_back', statements_done = 0, error = NULL, finished_at = clock_timestamp(), "
                                      "run_id = $4 WHERE app = $1 AND version = $2 AND phase = $3 AND status = $5 AND coalesce(run_id, '') = $6",
                                      table("ledger")),
                          {seen.app, seen.version, seen.phase, log::run_id(), seen.status, seen.run_id});
  if (r.affected != 1) changed_under_us(seen);
}

void Ledger::forced(const Entry& seen) {
  auto r = session_.query(fmt::format("UPDATE {} SET status = 'forced', statements_done = 0, finished_at = clock_timestamp(), "
                                      "error = 'rolled back with --force without being undone: what it did is still in the database', "
                                      "run_id = $4 WHERE app = $1 AND version = $2 AND phase = $3 AND status = $5 AND coalesce(run_id, '') = $6",
                                      table("ledger")),
                          {seen.app, seen.version, seen.phase, log::run_id(), seen.status, seen.run_id});
  if (r.affected != 1) changed_under_us(seen);
}

void Ledger::remove(const Entry& seen) {
  auto r = session_.query(fmt::format("DELETE FROM {} WHERE app = $1 AND version = $2 AND phase = $3 AND status = $4 AND coalesce(run_id, '') = $5",
                                      table("ledger")),
                          {seen.app, seen.version, seen.phase, seen.status, seen.run_id});
  if (r.affected != 1) changed_under_us(seen);
}

void Ledger::accept_checksum(const Entry& e, const std::string& checksum, const std::string& sql) {
  session_.query(fmt::format("UPDATE {} SET checksum = $4, sql = $5 WHERE app = $1 AND version = $2 AND phase = $3", table("ledger")),
                 {e.app, e.version, e.phase, checksum, sql});
}

void Ledger::adopt(const Entry& e) {
  session_.query(fmt::format(R"SQL(
INSERT INTO {} (app, version, phase, name, checksum, status, sql, rollback_sql, rollback, statements_done,
                applied_by, host, finished_at, duration_ms, tool_version, baseline, run_id)
VALUES ($1, $2, $3, $4, $5, 'applied', $6, $7, $8, 0, current_user, $9, clock_timestamp(), 0, $10, true, $11)
)SQL",
                             table("ledger")),
                 {e.app, e.version, e.phase, e.name, e.checksum, e.sql, e.rollback_sql, e.rollback, host_name(), e.tool_version,
                  log::run_id()});
}

void Ledger::record(const Entry& e, std::string_view action, const std::optional<long long>& duration_ms,
                    const std::optional<std::string>& detail) {
  session_.query(fmt::format("INSERT INTO {} (app, version, phase, name, action, duration_ms, host, tool_version, detail, run_id) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                             table("events")),
                 {e.app, e.version, e.phase, e.name, std::string(action),
                  duration_ms ? db::Value(std::to_string(*duration_ms)) : db::Value{}, host_name(), e.tool_version, detail, log::run_id()});
}

std::vector<Event> Ledger::events(const std::string& app, int limit) {
  auto r = session_.query(fmt::format("SELECT id::text, app, version, phase, name, action, at::text, duration_ms::text, applied_by, "
                                      "host, tool_version, detail, coalesce(run_id, '') FROM {} WHERE app = $1 ORDER BY id DESC LIMIT $2",
                                      table("events")),
                          {app, std::to_string(limit)});
  std::vector<Event> out;
  for (const auto& row : r.rows) {
    Event ev;
    ev.id = std::stoll(text(row[0]));
    ev.app = text(row[1]);
    ev.version = text(row[2]);
    ev.phase = text(row[3]);
    ev.name = text(row[4]);
    ev.action = text(row[5]);
    ev.at = text(row[6]);
    if (row[7]) ev.duration_ms = std::stoll(*row[7]);
    ev.applied_by = text(row[8]);
    ev.host = text(row[9]);
    ev.tool_version = text(row[10]);
    ev.detail = row[11];
    ev.run_id = text(row[12]);
    out.push_back(std::move(ev));
  }
  return out;
}

std::string Ledger::backfill_query(std::string_view where) const {
  return fmt::format("SELECT b.version, {} FROM {} b LEFT JOIN {} s USING (app, version, phase, statement) WHERE {} "
                     "GROUP BY b.app, b.version, b.phase, b.statement ORDER BY b.version, b.statement",
                     fmt::format(fmt::runtime(kBackfillColumns), fmt::arg("shard", table("backfill_shard"))), table("backfill"),
                     table("backfill_shard"), where);
}

std::optional<Backfill> Ledger::backfill(const Entry& e, int statement) {
  auto r = session_.query(backfill_query("b.app = $1 AND b.version = $2 AND b.phase = $3 AND b.statement = $4"),
                          {e.app, e.version, e.phase, std::to_string(statement)});
  if (r.rows.empty()) return std::nullopt;
  return backfill_from(db::Row(r.rows[0].begin() + 1, r.rows[0].end()));
}

std::vector<std::pair<std::string, Backfill>> Ledger::backfills(const std::string& app) {
  auto r = session_.query(backfill_query("b.app = $1 AND b.phase NOT LIKE '%:rollback'"), {app});
  std::vector<std::pair<std::string, Backfill>> out;
  for (const auto& row : r.rows) out.emplace_back(text(row[0]), backfill_from(db::Row(row.begin() + 1, row.end())));
  return out;
}

bool Ledger::create_backfill(const Entry& e, int statement, const Backfill& b, const std::vector<ShardRange>& shards, int batch_size) {
  return in_transaction(session_, [&] {
    auto r = session_.query(fmt::format("INSERT INTO {} (app, version, phase, statement, table_name, key_column, lower_key, upper_key, "
                                        "rows_estimate, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
                                        table("backfill")),
                            {e.app, e.version, e.phase, std::to_string(statement), b.table, b.key, b.lower_key, b.upper_key,
                             std::to_string(b.rows_estimate), b.status});
    const bool created = r.affected == 1;
    for (std::size_t i = 0; created && i < shards.size(); ++i) {
      session_.query(fmt::format("INSERT INTO {} (app, version, phase, statement, shard, lo, hi, last_key, batch_size) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8)",
                                 table("backfill_shard")),
                     {e.app, e.version, e.phase, std::to_string(statement), std::to_string(i), shards[i].lo, shards[i].hi,
                      std::to_string(batch_size)});
    }
    return created;
  });
}

void Ledger::set_backfill_status(const Entry& e, int statement, const std::string& status) {
  session_.query(fmt::format("UPDATE {} SET status = $5, updated_at = clock_timestamp() "
                             "WHERE app = $1 AND version = $2 AND phase = $3 AND statement = $4",
                             table("backfill")),
                 {e.app, e.version, e.phase, std::to_string(statement), status});
}

int Ledger::set_backfill_status(const std::string& app, const std::string& version, const std::string& status,
                                const std::vector<std::string>& from) {
  const std::string list = sql::text_array_literal(from);
  auto r = session_.query(fmt::format("UPDATE {} SET status = $3, updated_at = clock_timestamp() "
                                      "WHERE app = $1 AND version = $2 AND phase NOT LIKE '%:rollback' AND status = ANY ($4::text[])",
                                      table("backfill")),
                          {app, version, status, list});
  return static_cast<int>(r.affected);
}

void Ledger::forget_backfills(const Entry& e) {
  session_.query(fmt::format("DELETE FROM {} WHERE app = $1 AND version = $2 AND phase = $3", table("backfill")),
                 {e.app, e.version, e.phase});
}

} // namespace migrate::ledger
