# A server older than the oldest supported major (run under tests/matrix/with_server 12): every
# command that connects is refused at connect with exit 3, naming the version and the supported ones,
# before anything is written; a throwaway server of that major is refused before initdb.
source "$(dirname "$0")/../cli/lib.sh"
: "${PG_MAJOR:?run under tests/matrix/with_server}"
own_database old
q() { psql -XAtqv ON_ERROR_STOP=1 -c "$1"; }
version="$(q "SHOW server_version")"
write migrations/1_t.sql $'-- migrate:expand\nCREATE TABLE t (id bigint PRIMARY KEY);\n-- migrate:rollback\nDROP TABLE t;\n'
write migrate.toml $'[apps.app]\ndir = "migrations"\n'

for cmd in "apply" "status" "plan" "history" "rollback --to 0" "lint --database dbname=$PGDATABASE" "verify --database dbname=$PGDATABASE"; do
  # shellcheck disable=SC2086 # the command's words
  run "$MIGRATE" $cmd
  expect_code 3 "$cmd against PostgreSQL $version"
  expect_stderr "is PostgreSQL $version, which migrate does not support: it supports PostgreSQL 13 to 18"
done
[ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'migrate%'")" = 0 ] && pass || fail "a ledger schema was made on the old server"
[ "$(q "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrate_verify%'")" = 0 ] && pass || fail "verify made a scratch database"
[ "$(q "SELECT count(*) FROM pg_class WHERE relname = 't'")" = 0 ] && pass || fail "a migration ran on the old server"

# A throwaway server of that major: refused before initdb, nothing left in /tmp.
before="$(ls -d /tmp/migrate-pg-* 2>/dev/null | wc -l)"
run "$MIGRATE" verify --pg-bin "$MIGRATE_PG_BIN"
expect_code 3 "verify --pg-bin (PostgreSQL $PG_MAJOR)"
expect_stderr "the server in $MIGRATE_PG_BIN is PostgreSQL $PG_MAJOR."
run "$MIGRATE" --database ephemeral status
expect_code 3 "--database ephemeral with MIGRATE_PG_BIN of PostgreSQL $PG_MAJOR"
[ "$(ls -d /tmp/migrate-pg-* 2>/dev/null | wc -l)" = "$before" ] && pass || fail "a throwaway server directory was left behind"

# A directory with no server in it.
run "$MIGRATE" verify --pg-bin "$SCRATCH/nothing"
expect_code 3 "verify --pg-bin of an empty directory"
expect_stderr "no PostgreSQL server (initdb and postgres) in $SCRATCH/nothing, the directory --pg-bin"

# Binaries that do not say a version, or an old one: refused before initdb, nothing started.
mkdir -p fake && printf '#!/bin/sh\necho "hello"\n' >fake/postgres && cp fake/postgres fake/initdb && chmod +x fake/*
run "$MIGRATE" --pg-bin "$SCRATCH/fake" ephemeral -- true
expect_code 3 "binaries that print no version"
expect_stderr "$SCRATCH/fake/postgres does not say its version (postgres --version)"
printf '#!/bin/sh\necho "postgres (PostgreSQL) 11.22"\n' >fake/postgres
run "$MIGRATE" --pg-bin "$SCRATCH/fake" ephemeral -- true
expect_code 3 "binaries of PostgreSQL 11"
expect_stderr "the server in $SCRATCH/fake is PostgreSQL 11.22, which migrate does not support"

# Offline, lint still predicts for any version it knows.
run "$MIGRATE" lint --pg-version 12 migrations
expect_code 0 "lint --pg-version 12 offline"
finish
