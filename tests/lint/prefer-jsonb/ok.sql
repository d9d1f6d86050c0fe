-- migrate:expand
ALTER TABLE events ADD COLUMN payload jsonb;
-- migrate:rollback
