-- migrate:expand
ALTER TABLE posts DROP COLUMN published; -- expect: destructive-outside-contract
-- migrate:rollback
ALTER TABLE posts ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
