-- Statements that only mention dangerous SQL: in comments, strings and a function body that is not run.
-- DROP TABLE events; CREATE INDEX foo ON events (type);
-- migrate:expand
COMMENT ON TABLE events IS 'Never run DROP TABLE events or VACUUM FULL events on a live server';
INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
    (7312, 'events_type_idx', '{"sql": "CREATE INDEX CONCURRENTLY events_type_idx ON events (type)"}');
CREATE OR REPLACE FUNCTION purge_room(p_room_id TEXT) RETURNS void AS $$
BEGIN
    DELETE FROM events WHERE room_id = p_room_id;
    DELETE FROM current_state_events WHERE room_id = p_room_id;
    UPDATE rooms SET is_public = false WHERE room_id = p_room_id;
END
$$ LANGUAGE plpgsql;
ALTER TABLE devices ALTER COLUMN display_name SET STATISTICS 500;
ALTER TABLE user_ips SET (autovacuum_vacuum_scale_factor = 0.01);
-- migrate:rollback
ALTER TABLE user_ips RESET (autovacuum_vacuum_scale_factor);
ALTER TABLE devices ALTER COLUMN display_name SET STATISTICS -1;
DROP FUNCTION IF EXISTS purge_room(TEXT);
DELETE FROM background_updates WHERE update_name = 'events_type_idx';
COMMENT ON TABLE events IS NULL;
