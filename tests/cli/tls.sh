# TLS, as a managed database asks for it: a server of the test's own that takes TCP connections only
# over TLS with a password (hostssl; plain TCP is rejected), reached with sslmode=verify-full and the
# root certificate of the test's own CA. apply (a CONCURRENTLY index, a backfill with 3 workers),
# status, history, rollback and verify --database (its scratch database on that server) work end to
# end, and every connection migrate made used TLS: pg_stat_ssl while the workers run, the server's
# log_connections for all of them. The URL's TLS settings reach every connection migrate builds for
# itself (workers, verify's scratch database): the environment says the contrary (PGSSLMODE=disable,
# PGSSLROOTCERT of another CA, another host, user and password), so a string that lost one would fail.
# The PG* variables alone work too. Another CA's root certificate, a host name the certificate does not
# name, a root certificate file that is not there and a plain connection are exit 3, with libpq's
# reason and a hint naming the setting; the password is in none of the output.
source "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || { fail "openssl is not installed"; finish; }

port=$(free_port 0)
server_init tls
data="$SCRATCH/tls/data"
certs="$SCRATCH/certs"
mkdir -p "$certs"
# A CA, a server certificate it signs for localhost only, and a CA that signed nothing of this server.
newkey=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
(
  cd "$certs" &&
    openssl req -x509 "${newkey[@]}" -days 2 -subj "/CN=migrate test CA" -keyout ca.key -out ca.crt &&
    openssl req -x509 "${newkey[@]}" -days 2 -subj "/CN=another CA" -keyout other.key -out other.crt &&
    openssl req "${newkey[@]}" -subj "/CN=localhost" -keyout server.key -out server.csr &&
    printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' >server.ext &&
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt
) >"$SCRATCH/openssl.log" 2>&1 || { fail "openssl: $(cat "$SCRATCH/openssl.log")"; finish; }
to_pg() { # to_pg MODE SOURCE TARGET: a file of the server's, readable by the postgres user only when MODE says so
  cp "$2" "$3" && chmod "$1" "$3"
  if [ "$(id -u)" = 0 ]; then chown postgres "$3"; fi
}
to_pg 600 "$certs/server.key" "$data/server.key"
to_pg 644 "$certs/server.crt" "$data/server.crt"
# The test's own psql comes through the socket; TCP is TLS with a password, or nothing.
printf '%s\n' 'local all all trust' 'hostssl all all 127.0.0.1/32 scram-sha-256' 'host all all all reject' >"$SCRATCH/pg_hba.conf"
to_pg 600 "$SCRATCH/pg_hba.conf" "$data/pg_hba.conf"
server_start tls "$port" -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c listen_addresses=127.0.0.1 -c log_connections=on -c fsync=off
unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE PGSSLROOTCERT DATABASE_URL MIGRATE_DATABASE_URL
q() { psql -h "$SCRATCH/tls" -p "$port" -U postgres -d "${2:-postgres}" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

secret="Tls${$}kQ9zWp"
{ q "CREATE ROLE app LOGIN CREATEDB PASSWORD '$secret'" && q "CREATE DATABASE shop OWNER app"; } || { fail "cannot make the role"; finish; }
url="postgresql://app:$secret@localhost:$port/shop?sslmode=verify-full&sslrootcert=$certs/ca.crt"
mkdir -p "$SCRATCH/home"
# migrate with the URL, in an environment that says the contrary of it about everything.
m() {
  env HOME="$SCRATCH/home" PGHOST=/nonexistent PGPORT=1 PGUSER=nobody PGDATABASE=nowhere PGPASSWORD=wrong \
    PGSSLMODE=disable PGSSLROOTCERT="$certs/other.crt" "$MIGRATE" --database "$url" "$@"
}

write migrations/shop/1_items.sql '-- migrate:expand
CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
INSERT INTO items (id) SELECT g FROM generate_series(1, 66000) g;
ANALYZE items;
-- migrate:rollback
DROP TABLE items;
'
# 3 shards (one per 20,000 rows) of 11 batches of at least 40 ms in shop, one shard per worker: long
# enough to see them on the server (verify's scratch database goes at full speed).
write migrations/shop/2_flag.sql '-- migrate:expand
ALTER TABLE items ADD COLUMN flag boolean;
CREATE INDEX CONCURRENTLY items_flag_idx ON items (flag);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS items_flag_idx;
ALTER TABLE items DROP COLUMN IF EXISTS flag;

-- migrate:migrate
-- migrate:backfill table=items key=id batch=2000
UPDATE items SET flag = id % 2 = 0 WHERE id > $1 AND id <= $2 AND flag IS NULL
   AND (SELECT pg_sleep(CASE WHEN current_database() = '\''shop'\'' THEN 0.04 ELSE 0 END)) IS NOT NULL;
-- migrate:rollback
-- nothing: the column goes with the expand rollback
'
outputs=()
keep() { cp "$OUT" "$SCRATCH/out.$1"; cp "$ERR" "$SCRATCH/err.$1"; outputs+=("$SCRATCH/out.$1" "$SCRATCH/err.$1"); }

# 1. apply with 3 workers; the server says, while they run, that every migrate session is TLS.
m apply --workers 3 >"$SCRATCH/apply.out" 2>"$SCRATCH/apply.err" &
apply=$!
most=0 plain=0
while kill -0 "$apply" 2>/dev/null; do
  row=$(q "SELECT count(*) FILTER (WHERE s.ssl AND s.version = 'TLSv1.3'), count(*) FILTER (WHERE NOT s.ssl OR s.ssl IS NULL)
           FROM pg_stat_activity a LEFT JOIN pg_stat_ssl s ON s.pid = a.pid
           WHERE a.datname = 'shop' AND a.application_name = 'migrate'" 2>/dev/null) || row="0|0"
  [ "${row%|*}" -gt "$most" ] && most=${row%|*}
  [ "${row#*|}" -gt 0 ] && plain=${row#*|}
  sleep 0.05
done
wait "$apply" && pass || fail "apply over TLS with 3 workers: $(cat "$SCRATCH/apply.err")"
cp "$SCRATCH/apply.out" "$SCRATCH/out.apply"; cp "$SCRATCH/apply.err" "$SCRATCH/err.apply"
outputs+=("$SCRATCH/out.apply" "$SCRATCH/err.apply")
# The step's own session and its 3 workers at once.
[ "$most" -ge 4 ] && pass || fail "pg_stat_ssl saw at most $most TLS sessions of migrate at once (expected 4: the run and 3 workers)"
[ "$plain" = 0 ] && pass || fail "pg_stat_ssl saw $plain migrate sessions without TLS"
grep -q "in 3 shards" "$SCRATCH/apply.err" && pass || fail "the backfill was not split for the workers: $(cat "$SCRATCH/apply.err")"
[ "$(q "SELECT count(*) FROM migrate.backfill_shard WHERE rows_done > 0" shop)" = 3 ] && pass || fail "not every shard was worked on"
[ "$(q "SELECT count(*) FILTER (WHERE flag IS NULL) || '/' || count(*) FROM items" shop)" = "0/66000" ] && pass ||
  fail "the backfill did not reach every row: $(q "SELECT flag, count(*) FROM items GROUP BY flag" shop)"
[ "$(q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_flag_idx'::regclass" shop)" = t ] && pass || fail "the CONCURRENTLY index"

# 2. status, history, rollback and apply again, through the same URL.
run m status
expect_code 0 "status over TLS"
keep status
run m history
expect_code 0 "history over TLS"
expect_stdout "2_flag"
keep history
run m rollback --steps 1
expect_code 0 "rollback over TLS"
keep rollback
run m apply --workers 2
expect_code 0 "apply again over TLS"
keep apply2

# 3. verify --database: its scratch database on this server, reached with the URL's TLS settings.
run m verify --no-window
expect_code 0 "verify --database over TLS"
keep verify
[ "$(q "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrate_verify_%'")" = 0 ] && pass || fail "verify left its scratch database"

# 4. The PG* variables alone: what libpq reads from the environment reaches the workers and verify too.
pgenv() {
  env HOME="$SCRATCH/home" PGHOST=localhost PGPORT="$port" PGUSER=app PGDATABASE=shop PGPASSWORD="$secret" \
    PGSSLMODE=verify-full PGSSLROOTCERT="$certs/ca.crt" "$MIGRATE" "$@"
}
run pgenv rollback --steps 1
expect_code 0 "rollback with PGSSLMODE and PGSSLROOTCERT"
run pgenv apply --workers 2
expect_code 0 "apply with PGSSLMODE and PGSSLROOTCERT, 2 workers"
keep env_apply
run pgenv verify --no-window --database "dbname=shop"
expect_code 0 "verify --database with PGSSLMODE and PGSSLROOTCERT"
keep env_verify

# Every connection migrate made, the workers' and verify's included, was TLS (log_connections).
log="$SCRATCH/tls/log"
made=$(grep -c "connection authorized: user=app .*application_name=migrate" "$log")
[ "$made" -ge 10 ] && pass || fail "the server logged $made connections of migrate"
grep "connection authorized: user=app .*application_name=migrate" "$log" | grep -v "SSL enabled" >"$SCRATCH/plain.log"
[ -s "$SCRATCH/plain.log" ] && fail "connections without TLS: $(head -3 "$SCRATCH/plain.log")" || pass
grep -q "connection authorized: user=app database=migrate_verify_.*application_name=migrate SSL enabled" "$log" && pass ||
  fail "no TLS connection to verify's scratch database in the server's log"

# 5. What is refused: exit 3, libpq's reason, a hint naming the setting, never the password.
refused() { # refused NAME LIBPQ-TEXT HINT-TEXT CONNINFO
  run env HOME="$SCRATCH/home" "$MIGRATE" --database "$4" status
  expect_code 3 "$1"
  expect_stderr "$2"
  expect_stderr "$3"
  keep "refused_$1"
}
refused other-ca "certificate verify failed" "sslrootcert" \
  "postgresql://app:$secret@localhost:$port/shop?sslmode=verify-full&sslrootcert=$certs/other.crt"
refused ip-address 'does not match host name "127.0.0.1"' "hint: TLS: with sslmode=verify-full the server's certificate must name the host" \
  "postgresql://app:$secret@127.0.0.1:$port/shop?sslmode=verify-full&sslrootcert=$certs/ca.crt"
refused other-name 'does not match host name "db.invalid"' "sslmode=verify-ca" \
  "host=db.invalid hostaddr=127.0.0.1 port=$port dbname=shop user=app password=$secret sslmode=verify-full sslrootcert=$certs/ca.crt"
refused no-root 'root certificate file' "PGSSLROOTCERT" \
  "postgresql://app:$secret@localhost:$port/shop?sslmode=verify-full&sslrootcert=$certs/nothere.crt"
refused plain "no encryption" "hint: the server takes this connection only over TLS: set sslmode=verify-full" \
  "postgresql://app:$secret@localhost:$port/shop?sslmode=disable"
# The same through PGSSLROOTCERT, and in --log-format json (the hint is a field there).
run env HOME="$SCRATCH/home" PGSSLMODE=verify-full PGSSLROOTCERT="$certs/other.crt" "$MIGRATE" --log-format json \
  --database "postgresql://app:$secret@localhost:$port/shop" status
expect_code 3 "PGSSLROOTCERT of another CA"
expect_stderr '"hint":"TLS: the server'\''s certificate was not accepted'
keep refused_json

for f in "${outputs[@]}"; do
  grep -qF "$secret" "$f" && fail "the password is in $(basename "$f"): $(grep -F "$secret" "$f" | head -3)" || pass
done
finish
