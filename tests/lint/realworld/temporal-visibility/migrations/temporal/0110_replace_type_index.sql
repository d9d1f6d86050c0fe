-- v1.10: the type index gets the close time; the old one goes.
-- migrate:expand
CREATE INDEX CONCURRENTLY IF NOT EXISTS by_type_close_time ON executions_visibility (namespace_id, workflow_type_name, status, close_time DESC, run_id);
DROP INDEX IF EXISTS by_type_start_time; -- expect: drop-index-not-concurrent
-- migrate:rollback
CREATE INDEX CONCURRENTLY IF NOT EXISTS by_type_start_time ON executions_visibility (namespace_id, workflow_type_name, status, start_time DESC, run_id);
DROP INDEX CONCURRENTLY IF EXISTS by_type_close_time;
