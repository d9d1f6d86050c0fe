# Adopting migrate: `import --from flyway|dbmate|golang-migrate` converts their directories (what is
# written, the summary, no overwrite, nothing written on bad input, the result lints and plans), and
# `baseline --from-ledger` reads each tool's history table, built as the tool builds it, so that the
# first `apply` runs only the new migration; the other tool's table is never written. Needs the PG*
# server of scripts/test.
source "$(dirname "$0")/lib.sh"

own_database adopt
cat >migrate.toml <<'EOF'
[placeholders]
schema = "public"

[apps.fly]
dir = "migrations/fly"

[apps.dbm]
dir = "migrations/dbm"

[apps.gom]
dir = "migrations/gom"

[apps.dj]
dir = "migrations/dj"

[apps.al]
dir = "migrations/al"
EOF
mkdir -p migrations/dj migrations/al
applied_count() { grep -c '^applied  ' <<<"$STDOUT"; }
snapshot() { psql -XAtc "SELECT * FROM $1 ORDER BY 1" && psql -XAtc "SELECT count(*) FROM $1"; }

# --- Flyway -------------------------------------------------------------------------------------
write flyway/V1__init.sql 'CREATE TABLE fw_users (id bigint PRIMARY KEY, email text);
'
write flyway/V1.1__Add_Name.sql "SET search_path = '\${schema}', public;
ALTER TABLE public.fw_users ADD COLUMN name text;
"
write flyway/U1.1__Add_Name.sql 'ALTER TABLE public.fw_users DROP COLUMN name;
'
write flyway/V2__email_index.sql 'CREATE INDEX CONCURRENTLY fw_users_email_idx ON fw_users (email);
'
write flyway/R__views.sql 'CREATE OR REPLACE VIEW fw_names AS SELECT name FROM fw_users;
'
write flyway/README.md 'not a migration'

run "$MIGRATE" import --from flyway flyway --app fly
expect_code 0
expect_stdout "converted 3 files from flyway (flyway) into migrations/fly:"
expect_stdout "migrations/fly/10_init.sql  <- flyway/V1__init.sql"
expect_stdout "migrations/fly/11_add_name.sql  <- flyway/V1.1__Add_Name.sql, flyway/U1.1__Add_Name.sql"
expect_stdout "migrations/fly/20_email_index.sql  <- flyway/V2__email_index.sql"
expect_stdout "each part is zero-padded to its widest (1 -> 10, 1.1 -> 11, 2 -> 20)"
expect_stdout "things need a human:"
expect_stdout "flyway/R__views.sql: a Flyway repeatable migration, not converted"
expect_stdout '11_add_name.sql: placeholder kept as written: ${schema} (flyway/V1.1__Add_Name.sql:1)'
expect_stdout "10_init.sql: rollback irreversible: there is no U1__ undo migration"
expect_stdout "20_email_index.sql: expand runs outside a transaction, statement by statement (CREATE INDEX CONCURRENTLY at line 3)"
[ "$(ls migrations/fly)" = $'10_init.sql\n11_add_name.sql\n20_email_index.sql' ] && pass || fail "flyway files: $(ls migrations/fly)"
[ "$(head -1 migrations/fly/11_add_name.sql)" = "-- Imported from Flyway V1.1__Add_Name.sql, undo U1.1__Add_Name.sql by migrate import." ] && pass ||
  fail "11_add_name.sql first line: $(head -1 migrations/fly/11_add_name.sql)"
grep -qxF -- '-- migrate:rollback irreversible' migrations/fly/10_init.sql && pass || fail "10_init.sql is not irreversible"
[ "$(sed -n '/^-- migrate:rollback$/,$p' migrations/fly/11_add_name.sql)" = $'-- migrate:rollback\nALTER TABLE public.fw_users DROP COLUMN name;' ] && pass ||
  fail "11_add_name.sql rollback: $(cat migrations/fly/11_add_name.sql)"
