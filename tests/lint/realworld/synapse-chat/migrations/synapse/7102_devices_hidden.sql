-- migrate:expand
ALTER TABLE devices ADD COLUMN hidden BOOLEAN DEFAULT FALSE;
ALTER TABLE devices ADD COLUMN last_seen_ts BIGINT DEFAULT (extract(epoch from now()) * 1000)::bigint;
-- migrate:rollback
ALTER TABLE devices DROP COLUMN last_seen_ts;
ALTER TABLE devices DROP COLUMN hidden;
