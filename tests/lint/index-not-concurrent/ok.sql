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
-- Relations made here are new, however they were made.
CREATE TABLE user_copy AS SELECT * FROM users;
CREATE INDEX user_copy_email ON user_copy (email);
SELECT id, email INTO user_emails FROM users;
CREATE INDEX user_emails_email ON user_emails (email);
CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) AS n FROM users WITH NO DATA;
CREATE UNIQUE INDEX user_counts_n ON user_counts (n);
CREATE TEMP TABLE scratch (id bigint);
CREATE INDEX scratch_id ON scratch (id);
-- A function that is only created runs nothing now.
CREATE FUNCTION make_index() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE INDEX users_x ON users (x); END $$;
-- migrate:rollback irreversible
