"""The API's tables. ApiClient is Alembic's (alembic/versions); ApiEvent is migrate's
(../migrations/fastapi): its body column replaced the text column payload through an expand /
migrate / contract change, during which a trigger filled each from the other."""
from sqlalchemy import BigInteger, Column, DateTime, Index, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import declarative_base

Base = declarative_base()

# The API owns the api_* tables of the shared database (migrate.toml: [apps.fastapi] owns); of those,
# migrate changes these, Alembic the rest.
MIGRATE_MANAGED = {"api_events"}


def include_object(obj, name, type_, reflected, compare_to):
    """Alembic's filter (alembic/env.py): autogenerate compares the API's own tables only, so it never
    proposes to drop the storefront's tables, migrate's ledger or the tables migrate changes."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    if table is None:
        return True
    return table.schema in (None, "public") and table.name.startswith("api_") and table.name not in MIGRATE_MANAGED


class ApiClient(Base):
    __tablename__ = "api_clients"
    id = Column(BigInteger, primary_key=True)
    name = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    __table_args__ = (Index("api_clients_name_idx", "name"),)


class ApiEvent(Base):
    __tablename__ = "api_events"
    id = Column(BigInteger, primary_key=True)
    client_id = Column(BigInteger, nullable=False)
    kind = Column(Text, nullable=False)
    body = Column(JSONB)  # every release since the change writes it; the column has no NOT NULL yet
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
