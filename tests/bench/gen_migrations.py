#!/usr/bin/env python3
"""Writes N migration files of about S statements each for the lint benchmarks. Deterministic.

Usage: gen_migrations.py DIR [N=2000] [S=25] [SHAPE=sections]

SHAPE sections: each file creates a table, adds columns and partial indexes to it, adds a column and a
  NOT VALID check to one shared table (users) with a backfill, and has rollbacks and a contract.
SHAPE catalog: each file creates tables, indexes, a function and a view, with foreign keys to the
  tables of earlier files, so the replayed catalog grows with every file (tables, indexes,
  constraints, functions, views).
"""
import os
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
s = int(sys.argv[3]) if len(sys.argv) > 3 else 25
shape = sys.argv[4] if len(sys.argv) > 4 else "sections"
os.makedirs(out, exist_ok=True)


def sections(i):
    t = f"t{i}"
    forward = [f"CREATE TABLE {t} (id bigint PRIMARY KEY, email text, created_at timestamptz DEFAULT now(), owner_id bigint)"]
    k = 0
    while len(forward) < s - 6:
        forward.append(f"ALTER TABLE {t} ADD COLUMN c{k} text")
        forward.append(f"CREATE INDEX CONCURRENTLY {t}_c{k}_idx ON {t} (lower(c{k})) WHERE c{k} IS NOT NULL")
        k += 1
    expand = ";\n".join(forward[: len(forward) // 2]) + ";"
    expand2 = ";\n".join(forward[len(forward) // 2 :]) + ";"
    return f"""-- generated migration {i}
-- migrate:expand
{expand}
ALTER TABLE users ADD COLUMN f{i} boolean;
ALTER TABLE users ADD CONSTRAINT users_f{i}_check CHECK (f{i} IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_f{i}_check;
ALTER TABLE users DROP COLUMN IF EXISTS f{i};
DROP TABLE IF EXISTS {t};

-- migrate:migrate
-- migrate:backfill table=users key=id batch=auto
UPDATE users SET f{i} = (email LIKE '%@example.com') WHERE id > $1 AND id <= $2 AND f{i} IS NULL;
ALTER TABLE users VALIDATE CONSTRAINT users_f{i}_check;
-- migrate:rollback

-- migrate:contract
-- migrate:no-transaction
{expand2}
-- migrate:rollback irreversible
"""


def catalog(i):
    # Per table: CREATE TABLE, two indexes, a view; per file: a function; until S statements.
    forward, undo = [], []
    j = 0
    while len(forward) < s - 1:
        t = f"g{i}_{j}"
        ref = f"g{i - 1}_0" if i > 0 else None
        fk = f", parent_id bigint REFERENCES {ref} (id)" if ref else ""
        forward.append(f"CREATE TABLE {t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, "
                       f"status text DEFAULT 'new', amount numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(){fk})")
        forward.append(f"CREATE INDEX {t}_name_idx ON {t} (name)")
        forward.append(f"CREATE INDEX {t}_created_idx ON {t} (created_at) WHERE status <> 'done'")
        if ref:
            forward.append(f"CREATE INDEX {t}_parent_idx ON {t} (parent_id)")
        forward.append(f"CREATE VIEW {t}_open AS SELECT id, name, amount FROM {t} WHERE status <> 'done'")
        undo = [f"DROP VIEW IF EXISTS {t}_open", f"DROP TABLE IF EXISTS {t}"] + undo
        j += 1
    forward.append(f"""CREATE FUNCTION f{i}_total(p bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(amount), 0) FROM g{i}_0 WHERE id = p
$$""")
    undo = [f"DROP FUNCTION IF EXISTS f{i}_total(bigint)"] + undo
    sep = ";\n"
    return f"""-- generated migration {i}
-- migrate:expand
{sep.join(forward)};
-- migrate:rollback
{sep.join(undo)};
"""


gen = {"sections": sections, "catalog": catalog}[shape]
for i in range(n):
    with open(os.path.join(out, f"{1000000 + i}_gen_{i}.sql"), "w") as f:
        f.write(gen(i))
