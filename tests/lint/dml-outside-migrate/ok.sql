-- migrate:expand
INSERT INTO plans (name) VALUES ('free'), ('pro');
CREATE TABLE staging (id bigint, done boolean);
UPDATE staging SET done = true;
-- migrate:rollback
DROP TABLE staging;

-- migrate:migrate
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2;
-- migrate:rollback

-- migrate:contract
-- Unbatched, so unbatched-dml (whose help names the phase): one hazard, one finding.
DELETE FROM sessions WHERE expired;
-- migrate:rollback irreversible
