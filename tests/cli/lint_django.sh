# `manage.py sqlmigrate` output through `migrate lint -`, on the shop example's Django project (Debian's
# python3-django under /usr/bin/python3). Its migrations lint clean, the index built with
# AddIndexConcurrently included; a migration as `makemigrations` writes it (AddIndex, no CONCURRENTLY)
# is an error at its line; Django's BEGIN/COMMIT are honoured and its bookkeeping on django_migrations
# is not a finding; `--app` names the app standard input belongs to, for cross-app-ownership.
# Needs the PG* server of scripts/test (sqlmigrate asks the database what is applied).
source "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
if ! "$PY" -c "import django, psycopg2" 2>/dev/null; then
  fail "Debian's python3-django and python3-psycopg2 are needed (scripts/test installs them)"
  finish
fi

cp -r "$SOURCE_DIR/migrations-examples/shop/." shop && cd shop
sqlmigrate() { (cd django_project && "$PY" manage.py sqlmigrate "$@"); }

# The example's migrations: clean, as the storefront's own app.
for m in 0001 0002; do
  run sqlmigrate store $m
  expect_code 0 "manage.py sqlmigrate store $m"
  cp "$OUT" "$SCRATCH/$m.sql"
  run "$MIGRATE" lint --app django --format gcc - <"$SCRATCH/$m.sql"
  expect_code 0 "store $m lints clean: $STDOUT"
done
grep -q 'CREATE INDEX CONCURRENTLY "store_product_sku_idx"' "$SCRATCH/0002.sql" && pass || fail "0002 is not concurrent: $(cat "$SCRATCH/0002.sql")"
# Standard input of the other app touches the storefront's table: cross-app-ownership. Of no app: not.
run "$MIGRATE" lint --app fastapi --format gcc - <"$SCRATCH/0002.sql"
expect_code 1
expect_stdout "store_product belongs to app django (public.store_*), not to fastapi [cross-app-ownership]"
run "$MIGRATE" lint --format gcc - <"$SCRATCH/0002.sql"
expect_code 0 "standard input of no app: $STDOUT"
run "$MIGRATE" lint --app djang - <"$SCRATCH/0002.sql"
expect_code 2
expect_stderr 'unknown app "djang" (did you mean "django"?)'

# A migration the way makemigrations writes it: AddIndex, in a transaction, without CONCURRENTLY.
cat >django_project/store/migrations/0003_product_name_idx.py <<'PYS'
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0002_product_sku_idx")]
    operations = [
        migrations.AddIndex(model_name="product", index=models.Index(fields=["name"], name="store_product_name_idx")),
    ]
PYS
run sqlmigrate store 0003
expect_code 0 "manage.py sqlmigrate store 0003"
expect_stdout 'CREATE INDEX "store_product_name_idx" ON "store_product" ("name");'
cp "$OUT" "$SCRATCH/0003.sql"
# What Django writes to its own table when it applies the migration.
printf "INSERT INTO \"django_migrations\" (\"app\", \"name\", \"applied\") VALUES ('store', '0003_product_name_idx', now());\n" >>"$SCRATCH/0003.sql"
index_line=$(grep -n 'CREATE INDEX "store_product_name_idx"' "$SCRATCH/0003.sql" | cut -d: -f1)
run "$MIGRATE" lint --app django --format gcc - <"$SCRATCH/0003.sql"
expect_code 1 "the non-concurrent index is an error"
expect_stdout "<stdin>:$index_line:1: error: CREATE INDEX without CONCURRENTLY blocks writes to store_product for the whole build [index-not-concurrent]"
[ "$(grep -c ': error: \|: warning: ' "$OUT")" -eq 1 ] && pass || fail "expected exactly one finding:"$'\n'"$STDOUT"
expect_not django_migrations "$OUT"
finish
