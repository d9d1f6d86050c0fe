"""Alembic's environment for the API: online against the database of app.db, or offline
(`alembic upgrade --sql`), which is what `migrate lint -` reads in CI."""
from alembic import context
from sqlalchemy import create_engine

from app.db import database_url
from app.models import Base, include_object


def run_offline() -> None:
    context.configure(url=database_url(), target_metadata=Base.metadata, include_object=include_object,
                      literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = create_engine(database_url(), future=True)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
