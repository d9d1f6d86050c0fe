-- The view went stale after the build reaper bug; refresh it with the fix.
-- migrate:migrate
REFRESH MATERIALIZED VIEW latest_completed_builds_per_job; -- expect: refresh-mv-not-concurrent
-- migrate:rollback
