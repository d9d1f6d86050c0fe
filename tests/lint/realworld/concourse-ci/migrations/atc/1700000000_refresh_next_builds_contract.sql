-- migrate:contract
BEGIN;
  REFRESH MATERIALIZED VIEW next_builds_per_job; -- expect: refresh-mv-not-concurrent
COMMIT;
-- migrate:rollback
