-- migrate:expand
UPDATE users SET plan = 'free' WHERE id = 5; -- fires
-- migrate:rollback
UPDATE users SET plan = NULL WHERE id = 5;

-- migrate:contract
DELETE FROM sessions WHERE expired; -- fires
INSERT INTO archive SELECT * FROM orders; -- fires
-- migrate:rollback irreversible
