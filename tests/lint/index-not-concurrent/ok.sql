-- migrate:expand
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- migrate:rollback
DROP INDEX CONCURRENTLY users_email_idx;

-- migrate:migrate
CREATE TABLE things (id bigint PRIMARY KEY, name text);
-- migrate:rollback
DROP TABLE things;

-- migrate:contract
BEGIN;
CREATE INDEX things_name_idx ON things (name);
COMMIT;
CREATE INDEX events_at_idx ON ONLY events (at);
-- migrate:rollback irreversible
