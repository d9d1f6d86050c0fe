-- migrate:expand
ALTER TABLE events ADD COLUMN happened_at timestamp; -- fires
ALTER TABLE events ADD COLUMN seen_at timestamp(3) without time zone; -- fires
-- migrate:rollback
