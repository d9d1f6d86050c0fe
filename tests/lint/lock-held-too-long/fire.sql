-- migrate:expand
ALTER TABLE users ADD COLUMN tier text;
ALTER TABLE orders ADD COLUMN note text; -- fires (a second table locked)
ALTER TABLE orders ADD COLUMN more text;
-- migrate:rollback
ALTER TABLE orders DROP COLUMN note;

-- migrate:migrate
BEGIN;
LOCK TABLE events IN ACCESS EXCLUSIVE MODE;
INSERT INTO events_archive SELECT * FROM events WHERE old; -- fires (blamed on the LOCK at line 10)
COMMIT;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy;
CREATE INDEX users_plan ON users (plan);
ALTER TABLE users VALIDATE CONSTRAINT users_plan_check; -- fires (the index build was its own finding; this scan is the next slow work)
ALTER TABLE users VALIDATE CONSTRAINT users_other_check;
-- migrate:rollback irreversible
