-- migrate:migrate
-- migrate:backfill table=users key=id batch=auto
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;
CREATE TABLE staging (id bigint, done boolean);
UPDATE staging SET done = true;
-- migrate:rollback
DROP TABLE staging;

-- migrate:contract
-- PostgreSQL's own tables are not a backfill; nor is a data fix of a few rows by key.
UPDATE users SET plan = 'pro' WHERE id = 42;
DELETE FROM webhooks WHERE id IN (17, 18, 19);
DELETE FROM webhooks WHERE id = ANY (ARRAY[20, 21]);
UPDATE plans AS p SET name = v.name FROM (VALUES ('free', 'Free'), ('pro', 'Pro')) AS v (code, name) WHERE p.code = v.code;
DELETE FROM currencies WHERE code = 'CHF';
UPDATE pg_catalog.pg_type SET typname = typname WHERE false;
DELETE FROM pg_description WHERE false;
DELETE FROM webhooks WHERE id = ANY ('{22,23}'::bigint[]);
-- migrate:rollback irreversible
