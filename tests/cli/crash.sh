# The crash matrix: `migrate apply` killed (SIGKILL) or cut off from the server at every point an
# uninterrupted run passes (MIGRATE_FAULT, src/util/fault.hpp): before and after each statement, with
# a step's transaction written but not committed, between a backfill batch and its commit, after each
# ledger write, during CREATE INDEX CONCURRENTLY and while waiting for another run's ledger lock. After
# each, the next `apply` (or `repair` and then `apply`, where a human is needed) must end in the state
# of an uninterrupted run: the same schema, the same ledger, every backfill row processed exactly once
# (the backfill adds 1 to a counter, so a batch run twice would show). Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database crash
base="$OWN_DB"

write migrations/app/1_items.sql '-- migrate:expand
CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0, note text);
INSERT INTO items (id, note) SELECT g, '"'note '"' || g FROM generate_series(1, 3000) g;
-- migrate:rollback
DROP TABLE items;
'
write migrations/app/2_change.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN flag boolean;
CREATE INDEX CONCURRENTLY items_note_idx ON items (note);
ALTER TABLE items ADD COLUMN extra integer;
-- migrate:rollback
ALTER TABLE items DROP COLUMN IF EXISTS extra;
DROP INDEX CONCURRENTLY IF EXISTS items_note_idx;
ALTER TABLE items DROP COLUMN IF EXISTS flag;

-- migrate:migrate
-- migrate:backfill table=items key=id batch=400
UPDATE items SET n = n + 1 WHERE id > $1 AND id <= $2;
-- migrate:rollback
UPDATE items SET n = 0;

-- migrate:contract
ALTER TABLE items DROP COLUMN note;
-- migrate:rollback irreversible
'

q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
# What an uninterrupted run leaves: the schema, the ledger, the backfill's bookkeeping and counters.
state() {
  pg_dump -s -n public --no-owner --no-privileges | grep -v -E '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | grep -v '^$'
  q "SELECT app, version, phase, name, checksum, status, statements_done, rollback FROM migrate.ledger ORDER BY 1, 2, 3"
  q "SELECT app, version, phase, statement, status, (SELECT sum(rows_done) FROM migrate.backfill_shard s
       WHERE s.app = b.app AND s.version = b.version AND s.phase = b.phase AND s.statement = b.statement)
     FROM migrate.backfill b ORDER BY 1, 2, 3, 4"
  q "SELECT 'items with n <> 1: ' || count(*) FROM items WHERE n <> 1"
  q "SELECT 'invalid indexes: ' || count(*) FROM pg_index WHERE NOT indisvalid"
}
fresh() { dropdb --if-exists "$base" && createdb "$base"; }

# The uninterrupted run, and the points it passes.
run env MIGRATE_FAULT_TRACE="$SCRATCH/trace" "$MIGRATE" apply --phase all
expect_code 0 "the uninterrupted run"
state >"$SCRATCH/expected"
grep -q "items with n <> 1: 0" "$SCRATCH/expected" && pass || fail "the uninterrupted run: $(cat "$SCRATCH/expected")"
for p in statement-before statement-after before-commit batch-commit ledger cic; do
  grep -qx "$p" "$SCRATCH/trace" && pass || fail "the run never passed $p: $(sort "$SCRATCH/trace" | uniq -c)"
done
echo "crash matrix over $(wc -l <"$SCRATCH/trace") points: $(sort "$SCRATCH/trace" | uniq -c | awk '{printf "%s %s, ", $1, $2}')"

# recover LABEL: applies until done, with a repair where apply says a human is needed; then compares.
recovered=0 repaired=0
recover() {
  run "$MIGRATE" apply --phase all
  if [ "$CODE" != 0 ]; then
    first="$STDERR"
    run "$MIGRATE" repair
    expect_code 0 "$1: repair after: $first"
    run "$MIGRATE" apply --phase all
    repaired=$((repaired + 1))
    echo "$1: apply after the fault said: $(head -c 300 <<<"$first")"
  fi
  expect_code 0 "$1: apply after the fault"
  state >"$SCRATCH/got"
  if diff -u "$SCRATCH/expected" "$SCRATCH/got" >"$SCRATCH/diff"; then
    pass; recovered=$((recovered + 1))
  else
    fail "$1: not the state of an uninterrupted run:"$'\n'"$(cat "$SCRATCH/diff")"
  fi
}

# walk ACTION CODE: at every point an uninterrupted run passes, each time it passes it, the fault
# ACTION; the run exits CODE, and the next apply recovers.
walk() {
  local -A nth=()
  local point label
  while read -r point; do
    nth[$point]=$(( ${nth[$point]:-0} + 1 ))
    [ "$1" = drop ] && [ "$point" = cic ] && continue # a timer mid-statement: that one only kills
    label="$1 at $point@${nth[$point]}"
    fresh
    run env MIGRATE_FAULT="$point@${nth[$point]}:$1" MIGRATE_FAULT_DELAY_MS=5 "$MIGRATE" apply --phase all
    [ "$CODE" = "$2" ] && pass || fail "$label: expected exit $2, got $CODE: $STDERR"
    recover "$label"
  done <"$SCRATCH/trace"
}
walk kill 137 # SIGKILL
walk drop 3   # the server ends the connection: exit 3, the database failed us
echo "recovered $recovered times, $repaired of them with a repair"

# after_items SQL: a fresh database with the first migration applied, and SQL running beside it
# (its pid in $holder).
after_items() {
  fresh
  run "$MIGRATE" apply --phase all --to 1
  expect_code 0
  psql -XAtq -c "$1" >/dev/null &
  holder=$!
  sleep 0.3
}

# During CREATE INDEX CONCURRENTLY for certain: an open transaction makes the build wait for it, the
# kill lands mid-build and leaves the INVALID index; the server ends the orphaned build, and the next
# apply drops the invalid index and builds it again.
after_items "BEGIN; SELECT txid_current(); SELECT pg_sleep(3); COMMIT"
run env MIGRATE_FAULT="cic" MIGRATE_FAULT_DELAY_MS=800 "$MIGRATE" apply --phase all
[ "$CODE" = 137 ] && pass || fail "mid-CIC: expected 137, got $CODE: $STDERR"
[ "$(q "SELECT count(*) FROM pg_index WHERE indexrelid = 'items_note_idx'::regclass AND NOT indisvalid")" = 1 ] &&
  pass || fail "the kill did not land mid-build: $(q "SELECT indexrelid::regclass, indisvalid FROM pg_index WHERE indrelid = 'items'::regclass")"
wait $holder
recover "kill during a CREATE INDEX CONCURRENTLY that waits"

# While waiting for another run's ledger lock: the waiting run dies, the other finishes, and the
# next apply finds nothing to do.
after_items "BEGIN; LOCK items IN ACCESS SHARE MODE; SELECT pg_sleep(2); COMMIT"
"$MIGRATE" apply --phase all --lock-timeout 5s >"$SCRATCH/first.out" 2>"$SCRATCH/first.err" &
first=$!
sleep 0.5
run env MIGRATE_FAULT="lock-wait" "$MIGRATE" apply --phase all --wait 10s
[ "$CODE" = 137 ] && pass || fail "lock-wait: expected 137, got $CODE: $STDERR"
wait $first && pass || fail "the run holding the lock: $(cat "$SCRATCH/first.err")"
wait $holder
recover "kill while waiting for the ledger lock"
finish
