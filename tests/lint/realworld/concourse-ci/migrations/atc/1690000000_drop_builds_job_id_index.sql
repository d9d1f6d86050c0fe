-- migrate:contract
BEGIN;
  DROP INDEX CONCURRENTLY IF EXISTS builds_job_id; -- expect: concurrently-in-transaction
COMMIT;
-- migrate:rollback
CREATE INDEX CONCURRENTLY IF NOT EXISTS builds_job_id ON builds (job_id);
