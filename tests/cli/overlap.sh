# What a hostile tester did to runs that overlap around backfills, one case at a time (tests/cli/race.sh
# does the same at random, many times): two applies around a backfill, a rollback racing a running
# backfill, kill -9 then rollback then apply, a partly applied no-transaction section, a ledger status
# edited by hand. Each step's effect exactly once; every backfilled row exactly once; no ledger row
# overwritten by a run that read it stale. Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database overlap
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
gate() { while [ ! -e "$SCRATCH/go" ]; do sleep 0.01; done; "$@"; }

seed() { # seed ROWS: items and a log, nothing of migrate
  psql -Xq -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS migrate CASCADE;
DROP TABLE IF EXISTS items, log, other;
CREATE TABLE log (x text);
CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, v2 int, legacy int);
INSERT INTO items SELECT g, g % 100 + 1, NULL, 0 FROM generate_series(1, $1) g;
ANALYZE items;
SQL
  rm -rf migrations
}
# A backfill that takes a while (10 ms a batch), not idempotent: a row done twice shows as 2v.
BACKFILL='-- migrate:backfill table=items key=id batch=200
UPDATE items SET v2 = coalesce(v2, 0) + v + (SELECT 0 FROM pg_sleep(0.01)) WHERE id > $1 AND id <= $2;'
exactly_once() {
  local wrong; wrong=$(q "SELECT count(*) FROM items WHERE v2 IS DISTINCT FROM v")
  [ "$wrong" = 0 ] && pass || fail "$1: $wrong rows not backfilled exactly once"
}

# 1. Two applies of one app; the backfill is followed by a step that is not idempotent (a log line)
# and by one that fails when run twice (DROP COLUMN). Before: the second runner ran both again, and
# overwrote the contract's `applied` with `failed`.
seed 20000
write migrations/app/1_fill.sql "-- migrate:migrate
$BACKFILL
-- migrate:rollback
UPDATE items SET v2 = NULL;

-- migrate:contract
INSERT INTO log VALUES ('1 contract');
ALTER TABLE items DROP COLUMN legacy;
-- migrate:rollback
ALTER TABLE items ADD COLUMN legacy int;
DELETE FROM log WHERE x = '1 contract';
"
write migrations/app/2_next.sql "-- migrate:expand
INSERT INTO log VALUES ('2 expand');
-- migrate:rollback
DELETE FROM log WHERE x = '2 expand';
"
rm -f "$SCRATCH/go"
for i in 1 2 3; do gate "$MIGRATE" apply --phase all --skip-lint --workers 2 >"$SCRATCH/a$i.out" 2>"$SCRATCH/a$i.err" & done
touch "$SCRATCH/go"
codes=""
for i in 1 2 3; do wait %$i; codes="$codes$?"; done
[ "$codes" = 000 ] && pass || fail "three applies: exit codes $codes: $(cat "$SCRATCH"/a*.err)"
[ "$(q "SELECT string_agg(x || '=' || n, ' ' ORDER BY x) FROM (SELECT x, count(*) n FROM log GROUP BY x) s")" = "1 contract=1 2 expand=1" ] && pass ||
  fail "steps after the backfill ran more than once: $(q "SELECT x, count(*) FROM log GROUP BY x")"
[ "$(q "SELECT string_agg(status, ',' ORDER BY version, phase) FROM migrate.ledger")" = "applied,applied,applied" ] && pass ||
  fail "ledger: $(q "SELECT version, phase, status, error FROM migrate.ledger")"
exactly_once "three applies"
grep -h "joined\|applied by another run" "$SCRATCH"/a*.out "$SCRATCH"/a*.err >/dev/null && pass || fail "no run said another did the work: $(cat "$SCRATCH"/a*.out)"
run "$MIGRATE" status --exit-code
expect_code 0

