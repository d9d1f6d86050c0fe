-- migrate:expand
ALTER TABLE posts ADD COLUMN slug VARCHAR;
UPDATE posts SET slug = lower(replace(title, ' ', '-')); -- expect: unbatched-dml
ALTER TABLE posts ALTER COLUMN slug SET NOT NULL; -- expect: set-not-null-scan
CREATE UNIQUE INDEX posts_slug_idx ON posts (slug); -- expect: index-not-concurrent
-- migrate:rollback
ALTER TABLE posts DROP COLUMN slug;
