-- migrate:expand
ALTER TABLE users ADD COLUMN plan text;
ALTER TABLE orders ADD COLUMN note text; -- fires (a second table locked)
ALTER TABLE orders ADD COLUMN more text;
-- migrate:rollback
ALTER TABLE orders DROP COLUMN note;

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy;
UPDATE users SET plan = 'x' WHERE id = 1; -- fires (rows changed under ACCESS EXCLUSIVE)
UPDATE users SET plan = 'y' WHERE id = 2;
-- migrate:rollback irreversible
