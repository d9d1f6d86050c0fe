-- migrate:expand
CREATE TABLE posts ( -- expect: prefer-bigint, prefer-identity, prefer-timestamptz
  id SERIAL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  title VARCHAR NOT NULL,
  body TEXT NOT NULL,
  published BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);

CREATE INDEX posts_user_id_idx ON posts (user_id);
SELECT diesel_manage_updated_at('posts');
-- migrate:rollback
DROP TABLE posts;
