# Two apps released at the same moment (a Django release and a FastAPI release): two `migrate apply`
# processes against one database, each with CREATE INDEX CONCURRENTLY, several rounds. Both succeed
# every round (the waiting one polls the ledger lock outside any transaction, so it never holds up
# the other's CONCURRENTLY build), and every step is recorded exactly once. Needs the PG* server.
source "$(dirname "$0")/lib.sh"

own_database two_apps

cat >migrate.toml <<'TOML'
[apps.django]
dir = "migrations/django"
owns = ["public.dj_*"]

[apps.fastapi]
dir = "migrations/fastapi"
owns = ["public.api_*"]
TOML
psql -Xq -c "CREATE TABLE dj_items (id bigint PRIMARY KEY, n int); INSERT INTO dj_items SELECT g, g FROM generate_series(1, 200000) g;
             CREATE TABLE api_items (id bigint PRIMARY KEY, n int); INSERT INTO api_items SELECT g, g FROM generate_series(1, 200000) g;"

rounds=4
for round in $(seq 1 $rounds); do
  for app in django fastapi; do
    t=$([ $app = django ] && echo dj_items || echo api_items)
    write "migrations/$app/${round}00_round$round.sql" "-- migrate:expand
ALTER TABLE $t ADD COLUMN c$round int;
CREATE INDEX CONCURRENTLY ${t}_n${round}_idx ON $t (n, id);
CREATE INDEX CONCURRENTLY ${t}_c${round}_idx ON $t (c$round);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS ${t}_c${round}_idx;
DROP INDEX CONCURRENTLY IF EXISTS ${t}_n${round}_idx;
ALTER TABLE $t DROP COLUMN IF EXISTS c$round;
"
  done
  "$MIGRATE" apply --app django --phase expand >"$SCRATCH/dj.out" 2>"$SCRATCH/dj.err" &
  dj=$!
  "$MIGRATE" apply --app fastapi --phase expand >"$SCRATCH/api.out" 2>"$SCRATCH/api.err" &
  api=$!
  wait $dj; dj_code=$?
  wait $api; api_code=$?
  [ "$dj_code" = 0 ] && pass || fail "round $round: django apply exit $dj_code: $(cat "$SCRATCH/dj.err")"
  [ "$api_code" = 0 ] && pass || fail "round $round: fastapi apply exit $api_code: $(cat "$SCRATCH/api.err")"
  cat "$SCRATCH/dj.err" "$SCRATCH/api.err" >>"$SCRATCH/all.err"
  grep -q "applied  django ${round}00_round$round expand" "$SCRATCH/dj.out" && pass || fail "round $round: django step not applied"
  grep -q "applied  fastapi ${round}00_round$round expand" "$SCRATCH/api.out" && pass || fail "round $round: fastapi step not applied"
done

# They did meet: one of them waited for the other's ledger lock at least once.
grep -q "waiting for another migrate run to finish: pid" "$SCRATCH/all.err" && pass || fail "the runs never overlapped"

# Every step exactly once, in the ledger and in the events; every index valid.
[ "$(psql -XAtc "SELECT count(*) FROM migrate.ledger WHERE status = 'applied'")" = $((2 * rounds)) ] && pass ||
  fail "ledger rows: $(psql -XAtc "SELECT app, version, status FROM migrate.ledger")"
[ "$(psql -XAtc "SELECT count(*) FROM (SELECT app, version FROM migrate.events WHERE action = 'applied' GROUP BY 1, 2 HAVING count(*) = 1) s")" = $((2 * rounds)) ] && pass ||
  fail "events: $(psql -XAtc "SELECT app, version, action FROM migrate.events")"
[ "$(psql -XAtc "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname ~ '_[nc][0-9]+_idx$' AND i.indisvalid")" = $((4 * rounds)) ] && pass ||
  fail "indexes: $(psql -XAtc "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname ~ '_idx$'")"
# Each app saw only its own rows: status of one app lists only its migrations.
run "$MIGRATE" status --app fastapi --format json
python3 - "$OUT" <<'PY' && pass || fail "status --app fastapi shows another app's rows"
import json, sys
doc = json.load(open(sys.argv[1]))
assert [a["app"] for a in doc["apps"]] == ["fastapi"]
PY
finish
