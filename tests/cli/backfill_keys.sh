# Backfill keys, as a hostile tester found them: rows whose unique key is NULL were never processed
# while the backfill said finished; uuid keys failed (`max(uuid)` does not exist); a key at its type's
# minimum failed ("out of range", a smallint left its backfill row running); a missing key column
# failed only after the same run had applied the expand. Now: refused before anything runs (exit 2,
# at the directive), or processed, every row exactly once. Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database backfill_keys
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# migration TABLE KEY: an expand that writes a log line, then a backfill of TABLE by KEY that is not
# idempotent (n = n + 1: a row done twice shows 2, a row skipped 0).
migration() {
  rm -rf migrations
  write migrations/app/1_fill.sql "-- migrate:expand
INSERT INTO log VALUES ('expand');
-- migrate:rollback
DELETE FROM log;

-- migrate:migrate
-- migrate:backfill table=$1 key=$2 batch=7
UPDATE $1 SET n = n + 1 WHERE $2 > \$1 AND $2 <= \$2;
-- migrate:rollback
UPDATE $1 SET n = 0;
"
}
fresh() { q "SET client_min_messages = warning; DROP SCHEMA IF EXISTS migrate CASCADE; DROP TABLE IF EXISTS log, k; CREATE TABLE log (x text)"; }
once() { # once LABEL: every row of k processed exactly once
  local wrong; wrong=$(q "SELECT count(*) FROM k WHERE n <> 1")
  [ "$wrong" = 0 ] && pass || fail "$1: $wrong rows of $(q "SELECT count(*) FROM k") not processed exactly once: $(q "SELECT n, count(*) FROM k GROUP BY n")"
}
nothing_applied() {
  [ "$(q "SELECT count(*) FROM log")" = 0 ] && pass || fail "$1: the expand ran although the run was refused"
}

# A unique key with NULLs: refused with the count, before the expand runs.
fresh
q "CREATE TABLE k (id int UNIQUE, n int NOT NULL DEFAULT 0); INSERT INTO k (id) SELECT g FROM generate_series(1, 50) g; INSERT INTO k (id) VALUES (NULL), (NULL)"
migration k id
run "$MIGRATE" apply --phase all --skip-lint
expect_code 2
expect_stderr "migrations/app/1_fill.sql:7:1: backfill: 2 rows of k have no key (id IS NULL)"
nothing_applied "NULL keys"
run "$MIGRATE" plan
expect_code 2
expect_stderr "2 rows of k have no key"
q "DELETE FROM k WHERE id IS NULL"
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
once "a nullable unique key without NULLs"

# A key that is not unique, a key column that is not there, a key of another type: refused before
# anything runs.
for case in "id2:not unique" "nope:has no column nope" "f:is of type double precision"; do
  fresh
  q "CREATE TABLE k (id int PRIMARY KEY, id2 int, f float8 UNIQUE, n int NOT NULL DEFAULT 0); INSERT INTO k (id, id2, f) SELECT g, g, g FROM generate_series(1, 20) g"
  migration k "${case%%:*}"
  run "$MIGRATE" apply --phase all --skip-lint
  expect_code 2
  expect_stderr "${case#*:}"
  nothing_applied "key ${case%%:*}"
done
# A key column the same run's expand creates is checked when the backfill starts instead.
fresh
q "CREATE TABLE k (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO k (id) SELECT g FROM generate_series(1, 30) g"
migration k id2
sed -i "s/^INSERT INTO log VALUES ('expand');/INSERT INTO log VALUES ('expand');\nALTER TABLE k ADD COLUMN id2 int GENERATED ALWAYS AS (id * 2) STORED UNIQUE NOT NULL;/" migrations/app/1_fill.sql
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
once "a key the expand adds"

# uuid keys, including the smallest and the largest uuid.
fresh
q "CREATE TABLE k (id uuid PRIMARY KEY, n int NOT NULL DEFAULT 0);
   INSERT INTO k (id) SELECT md5(g::text)::uuid FROM generate_series(1, 200) g;
   INSERT INTO k (id) VALUES ('00000000-0000-0000-0000-000000000000'), ('ffffffff-ffff-ffff-ffff-ffffffffffff')"
migration k id
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
once "uuid keys"

# smallint keys from its minimum to its maximum.
fresh
q "CREATE TABLE k (id smallint PRIMARY KEY, n int NOT NULL DEFAULT 0);
   INSERT INTO k (id) SELECT g FROM generate_series(-32768, -32700) g UNION ALL SELECT g FROM generate_series(32700, 32767) g"
migration k id
run "$MIGRATE" apply --phase all --skip-lint --workers 2
expect_code 0
once "smallint keys at both ends"
[ "$(q "SELECT count(*) FROM migrate.backfill WHERE status <> 'finished'")" = 0 ] && pass || fail "a backfill row is left: $(q "TABLE migrate.backfill")"

# bigint's minimum, and text keys with the empty string.
fresh
q "CREATE TABLE k (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO k (id) VALUES (-9223372036854775808), (0), (9223372036854775807)"
migration k id
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
once "bigint keys at both ends"
fresh
q "CREATE TABLE k (id text PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO k (id) VALUES (''), (' '), ('a'), ('B'), ('é'), ('zz')"
migration k id
run "$MIGRATE" apply --phase all --skip-lint
expect_code 0
once "text keys with an empty one"
finish
