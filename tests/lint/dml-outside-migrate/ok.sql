-- migrate:expand
INSERT INTO plans (name) VALUES ('free'), ('pro');
CREATE TABLE staging (id bigint, done boolean);
UPDATE staging SET done = true;
-- migrate:rollback
DROP TABLE staging;

-- migrate:migrate
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2;
-- migrate:rollback
