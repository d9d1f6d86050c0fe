# Backfills against a real database, with a statement that is deliberately not idempotent
# (v2 = coalesce(v2, 0) + v), so a batch applied twice or skipped shows: SIGKILL at random moments
# and resume; the server killing the worker's backend mid-batch; 4 workers in 2 processes; pause,
# resume and cancel; the contract gate; the plan check; the throttle on a waiting session. Needs the
# PG* server of scripts/test.
source "$(dirname "$0")/lib.sh"
own_database backfill

rows=60000
psql -Xq -c "CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, v2 int, v3 int, other int, unindexed bigint);
  INSERT INTO items SELECT g, g % 1000, NULL, NULL, NULL, g FROM generate_series(1, $rows) g; ANALYZE items;"
write migrations/shop/200_fill.sql '-- migrate:migrate
-- migrate:backfill table=items key=id batch=300
UPDATE items SET v2 = coalesce(v2, 0) + v + (SELECT 0 FROM pg_sleep(0.05)) WHERE id > $1 AND id <= $2;
-- migrate:rollback

-- migrate:contract
ALTER TABLE items DROP COLUMN v3;
-- migrate:rollback
ALTER TABLE items ADD COLUMN v3 int;
'
exactly_once() { # exactly_once WHAT: every row processed once
  local wrong; wrong=$(psql -XAtc "SELECT count(*) FROM items WHERE v2 IS DISTINCT FROM v")
  [ "$wrong" = 0 ] && pass || fail "$1: $wrong rows not processed exactly once"
}
reset() { # the migrate phase rolled back, its checkpoints gone, v2 empty again
  run "$MIGRATE" rollback --phase migrate
  [ "$CODE" = 0 ] || fail "reset: rollback exit $CODE: $STDOUT $STDERR"
  run "$MIGRATE" repair
  psql -Xq -c "UPDATE items SET v2 = NULL"
  [ "$(psql -XAtc "SELECT count(*) FROM migrate.backfill_shard")" = 0 ] || fail "reset: checkpoints left: $(psql -XAtc "SELECT * FROM migrate.ledger WHERE version = '200'")"
}
# wait_rows: until a batch of the backfill in the background has been checkpointed (or 20s pass).
wait_rows() {
  for _ in $(seq 200); do
    [ "$(psql -XAtc "SELECT coalesce(sum(rows_done), 0) FROM migrate.backfill_shard")" -gt 0 ] && return
    sleep 0.1
  done
}

# 1. SIGKILL at random moments, several times, then resume to the end.
for i in 1 2 3 4; do
  "$MIGRATE" apply --phase migrate --workers 2 >/dev/null 2>"$SCRATCH/kill.err" &
  pid=$!
  sleep "0.$((RANDOM % 8 + 3))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
done
done_before=$(psql -XAtc "SELECT coalesce(sum(rows_done), 0) FROM migrate.backfill_shard")
[ "$done_before" -gt 0 ] && [ "$done_before" -lt $rows ] && pass || fail "the kills did not land mid-backfill ($done_before rows done)"
run "$MIGRATE" status
expect_stdout "200_fill migrate: interrupted"
expect_stdout "backfill items (200): interrupted"  # one state with its step
run "$MIGRATE" apply --phase migrate --workers 2
expect_code 0
expect_stdout "applied  shop 200_fill migrate  1 statement, $rows rows backfilled"
exactly_once "after SIGKILL x4"

