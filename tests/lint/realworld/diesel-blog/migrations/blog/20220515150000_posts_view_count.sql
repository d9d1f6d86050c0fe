-- migrate:expand
ALTER TABLE posts ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
-- migrate:rollback
ALTER TABLE posts DROP COLUMN view_count;
