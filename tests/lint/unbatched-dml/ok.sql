-- migrate:migrate
-- migrate:backfill table=users key=id batch=auto
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;
CREATE TABLE staging (id bigint, done boolean);
UPDATE staging SET done = true;
-- migrate:rollback
DROP TABLE staging;
