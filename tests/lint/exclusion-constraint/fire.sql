-- migrate:expand
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&); -- fires
-- migrate:rollback
ALTER TABLE bookings DROP CONSTRAINT no_overlap;
