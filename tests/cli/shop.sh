# The shop example as its two teams run it: a Django storefront and a FastAPI service on one database.
# 1. Django's `manage.py migrate`, Alembic's `upgrade head` and `migrate apply` for both apps, all at
#    the same time on a fresh database: all succeed, and each tool's bookkeeping is intact (Django's
#    django_migrations, Alembic's alembic_version, migrate's ledger), with the schema each expects.
# 2. Both applications work on the result: the Django ORM and the FastAPI endpoints (TestClient).
# 3. Between expand and contract both releases run: the old code writes full_name / payload, the new
#    display_name / body, and the dual-write triggers keep each pair filled; migrate and contract then
#    finish the change with every row converted.
source "$(dirname "$0")/lib.sh"
own_database shop
PY=/usr/bin/python3 # Debian's, with Django, Alembic, SQLAlchemy and FastAPI
export PYTHONDONTWRITEBYTECODE=1
if ! "$PY" -c "import django, psycopg2, alembic, sqlalchemy, fastapi, httpx" 2>/dev/null; then
  fail "Debian's python3-django, -psycopg2, -alembic, -sqlalchemy, -fastapi and -httpx are needed (scripts/test installs them)"
  finish
fi
q() { psql -XAtqv ON_ERROR_STOP=1 -c "$1"; }

cp -r "$SOURCE_DIR/migrations-examples/shop/." shop && cd shop
django() { (cd django_project && "$PY" manage.py "$@"); }
alembic() { (cd fastapi_project && "$PY" -m alembic "$@"); }

# 1. Four tools at once. Each waits at a gate so that they start together.
gate() { while [ ! -e "$SCRATCH/go" ]; do sleep 0.01; done; "$@"; }
gate django migrate --noinput >"$SCRATCH/django.log" 2>&1 & p_django=$!
gate alembic upgrade head >"$SCRATCH/alembic.log" 2>&1 & p_alembic=$!
gate "$MIGRATE" apply --phase all --app django >"$SCRATCH/m_django.log" 2>&1 & p_mdjango=$!
gate "$MIGRATE" apply --phase all --app fastapi >"$SCRATCH/m_fastapi.log" 2>&1 & p_mfastapi=$!
touch "$SCRATCH/go"
wait $p_django && pass || fail "manage.py migrate: $(cat "$SCRATCH/django.log")"
wait $p_alembic && pass || fail "alembic upgrade head: $(cat "$SCRATCH/alembic.log")"
wait $p_mdjango && pass || fail "migrate apply --app django: $(cat "$SCRATCH/m_django.log")"
wait $p_mfastapi && pass || fail "migrate apply --app fastapi: $(cat "$SCRATCH/m_fastapi.log")"

# Django: every migration applied and recorded once; the models agree with the migrations.
run django showmigrations --plan
expect_code 0
[ "$(grep -c '^\[X\]' "$OUT")" -ge 15 ] && ! grep -q '^\[ \]' "$OUT" && pass || fail "showmigrations: $STDOUT"
expect_stdout "[X]  store.0002_product_sku_idx"
run django migrate --check
expect_code 0 "manage.py migrate --check: nothing unapplied"
run django makemigrations --check --dry-run
expect_code 0 "the models match their migrations: $STDOUT"
[ "$(q "SELECT count(*) - count(DISTINCT (app, name)) FROM django_migrations")" = 0 ] && pass || fail "django_migrations has duplicates"
[ "$(q "SELECT string_agg(name, ',' ORDER BY name) FROM django_migrations WHERE app = 'store'")" = "0001_initial,0002_product_sku_idx" ] &&
  pass || fail "django_migrations for store: $(q "SELECT * FROM django_migrations WHERE app = 'store'")"
[ "$(q "SELECT indisvalid FROM pg_index WHERE indexrelid = 'store_product_sku_idx'::regclass")" = t ] && pass || fail "Django's concurrent index"

