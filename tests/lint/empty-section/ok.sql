-- A file may leave out any phase: only the sections it has are there.
-- migrate:expand
CREATE TABLE labels (id bigint PRIMARY KEY, name text);
-- migrate:rollback
DROP TABLE labels;

-- A section with only a check has something to do.
-- migrate:migrate
-- migrate:check
SELECT id FROM labels WHERE name IS NULL
-- migrate:rollback