# 2. Two apps applied by two plain runs at once: no row left failed beside applied later phases.
seed 20000
psql -Xq -c "CREATE TABLE other (id int PRIMARY KEY, v int NOT NULL, v2 int); INSERT INTO other SELECT g, g, NULL FROM generate_series(1, 10000) g"
for a in a b; do
  t=$([ $a = a ] && echo items || echo other)
  write migrations/$a/1_fill.sql "-- migrate:expand
INSERT INTO log VALUES ('$a expand');
-- migrate:rollback
DELETE FROM log WHERE x = '$a expand';

-- migrate:migrate
-- migrate:backfill table=$t key=id batch=200
UPDATE $t SET v2 = coalesce(v2, 0) + v + (SELECT 0 FROM pg_sleep(0.01)) WHERE id > \$1 AND id <= \$2;
-- migrate:rollback
UPDATE $t SET v2 = NULL;

-- migrate:contract
INSERT INTO log VALUES ('$a contract');
-- migrate:rollback
DELETE FROM log WHERE x = '$a contract';
"
done
rm -f "$SCRATCH/go"
for i in 1 2; do gate "$MIGRATE" apply --phase all --skip-lint >"$SCRATCH/b$i.out" 2>"$SCRATCH/b$i.err" & done
touch "$SCRATCH/go"
codes=""
for i in 1 2; do wait %$i; codes="$codes$?"; done
[ "$codes" = 00 ] && pass || fail "two apps, two runs: exit codes $codes: $(cat "$SCRATCH"/b*.err)"
[ "$(q "SELECT count(*) FILTER (WHERE status = 'applied') || '/' || count(*) FROM migrate.ledger")" = 6/6 ] && pass ||
  fail "two apps, two runs: ledger $(q "SELECT app, version, phase, status FROM migrate.ledger")"
[ "$(q "SELECT count(*) FROM log")" = 4 ] && [ "$(q "SELECT count(DISTINCT x) FROM log")" = 4 ] && pass || fail "two apps: log $(q "TABLE log")"
exactly_once "two apps"
[ "$(q "SELECT count(*) FROM other WHERE v2 IS DISTINCT FROM v")" = 0 ] && pass || fail "two apps: other not backfilled exactly once"
rm -rf migrations/b

# 3. A rollback while an apply backfills: refused (exit 5), naming the process and `backfill
# cancel`; the column stays, and the apply finishes. Before: the rollback dropped the column under it.
COL_MIGRATION="-- migrate:expand
ALTER TABLE items ADD COLUMN v3 int;
-- migrate:rollback
ALTER TABLE items DROP COLUMN v3;

