# Faults on the server's side: the tool's backend terminated (pg_terminate_backend) in the middle of a
# section and in the middle of a backfill batch; the server restarted (fast shutdown, then start)
# in the middle of a backfill. Each time the run exits 3 saying the connection was lost, nothing of
# a transactional section is left, and the next `apply` finishes with every backfill row processed
# exactly once. On a server of the test's own (it restarts it), started from PostgreSQL's binaries.
source "$(dirname "$0")/lib.sh"

port=$(free_port 0)
server_init server
server_start server "$port"
server="$SCRATCH/server"
export PGHOST="$server" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
unset PGPASSWORD DATABASE_URL MIGRATE_DATABASE_URL
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# A backfill slow enough to be caught mid-way: 100 batches of 1,000 rows, each at least 20 ms.
write migrations/app/1_items.sql '-- migrate:expand
CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
INSERT INTO items (id) SELECT g FROM generate_series(1, 100000) g;
-- migrate:rollback
DROP TABLE items;

-- migrate:migrate
-- migrate:backfill table=items key=id batch=1000
UPDATE items SET n = n + 1 WHERE id > $1 AND id <= $2 AND (SELECT pg_sleep(0.02)) IS NOT NULL;
-- migrate:rollback
UPDATE items SET n = 0;
'
backfill_started() { # waits until some batches are committed
  for _ in $(seq 200); do
    done_rows=$(q "SELECT coalesce(sum(rows_done), 0) FROM migrate.backfill_shard" 2>/dev/null || echo 0)
    [ "${done_rows:-0}" -gt 0 ] && return 0
    sleep 0.05
  done
  return 1
}
terminate_migrate() { # ends the tool's backend, as an operator's pg_terminate_backend would
  q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'migrate' AND pid <> pg_backend_pid()" >/dev/null
}
expect_lost() { # expect_lost PID NAME: that run exits 3 saying the connection was lost
  local code=0
  wait "$1" || code=$?
  [ "$code" = 3 ] && pass || fail "$2: exit $code: $(cat "$SCRATCH/$2.err")"
  grep -qiE "connection to the database was lost|terminating connection" "$SCRATCH/$2.err" && pass ||
    fail "$2: no clear message: $(cat "$SCRATCH/$2.err")"
}
exactly_once() {
  [ "$(q "SELECT count(*) FROM items WHERE n <> 1")" = 0 ] && pass ||
    fail "$1: rows not processed exactly once: $(q "SELECT n, count(*) FROM items GROUP BY n")"
}

# 1. The server restarts (fast shutdown) in the middle of the backfill.
"$MIGRATE" apply --phase all >"$SCRATCH/restart.out" 2>"$SCRATCH/restart.err" &
m=$!
backfill_started && pass || fail "the backfill did not start: $(cat "$SCRATCH/restart.err")"
server_stop server fast && server_start server "$port" && pass || fail "the server did not restart"
expect_lost $m restart
[ "$(q "SELECT count(*) FROM items WHERE n > 1")" = 0 ] && pass || fail "a batch was applied twice before the restart"
run "$MIGRATE" apply --phase all
expect_code 0 "apply after the restart: $STDERR"
expect_stdout "applied  app 1_items migrate"
exactly_once "after a restart"
[ "$(q "SELECT sum(rows_done) FROM migrate.backfill_shard")" = 100000 ] && pass || fail "the checkpoints count $(q "SELECT sum(rows_done) FROM migrate.backfill_shard") rows"

# 2. The tool's backend terminated in the middle of a batch.
run "$MIGRATE" rollback --steps 1
expect_code 0
q "UPDATE items SET n = 0"
"$MIGRATE" apply --phase all >"$SCRATCH/kill.out" 2>"$SCRATCH/kill.err" &
m=$!
backfill_started && pass || fail "the backfill did not start again"
terminate_migrate
expect_lost $m kill
run "$MIGRATE" apply --phase all
expect_code 0 "apply after the termination: $STDERR"
exactly_once "after the backend was terminated"

# 3. The tool's backend terminated in the middle of a transactional section: none of it is left.
write migrations/app/2_section.sql '-- migrate:expand
CREATE TABLE made_first (id int);
SELECT pg_sleep(3);
CREATE TABLE made_last (id int);
-- migrate:rollback
DROP TABLE made_last;
DROP TABLE made_first;
'
"$MIGRATE" apply --phase all >"$SCRATCH/section.out" 2>"$SCRATCH/section.err" &
m=$!
for _ in $(seq 100); do
  [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'migrate' AND query LIKE 'SELECT pg_sleep(3)%'")" = 1 ] && break
  sleep 0.05
done
terminate_migrate
wait $m; code=$?
[ "$code" = 3 ] && pass || fail "backend terminated mid-section: exit $code: $(cat "$SCRATCH/section.err")"
[ "$(q "SELECT count(*) FROM pg_class WHERE relname IN ('made_first', 'made_last')")" = 0 ] && pass || fail "the section was half applied"
run "$MIGRATE" apply --phase all
expect_code 0 "apply after the section was cut off: $STDERR"
[ "$(q "SELECT count(*) FROM pg_class WHERE relname IN ('made_first', 'made_last')")" = 2 ] && pass || fail "the section is not applied"
run "$MIGRATE" status --exit-code
expect_code 0
finish
