-- migrate:expand
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN plan text;
-- migrate:rollback
DROP INDEX CONCURRENTLY users_email_idx;
