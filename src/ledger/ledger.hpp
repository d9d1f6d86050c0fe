#pragma once
// The ledger (docs/format.md): one row per (app, version, phase) in the configured schema, created on first
// use and upgraded in place through numbered steps recorded in its meta table. Each app reads and
// writes only its own rows.
#include <optional>
#include <string>
#include <vector>

#include "db/session.hpp"

namespace migrate::ledger {

// The schema version this release writes; Ledger::ensure upgrades older ledgers to it.
inline constexpr int kSchemaVersion = 5;

struct Entry {
  std::string app;
  std::string version;
  std::string phase;     // expand | migrate | contract
  std::string name;
  std::string checksum;
  std::string status;    // running | applied | failed | rolled_back
  std::string sql;       // the section as applied
  std::optional<std::string> rollback_sql;
  std::string rollback;  // present | irreversible | missing
  int statements_done = 0;
  std::string applied_by; // database user
  std::string host;
  std::string started_at;
  std::optional<std::string> finished_at;
  std::optional<long long> duration_ms;
  std::string tool_version;
  bool skip_lint = false;
  bool skip_checks = false; // --skip-checks, with checks in the section (ledger version 4)
  std::optional<std::string> error;
  bool baseline = false;  // adopted by `migrate baseline`, not run by migrate
  std::string run_id;     // the run that last wrote the row (log::run_id()); "" before ledger version 3
};

// What happened to a step, for `migrate history`: applied, failed, rolled_back, baseline, repaired,
// forgotten (rollback --force of an irreversible step), checksum_accepted.
struct Event {
  long long id = 0;
  std::string app, version, phase, name, action, at;
  std::optional<long long> duration_ms;
  std::string applied_by, host, tool_version;
  std::optional<std::string> detail;
  std::string run_id;
};

// A backfill statement (docs/format.md, table backfill), with the totals of its shards.
struct Backfill {
  std::string phase; // of the step it belongs to (read back; ignored when one is created)
  std::string table;
  std::string key;
  std::optional<std::string> lower_key; // below every key (exclusive lower bound of the first shard)
  std::optional<std::string> upper_key; // the key's maximum when the backfill started; none: empty table
  long long rows_estimate = 0;
  std::string status = "running"; // running | paused | cancelled | finished
  long long rows_done = 0;
  long long batches_done = 0;
  int shards = 0;
  int shards_done = 0;
  // The fraction of the key range its batches covered (0 to 1): progress, which rows_done is not when
  // the statement's WHERE skips rows.
  double covered = 0;
};

// A shard's key range: (lo, hi]. Workers claim shards FOR UPDATE SKIP LOCKED, one batch at a time, and
// save last_key with the batch.
struct ShardRange {
  std::optional<std::string> lo;
  std::string hi;
};

class Ledger {
public:
  Ledger(db::Session& session, std::string schema);

  // Creates the schema and tables if missing, or upgrades them, under a transaction-level advisory
  // lock so concurrent first runs do not collide. Returns the schema version found before (0: none).
  int ensure();
  // The version recorded in the meta table (0 when there is no ledger).
  int schema_version();

  // The app's rows, in (version, phase) order.
  std::vector<Entry> entries(const std::string& app);
  std::optional<Entry> find(const std::string& app, const std::string& version, const std::string& phase);

  // Every write to a step's row is conditional on what the writer read (under the run lock), so a run
  // that acts on a stale view never overwrites another run's record (an `applied` with its `failed`,
  // say): such a write changes nothing and throws Error(refused) naming the row as it is now.

  // A step begins, or goes on, in this run: the row is inserted as running when `seen` is none, else
  // the row as `seen` (status, run, progress) becomes this run's and running. A failed or rolled-back
  // row is reset; the same checksum keeps the progress of statement-by-statement sections.
  void start(const Entry& e, const std::optional<Entry>& seen);
  // Statement-by-statement sections record how far they got, so a rerun continues after it. Only
  // this run's running row.
  void progress(const Entry& e, int statements_done);
  // This run's running row becomes `status`, and the event `status` (with `detail`) is recorded in
  // the same statement; the duration in milliseconds. nullopt: the row is not this run's running row
  // any more, and was left as it is (no event either).
  std::optional<long long> finish(const Entry& e, const std::string& status, const std::optional<std::string>& error = {},
                                  const std::optional<std::string>& detail = {});

  // The row as `seen` becomes rolled_back (progress 0); throws when it is not as seen.
  void rolled_back(const Entry& seen);
  // rollback --force: the row as `seen` becomes forced (not undone); throws when it is not as seen.
  void forced(const Entry& seen);
  // The row as `seen` is removed; throws when it is not as seen.
  void remove(const Entry& seen);
  // repair --accept-checksums: the file changed on purpose after it was applied.
  void accept_checksum(const Entry& e, const std::string& checksum, const std::string& sql);
  // baseline: a step that exists in the database already, recorded as applied without running it.
  void adopt(const Entry& e);

  void record(const Entry& e, std::string_view action, const std::optional<long long>& duration_ms = {},
              const std::optional<std::string>& detail = {});
  // The app's events, newest first.
  std::vector<Event> events(const std::string& app, int limit);

  std::optional<Backfill> backfill(const Entry& e, int statement);
  // Records a new backfill and its shards in one transaction; false when one was there already (a
  // worker of another process made it first).
  bool create_backfill(const Entry& e, int statement, const Backfill& b, const std::vector<ShardRange>& shards, int batch_size);
  void set_backfill_status(const Entry& e, int statement, const std::string& status);
  // `migrate backfill pause|resume|cancel`: the app's backfills of a version in one of `from`.
  int set_backfill_status(const std::string& app, const std::string& version, const std::string& status,
                          const std::vector<std::string>& from);
  void forget_backfills(const Entry& e);
  // The app's backfills (version, backfill), for status.
  std::vector<std::pair<std::string, Backfill>> backfills(const std::string& app);

  [[nodiscard]] const std::string& schema() const { return schema_; }
  [[nodiscard]] std::string table(std::string_view name) const; // "schema"."name", quoted

private:
  // Throws Error(refused): the row of `e` is not what this run read; says what it is now.
  [[noreturn]] void changed_under_us(const Entry& e);
  [[nodiscard]] std::string backfill_query(std::string_view where) const;
  db::Session& session_;
  std::string schema_;
};

// The host name this process runs on, for applied_by.
std::string host_name();

} // namespace migrate::ledger
