-- migrate:expand
CREATE TABLE users ( -- expect: prefer-bigint, prefer-identity, prefer-text, prefer-timestamptz
  id SERIAL PRIMARY KEY,
  username VARCHAR NOT NULL UNIQUE,
  email VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);

SELECT diesel_manage_updated_at('users');
-- migrate:rollback
DROP TABLE users;
