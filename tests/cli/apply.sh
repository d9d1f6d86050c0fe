# apply, rollback, status, history, baseline, repair against a real database of their own: the gates
# (phase order, out of order, drift, lint, irreversible), rollback restoring the schema exactly
# (pg_dump -s before and after), interrupted runs, and the JSON documents. Needs the PG* server of
# scripts/test.
source "$(dirname "$0")/lib.sh"

own_database apply
dump() { pg_dump -s --no-owner -N migrate "$OWN_DB" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' | sed '/^$/d'; }

write migrations/shop/100_users.sql '-- migrate:expand
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy_status text);
-- migrate:rollback
DROP TABLE users;
'
write migrations/shop/200_verified.sql '-- migrate:expand
ALTER TABLE users ADD COLUMN email_verified boolean;
CREATE INDEX CONCURRENTLY users_verified_idx ON users (email_verified);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS users_verified_idx;
ALTER TABLE users DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=users key=id batch=100
UPDATE users SET email_verified = (legacy_status = '"'verified'"')
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy_status;
-- migrate:rollback irreversible
'

# Django's and Alembic's bookkeeping share the database: status shows it, nothing ever writes it.
psql -Xq -c "CREATE TABLE django_migrations (id serial PRIMARY KEY, app text, name text, applied timestamptz);
  INSERT INTO django_migrations (app, name, applied) VALUES ('auth', '0001_initial', '2025-01-01');
  CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('ae1027a6acf');"
bookkeeping() { psql -XAtc "SELECT (SELECT string_agg(app || name || applied, ',') FROM django_migrations) || (SELECT version_num FROM alembic_version)"; }
bookkeeping_before=$(bookkeeping)

# Nothing yet: status reads without creating the ledger; everything is pending.
run "$MIGRATE" status --exit-code
expect_code 1
expect_stdout "100_users"
expect_stdout "4 pending, 0 drifted"
[ "$(psql -XAtc "SELECT count(*) FROM pg_namespace WHERE nspname = 'migrate'")" = 0 ] && pass || fail "status created the ledger"
expect_stdout "django_migrations: 1 rows, last applied 2025-01-01"
expect_stdout "alembic_version: ae1027a6acf (read only)"

run "$MIGRATE" apply --phase all --dry-run
expect_code 0
expect_stdout "would apply  shop 200_verified contract"
[ "$(psql -XAtc "SELECT count(*) FROM pg_namespace WHERE nspname = 'migrate'")" = 0 ] && pass || fail "--dry-run created the ledger"

# Phase gate: contract needs expand and migrate.
run "$MIGRATE" apply --phase contract
expect_code 5
expect_stderr "200_verified contract needs 200_verified expand first"
expect_stderr "nothing was applied"

# --to names a known version.
run "$MIGRATE" apply --phase all --to 150
expect_code 2
expect_stderr "--to 150: no migration has that version"

before_all=$(dump)
run "$MIGRATE" apply --phase expand
expect_code 0
expect_stdout "applied  shop 100_users expand  1 statement"
expect_stdout "applied  shop 200_verified expand  2 statements"
psql -Xqc "INSERT INTO users SELECT g, 'u' || g, CASE WHEN g % 3 = 0 THEN 'verified' END FROM generate_series(1, 1000) g"

# The plan against the database: pending steps with their locks and row estimates.
psql -Xqc "ANALYZE users"
run "$MIGRATE" plan
expect_code 0
expect_stdout "Plan against"
expect_stdout "ACCESS EXCLUSIVE on users (~1000 rows)"
run "$MIGRATE" plan --format json
python3 - "$OUT" <<'PY' && pass || fail "plan --format json against the database"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1 and doc["offline"] is False
phases = [(s["version"], s["phase"]) for s in doc["steps"]]
assert phases == [("200", "migrate"), ("200", "contract")], phases
locks = doc["steps"][1]["forward"]["statements"][0]["locks"]
assert locks[0]["lock"] == "ACCESS EXCLUSIVE" and locks[0]["rows_estimate"] == 1000, locks
PY

run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "applied  shop 200_verified migrate  1 statement, 1000 rows backfilled"
expect_stdout "applied  shop 200_verified contract"
[ "$(psql -XAtc "SELECT count(*) FROM users WHERE coalesce(email_verified, false) = (id % 3 = 0)")" = 1000 ] && pass || fail "backfill result"

