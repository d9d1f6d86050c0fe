# Observability: a run id in every JSON log line, in the ledger rows and events the run writes and in
# history; JSON lines name the app, version, phase and statement they are about; -v text lines name the
# run; --metrics-file writes Prometheus text metrics (steps, durations, lock waits and retries,
# backfill rows, rate and batch size), whatever the outcome.
source "$(dirname "$0")/lib.sh"
own_database obs
PY=/usr/bin/python3
prom_ok() { # prom_ok FILE: every line is a comment or `name{labels} value`
  $PY - "$1" <<'PY'
import re, sys
sample = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.eE+-]+$|^[a-zA-Z_:][a-zA-Z0-9_:]* (NaN|[+-]Inf)$')
lines = open(sys.argv[1]).read().splitlines()
assert lines
for l in lines:
    assert l.startswith("# HELP ") or l.startswith("# TYPE ") or sample.match(l), l
PY
}

psql -Xq -c "CREATE TABLE items (id bigint PRIMARY KEY, v int, w int); INSERT INTO items SELECT g, g FROM generate_series(1, 5000) g; ANALYZE items;"
write migrations/shop/100_w.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN note text;
-- migrate:rollback
ALTER TABLE items DROP COLUMN note;

-- migrate:migrate
-- migrate:backfill table=items key=id batch=1000
UPDATE items SET w = v WHERE id > $1 AND id <= $2;
-- migrate:rollback
'
run "$MIGRATE" --log-format json --metrics-file "$SCRATCH/run.prom" apply
expect_code 0
$PY - "$ERR" <<'PY' && pass || fail "JSON log lines: $STDERR"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ids = {l["run_id"] for l in lines}
assert len(ids) == 1 and len(next(iter(ids))) == 12, ids
applying = [l for l in lines if l["message"].startswith("applying shop 100_w")]
assert [(l["app"], l["version"], l["phase"]) for l in applying] == [("shop", "100", "expand"), ("shop", "100", "migrate")], applying
progress = [l for l in lines if l.get("event") == "backfill_progress"]
assert progress and all(l["phase"] == "migrate" and l["version"] == "100" for l in progress), progress
print(next(iter(ids)), file=open(sys.argv[1] + ".id", "w"))
PY
run_id="$(cat "$ERR.id")"
[ "$(psql -XAtc "SELECT count(*) FROM migrate.ledger WHERE run_id = '$run_id'")" = 2 ] && pass || fail "ledger rows without the run id"
[ "$(psql -XAtc "SELECT count(*) FROM migrate.events WHERE run_id = '$run_id'")" = 2 ] && pass || fail "events without the run id"
run "$MIGRATE" history --format json
expect_stdout "\"run_id\": \"$run_id\""
prom_ok "$SCRATCH/run.prom" && pass || fail "metrics are not Prometheus text: $(cat "$SCRATCH/run.prom")"
for line in 'migrate_steps_applied_total{app="shop",phase="expand"} 1' 'migrate_steps_applied_total{app="shop",phase="migrate"} 1' \
            'migrate_backfill_rows_total{table="items"} 5000' 'migrate_backfill_batch_size{table="items"} 1000' \
            'migrate_run_exit_code{command="apply"} 0' "migrate_run_info{run_id=\"$run_id\",command=\"apply\""; do
  grep -qF "$line" "$SCRATCH/run.prom" && pass || fail "metrics lack $line: $(cat "$SCRATCH/run.prom")"
done
grep -q '^migrate_backfill_rows_per_second{table="items"} [0-9]' "$SCRATCH/run.prom" && pass || fail "no backfill rate"
grep -q '^migrate_step_duration_seconds{app="shop",version="100",phase="migrate"} [0-9]' "$SCRATCH/run.prom" && pass || fail "no step duration"

# A lock that never comes: the warnings name the statement; the metrics count the waits and retries.
write migrations/shop/200_x.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN x int;
-- migrate:rollback
ALTER TABLE items DROP COLUMN x;
'
psql -Xq -c "BEGIN; LOCK items IN ACCESS SHARE MODE; SELECT pg_sleep(30);" >/dev/null 2>&1 &
holder=$!
for _ in $(seq 50); do
  [ "$(psql -XAtc "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'items' AND l.pid <> pg_backend_pid()")" != 0 ] && break
  sleep 0.1
done
run "$MIGRATE" --log-format json --metrics-file "$SCRATCH/lock.prom" apply --lock-timeout 100ms --lock-retries 1
expect_code 4
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
$PY - "$ERR" <<'PY' && pass || fail "lock warnings: $STDERR"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
waits = [l for l in lines if l["level"] == "warning" and "lock not granted" in l["message"]]
assert len(waits) == 2 and all(l["statement"] == 1 and l["version"] == "200" for l in waits), waits
PY
for line in 'migrate_lock_timeouts_total 2' 'migrate_lock_retries_total 1' 'migrate_steps_failed_total{app="shop",phase="expand"} 1' \
            'migrate_run_exit_code{command="apply"} 4'; do
  grep -qF "$line" "$SCRATCH/lock.prom" && pass || fail "lock metrics lack $line: $(cat "$SCRATCH/lock.prom")"
done
grep -q '^migrate_lock_wait_seconds_total 0\.[1-9]' "$SCRATCH/lock.prom" && pass || fail "lock wait seconds: $(grep wait "$SCRATCH/lock.prom")"

# -v: text lines name the run. An unwritable metrics file is a warning, not a new exit status.
run "$MIGRATE" -v --metrics-file /nonexistent/dir/m.prom status
expect_code 0
grep -qE '^migrate\[[0-9a-f]{12}\]: ' "$ERR" && pass || fail "-v lines without the run id: $STDERR"
expect_stderr "warning: --metrics-file /nonexistent/dir/m.prom"
finish
