-- PostgreSQL 18: a NOT NULL constraint can be added NOT VALID, then validated without a long lock.
-- migrate:expand
ALTER TABLE events ADD CONSTRAINT events_region_not_null NOT NULL region NOT VALID; -- expect: not-understood
-- migrate:rollback
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_region_not_null;

-- migrate:migrate
ALTER TABLE events VALIDATE CONSTRAINT events_region_not_null;
-- migrate:rollback
