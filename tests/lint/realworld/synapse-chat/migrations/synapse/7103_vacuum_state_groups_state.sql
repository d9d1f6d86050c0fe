-- Reclaim space after the purge: a plain VACUUM, written the long way.
-- migrate:expand
VACUUM (FULL FALSE, ANALYZE) state_groups_state;
ANALYZE event_json;
-- migrate:rollback
