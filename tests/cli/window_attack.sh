# What an outside attack on checks and the deploy window found, each kept as a case that failed before
# the fix: checks that wrote through functions or released the run lock, check errors without a
# location, a skipped contract check not recorded, and verify's false alarms and misses (uuid keys, a
# mixed-case table, IS DISTINCT FROM in SET, an int stored into text, two backfills splitting a column,
# a one-to-one foreign key, a dual-write trigger that forgets UPDATE).
source "$(dirname "$0")/lib.sh"

own_database wattack
fresh() { rm -rf migrations && mkdir -p migrations/app && psql -Xq -c "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS migrate CASCADE"; }
verify_scratch() { run "$MIGRATE" verify --database "dbname=$OWN_DB" "$@"; }

# 1. Checks that act outside the query are input errors; a check that errors names its file:line; what
# a function called by a check writes is undone.
fresh
write migrations/app/100_a.sql '-- migrate:expand
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 10) g;
-- migrate:check
SELECT 1 WHERE pg_advisory_unlock_all() IS NULL;
-- migrate:check
SELECT id FROM t WHERE nextval('"'s'"') < 0;
-- migrate:rollback
DROP TABLE t;
'
run "$MIGRATE" lint
expect_code 2
grep -q "100_a.sql:5:1: .*it calls pg_advisory_unlock_all(), which acts outside the query" <<<"$STDOUT$STDERR" && pass || fail "advisory unlock in a check: $STDOUT$STDERR"
grep -q "100_a.sql:7:1: .*it calls nextval()" <<<"$STDOUT$STDERR" && pass || fail "nextval in a check: $STDOUT$STDERR"
write migrations/app/100_a.sql '-- migrate:expand
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g FROM generate_series(1, 10) g;
CREATE FUNCTION purge() RETURNS boolean LANGUAGE sql AS $$ DELETE FROM t WHERE id > 5; SELECT false $$;
-- migrate:check
SELECT id FROM t WHERE purge();
-- migrate:rollback
DROP FUNCTION purge();
DROP TABLE t;
'
run "$MIGRATE" apply
expect_code 0
[ "$(psql -XAtc "SELECT count(*) FROM t")" = 10 ] && pass || fail "a check's function deleted rows: $(psql -XAtc "SELECT count(*) FROM t")"
write migrations/app/200_b.sql '-- migrate:expand
ALTER TABLE t ADD COLUMN w int;
-- migrate:check
SELECT id FROM t WHERE 1 / (v - 5) > 100;
-- migrate:rollback
ALTER TABLE t DROP COLUMN w;
'
run "$MIGRATE" apply
expect_code 3
expect_stderr "200_b.sql:4:1"
[ "$(psql -XAtc "SELECT error FROM migrate.ledger WHERE version = '200'")" = "migrations/app/200_b.sql:4:1: the check could not run: division by zero" ] &&
  pass || fail "ledger: $(psql -XAtc "SELECT error FROM migrate.ledger WHERE version = '200'")"
[ "$(psql -XAtc "SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'w'")" = 0 ] && pass || fail "not rolled back"

# 2. A contract applied with --skip-checks over a failing earlier check: the ledger says so.
fresh
write migrations/app/100_a.sql '-- migrate:expand
CREATE TABLE t (id int PRIMARY KEY, v int);
-- migrate:check
SELECT id FROM t WHERE v IS NULL;
-- migrate:rollback
DROP TABLE t;

-- migrate:contract
ALTER TABLE t ADD COLUMN gone int;
-- migrate:rollback
ALTER TABLE t DROP COLUMN gone;
'
run "$MIGRATE" apply
expect_code 0
psql -Xq -c "INSERT INTO t VALUES (1, NULL)"
run "$MIGRATE" apply --phase contract
expect_code 5
run "$MIGRATE" apply --phase contract --skip-checks
expect_code 0
[ "$(psql -XAtc "SELECT skip_checks FROM migrate.ledger WHERE phase = 'contract'")" = t ] && pass || fail "skip_checks of the contract not recorded"

