"""api clients name index

An index on a table that already has rows, built without blocking writes: CREATE INDEX CONCURRENTLY
cannot run in a transaction, so it goes in an autocommit block (Alembic commits the migration's
transaction before it and opens a new one after it). Without postgresql_concurrently,
`alembic upgrade --sql | migrate lint -` reports index-not-concurrent.
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index("api_clients_name_idx", "api_clients", ["name"], postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("api_clients_name_idx", table_name="api_clients", postgresql_concurrently=True)
