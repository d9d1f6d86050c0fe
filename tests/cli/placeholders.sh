# Placeholders: ${NAME} in a migration, from [placeholders] in migrate.toml or MIGRATE_PLACEHOLDER_NAME
# (which wins); an undefined one is an input error at file:line:col and nothing runs; the checksum is
# of the file as written, so another value is not drift; $1/$2, $$ and ${ without a name are SQL's.
# Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database placeholders
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

q "CREATE ROLE ph_reader_$$ NOLOGIN; CREATE SCHEMA app_$$; CREATE TABLE app_$$.t (id int PRIMARY KEY, v int)"
trap 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1; psql -Xq -c "DROP ROLE IF EXISTS ph_reader_$$" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT
cat >migrate.toml <<TOML
[apps.app]
dir = "migrations/app"

[placeholders]
schema = "app_$$"
reader = "nobody"
TOML
write migrations/app/1_grant.sql '-- migrate:expand
CREATE TABLE ${schema}.notes (id bigint PRIMARY KEY, body text);
GRANT SELECT ON ${schema}.notes TO ${reader};
CREATE FUNCTION ${schema}.note_len(n bigint) RETURNS int LANGUAGE plpgsql AS $$
BEGIN RETURN (SELECT length(body) FROM ${schema}.notes WHERE id = n); END $$;
-- migrate:rollback
DROP FUNCTION ${schema}.note_len(bigint);
DROP TABLE ${schema}.notes;

-- migrate:migrate
-- migrate:backfill table=${schema}.t key=id batch=10
UPDATE ${schema}.t SET v = 1 WHERE id > $1 AND id <= $2;
-- migrate:rollback
'
# The environment wins over the file, in capitals or as written.
export MIGRATE_PLACEHOLDER_READER="ph_reader_$$"
run "$MIGRATE" lint
expect_code 0
run "$MIGRATE" config show
expect_stdout "placeholders.schema = app_$$  # file migrate.toml:5"
expect_stdout "placeholders.reader = ph_reader_$$  # environment MIGRATE_PLACEHOLDER_READER"
run "$MIGRATE" plan
expect_code 0
expect_stdout "app_$$.notes"
run "$MIGRATE" apply
expect_code 0
[ "$(q "SELECT has_table_privilege('ph_reader_$$', 'app_$$.notes', 'SELECT')")" = t ] && pass || fail "the grant went elsewhere"
[ "$(q "SELECT count(*) FROM pg_proc WHERE proname = 'note_len' AND prosrc LIKE '%app_$$.notes%'")" = 1 ] && pass || fail "not replaced inside a dollar-quoted body"
# The ledger keeps the SQL as it ran, and the checksum of the file as written.
[ "$(q "SELECT sql LIKE '%app_$$.notes%' AND rollback_sql LIKE '%DROP TABLE app_$$.notes%' FROM migrate.ledger WHERE version = '1' AND phase = 'expand'")" = t ] &&
  pass || fail "ledger: $(q "SELECT sql, rollback_sql FROM migrate.ledger WHERE version = '1'")"
MIGRATE_PLACEHOLDER_READER=somebody_else run "$MIGRATE" status --exit-code
expect_code 0
expect_stdout "0 drifted"
# Rolled back from the ledger's SQL, whatever the values are now.
MIGRATE_PLACEHOLDER_SCHEMA=elsewhere run "$MIGRATE" rollback --phase expand --steps 1 --skip-lint
[ "$CODE" = 5 ] || [ "$CODE" = 0 ] && pass || fail "rollback: exit $CODE: $STDERR"
run "$MIGRATE" rollback --phase migrate
run "$MIGRATE" rollback --phase expand
expect_code 0
[ "$(q "SELECT to_regclass('app_$$.notes') IS NULL")" = t ] && pass || fail "the rollback did not drop the table"

# Undefined: exit 2 naming file:line:col and the variable to set; nothing ran.
unset MIGRATE_PLACEHOLDER_READER
write migrations/app/2_more.sql '-- migrate:expand
CREATE TABLE app_x (id int);
GRANT SELECT ON app_x TO   ${writer_role};
-- migrate:rollback
DROP TABLE app_x;
'
run "$MIGRATE" apply
expect_code 2
expect_stderr "migrations/app/2_more.sql:3:28: undefined placeholder \${writer_role}"
expect_stderr "MIGRATE_PLACEHOLDER_WRITER_ROLE"
[ "$(q "SELECT to_regclass('public.app_x') IS NULL AND to_regclass('app_$$.notes') IS NULL")" = t ] && pass || fail "something ran"
run "$MIGRATE" lint
expect_code 2
expect_stdout "2_more.sql:3:28: error[parse-error] undefined placeholder"
# A parse error after a placeholder is reported where it is in the file.
write migrations/app/2_more.sql '-- migrate:expand
GRANT SELECT ON ${schema}.t TO x; SELEC 1;
-- migrate:rollback
'
run "$MIGRATE" lint
expect_code 2
expect_stdout "2_more.sql:2:35"
rm migrations/app/2_more.sql

export MIGRATE_PLACEHOLDER_READER="ph_reader_$$"
# Not placeholders: $1/$2, $$ and ${ without a name and a closing brace stay as they are.
write migrations/app/3_dollars.sql '-- migrate:expand
CREATE FUNCTION f_dollar(a int) RETURNS text LANGUAGE sql AS $body$ SELECT '"'"'${'"'"' || $1::text || '"'"'${1}'"'"' $body$;
-- migrate:rollback
DROP FUNCTION f_dollar(int);
'
run "$MIGRATE" apply --to 3
expect_code 0
[ "$(q "SELECT f_dollar(7)")" = '${7${1}' ] && pass || fail "dollar forms changed: $(q "SELECT f_dollar(7)")"

# Bad configuration: a name that cannot be one, a value on two lines.
cat >>migrate.toml <<'TOML'
"bad-name" = "x"
TOML
run "$MIGRATE" lint
expect_code 2
expect_stderr "placeholders.bad-name"
sed -i '$d' migrate.toml
MIGRATE_PLACEHOLDER_SCHEMA=$'a\nb' run "$MIGRATE" lint
expect_code 2
expect_stdout "MIGRATE_PLACEHOLDER_SCHEMA: a placeholder's value is one line"
finish
