-- migrate:expand
ALTER TABLE users DROP COLUMN legacy; -- fires
DROP TABLE old_stuff; -- fires
ALTER TABLE users DROP CONSTRAINT users_pkey; -- fires (a primary key, not swapped)
TRUNCATE audit; -- fires
DROP VIEW report_v; -- fires (not created again)
DROP TYPE mood; -- fires
DROP SCHEMA legacy CASCADE; -- fires
DROP MATERIALIZED VIEW totals; -- fires
DROP TYPE status CASCADE; -- fires (CASCADE drops the columns of that type: creating it again brings none back)
CREATE TYPE status AS ENUM ('a', 'b');
ALTER TABLE users DROP CONSTRAINT users_email_key CASCADE; -- fires (and the foreign keys that depend on it)
-- migrate:rollback
ALTER TABLE users DROP COLUMN IF EXISTS plan;
DROP TABLE IF EXISTS newer;

-- migrate:migrate
-- migrate:no-transaction
DROP VIEW active_users; -- fires (outside a transaction the old code sees it missing)
CREATE VIEW active_users AS SELECT * FROM users WHERE active;
-- migrate:rollback
