-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- fires
ALTER TABLE users ADD PRIMARY KEY (id); -- fires
ALTER TABLE users ADD COLUMN code text UNIQUE; -- fires
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT users_email_key;
