-- migrate:expand
BEGIN;
  CREATE INDEX builds_job_id ON builds (job_id); -- expect: index-not-concurrent
COMMIT;
-- migrate:rollback
BEGIN;
  DROP INDEX builds_job_id; -- expect: drop-index-not-concurrent
COMMIT;
