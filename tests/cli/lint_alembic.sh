# `alembic upgrade --sql` output through `migrate lint -`, on the shop example's FastAPI project
# (Debian's python3-alembic and python3-sqlalchemy under /usr/bin/python3), offline, so no database is
# needed. Its revisions lint clean, the index built CONCURRENTLY in an autocommit block included (the
# COMMIT and BEGIN around it are honoured); a revision that adds a column and then an index the way
# Alembic does by default (in the migration's transaction, without CONCURRENTLY) is an error at its
# line; Alembic's bookkeeping on alembic_version is not a finding.
source "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
if ! "$PY" -c "import alembic, sqlalchemy, psycopg2" 2>/dev/null; then
  fail "Debian's python3-alembic, python3-sqlalchemy and python3-psycopg2 are needed (scripts/test installs them)"
  finish
fi

cp -r "$SOURCE_DIR/migrations-examples/shop/." shop && cd shop
upgrade_sql() { # upgrade_sql RANGE FILE
  (cd fastapi_project && "$PY" -m alembic upgrade "$1" --sql) >"$2" 2>"$SCRATCH/alembic.err" && pass || fail "alembic: $(cat "$SCRATCH/alembic.err")"
}

# Everything from the start, and what a release on an existing database runs (0002 alone): clean.
upgrade_sql head "$SCRATCH/all.sql"
grep -q "CREATE TABLE alembic_version" "$SCRATCH/all.sql" && pass || fail "no bookkeeping in alembic's SQL: $(cat "$SCRATCH/all.sql")"
grep -q "^CREATE INDEX CONCURRENTLY api_clients_name_idx" "$SCRATCH/all.sql" && pass || fail "0002 is not concurrent: $(cat "$SCRATCH/all.sql")"
run "$MIGRATE" lint --app fastapi --format gcc - <"$SCRATCH/all.sql"
expect_code 0 "the example's revisions from the start: $STDOUT"
upgrade_sql 0001:head "$SCRATCH/0002.sql"
run "$MIGRATE" lint --app fastapi --format gcc - <"$SCRATCH/0002.sql"
expect_code 0 "revision 0002 on an existing database: $STDOUT"

# A revision the way Alembic writes it by default.
cat >fastapi_project/alembic/versions/0003_api_client_email.py <<'PYS'
"""api client email"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("api_clients", sa.Column("email", sa.Text, nullable=False, server_default=""))
    op.create_index("api_clients_email_idx", "api_clients", ["email"])


def downgrade() -> None:
    op.drop_index("api_clients_email_idx", table_name="api_clients")
    op.drop_column("api_clients", "email")
PYS
upgrade_sql 0002:head "$SCRATCH/0003.sql"
index_line=$(grep -n "CREATE INDEX api_clients_email_idx" "$SCRATCH/0003.sql" | cut -d: -f1)
[ -n "$index_line" ] && pass || fail "no CREATE INDEX in: $(cat "$SCRATCH/0003.sql")"
run "$MIGRATE" lint --app fastapi --format gcc - <"$SCRATCH/0003.sql"
expect_code 1 "the non-concurrent index is an error"
expect_stdout "<stdin>:$index_line:1: error: CREATE INDEX without CONCURRENTLY blocks writes to api_clients for the whole build [index-not-concurrent]"
expect_not "alembic_version" "$OUT"
run "$MIGRATE" lint --app fastapi --format json - <"$SCRATCH/0003.sql"
"$PY" - "$OUT" <<'PY' && pass || fail "lint --format json of alembic's SQL: $STDOUT"
import json, sys
d = json.load(open(sys.argv[1]))
rules = sorted(f["rule"] for f in d["findings"])
assert "index-not-concurrent" in rules, rules
assert all(f["file"] == "<stdin>" and f["line"] >= 1 for f in d["findings"]), d
PY
finish
