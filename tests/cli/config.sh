# config show: values with their origins, precedence, redaction; bad configuration is exit 2.
source "$(dirname "$0")/lib.sh"

secret='Pa55-w0rd-xyzzy'
cat > migrate.toml <<TOML
[database]
url = "postgresql://app:${secret}@db.internal/shop"

[defaults]
lock_timeout = "2s"
TOML
mkdir -p sub/dir && cd sub/dir
unset DATABASE_URL MIGRATE_DATABASE_URL MIGRATE_LOCK_TIMEOUT PGPASSWORD
run "$MIGRATE" config show
expect_code 0
expect_stdout "# configuration file: $SCRATCH/migrate.toml"
expect_stdout "database.url = postgresql://app:***@db.internal/shop  # file ../../migrate.toml:2"
expect_stdout "defaults.lock_timeout = 2s  # file ../../migrate.toml:5"
expect_stdout "defaults.lock_retries = 10  # default"
expect_not "$secret" "$OUT" "$ERR"

MIGRATE_LOCK_TIMEOUT=750ms run "$MIGRATE" config show
expect_stdout "defaults.lock_timeout = 750ms  # environment MIGRATE_LOCK_TIMEOUT"
expect_stdout "backfill.max_slot_lag = off  # default"
MIGRATE_BACKFILL_MAX_SLOT_LAG=65536kb run "$MIGRATE" config show
expect_stdout "backfill.max_slot_lag = 64MB  # environment MIGRATE_BACKFILL_MAX_SLOT_LAG"

DATABASE_URL="postgres://u:${secret}@env-host/db" run "$MIGRATE" config show
expect_stdout "database.url = postgres://u:***@env-host/db  # environment DATABASE_URL"
DATABASE_URL="postgres://u@env-host/db" MIGRATE_DATABASE_URL="postgres://m@mig-host/db" run "$MIGRATE" config show
expect_stdout "database.url = postgres://m@mig-host/db  # environment MIGRATE_DATABASE_URL"
DATABASE_URL="postgres://u@env-host/db" run "$MIGRATE" -d "host=flag-host password=${secret}" config show
expect_stdout "database.url = host=flag-host password=***  # flag --database"
expect_not "$secret" "$OUT" "$ERR"

PGPASSWORD="$secret" run "$MIGRATE" config show --format json
expect_code 0
expect_not "$secret" "$OUT" "$ERR"
python3 - "$OUT" <<'PY' && pass || fail "config show --format json"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1
s = {x["key"]: x for x in doc["settings"]}
assert s["defaults.lock_timeout"]["value"] == "2s" and s["defaults.lock_timeout"]["source"] == "file"
assert doc["libpq_environment"]["PGPASSWORD"] == "***"
PY

# Bad configuration: file:line, a suggestion, exit 2.
cd "$SCRATCH"
printf '[defaults]\nlock_timout = "2s"\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr 'migrate.toml:2:1: unknown key defaults.lock_timout (did you mean "lock_timeout"?)'
printf '[defaults]\nlock_timeout = "2"\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr 'defaults.lock_timeout: "2" needs a unit'
printf '[backfill]\nmax_slot_lag = "64 MiB"\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr 'migrate.toml:2:16: backfill.max_slot_lag: unknown unit "MiB" in "64 MiB"'
printf 'this is = = not toml\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr "migrate.toml:1:"
run "$MIGRATE" -c missing.toml config show
expect_code 2
expect_stderr "missing.toml: configuration file not found"
rm migrate.toml
MIGRATE_LOCK_RETRIES=lots run "$MIGRATE" config show
expect_code 2
expect_stderr "environment variable MIGRATE_LOCK_RETRIES"

# Two apps on one directory (spelled differently) would both apply its files; one inside another's:
# both refused, naming both apps and where they are configured.
mkdir -p shared/sub
printf '[apps.web]\ndir = "shared"\n\n[apps.api]\ndir = "./shared/"\n\n[apps.jobs]\ndir = "shared/sub"\n' > migrate.toml
for cmd in "config show" "lint" "plan --offline"; do
  run "$MIGRATE" $cmd
  expect_code 2 "$cmd with two apps on one directory"
  expect_stderr 'migrate.toml:5:7: apps.api: dir "./shared/" is the same directory as apps.web'"'"'s dir "shared" (migrate.toml:2)'
  expect_stderr 'migrate.toml:8:7: apps.jobs: dir "shared/sub" is inside apps.web'"'"'s dir "shared" (migrate.toml:2)'
done

# [backfill] batch sizes, as a whole: 1 or more, min no larger than max, and a too large number says
# what the largest is.
printf '[backfill]\nmin_batch = 0\nmax_batch = 0\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr "migrate.toml:2:13: backfill.min_batch: a batch is at least 1 row, not 0"
expect_stderr "migrate.toml:3:13: backfill.max_batch: a batch is at least 1 row, not 0"
printf '[backfill]\nmin_batch = 500\nmax_batch = 100\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr "migrate.toml:2:13: backfill.min_batch = 500 (file migrate.toml:2) is larger than backfill.max_batch = 100 (file migrate.toml:3)"
printf '[backfill]\nmax_batch = 100000000000\n' > migrate.toml
run "$MIGRATE" config show
expect_code 2
expect_stderr "migrate.toml:2:13: backfill.max_batch: 100000000000 is too large: at most 2147483647"
printf '[backfill]\nmax_batch = 100\n' > migrate.toml
MIGRATE_BACKFILL_MIN_BATCH=200 run "$MIGRATE" config show
expect_code 2
expect_stderr "backfill.min_batch = 200 (environment MIGRATE_BACKFILL_MIN_BATCH) is larger than backfill.max_batch = 100 (file migrate.toml:2)"
# The backfill directive's batch=N: a number too large for a batch says so, with its place.
rm migrate.toml
write migrations/app/1_fill.sql '-- migrate:expand
CREATE TABLE t (id int, v int);
-- migrate:rollback
DROP TABLE t;

-- migrate:migrate
-- migrate:backfill table=t key=id batch=99999999999
UPDATE t SET v = 1 WHERE id > $1 AND id <= $2;
-- migrate:rollback
-- nothing
'
run "$MIGRATE" plan --offline
expect_code 2
expect_stderr "migrations/app/1_fill.sql:7:36: backfill: batch=99999999999 is too large: at most 2147483647 rows"
finish
