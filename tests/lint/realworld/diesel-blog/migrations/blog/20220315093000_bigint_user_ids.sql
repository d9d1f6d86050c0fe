-- migrate:expand
ALTER TABLE users ALTER COLUMN id TYPE BIGINT; -- expect: column-type-rewrite
ALTER TABLE posts ALTER COLUMN user_id TYPE BIGINT; -- expect: column-type-rewrite
ALTER TABLE comments ALTER COLUMN user_id TYPE BIGINT; -- expect: column-type-rewrite
-- migrate:rollback
ALTER TABLE comments ALTER COLUMN user_id TYPE INTEGER; -- expect: column-type-rewrite, prefer-bigint
ALTER TABLE posts ALTER COLUMN user_id TYPE INTEGER; -- expect: column-type-rewrite, prefer-bigint
ALTER TABLE users ALTER COLUMN id TYPE INTEGER; -- expect: column-type-rewrite, prefer-bigint
