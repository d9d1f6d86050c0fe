-- fires-next
-- migrate:expand
ALTER TABLE users ADD COLUMN plan text;

-- migrate:migrate
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2;
-- migrate:rollback
