-- migrate:expand
ALTER TABLE posts
  ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED; -- expect: add-column-rewrite
CREATE INDEX posts_tsv_idx ON posts USING GIN (tsv); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX posts_tsv_idx; -- expect: drop-index-not-concurrent
ALTER TABLE posts DROP COLUMN tsv;
