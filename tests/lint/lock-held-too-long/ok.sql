-- migrate:expand
CREATE TABLE things (id bigint PRIMARY KEY, a text);
ALTER TABLE users ADD COLUMN plan text;
ALTER TABLE things ADD COLUMN b text;
CREATE INDEX things_a ON things (a);
-- migrate:rollback
DROP TABLE things;

-- migrate:migrate
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
-- migrate:rollback

-- migrate:contract
-- migrate:no-transaction
ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE orders DROP COLUMN status;
-- migrate:rollback irreversible
