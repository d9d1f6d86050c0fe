# -- migrate:check: a read-only SELECT returning the rows that break an invariant (none = pass).
# apply runs a section's checks after its statements (inside its transaction: a failure rolls the
# section back), after the last batch of a backfill (the batches stay), and the checks of expand and
# migrate again right before contract (exit 5). Old-release rows written between expand and migrate
# make the check fail; once the data is fixed, the reruns pass. --skip-checks is recorded.
source "$(dirname "$0")/lib.sh"

own_database checks
at_line() { grep -F -- "$1" <<<"$STDERR" | grep -qF -- "$2" && pass || fail "no line with $1 and $2:"$'\n'"$STDERR"; }
ledger() { psql -XAtc "SELECT status || coalesce(' ' || error, '') FROM migrate.ledger WHERE version = '$1' AND phase = '$2'"; }

# 1. Bad checks are input errors (exit 2) at lint, plan and apply, naming file:line:col.
write migrations/shop/100_bad.sql '-- migrate:expand
CREATE TABLE t (id int PRIMARY KEY);
-- migrate:check
DELETE FROM t WHERE id < 0;
-- migrate:check
WITH gone AS (DELETE FROM t RETURNING id) SELECT id FROM gone;
-- migrate:check
SELECT id FROM t FOR UPDATE;
-- migrate:check
SELECT id INTO t2 FROM t;
-- migrate:check extra
SELECT 1;
-- migrate:rollback
-- migrate:check
SELECT 1;
DROP TABLE t;
'
for cmd in lint "plan --offline" apply; do
  # shellcheck disable=SC2086
  run "$MIGRATE" $cmd
  expect_code 2 "$cmd of bad checks"
  STDERR="$STDOUT$STDERR" # lint reports input errors with its findings, as "file:line:col: error[parse-error] ..."
  at_line "100_bad.sql:4:1" "-- migrate:check must be followed by a SELECT, not DELETE FROM t WHERE id < 0"
  at_line "100_bad.sql:6:1" "-- migrate:check must be a read-only SELECT: it changes data"
  at_line "100_bad.sql:8:1" "-- migrate:check must be a read-only SELECT: FOR UPDATE/SHARE locks the rows it reads"
  at_line "100_bad.sql:10:1" "-- migrate:check must be a read-only SELECT: SELECT INTO creates a table"
  at_line "100_bad.sql:11:18" "-- migrate:check takes no value"
  at_line "100_bad.sql:14:1" "-- migrate:check in a rollback"
done
[ "$(psql -XAtc "SELECT to_regclass('t') IS NULL AND to_regclass('migrate.ledger') IS NULL")" = t ] && pass || fail "bad checks: something was applied"
rm migrations/shop/100_bad.sql

# 2. The README's migration, with a check in migrate: the old release writes rows between expand and
# migrate, and the default makes the backfill skip them.
write migrations/shop/100_customers.sql '-- migrate:expand
CREATE TABLE customers (id bigint PRIMARY KEY, legacy_status text);
INSERT INTO customers SELECT g, CASE WHEN g % 2 = 0 THEN '"'verified'"' ELSE '"'new'"' END FROM generate_series(1, 100) g;
-- migrate:rollback
DROP TABLE customers;
'
write migrations/shop/200_verified.sql '-- migrate:expand
ALTER TABLE customers ADD COLUMN email_verified boolean DEFAULT false;
-- migrate:check
SELECT id FROM customers WHERE id < 0;
-- migrate:rollback
ALTER TABLE customers DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:allow backfill-skips-default reason="this test shows the check catching it"
-- migrate:backfill table=customers key=id batch=30
UPDATE customers SET email_verified = (legacy_status = '"'verified'"')
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:check
SELECT id FROM customers WHERE email_verified IS DISTINCT FROM (legacy_status = '"'verified'"') ORDER BY id
-- migrate:rollback

