-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
-- migrate:rollback
DROP INDEX CONCURRENTLY users_email_key;

-- migrate:migrate
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
CREATE TABLE fresh (id bigint, code text);
ALTER TABLE fresh ADD PRIMARY KEY (id);
ALTER TABLE fresh ADD CONSTRAINT fresh_code UNIQUE (code);
-- migrate:rollback
DROP TABLE fresh;
