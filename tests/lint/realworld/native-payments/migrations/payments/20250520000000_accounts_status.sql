-- migrate:expand
ALTER TABLE accounts ADD COLUMN status text;
ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'active';
-- migrate:rollback
ALTER TABLE accounts DROP COLUMN IF EXISTS status;

-- migrate:migrate
-- migrate:backfill table=accounts key=id batch=auto
UPDATE accounts SET status = CASE WHEN closed_at IS NULL THEN 'active' ELSE 'closed' END -- expect: backfill-skips-default
 WHERE id > $1 AND id <= $2 AND status IS NULL;
-- migrate:rollback
