# SIGINT and SIGTERM end every blocking wait with exit 130 within a couple of seconds: lint - reading
# a pipe that never writes, and any query waiting on the server (status behind a lock another
# session holds on the ledger), not only apply's statements. Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database waits

# stopped_by SIG WHAT CMD...: runs CMD in the background (standard input from $INPUT, else
# /dev/null), sends SIG after a second, and expects exit 130 within 3 s of the signal.
stopped_by() {
  local sig="$1" what="$2" pid code start took
  shift 2
  "$@" <"${INPUT:-/dev/null}" >"$SCRATCH/out" 2>"$SCRATCH/err" &
  pid=$!
  sleep 1
  start=$(date +%s%N)
  kill -"$sig" $pid
  for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  if kill -0 $pid 2>/dev/null; then
    fail "$what: SIG$sig ignored (still running after ${took} ms)"
    kill -KILL $pid
    wait $pid
    return
  fi
  wait $pid; code=$?
  [ "$code" = 130 ] && pass || fail "$what: SIG$sig: exit $code: $(cat "$SCRATCH/err")"
  [ "$took" -lt 3000 ] && pass || fail "$what: SIG$sig: took ${took} ms to stop"
}

# lint - on a pipe whose writer is open but never writes.
mkfifo pipe
exec 3<>pipe # holds the writing end open (and lets the reader's open go through)
for sig in INT TERM; do
  INPUT=pipe stopped_by $sig "lint - on a silent pipe" "$MIGRATE" lint -
done
exec 3>&-
expect_not "internal error" "$SCRATCH/err"

# status while another session holds ACCESS EXCLUSIVE on the ledger: its query waits on the server.
write migrations/app/1_t.sql '-- migrate:expand
CREATE TABLE t (id int);
-- migrate:rollback
DROP TABLE t;
'
run "$MIGRATE" apply --phase all
expect_code 0
for sig in TERM INT; do
  psql -Xq -c "BEGIN; LOCK migrate.ledger; SELECT pg_sleep(60)" >/dev/null 2>&1 &
  holder=$!
  for _ in $(seq 50); do
    [ "$(psql -XAtc "SELECT count(*) FROM pg_locks WHERE relation = 'migrate.ledger'::regclass AND mode = 'AccessExclusiveLock' AND granted")" = 1 ] && break
    sleep 0.1
  done
  stopped_by $sig "status behind a lock on the ledger" "$MIGRATE" status
  expect_not "internal error" "$SCRATCH/err"
  psql -XAtq -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'BEGIN; LOCK migrate.ledger%' AND pid <> pg_backend_pid()" >/dev/null
  wait $holder
done
# Nothing was left waiting on the server, and status works once the lock is gone.
[ "$(psql -XAtc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migrate' AND datname = current_database()")" = 0 ] && pass ||
  fail "migrate left a session behind: $(psql -XAtc "SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'migrate'")"
run "$MIGRATE" status
expect_code 0
finish
