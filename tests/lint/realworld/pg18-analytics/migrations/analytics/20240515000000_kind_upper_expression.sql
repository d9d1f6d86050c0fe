-- PostgreSQL 17: SET EXPRESSION (rewrites the table for a stored column).
-- migrate:expand
ALTER TABLE events ALTER COLUMN kind_upper SET EXPRESSION AS (lower(kind)); -- expect: not-understood
-- migrate:rollback
ALTER TABLE events ALTER COLUMN kind_upper SET EXPRESSION AS (upper(kind)); -- expect: not-understood