run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "Nothing to apply."

run "$MIGRATE" status --format json --exit-code
expect_code 0
python3 - "$OUT" <<'PY' && pass || fail "status --format json"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1 and doc["pending"] == 0 and doc["drifted"] == 0
app = doc["apps"][0]
assert app["app"] == "shop"
steps = {(m["version"], s["phase"]): s["status"] for m in app["migrations"] for s in m["steps"]}
assert steps == {("100", "expand"): "applied", ("200", "expand"): "applied", ("200", "migrate"): "applied", ("200", "contract"): "applied"}, steps
assert app["backfills"][0]["rows_done"] == 1000 and app["backfills"][0]["status"] == "finished"
assert doc["bookkeeping"]["django_migrations"]["rows"] == 1, doc["bookkeeping"]
assert doc["bookkeeping"]["alembic_version"] == ["ae1027a6acf"], doc["bookkeeping"]
PY

[ "$(bookkeeping)" = "$bookkeeping_before" ] && pass || fail "django_migrations or alembic_version changed"

# Irreversible: refused, nothing changed; --force marks it forced (not pending: apply refuses it).
run "$MIGRATE" rollback
expect_code 5
expect_stderr "200_verified contract has an irreversible rollback"
run "$MIGRATE" rollback --force
expect_code 0
expect_stdout "forced   shop 200_verified contract"

# Drift: an applied section whose file changed stops apply (exit 5) and shows in status.
cp migrations/shop/100_users.sql "$SCRATCH/users.orig"
sed -i 's/legacy_status text/legacy_status text, note text/' migrations/shop/100_users.sql
run "$MIGRATE" apply --phase all
expect_code 5
expect_stderr "100_users expand changed after it was applied"
run "$MIGRATE" status --exit-code
expect_code 1
expect_stdout "the file changed after it was applied (drift)"
cp "$SCRATCH/users.orig" migrations/shop/100_users.sql

# Out of order: a new migration older than an applied one is refused.
write migrations/shop/150_orders.sql '-- migrate:expand
CREATE TABLE orders (id bigint PRIMARY KEY);
-- migrate:rollback
DROP TABLE orders;
'
run "$MIGRATE" apply --phase expand
expect_code 5
expect_stderr "150_orders expand is older than 200_verified expand, which is applied already"
MIGRATE_ALLOW_OUT_OF_ORDER=true run "$MIGRATE" apply --phase expand
expect_code 0
expect_stdout "applied  shop 150_orders expand"

# Rollback to the start restores the schema exactly (the contract was forgotten, so drop its column's
# absence from the comparison by re-adding it first).
psql -Xqc "ALTER TABLE users ADD COLUMN legacy_status text"
run "$MIGRATE" rollback --to 0 --dry-run # all of the app
expect_code 0
expect_stdout "would roll back  shop 100_users expand"
run "$MIGRATE" rollback --steps 10
expect_code 0
expect_stdout "rolled back  shop 150_orders expand"
expect_stdout "rolled back  shop 200_verified migrate"
expect_stdout "rolled back  shop 100_users expand"
after_all=$(dump)
[ "$before_all" = "$after_all" ] && pass || fail "pg_dump -s differs after rolling everything back: $(diff <(echo "$before_all") <(echo "$after_all"))"

# And forward again, then back one step at a time, comparing each step's schema.
rm migrations/shop/150_orders.sql
run "$MIGRATE" apply --phase expand --to 100
expect_code 0
one=$(dump)
run "$MIGRATE" apply --phase expand
expect_code 0
run "$MIGRATE" rollback
expect_code 0
expect_stdout "rolled back  shop 200_verified expand"
[ "$one" = "$(dump)" ] && pass || fail "pg_dump -s differs after rolling back one step"

# The lint gate: an error finding stops apply (exit 5); --skip-lint goes ahead and is recorded.
write migrations/shop/300_idx.sql '-- migrate:expand
CREATE INDEX users_email_idx ON users (email);
-- migrate:rollback
DROP INDEX users_email_idx;
'
run "$MIGRATE" apply --phase expand
expect_code 5
expect_stderr "migrations/shop/300_idx.sql:2:1"
expect_stderr "lint error"
run "$MIGRATE" apply --phase expand --skip-lint
expect_code 0
expect_stdout "applied  shop 300_idx expand"
[ "$(psql -XAtc "SELECT skip_lint FROM migrate.ledger WHERE version = '300'")" = t ] && pass || fail "skip_lint not recorded"

