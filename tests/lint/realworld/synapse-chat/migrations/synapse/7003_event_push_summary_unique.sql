-- migrate:expand
CREATE UNIQUE INDEX event_push_summary_unique_index2 ON event_push_summary (user_id, room_id, thread_id); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX IF EXISTS event_push_summary_unique_index2; -- expect: drop-index-not-concurrent
