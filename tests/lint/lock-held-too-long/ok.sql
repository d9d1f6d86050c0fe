-- migrate:expand
CREATE TABLE things (id bigint PRIMARY KEY, a text);
ALTER TABLE users ADD COLUMN plan text;
ALTER TABLE things ADD COLUMN b text;
CREATE INDEX things_a ON things (a);
-- One hazard, one finding: these are index-not-concurrent, unbatched-dml and a single-row insert.
CREATE INDEX users_plan ON users (plan);
UPDATE users SET plan = 'x' WHERE id = 1;
INSERT INTO orders (id, note) VALUES (1, 'a');
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

