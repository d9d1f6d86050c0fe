# migrate verify: every example folder verifies; each kind of broken rollback is caught and named
# (an index, a column, a constraint left NOT VALID, a default, an enum value, a view, a rollback that
# fails); correct migrations with a backfill and seeds pass; the lock trace shows in text and JSON;
# --database URL works on a scratch database it drops; bad input and a failing step exit 2 and 3.
source "$(dirname "$0")/lib.sh"

# 1. Every folder of migrations-examples/ verifies on a throwaway server, as its README says.
for example in "$SOURCE_DIR"/migrations-examples/*/; do
  (cd "$example" && "$MIGRATE" verify >"$SCRATCH/example.out" 2>"$SCRATCH/example.err") && pass ||
    fail "example $(basename "$example") does not verify: $(cat "$SCRATCH/example.out" "$SCRATCH/example.err")"
  grep -q " 0 failed;" "$SCRATCH/example.out" && pass || fail "example $(basename "$example"): $(cat "$SCRATCH/example.out")"
done

# 2. Broken rollbacks, one of each kind, and what verify says of each.
mkdir broken && cd broken
write migrations/app/001_base.sql '-- migrate:expand
CREATE TYPE mood AS ENUM ('"'sad'"', '"'ok'"');
CREATE TABLE users (id bigint PRIMARY KEY, email text DEFAULT '"''"', m mood, CONSTRAINT email_nn CHECK (email IS NOT NULL));
CREATE VIEW active AS SELECT id FROM users;
-- migrate:rollback
DROP VIEW active;
DROP TABLE users;
DROP TYPE mood;
'
write migrations/app/002_index_left.sql '-- migrate:expand
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
-- migrate:rollback
SELECT 1;
'
write migrations/app/003_column_left.sql '-- migrate:expand
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;
-- migrate:rollback
SELECT 1;
'
write migrations/app/004_not_valid.sql '-- migrate:expand
ALTER TABLE users DROP CONSTRAINT email_nn;
ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL AND email <> '"''"') NOT VALID;
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT email_nn;
ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;
'
write migrations/app/005_default.sql '-- migrate:expand
ALTER TABLE users ALTER COLUMN email SET DEFAULT '"'nobody'"';
-- migrate:rollback
ALTER TABLE users ALTER COLUMN email SET DEFAULT '"'none'"';
'
write migrations/app/006_enum.sql '-- migrate:expand
ALTER TYPE mood ADD VALUE IF NOT EXISTS '"'happy'"';
-- migrate:rollback
SELECT 1;
'
write migrations/app/007_view.sql '-- migrate:expand
CREATE OR REPLACE VIEW active AS SELECT id, email FROM users;
-- migrate:rollback
DROP VIEW active;
CREATE VIEW active AS SELECT id FROM users WHERE id > 0;
'
write migrations/app/008_rollback_fails.sql '-- migrate:expand
CREATE TABLE audit (id int);
-- migrate:rollback
DROP TABLE audti;
'
write migrations/app/009_contract.sql '-- migrate:contract
ALTER TABLE users DROP COLUMN m;
-- migrate:rollback irreversible
'
run "$MIGRATE" verify
expect_code 1
expect_stdout "index public.users_email_idx is still there after rolling back 002_index_left (expand)"
expect_stdout "column public.users.nickname is still there after rolling back 003_column_left (expand)"
expect_stdout "constraint email_nn on public.users: validated is false after rolling back 004_not_valid (expand); it was true before"
expect_stdout "column public.users.email: default is 'none'::text after rolling back 005_default (expand); it was ''::text before"
expect_stdout "type public.mood: values is sad, ok, happy after rolling back 006_enum (expand); it was sad, ok before"
expect_stdout "view public.active: definition is SELECT users.id FROM users WHERE (users.id > 0); after rolling back 007_view (expand); it was SELECT users.id FROM users; before"
expect_stdout "the rollback of 008_rollback_fails (expand) failed:"
expect_stdout 'table "audti" does not exist'
expect_stdout "contract  not rolled back  applied; not rolled back: its rollback is irreversible"
expect_stdout "9 steps: 1 round-tripped, 1 not rolled back, 7 failed"
# The lock trace, beside each statement.
expect_stdout "CREATE INDEX CONCURRENTLY IF NOT EXISTS users..."
expect_stdout "SHARE UPDATE EXCLUSIVE on users"
expect_stdout "ALTER TABLE users DROP COLUMN m"
run "$MIGRATE" verify --format json
expect_code 1
python3 - "$OUT" <<'PY' && pass || fail "verify --format json: $STDOUT"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1 and d["ok"] is False, d
results = {s["version"]: s["result"] for s in d["steps"]}
assert results == {"001": "ok", "002": "different", "003": "different", "004": "different", "005": "different",
                   "006": "different", "007": "different", "008": "rollback_failed", "009": "irreversible"}, results
assert d["summary"]["failed"] == 7 and d["summary"]["steps"] == 9, d["summary"]
cic = d["steps"][1]["statements"][0]
assert cic["traced"] and cic["in_transaction"] is False and cic["scans"] is None, cic
assert {"relation": "public.users", "kind": "table", "mode": "ShareUpdateExclusiveLock"} in cic["locks"], cic
assert cic["disagreements"] == [], cic
drop = d["steps"][8]["statements"][0]
assert any(l["mode"] == "AccessExclusiveLock" and l["relation"] == "public.users" for l in drop["locks"]), drop
assert drop["expected"] == [{"table": "public.users", "lock": "ACCESS EXCLUSIVE", "rewrite": False, "scan": False}], drop
PY
cd ..

# 3. Correct migrations with a backfill, seeds before the first migration and after one: exit 0.
# (The backfill has no dual-write trigger, so with the old release writing between the phases it would
# fail before contract: window.sh shows that. Here the window is off: --no-window.)
mkdir good && cd good
write migrations/shop/100_users.sql '-- migrate:expand
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_status text, org int REFERENCES orgs (id));
-- migrate:rollback
DROP TABLE users;
'
write migrations/shop/200_verified.sql '-- migrate:expand
ALTER TABLE users ADD COLUMN email_verified boolean;
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
CREATE INDEX CONCURRENTLY users_verified_idx ON users (email_verified);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS users_verified_idx;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_nn;
ALTER TABLE users DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=users key=id batch=500
UPDATE users SET email_verified = (legacy_status = '"'verified'"')
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT users_email_nn;
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
'
write migrations/other/150_tokens.sql '-- migrate:expand
CREATE TABLE tokens (id int PRIMARY KEY);
-- migrate:rollback
DROP TABLE tokens;
'
write orgs.sql 'CREATE TABLE orgs (id int PRIMARY KEY); INSERT INTO orgs VALUES (1);'
write users.sql "INSERT INTO users (id, email, legacy_status, org) SELECT g, 'u' || g, CASE WHEN g % 2 = 0 THEN 'verified' END, 1 FROM generate_series(1, 3000) g;"
run "$MIGRATE" verify --seed orgs.sql --seed 100=users.sql --no-window
expect_code 0
expect_stdout "seed: orgs.sql, before the first migration"
expect_stdout "seed: users.sql, after 100_users (expand)"
expect_stdout "migrate   ok               applied, rolled back, applied again, 3000 rows backfilled"
expect_stdout "backfill: runs in batches, not traced"
expect_stdout "SHARE ROW EXCLUSIVE on orgs"
expect_stdout "ACCESS EXCLUSIVE on users"
expect_stdout "SHARE UPDATE EXCLUSIVE on users; reads all of users"
expect_stdout "5 steps: 5 round-tripped, 0 not rolled back, 0 failed"
expect_stdout "0 disagreements with the linter"
expect_stdout "other 150_tokens"
run "$MIGRATE" verify --seed orgs.sql --seed 100=users.sql --no-window --to 100
expect_code 0
expect_stdout "1 step: 1 round-tripped"
run "$MIGRATE" verify --app other
expect_code 0
expect_stdout "1 step: 1 round-tripped"
expect_stderr "verifying other 150_tokens (expand), step 1 of 1"
run "$MIGRATE" --log-format json verify --app other
expect_stderr '"event":"verify_step"'
run "$MIGRATE" -q verify --seed orgs.sql --seed 100=users.sql --no-window
expect_code 0
[ -z "$STDERR" ] && pass || fail "-q verify wrote to stderr: $STDERR"

# 4. --database URL: a scratch database on that server, dropped afterwards; the named one untouched.
own_database verify
run "$MIGRATE" verify --seed orgs.sql --seed 100=users.sql --no-window --database "dbname=$OWN_DB"
expect_code 0
expect_stdout "Verified on the scratch database migrate_verify_"
expect_stdout "5 steps: 5 round-tripped"
# Its own scratch database is gone (other tests' verify runs may have theirs meanwhile).
scratch=$(grep -o 'migrate_verify_[0-9a-f_]*' <<<"$STDOUT" | head -1)
[ -n "$scratch" ] && [ "$(psql -XAtc "SELECT count(*) FROM pg_database WHERE datname = '$scratch'")" = 0 ] && pass ||
  fail "the scratch database ${scratch:-?} was left behind"
[ "$(psql -XAtc "SELECT count(*) FROM pg_namespace WHERE nspname = 'migrate'")" = 0 ] && pass || fail "verify wrote to the database it was given"
cd ..

# 5. A step that fails: exit 3 with its place; what comes after it in that app is not verified.
mkdir failing && cd failing
write migrations/app/1_a.sql '-- migrate:expand
CREATE TABLE a (id int);
-- migrate:rollback
DROP TABLE a;
'
write migrations/app/2_b.sql '-- migrate:expand
ALTER TABLE nope ADD COLUMN x int;
-- migrate:rollback
ALTER TABLE nope DROP COLUMN x;
'
write migrations/app/3_c.sql '-- migrate:expand
CREATE TABLE c (id int);
-- migrate:rollback
DROP TABLE c;
'
run "$MIGRATE" verify
expect_code 3
expect_stdout "migrations/app/2_b.sql:2:1"
expect_stdout 'relation "nope" does not exist'
expect_stdout "not verified: app: 1 step after 2_b (expand), which failed"
cd ..

# 6. Bad input: exit 2 before any server starts; a failing seed: exit 3 naming it.
cd good
run "$MIGRATE" verify --seed missing.sql
expect_code 2
expect_stderr "--seed missing.sql: cannot read missing.sql"
run "$MIGRATE" verify --to 999
expect_code 2
expect_stderr "--to 999: no migration has that version"
run "$MIGRATE" verify --seed 999=users.sql
expect_code 2
expect_stderr "--seed 999: no migration has that version"
write bad.sql 'INSERT INTO nowhere VALUES (1);'
run "$MIGRATE" verify --seed bad.sql
expect_code 3
expect_stderr "seed bad.sql:"
expect_stderr 'relation "nowhere" does not exist'
write migrations/shop/300_typo.sql '-- migrate:expnad
SELECT 1;
'
run "$MIGRATE" verify
expect_code 2
expect_stderr "migrations/shop/300_typo.sql:1"
expect_not "throwaway PostgreSQL" "$ERR"
finish