-- migrate:migrate
-- migrate:backfill table=items key=id batch=200
UPDATE items SET v3 = v, v2 = coalesce(v2, 0) + v + (SELECT 0 FROM pg_sleep(0.01)) WHERE id > \$1 AND id <= \$2;
-- migrate:rollback
UPDATE items SET v2 = NULL, v3 = NULL;
"
seed 30000
write migrations/app/1_col.sql "$COL_MIGRATION"
"$MIGRATE" apply --phase all --skip-lint >"$SCRATCH/bf.out" 2>"$SCRATCH/bf.err" &
bf=$!
for _ in $(seq 100); do [ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" -gt 0 ] && break; sleep 0.05; done
run "$MIGRATE" rollback --skip-lint --wait 20s --phase expand
expect_code 5
expect_stderr "1_col migrate is being backfilled by another process"
expect_stderr "migrate backfill cancel 1"
run "$MIGRATE" rollback --skip-lint --wait 20s --phase migrate
expect_code 5
[ "$(q "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'v3'")" = 1 ] && pass || fail "the column went"
wait $bf && pass || fail "the apply under the rollback: $(cat "$SCRATCH/bf.err")"
exactly_once "rollback racing a backfill"

# 4. kill -9 mid-backfill, then rollback, then apply: every row backfilled, once. Before: rolling the
# expand back kept the migrate phase's checkpoints, and apply resumed from them (rows never done,
# ledger applied, status --exit-code 0).
seed 30000
write migrations/app/1_col.sql "$COL_MIGRATION"
"$MIGRATE" apply --phase all --skip-lint --workers 2 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" -gt 2000 ] && break; sleep 0.05; done
kill -KILL $pid; wait $pid 2>/dev/null
done_before=$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")
[ "$done_before" -gt 0 ] && [ "$done_before" -lt 30000 ] && pass || fail "the kill did not land mid-backfill ($done_before)"
# The expand cannot go while its migrate phase is half done...
run "$MIGRATE" rollback --skip-lint --phase expand
expect_code 5
expect_stderr "1_col migrate is partially applied"
# ...which is what plain rollback takes first: the newest step that did anything.
run "$MIGRATE" rollback --skip-lint
expect_code 0
expect_stdout "rolled back  app 1_col migrate"
expect_stdout "(it was partially applied)"
[ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" = 0 ] && pass || fail "the partial backfill was not rolled back"
run "$MIGRATE" rollback --skip-lint
expect_code 0
expect_stdout "rolled back  app 1_col expand"
[ "$(q "SELECT count(*) FROM migrate.backfill")" = 0 ] && pass || fail "backfill checkpoints kept: $(q "TABLE migrate.backfill")"
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
exactly_once "kill -9, rollback, apply"
run "$MIGRATE" status --exit-code
expect_code 0

# The same after a repair: the checkpoints of an interrupted backfill survive a repair (so that apply
# resumes), but not a rollback of an earlier phase of the migration.
"$MIGRATE" rollback --skip-lint --steps 2 >/dev/null 2>&1
"$MIGRATE" apply --skip-lint --phase expand >/dev/null 2>&1
"$MIGRATE" apply --phase all --skip-lint --workers 2 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" -gt 2000 ] && break; sleep 0.05; done
kill -KILL $pid; wait $pid 2>/dev/null
run "$MIGRATE" repair
expect_code 0
expect_stdout "clear  app 1_col migrate (interrupted)"
q "UPDATE items SET v2 = NULL" # what a human might do after a look
run "$MIGRATE" rollback --skip-lint --phase expand
expect_code 0
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
exactly_once "kill -9, repair, rollback of the expand, apply"

# 5. A no-transaction section whose first CONCURRENTLY index was built and whose second failed: the
# ledger knows how far it got. Repair will not forget it without --force; rollback undoes it. Before:
# "Nothing to roll back", and repair emptied the ledger with the index still there.
seed 1000
write migrations/app/1_idx.sql "-- migrate:expand
CREATE INDEX CONCURRENTLY items_v_idx ON items (v);
CREATE INDEX CONCURRENTLY items_nope_idx ON items (nope);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS items_nope_idx;
DROP INDEX CONCURRENTLY IF EXISTS items_v_idx;
"
run "$MIGRATE" apply --phase all --skip-lint
expect_code 3
[ "$(q "SELECT statements_done FROM migrate.ledger WHERE version = '1'")" = 1 ] && pass || fail "progress: $(q "TABLE migrate.ledger")"
run "$MIGRATE" repair
expect_code 5
expect_stderr "1_idx expand is partially applied (statement 1 of 2 had committed: CREATE INDEX CONCURRENTLY items_v_idx ON items (v))"
expect_stderr "repair --force"
[ "$(q "SELECT count(*) FROM migrate.ledger")" = 1 ] && pass || fail "a refused repair changed the ledger"
run "$MIGRATE" rollback --skip-lint --dry-run
expect_stdout "would roll back  app 1_idx expand (partially applied)"
run "$MIGRATE" rollback --skip-lint
expect_code 0
expect_stdout "rolled back  app 1_idx expand"
[ "$(q "SELECT to_regclass('items_v_idx') IS NULL")" = t ] && pass || fail "the index built before the failure is still there"
run "$MIGRATE" rollback --skip-lint
expect_stdout "Nothing to roll back"
rm migrations/app/1_idx.sql

# A lock timeout after a statement that committed: it says so, and a rerun goes on after it. Before:
# "nothing of the step was applied".
write migrations/app/2_more.sql "-- migrate:expand
-- migrate:no-transaction
INSERT INTO log VALUES ('2 first');
ALTER TABLE items ADD COLUMN v5 int;
-- migrate:rollback
ALTER TABLE items DROP COLUMN IF EXISTS v5;
DELETE FROM log WHERE x = '2 first';
"
(psql -Xq -c "BEGIN; LOCK items IN ACCESS SHARE MODE; SELECT pg_sleep(4); COMMIT" >/dev/null 2>&1) &
holder=$!
sleep 0.5
run "$MIGRATE" apply --phase all --skip-lint --lock-timeout 100ms --lock-retries 1
expect_code 4
expect_stderr "statement 1 of this step had committed before it and stay"
expect_stderr "a rerun goes on from statement 2"
wait $holder
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
[ "$(q "SELECT count(*) FROM log WHERE x = '2 first'")" = 1 ] && pass || fail "the committed statement ran again"

# 6. A ledger status edited by hand to something migrate does not know: refused, not pending.
q "ALTER TABLE migrate.ledger DROP CONSTRAINT ledger_status_check; UPDATE migrate.ledger SET status = 'weird' WHERE version = '2'"
run "$MIGRATE" apply --phase all --skip-lint
expect_code 5
expect_stderr "the ledger row says \"weird\""
[ "$(q "SELECT count(*) FROM log WHERE x = '2 first'")" = 1 ] && pass || fail "the step ran again"
run "$MIGRATE" rollback --skip-lint
expect_code 5
run "$MIGRATE" repair --force
expect_code 0
expect_stdout "clear  app 2_more expand (status \"weird\""
# 7. (found by an outside attack) A run stopped by SIGTERM records its step failed while another
# process it shared the backfill with goes on: rollback and repair must still refuse. Before: the
# rollback ran (exit 0) under the live batches, and the next apply left rows backfilled twice.
seed 60000
rm -rf migrations
write migrations/app/1_col.sql "$COL_MIGRATION"
"$MIGRATE" apply --skip-lint --phase expand >/dev/null 2>&1
"$MIGRATE" apply --phase all --skip-lint >"$SCRATCH/A.out" 2>"$SCRATCH/A.err" &
A=$!
for _ in $(seq 100); do [ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" -gt 1000 ] && break; sleep 0.05; done
"$MIGRATE" apply --phase all --skip-lint --workers 2 --wait 60s >"$SCRATCH/B.out" 2>"$SCRATCH/B.err" &
B=$!
for _ in $(seq 100); do grep -q "joining it" "$SCRATCH/B.err" && break; sleep 0.05; done
kill -TERM $A
wait $A; code=$?
[ "$code" = 130 ] && pass || fail "the SIGTERMed owner: exit $code: $(cat "$SCRATCH/A.err")"
[ "$(q "SELECT status FROM migrate.ledger WHERE phase = 'migrate'")" = failed ] && pass || fail "the owner's row: $(q "TABLE migrate.ledger")"
run "$MIGRATE" rollback --skip-lint --wait 20s
expect_code 5
expect_stderr "1_col migrate is being backfilled by another process"
run "$MIGRATE" repair --wait 20s
expect_code 5
expect_stderr "being worked on by another process"
wait $B && pass || fail "the process that joined: $(cat "$SCRATCH/B.err")"
exactly_once "SIGTERM to the owner, rollback and repair refused"
run "$MIGRATE" status --exit-code
expect_code 0

# 8. (attack) The file's backfill changed after a killed run had begun it: refused, rather than resume
# the old checkpoint with the new statement (before: exit 0, rows done by both, the ledger naming only
# the new one).
seed 30000
rm -rf migrations
write migrations/app/1_col.sql "$COL_MIGRATION"
"$MIGRATE" apply --skip-lint --phase expand >/dev/null 2>&1
"$MIGRATE" apply --phase all --skip-lint >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" -gt 1000 ] && break; sleep 0.05; done
kill -KILL $pid; wait $pid 2>/dev/null
sed -i 's/coalesce(v2, 0) + v +/coalesce(v2, 0) + 100 * v +/' migrations/app/1_col.sql
run "$MIGRATE" apply --phase all --skip-lint
expect_code 5
expect_stderr "statement 1 is a backfill it had begun"
[ "$(q "SELECT count(*) FROM items WHERE v2 = 100 * v")" = 0 ] && pass || fail "the changed statement ran"

# 9. (attack) A statement that runs outside any transaction commits before its progress is written:
# killed in between, the next run recognises it as done instead of failing on it or repeating it.
seed 1000
rm -rf migrations
psql -Xq -c "CREATE INDEX old_idx ON items (v);
  CREATE TABLE p (id int, k int) PARTITION BY RANGE (k); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
  CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20)"
write migrations/app/1_nontx.sql "-- migrate:expand
DROP INDEX CONCURRENTLY old_idx;
ALTER TABLE p DETACH PARTITION p2 CONCURRENTLY;
INSERT INTO log VALUES ('1 expand');
-- migrate:rollback
DELETE FROM log WHERE x = '1 expand';
ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);
CREATE INDEX CONCURRENTLY IF NOT EXISTS old_idx ON items (v);
"
MIGRATE_FAULT=statement-after@1:kill "$MIGRATE" apply --phase all --skip-lint >/dev/null 2>&1 # killed right after the DROP
# The next run finds the index gone, and is itself cut off from the server right after the DETACH.
run env MIGRATE_FAULT=statement-after@1:drop "$MIGRATE" apply --phase all --skip-lint
expect_code 3
expect_stderr "an interrupted run dropped it"
[ "$(q "SELECT statements_done FROM migrate.ledger")" = 1 ] && pass || fail "progress after the drop: $(q "TABLE migrate.ledger")"
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
expect_stderr "an interrupted run detached it"
[ "$(q "SELECT count(*) FROM log")" = 1 ] && pass || fail "log: $(q "TABLE log")"
[ "$(q "SELECT status FROM migrate.ledger")" = applied ] && pass || fail "ledger: $(q "TABLE migrate.ledger")"
# An unnamed CONCURRENTLY index could not be recognised that way: refused before anything runs.
write migrations/app/2_unnamed.sql "-- migrate:expand
INSERT INTO log VALUES ('2 expand');
CREATE INDEX CONCURRENTLY ON items (v2);
-- migrate:rollback
DELETE FROM log WHERE x = '2 expand';
"
run "$MIGRATE" apply --phase all --skip-lint
expect_code 2
expect_stderr "2_unnamed.sql:3:1: CREATE INDEX CONCURRENTLY needs a name here"
[ "$(q "SELECT count(*) FROM log")" = 1 ] && pass || fail "something of the refused step ran"
rm migrations/app/2_unnamed.sql

# 10. (attack) status --exit-code is 1 while a step is being applied, and a step left by a killed run
# is "interrupted" even while another app's run holds the run lock (before: "running", exit 0).
seed 20000
rm -rf migrations
write migrations/app/1_col.sql "$COL_MIGRATION"
write migrations/other/1_slow.sql "-- migrate:expand
INSERT INTO log SELECT 'slow' FROM pg_sleep(4);
-- migrate:rollback
DELETE FROM log WHERE x = 'slow';
"
"$MIGRATE" apply --phase all --skip-lint --app app >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ "$(q "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" -gt 1000 ] && break; sleep 0.05; done
run "$MIGRATE" status --app app --exit-code
expect_code 1
expect_stdout "migrate running"
kill -KILL $pid; wait $pid 2>/dev/null
"$MIGRATE" apply --phase all --skip-lint --app other >/dev/null 2>&1 &
pid=$!
sleep 1
run "$MIGRATE" status --app app --exit-code
expect_code 1
expect_stdout "migrate interrupted"
wait $pid
rm -rf migrations/other

finish
