-- v1.2
-- migrate:expand
CREATE INDEX by_task_queue ON executions_visibility (namespace_id, task_queue, (COALESCE(close_time, '9999-12-31 23:59:59')) DESC, start_time DESC, run_id); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX IF EXISTS by_task_queue; -- expect: drop-index-not-concurrent
