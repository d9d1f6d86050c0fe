# The small things a newcomer met on the first afternoon (issue 19), each as it was met: help, messages,
# options, summaries. Needs the PG* server for the parts that connect.
source "$(dirname "$0")/lib.sh"
own_database newcomer

write migrations/app/1_items.sql '-- migrate:expand
CREATE TABLE items (id int PRIMARY KEY);
-- migrate:rollback
DROP TABLE items;

-- migrate:migrate

-- migrate:contract
'
# An empty section (what migrate new writes): a lint warning, and apply says there is nothing to do.
run "$MIGRATE" lint
expect_code 0
expect_stdout "1_items.sql:6:1: warning[empty-section] the migrate section has no statements"
expect_stdout "1_items.sql:8:1: warning[empty-section] the contract section has no statements"
run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "applied  app 1_items migrate  nothing to do (an empty section"
expect_stdout "applied  app 1_items expand  1 statement"

# lint's summary counts a file that does not parse.
write "$SCRATCH/lint/1_good.sql" '-- migrate:expand
CREATE TABLE a (id bigint PRIMARY KEY);
-- migrate:rollback
DROP TABLE a;
'
write "$SCRATCH/lint/2_bad.sql" '-- migrate:expand
SELEC 1;
-- migrate:rollback
'
run "$MIGRATE" lint "$SCRATCH/lint"
expect_code 2
expect_stdout "1 error, 0 warnings in 2 files (2 statements)"

# Help: each command's --help names the global options; value types say what they are.
run "$MIGRATE" apply --help
expect_stdout "Global options (before or after the command; see migrate --help): --config --database --app"
expect_stdout "--wait-for-db"
expect_stdout "--lock-timeout DURATION"
expect_stdout "--lock-retries N"
expect_stdout "--to VERSION"
expect_stdout "--lock-wait DURATION"
# An unknown option gets "did you mean".
run "$MIGRATE" apply --dry-rn
expect_code 2
expect_stderr "did you mean \"--dry-run\"?"
run "$MIGRATE" rollback --stesp 2
expect_code 2
expect_stderr "did you mean \"--steps\"?"
# --wait is --lock-wait now; the old name works, with a warning.
run "$MIGRATE" apply --wait 5s
expect_code 0
expect_stderr "--wait is now --lock-wait"
run "$MIGRATE" apply --lock-wait 5s
expect_code 0
expect_not "is now --lock-wait" "$ERR"

# No database anywhere: the message says where migrate looked, and suggests ephemeral.
env -u PGHOST -u PGPORT -u PGDATABASE -u PGUSER -u PGHOSTADDR -u PGSERVICE -u DATABASE_URL -u MIGRATE_DATABASE_URL \
  PGCONNECT_TIMEOUT=2 HOME="$SCRATCH" "$MIGRATE" status >"$SCRATCH/nodb.out" 2>"$SCRATCH/nodb.err"
[ $? = 3 ] && pass || fail "no database: exit code"
grep -q "no database is configured" "$SCRATCH/nodb.err" && grep -q "MIGRATE_DATABASE_URL, DATABASE_URL, \[database\] url" "$SCRATCH/nodb.err" &&
  grep -q -- "--database ephemeral" "$SCRATCH/nodb.err" && pass || fail "no database message: $(cat "$SCRATCH/nodb.err")"
expect_not "libpq's PG\* variables:" "$SCRATCH/nodb.err"

# --wait-for-db: a server that comes up a little later is waited for; one that never does, for as long
# as asked, then exit 3.
port=$((20000 + $$ % 20000))
start=$(date +%s)
run "$MIGRATE" status --database "postgresql://nobody@127.0.0.1:$port/x?connect_timeout=1" --wait-for-db 2s
expect_code 3
expect_stderr "waiting up to 2s for the database"
[ $(($(date +%s) - start)) -ge 2 ] && pass || fail "--wait-for-db did not wait"
run "$MIGRATE" status --wait-for-db soon
expect_code 2
expect_stderr "--wait-for-db soon: not a duration"
# The server "comes up" 1.5 s later: a forwarder to the real one starts listening on the port then.
cat >"$SCRATCH/forward.py" <<'PY'
import os, socket, sys, threading, time
time.sleep(1.5)
port = int(sys.argv[1])
host, pgport = os.environ.get("PGHOST", "/var/run/postgresql"), int(os.environ.get("PGPORT", "5432"))
def upstream():
    if host.startswith("/"):
        s = socket.socket(socket.AF_UNIX); s.connect(f"{host}/.s.PGSQL.{pgport}")
    else:
        s = socket.create_connection((host, pgport))
    return s
