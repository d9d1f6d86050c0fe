-- migrate:expand
ALTER TABLE events ADD COLUMN instance_name TEXT;
ALTER TABLE events ADD COLUMN rejection_reason TEXT DEFAULT NULL;
-- migrate:rollback
ALTER TABLE events DROP COLUMN IF EXISTS rejection_reason;
ALTER TABLE events DROP COLUMN IF EXISTS instance_name;
