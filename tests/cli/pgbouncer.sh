# Through a real PgBouncer (Debian's), started by the test in front of a server of its own.
# Transaction and statement pooling hand the server connection to other clients between
# transactions, so the run lock, lock_timeout and CREATE INDEX CONCURRENTLY would silently not hold:
# every command that changes the database refuses (exit 3) before it writes anything, naming the
# pooler and [database] migration_url; read-only commands work through it. Session pooling works
# fully: CONCURRENTLY, a backfill with workers, two runners at once, a runner killed with -9.
source "$(dirname "$0")/lib.sh"
command -v pgbouncer >/dev/null || { fail "pgbouncer is not installed (scripts/setup.sh installs it)"; finish; }

port=$(free_port 0)
server_init server
server_start server "$port" -c max_connections=60
export PGHOST="$SCRATCH/server" PGPORT="$port" PGUSER=postgres PGDATABASE=shop
unset PGPASSWORD DATABASE_URL MIGRATE_DATABASE_URL MIGRATE_MIGRATION_URL
createdb shop || { fail "createdb"; finish; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# bouncer NAME PORT MODE [SETTING...]: a PgBouncer (as the postgres user: it refuses root) on
# 127.0.0.1:PORT in front of the server, trust for the postgres user; stopped at exit.
bouncer() {
  local name="$1" bport="$2" mode="$3" dir; shift 3
  dir="$(pg_dir "$name")"
  printf '"postgres" ""\n' >"$dir/users.txt"
  {
    printf '[databases]\n* = host=%s port=%s\n[pgbouncer]\n' "$SCRATCH/server" "$port"
    printf 'listen_addr = 127.0.0.1\nlisten_port = %s\nunix_socket_dir = %s\n' "$bport" "$dir"
    printf 'auth_type = trust\nauth_file = %s/users.txt\npool_mode = %s\n' "$dir" "$mode"
    printf 'logfile = %s/log\npidfile = %s/pid\n' "$dir" "$dir"
    printf '%s\n' "$@"
  } >"$dir/ini"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"/*
  as_pg pgbouncer -d "$dir/ini" || { fail "pgbouncer $name did not start: $(tail "$dir/log")"; finish; }
  at_exit "kill \$(cat '$dir/pid' 2>/dev/null) 2>/dev/null"
  for _ in $(seq 100); do
    psql "postgresql://postgres@127.0.0.1:$bport/shop" -XAtqc "SELECT 1" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  fail "pgbouncer $name does not answer: $(tail "$dir/log")"; finish
}
tx_port=$(free_port 1); session_port=$(free_port 2); stmt_port=$(free_port 3); rr_port=$(free_port 4)
bouncer tx "$tx_port" transaction
bouncer session "$session_port" session
bouncer statement "$stmt_port" statement
bouncer roundrobin "$rr_port" transaction "server_round_robin = 1" "min_pool_size = 4"
TX="postgresql://postgres@127.0.0.1:$tx_port/shop"
SESSION="postgresql://postgres@127.0.0.1:$session_port/shop"
DIRECT="postgresql://postgres@/shop?host=$SCRATCH/server&port=$port"

write migrations/app/1_orders.sql '-- migrate:expand
CREATE TABLE orders (id bigint PRIMARY KEY, total integer NOT NULL, n integer NOT NULL DEFAULT 0);
INSERT INTO orders (id, total) SELECT g, g % 100 FROM generate_series(1, 20000) g;
-- migrate:rollback
DROP TABLE orders;
'
write migrations/app/2_orders_total.sql '-- migrate:expand
-- migrate:no-transaction
CREATE INDEX CONCURRENTLY orders_total ON orders (total);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS orders_total;

-- migrate:migrate
-- migrate:backfill table=orders key=id batch=250
UPDATE orders SET n = n + 1 WHERE id > $1 AND id <= $2 AND (SELECT pg_sleep(0.01)) IS NOT NULL;
-- migrate:rollback
-- migrate:allow unbatched-dml reason="20,000 rows of a test table"
UPDATE orders SET n = 0;
'

# 1. Transaction pooling: what changes the database is refused, exit 3, before anything is written.
no_ledger() { [ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname = 'migrate'")" = 0 ] && pass || fail "$1 wrote a ledger"; }
for cmd in "apply" "apply --phase all" "rollback --to 0" "repair" "baseline 1"; do
  # shellcheck disable=SC2086 # the command's words
  run "$MIGRATE" --database "$TX" $cmd
  expect_code 3 "$cmd through transaction pooling"
  expect_stderr "goes through a connection pooler that does not keep a session's server connection"
  expect_stderr "[database] migration_url"
  no_ledger "$cmd"
done
[ "$(q "SELECT count(*) FROM pg_class WHERE relname = 'orders'")" = 0 ] && pass || fail "apply created orders through the pooler"
# Statement pooling, and transaction pooling that hands out its servers round robin from a warm pool.
for url in "postgresql://postgres@127.0.0.1:$stmt_port/shop" "postgresql://postgres@127.0.0.1:$rr_port/shop"; do
  for _ in 1 2 3; do
    run "$MIGRATE" --database "$url" apply
    expect_code 3 "apply through $url"
  done
done
# A busy pool: other clients run short transactions through it all the while.
busy() { for _ in $(seq 400); do echo "SELECT pg_sleep(0.002);"; done | psql "$TX" -Xq >/dev/null 2>&1; }
busy & b1=$!; busy & b2=$!
for _ in $(seq 10); do
  run "$MIGRATE" --database "$TX" apply
  expect_code 3 "apply through a busy transaction pool"
done
kill "$b1" "$b2" 2>/dev/null; wait "$b1" "$b2" 2>/dev/null
no_ledger "apply through a busy pool"
# No session lock was left on a server connection the pooler keeps (it would block every later run).
[ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" = 0 ] && pass || fail "advisory locks left: $(q "TABLE pg_locks")"

# Read-only commands work through it.
for cmd in status history plan lint; do
  # shellcheck disable=SC2086
  run "$MIGRATE" --database "$TX" $cmd
  expect_code 0 "$cmd through transaction pooling"
done

# 2. url through the transaction pooler, migration_url to the server: apply uses the latter.
write migrate.toml "[database]
url = \"$TX\"
migration_url = \"$DIRECT\"
"
run "$MIGRATE" apply --phase expand
expect_code 0 "apply with migration_url"
expect_stdout "applied  app 2_orders_total expand"
run "$MIGRATE" status
expect_code 0 "status through the pooler"
expect_stdout "2_orders_total"
# --database names the database for this run, over migration_url.
run "$MIGRATE" --database "$TX" apply
expect_code 3 "--database through the pooler, over migration_url"
# The environment's migration_url, and a message about it when it is the pooler.
run env MIGRATE_MIGRATION_URL="$TX" "$MIGRATE" apply
expect_code 3 "MIGRATE_MIGRATION_URL through the pooler"
expect_stderr "[database] migration_url must point at the PostgreSQL server itself"
run env MIGRATE_MIGRATION_URL="$SESSION" "$MIGRATE" rollback --to 0
expect_code 0 "rollback with MIGRATE_MIGRATION_URL in session mode"
[ "$(q "SELECT count(*) FROM migrate.ledger WHERE status = 'applied'")" = 0 ] && pass || fail "rollback left: $(q "TABLE migrate.ledger")"
rm migrate.toml

# 3. Session pooling: everything, two runners at once (each with two backfill workers). Each step is
# applied once, the index is valid, every row is backfilled exactly once.
applied_before=$(q "SELECT count(*) FROM migrate.events WHERE action = 'applied'")
"$MIGRATE" --database "$SESSION" apply --workers 2 --lock-wait 120s >"$SCRATCH/a.out" 2>"$SCRATCH/a.err" & a=$!
"$MIGRATE" --database "$SESSION" apply --workers 2 --lock-wait 120s >"$SCRATCH/b.out" 2>"$SCRATCH/b.err" & b=$!
wait "$a" && pass || fail "runner a: $(cat "$SCRATCH/a.err")"
wait "$b" && pass || fail "runner b: $(cat "$SCRATCH/b.err")"
[ "$(q "SELECT count(*) FROM migrate.events WHERE action = 'applied'")" = $((applied_before + 3)) ] && pass ||
  fail "applied events: $(q "SELECT version, phase, action FROM migrate.events ORDER BY id")"
[ "$(q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_total'::regclass")" = t ] && pass || fail "the index is not valid"
[ "$(q "SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM orders")" = "20000/20000" ] && pass ||
  fail "rows backfilled: $(q "SELECT n, count(*) FROM orders GROUP BY n")"

# kill -9 in the middle of a backfill through the pooler: the pooler ends the dead client's session
# (its locks with it), and the next run finishes the backfill, every row still exactly once.
run "$MIGRATE" --database "$SESSION" rollback --phase migrate
expect_code 0 "rollback of the backfill"
"$MIGRATE" --database "$SESSION" apply --workers 2 >/dev/null 2>&1 & victim=$!
for _ in $(seq 200); do
  [ "$(q "SELECT coalesce(sum(rows_done), 0) > 0 FROM migrate.backfill_shard" 2>/dev/null)" = t ] && break
  sleep 0.05
done
kill -9 "$victim" && pass || fail "the run ended before it could be killed"
wait "$victim" 2>/dev/null
run "$MIGRATE" --database "$SESSION" apply --lock-wait 30s
expect_code 0 "apply after kill -9 through the pooler"
[ "$(q "SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM orders")" = "20000/20000" ] && pass ||
  fail "rows after kill -9: $(q "SELECT n, count(*) FROM orders GROUP BY n")"
finish
