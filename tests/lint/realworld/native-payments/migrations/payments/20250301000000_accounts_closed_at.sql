-- migrate:expand
-- migrate:lock-timeout=5s
ALTER TABLE accounts ADD COLUMN closed_at timestamptz;
-- migrate:rollback
ALTER TABLE accounts DROP COLUMN IF EXISTS closed_at;
