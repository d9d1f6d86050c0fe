-- migrate:expand
CREATE MATERIALIZED VIEW post_stats AS
  SELECT p.id AS post_id, count(c.id) AS comments, max(c.created_at) AS last_comment_at
    FROM posts p LEFT JOIN comments c ON c.post_id = p.id
   GROUP BY p.id;
CREATE UNIQUE INDEX post_stats_post_id_idx ON post_stats (post_id);
-- migrate:rollback
DROP MATERIALIZED VIEW post_stats;