# 3. verify: a uuid key, a mixed-case table, IS DISTINCT FROM and an int stored in text in SET, two
# backfills that split a column between them: all correct, verify passes.
fresh
write migrations/app/100_a.sql '-- migrate:expand
CREATE TABLE "Acct" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), a int, b int, kind int);
INSERT INTO "Acct" (a, b, kind) SELECT g % 7, g % 5, g % 2 FROM generate_series(1, 200) g;
-- migrate:rollback
DROP TABLE "Acct";
'
write migrations/app/200_b.sql '-- migrate:expand
ALTER TABLE "Acct" ADD COLUMN same boolean, ADD COLUMN a_text text, ADD COLUMN label text;
-- migrate:rollback
ALTER TABLE "Acct" DROP COLUMN same, DROP COLUMN a_text, DROP COLUMN label;

-- migrate:migrate
-- migrate:backfill table=Acct key=id batch=50
UPDATE "Acct" SET same = a IS NOT DISTINCT FROM b, a_text = a WHERE id > $1 AND id <= $2;
-- migrate:backfill table=Acct key=id batch=50
UPDATE "Acct" SET label = '"'even'"' WHERE id > $1 AND id <= $2 AND kind = 0;
-- migrate:backfill table=Acct key=id batch=50
UPDATE "Acct" SET label = '"'odd'"' WHERE id > $1 AND id <= $2 AND kind <> 0;
-- migrate:rollback
'
verify_scratch --no-window
expect_code 0
expect_stdout "convergence of Acct.(same, a_text) (line 8) after migrate: every row has the value the backfill sets"
expect_stdout "not counted: the backfill at line 12 sets label too (they split the rows between them)"

# 4. The window: a one-to-one table (its made-up rows cannot satisfy the foreign key) is no false
# alarm; a dual-write trigger that forgets UPDATE is caught (the old release changes emails too).
fresh
write migrations/app/100_a.sql '-- migrate:expand
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, plan text NOT NULL);
INSERT INTO users SELECT g, '"'User'"' || g || '"'@Example.com'"', CASE WHEN g % 2 = 0 THEN '"'free'"' ELSE '"'pro'"' END FROM generate_series(1, 20) g;
CREATE TABLE profiles (id int PRIMARY KEY, user_id int NOT NULL UNIQUE REFERENCES users (id), bio text);
INSERT INTO profiles SELECT g, g, '"'bio'"' FROM generate_series(1, 20) g;
-- migrate:rollback
DROP TABLE profiles;
DROP TABLE users;
'
write migrations/app/200_b.sql '-- migrate:expand
ALTER TABLE profiles ADD COLUMN theme text;
ALTER TABLE users ADD COLUMN email_lower text;
CREATE FUNCTION u_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.email_lower := lower(NEW.email); RETURN NEW; END $$;
CREATE TRIGGER u_sync BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION u_sync();
-- migrate:rollback
DROP TRIGGER u_sync ON users;
DROP FUNCTION u_sync();
ALTER TABLE users DROP COLUMN email_lower;
ALTER TABLE profiles DROP COLUMN theme;

-- migrate:migrate
-- migrate:backfill table=users key=id batch=20
UPDATE users SET email_lower = lower(email) WHERE id > $1 AND id <= $2;
-- migrate:rollback

-- migrate:contract
DROP TRIGGER u_sync ON users;
DROP FUNCTION u_sync();
-- migrate:rollback
CREATE FUNCTION u_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.email_lower := lower(NEW.email); RETURN NEW; END $$;
CREATE TRIGGER u_sync BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION u_sync();
'
verify_scratch
expect_code 1
expect_stdout "window: the old release writes public.profiles after expand: 0 rows inserted and 5 changed"
expect_stdout "no rows inserted: the same insert fails before the migration too"
expect_stdout "convergence of users.email_lower (line 14) before contract: 5 rows differ"
expect_stdout "the table's triggers do not derive the column from what the old release writes"
if grep -q -- "- window: the old release writes public.profiles" <<<"$STDOUT"; then fail "the one-to-one table is a false alarm"; else pass; fi

finish
