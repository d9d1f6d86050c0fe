-- Pasted from the psql session that was run on staging.
-- migrate:expand
SET lock_timeout = 0; -- expect: lock-timeout-disabled
ALTER TABLE webhooks ADD COLUMN secret_rotated_at timestamptz;
RESET lock_timeout; -- expect: lock-timeout-disabled
-- migrate:rollback
SET lock_timeout TO DEFAULT; -- expect: lock-timeout-disabled
ALTER TABLE webhooks DROP COLUMN IF EXISTS secret_rotated_at;
