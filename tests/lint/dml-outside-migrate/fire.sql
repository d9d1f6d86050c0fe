-- migrate:expand
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL; -- fires
-- migrate:rollback
UPDATE users SET plan = NULL WHERE id = 5;

-- migrate:contract
INSERT INTO archive SELECT * FROM orders; -- fires
UPDATE users SET plan = 'pro' WHERE id = 42; -- fires (a data fix by key: not a backfill, still a data change)
-- migrate:rollback irreversible
