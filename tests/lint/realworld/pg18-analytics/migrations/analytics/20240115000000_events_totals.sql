-- PostgreSQL 18: a virtual generated column is computed on read (no rewrite); a stored one rewrites.
-- migrate:expand
ALTER TABLE events ADD COLUMN total numeric GENERATED ALWAYS AS (amount * qty) VIRTUAL; -- expect: not-understood
ALTER TABLE events ADD COLUMN kind_upper text GENERATED ALWAYS AS (upper(kind)) STORED; -- expect: add-column-rewrite
-- migrate:rollback
ALTER TABLE events DROP COLUMN IF EXISTS kind_upper;
ALTER TABLE events DROP COLUMN IF EXISTS total;
