-- v1.13: every row has root_workflow_id now; make it NOT NULL the safe way.
-- migrate:expand
ALTER TABLE executions_visibility ADD CONSTRAINT root_workflow_id_not_null CHECK (root_workflow_id IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE executions_visibility DROP CONSTRAINT IF EXISTS root_workflow_id_not_null;

-- migrate:migrate
ALTER TABLE executions_visibility VALIDATE CONSTRAINT root_workflow_id_not_null;
ALTER TABLE executions_visibility ALTER COLUMN root_workflow_id SET NOT NULL;
ALTER TABLE executions_visibility DROP CONSTRAINT root_workflow_id_not_null;
-- migrate:rollback
ALTER TABLE executions_visibility ALTER COLUMN root_workflow_id DROP NOT NULL;
