# Least privilege, as a managed database gives it to an application's owner: a role that is not a
# superuser and has no pg_signal_backend, pg_read_all_stats or pg_monitor, with CONNECT on the database,
# USAGE and CREATE on the schema its migrations change, and the ledger schema made for it beforehand
# (CREATE SCHEMA migrate AUTHORIZATION app: no CREATE on the database). As that role: apply (a
# CONCURRENTLY index, a backfill with 2 workers), status, history, rollback, and verify --database
# (exit 3 naming CREATEDB without it; it works with CREATEDB). What the role may not see degrades
# and says so: a lock holder of another role (a superuser's open transaction) is named by pid and user,
# with one warning that the role cannot see other users' queries; the holder of the run lock likewise;
# a standby's replication lag (the backfill cannot pause for it) is a warning once. With
# pg_read_all_stats granted the holder's query is named again and the warnings go. The server logs
# every statement: migrate never signals another backend, changes the server's configuration or reads
# what only a superuser may. On a server of the test's own, with a streaming standby.
source "$(dirname "$0")/lib.sh"

port=$(free_port 0)
standby_port=$(free_port 1)
server_init lp
# Every statement in the log, with its application and user, to see what migrate sent.
server_start lp "$port" -c fsync=off -c log_statement=all -c "log_line_prefix='%a|%u|%d|'"
export PGHOST="$SCRATCH/lp" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
unset PGPASSWORD PGSSLMODE DATABASE_URL MIGRATE_DATABASE_URL
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "${2:-shop}" -c "$1"; }

# A standby, streaming from it; not waited for here (it is by the time the role is made).
standby="$(pg_dir standby)"
at_exit "server_stop standby"
as_pg "$PG_BIN/pg_basebackup" -h "$PGHOST" -p "$port" -U postgres -D "$standby/data" -R -X stream -c fast >"$standby/basebackup.log" 2>&1 ||
  { fail "pg_basebackup: $(cat "$standby/basebackup.log")"; finish; }
as_pg "$PG_BIN/pg_ctl" -D "$standby/data" -l "$standby/log" -W -o "-k $standby -p $standby_port -c listen_addresses=''" start >/dev/null ||
  { fail "the standby did not start: $(tail -20 "$standby/log")"; finish; }

# The application's owner, and its database (made by the provider's administrator).
q "CREATE ROLE app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS" postgres
q "CREATE DATABASE shop" postgres
q "REVOKE ALL ON DATABASE shop FROM PUBLIC; GRANT CONNECT ON DATABASE shop TO app;
   GRANT USAGE, CREATE ON SCHEMA public TO app"
[ "$(q "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls OR
               pg_has_role('app', 'pg_signal_backend', 'USAGE') OR pg_has_role('app', 'pg_read_all_stats', 'USAGE') OR
               pg_has_role('app', 'pg_monitor', 'USAGE') FROM pg_roles WHERE rolname = 'app'")" = f ] && pass ||
  fail "the role has more than it should"
for _ in $(seq 300); do
  [ "$(q "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ] && break
  sleep 0.1
done
[ "$(q "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ] && pass || fail "the standby does not stream"
m() { env PGUSER=app PGDATABASE=shop "$MIGRATE" "$@"; }

# 45,000 rows: two shards, so that both workers have one.
write migrations/shop/1_items.sql '-- migrate:expand
CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
INSERT INTO items (id) SELECT g FROM generate_series(1, 45000) g;
ANALYZE items;
-- migrate:rollback
DROP TABLE items;
'
write migrations/shop/2_flag.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN flag boolean;
CREATE INDEX CONCURRENTLY items_flag_idx ON items (flag);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS items_flag_idx;
ALTER TABLE items DROP COLUMN IF EXISTS flag;

-- migrate:migrate
-- migrate:backfill table=items key=id batch=5000
UPDATE items SET flag = id % 2 = 0 WHERE id > $1 AND id <= $2 AND flag IS NULL;
-- migrate:rollback
-- nothing: the column goes with the expand rollback
'

