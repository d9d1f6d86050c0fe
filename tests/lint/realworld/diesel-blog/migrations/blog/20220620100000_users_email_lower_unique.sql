-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY users_email_lower_idx ON users (lower(email));
-- migrate:rollback
DROP INDEX CONCURRENTLY users_email_lower_idx;
