-- Nothing new here: an ordinary file of the same project, linted with the same flags.
-- migrate:expand
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_region_idx ON events (region);
ALTER TABLE events ALTER COLUMN qty TYPE bigint; -- expect: column-type-rewrite
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS events_region_idx;