# 1. No CREATE on the database and no ledger schema: refused, naming both ways out.
run m apply
expect_code 3 "apply with nowhere to put the ledger"
expect_stderr "cannot create the ledger schema migrate: permission denied for database shop"
expect_stderr "CREATE SCHEMA migrate AUTHORIZATION app"
# The ledger schema made beforehand is enough (CREATE SCHEMA checks CREATE on the database first, even
# with IF NOT EXISTS: migrate must not run it then).
q "CREATE SCHEMA migrate AUTHORIZATION app"

# 2. apply with 2 workers, status, history, rollback, apply again.
run m apply --workers 2
expect_code 0 "apply as the application's owner"
expect_stderr "in 2 shards"
[ "$(q "SELECT count(*) FROM migrate.backfill_shard WHERE rows_done > 0")" = 2 ] && pass || fail "not every shard was worked on"
[ "$(q "SELECT count(*) FROM items WHERE flag IS NULL")" = 0 ] && pass || fail "the backfill missed rows"
[ "$(q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_flag_idx'::regclass")" = t ] && pass || fail "the CONCURRENTLY index"
[ "$(q "SELECT string_agg(DISTINCT applied_by, ',') FROM migrate.ledger")" = app ] && pass || fail "applied_by"
# The standby's lag is hidden from the role: the backfill cannot pause for it, and says so once.
[ "$(grep -c "cannot see the replication lag of 1 standby: role app lacks pg_read_all_stats" "$ERR")" = 1 ] && pass ||
  fail "no single warning about the standbys' lag: $STDERR"
run m status
expect_code 0 "status"
expect_stdout "2_flag"
run m history
expect_code 0 "history"
expect_stdout "2_flag"
run m rollback --steps 2
expect_code 0 "rollback"
[ "$(q "SELECT to_regclass('items_flag_idx') IS NULL")" = t ] && pass || fail "the rollback left the index"
run m apply --workers 2
expect_code 0 "apply again"

