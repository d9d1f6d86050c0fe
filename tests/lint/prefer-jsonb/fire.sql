-- migrate:expand
ALTER TABLE events ADD COLUMN payload json; -- fires
-- migrate:rollback
