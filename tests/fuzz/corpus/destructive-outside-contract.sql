-- migrate:expand
ALTER TABLE users DROP COLUMN legacy; -- fires
DROP TABLE old_stuff; -- fires
ALTER TABLE users ALTER COLUMN email DROP NOT NULL; -- fires
ALTER TABLE users DROP CONSTRAINT users_check; -- fires
TRUNCATE audit; -- fires
-- migrate:rollback
ALTER TABLE users DROP COLUMN IF EXISTS plan;
DROP TABLE IF EXISTS newer;