# SIGINT: the workers finish the batch in flight, save it, and the run exits 130; the next run resumes.
reset
"$MIGRATE" apply --phase migrate --workers 2 >/dev/null 2>"$SCRATCH/int.err" &
pid=$!
wait_rows
kill -INT $pid
wait $pid; code=$?
[ "$code" = 130 ] && pass || fail "SIGINT during a backfill: exit $code: $(cat "$SCRATCH/int.err")"
saved=$(psql -XAtc "SELECT coalesce(sum(rows_done), 0) FROM migrate.backfill_shard")
[ "$(psql -XAtc "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" = "$saved" ] && pass || fail "SIGINT: rows done differ from the checkpoints"
run "$MIGRATE" apply --phase migrate --workers 2
expect_code 0
exactly_once "after SIGINT"

# The contract waited for the backfill; now it goes.
run "$MIGRATE" apply --phase contract
expect_code 0
run "$MIGRATE" rollback --phase contract
expect_code 0
reset

# 2. The server kills the worker's backend mid-batch: exit 3, nothing doubled; the rerun finishes.
"$MIGRATE" apply --phase migrate >"$SCRATCH/term.out" 2>"$SCRATCH/term.err" &
pid=$!
sleep 1
for _ in $(seq 50); do # a batch is running most of the time; catch one
  killed=$(psql -XAtq -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'migrate' AND state = 'active' AND query LIKE 'UPDATE items%'")
  [ "$killed" != 0 ] && break
  sleep 0.1
done
[ "$killed" = 1 ] && pass || fail "no backend mid-batch to terminate ($killed)"
wait $pid; code=$?
[ "$code" = 3 ] && pass || fail "terminated backend: exit $code: $(cat "$SCRATCH/term.err")"
run "$MIGRATE" apply --phase migrate
expect_code 0
exactly_once "after pg_terminate_backend"
reset

# 3. Four workers in two processes, started together: both end well, every row once.
applied_before=$(psql -XAtc "SELECT count(*) FROM migrate.events WHERE version = '200' AND phase = 'migrate' AND action = 'applied'")
"$MIGRATE" apply --phase migrate --workers 2 >"$SCRATCH/p1.out" 2>"$SCRATCH/p1.err" &
p1=$!
"$MIGRATE" apply --phase migrate --workers 2 >"$SCRATCH/p2.out" 2>"$SCRATCH/p2.err" &
p2=$!
wait $p1; c1=$?
wait $p2; c2=$?
[ "$c1" = 0 ] && [ "$c2" = 0 ] && pass || fail "two processes: exits $c1 $c2: $(cat "$SCRATCH/p1.err" "$SCRATCH/p2.err")"
# (grep reads the files itself: `cat | grep -q` fails under pipefail when grep stops before cat is done.)
grep -q "applied  shop 200_fill migrate" "$SCRATCH/p1.out" "$SCRATCH/p2.out" && pass || fail "neither process applied the step: $(cat "$SCRATCH/p1.out" "$SCRATCH/p1.err" "$SCRATCH/p2.out" "$SCRATCH/p2.err")"
[ "$(psql -XAtc "SELECT count(*) FROM migrate.events WHERE version = '200' AND phase = 'migrate' AND action = 'applied'")" = $((applied_before + 1)) ] &&
  pass || fail "events: $(psql -XAtc "SELECT action FROM migrate.events WHERE version = '200'")"
# They met: one waited for the other's run lock, or both worked on the backfill (the run lock is let go
# during the batches, so the second may join without waiting, which the machine's load decides).
if grep -q "waiting for another migrate run" "$SCRATCH/p1.err" "$SCRATCH/p2.err" ||
   { grep -q "batches here" "$SCRATCH/p1.err" && grep -q "batches here" "$SCRATCH/p2.err"; }; then pass
else fail "the processes did not meet: $(cat "$SCRATCH/p1.err" "$SCRATCH/p2.err")"; fi
exactly_once "4 workers in 2 processes"
reset

# 4. Pause, the contract gate meanwhile, resume; cancel and start afresh.
"$MIGRATE" apply --phase migrate >"$SCRATCH/pause.out" 2>"$SCRATCH/pause.err" &
pid=$!
sleep 1
run "$MIGRATE" backfill pause 200
expect_code 0
expect_stdout "paused 1 backfill of shop 200"
wait $pid; code=$?
[ "$code" = 5 ] && pass || fail "paused run: exit $code: $(cat "$SCRATCH/pause.err")"
grep -q "backfill of items is paused" "$SCRATCH/pause.err" && pass || fail "no pause message: $(cat "$SCRATCH/pause.err")"
run "$MIGRATE" apply --phase migrate
expect_code 5
expect_stderr "backfill resume 200"
run "$MIGRATE" apply --phase contract
expect_code 5
expect_stderr "200_fill contract needs 200_fill migrate first"
run "$MIGRATE" status --format json
python3 - "$OUT" <<'PY' && pass || fail "status shows the paused backfill"
import json, sys
b = json.load(open(sys.argv[1]))["apps"][0]["backfills"][0]
assert b["status"] == "paused" and 0 < b["rows_done"] < b["rows_estimate"], b
PY
# On a terminal, status shows each migration's phases at a glance, the paused backfill with its percent.
LANG=C.UTF-8 script -qec "$MIGRATE status" /dev/null >"$SCRATCH/glance.out" 2>&1
grep -E "200_fill .*✘ (failed|interrupted) [0-9]+% paused +↺ rolled back" "$SCRATCH/glance.out" >/dev/null && pass ||
  fail "status on a terminal: $(cat "$SCRATCH/glance.out")"
LANG=C script -qec "$MIGRATE status" /dev/null >"$SCRATCH/glance.out" 2>&1
grep -E "200_fill .*x (failed|interrupted) [0-9]+% paused +< rolled back" "$SCRATCH/glance.out" >/dev/null && pass ||
  fail "status on an ASCII terminal: $(cat "$SCRATCH/glance.out")"
run "$MIGRATE" backfill pause 200
expect_code 5
run "$MIGRATE" backfill resume 200
expect_code 0
run "$MIGRATE" apply --phase migrate
expect_code 0
exactly_once "pause and resume"

write migrations/shop/300_copy.sql '-- migrate:migrate
-- migrate:backfill table=items key=id batch=400 sleep=40ms
UPDATE items SET v3 = v WHERE id > $1 AND id <= $2;
-- migrate:rollback
'
"$MIGRATE" apply --phase migrate --to 300 >"$SCRATCH/cancel.out" 2>"$SCRATCH/cancel.err" &
pid=$!
sleep 1
run "$MIGRATE" backfill cancel 300
expect_code 0
wait $pid; code=$?
[ "$code" = 5 ] && pass || fail "cancelled run: exit $code: $(cat "$SCRATCH/cancel.err")"
grep -q "migrate rollback --phase migrate" "$SCRATCH/cancel.err" && pass || fail "the cancelled run does not say what next: $(cat "$SCRATCH/cancel.err")"
# Cleared, the step would run the backfill again over the rows it changed: only with --force.
run "$MIGRATE" repair
expect_code 5
expect_stderr "its cancelled backfill had changed"
run "$MIGRATE" repair --force
expect_stdout "clear  shop 300_copy migrate (failed)"
run "$MIGRATE" apply --phase migrate
expect_code 0
expect_stdout "300_copy migrate  1 statement, $rows rows backfilled"
"$MIGRATE" rollback --phase migrate >/dev/null 2>&1
rm migrations/shop/300_copy.sql

# 5. A key without a unique index could split rows with the same key between batches: refused before
# anything runs (exit 2). The plan check: a key whose only unique index is in another collation would
# scan the table for every batch (exit 5).
write migrations/shop/400_scan.sql '-- migrate:migrate
-- migrate:backfill table=items key=unindexed batch=1000
UPDATE items SET other = 1 WHERE unindexed > $1 AND unindexed <= $2;
-- migrate:rollback
'
run "$MIGRATE" apply --phase migrate --to 400
expect_code 2
expect_stderr "400_scan.sql:2:1: backfill: key unindexed of items is not unique"
psql -Xq -c "ALTER TABLE items ADD COLUMN code text; UPDATE items SET code = 'c' || id; CREATE UNIQUE INDEX items_code_c ON items (code COLLATE \"C\")"
write migrations/shop/400_scan.sql '-- migrate:migrate
-- migrate:backfill table=items key=code batch=1000
UPDATE items SET other = 1 WHERE code > $1 AND code <= $2;
-- migrate:rollback
'
run "$MIGRATE" apply --phase migrate --to 400
expect_code 5
expect_stderr "backfill refused: each batch would read the whole of items (Seq Scan)"
[ "$(psql -XAtc "SELECT count(*) FROM items WHERE other IS NOT NULL")" = 0 ] && pass || fail "the refused backfill ran"
rm migrations/shop/400_scan.sql
psql -Xq -c "ALTER TABLE items DROP COLUMN code"
"$MIGRATE" repair >/dev/null 2>&1

# 6. The throttle: a session waiting for a row a batch holds makes the backfill pause and shrink.
write migrations/shop/500_slow.sql '-- migrate:migrate
-- migrate:backfill table=items key=id batch=1000
UPDATE items SET v3 = v + CASE WHEN id = 1000 THEN (SELECT 0 FROM pg_sleep(2)) ELSE 0 END WHERE id > $1 AND id <= $2;
-- migrate:rollback
'
# In key order on disk, so the batch has locked row 500 before it sleeps at row 1000 whatever plan
# it gets; the session comes once the batch is under way.
psql -Xq -c "CLUSTER items USING items_pkey; ANALYZE items"
"$MIGRATE" apply --phase migrate --to 500 >"$SCRATCH/slow.out" 2>"$SCRATCH/slow.err" &
pid=$!
for _ in $(seq 100); do
  [ "$(psql -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'UPDATE items SET v3%'")" != 0 ] && break
  sleep 0.1
done
sleep 0.5
psql -Xq -c "UPDATE items SET other = 1 WHERE id = 500" # waits for the first batch
wait $pid; code=$?
[ "$code" = 0 ] && pass || fail "slow backfill: exit $code: $(cat "$SCRATCH/slow.err")"
grep -q "session(s) waited for rows a batch held; pausing 1s" "$SCRATCH/slow.err" && pass || fail "no throttle: $(cat "$SCRATCH/slow.err")"
finish
