#include "config/config.hpp"

namespace migrate::config {

namespace {
constexpr Key kKeys[] = {
    {"database.url", Kind::url, "", {"MIGRATE_DATABASE_URL", "DATABASE_URL"},
     "connection URL or key=value string; empty: libpq's PG* variables; \"ephemeral\": a throwaway server"},
    {"database.migration_url", Kind::url, "", {"MIGRATE_MIGRATION_URL", ""},
     "connection for what changes the database (apply, rollback, repair, baseline); empty: url. "
     "For when url goes through a pooler in transaction mode: the server itself, or a session-pooling port"},
    {"ledger.schema", Kind::identifier, "migrate", {"MIGRATE_LEDGER_SCHEMA", ""},
     "schema that holds the ledger tables"},
    {"ledger.wait", Kind::duration, "10min", {"MIGRATE_LEDGER_WAIT", ""},
     "how long a run waits for another run's ledger lock before giving up (exit 5)"},
    {"defaults.lock_timeout", Kind::duration, "1s", {"MIGRATE_LOCK_TIMEOUT", ""},
     "lock_timeout of every attempt"},
    {"defaults.lock_retries", Kind::count, "10", {"MIGRATE_LOCK_RETRIES", ""},
     "attempts after a lock timeout, with exponential backoff and full jitter"},
    {"defaults.statement_timeout", Kind::duration, "0", {"MIGRATE_STATEMENT_TIMEOUT", ""},
     "0 = none; never applied to CONCURRENTLY, VALIDATE or backfill batches"},
    {"defaults.pg_version", Kind::pg_version, "15", {"MIGRATE_PG_VERSION", ""},
     "PostgreSQL major version for lint when no database is reachable (11 to 18)"},
    {"defaults.phases", Kind::phases, "expand,migrate", {"MIGRATE_PHASES", ""},
     "what apply runs with no --phase: \"expand,migrate\" (contract only when asked) or \"all\""},
    {"defaults.allow_out_of_order", Kind::boolean, "false", {"MIGRATE_ALLOW_OUT_OF_ORDER", ""},
     "apply a pending migration older than an applied one"},
    {"backfill.min_batch", Kind::count, "10", {"MIGRATE_BACKFILL_MIN_BATCH", ""},
     "smallest batch of batch=auto: 1 or more, at most max_batch"},
    {"backfill.max_batch", Kind::count, "100000", {"MIGRATE_BACKFILL_MAX_BATCH", ""},
     "largest batch of batch=auto: 1 to 1073741823"},
    {"backfill.max_replication_lag", Kind::duration, "10s", {"MIGRATE_BACKFILL_MAX_REPLICATION_LAG", ""},
     "workers pause while a standby replays further behind"},
    {"backfill.max_slot_lag", Kind::bytes, "off", {"MIGRATE_BACKFILL_MAX_SLOT_LAG", ""},
     "workers pause while a replication slot (logical or physical) retains more WAL than this: 64MB, 1GB, a number of bytes; off (or 0) = no limit"},
    {"ephemeral.bin_dir", Kind::text, "", {"MIGRATE_PG_BIN", ""},
     "directory with initdb, pg_ctl and postgres for --database ephemeral and verify (relative to migrate.toml); empty: the installed server"},
    {"verify.seed", Kind::text, "", {"MIGRATE_VERIFY_SEED", ""},
     "SQL file verify loads first, or VERSION=FILE to load it right after that migration's first phase (relative to migrate.toml); several, separated by commas"},
};
} // namespace

std::span<const Key> keys() { return kKeys; }

} // namespace migrate::config
