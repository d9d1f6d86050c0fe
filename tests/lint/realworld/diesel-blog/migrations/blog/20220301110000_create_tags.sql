-- migrate:expand
CREATE TABLE tags ( -- expect: prefer-bigint, prefer-identity, prefer-text
  id SERIAL PRIMARY KEY,
  name VARCHAR(50) NOT NULL UNIQUE
);

CREATE TABLE posts_tags ( -- expect: prefer-bigint, fk-without-index
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, tag_id)
);
-- migrate:rollback
DROP TABLE posts_tags;
DROP TABLE tags;
