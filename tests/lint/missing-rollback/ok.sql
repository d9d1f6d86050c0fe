-- A file-wide allow covers the section below that has no rollback.
-- migrate:allow missing-rollback reason="the archived rows cannot come back"
-- migrate:expand
CREATE TABLE things (id bigint PRIMARY KEY, name text);
-- migrate:rollback
DROP TABLE things;

-- migrate:migrate
CREATE INDEX CONCURRENTLY things_name ON things (name);

-- migrate:contract
DROP TABLE IF EXISTS archived_things;
