#!/usr/bin/env python3
"""Writes N migration files of about S statements each (sections, rollbacks, a backfill) for benchmarks.

Usage: gen_migrations.py DIR [N=2000] [S=25]. Deterministic: the same arguments give the same files.
"""
import os
import sys

out, n, s = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000, int(sys.argv[3]) if len(sys.argv) > 3 else 25
os.makedirs(out, exist_ok=True)
for i in range(n):
    t = f"t{i}"
    forward = [f"CREATE TABLE {t} (id bigint PRIMARY KEY, email text, created_at timestamptz DEFAULT now(), owner_id bigint)"]
    k = 0
    while len(forward) < s - 6:
        forward.append(f"ALTER TABLE {t} ADD COLUMN c{k} text")
        forward.append(f"CREATE INDEX CONCURRENTLY {t}_c{k}_idx ON {t} (lower(c{k})) WHERE c{k} IS NOT NULL")
        k += 1
    expand = ";\n".join(forward[: len(forward) // 2]) + ";"
    expand2 = ";\n".join(forward[len(forward) // 2 :]) + ";"
    text = f"""-- generated migration {i}
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
    with open(os.path.join(out, f"{1000000 + i}_gen_{i}.sql"), "w") as f:
        f.write(text)
