# `manage.py sqlmigrate` output through `migrate lint -`: a tiny Django project (Debian's python3-django
# under /usr/bin/python3), a migration that adds an index the way Django does (without CONCURRENTLY).
# The index is reported; Django's BEGIN/COMMIT are honoured; its bookkeeping on django_migrations is not
# a finding. Needs the PG* server of scripts/test (sqlmigrate asks the database what is applied).
source "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! "$PY" -c "import django, psycopg2" 2>/dev/null; then
  fail "Debian's python3-django and python3-psycopg2 are needed (scripts/test installs them)"
  finish
fi

mkdir -p proj/shop/migrations
cat > proj/settings.py <<'PYS'
import os
SECRET_KEY = "test"
INSTALLED_APPS = ["shop"]
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ.get("PGDATABASE", "postgres"),
    "USER": os.environ.get("PGUSER", ""),
    "PASSWORD": os.environ.get("PGPASSWORD", ""),
    "HOST": os.environ.get("PGHOST", ""),
    "PORT": os.environ.get("PGPORT", ""),
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
PYS
cat > proj/manage.py <<'PYS'
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
PYS
touch proj/shop/__init__.py proj/shop/migrations/__init__.py
cat > proj/shop/models.py <<'PYS'
from django.db import models

class Order(models.Model):
    created = models.DateTimeField()
    class Meta:
        indexes = [models.Index(fields=["created"], name="shop_order_created_idx")]
PYS
cat > proj/shop/migrations/0001_initial.py <<'PYS'
from django.db import migrations, models

class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Order", fields=[
            ("id", models.BigAutoField(primary_key=True, serialize=False)),
            ("created", models.DateTimeField()),
        ]),
    ]
PYS
cat > proj/shop/migrations/0002_order_created_idx.py <<'PYS'
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="order", index=models.Index(fields=["created"], name="shop_order_created_idx")),
    ]
PYS

run "$PY" proj/manage.py sqlmigrate shop 0002
expect_code 0 "manage.py sqlmigrate"
expect_stdout 'CREATE INDEX "shop_order_created_idx" ON "shop_order" ("created");'
cp "$OUT" sqlmigrate.sql
# What Django writes to its own table when it applies the migration.
printf "INSERT INTO \"django_migrations\" (\"app\", \"name\", \"applied\") VALUES ('shop', '0002_order_created_idx', now());\n" >> sqlmigrate.sql

run "$MIGRATE" lint --format gcc - < sqlmigrate.sql
expect_code 1 "the non-concurrent index is an error"
expect_stdout "error: CREATE INDEX without CONCURRENTLY blocks writes to shop_order for the whole build [index-not-concurrent]"
[ "$(grep -c ': error: \|: warning: ' "$OUT")" -eq 1 ] && pass || fail "expected exactly one finding:"$'\n'"$STDOUT"
if grep -q django_migrations "$OUT"; then fail "Django's bookkeeping was reported"; else pass; fi

# The first migration creates the table in the same input: its statements are not findings either.
run "$PY" proj/manage.py sqlmigrate shop 0001
run "$MIGRATE" lint --format gcc - < "$OUT"
expect_code 0 "CREATE TABLE from 0001 is clean"
finish
