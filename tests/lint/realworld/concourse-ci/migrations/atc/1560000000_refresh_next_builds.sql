-- REFRESH ... CONCURRENTLY may run inside a transaction block (unlike CREATE INDEX CONCURRENTLY).
-- migrate:migrate
BEGIN;
  REFRESH MATERIALIZED VIEW CONCURRENTLY next_builds_per_job;
COMMIT;
-- migrate:rollback
