-- v1.3
-- migrate:expand
ALTER TABLE executions_visibility ADD COLUMN history_size_bytes BIGINT NULL;
ALTER TABLE executions_visibility ADD COLUMN parent_workflow_id VARCHAR(255) NULL; -- expect: prefer-text
-- migrate:rollback
ALTER TABLE executions_visibility DROP COLUMN IF EXISTS parent_workflow_id;
ALTER TABLE executions_visibility DROP COLUMN IF EXISTS history_size_bytes;
