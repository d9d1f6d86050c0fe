-- migrate:migrate
-- migrate:backfill table=users key=id batch=auto
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;
CREATE TABLE staging (id bigint, done boolean);
UPDATE staging SET done = true;
-- migrate:rollback
DROP TABLE staging;

-- migrate:contract
-- PostgreSQL's own tables are not a backfill.
UPDATE pg_catalog.pg_type SET typname = typname WHERE false;
DELETE FROM pg_description WHERE false;
-- migrate:rollback irreversible
