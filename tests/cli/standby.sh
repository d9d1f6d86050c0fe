# The backfill's throttle against a real streaming standby and a real replication slot, on servers of
# the test's own (a primary with wal_level=logical and a standby made by pg_basebackup -R):
#   1. replay paused on the standby: the backfill holds still and says why; replay resumed: it goes on
#      and finishes, every row processed exactly once;
#   2. the standby disconnects mid-backfill: the backfill goes on and says once that it is gone;
#   3. a role without pg_read_all_stats sees the standby but not its lag: the backfill says so once
#      (and not once the role has pg_monitor);
#   4. [backfill] max_slot_lag with a logical slot nobody reads: the backfill holds still and says
#      why; the slot dropped, it goes on.
# Every wait is polled; the only fixed sleeps are the few seconds a backfill is watched holding still,
# and no assertion depends on how fast anything runs.
source "$(dirname "$0")/lib.sh"

pport=$(free_port 0)
sport=$(free_port 1)
server_init primary
# fsync off: nothing here is about surviving an operating system crash, and commits that wait for
# the disk of a machine busy with builds would only make the test slow.
server_start primary "$pport" -c wal_level=logical -c fsync=off
primary="$SCRATCH/primary"
export PGHOST="$primary" PGPORT="$pport" PGUSER=postgres PGDATABASE=postgres
unset PGPASSWORD PGSERVICE DATABASE_URL MIGRATE_DATABASE_URL MIGRATE_BACKFILL_MAX_REPLICATION_LAG MIGRATE_BACKFILL_MAX_SLOT_LAG
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
qs() { psql -XAtq -v ON_ERROR_STOP=1 -h "$SCRATCH/standby" -p "$sport" -c "$1"; } # on the standby

# The standby: a base backup with its recovery settings (-R: standby.signal, primary_conninfo), started
# on another port. It reports its replay position every second (the default is 10 s), so that the
# primary learns soon that it caught up.
standby_dir="$(pg_dir standby)"
as_pg "$PG_BIN/pg_basebackup" -h "$primary" -p "$pport" -U postgres -D "$standby_dir/data" -R -X stream -c fast --no-sync \
  >"$standby_dir/basebackup.log" 2>&1 || { fail "pg_basebackup: $(tail "$standby_dir/basebackup.log")"; finish; }
at_exit "server_stop standby"
start_standby() { server_start standby "$sport" -c cluster_name=standby1 -c wal_receiver_status_interval=1s -c fsync=off; }
start_standby

# until SECONDS CMD...: polls CMD every 0.1 s until it succeeds; false after SECONDS.
until_ok() {
  local end=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -ge "$end" ] && return 1
    sleep 0.1
  done
}
streaming() { [ "$(q "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ]; }
until_ok 30 streaming && pass || fail "the standby does not stream: $(tail "$SCRATCH/standby/log")"
[ "$(qs "SELECT pg_is_in_recovery()")" = t ] && pass || fail "the standby is not in recovery"