# A failing statement: exit 3, the section's transaction rolled back, the ledger says failed; repair
# clears it after a human has looked.
write migrations/shop/400_bad.sql '-- migrate:expand
CREATE TABLE t400 (id int);
ALTER TABLE nope ADD COLUMN x int;
-- migrate:rollback
DROP TABLE t400;
'
run "$MIGRATE" apply --phase expand
expect_code 3
expect_stderr "migrations/shop/400_bad.sql:3:1"
[ "$(psql -XAtc "SELECT to_regclass('t400') IS NULL")" = t ] && pass || fail "half of a failed section is left"
run "$MIGRATE" status
expect_stdout "400_bad expand: failed"
run "$MIGRATE" repair --dry-run
expect_code 5 # the forced contract needs --force
expect_stderr "200_verified contract was rolled back with --force"
run "$MIGRATE" repair --force --dry-run
expect_stdout "would clear  shop 400_bad expand (failed)"
expect_stdout "would clear  shop 200_verified contract (forced)"
run "$MIGRATE" repair --force
expect_code 0
[ "$(psql -XAtc "SELECT count(*) FROM migrate.ledger WHERE version = '400'")" = 0 ] && pass || fail "repair left the failed row"

run "$MIGRATE" history --format json --limit 100
expect_code 0
python3 - "$OUT" <<'PY' && pass || fail "history --format json"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1
actions = [e["action"] for e in doc["events"]]
assert actions[0] == "repaired" and "failed" in actions and "forced" in actions and "rolled_back" in actions, actions
assert all(e["applied_by"] and e["host"] for e in doc["events"])
PY
run "$MIGRATE" history
expect_stdout "shop 400_bad expand  repaired"

# Baseline: adopt a database that has the schema already, from another app directory.
write migrations/legacy/10_base.sql '-- migrate:expand
CREATE TABLE legacy_things (id int);
-- migrate:rollback
DROP TABLE legacy_things;
'
write migrations/legacy/20_more.sql '-- migrate:expand
CREATE TABLE legacy_more (id int);
-- migrate:rollback
DROP TABLE legacy_more;
'
psql -Xqc "CREATE TABLE legacy_things (id int)"
run "$MIGRATE" baseline 10 --app legacy
expect_code 0
expect_stdout "legacy: 1 step up to 10 recorded as applied (baseline)"
run "$MIGRATE" baseline 10 --app legacy
expect_code 5
run "$MIGRATE" apply --phase all --app legacy
expect_code 0
expect_stdout "applied  legacy 20_more expand"
run "$MIGRATE" rollback
expect_code 2
expect_stderr "rollback works on one app at a time"

# A blocked step retries (each wait bounded by --lock-timeout) and holds the ledger lock meanwhile: a
# second run gives up after --wait with exit 5 naming the holder; the first finishes once the blocker ends.
rm migrations/shop/400_bad.sql
write migrations/shop/500_slow.sql '-- migrate:expand
ALTER TABLE users ADD COLUMN z int;
-- migrate:rollback
ALTER TABLE users DROP COLUMN z;
'
psql -Xq -c "BEGIN; LOCK users IN ACCESS SHARE MODE; SELECT pg_sleep(3); COMMIT" >/dev/null &
blocker=$!
sleep 0.5
"$MIGRATE" apply --app shop --phase expand --lock-timeout 200ms --lock-retries 100 >"$SCRATCH/first.out" 2>"$SCRATCH/first.err" &
first=$!
sleep 1
run "$MIGRATE" apply --phase all --app shop --wait 1s
expect_code 5
expect_stderr "another migrate run holds the ledger lock"
expect_stderr "application migrate"
wait "$blocker"
wait "$first"; first_code=$?
[ "$first_code" = 0 ] && pass || fail "the blocked run did not finish: $first_code $(cat "$SCRATCH/first.err")"
grep -q "lock not granted within 200ms" "$SCRATCH/first.err" && pass || fail "no lock timeout logged: $(cat "$SCRATCH/first.err")"
grep -q "held by pid" "$SCRATCH/first.err" && pass || fail "the blocker is not named: $(cat "$SCRATCH/first.err")"
grep -q "applied  shop 500_slow expand" "$SCRATCH/first.out" && pass || fail "500_slow not applied"

finish
