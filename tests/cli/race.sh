# Runners that overlap, the way production breaks them: N `apply` (2, 3, 5) of one app and of two
# apps started together at a gate with random delays; `rollback` racing `apply`; kill -9 in the middle
# followed by rollback and apply; a runner killed or cut off at a random fault point. The migrations
# mix backfills (a statement that is not idempotent: v2 = coalesce(v2, 0) + v), no-transaction
# sections with CONCURRENTLY, DDL that fails when run twice, and an `INSERT INTO log` in every phase.
# After every round, once a final `apply` has run: every phase's log line exactly once, every ledger
# row applied, every backfilled row processed exactly once.
#
# RACE_ROUNDS (default 2) rounds of each kind; tests/bench/concurrency runs hundreds. RACE_SEED fixes
# the random choices (printed at the start, so a failing run can be replayed). Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database race
ROUNDS="${RACE_ROUNDS:-2}"
SEED="${RACE_SEED:-$$}"
RANDOM=$SEED
echo "race: $ROUNDS rounds of each kind, RACE_SEED=$SEED"
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

write migrations/a/1_fill.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN note text;
INSERT INTO log VALUES ('"'"'a1 expand'"'"');
-- migrate:rollback
DELETE FROM log WHERE x = '"'"'a1 expand'"'"';
ALTER TABLE items DROP COLUMN note;

-- migrate:migrate
INSERT INTO log VALUES ('"'"'a1 migrate before'"'"');
-- migrate:backfill table=items key=id batch=400
UPDATE items SET v2 = coalesce(v2, 0) + v + (SELECT 0 FROM pg_sleep(0.01)) WHERE id > $1 AND id <= $2;
INSERT INTO log VALUES ('"'"'a1 migrate after'"'"');
-- migrate:rollback
UPDATE items SET v2 = NULL;
DELETE FROM log WHERE x LIKE '"'"'a1 migrate%'"'"';

-- migrate:contract
INSERT INTO log VALUES ('"'"'a1 contract'"'"');
ALTER TABLE items DROP COLUMN note;
-- migrate:rollback
ALTER TABLE items ADD COLUMN note text;
DELETE FROM log WHERE x = '"'"'a1 contract'"'"';
'
write migrations/a/2_idx.sql '-- migrate:expand
CREATE INDEX CONCURRENTLY items_v_idx ON items (v);
INSERT INTO log VALUES ('"'"'a2 expand'"'"');
CREATE INDEX CONCURRENTLY items_v2_idx ON items (v2);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS items_v2_idx;
DELETE FROM log WHERE x = '"'"'a2 expand'"'"';
DROP INDEX CONCURRENTLY IF EXISTS items_v_idx;
'
write migrations/a/3_after.sql '-- migrate:expand
INSERT INTO log VALUES ('"'"'a3 expand'"'"');
-- migrate:rollback
DELETE FROM log WHERE x = '"'"'a3 expand'"'"';
'
write migrations/b/1_fill.sql '-- migrate:expand
INSERT INTO log VALUES ('"'"'b1 expand'"'"');
-- migrate:rollback
DELETE FROM log WHERE x = '"'"'b1 expand'"'"';

-- migrate:migrate
-- migrate:backfill table=things key=id batch=300
UPDATE things SET v2 = coalesce(v2, 0) + v + (SELECT 0 FROM pg_sleep(0.01)) WHERE id > $1 AND id <= $2;
INSERT INTO log VALUES ('"'"'b1 migrate'"'"');
-- migrate:rollback
UPDATE things SET v2 = NULL;
DELETE FROM log WHERE x = '"'"'b1 migrate'"'"';

-- migrate:contract
INSERT INTO log VALUES ('"'"'b1 contract'"'"');
-- migrate:rollback
DELETE FROM log WHERE x = '"'"'b1 contract'"'"';
'
MARKERS="a1 contract|a1 expand|a1 migrate after|a1 migrate before|a2 expand|a3 expand|b1 contract|b1 expand|b1 migrate"
STEPS=8

fresh() {
  psql -Xq -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS migrate CASCADE;
DROP TABLE IF EXISTS items, things, log;
CREATE TABLE log (x text, at timestamptz DEFAULT clock_timestamp());
CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, v2 int);
INSERT INTO items SELECT g, g % 97 + 1, NULL FROM generate_series(1, 20000) g;
CREATE TABLE things (id int PRIMARY KEY, v int NOT NULL, v2 int);
INSERT INTO things SELECT g, g % 89 + 1, NULL FROM generate_series(1, 15000) g;
ANALYZE items, things;
SQL
}

# runner N ARGS...: one migrate command behind the gate, after a random delay (0 to 400 ms).
runner() {
  local n=$1; shift
  local delay=$((RANDOM % 400))
  (
    while [ ! -e "$SCRATCH/go" ]; do sleep 0.01; done
    sleep "$(printf '0.%03d' "$delay")"
    exec "$MIGRATE" "$@" --wait 120s
  ) >"$SCRATCH/r$n.out" 2>"$SCRATCH/r$n.err" &
  PIDS+=($!)
  ARGS+=("$*")
}
go() { touch "$SCRATCH/go"; }
reset_gate() { rm -f "$SCRATCH/go" "$SCRATCH"/r*.out "$SCRATCH"/r*.err; PIDS=(); ARGS=(); }
# collect OKCODES: waits for every runner; a code outside OKCODES (a regex) fails the round.
collect() {
  local i=0
  for pid in "${PIDS[@]}"; do
    wait "$pid"; local code=$?
    if ! [[ "$code" =~ ^($1)$ ]]; then
      fail "$LABEL: runner $i (${ARGS[$i]}) exit $code: $(tail -5 "$SCRATCH/r$i.err")"
    fi
    i=$((i + 1))
  done
}
random_apply() { # args for an apply of one app, or of both
  local args=(apply --phase all --skip-lint)
  case $((RANDOM % 3)) in 0) args+=(--app a) ;; 1) args+=(--app b) ;; esac
  [ $((RANDOM % 2)) = 0 ] && args+=(--workers 2)
  echo "${args[@]}"
}

