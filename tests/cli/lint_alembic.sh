# `alembic upgrade --sql` output through `migrate lint -`: a small SQLAlchemy/Alembic project (Debian's
# python3-alembic and python3-sqlalchemy under /usr/bin/python3), offline, so no database is needed.
# The second revision adds a column and then an index the way Alembic does (without CONCURRENTLY, in
# the same transaction): reported at its line; Alembic's BEGIN/COMMIT are honoured; its bookkeeping
# on alembic_version is not a finding.
source "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! "$PY" -c "import alembic, sqlalchemy, psycopg2" 2>/dev/null; then
  fail "Debian's python3-alembic, python3-sqlalchemy and python3-psycopg2 are needed (scripts/test installs them)"
  finish
fi

mkdir -p api/alembic/versions
cat > api/alembic.ini <<'INI'
[alembic]
script_location = alembic
sqlalchemy.url = postgresql://app@localhost/shop
INI
cat > api/alembic/env.py <<'PYS'
from alembic import context

config = context.config
context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
PYS
cat > api/alembic/script.py.mako <<'MAKO'
MAKO
cat > api/alembic/versions/0001_api_clients.py <<'PYS'
"""api clients"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

def upgrade():
    op.create_table("api_client", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("name", sa.Text, nullable=False))

def downgrade():
    op.drop_table("api_client")
PYS
cat > api/alembic/versions/0002_api_client_email.py <<'PYS'
"""api client email"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

def upgrade():
    op.add_column("api_client", sa.Column("email", sa.Text, nullable=False, server_default=""))
    op.create_index("api_client_email_idx", "api_client", ["email"])

def downgrade():
    op.drop_index("api_client_email_idx", table_name="api_client")
    op.drop_column("api_client", "email")
PYS

# Everything from the start: the table is created in the same script, so its index is no hazard.
(cd api && "$PY" -m alembic upgrade head --sql) >"$SCRATCH/all.sql" 2>"$SCRATCH/alembic.err" && pass || fail "alembic: $(cat "$SCRATCH/alembic.err")"
grep -q "CREATE TABLE alembic_version" "$SCRATCH/all.sql" && pass || fail "no bookkeeping in alembic's SQL: $(cat "$SCRATCH/all.sql")"
run "$MIGRATE" lint --format gcc - <"$SCRATCH/all.sql"
expect_code 0 "a table and its index made in one script"
expect_not "alembic_version" "$OUT"

# What a release on an existing database runs: revision 0002 alone. The index is an error at its line.
(cd api && "$PY" -m alembic upgrade 0001:head --sql) >"$SCRATCH/0002.sql" 2>"$SCRATCH/alembic.err" && pass || fail "alembic: $(cat "$SCRATCH/alembic.err")"
index_line=$(grep -n "CREATE INDEX api_client_email_idx" "$SCRATCH/0002.sql" | cut -d: -f1)
[ -n "$index_line" ] && pass || fail "no CREATE INDEX in: $(cat "$SCRATCH/0002.sql")"
run "$MIGRATE" lint --format gcc - <"$SCRATCH/0002.sql"
expect_code 1 "the non-concurrent index is an error"
expect_stdout "<stdin>:$index_line:1: error: CREATE INDEX without CONCURRENTLY blocks writes to api_client for the whole build [index-not-concurrent]"
expect_not "alembic_version" "$OUT"
run "$MIGRATE" lint --format json - <"$SCRATCH/0002.sql"
"$PY" - "$OUT" <<'PY' && pass || fail "lint --format json of alembic's SQL: $STDOUT"
import json, sys
d = json.load(open(sys.argv[1]))
rules = sorted(f["rule"] for f in d["findings"])
assert "index-not-concurrent" in rules, rules
assert all(f["file"] == "<stdin>" and f["line"] >= 1 for f in d["findings"]), d
PY
finish
