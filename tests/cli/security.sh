# Security: `migrate` runs as a role with the least privileges the README lists (no superuser, no
# CREATEDB or CREATEROLE: CONNECT and CREATE on the database, CREATE on the schema it changes); a known
# password never appears in its output, logs (text and JSON), metrics, the ledger or `config show`,
# on success and on failure; libpq's settings (PGPASSWORD, PGPASSFILE, sslmode, sslrootcert) pass
# through. Needs the PG* server, reachable over TCP on 127.0.0.1 with password authentication.
source "$(dirname "$0")/lib.sh"
own_database sec
q() { psql -XAtqw -v ON_ERROR_STOP=1 -c "$1"; }
role="migrate_sec_$$"
secret="Pw${$}xQ7kLmZr"
trap 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1; dropuser --if-exists "$role" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT
q "CREATE ROLE $role LOGIN PASSWORD '$secret' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT"
# The least privileges (README, "Production", "Roles and grants").
q "REVOKE ALL ON DATABASE $OWN_DB FROM PUBLIC; GRANT CONNECT, CREATE ON DATABASE $OWN_DB TO $role;
   GRANT USAGE, CREATE ON SCHEMA public TO $role"
port="${PGPORT:-5432}"
url="postgresql://$role:$secret@127.0.0.1:$port/$OWN_DB"
if ! env -u PGPASSWORD psql -XAtq "$url" -c "SELECT 1" >/dev/null 2>"$SCRATCH/psql.err"; then
  fail "cannot log in as $role over TCP with a password: $(cat "$SCRATCH/psql.err")"
  finish
fi
# migrate is given only what each command gives it (the test's own psql keeps the server's PGPASSWORD).
m() { env -u PGPASSWORD "$MIGRATE" "$@"; }

write migrations/app/1_orders.sql '-- migrate:expand
CREATE TABLE orders (id bigint PRIMARY KEY, total integer, note text);
INSERT INTO orders SELECT g, g % 100, NULL FROM generate_series(1, 2000) g;
-- migrate:rollback
DROP TABLE orders;
'
write migrations/app/2_paid.sql '-- migrate:expand
ALTER TABLE orders ADD COLUMN paid boolean;
CREATE INDEX CONCURRENTLY orders_paid_idx ON orders (paid);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS orders_paid_idx;
ALTER TABLE orders DROP COLUMN IF EXISTS paid;

-- migrate:migrate
-- migrate:backfill table=orders key=id batch=300
UPDATE orders SET paid = total > 50 WHERE id > $1 AND id <= $2 AND paid IS NULL;
-- migrate:rollback
-- nothing

-- migrate:contract
ALTER TABLE orders DROP COLUMN note;
-- migrate:rollback irreversible
'
outputs=()
keep() { cp "$OUT" "$SCRATCH/out.$1"; cp "$ERR" "$SCRATCH/err.$1"; outputs+=("$SCRATCH/out.$1" "$SCRATCH/err.$1"); }

# Everything through the least-privileged role, with the password in the URL.
run m --database "$url" -v apply --metrics-file "$SCRATCH/metrics.prom"
expect_code 0 "apply as the least-privileged role"
keep apply
outputs+=("$SCRATCH/metrics.prom")
[ "$(q "SELECT string_agg(DISTINCT applied_by, ',') FROM migrate.ledger")" = "$role" ] && pass || fail "applied_by: $(q "SELECT applied_by FROM migrate.ledger")"
[ "$(q "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'migrate'")" = "$role" ] && pass || fail "the ledger schema's owner"
i=0
for cmd in "status" "history" "plan" "config show" "lint" "status --format json" "--log-format json -v status"; do
  # shellcheck disable=SC2086
  run m --database "$url" $cmd
  expect_code 0 "$cmd"
  keep "cmd$((i += 1))"
done
run env -u PGPASSWORD DATABASE_URL="$url" "$MIGRATE" config show
expect_stdout "database.url = postgresql://$role:***@127.0.0.1:$port/$OWN_DB  # environment DATABASE_URL"
keep config_env
# Failures: a statement the role may not run, and a wrong password.
write migrations/app/3_denied.sql '-- migrate:expand
CREATE EXTENSION IF NOT EXISTS file_fdw;
-- migrate:rollback
DROP EXTENSION IF EXISTS file_fdw;
'
run m --database "$url" --log-format json -v apply
expect_code 3 "a statement the role may not run"
expect_stderr "permission denied"
keep denied
run m --database "$url" rollback --to 2
keep rollback_denied
run m --database "$url" repair
keep repair
rm migrations/app/3_denied.sql
run m --database "postgresql://$role:${secret}WRONG@127.0.0.1:$port/$OWN_DB" status
expect_code 3 "a wrong password"
expect_stderr "password authentication failed"
keep wrong
# The ledger, as stored.
pg_dump -w -a -n migrate >"$SCRATCH/ledger.sql" && pass || fail "pg_dump of the ledger"
outputs+=("$SCRATCH/ledger.sql")
for f in "${outputs[@]}"; do
  [ -e "$f" ] || { fail "$f was not written"; continue; }
  grep -qF "$secret" "$f" && fail "the password is in $(basename "$f"): $(grep -F "$secret" "$f" | head -3)" || pass
done

# libpq's own ways to the password and to TLS pass through.
run env -u PGPASSWORD PGPASSWORD="$secret" "$MIGRATE" --database "postgresql://$role@127.0.0.1:$port/$OWN_DB" status
expect_code 0 "PGPASSWORD"
printf '127.0.0.1:%s:%s:%s:%s\n' "$port" "$OWN_DB" "$role" "$secret" >"$SCRATCH/pgpass"
chmod 600 "$SCRATCH/pgpass"
run env -u PGPASSWORD PGPASSFILE="$SCRATCH/pgpass" "$MIGRATE" --database "postgresql://$role@127.0.0.1:$port/$OWN_DB" status
expect_code 0 "PGPASSFILE"
expect_not "$secret" "$OUT" "$ERR"
run env -u PGPASSWORD PGPASSFILE="$SCRATCH/nothing" "$MIGRATE" --database "postgresql://$role@127.0.0.1:$port/$OWN_DB" status
expect_code 3 "no password anywhere"
run env -u PGPASSWORD PGPASSFILE="$SCRATCH/pgpass" "$MIGRATE" --database "host=127.0.0.1 port=$port dbname=$OWN_DB user=$role sslmode=disable" status
expect_code 0 "sslmode=disable in a key=value string"
run env -u PGPASSWORD PGPASSFILE="$SCRATCH/pgpass" "$MIGRATE" --database "postgresql://$role@127.0.0.1:$port/$OWN_DB?sslmode=verify-full&sslrootcert=$SCRATCH/no-such-root.crt" status
expect_code 3 "sslmode=verify-full with a root certificate that is not there"
grep -qiE "no-such-root.crt|SSL" "$ERR" && pass || fail "the TLS settings did not reach libpq: $STDERR"
run env -u PGPASSWORD PGPASSFILE="$SCRATCH/pgpass" PGSSLMODE=verify-full PGSSLROOTCERT="$SCRATCH/no-such-root.crt" "$MIGRATE" --database "postgresql://$role@127.0.0.1:$port/$OWN_DB" status
expect_code 3 "PGSSLMODE and PGSSLROOTCERT"
grep -qiE "no-such-root.crt|SSL" "$ERR" && pass || fail "PGSSLMODE did not reach libpq: $STDERR"
finish
