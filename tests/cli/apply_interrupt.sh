# SIGINT and SIGTERM during apply: the running statement is cancelled and rolled back, the step is
# recorded as failed (interrupted), the exit status is 130 and nothing of a transactional section is
# left; a statement-by-statement section continues after its last statement done. Needs the PG* server.
source "$(dirname "$0")/lib.sh"

own_database interrupt

# Interrupted at a moment the test controls: a statement that waits for a table lock the test holds
# (the lock timeout is long, so the interruption comes first).
psql -Xq -c "CREATE TABLE gate (id int)"
write migrations/app/1_tx.sql '-- migrate:expand
CREATE TABLE made_first (id int);
ALTER TABLE gate ADD COLUMN x int;
-- migrate:rollback
ALTER TABLE gate DROP COLUMN x;
DROP TABLE made_first;
'
for sig in INT TERM; do
  psql -Xq -c "BEGIN; LOCK gate IN ACCESS SHARE MODE; SELECT pg_sleep(4); COMMIT" >/dev/null &
  blocker=$!
  sleep 0.5
  start=$(date +%s%N)
  "$MIGRATE" apply --phase all --lock-timeout 30s >"$SCRATCH/out" 2>"$SCRATCH/err" &
  pid=$!
  sleep 1
  kill -$sig $pid
  wait $pid; code=$?
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$code" = 130 ] && pass || fail "SIG$sig: exit $code: $(cat "$SCRATCH/err")"
  [ "$took" -lt 3500 ] && pass || fail "SIG$sig: took ${took} ms to stop"
  [ "$(psql -XAtc "SELECT to_regclass('made_first') IS NULL")" = t ] && pass || fail "SIG$sig: half a section left"
  [ "$(psql -XAtc "SELECT status || ' ' || error FROM migrate.ledger WHERE version = '1'")" = "failed interrupted by a signal; the running statement was rolled back" ] &&
    pass || fail "SIG$sig: ledger: $(psql -XAtc "SELECT status, error FROM migrate.ledger")"
  wait $blocker
done
run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "applied  app 1_tx expand  2 statements"

# A statement-by-statement section interrupted after its first statement continues after it. The
# interruption comes while CREATE INDEX CONCURRENTLY waits for the older transaction that holds the
# table, which leaves an INVALID index: the rerun drops it and builds it again.
write migrations/app/2_each.sql '-- migrate:expand
CREATE TABLE e1 (id int);
CREATE INDEX CONCURRENTLY e1_idx ON e1 (id);
ALTER TABLE gate ADD COLUMN y int;
CREATE TABLE e2 (id int);
-- migrate:rollback
DROP TABLE e2;
ALTER TABLE gate DROP COLUMN y;
DROP TABLE e1;
'
psql -Xq -c "BEGIN; LOCK gate IN ACCESS SHARE MODE; SELECT pg_sleep(3); COMMIT" >/dev/null &
blocker=$!
sleep 0.5
"$MIGRATE" apply --phase all --lock-timeout 30s >"$SCRATCH/out" 2>"$SCRATCH/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid; code=$?
[ "$code" = 130 ] && pass || fail "each: exit $code: $(cat "$SCRATCH/err")"
[ "$(psql -XAtc "SELECT statements_done FROM migrate.ledger WHERE version = '2'")" = 1 ] && pass ||
  fail "each: statements done: $(psql -XAtc "SELECT * FROM migrate.ledger WHERE version = '2'")"
wait $blocker
run "$MIGRATE" status
expect_stdout "2_each expand: failed"
run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "applied  app 2_each expand  3 statements (1 done before)"
expect_stderr 'dropping the INVALID index "e1_idx"'
[ "$(psql -XAtc "SELECT to_regclass('e2') IS NOT NULL AND (SELECT indisvalid FROM pg_index WHERE indexrelid = 'e1_idx'::regclass)")" = t ] &&
  pass || fail "each: not finished"
finish
