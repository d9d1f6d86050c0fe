-- migrate:expand
CREATE OR REPLACE FUNCTION check_partial_state_events() RETURNS trigger AS $BODY$
BEGIN
    IF EXISTS (SELECT 1 FROM rooms WHERE room_id = NEW.room_id AND room_version IS NULL) THEN
        RAISE EXCEPTION 'Incorrect room_id in partial_state_events';
    END IF;
    RETURN NEW;
END;
$BODY$ LANGUAGE plpgsql;

CREATE TRIGGER check_partial_state_events BEFORE INSERT OR UPDATE ON events
    FOR EACH ROW
    EXECUTE PROCEDURE check_partial_state_events();
-- migrate:rollback
DROP TRIGGER IF EXISTS check_partial_state_events ON events;
DROP FUNCTION IF EXISTS check_partial_state_events();
