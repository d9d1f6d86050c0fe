# Contract is explicit: `apply` with no --phase applies expand and migrate and stops before contract,
# saying how many contract steps wait; `--phase all`, `[defaults] phases = "all"` or MIGRATE_PHASES=all
# include it. Before, `migrate apply` in a pipeline before its deploy dropped columns the running
# servers still read.
source "$(dirname "$0")/lib.sh"

own_database phases
write migrations/shop/100_users.sql '-- migrate:expand
CREATE TABLE users (id bigint PRIMARY KEY, legacy_status text);
INSERT INTO users SELECT g, CASE WHEN g % 2 = 0 THEN '"'verified'"' END FROM generate_series(1, 50) g;
-- migrate:rollback
DROP TABLE users;
'
write migrations/shop/200_verified.sql '-- migrate:expand
ALTER TABLE users ADD COLUMN email_verified boolean;
-- migrate:rollback
ALTER TABLE users DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=users key=id batch=20
UPDATE users SET email_verified = (legacy_status IS NOT DISTINCT FROM '"'verified'"') WHERE id > $1 AND id <= $2;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy_status;
-- migrate:rollback irreversible
'
column_exists() { psql -XAtc "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy_status'"; }

run "$MIGRATE" apply --dry-run
expect_code 0
expect_stdout "3 steps would be applied"
expect_stdout "1 contract step waits: run \`migrate apply --phase contract\` after the deploy."
if grep -q "would apply .*contract" <<<"$STDOUT"; then fail "--dry-run with no --phase would apply a contract"; else pass; fi

run "$MIGRATE" apply
expect_code 0
expect_stdout "3 steps applied."
expect_stdout "1 contract step waits: run \`migrate apply --phase contract\` after the deploy."
[ "$(column_exists)" = 1 ] && pass || fail "apply with no --phase dropped legacy_status"
[ "$(psql -XAtc "SELECT count(*) FROM migrate.ledger WHERE phase = 'contract'")" = 0 ] && pass || fail "a contract row was written"

# Again: nothing in expand and migrate, and the contract still waits.
run "$MIGRATE" apply
expect_code 0
expect_stdout "Nothing to apply in phases expand and migrate."
expect_stdout "1 contract step waits"

# The configured default can include contract, for a developer's own database.
write migrate.toml '[defaults]
phases = "sometimes"
'
run "$MIGRATE" apply
expect_code 2
expect_stderr "phases"
expect_stderr "is not \"expand,migrate\" or \"all\""
[ "$(column_exists)" = 1 ] && pass || fail "a bad [defaults] phases applied something"

write migrate.toml '[defaults]
phases = "all"
'
run "$MIGRATE" apply --phase migrate
expect_code 0
expect_stdout "Nothing to apply in phase migrate."
run "$MIGRATE" apply
expect_code 0
expect_stdout "applied  shop 200_verified contract"
expect_stdout "1 step applied."
[ "$(column_exists)" = 0 ] && pass || fail "[defaults] phases = \"all\" did not apply the contract"
if grep -q "contract step" <<<"$STDOUT"; then fail "a contract step said to wait after it was applied"; else pass; fi

# MIGRATE_PHASES and --phase all do the same; the default is back with the file gone.
rm migrate.toml
run "$MIGRATE" rollback --to 100
expect_code 5 # the contract is irreversible
psql -Xq -c "SET client_min_messages = warning; DROP SCHEMA migrate CASCADE; DROP TABLE users;"
run env MIGRATE_PHASES=all "$MIGRATE" apply
expect_code 0
expect_stdout "4 steps applied."
[ "$(column_exists)" = 0 ] && pass || fail "MIGRATE_PHASES=all did not apply the contract"
psql -Xq -c "SET client_min_messages = warning; DROP SCHEMA migrate CASCADE; DROP TABLE users;"
run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "4 steps applied."
[ "$(column_exists)" = 0 ] && pass || fail "--phase all did not apply the contract"

# The contract alone, after the deploy.
psql -Xq -c "SET client_min_messages = warning; DROP SCHEMA migrate CASCADE; DROP TABLE users;"
run "$MIGRATE" apply
expect_code 0
run "$MIGRATE" apply --phase contract
expect_code 0
expect_stdout "applied  shop 200_verified contract"
if grep -q "contract step" <<<"$STDOUT"; then fail "--phase contract said contract steps wait"; else pass; fi
run "$MIGRATE" status --exit-code
expect_code 0

finish
