-- migrate:expand
ALTER TABLE users ADD COLUMN a text;
SELEC 1; -- fires
-- migrate:rollback
