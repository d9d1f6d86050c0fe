-- migrate:expand
ALTER TABLE users RENAME COLUMN name TO full_name; -- fires
ALTER TABLE orders RENAME TO purchases; -- fires
ALTER SCHEMA shop RENAME TO store; -- fires
ALTER INDEX users_email_idx RENAME TO users_email_key;
-- migrate:rollback
ALTER TABLE purchases RENAME TO orders; -- fires (rollbacks run in production too)