# Alembic: one row, at head; autogenerate finds nothing to do (migrate's api_events is left alone).
[ "$(q "SELECT string_agg(version_num, ',') FROM alembic_version")" = 0002 ] && pass || fail "alembic_version: $(q "TABLE alembic_version")"
run alembic current
expect_stdout "0002 (head)"
(cd fastapi_project && "$PY" - <<'PY') >"$SCRATCH/diff.out" 2>&1 && pass || fail "alembic autogenerate sees differences: $(cat "$SCRATCH/diff.out")"
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from app.db import engine
from app.models import Base, include_object
with engine.connect() as conn:
    diff = compare_metadata(MigrationContext.configure(conn, opts={"include_object": include_object}), Base.metadata)
assert diff == [], diff
PY

# migrate: every step of both apps applied once, nothing pending; it wrote nothing of the others'.
run "$MIGRATE" status --exit-code
expect_code 0 "migrate status --exit-code after the concurrent run: $STDOUT"
[ "$(q "SELECT app || ':' || count(*) FROM migrate.ledger WHERE status = 'applied' GROUP BY app ORDER BY app" | paste -sd' ')" = "django:12 fastapi:4" ] &&
  pass || fail "ledger: $(q "SELECT app, version, phase, status FROM migrate.ledger ORDER BY 1, 2, 3")"
[ "$(q "SELECT count(*) FROM migrate.ledger WHERE status <> 'applied'")" = 0 ] && pass || fail "ledger rows not applied"
[ "$(q "SELECT count(*) - count(DISTINCT (app, version, phase)) FROM migrate.ledger")" = 0 ] && pass || fail "duplicate ledger rows"
[ "$(q "SELECT count(*) FROM pg_tables WHERE tablename IN ('django_migrations', 'alembic_version') AND schemaname <> 'public'")" = 0 ] &&
  pass || fail "another tool's bookkeeping table outside public"
