-- migrate:expand
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN code varchar;
-- migrate:rollback
