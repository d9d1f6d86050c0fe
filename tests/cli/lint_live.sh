# lint --database: the real catalog decides what replay cannot (types and constraints of tables made
# outside migrate), messages carry the row estimate, and the server's version is used. Needs the PG*
# server of scripts/test.
source "$(dirname "$0")/lib.sh"

schema="lint_live_$$"
psql -XqAt -v ON_ERROR_STOP=1 <<SQL || { fail "cannot prepare the database (PG* not set?)"; finish; }
CREATE SCHEMA $schema;
CREATE TABLE $schema.orders (id bigint PRIMARY KEY, code varchar(20), n integer, note text);
INSERT INTO $schema.orders SELECT g, g::text, g, g::text FROM generate_series(1, 52000) g;
ANALYZE $schema.orders;
ALTER TABLE $schema.orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE $schema.orders VALIDATE CONSTRAINT orders_note_nn;
SQL
trap 'psql -Xq -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT

write migrations/app/1_change.sql "-- migrate:expand
-- migrate:no-transaction
ALTER TABLE $schema.orders ALTER COLUMN code TYPE varchar(50);
ALTER TABLE $schema.orders ALTER COLUMN n TYPE bigint;
ALTER TABLE $schema.orders ALTER COLUMN note SET NOT NULL;
CREATE INDEX orders_code_idx ON $schema.orders (code);
-- migrate:rollback
"
# Offline, nothing can be proven about a table made outside migrate.
run "$MIGRATE" lint --format gcc
expect_code 1
expect_stdout "the current type of $schema.orders.\"code\" is unknown"
expect_stdout "SET NOT NULL on $schema.orders.note scans"

# With the database, only the real hazards remain, with the table's size.
run "$MIGRATE" lint --format gcc --database ""
expect_code 1
expect_stdout "error: $schema.orders has about 52k rows: ALTER COLUMN n TYPE bigint from integer rewrites $schema.orders"
expect_stdout "error: $schema.orders has about 52k rows: CREATE INDEX without CONCURRENTLY blocks writes"
if grep -q "\"code\" is unknown\|SET NOT NULL" "$OUT"; then fail "the live catalog did not settle varchar and SET NOT NULL:"$'\n'"$STDOUT"; else pass; fi

# An unreachable database is exit 3, and the password stays out of the message.
run "$MIGRATE" lint --database "postgresql://u:Hidden-Pw-1@127.0.0.1:1/x?connect_timeout=2"
expect_code 3
expect_stderr "cannot connect to postgresql://u:***@127.0.0.1:1/x"
expect_not "Hidden-Pw-1" "$OUT" "$ERR"
finish