-- migrate:contract
ALTER TABLE customers DROP COLUMN legacy_status;
-- migrate:rollback irreversible
'
run "$MIGRATE" apply --phase expand
expect_code 0
[ "$(ledger 200 expand)" = applied ] && pass || fail "expand with a passing check: $(ledger 200 expand)"
# The old release keeps writing: 10 verified customers, which get the default false.
psql -Xq -c "INSERT INTO customers (id, legacy_status) SELECT g, 'verified' FROM generate_series(1001, 1010) g"
run "$MIGRATE" apply --phase migrate
expect_code 3
expect_stderr "200_verified.sql:14:1: check failed: 60 rows break it (SELECT id FROM customers WHERE email_verified IS DISTINCT FROM"
expect_stderr "first: (2), (4), (6), (8), (10)"
expect_stderr "what ran before it stays committed"
case "$(ledger 200 migrate)" in "failed "*"check failed: 60 rows"*) pass ;; *) fail "ledger after the failed check: $(ledger 200 migrate)" ;; esac
[ "$(psql -XAtc "SELECT sum(rows_done) FROM migrate.backfill_shard WHERE version = '200'")" = 0 ] && pass || fail "the backfill's batches changed rows: the default was there"
# Contract is refused: migrate is not applied.
run "$MIGRATE" apply --phase contract
expect_code 5
# Fix the data; the rerun passes, and the backfill is not run again.
psql -Xq -c "UPDATE customers SET email_verified = (legacy_status = 'verified')"
run "$MIGRATE" apply --phase migrate
expect_code 0
expect_stdout "applied  shop 200_verified migrate"
[ "$(ledger 200 migrate)" = applied ] && pass || fail "the rerun after the fix: $(ledger 200 migrate)"
# Before contract, the checks run again: the old release wrote more rows meanwhile.
psql -Xq -c "INSERT INTO customers (id, legacy_status) VALUES (2001, 'verified')"
run "$MIGRATE" apply --phase contract
expect_code 5
expect_stderr "200_verified contract refused: "
expect_stderr "check failed: 1 row breaks it"
expect_stderr "first: (2001)"
[ -z "$(ledger 200 contract)" ] && pass || fail "a refused contract wrote a ledger row: $(ledger 200 contract)"
[ "$(psql -XAtc "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'legacy_status'")" = 1 ] && pass || fail "legacy_status dropped"
psql -Xq -c "UPDATE customers SET email_verified = true WHERE id = 2001"
run "$MIGRATE" apply --phase contract
expect_code 0
[ "$(ledger 200 contract)" = applied ] && pass || fail "contract after the fix: $(ledger 200 contract)"

# 3. A transactional section whose check fails is rolled back: schema unchanged, ledger failed.
write migrations/shop/300_unique.sql '-- migrate:expand
ALTER TABLE customers ADD COLUMN tier int;
UPDATE customers SET tier = 1 WHERE id <= 10;
-- migrate:check
SELECT id FROM customers WHERE tier IS NULL
-- migrate:rollback
ALTER TABLE customers DROP COLUMN tier;
'
run "$MIGRATE" apply --phase expand --skip-lint
expect_code 3
expect_stderr "300_unique.sql:5:1: check failed: 101 rows break it"
expect_stderr "the section's transaction was rolled back: nothing of it was applied"
[ "$(psql -XAtc "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'tier'")" = 0 ] && pass || fail "the failed check left the column"
case "$(ledger 300 expand)" in "failed "*"check failed: 101 rows"*) pass ;; *) fail "ledger: $(ledger 300 expand)" ;; esac

# 4. --skip-checks goes on, and the ledger says so.
run "$MIGRATE" apply --phase expand --skip-lint --skip-checks
expect_code 0
expect_stderr "--skip-checks"
[ "$(psql -XAtc "SELECT skip_checks FROM migrate.ledger WHERE version = '300'")" = t ] && pass || fail "skip_checks not recorded"
[ "$(psql -XAtc "SELECT skip_checks FROM migrate.ledger WHERE version = '200' AND phase = 'migrate'")" = f ] && pass || fail "skip_checks recorded for a step that ran its checks"
run "$MIGRATE" history
expect_stdout "checks skipped"
run "$MIGRATE" status
expect_stdout "300_unique expand: applied with --skip-checks: its checks never ran"
run "$MIGRATE" status --format json
python3 -c '
import json, sys
d = json.load(sys.stdin)
steps = {(m["version"], s["phase"]): s for a in d["apps"] for m in a["migrations"] for s in m["steps"]}
assert steps[("200", "migrate")]["checks"] == 1 and not steps[("200", "migrate")]["checks_skipped"], steps[("200", "migrate")]
assert steps[("300", "expand")]["checks_skipped"], steps[("300", "expand")]
' <<<"$STDOUT" && pass || fail "status --format json checks"
run "$MIGRATE" plan --offline
expect_stdout "check: SELECT id FROM customers WHERE tier IS NULL"
expect_stdout "before it: 2 checks of expand and migrate run again"

finish