# 3. verify --database: without CREATEDB it cannot make its scratch database; with it, it works.
run m verify --no-window --database "dbname=shop user=app"
expect_code 3 "verify --database without CREATEDB"
expect_stderr "verify could not create its scratch database"
expect_stderr "permission denied to create database"
expect_stderr "the role needs CREATEDB there"
q "ALTER ROLE app CREATEDB"
run m verify --no-window --database "dbname=shop user=app"
expect_code 0 "verify --database with CREATEDB"
[ "$(q "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrate_verify_%'")" = 0 ] && pass || fail "verify left its scratch database"

# 4. A superuser's open transaction holds the table: the role sees its pid and user, not its query.
write migrations/shop/3_note.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN note text;
-- migrate:rollback
ALTER TABLE items DROP COLUMN IF EXISTS note;
'
hold() { # hold: a superuser session holding items in an open transaction; its pid in $holder
  psql -XAtq -d shop -c "BEGIN; LOCK TABLE items IN ACCESS SHARE MODE; SELECT pg_sleep(60)" >/dev/null 2>&1 &
  holder_psql=$!
  holder=""
  for _ in $(seq 100); do
    holder=$(q "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.datname = current_database()
                AND l.relation = 'items'::regclass AND l.granted AND a.query LIKE 'BEGIN; LOCK TABLE items%'")
    [ -n "$holder" ] && break
    sleep 0.05
  done
  [ -n "$holder" ] || fail "the blocker did not take its lock"
}
release() { q "SELECT pg_terminate_backend($holder)" >/dev/null; wait "$holder_psql" 2>/dev/null; }
hold
run m apply --lock-timeout 300ms --lock-retries 1
expect_code 4 "apply behind a superuser's lock"
expect_stderr "held by pid $holder (user postgres; its state and query are hidden from this role)"
[ "$(grep -c "cannot see other users' queries (role lacks pg_read_all_stats)" "$ERR")" = 1 ] && pass ||
  fail "not one warning that other users' queries are hidden: $STDERR"
expect_not "<insufficient privilege>" "$ERR"
expect_not "LOCK TABLE" "$ERR"
# SIGINT while it waits: exit 130, and nothing of it left on the server.
env PGUSER=app PGDATABASE=shop "$MIGRATE" apply --lock-timeout 10s --lock-retries 0 >/dev/null 2>"$SCRATCH/int.err" &
waiter=$!
for _ in $(seq 100); do
  [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'app' AND wait_event_type = 'Lock'")" = 1 ] && break
  sleep 0.05
done
kill -INT "$waiter"
wait "$waiter"
code=$?
[ "$code" = 130 ] && pass || fail "SIGINT during the lock wait: exit $code: $(cat "$SCRATCH/int.err")"
for _ in $(seq 100); do # its backend ends as the connection closes
  [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'app'")" = 0 ] && break
  sleep 0.05
done
[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'app'")" = 0 ] && pass ||
  fail "migrate left a session behind"
[ "$(q "SELECT pid FROM pg_stat_activity WHERE pid = $holder")" = "$holder" ] && pass || fail "the holder's session is gone"
release

# 5. The run lock held by another role: its holder is named with what the role may see.
# The run lock's key: FNV-1a (64 bits) of "migrate-ledger\n<schema>\n<purpose>" (src/ledger/run_lock.cpp).
fnv() {
  local s="$1" h=$((0xcbf29ce484222325)) i c
  for ((i = 0; i < ${#s}; i++)); do
    printf -v c '%d' "'${s:i:1}"
    [ "${s:i:1}" = $'\n' ] && c=10
    h=$(((h ^ c) * 0x100000001b3))
  done
  printf '%s' "$h"
}
key=$(fnv $'migrate-ledger\nmigrate\nrun')
psql -XAtq -d shop -c "SELECT pg_advisory_lock($key); SELECT pg_sleep(60)" >/dev/null 2>&1 &
holder_psql=$!
holder=""
for _ in $(seq 100); do
  holder=$(q "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = 'shop')
              AND classid = (($key::bigint >> 32) & 4294967295)::oid AND objid = ($key::bigint & 4294967295)::oid")
  [ -n "$holder" ] && break
  sleep 0.05
done
run m apply --lock-wait 300ms
expect_code 5 "apply while a superuser's session holds the run lock"
expect_stderr "holds the ledger lock of schema migrate: pid $holder (user postgres, application psql; where from, since when and its state are hidden from this role)"
expect_not "local socket" "$ERR"
release

# 6. With pg_read_all_stats the holder's query is named, and no warning says otherwise.
q "GRANT pg_read_all_stats TO app"
hold
run m apply --lock-timeout 300ms --lock-retries 0
expect_code 4 "apply behind a superuser's lock, with pg_read_all_stats"
expect_stderr "held by pid $holder (user postgres, active, in its transaction for"
expect_stderr "BEGIN; LOCK TABLE items IN ACCESS SHARE MODE; SELECT pg_sleep(60)"
expect_not "cannot see other users' queries" "$ERR"
release
run m rollback --steps 1
expect_code 0
run m apply --workers 2
expect_code 0 "apply with pg_read_all_stats"
expect_not "cannot see the replication lag" "$ERR"

# 7. What migrate sent, as the server logged it (a statement's later lines carry no prefix: they go
# with the line before): no signal to another backend, no server configuration, nothing only a
# superuser may read or set, and no permission error but the two the scenario provoked.
awk '/^[^|]*\|[^|]*\|[^|]*\|/ { ours = /^migrate\|app\|/ } ours' "$SCRATCH/lp/log" >"$SCRATCH/sent.log"
[ "$(grep -c "statement: " "$SCRATCH/sent.log")" -gt 100 ] && pass || fail "the server logged few statements of migrate's"
grep -iE "pg_terminate_backend|pg_cancel_backend|pg_signal_backend|ALTER SYSTEM|pg_reload_conf|pg_stat_reset|pg_authid|pg_shadow|SET (SESSION )?ROLE|SESSION AUTHORIZATION|session_replication_role|pg_read_file|pg_ls_dir|lo_import|PROGRAM" \
  "$SCRATCH/sent.log" >"$SCRATCH/forbidden"
[ -s "$SCRATCH/forbidden" ] && fail "migrate sent: $(head -5 "$SCRATCH/forbidden")" || pass
grep -E "permission denied|must be superuser|must be owner|must be a member" "$SCRATCH/sent.log" |
  grep -vE "permission denied (for database shop|to create database)" >"$SCRATCH/denied"
[ -s "$SCRATCH/denied" ] && fail "migrate ran what the role may not: $(head -5 "$SCRATCH/denied")" || pass
finish
