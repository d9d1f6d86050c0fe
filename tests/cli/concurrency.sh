# Several `apply` of the same app at once (release jobs retried, two deploys racing): each step is
# applied by exactly one of them; the others wait for the ledger lock and then find nothing left to
# do, or, with a short --wait, give up with exit 5 naming the holder. Never a duplicate step, never a
# step applied twice. Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database concurrency
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# Steps slow enough (0.4 s each) that the runs overlap; each records itself in a table, so a step
# run twice would show there even if the ledger hid it.
q "CREATE TABLE runs (step text)"
for v in 1 2 3; do
  write migrations/app/${v}_step.sql "-- migrate:expand
SELECT pg_sleep(0.4);
INSERT INTO runs VALUES ('$v expand');
-- migrate:rollback
DELETE FROM runs WHERE step = '$v expand';

-- migrate:contract
INSERT INTO runs VALUES ('$v contract');
-- migrate:rollback
DELETE FROM runs WHERE step = '$v contract';
"
done

# Four at once, each willing to wait as long as it takes.
gate() { while [ ! -e "$SCRATCH/go" ]; do sleep 0.01; done; "$@"; }
pids=()
for i in 1 2 3 4; do
  gate "$MIGRATE" apply --phase all --wait 60s >"$SCRATCH/run$i.out" 2>"$SCRATCH/run$i.err" &
  pids+=($!)
done
touch "$SCRATCH/go"
for i in 1 2 3 4; do
  wait "${pids[$((i - 1))]}" && pass || fail "run $i: exit $?: $(cat "$SCRATCH/run$i.err")"
done
[ "$(q "SELECT count(*) FROM runs")" = 6 ] && pass || fail "steps ran more than once: $(q "SELECT step, count(*) FROM runs GROUP BY 1")"
[ "$(q "SELECT count(*) FROM runs GROUP BY step HAVING count(*) > 1")" = "" ] && pass || fail "a step ran twice"
[ "$(q "SELECT count(*) FROM migrate.ledger WHERE status = 'applied'")" = 6 ] && pass || fail "ledger: $(q "TABLE migrate.ledger")"
[ "$(q "SELECT count(*) FROM migrate.events WHERE action = 'applied'")" = 6 ] && pass ||
  fail "applied events: $(q "SELECT version, phase, action FROM migrate.events ORDER BY id")"
# Exactly six "applied" lines across the four runs; the runs that waited said so, then found nothing.
[ "$(cat "$SCRATCH"/run*.out | grep -c '^applied ')" = 6 ] && pass || fail "applied lines: $(cat "$SCRATCH"/run*.out)"
grep -l "waiting for" "$SCRATCH"/run*.err >/dev/null && pass || fail "no run said it waited: $(cat "$SCRATCH"/run*.err)"
[ "$(grep -l "Nothing to apply" "$SCRATCH"/run*.out | wc -l)" -ge 1 ] && pass || fail "no run found nothing left: $(cat "$SCRATCH"/run*.out)"

# With a short wait: exit 5, the holder named, nothing done by the impatient run.
write migrations/app/4_step.sql "-- migrate:expand
SELECT pg_sleep(1.5);
INSERT INTO runs VALUES ('4 expand');
-- migrate:rollback
DELETE FROM runs WHERE step = '4 expand';
"
"$MIGRATE" apply --phase all >"$SCRATCH/slow.out" 2>"$SCRATCH/slow.err" &
slow=$!
sleep 0.5
run "$MIGRATE" apply --phase all --wait 300ms
expect_code 5
expect_stderr "another migrate run holds the ledger lock"
expect_stderr "application migrate"
wait $slow && pass || fail "the run holding the lock: $(cat "$SCRATCH/slow.err")"
[ "$(q "SELECT count(*) FROM runs WHERE step = '4 expand'")" = 1 ] && pass || fail "step 4 ran $(q "SELECT count(*) FROM runs WHERE step = '4 expand'") times"
run "$MIGRATE" status --exit-code
expect_code 0

# Two databases on one server (staging and production, tenants) with the same app and ledger schema:
# advisory locks belong to a database, and so must what migrate says about their holders. A backfill
# running in one database is neither joined nor waited for from the other.
other="${OWN_DB}_b"
createdb "$other" || fail "cannot create $other"
trap 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1; dropdb --if-exists "$other" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT
# 60 batches of 0.1 s or more: the first database's backfill outlasts what the other one does meanwhile,
# even on a loaded machine (with 20 batches, 2 s, it once did not).
q "CREATE TABLE fill (id int PRIMARY KEY, v int); INSERT INTO fill SELECT g, NULL FROM generate_series(1, 1200) g"
PGDATABASE=$other q "CREATE TABLE fill (id int PRIMARY KEY, v int); INSERT INTO fill SELECT g, NULL FROM generate_series(1, 40) g"
write migrations/app/5_fill.sql "-- migrate:migrate
-- migrate:backfill table=fill key=id batch=20
UPDATE fill SET v = coalesce(v, 0) + 1 + (SELECT 0 FROM pg_sleep(0.1)) WHERE id > \$1 AND id <= \$2;
-- migrate:rollback
"
"$MIGRATE" apply --phase migrate >"$SCRATCH/a.out" 2>"$SCRATCH/a.err" &
a=$!
for _ in $(seq 100); do
  [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = '$OWN_DB' AND query LIKE 'UPDATE fill%'")" != 0 ] && break
  sleep 0.1
done
PGDATABASE=$other run "$MIGRATE" apply --phase migrate
expect_code 0
expect_stdout "5_fill migrate  1 statement, 40 rows backfilled"
grep -q "joining" "$ERR" && fail "the other database's backfill was joined: $STDERR" || pass
# Still while the first database's backfill runs: the rollback here is this database's business.
# (The run itself, not pg_stat_activity: one look there can fall between two batches, where the
# backend shows the checkpoint's statement or COMMIT; that failed the test twice in CI.)
kill -0 $a 2>/dev/null && pass || fail "the first backfill ended too soon for the test"
PGDATABASE=$other run "$MIGRATE" rollback --phase migrate
expect_code 0
PGDATABASE=$other run "$MIGRATE" apply --phase migrate
expect_code 0
wait $a && pass || fail "the first database's run: $(cat "$SCRATCH/a.err")"
for db in "$OWN_DB" "$other"; do
  [ "$(PGDATABASE=$db q "SELECT count(*) FROM fill WHERE v IS DISTINCT FROM 1")" = "$([ $db = "$other" ] && echo 40 || echo 0)" ] && pass || fail "$db: rows not filled exactly once"
done
run "$MIGRATE" status --exit-code
expect_code 0
finish
