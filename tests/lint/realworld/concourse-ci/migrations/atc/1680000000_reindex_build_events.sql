-- migrate:expand
BEGIN;
  REINDEX INDEX build_events_build_id_event_id; -- expect: reindex-not-concurrent
COMMIT;
-- migrate:rollback