# settle: the final apply, then the checks of the round.
settle() {
  local tries=0
  until run "$MIGRATE" apply --phase all --skip-lint --wait 120s; [ "$CODE" = 0 ] || [ $tries -ge 2 ]; do tries=$((tries + 1)); done
  expect_code 0 "$LABEL: the final apply"
  local got; got=$(q "SELECT string_agg(x || ' x' || n, ', ' ORDER BY x) FROM (SELECT x, count(*) n FROM log GROUP BY x) s")
  local want; want=$(tr '|' '\n' <<<"$MARKERS" | sed 's/$/ x1/' | paste -sd, - | sed 's/,/, /g')
  [ "$got" = "$want" ] && pass || fail "$LABEL: each phase's work exactly once: got [$got]"
  local rows; rows=$(q "SELECT count(*) FILTER (WHERE status = 'applied') || '/' || count(*) FROM migrate.ledger")
  [ "$rows" = "$STEPS/$STEPS" ] && pass || fail "$LABEL: ledger rows applied: $rows: $(q "SELECT version, phase, status FROM migrate.ledger WHERE status <> 'applied'")"
  local wrong; wrong=$(q "SELECT (SELECT count(*) FROM items WHERE v2 IS DISTINCT FROM v) + (SELECT count(*) FROM things WHERE v2 IS DISTINCT FROM v)")
  [ "$wrong" = 0 ] && pass || fail "$LABEL: $wrong backfilled rows not processed exactly once"
  [ "$(q "SELECT count(*) FROM pg_index WHERE NOT indisvalid")" = 0 ] && pass || fail "$LABEL: an INVALID index is left"
}

rounds=0
for r in $(seq 1 "$ROUNDS"); do
  # 1. N applies at once, of one app or both, some with two workers each.
  for n in 2 3 5; do
    LABEL="round $r: $n applies"
    fresh; reset_gate
    for i in $(seq 0 $((n - 1))); do
      # shellcheck disable=SC2046 # the words of random_apply
      runner "$i" $(random_apply)
    done
    go; collect 0
    # Nothing was left for the final apply of what the runners were asked to do together.
    settle; rounds=$((rounds + 1))
  done

  # 2. A runner killed (or cut off from the server) at a random fault point while two others apply.
  LABEL="round $r: a fault"
  fresh; reset_gate
  points=(ledger batch-commit statement-after statement-before before-commit cic)
  point="${points[$((RANDOM % ${#points[@]}))]}@$((RANDOM % 4 + 1))"
  [ $((RANDOM % 2)) = 0 ] && point="$point:drop"
  LABEL="$LABEL ($point)"
  MIGRATE_FAULT="$point" runner 0 apply --phase all --skip-lint --workers 2
  runner 1 $(random_apply)
  runner 2 $(random_apply)
  go; collect '0|3|137|5'
  settle; rounds=$((rounds + 1))

  # 3. Rollbacks racing applies.
  LABEL="round $r: rollback racing apply"
  fresh; reset_gate
  "$MIGRATE" apply --phase all --skip-lint --app b >/dev/null 2>&1 # something applied to roll back from the start
  runner 0 $(random_apply)
  runner 1 $(random_apply)
  case $((RANDOM % 4)) in
    0) runner 2 rollback --app a --skip-lint ;;
    1) runner 2 rollback --app a --skip-lint --steps $((RANDOM % 4 + 1)) ;;
    2) runner 2 rollback --app b --skip-lint --steps $((RANDOM % 3 + 1)) ;;
    3) runner 2 rollback --app a --skip-lint --phase expand --steps 2 ;;
  esac
  LABEL="$LABEL (${ARGS[2]})"
  go; collect '0|5'
  settle; rounds=$((rounds + 1))

  # 4. kill -9 in the middle, then rollback, then apply.
  LABEL="round $r: kill -9, rollback, apply"
  fresh
  "$MIGRATE" apply --phase all --skip-lint --workers 2 --app a >"$SCRATCH/k.out" 2>"$SCRATCH/k.err" &
  pid=$!
  sleep "$(printf '0.%d' $((RANDOM % 9 + 1)))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  steps=$((RANDOM % 3 + 1))
  LABEL="$LABEL (rollback --steps $steps)"
  run "$MIGRATE" rollback --app a --skip-lint --steps "$steps"
  [[ "$CODE" =~ ^(0|5)$ ]] && pass || fail "$LABEL: rollback exit $CODE: $STDERR"
  # a refusal must say why, and never leave a half-rolled-back step behind
  settle; rounds=$((rounds + 1))
done
echo "race: $rounds rounds, $FAILURES failed checks"
finish
