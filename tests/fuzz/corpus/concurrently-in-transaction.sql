-- migrate:expand
BEGIN;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- fires
COMMIT;
-- migrate:rollback
BEGIN;
DROP INDEX CONCURRENTLY users_email_idx; -- fires
COMMIT;
