-- migrate:expand
CREATE TABLE comments ( -- expect: prefer-bigint, prefer-identity, fk-without-index
  id SERIAL PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  body TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX comments_post_id_created_at_idx ON comments (post_id, created_at);
-- migrate:rollback
DROP TABLE comments;
