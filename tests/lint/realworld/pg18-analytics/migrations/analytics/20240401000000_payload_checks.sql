-- migrate:expand
-- PostgreSQL 16: IS JSON.
ALTER TABLE events ADD CONSTRAINT events_payload_is_object CHECK (payload IS JSON OBJECT) NOT VALID; -- expect: not-understood
ALTER TABLE events ADD CONSTRAINT events_amount_positive CHECK (amount >= 0); -- expect: constraint-not-valid
-- migrate:rollback
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_amount_positive;
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_payload_is_object;
