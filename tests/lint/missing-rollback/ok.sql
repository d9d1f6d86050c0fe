-- migrate:expand
CREATE TABLE things (id bigint PRIMARY KEY, name text);
-- migrate:rollback
DROP TABLE things;

-- migrate:migrate
CREATE INDEX CONCURRENTLY things_name ON things (name);

-- migrate:contract
-- (nothing here yet)
