-- pg-version: 18
-- migrate:expand
CREATE INDEX CONCURRENTLY events_at ON events (at);
ALTER TABLE events ADD COLUMN total int GENERATED ALWAYS AS (a + b) STORED;
-- migrate:rollback
ALTER TABLE events DROP COLUMN total;
