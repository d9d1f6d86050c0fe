-- migrate:expand
ALTER TABLE users ADD COLUMN plan text;
ALTER TABLE orders ADD COLUMN note text; -- fires (a second table locked)
ALTER TABLE orders ADD COLUMN more text;
-- migrate:rollback
ALTER TABLE orders DROP COLUMN note;

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE users VALIDATE CONSTRAINT users_plan_check; -- fires (a scan under ACCESS EXCLUSIVE)
ALTER TABLE users VALIDATE CONSTRAINT users_other_check;
-- migrate:rollback irreversible
