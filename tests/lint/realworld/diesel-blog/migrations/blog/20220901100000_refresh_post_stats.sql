-- migrate:expand
REFRESH MATERIALIZED VIEW post_stats; -- expect: refresh-mv-not-concurrent
-- migrate:rollback
