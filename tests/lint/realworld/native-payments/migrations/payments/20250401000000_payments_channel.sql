-- migrate:expand
ALTER TABLE payments ADD COLUMN channel text;
-- migrate:rollback
ALTER TABLE payments DROP COLUMN IF EXISTS channel;

-- expect-next: missing-rollback
-- migrate:migrate
-- migrate:backfill table=payments key=id batch=auto
UPDATE payments SET channel = 'card' WHERE id > $1 AND id <= $2 AND channel IS NULL;
