# The version matrix's scenario (scripts/test --pg-matrix, one run per major under
# tests/matrix/with_server): the shop example's two apps through expand, migrate (every backfill with
# 2 workers), rollback of both back to nothing with rows in the tables, expand and migrate again,
# contract, status; then verify (window on) on a throwaway server of the same major (--pg-bin), which
# must say which version it ran on.
source "$(dirname "$0")/../cli/lib.sh"
: "${PG_MAJOR:?run under tests/matrix/with_server}"
own_database shop
q() { psql -XAtqv ON_ERROR_STOP=1 -c "$1"; }
cp -r "$SOURCE_DIR/migrations-examples/shop/." shop && cd shop

run "$MIGRATE" status
expect_code 0 "status on a fresh database"
[ "$(q "SHOW server_version_num")" -ge "${PG_MAJOR}0000" ] && [ "$(q "SHOW server_version_num")" -lt "$((PG_MAJOR + 1))0000" ] &&
  pass || fail "the server is not PostgreSQL $PG_MAJOR: $(q "SHOW server_version")"

# Expand, then rows for the backfills (the seeds verify loads), then migrate with two workers.
run "$MIGRATE" apply --phase expand
expect_code 0 "apply --phase expand"
psql -XqAt -v ON_ERROR_STOP=1 -f seed_django.sql -f seed_fastapi.sql >/dev/null && pass || fail "the seeds did not load"
run "$MIGRATE" apply --phase migrate --workers 2
expect_code 0 "apply --phase migrate --workers 2"
[ "$(q "SELECT count(*) FROM customers WHERE email_verified IS NULL OR display_name IS DISTINCT FROM full_name")" = 0 ] &&
  pass || fail "customers not backfilled: $(q "SELECT count(*) FROM customers WHERE email_verified IS NULL OR display_name IS DISTINCT FROM full_name")"
[ "$(q "SELECT count(*) FROM customers WHERE email_verified <> coalesce(legacy_status = 'verified', false)")" = 0 ] &&
  pass || fail "email_verified wrong on some rows"
[ "$(q "SELECT count(*) FROM api_events WHERE body IS NULL")" = 0 ] && pass || fail "api_events.body not backfilled"
[ "$(q "SELECT count(*) FROM customers")" = 20000 ] && [ "$(q "SELECT count(*) FROM api_events")" = 20000 ] &&
  pass || fail "rows lost: $(q "SELECT count(*) FROM customers"), $(q "SELECT count(*) FROM api_events")"
run "$MIGRATE" status --format json
"${PYTHON:-/usr/bin/python3}" - "$OUT" <<'PY' && pass || fail "status after migrate: $STDOUT"
import json, sys
doc = json.load(open(sys.argv[1]))
steps = [s for app in doc["apps"] for m in app["migrations"] for s in m["steps"]]
done = [s for s in steps if s["phase"] in ("expand", "migrate")]
assert done and all(s["status"] == "applied" for s in done), [(s["phase"], s["status"]) for s in done]
assert sum(s["phase"] == "migrate" for s in done) >= 4
assert all(s["status"] == "pending" for s in steps if s["phase"] == "contract")
PY

# Back to nothing, with rows in the tables: every rollback works on this version.
for app in fastapi django; do
  run "$MIGRATE" rollback --to 0 --app "$app"
  expect_code 0 "rollback --to 0 --app $app"
done
[ "$(q "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] &&
  pass || fail "tables left after rollback --to 0: $(q "SELECT string_agg(tablename, ', ') FROM pg_tables WHERE schemaname = 'public'")"

# Forward again, all three phases, and the state status reports.
run "$MIGRATE" apply
expect_code 0 "apply (expand and migrate) after the rollback"
run "$MIGRATE" apply --phase contract
expect_code 0 "apply --phase contract"
run "$MIGRATE" status --format json
expect_code 0 "status --format json"
"${PYTHON:-/usr/bin/python3}" - "$OUT" <<'PY' && pass || fail "status: not every step applied: $STDOUT"
import json, sys
doc = json.load(open(sys.argv[1]))
steps = [s for app in doc["apps"] for m in app["migrations"] for s in m["steps"]]
assert steps and all(s["status"] == "applied" for s in steps), [(s["phase"], s["status"]) for s in steps]
PY
[ "$(q "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name IN ('full_name', 'legacy_status')")" = 0 ] &&
  pass || fail "contract left full_name or legacy_status"

# verify on a throwaway server of the same major, window on: every step applied, rolled back,
# re-applied, with the old release writing between the phases.
run "$MIGRATE" verify --pg-bin "$MIGRATE_PG_BIN" --database ephemeral
expect_code 0 "verify --pg-bin $MIGRATE_PG_BIN"
expect_stdout "(PostgreSQL $PG_MAJOR."
finish
