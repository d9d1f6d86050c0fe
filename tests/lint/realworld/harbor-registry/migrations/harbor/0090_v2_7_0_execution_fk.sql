-- migrate:expand
ALTER TABLE task ADD CONSTRAINT task_execution_id_references_execution_id_on_delete_cascade_fkey FOREIGN KEY (execution_id) REFERENCES execution (id) ON DELETE CASCADE NOT VALID; -- expect: identifier-too-long
-- migrate:rollback
ALTER TABLE task DROP CONSTRAINT IF EXISTS task_execution_id_references_execution_id_on_delete_cascade_fkey; -- expect: identifier-too-long

-- migrate:migrate
ALTER TABLE task VALIDATE CONSTRAINT task_execution_id_references_execution_id_on_delete_cascade_fkey; -- expect: identifier-too-long
-- migrate:rollback
