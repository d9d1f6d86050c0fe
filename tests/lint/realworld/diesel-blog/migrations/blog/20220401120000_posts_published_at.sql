-- migrate:expand
ALTER TABLE posts ADD COLUMN published_at TIMESTAMP; -- expect: prefer-timestamptz
UPDATE posts SET published_at = created_at WHERE published; -- expect: unbatched-dml
-- migrate:rollback
ALTER TABLE posts DROP COLUMN published_at;