# The schema each application's models expect.
[ "$(q "SELECT string_agg(column_name || ':' || is_nullable, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'customers'")" = \
  "id:NO,email:NO,email_verified:NO,display_name:YES" ] && pass || fail "customers: $(q "\\d customers")"
[ "$(q "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'api_events'")" = \
  "id:bigint,client_id:bigint,kind:text,created_at:timestamp with time zone,body:jsonb" ] && pass || fail "api_events: $(q "\\d api_events")"
[ "$(q "SELECT string_agg(conname || ':' || convalidated, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid IN ('customers'::regclass, 'orders'::regclass) AND contype IN ('f', 'u', 'c')")" = \
  "customers_email_key:true,orders_customer_id_fkey:true" ] && pass || fail "constraints: $(q "SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass")"
[ "$(q "SELECT count(*) FROM pg_index WHERE NOT indisvalid")" = 0 ] && pass || fail "an invalid index was left behind"

# 2. Both applications on the result.
run django shell -c "
from store.models import Customer, Order, Product
c = Customer.objects.create(email='ada@example.com', display_name='Ada')
Order.objects.create(customer=c, total_cents=1250)
Product.objects.create(sku='TEA-1', name='Tea', price_cents=450)
c = Customer.objects.get(email='ada@example.com')
assert c.email_verified is False and c.display_name == 'Ada', vars(c)
assert [o.total_cents for o in c.orders.all()] == [1250]
print('django ok', Customer.objects.count(), Order.objects.count())
"
expect_code 0 "the Django ORM on migrate's tables"
expect_stdout "django ok 1 1"
(cd fastapi_project && "$PY" - <<'PY') >"$SCRATCH/api.out" 2>&1 && pass || fail "the FastAPI app: $(cat "$SCRATCH/api.out")"
from fastapi.testclient import TestClient
from app.main import app
api = TestClient(app)
r = api.post("/clients", json={"name": "mobile"})
assert r.status_code == 201, r.text
client = r.json()["id"]
r = api.post("/events", json={"client_id": client, "kind": "order.created", "body": {"order_id": 7, "total_cents": 1250}})
assert r.status_code == 201, r.text
event = r.json()["id"]
assert api.get(f"/events/{event}").json()["body"] == {"order_id": 7, "total_cents": 1250}
assert [e["id"] for e in api.get(f"/clients/{client}/events").json()] == [event]
assert api.post("/events", json={"client_id": 999, "kind": "x", "body": {}}).status_code == 404
PY
# Django's foreign key from orders is enforced by the constraint migrate validated.
run q "INSERT INTO orders (customer_id, total_cents) VALUES (424242, 1)"
expect_code 1
expect_stderr "orders_customer_id_fkey"

# 3. Old and new releases between expand and contract, on a second database.
createdb "${OWN_DB}_x" || fail "createdb"
trap 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1; dropdb --if-exists "${OWN_DB}_x" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT
export PGDATABASE="${OWN_DB}_x"
run "$MIGRATE" apply --phase all --app django --to 20251101090000
expect_code 0
run "$MIGRATE" apply --phase all --app fastapi --to 20251102090000
expect_code 0
run alembic upgrade head
expect_code 0
# Rows the first release wrote: the backfills have work to do.
q "INSERT INTO customers (email, full_name, legacy_status) SELECT 'c' || g || '@example.com', 'Customer ' || g,
     CASE WHEN g % 2 = 0 THEN 'verified' END FROM generate_series(1, 3000) g;
   INSERT INTO api_clients (name) VALUES ('web');
   INSERT INTO api_events (client_id, kind, payload) SELECT 1, 'page.viewed', json_build_object('n', g)::text FROM generate_series(1, 3000) g" ||
  fail "seed rows"
run "$MIGRATE" apply --phase expand
expect_code 0 "expand before the deploy"
# The old release, still running, writes the old columns; the trigger fills the new ones.
q "INSERT INTO customers (email, full_name) VALUES ('old@example.com', 'Old Release');
   INSERT INTO api_events (client_id, kind, payload) VALUES (1, 'old', '{\"from\": \"old\"}')" || fail "old release insert"
[ "$(q "SELECT display_name FROM customers WHERE email = 'old@example.com'")" = "Old Release" ] && pass || fail "old write did not reach display_name"
[ "$(q "SELECT body->>'from' FROM api_events WHERE kind = 'old'")" = old ] && pass || fail "old write did not reach body"
# The new release writes only the new columns, through its ORMs; the trigger fills the old ones,
# which the old release still reads (and payload is still NOT NULL).
run django shell -c "
from store.models import Customer
Customer.objects.create(email='new@example.com', display_name='New Release')
Customer.objects.filter(email='old@example.com').update(display_name='Renamed By New')
"
expect_code 0 "the Django ORM during the rename: $STDERR"
[ "$(q "SELECT full_name FROM customers WHERE email = 'new@example.com'")" = "New Release" ] && pass || fail "new write did not reach full_name"
[ "$(q "SELECT full_name FROM customers WHERE email = 'old@example.com'")" = "Renamed By New" ] && pass || fail "new update did not reach full_name"
(cd fastapi_project && "$PY" - <<'PY') >"$SCRATCH/api.out" 2>&1 && pass || fail "the FastAPI app during the type change: $(cat "$SCRATCH/api.out")"
from fastapi.testclient import TestClient
from app.main import app
r = TestClient(app).post("/events", json={"client_id": 1, "kind": "new", "body": {"from": "new"}})
assert r.status_code == 201, r.text
PY
[ "$(q "SELECT payload::jsonb->>'from' FROM api_events WHERE kind = 'new'")" = new ] && pass || fail "new write did not reach payload"
# The rows written before expand are converted by the migrate phase; contract finishes.
[ "$(q "SELECT count(*) FROM customers WHERE display_name IS NULL")" = 3000 ] && pass || fail "rows before expand already converted?"
run "$MIGRATE" apply --phase migrate
expect_code 0 "migrate phase: $STDERR"
[ "$(q "SELECT count(*) FROM customers WHERE display_name IS DISTINCT FROM full_name OR email_verified IS NULL")" = 0 ] && pass || fail "customers not backfilled"
[ "$(q "SELECT count(*) FROM customers WHERE email_verified")" = 1500 ] && pass || fail "email_verified from legacy_status"
[ "$(q "SELECT count(*) FROM api_events WHERE body IS NULL OR body <> payload::jsonb")" = 0 ] && pass || fail "api_events not backfilled"
run "$MIGRATE" apply --phase contract
expect_code 0 "contract after the deploy: $STDERR"
[ "$(q "SELECT count(*) FROM customers WHERE display_name IS NULL")" = 0 ] && pass || fail "display_name after contract"
[ "$(q "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")" = 0 ] && pass || fail "a dual-write trigger is left"
run "$MIGRATE" status --exit-code
expect_code 0
finish