expect_not "no-transaction" migrations/fly/20_email_index.sql
expect_not "R__" migrations/fly/*.sql

# Never overwrites: a second import refuses, naming the file, and changes nothing.
sums=$(md5sum migrations/fly/*)
run "$MIGRATE" import --from flyway flyway --app fly
expect_code 2
expect_stderr "migrations/fly/10_init.sql: exists already (from flyway/V1__init.sql); import never overwrites a file"
expect_stderr "nothing was imported"
[ "$(md5sum migrations/fly/*)" = "$sums" ] && pass || fail "a refused import changed files"

# Nor gives a version a file there has already, under another name.
write out-v/10_other.sql '-- migrate:expand
SELECT 1;
-- migrate:rollback irreversible
'
run "$MIGRATE" import --from flyway flyway --out out-v
expect_code 2
expect_stderr "out-v/10_other.sql: has version 10, which 10_init.sql would get too"
[ "$(ls out-v)" = "10_other.sql" ] && pass || fail "a refused import wrote into out-v: $(ls out-v)"

# Bad input writes nothing: a version that cannot be mapped, one that is another's, an undo without its
# migration; every problem is named with its file.
write flyway-bad/V1__a.sql 'CREATE TABLE a (id int);'
write flyway-bad/V1.x__b.sql 'CREATE TABLE b (id int);'
write flyway-bad/V1.0__c.sql 'CREATE TABLE c (id int);'
write flyway-bad/U3__d.sql 'DROP TABLE d;'
run "$MIGRATE" import --from flyway flyway-bad --out out-bad
expect_code 2
expect_stderr 'flyway-bad/V1.x__b.sql: the version "1.x" cannot be mapped to a migrate version'
expect_stderr "flyway-bad/V1__a.sql: version 1 is the same as flyway-bad/V1.0__c.sql's (1.0)"
expect_stderr "flyway-bad/U3__d.sql: an undo migration with no V3__ migration"
[ ! -e out-bad ] && pass || fail "a refused import wrote $(ls out-bad)"
write flyway-sql/V1__a.sql 'CREATE TABLE a (id int);'
write flyway-sql/V2__b.sql 'CREATE TABLE b (id int;
'
run "$MIGRATE" import --from flyway flyway-sql --out out-sql
expect_code 2
expect_stderr "flyway-sql/V2__b.sql:1:"
[ ! -e out-sql ] && pass || fail "an import with SQL that does not parse wrote $(ls out-sql)"

# --- dbmate -------------------------------------------------------------------------------------
write dbmate/20240101000000_create_orders.sql '-- migrate:up
CREATE TYPE db_state AS ENUM ('"'new'"');
CREATE TABLE db_orders (id bigint PRIMARY KEY, total numeric, state db_state);

-- migrate:down
DROP TABLE db_orders;
DROP TYPE db_state;
'
write dbmate/20240102000000_orders_total_idx.sql '-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY db_orders_total_idx ON db_orders (total);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY db_orders_total_idx;
'
write dbmate/20240103000000_paid_state.sql '-- ALTER TYPE ... ADD VALUE: the new value cannot be used in the same transaction
-- migrate:up transaction:false
ALTER TYPE db_state ADD VALUE '"'paid'"';

-- migrate:down
'
run "$MIGRATE" import --from dbmate dbmate --app dbm
expect_code 0
expect_stdout "converted 3 files from dbmate (dbmate) into migrations/dbm:"
expect_stdout "migrations/dbm/20240103000000_paid_state.sql  <- dbmate/20240103000000_paid_state.sql"
expect_stdout "20240102000000_orders_total_idx.sql: expand runs outside a transaction, statement by statement (CREATE INDEX CONCURRENTLY"
expect_stdout "20240102000000_orders_total_idx.sql: its rollback runs outside a transaction (DROP INDEX CONCURRENTLY"
expect_stdout "20240103000000_paid_state.sql: expand runs outside a transaction, statement by statement (no-transaction directive)"
expect_stdout "20240103000000_paid_state.sql: rollback irreversible: its -- migrate:down is empty"
expect_not "no-transaction" migrations/dbm/20240101000000_create_orders.sql migrations/dbm/20240102000000_orders_total_idx.sql
[ "$(sed -n 2,5p migrations/dbm/20240103000000_paid_state.sql)" = "-- ALTER TYPE ... ADD VALUE: the new value cannot be used in the same transaction
-- migrate:expand
-- migrate:no-transaction
ALTER TYPE db_state ADD VALUE 'paid';" ] && pass || fail "paid_state.sql: $(cat migrations/dbm/20240103000000_paid_state.sql)"
expect_not "migrate:up" migrations/dbm/*.sql
grep -qxF "DROP TYPE db_state;" migrations/dbm/20240101000000_create_orders.sql && pass || fail "create_orders lost its down"

write dbmate-bad/20240101000000_x.sql 'CREATE TABLE x (id int);
-- migrate:up
SELECT 1;
'
write dbmate-bad/notes.sql '-- not a migration'
run "$MIGRATE" import --from dbmate dbmate-bad --out out-dbmate-bad
expect_code 2
expect_stderr "dbmate-bad/20240101000000_x.sql:1:1: SQL before -- migrate:up"
expect_stderr "dbmate-bad/notes.sql: not a dbmate migration file name"
[ ! -e out-dbmate-bad ] && pass || fail "a refused dbmate import wrote something"

# --- golang-migrate -----------------------------------------------------------------------------
write golang/1_create_items.up.sql 'CREATE TABLE gm_items (id bigint PRIMARY KEY, sku text);
'
write golang/1_create_items.down.sql 'DROP TABLE gm_items;
'
write golang/2_Items-Price.up.sql 'ALTER TABLE gm_items ADD COLUMN price numeric;
'
run "$MIGRATE" import --from golang-migrate golang --app gom
expect_code 0
expect_stdout "converted 2 files from golang-migrate (golang) into migrations/gom:"
expect_stdout "migrations/gom/1_create_items.sql  <- golang/1_create_items.up.sql, golang/1_create_items.down.sql"
expect_stdout "migrations/gom/2_items_price.sql  <- golang/2_Items-Price.up.sql"
expect_stdout "2_items_price.sql: rollback irreversible: it has no .down.sql"
write golang-bad/3_orphan.down.sql 'DROP TABLE x;'
run "$MIGRATE" import --from golang-migrate golang-bad --out out-golang-bad
expect_code 2
expect_stderr "golang-bad/3_orphan.down.sql: a .down.sql with no .up.sql for version 3"
[ ! -e out-golang-bad ] && pass || fail "a refused golang-migrate import wrote something"

# The converted files lint (findings are the user's SQL; nothing fails to parse) and plan.
run "$MIGRATE" lint
[ "$CODE" -le 1 ] && pass || fail "lint of the imported files: exit $CODE: $STDERR"
run "$MIGRATE" plan --app dbm
expect_code 0
expect_stdout "20240103000000_paid_state"

# --- the history tables, as each tool creates them, after the old migrations ran ---------------------
# Flyway 10 (PostgreSQL): its DDL and the rows of V1, V1.1, V2 and the repeatable.
sed 's/${schema}/public/' flyway/V1__init.sql flyway/V1.1__Add_Name.sql | psql -Xq -v ON_ERROR_STOP=1
psql -Xq -v ON_ERROR_STOP=1 -f flyway/V2__email_index.sql
psql -Xq -v ON_ERROR_STOP=1 <<'EOF'
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
INSERT INTO flyway_schema_history VALUES
  (1, '1', 'init', 'SQL', 'V1__init.sql', 1106307433, 'postgres', '2025-01-01 10:00', 12, true),
  (2, '1.1', 'Add Name', 'SQL', 'V1.1__Add_Name.sql', -214873302, 'postgres', '2025-01-02 10:00', 8, true),
  (3, '2', 'email index', 'SQL', 'V2__email_index.sql', 551276893, 'postgres', '2025-01-03 10:00', 30, true),
  (4, NULL, 'views', 'SQL', 'R__views.sql', 93827411, 'postgres', '2025-01-03 10:00', 5, true);
CREATE VIEW fw_names AS SELECT name FROM fw_users;
EOF
flyway_before=$(snapshot flyway_schema_history)

run "$MIGRATE" baseline --from-ledger flyway --app fly
expect_code 0
expect_stdout "fly: 3 steps up to 20 recorded as applied (baseline from flyway_schema_history: version 2); nothing was run; flyway_schema_history was only read."
run "$MIGRATE" baseline --from-ledger flyway --app fly
expect_code 5
expect_stderr "fly has a history in the ledger already"
write migrations/fly/30_user_phone.sql '-- migrate:expand
ALTER TABLE fw_users ADD COLUMN phone text;
-- migrate:rollback
ALTER TABLE fw_users DROP COLUMN phone;
'
run "$MIGRATE" apply --app fly
expect_code 0
expect_stdout "applied  fly 30_user_phone expand"
[ "$(applied_count)" = 1 ] && pass || fail "apply ran more than the new migration: $STDOUT"
[ "$(psql -XAtc "SELECT count(*) FROM information_schema.columns WHERE table_name = 'fw_users' AND column_name = 'phone'")" = 1 ] && pass ||
  fail "fw_users.phone was not added"
[ "$(snapshot flyway_schema_history)" = "$flyway_before" ] && pass || fail "flyway_schema_history changed"
run "$MIGRATE" status --app fly
expect_stdout "10_init"

# dbmate: its table, and the versions it ran.
psql -Xq -v ON_ERROR_STOP=1 <<'EOF'
CREATE TYPE db_state AS ENUM ('new');
CREATE TABLE db_orders (id bigint PRIMARY KEY, total numeric, state db_state);
CREATE INDEX CONCURRENTLY db_orders_total_idx ON db_orders (total);
EOF
psql -Xq -v ON_ERROR_STOP=1 -c "ALTER TYPE db_state ADD VALUE 'paid'"
# Missing table first: exit 2 naming it.
run "$MIGRATE" baseline --from-ledger dbmate --app dbm
expect_code 2
expect_stderr "no table schema_migrations in the database: it is where dbmate records what it applied by default"
psql -Xq -v ON_ERROR_STOP=1 <<'EOF'
create table if not exists schema_migrations (version varchar(128) primary key);
insert into schema_migrations (version) values ('20240101000000'), ('20240102000000'), ('20240103000000');
EOF
dbmate_before=$(snapshot schema_migrations)

# golang-migrate: its table in a schema of its own (x-migrations-table), and a dirty one.
psql -Xq -v ON_ERROR_STOP=1 <<'EOF'
CREATE SCHEMA gm;
CREATE TABLE IF NOT EXISTS gm.schema_migrations (version bigint not null primary key, dirty boolean not null);
CREATE SCHEMA gm_dirty;
CREATE TABLE IF NOT EXISTS gm_dirty.schema_migrations (version bigint not null primary key, dirty boolean not null);
INSERT INTO gm_dirty.schema_migrations VALUES (2, true);
CREATE TABLE gm_items (id bigint PRIMARY KEY, sku text);
ALTER TABLE gm_items ADD COLUMN price numeric;
INSERT INTO gm.schema_migrations VALUES (2, false);
EOF
golang_before=$(snapshot gm.schema_migrations)
run "$MIGRATE" baseline --from-ledger dbmate --app dbm --table gm.schema_migrations
expect_code 2
expect_stderr "gm.schema_migrations has a dirty column: it is golang-migrate's history table, not dbmate's"
run "$MIGRATE" baseline --from-ledger dbmate --app dbm
expect_code 0
expect_stdout "dbm: 3 steps up to 20240103000000 recorded as applied (baseline from schema_migrations: version 20240103000000)"
run "$MIGRATE" baseline --from-ledger golang-migrate --app gom --table gm_dirty.schema_migrations
expect_code 5
expect_stderr "gm_dirty.schema_migrations says version 2 is dirty"
run "$MIGRATE" baseline --from-ledger golang-migrate --app gom --table gm.schema_migrations
expect_code 0
expect_stdout "gom: 2 steps up to 2 recorded as applied (baseline from gm.schema_migrations: version 2)"
write migrations/dbm/20240104000000_order_note.sql '-- migrate:expand
ALTER TABLE db_orders ADD COLUMN note text;
-- migrate:rollback
ALTER TABLE db_orders DROP COLUMN note;
'
write migrations/gom/3_item_name.sql '-- migrate:expand
ALTER TABLE gm_items ADD COLUMN name text;
-- migrate:rollback
ALTER TABLE gm_items DROP COLUMN name;
'
run "$MIGRATE" apply --app dbm
expect_code 0
expect_stdout "applied  dbm 20240104000000_order_note expand"
[ "$(applied_count)" = 1 ] && pass || fail "apply (dbmate) ran more than the new migration: $STDOUT"
run "$MIGRATE" apply --app gom
expect_code 0
expect_stdout "applied  gom 3_item_name expand"
[ "$(applied_count)" = 1 ] && pass || fail "apply (golang-migrate) ran more than the new migration: $STDOUT"
[ "$(psql -XAtc "SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name) FROM information_schema.columns WHERE column_name IN ('note', 'name') AND table_name IN ('db_orders', 'gm_items')")" = "db_orders.note,gm_items.name" ] &&
  pass || fail "the new columns are not there"
[ "$(snapshot schema_migrations)" = "$dbmate_before" ] && pass || fail "dbmate's schema_migrations changed"
[ "$(snapshot gm.schema_migrations)" = "$golang_before" ] && pass || fail "golang-migrate's schema_migrations changed"

# --- Django: migrate files named after Django's migrations --------------------------------------------
write migrations/dj/0001_initial.sql '-- migrate:expand
CREATE TABLE polls_question (id bigint PRIMARY KEY, text varchar(200));
-- migrate:rollback
DROP TABLE polls_question;
'
write migrations/dj/0002_question_pub_date.sql '-- migrate:expand
ALTER TABLE polls_question ADD COLUMN pub_date timestamptz;
-- migrate:rollback
ALTER TABLE polls_question DROP COLUMN pub_date;
'
psql -Xq -v ON_ERROR_STOP=1 <<'EOF'
CREATE TABLE "django_migrations" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" timestamp with time zone NOT NULL);
INSERT INTO django_migrations (app, name, applied) VALUES
  ('contenttypes', '0001_initial', '2025-01-01'), ('polls', '0001_initial', '2025-01-01'), ('polls', '0002_question_pub_date', '2025-01-02');
CREATE TABLE polls_question (id bigint PRIMARY KEY, text varchar(200));
ALTER TABLE polls_question ADD COLUMN pub_date timestamptz;
EOF
django_before=$(snapshot django_migrations)
run "$MIGRATE" baseline --from-ledger django --app dj
expect_code 2
expect_stderr 'django_migrations has no migrations of the Django app "dj"'
run "$MIGRATE" baseline --from-ledger django --app dj --django-app polls
expect_code 0
expect_stdout "dj: 2 steps up to 0002 recorded as applied (baseline from django_migrations: 0002_question_pub_date)"
write migrations/dj/0003_question_votes.sql '-- migrate:expand
ALTER TABLE polls_question ADD COLUMN votes integer;
-- migrate:rollback
ALTER TABLE polls_question DROP COLUMN votes;
'
run "$MIGRATE" apply --app dj
expect_code 0
expect_stdout "applied  dj 0003_question_votes expand"
[ "$(applied_count)" = 1 ] && pass || fail "apply (django) ran more than the new migration: $STDOUT"
[ "$(snapshot django_migrations)" = "$django_before" ] && pass || fail "django_migrations changed"

# --- Alembic: the current revision as a word of a migration's name -------------------------------------
write migrations/al/1_ae1027a6acf_create_account.sql '-- migrate:expand
CREATE TABLE account (id bigint PRIMARY KEY, name text);
-- migrate:rollback
DROP TABLE account;
'
write migrations/al/2_1975ea83b712_account_email.sql '-- migrate:expand
ALTER TABLE account ADD COLUMN email text;
-- migrate:rollback
ALTER TABLE account DROP COLUMN email;
'
run "$MIGRATE" baseline --from-ledger alembic --app al
expect_code 2
expect_stderr "no table alembic_version in the database"
psql -Xq -v ON_ERROR_STOP=1 <<'EOF'
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE account (id bigint PRIMARY KEY, name text);
ALTER TABLE account ADD COLUMN email text;
INSERT INTO alembic_version (version_num) VALUES ('1975ea83b712');
EOF
alembic_before=$(snapshot alembic_version)
run "$MIGRATE" baseline --from-ledger alembic --app al
expect_code 0
expect_stdout "al: 2 steps up to 2 recorded as applied (baseline from alembic_version: revision 1975ea83b712)"
write migrations/al/3_27c6a30d7c24_account_phone.sql '-- migrate:expand
ALTER TABLE account ADD COLUMN phone text;
-- migrate:rollback
ALTER TABLE account DROP COLUMN phone;
'
run "$MIGRATE" apply --app al
expect_code 0
expect_stdout "applied  al 3_27c6a30d7c24_account_phone expand"
[ "$(applied_count)" = 1 ] && pass || fail "apply (alembic) ran more than the new migration: $STDOUT"
[ "$(snapshot alembic_version)" = "$alembic_before" ] && pass || fail "alembic_version changed"

# --- more hostile input ------------------------------------------------------------------------
# A Flyway history whose newest version is no migration of the app; a failed row.
mkdir -p migrations/fly2
cp migrations/fly/1*.sql migrations/fly2/
cat >>migrate.toml <<'EOF'

[apps.fly2]
dir = "migrations/fly2"
EOF
run "$MIGRATE" baseline --from-ledger flyway --app fly2
expect_code 2
expect_stderr "flyway_schema_history's newest applied version 2 is none of the app's migrations"
psql -Xq -v ON_ERROR_STOP=1 -c "CREATE TABLE fw_failed (LIKE flyway_schema_history INCLUDING ALL);
  INSERT INTO fw_failed SELECT * FROM flyway_schema_history WHERE installed_rank = 1;
  INSERT INTO fw_failed VALUES (2, '1.1', 'Add Name', 'SQL', 'V1.1__Add_Name.sql', 1, 'postgres', now(), 8, false)"
run "$MIGRATE" baseline --from-ledger flyway --app fly2 --table fw_failed
expect_code 5
expect_stderr "fw_failed records a failed migration (version 1.1, installed_rank 2)"
# A BASELINE row means everything up to its version.
psql -Xq -v ON_ERROR_STOP=1 -c "CREATE TABLE fw_baseline (LIKE flyway_schema_history INCLUDING ALL);
  INSERT INTO fw_baseline VALUES (1, '1.1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'postgres', now(), 0, true)"
run "$MIGRATE" baseline --from-ledger flyway --app fly2 --table fw_baseline
expect_code 0
expect_stdout "fly2: 2 steps up to 11 recorded as applied (baseline from fw_baseline: baseline version 1.1)"
# A dbmate table missing a version older than its newest: recorded too, and said so.
printf '\n[apps.dbm2]\ndir = "migrations/dbm2"\n' >>migrate.toml
for v in 1 2 3; do write migrations/dbm2/${v}_t$v.sql "-- migrate:expand
CREATE TABLE dbm2_t$v (id int);
-- migrate:rollback
DROP TABLE dbm2_t$v;
"; done
psql -Xq -v ON_ERROR_STOP=1 -c "CREATE SCHEMA dbm2; create table if not exists dbm2.schema_migrations (version varchar(128) primary key);
  insert into dbm2.schema_migrations (version) values ('1'), ('3')"
run "$MIGRATE" baseline --from-ledger dbmate --app dbm2 --table dbm2.schema_migrations
expect_code 0
expect_stdout "dbm2: 3 steps up to 3 recorded as applied"
expect_stderr "2_t2 is not in dbm2.schema_migrations but older than its newest version (3): recorded as applied too"
# Usage: a version and --from-ledger together; --django-app without django; an unknown tool.
run "$MIGRATE" baseline 10 --from-ledger flyway --app fly
expect_code 2
expect_stderr "not both"
run "$MIGRATE" baseline --from-ledger dbmate --django-app polls --app dbm
expect_code 2
run "$MIGRATE" baseline --from-ledger liquibase --app fly
expect_code 2
[ "$(snapshot flyway_schema_history)" = "$flyway_before" ] && pass || fail "flyway_schema_history changed"
finish
