-- migrate:expand
ALTER TABLE users ADD COLUMN plan text NOT NULL; -- fires
ALTER TABLE users ADD COLUMN tier text NOT NULL DEFAULT 'free';
-- migrate:rollback
ALTER TABLE users DROP COLUMN plan;
