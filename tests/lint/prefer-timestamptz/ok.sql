-- migrate:expand
ALTER TABLE events ADD COLUMN happened_at timestamptz;
ALTER TABLE events ADD COLUMN seen_at timestamp with time zone;
-- migrate:rollback
