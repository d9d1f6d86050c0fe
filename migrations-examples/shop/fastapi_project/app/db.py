"""The API's database connection: $DATABASE_URL, or libpq's PG* variables (PGHOST, PGDATABASE,
PGUSER, PGPASSWORD or ~/.pgpass), the same ones `migrate` and the Django storefront read."""
import os

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg2://" + url[len("postgresql://"):]
    # With no host, user or database in the URL, psycopg2 (libpq) takes them from PG* variables.
    return url or "postgresql+psycopg2://"


engine = create_engine(database_url(), future=True, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, future=True)