cat >migrate.toml <<'TOML'
[backfill]
max_replication_lag = "1s"
TOML
# migration VERSION TABLE ROWS BATCH SLEEP: a table of ROWS rows and a backfill that adds 1 to each
# row's n, in batches of BATCH rows that each sleep SLEEP seconds: slow enough to be caught, with room
# to spare on a busy machine. The sleep is read from TABLE_sleep at every batch, so that `fast TABLE`
# lets the rest of the backfill run at full speed once what the test waits for has been seen.
migration() {
  write "migrations/app/$1_$2.sql" "-- migrate:expand
CREATE TABLE $2 (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
INSERT INTO $2 (id) SELECT g FROM generate_series(1, $3) g;
CREATE TABLE $2_sleep (seconds float8 NOT NULL);
INSERT INTO $2_sleep VALUES ($5);
-- migrate:rollback
DROP TABLE $2_sleep;
DROP TABLE $2;

-- migrate:migrate
-- migrate:backfill table=$2 key=id batch=$4
UPDATE $2 SET n = n + 1 WHERE id > \$1 AND id <= \$2 AND (SELECT pg_sleep(seconds) FROM $2_sleep) IS NOT NULL;
-- migrate:rollback
UPDATE $2 SET n = 0;
"
}
fast() { q "UPDATE $1_sleep SET seconds = 0"; }
rows_done() { q "SELECT count(*) FROM $1 WHERE n = 1" 2>/dev/null || echo 0; }
started() { [ "$(rows_done "$1")" -gt 0 ]; }
logged() { grep -qF -- "$2" "$SCRATCH/$1.err"; }
count_logged() { grep -cF -- "$2" "$SCRATCH/$1.err"; }
# finished NAME PID SECONDS: that run ends within SECONDS (else it is killed) with exit 0.
finished() {
  local code=0
  if ! until_ok "$3" eval "! kill -0 $2 2>/dev/null"; then
    kill "$2" 2>/dev/null
    fail "$1: still running after $3 s: $(tail -5 "$SCRATCH/$1.err")"
  fi
  wait "$2" || code=$?
  [ "$code" = 0 ] && pass || fail "$1: exit $code: $(cat "$SCRATCH/$1.err")"
}
exactly_once() { # exactly_once TABLE ROWS
  [ "$(q "SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM $1")" = "$2/$2" ] && pass ||
    fail "$1: rows not processed exactly once: $(q "SELECT n, count(*) FROM $1 GROUP BY n ORDER BY n")"
}
# holds NAME TABLE SECONDS: the rows done stay the same for SECONDS, and fewer than all.
holds() {
  local before after
  before=$(rows_done "$2")
  sleep "$3"
  after=$(rows_done "$2")
  [ "$before" = "$after" ] && pass || fail "$1: the backfill went on while it should wait: $before rows done, then $after"
  echo "$1: $before rows done, and $after ${3} s later"
}

# 1. Replay paused on the standby while the backfill runs (150 batches of 200 rows, each >= 50 ms
# until the pause has been seen).
migration 1 a_items 30000 200 0.05
"$MIGRATE" apply --phase all >"$SCRATCH/paused.out" 2>"$SCRATCH/paused.err" &
m=$!
until_ok 30 started a_items && pass || fail "backfill a_items did not start: $(cat "$SCRATCH/paused.err")"
qs "SELECT pg_wal_replay_pause()" >/dev/null
until_ok 30 logged paused "a_items: pausing: standby standby1 replays" && pass ||
  fail "the backfill did not say it waits for the standby: $(cat "$SCRATCH/paused.err")"
holds "replay paused" a_items 3
[ "$(rows_done a_items)" -lt 30000 ] && pass || fail "the backfill finished while replay was paused"
fast a_items
qs "SELECT pg_wal_replay_resume()" >/dev/null
finished paused $m 60
logged paused "a_items: going on after" && pass || fail "the backfill did not say it goes on: $(cat "$SCRATCH/paused.err")"
[ "$(count_logged paused "a_items: pausing:")" = 1 ] && pass || fail "the pause was logged more than once: $(cat "$SCRATCH/paused.err")"
exactly_once a_items 30000
grep -E "a_items: (pausing|going on)" "$SCRATCH/paused.err"

# 2. The standby goes away mid-backfill: the backfill goes on, and says so once (however many
# looks at pg_stat_replication follow: one a second, given 1.5 s more at the slow pace).
migration 2 b_items 24000 200 0.05
"$MIGRATE" apply --phase all >"$SCRATCH/gone.out" 2>"$SCRATCH/gone.err" &
m=$!
until_ok 30 started b_items && pass || fail "backfill b_items did not start: $(cat "$SCRATCH/gone.err")"
server_stop standby immediate
gone_line="b_items: standby standby1 from the local socket was replicating and is gone from pg_stat_replication"
until_ok 30 logged gone "$gone_line" && pass || fail "the backfill did not say the standby is gone: $(cat "$SCRATCH/gone.err")"
[ "$(q "SELECT count(*) FROM pg_stat_replication")" = 0 ] && pass || fail "the standby is still in pg_stat_replication"
sleep 1.5
fast b_items
finished gone $m 60
[ "$(count_logged gone "$gone_line")" = 1 ] && pass ||
  fail "the standby's going was not said exactly once: $(cat "$SCRATCH/gone.err")"
grep -F "was replicating and is gone" "$SCRATCH/gone.err"
exactly_once b_items 24000
start_standby
until_ok 30 streaming && pass || fail "the standby does not stream again: $(tail "$SCRATCH/standby/log")"

# 3. A role without pg_read_all_stats: pg_stat_replication shows it the standby, with no positions
# and no lag. The backfill says so, once; with pg_monitor it sees the lag and says nothing.
q "CREATE ROLE plain LOGIN" && q "CREATE DATABASE plain OWNER plain" && pass || fail "cannot make the role plain"
[ "$(PGUSER=plain q "SELECT count(*) || '|' || count(replay_lsn) || '|' || count(replay_lag) FROM pg_stat_replication")" = "1|0|0" ] &&
  pass || fail "pg_stat_replication as plain: $(PGUSER=plain q "SELECT * FROM pg_stat_replication")"
mkdir -p plain && cp migrate.toml plain/
(cd plain && migration 3 c_items 4000 200 0)
(cd plain && PGUSER=plain PGDATABASE=plain "$MIGRATE" apply --phase all >"$SCRATCH/plain.out" 2>"$SCRATCH/plain.err")
code=$?
[ "$code" = 0 ] && pass || fail "apply as plain: exit $code: $(cat "$SCRATCH/plain.err")"
hidden_line="c_items: cannot see the replication lag of 1 standby: role plain lacks pg_read_all_stats"
[ "$(count_logged plain "$hidden_line")" = 1 ] && pass || fail "as plain, the unseen lag was not said once: $(cat "$SCRATCH/plain.err")"
grep -F "cannot see the replication lag" "$SCRATCH/plain.err"
[ "$(PGDATABASE=plain q "SELECT count(*) FILTER (WHERE n = 1) FROM c_items")" = 4000 ] && pass || fail "c_items: not every row processed once"
q "GRANT pg_monitor TO plain"
(cd plain && migration 4 c_more 2000 200 0)
(cd plain && PGUSER=plain PGDATABASE=plain "$MIGRATE" apply --phase all >"$SCRATCH/monitor.out" 2>"$SCRATCH/monitor.err")
code=$?
[ "$code" = 0 ] && pass || fail "apply as plain with pg_monitor: exit $code: $(cat "$SCRATCH/monitor.err")"
logged monitor "cannot see the replication lag" && fail "with pg_monitor, plain still cannot see the lag: $(cat "$SCRATCH/monitor.err")" || pass

# 4. A logical slot nobody reads, and [backfill] max_slot_lag: the backfill waits while the slot
# retains more WAL than that, and goes on once the slot is dropped.
migration 5 d_items 16000 200 0.05
run "$MIGRATE" apply --phase expand
expect_code 0
[ "$(q "SELECT count(*) FROM pg_create_logical_replication_slot('nobody_reads', 'test_decoding')")" = 1 ] && pass ||
  fail "cannot create a logical slot"
MIGRATE_BACKFILL_MAX_SLOT_LAG=256kB "$MIGRATE" apply --phase all >"$SCRATCH/slot.out" 2>"$SCRATCH/slot.err" &
m=$!
until_ok 30 logged slot "d_items: pausing: replication slot nobody_reads (logical, inactive) retains" && pass ||
  fail "the backfill did not say it waits for the slot: $(cat "$SCRATCH/slot.err")"
holds "slot retains WAL" d_items 2
[ "$(rows_done d_items)" -gt 0 ] && [ "$(rows_done d_items)" -lt 16000 ] && pass ||
  fail "the slot pause did not come mid-backfill: $(rows_done d_items) rows done"
fast d_items
q "SELECT pg_drop_replication_slot('nobody_reads')" >/dev/null
finished slot $m 60
logged slot "d_items: going on after" && pass || fail "the backfill did not say it goes on: $(cat "$SCRATCH/slot.err")"
exactly_once d_items 16000
grep -E "d_items: (pausing|going on)" "$SCRATCH/slot.err"

# The standby replayed all of it.
lsn=$(q "SELECT pg_current_wal_lsn()")
until_ok 30 eval '[ "$(qs "SELECT pg_last_wal_replay_lsn() >= '"'$lsn'"'::pg_lsn")" = t ]' && pass || fail "the standby did not catch up"
[ "$(qs "SELECT count(*) FROM a_items WHERE n = 1")" = 30000 ] && pass || fail "the standby's a_items differs"
finish
