-- migrate:expand
DELETE FROM background_updates WHERE update_name = 'populate_stats_process_rooms'; -- expect: dml-outside-migrate
-- migrate:rollback
