-- migrate:expand
BEGIN;
  CREATE EXTENSION IF NOT EXISTS btree_gist;
  ALTER TABLE worker_task_slots ADD CONSTRAINT worker_task_slots_no_overlap EXCLUDE USING gist (worker_name WITH =, during WITH &&); -- expect: exclusion-constraint
COMMIT;
-- migrate:rollback
BEGIN;
  ALTER TABLE worker_task_slots DROP CONSTRAINT IF EXISTS worker_task_slots_no_overlap;
COMMIT;
