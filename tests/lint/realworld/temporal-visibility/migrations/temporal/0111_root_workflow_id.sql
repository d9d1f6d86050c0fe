-- v1.11: a new column, written by the new server; its scanner fills the old rows afterwards.
-- migrate:expand
ALTER TABLE executions_visibility ADD COLUMN root_workflow_id VARCHAR(255); -- expect: prefer-text
-- migrate:rollback
ALTER TABLE executions_visibility DROP COLUMN IF EXISTS root_workflow_id;