def pipe(a, b):
    try:
        while data := a.recv(65536):
            b.sendall(data)
    except OSError:
        pass
    finally:
        for x in (a, b):
            try: x.shutdown(socket.SHUT_RDWR)
            except OSError: pass
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(16); srv.settimeout(20)
end = time.time() + 20
while time.time() < end:
    try: c, _ = srv.accept()
    except OSError: break
    u = upstream()
    threading.Thread(target=pipe, args=(c, u), daemon=True).start()
    threading.Thread(target=pipe, args=(u, c), daemon=True).start()
PY
/usr/bin/python3 "$SCRATCH/forward.py" "$port" &
fwd=$!
run "$MIGRATE" status --database "postgresql://${PGUSER:-postgres}@127.0.0.1:$port/$OWN_DB?connect_timeout=2" --wait-for-db 30s
expect_code 0
expect_stderr "waiting up to 30s for the database"
expect_stdout "1_items"
kill $fwd 2>/dev/null
wait $fwd 2>/dev/null

# plan says "on its own" for a single statement that runs outside a transaction.
write migrations/app/2_idx.sql '-- migrate:expand
CREATE INDEX CONCURRENTLY items_id_idx ON items (id);
-- migrate:rollback
DROP INDEX CONCURRENTLY items_id_idx;
'
run "$MIGRATE" plan --offline
expect_stdout "1 statement on its own (CREATE INDEX CONCURRENTLY"
expect_not "1 statement, each on its own" "$OUT"

# A lock timeout names the session holding the lock and its query, without a doubled ";;" (the query
# as the client sent it ends in a semicolon).
write migrations/app/5_alter.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN note text;
-- migrate:rollback
ALTER TABLE items DROP COLUMN note;
'
psql -Xq -c "BEGIN; LOCK TABLE items IN ACCESS SHARE MODE; SELECT pg_sleep(4);" >/dev/null 2>&1 &
holder=$!
for _ in $(seq 50); do
  [ "$(psql -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'BEGIN; LOCK TABLE items%'")" = 1 ] && break
  sleep 0.1
done
run "$MIGRATE" apply --to 5 --lock-timeout 100ms --lock-retries 0
expect_code 4
expect_stderr "SELECT pg_sleep(4)"
expect_not ";;" "$ERR"
wait $holder
run "$MIGRATE" apply --to 5
expect_code 0

# Backfill progress is the key range covered: a backfill whose WHERE skips every row finishes at 100%,
# not "0 of ~N rows (0%)"; the JSON progress events carry a real ETA once there is a pace.
psql -Xq -c "CREATE TABLE filled (id int PRIMARY KEY, v int); INSERT INTO filled SELECT g, 1 FROM generate_series(1, 2000) g; ANALYZE filled"
write migrations/app/6_fill.sql '-- migrate:migrate
-- migrate:backfill table=filled key=id batch=50
UPDATE filled SET v = 1 WHERE id > $1 AND id <= $2 AND v IS NULL AND (SELECT true FROM pg_sleep(0.15));
-- migrate:rollback
'
run "$MIGRATE" --log-format json apply --phase migrate
expect_code 0
/usr/bin/python3 - "$ERR" <<'PY' && pass || fail "progress events: $STDERR"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
progress = [e for e in events if e.get("event") == "backfill_progress"]
assert progress, events
assert any(e["eta"] != "-" for e in progress[:-1]), progress
assert progress[-1]["covered"] == 1 and progress[-1]["rows_done"] == 0, progress[-1]
PY
run "$MIGRATE" status
expect_stdout "backfill filled (6): finished, 100% of the key range, 0 rows changed"
finish
